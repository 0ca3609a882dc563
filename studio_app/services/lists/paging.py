"""List pages: filter, sort and keyset paging in SQL, with Chinese full-text search.

A page is fetched with ``WHERE (sort key…, id) < (last key…, last id) ORDER BY sort key…
DESC, id DESC LIMIT n`` along an index, so that page 5,000 costs what page 1 costs and
nothing ever loads a whole table. Searching uses the per-character FTS5 index of live rows
(see ``core.search_text``): a rare term is driven from the index and its matches sorted, a
common one is read along the sort index in chunks tested against the index by rowid range.
The trash, which is small, is searched with LIKE.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.services.lists import text_search
from studio_app.services.lists.text_search import TextCondition
from studio_app.storage.database import estimated_rows, on_postgres
from studio_app.storage.models import database

# Reading one row along the sort index costs about this fraction of sorting one match
# (measured on 1,000,000 visits; see docs/PERFORMANCE.md). With it, the planner below picks
# sorting all matches when they are few and walking the sort order when they are many.
WALK_ROW_COST = 0.23
WALK_CHUNK = 2000
DENSE_MATCHES: int | None = None  # fixed switch-over point (tests); None: from the table size

FilterSql = tuple[str, list[Any]]


def live_counted(table: str) -> bool:
    """Whether ``table``'s live rows are counted in ``live_count`` by triggers (read from
    the registry at call time: kinds declared later count too)."""
    return table in kinds.names() and kinds.kind(table).live_counted


@dataclass(frozen=True)
class Subset:
    """A filter by membership: the rows whose id ``ids_sql`` selects (e.g. from a link
    table: the visits of one member).

    Like a search term, it is planned by how many ids it selects: a count is driven from
    the ids; a page sorts them when they are few, or walks the sort order testing
    membership when they are many (a member with 40,000 visits: 2 ms instead of 140).
    """

    ids_sql: str
    params: list[Any]


Filter = Callable[[Any, date], FilterSql | Subset]


def studio_column() -> Column:
    """The studio a record came from (its origin site's name): shown at the county."""
    return Column("studio", "(SELECT name FROM site WHERE uuid = t.origin_site)")


def studio_filter(value: Any, _: date) -> FilterSql:
    """Records of the studios with these site uuids."""
    return in_list("t.origin_site", value)


@dataclass(frozen=True)
class Column:
    """A list column; ``sort`` gives the ORDER BY terms when it is sortable.

    Every sortable column has an index on its terms (plus id) over live rows, so sorting by
    it reads one page, not the table.
    """

    key: str
    sql: str
    sort: tuple[str, ...] = ()

    @property
    def sortable(self) -> bool:
        return bool(self.sort)


@dataclass(frozen=True)
class ListSpec:
    """How one record type is listed."""

    table: str
    fts: str | None
    columns: tuple[Column, ...]
    default_sort: str
    like_columns: tuple[str, ...] = ()  # searched with LIKE in the trash

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise UserError(f"没有“{key}”这一列")


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort: str = ""
    descending: bool = True
    trash: bool = False


@dataclass(frozen=True)
class Page:
    rows: list[tuple[Any, ...]]
    cursor: tuple[Any, ...] | None  # sort key of the last row; None: no more rows


def like_words(columns: Sequence[str], text: str) -> FilterSql:
    """Every word must occur in one of ``columns`` (case-insensitive for ASCII)."""
    parts, params = [], []
    for word in text.split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        parts.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params += [f"%{escaped}%"] * len(columns)
    return " AND ".join(parts) or "1 = 1", params


class Lister:
    """Runs list queries for one :class:`ListSpec` plus type-specific filters."""

    def __init__(self, spec: ListSpec, filters: Mapping[str, Filter]) -> None:
        self.spec = spec
        self._filters = filters

    # -- building blocks ------------------------------------------------------------------

    def _where(self, query: ListQuery, today: date, page_of: int | None = None) -> FilterSql:
        """The WHERE clause; ``page_of`` (a page size) when it serves a page, not a count."""
        parts = [f"t.deleted_at IS {'NOT ' if query.trash else ''}NULL"]
        params: list[Any] = []
        filters = dict(query.filters)
        if query.text.strip() and self.spec.fts is None:
            filters["text"] = query.text  # no index: the type's own text filter applies
        for key, value in filters.items():
            if value is None or value == "" or value == [] or value == ():
                continue
            build = self._filters.get(key)
            if build is None:
                raise UserError(f"未知的筛选条件：{key}")
            built = build(value, today)
            if isinstance(built, Subset):
                built = self._membership(built, page_of)
            sql, args = built
            parts.append(sql)
            params.extend(args)
        if query.trash and query.text.strip() and self.spec.fts is not None:
            sql, args = like_words(self.spec.like_columns, query.text)
            parts.append(sql)
            params.extend(args)
        return " AND ".join(parts), params

    def _lone_subset(self, query: ListQuery, today: date) -> Subset | None:
        """The query's only condition, when it is a :class:`Subset` of live rows."""
        if query.trash or query.text.strip():
            return None
        active = [(k, v) for k, v in query.filters.items() if v not in (None, "", [], ())]
        if len(active) != 1 or active[0][0] not in self._filters:
            return None
        built = self._filters[active[0][0]](active[0][1], today)
        return built if isinstance(built, Subset) else None

    def _membership(self, subset: Subset, page_of: int | None) -> FilterSql:
        """``t.id IN (…)``, with the id hidden from the planner (``+t.id``) when a page
        should walk the sort order because the subset is large."""
        column = "t.id"
        if page_of is not None:
            sql = f"SELECT count(*) FROM ({subset.ids_sql}) AS subset"
            found = database.execute_sql(sql, subset.params).fetchone()[0]
            if found > self._dense_matches(page_of):
                column = "+t.id"
        return f"{column} IN ({subset.ids_sql})", list(subset.params)

    def _match(self, query: ListQuery) -> TextCondition | None:
        """What keeps the rows of the index ``f`` that match the query's text."""
        if self.spec.fts is None or query.trash or not query.text.strip():
            return None
        return text_search.condition(self.spec.fts, "f", query.text)

    def _sort_terms(self, query: ListQuery) -> list[str]:
        col = self.spec.column(query.sort or self.spec.default_sort)
        if not col.sortable:
            raise UserError(f"不能按“{col.key}”排序")
        return [*col.sort, "t.id"]

    def _keyset(
        self, query: ListQuery, where: str, params: list[Any], after: Sequence[Any] | None
    ) -> tuple[str, list[Any], str]:
        terms = self._sort_terms(query)
        order = "DESC" if query.descending else "ASC"
        if after is not None:
            op = "<" if query.descending else ">"
            where += f" AND ({', '.join(terms)}) {op} ({', '.join('?' * len(terms))})"
            params = [*params, *after]
        tail = "ORDER BY " + ", ".join(f"{t} {order}" for t in terms) + " LIMIT ?"
        return where, params, tail

    def _select(self, query: ListQuery) -> str:
        """Columns, then the sort terms (the cursor of each row)."""
        return ", ".join([*(c.sql for c in self.spec.columns), *self._sort_terms(query)])

    def _cursor(self, row: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(row[len(self.spec.columns) :])

    # -- queries ----------------------------------------------------------------------------

    def count(self, query: ListQuery, *, today: date | None = None) -> int:
        """Number of rows the query selects."""
        where, params = self._where(query, today or date.today())
        match = self._match(query)
        filtered = any(v not in (None, "", [], ()) for v in query.filters.values())
        if match is None and where == "t.deleted_at IS NULL" and live_counted(self.spec.table):
            sql = "SELECT n FROM live_count WHERE table_name = ?"
            return int(database.execute_sql(sql, [self.spec.table]).fetchone()[0])
        lone = self._lone_subset(query, today or date.today())
        if lone is not None:
            # The subset's ids less the (few) trashed rows: no lookups of live table rows.
            sql = (
                f"WITH s(id) AS ({lone.ids_sql}) SELECT count(*) FROM (SELECT DISTINCT id "
                f"FROM s) AS d WHERE id NOT IN (SELECT id FROM {self.spec.table} "
                "WHERE deleted_at IS NOT NULL)"
            )
            return int(database.execute_sql(sql, lone.params).fetchone()[0])
        if match is None:
            sql = f"SELECT count(*) FROM {self.spec.table} t WHERE {where}"
            return int(database.execute_sql(sql, params).fetchone()[0])
        fts = self.spec.fts
        found, found_params = match
        if not filtered:
            # The index holds live rows only: its count is the answer, no row lookups.
            sql = f"SELECT count(*) FROM {fts} f WHERE {found}"
            return int(database.execute_sql(sql, found_params).fetchone()[0])
        sql = (
            f"SELECT count(*) FROM {fts} f CROSS JOIN {self.spec.table} t ON t.id = f.rowid "
            f"WHERE {found} AND {where}"
        )
        return int(database.execute_sql(sql, [*found_params, *params]).fetchone()[0])

    def page(
        self,
        query: ListQuery,
        *,
        after: Sequence[Any] | None = None,
        limit: int = 100,
        today: date | None = None,
    ) -> Page:
        """One page of rows after the ``after`` cursor (``None`` for the first page)."""
        where, params = self._where(query, today or date.today(), page_of=limit)
        match = self._match(query)
        if match is None:
            rows = self._walk(query, where, params, after, limit)
        else:
            fts = self.spec.fts
            dense = self._dense_matches(limit)
            sql = f"SELECT f.rowid FROM {fts} f WHERE {match[0]}"
            # PostgreSQL's estimate spares the probe of a term it knows is common.
            many = (estimated_rows(sql, match[1]) or 0) > dense
            matches: list[int] = []
            if not many:
                probe = database.execute_sql(f"{sql} LIMIT ?", [*match[1], dense + 1])
                matches = [r[0] for r in probe]
            if not many and len(matches) <= dense:
                rows = self._sorted_matches(query, where, params, after, limit, matches)
            elif on_postgres():
                rows = self._walk(query, *self._checking(query, where, params), after, limit)
            else:
                rows = self._walk_matching(query, where, params, after, limit, match)
        cursor = self._cursor(rows[-1]) if len(rows) == limit else None
        width = len(self.spec.columns)
        return Page([tuple(r[:width]) for r in rows], cursor)

    def _dense_matches(self, limit: int) -> int:
        """How many matches make walking the sort order cheaper than sorting them all.

        Sorting costs ~ m (matches); walking reads ~ limit × n / m rows (n rows in the
        table), each costing WALK_ROW_COST of a sorted match: equal at m = √(limit·n·cost).
        """
        if DENSE_MATCHES is not None:
            return DENSE_MATCHES
        sql = f"SELECT max(id) FROM {self.spec.table}"
        rows = database.execute_sql(sql).fetchone()[0] or 0
        return max(limit, math.isqrt(int(limit * rows * WALK_ROW_COST)))

    def _walk(
        self,
        query: ListQuery,
        where: str,
        params: list[Any],
        after: Sequence[Any] | None,
        limit: int,
    ) -> list[Any]:
        """Rows in sort order along the index, each followed by its sort key."""
        where, params, tail = self._keyset(query, where, params, after)
        sql = f"SELECT {self._select(query)} FROM {self.spec.table} t WHERE {where} {tail}"
        return database.execute_sql(sql, [*params, limit]).fetchall()

    def _sorted_matches(
        self,
        query: ListQuery,
        where: str,
        params: list[Any],
        after: Sequence[Any] | None,
        limit: int,
        matches: list[int],
    ) -> list[Any]:
        """Few matches (their ids already read from the index): sort them, read the page."""
        if not matches:
            return []
        where, params, tail = self._keyset(query, where, params, after)
        marks = ", ".join("?" * len(matches))
        sql = f"SELECT t.id FROM {self.spec.table} t WHERE t.id IN ({marks}) AND {where} {tail}"
        ids = [r[0] for r in database.execute_sql(sql, [*matches, *params, limit])]
        return self._rows(query, ids)

    def _walk_matching(
        self,
        query: ListQuery,
        where: str,
        params: list[Any],
        after: Sequence[Any] | None,
        limit: int,
        match: TextCondition,
    ) -> list[Any]:
        """Many matches (SQLite): walk the sort order in chunks, keeping the rows that match.

        A chunk is read from the sort index alone (ids and keys, no table rows) and tested
        against the full-text index with rowid-range lookups, which FTS5 answers cheaply; so
        a common term never materialises its hundreds of thousands of matches.
        """
        kept: list[int] = []
        fts = self.spec.fts
        assert fts is not None  # a kind with a search index: there is a match
        terms = self._sort_terms(query)
        while len(kept) < limit:
            where_after, args, tail = self._keyset(query, where, params, after)
            chunk = database.execute_sql(
                f"SELECT {', '.join(terms)} FROM {self.spec.table} t WHERE {where_after} {tail}",
                [*args, WALK_CHUNK],
            ).fetchall()
            if not chunk:
                break
            hits = _matching_ids(fts, match, [r[-1] for r in chunk])
            for row in chunk:
                if row[-1] in hits:
                    kept.append(row[-1])
                    if len(kept) == limit:
                        break
            if len(chunk) < WALK_CHUNK:
                break
            after = chunk[-1]
        return self._rows(query, kept)

    def _checking(self, query: ListQuery, where: str, params: list[Any]) -> TextCondition:
        """``where`` also testing each row's document in the index table, for the walk of
        many matches on PostgreSQL: one statement that stops at the page's last match. A
        test in a subquery in place of a value cannot be turned into a join, so the planner
        cannot trade the walk for reading every match of the term and sorting them."""
        check = text_search.document_condition("f", query.text)
        assert check is not None and self.spec.fts is not None  # there is a match
        found = f"(SELECT {check[0]} FROM {self.spec.fts} f WHERE f.rowid = t.id)"
        return f"{where} AND {found}", [*params, *check[1]]

    def _rows(self, query: ListQuery, ids: list[int]) -> list[Any]:
        """Full rows (with their sort keys) of ``ids``, in that order."""
        if not ids:
            return []
        rows = database.execute_sql(
            f"SELECT {self._select(query)} FROM {self.spec.table} t "
            f"WHERE t.id IN ({', '.join('?' * len(ids))})",
            ids,
        )
        by_id = {r[0]: r for r in rows}
        return [by_id[i] for i in ids]


def _matching_ids(fts: str, match: TextCondition, ids: list[int]) -> set[int]:
    """Which of ``ids`` the FTS5 index ``fts`` finds for ``match``: a few rowid ranges."""
    hits: set[int] = set()
    for low, high in _id_ranges(sorted(ids)):
        sql = f"SELECT f.rowid FROM {fts} f WHERE {match[0]} AND f.rowid BETWEEN ? AND ?"
        hits.update(r[0] for r in database.execute_sql(sql, [*match[1], low, high]))
    return hits


def _id_ranges(ids: list[int], gap: int = 256, most: int = 32) -> list[tuple[int, int]]:
    """Sorted ids as a few ``(low, high)`` ranges: split at large gaps, at most ``most``."""
    ranges: list[tuple[int, int]] = []
    low = prev = ids[0]
    for i in ids[1:]:
        if i - prev > gap:
            ranges.append((low, prev))
            low = i
        prev = i
    ranges.append((low, prev))
    if len(ranges) > most:  # scattered ids: one range costs less than many lookups
        return [(ids[0], ids[-1])]
    return ranges


def day_range(value: date | datetime | str, *, end: bool = False) -> str:
    """Bound for a datetime column from a day: start of the day, or start of the next."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        day = date.fromisoformat(str(value)[:10])
    if end:
        day += timedelta(days=1)
    return day.isoformat() + " 00:00:00"


def in_list(column: str, values: str | Sequence[str]) -> FilterSql:
    items = [values] if isinstance(values, str) else list(values)
    return f"{column} IN ({', '.join('?' for _ in items)})", items
