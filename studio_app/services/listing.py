"""List pages: filter, sort and keyset paging in SQL, with Chinese full-text search.

A page is fetched with ``WHERE (sort_key, id) < (last_key, last_id) ORDER BY sort_key DESC,
id DESC LIMIT n`` so that page 5,000 costs what page 1 costs, and nothing ever loads a whole
table. Searching uses the per-character FTS5 index (see ``core.search_text``): a rare term
is driven from the index, a common one from the sort index with the matches as a set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from studio_app.core.errors import UserError
from studio_app.core.search_text import match_expression
from studio_app.storage.models import database

# Above this many index matches the page is read along the sort index instead of sorting
# all matches (measured on 1,000,000 visits; see docs/PERFORMANCE.md).
DENSE_MATCHES = 10_000


@dataclass(frozen=True)
class Column:
    key: str
    sql: str
    sortable: bool = False
    nullable: bool = False


@dataclass(frozen=True)
class ListSpec:
    """How one record type is listed."""

    table: str
    fts: str | None
    columns: tuple[Column, ...]
    default_sort: str

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise UserError(f"不能按“{key}”排序")


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
    cursor: tuple[Any, Any] | None  # (sort value, id) of the last row; None: no more rows


FilterSql = tuple[str, list[Any]]


def _sort_expr(spec: ListSpec, query: ListQuery) -> str:
    col = spec.column(query.sort or spec.default_sort)
    if not col.sortable:
        raise UserError(f"不能按“{col.key}”排序")
    return f"COALESCE({col.sql}, '')" if col.nullable else col.sql


class Lister:
    """Runs list queries for one :class:`ListSpec` plus type-specific filters."""

    def __init__(self, spec: ListSpec, filters: Mapping[str, Any]) -> None:
        self.spec = spec
        self._filters = filters  # key → callable(value, today) -> FilterSql

    def _where(self, query: ListQuery, today: date) -> FilterSql:
        alias = "t"
        parts = [f"{alias}.deleted_at IS {'NOT ' if query.trash else ''}NULL"]
        params: list[Any] = []
        filters = dict(query.filters)
        if self.spec.fts is None and query.text.strip():
            filters["text"] = query.text  # no index: the type's own text filter applies
        for key, value in filters.items():
            if value in (None, "", [], ()):
                continue
            build = self._filters.get(key)
            if build is None:
                raise UserError(f"未知的筛选条件：{key}")
            sql, args = build(value, today)
            parts.append(sql)
            params.extend(args)
        return " AND ".join(parts), params

    def _select(self) -> str:
        return ", ".join(c.sql for c in self.spec.columns)

    def _match(self, query: ListQuery) -> str | None:
        if self.spec.fts is None or not query.text.strip():
            return None
        return match_expression(query.text)

    def count(self, query: ListQuery, *, today: date | None = None) -> int:
        """Number of rows the query selects."""
        today = today or date.today()
        where, params = self._where(query, today)
        match = self._match(query)
        conn = database.connection()
        if match is None:
            return int(
                conn.execute(
                    f"SELECT count(*) FROM {self.spec.table} t WHERE {where}", params
                ).fetchone()[0]
            )
        fts = self.spec.fts
        if not query.filters and not query.trash:
            # All index matches minus the (few) trashed ones: no row lookups for live matches.
            total = conn.execute(
                f"SELECT count(*) FROM {fts} WHERE {fts} MATCH ?", [match]
            ).fetchone()[0]
            trashed = conn.execute(
                f"SELECT count(*) FROM {self.spec.table} t WHERE t.deleted_at IS NOT NULL "
                f"AND t.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)",
                [match],
            ).fetchone()[0]
            return int(total - trashed)
        return int(
            conn.execute(
                f"SELECT count(*) FROM {fts} f CROSS JOIN {self.spec.table} t ON t.id = f.rowid "
                f"WHERE f.{fts} MATCH ? AND {where}",
                [match, *params],
            ).fetchone()[0]
        )

    def page(
        self,
        query: ListQuery,
        *,
        after: tuple[Any, Any] | None = None,
        limit: int = 100,
        today: date | None = None,
    ) -> Page:
        """One page of rows after the ``after`` cursor (``None`` for the first page)."""
        today = today or date.today()
        where, params = self._where(query, today)
        match = self._match(query)
        if match is None:
            rows = self._walk(query, where, params, after, limit)
        else:
            fts = self.spec.fts
            matches = (
                database.connection()
                .execute(
                    f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",
                    [match, DENSE_MATCHES + 1],
                )
                .fetchone()[0]
            )
            if matches > DENSE_MATCHES:
                rows = self._walk_matching(query, where, params, after, limit, match)
            else:
                rows = self._sorted_matches(query, where, params, after, limit, match)
        cursor = (rows[-1][-1], rows[-1][0]) if len(rows) == limit else None
        return Page([tuple(r[:-1]) for r in rows], cursor)

    def _keyset(
        self, query: ListQuery, where: str, params: list[Any], after: tuple[Any, Any] | None
    ) -> tuple[str, list[Any], str]:
        sort = _sort_expr(self.spec, query)
        order = "DESC" if query.descending else "ASC"
        if after is not None:
            where += f" AND ({sort}, t.id) {'<' if query.descending else '>'} (?, ?)"
            params = [*params, after[0], after[1]]
        return where, params, f"ORDER BY {sort} {order}, t.id {order} LIMIT ?"

    def _walk(
        self,
        query: ListQuery,
        where: str,
        params: list[Any],
        after: tuple[Any, Any] | None,
        limit: int,
    ) -> list[Any]:
        """Rows in sort order along the index: each row's last value is its sort key."""
        where, params, tail = self._keyset(query, where, params, after)
        sort = _sort_expr(self.spec, query)
        sql = f"SELECT {self._select()}, {sort} FROM {self.spec.table} t WHERE {where} {tail}"
        return database.connection().execute(sql, [*params, limit]).fetchall()

    def _sorted_matches(
        self,
        query: ListQuery,
        where: str,
        params: list[Any],
        after: tuple[Any, Any] | None,
        limit: int,
        match: str,
    ) -> list[Any]:
        """Few matches: read them all from the index, then sort."""
        where, params, tail = self._keyset(query, where, params, after)
        sort, fts = _sort_expr(self.spec, query), self.spec.fts
        sql = (
            f"SELECT {self._select()}, {sort} FROM {fts} f CROSS JOIN {self.spec.table} t "
            f"ON t.id = f.rowid WHERE f.{fts} MATCH ? AND {where} {tail}"
        )
        return database.connection().execute(sql, [match, *params, limit]).fetchall()

    def _walk_matching(
        self,
        query: ListQuery,
        where: str,
        params: list[Any],
        after: tuple[Any, Any] | None,
        limit: int,
        match: str,
    ) -> list[Any]:
        """Many matches: walk the sort order in chunks, keeping rows that match.

        Each chunk's ids are tested against the index with rowid-range lookups (cheap in
        FTS5), so a common term never materialises its hundreds of thousands of matches.
        """
        kept: list[Any] = []
        conn = database.connection()
        while len(kept) < limit:
            chunk = self._walk(query, where, params, after, WALK_CHUNK)
            if not chunk:
                break
            hits = set()
            for low, high in _id_ranges(sorted(r[0] for r in chunk)):
                hits.update(
                    r[0]
                    for r in conn.execute(
                        f"SELECT rowid FROM {self.spec.fts} WHERE {self.spec.fts} MATCH ? "
                        "AND rowid BETWEEN ? AND ?",
                        [match, low, high],
                    )
                )
            for row in chunk:
                if row[0] in hits:
                    kept.append(row)
                    if len(kept) == limit:
                        break
            if len(chunk) < WALK_CHUNK:
                break
            after = (chunk[-1][-1], chunk[-1][0])
        return kept


WALK_CHUNK = 2000


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
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if isinstance(day, datetime):
        day = day.date()
    if end:
        day += timedelta(days=1)
    return day.isoformat() + " 00:00:00"


def in_list(column: str, values: str | Sequence[str]) -> FilterSql:
    items = [values] if isinstance(values, str) else list(values)
    return f"{column} IN ({', '.join('?' for _ in items)})", items
