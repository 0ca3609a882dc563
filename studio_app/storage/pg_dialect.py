"""The migrations' SQLite statements as PostgreSQL runs them, so both engines share one
numbered chain of steps (``storage/sql``) and one schema.

What differs, and how it is kept the same:

- column types: dates and times stay ISO text, integers are 64-bit, lengths are not
  enforced (SQLite never did; the services check them), flags stay 0/1 integers;
- ``INTEGER PRIMARY KEY`` ids become identity columns;
- a search index (an FTS5 table) becomes a table of the same documents and their words (an
  array with a GIN index: each word, and each pair of neighbouring words as ``a_b``), kept
  by the same triggers (``services.lists.text_search``);
- a trigger becomes a PL/pgSQL function and a trigger calling it; a live count's keeps its
  counter once per statement, from the statement's transition tables;
- ``INSERT OR IGNORE`` becomes ``ON CONFLICT DO NOTHING``, and ``NOT "flag"`` ``"flag" = 0``;
- SQLite's functions the SQL uses (``search_doc``, ``datetime``, ``instr``, ``ifnull``,
  ``group_concat``, scalar ``min``/``max``, ``sum`` of a condition) exist as functions of
  the database (:data:`COMPAT`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_FULL = "".join(map(chr, range(0xFF01, 0xFF5F))) + "\u3000"  # full-width ASCII, ideographic space
_FULL_ALNUM = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"  # ０-９ Ａ-Ｚ ａ-ｚ
_HALF = "".join(map(chr, range(0x21, 0x7F))).replace("'", "''") + " "
_CJK = (
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    r"\U00020000-\U0003134f]"
)  # core.search_text._SPLIT, in PostgreSQL's escapes

# Created or replaced at every migration run, before the steps: what the steps and the
# services' SQL call.
COMPAT = (
    # core.search_text.index_text, as the words the search sees: every CJK character its
    # own word, full-width ASCII halved, case folded, one space around every word
    # (halving only where a full-width letter or digit occurs: full-width punctuation parts
    # words halved or not, and translate() costs as much as the rest together)
    f"""CREATE OR REPLACE FUNCTION search_doc(VARIADIC parts text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ' ' || btrim(regexp_replace(regexp_replace(lower(
      CASE WHEN s ~ '[{_FULL_ALNUM}]' THEN translate(s, '{_FULL}', '{_HALF}') ELSE s END),
      '({_CJK})', ' \\1 ', 'g'), '[^[:alnum:]{_CJK[1:-1]}]+', ' ', 'g')) || ' '
    FROM array_to_string(parts, ' ') AS s $$""",
    # The search index's words of a document: each word and each pair of neighbours (a
    # word never holds "_"), so that a two-character term is one lookup in the index.
    """CREATE OR REPLACE FUNCTION search_words(doc text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT w || ARRAY(SELECT w[i] || '_' || w[i + 1]
                      FROM generate_series(1, cardinality(w) - 1) AS i)
    FROM string_to_array(btrim(doc), ' ') AS w $$""",
    """CREATE OR REPLACE FUNCTION datetime(what text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') WHERE what = 'now'
    $$""",
    """CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$ SELECT strpos(haystack, needle) $$""",
    """CREATE OR REPLACE FUNCTION ifnull(a anyelement, b anyelement) RETURNS anyelement
    LANGUAGE sql IMMUTABLE AS $$ SELECT COALESCE(a, b) $$""",
    """CREATE OR REPLACE FUNCTION group_concat_step(state text, value text, sep text)
    RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN state WHEN state IS NULL THEN value
                ELSE state || sep || value END $$""",
    """CREATE OR REPLACE FUNCTION group_concat_step(state text, value text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT group_concat_step(state, value, ',') $$""",
    "CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = group_concat_step, "
    "STYPE = text)",
    "CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = group_concat_step, STYPE = text)",
    # SQLite's scalar min(a, b, …) and max(a, b, …): NULL when any argument is
    *(
        f"""CREATE OR REPLACE FUNCTION {name}(VARIADIC items {kind}[]) RETURNS {kind}
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN array_position(items, NULL) IS NULL
                THEN (SELECT {name}(i) FROM unnest(items) AS i) END $$"""
        for name in ("min", "max")
        for kind in ("text", "bigint")
    ),
    # SQLite's JSON functions over the JSON text the exchange stages: json_each (as
    # json_items: the name is PostgreSQL's own), json_extract with a path ('$[0]', '$.key'),
    # json_quote
    """CREATE OR REPLACE FUNCTION json_items(doc text) RETURNS TABLE (key bigint, value text)
    LANGUAGE sql IMMUTABLE AS $$
    SELECT i - 1, CASE jsonb_typeof(e) WHEN 'string' THEN e #>> '{}' ELSE e::text END
    FROM jsonb_array_elements(doc::jsonb) WITH ORDINALITY AS a (e, i) $$""",
    """CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE jsonb_typeof(v) WHEN 'string' THEN v #>> '{}' WHEN 'null' THEN NULL
                WHEN 'boolean' THEN CASE WHEN v = 'true' THEN '1' ELSE '0' END
                ELSE v::text END
    FROM (SELECT jsonb_path_query_first(doc::jsonb, path::jsonpath) AS v) AS found $$""",
    """CREATE OR REPLACE FUNCTION json_quote(value text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT to_json(value)::text $$""",
    # SQLite counts with SUM(condition)
    """CREATE OR REPLACE FUNCTION sum_flag_step(total bigint, value boolean) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS $$ SELECT total + CASE WHEN value THEN 1 ELSE 0 END $$""",
    "CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = sum_flag_step, STYPE = bigint, "
    "INITCOND = '0')",
)

_TYPES = (
    (re.compile(r"(\s)DATETIME\b"), r"\1TEXT"),
    (re.compile(r"(\s)DATE\b"), r"\1TEXT"),
    (re.compile(r"(\s)VARCHAR\(\d+\)"), r"\1TEXT"),
    (re.compile(r"(\s)INTEGER\b"), r"\1BIGINT"),
    (re.compile(r"(\s)REAL\b"), r"\1DOUBLE PRECISION"),
    (re.compile(r"(\s)BLOB\b"), r"\1BYTEA"),
)
_ROWID_ID = re.compile(r'("?id"?) INTEGER NOT NULL PRIMARY KEY', re.I)
_FTS = re.compile(r"CREATE VIRTUAL TABLE (\w+) USING fts5\(", re.I)
_TRIGGER = re.compile(
    r"CREATE TRIGGER (?P<name>\w+) (?P<when>AFTER|BEFORE) (?P<event>INSERT|DELETE|UPDATE"
    r"(?: OF [\w\", ]+?)?) ON (?P<table>\"?\w+\"?)\s*(?:WHEN (?P<cond>.+?))?\s*BEGIN\s*"
    r"(?P<body>.*)\bEND$",
    re.I | re.S,
)
# an FTS5 "delete" command: take a document out of the index
_FTS_DELETE = re.compile(
    r"INSERT INTO (\w+)\(\1, rowid, doc\) (?:VALUES \('delete', (\w+)\.id, .*\)|SELECT 'delete', "
    r"(\w+)\.id, .*?)(?: WHERE (.*))?$",
    re.I | re.S,
)


def _column_types(sql: str) -> str:
    sql = _ROWID_ID.sub(r"\1 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql)
    for pattern, replacement in _TYPES:
        sql = pattern.sub(replacement, sql)
    return sql


def _body_statement(sql: str) -> str:
    sql = sql.strip()
    found = _FTS_DELETE.match(sql)
    if found:
        table, row = found.group(1), found.group(2) or found.group(3)
        return f"DELETE FROM {table} WHERE rowid = {row}.id"
    return _plain(sql)


_LIVE_COUNT = re.compile(r"UPDATE live_count SET n = n .* WHERE table_name = '(\w+)'", re.S)
# A live count as PostgreSQL keeps it: once per statement from its transition tables. Once
# per row, as SQLite does, a transaction inserting n rows would write the counter's row n
# times, each a new version of it to step over: n² work for an import.
_COUNTED = {
    "INSERT": ("REFERENCING NEW TABLE AS changed_rows",
               "(SELECT count(*) FROM changed_rows WHERE deleted_at IS NULL)"),
    "DELETE": ("REFERENCING OLD TABLE AS changed_rows",
               "-(SELECT count(*) FROM changed_rows WHERE deleted_at IS NULL)"),
    "UPDATE": ("REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows",
               "(SELECT count(*) FILTER (WHERE a.deleted_at IS NULL AND b.deleted_at IS NOT NULL)"
               " - count(*) FILTER (WHERE a.deleted_at IS NOT NULL AND b.deleted_at IS NULL)"
               " FROM before_rows b JOIN after_rows a ON a.id = b.id)"),
}  # fmt: skip


def _count_trigger(found: re.Match[str], counted: str) -> list[str]:
    name, table = found["name"], found["table"]
    event = found["event"].split()[0].upper()  # UPDATE OF deleted_at: any update, compared
    rows, change = _COUNTED[event]
    function = (
        f"CREATE OR REPLACE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n  UPDATE live_count SET n = n + {change} WHERE table_name = '{counted}';\n"
        "  RETURN NULL;\nEND $$"
    )
    trigger = (
        f"CREATE TRIGGER {name} AFTER {event} ON {table} {rows} FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {name}_fn()"
    )
    return [function, trigger]


def _trigger(found: re.Match[str]) -> list[str]:
    name, table = found["name"], found["table"]
    counted = _LIVE_COUNT.search(found["body"])
    if counted is not None:
        return _count_trigger(found, counted.group(1))
    body = [s for s in (_body_statement(s) for s in found["body"].split(";")) if s]
    steps = "".join(f"  {s};\n" for s in body)
    function = (
        f"CREATE OR REPLACE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{steps}  RETURN NULL;\nEND $$"
    )
    when = f" WHEN ({found['cond'].strip()})" if found["cond"] else ""
    trigger = (
        f"CREATE TRIGGER {name} {found['when']} {found['event']} ON {table} FOR EACH ROW{when} "
        f"EXECUTE FUNCTION {name}_fn()"
    )
    return [function, trigger]


def _plain(sql: str) -> str:
    sql = re.sub(r'\bNOT ("\w+")', r"\1 = 0", sql)  # a 0/1 flag, not a boolean
    if re.match(r"INSERT OR IGNORE INTO", sql, re.I):
        return re.sub(r"INSERT OR IGNORE INTO", "INSERT INTO", sql, count=1, flags=re.I) + (
            " ON CONFLICT DO NOTHING"
        )
    return sql


_CREATE = re.compile(r'CREATE TABLE ("?\w+"?)', re.I)
_REFERENCE = re.compile(
    r'(?P<column>"\w+") (?P<type>\w+)(?P<null> NOT NULL)? (?P<ref>REFERENCES "(?P<target>\w+)" '
    r'\("\w+"\)(?: ON DELETE (?:RESTRICT|CASCADE|SET NULL|NO ACTION))?)'
)


def later_references(statement: str, exists: Callable[[str], bool]) -> tuple[str, list[str]]:
    """``statement`` without its references to tables not created yet, and the statements
    that add them once they are (SQLite accepts such a reference; PostgreSQL does not, and
    a kind's step builds today's declaration, which may point to a later kind)."""
    created = _CREATE.match(statement.strip())
    if not created:
        return statement, []
    later: list[str] = []

    def strip(m: re.Match[str]) -> str:
        if exists(m["target"]):
            return m.group(0)
        later.append(f"ALTER TABLE {created.group(1)} ADD FOREIGN KEY ({m['column']}) {m['ref']}")
        return f"{m['column']} {m['type']}{m['null'] or ''}"

    return _REFERENCE.sub(strip, statement), later


def target_of(alter: str) -> str:
    """The table an ``ALTER TABLE … REFERENCES`` of :func:`later_references` waits for."""
    found = re.search(r'REFERENCES "(\w+)"', alter)
    assert found is not None
    return found.group(1)


def search_words_of(table: str) -> list[str]:
    """The statements giving a search index table its words (:data:`COMPAT`'s
    ``search_words``) and their GIN index."""
    return [
        f"ALTER TABLE {table} ADD COLUMN tokens TEXT[] "
        "GENERATED ALWAYS AS (search_words(doc)) STORED",
        f"CREATE INDEX {table}_tokens ON {table} USING gin (tokens)",
    ]


# Search index tables made before their words held pairs of neighbours.
OLDER_SEARCH_WORDS = (
    "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
    "AND column_name = 'tokens' AND generation_expression NOT LIKE '%search_words%'"
)


def translate(statement: str) -> list[str]:
    """The PostgreSQL statements that do what the SQLite ``statement`` does."""
    sql = statement.strip().rstrip(";").strip()
    fts = _FTS.match(sql)
    if fts:
        table = fts.group(1)
        return [
            f"CREATE TABLE {table} (rowid BIGINT PRIMARY KEY, doc TEXT NOT NULL)",
            *search_words_of(table),
        ]
    trigger = _TRIGGER.match(sql)
    if trigger:
        return _trigger(trigger)
    if re.match(r"(CREATE TABLE|ALTER TABLE \S+ ADD COLUMN)", sql, re.I):
        sql = re.sub(r"\)\s*WITHOUT ROWID$", ")", _column_types(sql), flags=re.I)
    return [_plain(sql)]
