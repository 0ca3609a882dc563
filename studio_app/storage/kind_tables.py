"""The tables of a record kind, from its declaration: peewee models and the migration's SQL.

A kind with a hand-written model in :mod:`studio_app.storage.models` uses it; any other kind
gets a model built from its fields (one column per field, ``<key>_id`` for a member, resident
or other linked record, a link table per :class:`~studio_app.core.kinds.LinkTable`).
:func:`statements` is what a kind's migration runs: its tables, indexes, full-text index and
live-count triggers, all generated from the declaration.
"""

from __future__ import annotations

from functools import cache

import peewee as pw

from studio_app.core import kinds
from studio_app.core.fields import SINGLE_LINKS, Field, Kind, rows_table, target
from studio_app.storage import models

_COLUMN: dict[Kind, type[pw.Field]] = {
    Kind.TEXT: pw.CharField,
    Kind.LONGTEXT: pw.TextField,
    Kind.INT: pw.IntegerField,
    Kind.BOOL: pw.BooleanField,
    Kind.DATE: pw.DateField,
    Kind.DATETIME: pw.DateTimeField,
    Kind.ENUM: pw.CharField,
    Kind.CODE: pw.CharField,
    Kind.PHONE: pw.CharField,
    Kind.ID_NUMBER: pw.CharField,
}
_LINKS = (Kind.MEMBERS, Kind.RESIDENTS)
_APART = (*_LINKS, Kind.ROWS)  # kept in tables of their own, not as columns of the record


def _declared(table: str) -> type[models.BaseModel] | None:
    for value in vars(models).values():
        if (
            isinstance(value, type)
            and issubclass(value, models.BaseModel)
            and value._meta.table_name == table
        ):
            return value
    return None


def _column(fld: Field) -> pw.Field:
    if fld.kind in SINGLE_LINKS:
        return pw.ForeignKeyField(model(kinds.kind(target(fld))), null=True,
                                  backref="+", on_delete="RESTRICT")  # fmt: skip
    column = _COLUMN[fld.kind]
    if column in (pw.DateField, pw.DateTimeField):
        return column(null=not fld.required)
    if column is pw.CharField:
        return pw.CharField(fld.max_len or 100, default="")
    if column is pw.BooleanField:
        return pw.BooleanField(default=False)
    if column is pw.IntegerField:
        return pw.IntegerField(default=0)
    return pw.TextField(default="")


@cache
def model(kind: kinds.RecordKind) -> type[models.SyncedModel]:
    """The peewee model of ``kind``'s table."""
    found = _declared(kind.name)
    if found is not None:
        return found  # type: ignore[return-value]
    attrs: dict[str, object] = {"__module__": __name__}
    for fld in kind.fields:
        if fld.kind not in _APART:
            attrs[fld.key] = _column(fld)
    if kind.status is not None:
        attrs["status"] = pw.CharField(16)
    for link in kind.links:
        if link.names_column:
            attrs[link.names_column] = pw.CharField(300, default="")
    attrs["Meta"] = type("Meta", (), {"table_name": kind.name})
    name = "".join(part.title() for part in kind.name.split("_"))
    return type(name, (models.SyncedModel,), attrs)


@cache
def link_model(kind: kinds.RecordKind, key: str) -> type[models.BaseModel]:
    """The peewee model of ``kind``'s link table for field ``key``."""
    link = kind.link(key)
    found = _declared(link.table)
    if found is not None:
        return found
    owner = link.owner.removesuffix("_id")
    target = link.target.removesuffix("_id")
    attrs: dict[str, object] = {
        "__module__": __name__,
        owner: pw.ForeignKeyField(model(kind), backref="+", on_delete="CASCADE"),
        target: pw.ForeignKeyField(
            model(kinds.kind(link.target_kind)), backref="+", on_delete="RESTRICT"
        ),
        "position": pw.IntegerField(default=0),
        "Meta": type(
            "Meta",
            (),
            {
                "table_name": link.table,
                "primary_key": pw.CompositeKey(owner, target),
                "without_rowid": True,
            },
        ),
    }
    name = "".join(part.title() for part in link.table.split("_"))
    return type(name, (models.BaseModel,), attrs)


@cache
def rows_model(kind: kinds.RecordKind, key: str) -> type[models.BaseModel]:
    """The peewee model of the table keeping ``kind``'s rows of field ``key`` (one row per
    item, in ``position`` order, ``<kind>_id`` its record)."""
    fld = kind.field(key)
    if fld.kind is not Kind.ROWS:
        raise KeyError(f"{kind.name}.{key} is not a ROWS field")
    table = rows_table(kind.name, key)
    attrs: dict[str, object] = {
        "__module__": __name__,
        kind.name: pw.ForeignKeyField(model(kind), backref="+", on_delete="CASCADE"),
        "position": pw.IntegerField(default=0),
        "Meta": type("Meta", (), {"table_name": table,
                                  "indexes": (((f"{kind.name}_id", "position"), True),)}),
    }  # fmt: skip
    for col in fld.columns:
        attrs[col.key] = _column(col)
    name = "".join(part.title() for part in table.split("_"))
    return type(name, (models.BaseModel,), attrs)


def rows_fields(kind: kinds.RecordKind) -> tuple[Field, ...]:
    """``kind``'s ROWS fields."""
    return tuple(f for f in kind.fields if f.kind is Kind.ROWS)


def search_columns(kind: kinds.RecordKind) -> tuple[str, ...]:
    """What the full-text index of ``kind`` reads: serial, linked names, declared columns."""
    names = tuple(link.names_column for link in kind.links if link.names_column)
    return ("serial", *names, *kind.search)


def _table_sql(db: pw.Database, table: type[models.BaseModel]) -> list[str]:
    with db.bind_ctx([table], bind_refs=False, bind_backrefs=False):
        schema = table._schema  # type: ignore[attr-defined]
        out = [schema._create_table(safe=False).query()[0]]
        out += [ctx.query()[0] for ctx in schema._create_indexes(safe=False)]
    return out


def _search_sql(kind: kinds.RecordKind) -> list[str]:
    t, fts = kind.name, kind.fts
    cols = search_columns(kind)

    def doc(row: str) -> str:
        return f"search_doc({', '.join(f'{row}.{c}' for c in cols)})"

    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(doc, content='', detail='full', "
        f'tokenize="unicode61 remove_diacritics 0")',
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {t} WHEN new.deleted_at IS NULL BEGIN "
        f"INSERT INTO {fts}(rowid, doc) VALUES (new.id, {doc('new')}); END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {', '.join(cols)}, deleted_at ON {t} "
        f"BEGIN INSERT INTO {fts}({fts}, rowid, doc) SELECT 'delete', old.id, {doc('old')} "
        f"WHERE old.deleted_at IS NULL; INSERT INTO {fts}(rowid, doc) SELECT new.id, "
        f"{doc('new')} WHERE new.deleted_at IS NULL; END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {t} WHEN old.deleted_at IS NULL BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, doc) VALUES ('delete', old.id, {doc('old')}); END",
    ]


def _count_sql(t: str) -> list[str]:
    return [
        f"INSERT INTO live_count VALUES ('{t}', 0)",
        f"CREATE TRIGGER {t}_count_insert AFTER INSERT ON {t} WHEN new.deleted_at IS NULL "
        f"BEGIN UPDATE live_count SET n = n + 1 WHERE table_name = '{t}'; END",
        f"CREATE TRIGGER {t}_count_delete AFTER DELETE ON {t} WHEN old.deleted_at IS NULL "
        f"BEGIN UPDATE live_count SET n = n - 1 WHERE table_name = '{t}'; END",
        f"CREATE TRIGGER {t}_count_trash AFTER UPDATE OF deleted_at ON {t} "
        f"WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN "
        f"UPDATE live_count SET n = n + (CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END) "
        f"WHERE table_name = '{t}'; END",
    ]


_UNSORTED = (*_APART, *SINGLE_LINKS, Kind.LONGTEXT)  # lists do not sort by these
_GROUPING = (Kind.ENUM, Kind.CODE, Kind.BOOL)  # few values: sorted by the date within each


def sort_keys(kind: kinds.RecordKind) -> tuple[str, ...]:
    """The columns a list of ``kind`` sorts by: its serial, the list, title and date fields
    it can sort (not people, links, rows or long texts), its status, ``created_at``."""
    fields = dict.fromkeys(k for k in (*kind.list_fields, kind.title_key, kind.date_key) if k)
    own = [k for k in fields if kind.field(k).kind not in _UNSORTED]
    return ("serial", *own, *(["status"] if kind.status else []), "created_at")


def sort_terms(kind: kinds.RecordKind, key: str, table: str = "") -> tuple[str, ...]:
    """What a list of ``kind`` orders column ``key`` by, before the id (``table``: the
    alias the columns are qualified with, e.g. ``"t."``): a date or serial some records
    lack as '' (never NULL: keyset paging compares it), a code, choice, flag or status and
    then the date (newest first within each, as the visits list), others as they are. Each
    has an index over live rows (:func:`statements`), so a page reads one page."""
    column = f'{table}"{key}"'
    if key == "serial":
        return (f"COALESCE({column}, '')",)
    fld = kind.field(key) if key not in ("status", "created_at") else None
    if fld is not None and fld.kind in (Kind.DATE, Kind.DATETIME) and not fld.required:
        return (f"COALESCE({column}, '')",)
    grouped = key == "status" or (fld is not None and fld.kind in _GROUPING)
    if grouped and kind.date_key:
        return (column, *sort_terms(kind, kind.date_key, table))
    return (column,)


def _sort_sql(kind: kinds.RecordKind) -> list[str]:
    """An index over live rows on the terms of each column a list sorts by (the date's is
    made with the table, under the name the statistics look for)."""
    out = []
    for key in sort_keys(kind):
        terms = sort_terms(kind, key)
        if key != kind.date_key or terms != (f'"{key}"',):
            out.append(
                f'CREATE INDEX "{kind.name}_sort_{key}" ON "{kind.name}" ({", ".join(terms)}) '
                'WHERE "deleted_at" IS NULL'
            )
    return out


def _member_sql(kind: kinds.RecordKind) -> list[str]:
    """A live index per member or record field, with the date: a member's records, newest
    first (the list filtered by member, a member's latest contact), an observation point's
    observations over time."""
    if not kind.date_key:
        return []
    return [
        f'CREATE INDEX "{kind.name}_live_{f.key}" ON "{kind.name}" '
        f'("{f.key}_id", "{kind.date_key}") WHERE "deleted_at" IS NULL'
        for f in kind.fields
        if f.kind in (Kind.MEMBER, Kind.RECORD)
    ]


def statements(kind: kinds.RecordKind, db: pw.Database | None = None) -> list[str]:
    """The SQL that creates ``kind``'s tables: what its migration runs."""
    db = db or pw.SqliteDatabase(":memory:")
    table = model(kind)
    out = _table_sql(db, table)
    out.append(
        f'CREATE UNIQUE INDEX "{kind.name}_origin_serial" ON "{kind.name}" '
        f'("origin_site", "serial")'
    )
    if kind.date_key:
        out.append(
            f'CREATE INDEX "{kind.name}_live_{kind.date_key}" ON "{kind.name}" '
            f'("{kind.date_key}") WHERE "deleted_at" IS NULL'
        )
    out += _sort_sql(kind)
    out += _member_sql(kind)
    for link in kind.links:
        out += _table_sql(db, link_model(kind, link.key))
    for fld in rows_fields(kind):
        out += _table_sql(db, rows_model(kind, fld.key))
    if kind.origins and _declared(kind.origin_table) is None:
        out += _origin_sql(kind)
    if kind.fts:
        out += _search_sql(kind) + _count_sql(kind.name)
    return out


def _origin_sql(kind: kinds.RecordKind) -> list[str]:
    """The table of the records ``kind``'s records grew from (``services.origins``): the
    owner's id, then one column per origin kind, a row per origin record."""
    t, owner = kind.origin_table, f"{kind.name}_id"
    columns = [f'"{owner}" INTEGER NOT NULL REFERENCES "{kind.name}" ("id") ON DELETE CASCADE']
    columns += [
        f'"{o.column}" INTEGER REFERENCES "{o.kind}" ("id") ON DELETE RESTRICT'
        for o in kind.origins
    ]
    out = [f'CREATE TABLE "{t}" ("id" INTEGER NOT NULL PRIMARY KEY, {", ".join(columns)})']
    for column in (owner, *(o.column for o in kind.origins)):
        out.append(f'CREATE INDEX "{t}_{column}" ON "{t}" ("{column}")')
    return out
