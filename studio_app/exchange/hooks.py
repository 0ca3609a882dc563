"""What a kind's exchange sheet carries besides its declared fields, declared by kind name.

Most kinds travel exactly as their fields say (``core.kinds``). A few carry more: a column
of machine bookkeeping, items kept in a table of their own (:class:`SideList`), match keys
computed while reading (:class:`Derived`), identifiers that travel unmasked, rules across
fields. Each is declared here with :func:`declare` (``exchange.extras`` declares those of
the built-in kinds) and the generic reader, writer, planner and applier consult :func:`of`,
so none of them names a kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.fields import Field, Kind
from studio_app.exchange.columns import Column, Role
from studio_app.exchange.labels import Labels
from studio_app.exchange.normalise import UUID_PATTERN, uuid_list
from studio_app.services.context import Context

RowCheck = Callable[[dict[str, Any]], list[str]]


@dataclass(frozen=True)
class Derived:
    """A stored column computed from a field while reading (e.g. a name's match key); it is
    written only when its source travelled (not masked)."""

    column: str
    source: str  # the field's key
    compute: Callable[[Any], str]


class SideList:
    """A column whose items are rows of a table of their own (``owner`` = the record's id),
    in order; staged as a JSON list, inserted with one statement per sheet."""

    table: str
    owner: str
    column: Column
    targets: tuple[tuple[str, str], ...] = ()  # (item prefix, table) of linked records

    def query(self) -> str:
        """SQL of ``(owner id, item)`` for every record, ordered by owner, then position."""
        raise NotImplementedError

    def written(self) -> list[str]:
        """The columns of :attr:`table` an item fills, the owner's first."""
        raise NotImplementedError

    def select(self, source: str, where: str) -> str:
        """SQL selecting :meth:`written` for the items of the records written: ``source``
        joins the staging rows ``s``, their records ``o`` and the items ``j`` (``json_each``
        of the staged list). The services insert them (``received.insert_items``)."""
        raise NotImplementedError

    def fill(self, key: str) -> Callable[[dict[str, Any], list[tuple[Any, ...]]], None]:
        """How the items :meth:`query` read for one record (the columns after the owner) go
        into its exchange values: the list of items under ``key``."""

        def put(values: dict[str, Any], items: list[tuple[Any, ...]]) -> None:
            values[key] = [item for (item,) in items if item is not None]

        return put

    def refs(self) -> list[tuple[str, str, str]]:
        """The records the items point to, for the plan's check that they are there: (SQL
        of a referenced uuid over an item ``j.value``, condition on the item, table)."""
        found = []
        for prefix, table in self.targets:
            item = f"substr(j.value, {len(prefix) + 1})" if prefix else "j.value"
            only = f"AND substr(j.value, 1, {len(prefix)}) = '{prefix}'" if prefix else ""
            found.append((item, only, table))
        return found

    def cell(self, labels: Labels) -> Callable[[list[Any]], str]:
        """How the items become cell text."""
        return " ".join

    def parser(self, labels: Labels) -> Callable[[Any], list[Any]]:
        """How a cell becomes items (raising ``normalise.CellError``)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Tag:
    """The records of one kind a :class:`TaggedLinks` column may point to."""

    prefix: str  # before the uuid in the cell, e.g. "v:"
    kind: str  # the linked kind's table
    column: str  # its id's column in the side table


class TaggedLinks(SideList):
    """Links to records of several kinds in one side table (a column per kind): each item
    travels as ``<prefix><uuid>``."""

    def __init__(self, key: str, label: str, table: str, owner: str, tags: tuple[Tag, ...]):
        self.table, self.owner, self.tags = table, owner, tags
        self.column = Column(
            key, f"{label}（标识）", Role.LINK, Kind.TEXT, Field(key, label, Kind.TEXT), side=self
        )
        self.targets = tuple((t.prefix, t.kind) for t in tags)
        prefixes = "|".join(re.escape(t.prefix) for t in tags)
        self._full = re.compile(f"(?:{prefixes}){UUID_PATTERN.pattern}").fullmatch

    def query(self) -> str:
        joins = " ".join(
            f"LEFT JOIN {t.kind} t{i} ON t{i}.id = s.{t.column}" for i, t in enumerate(self.tags)
        )
        item = " ".join(
            f"WHEN t{i}.uuid IS NOT NULL THEN '{t.prefix}' || t{i}.uuid"
            for i, t in enumerate(self.tags)
        )
        return (
            f"SELECT s.{self.owner}, CASE {item} END FROM {self.table} s {joins} "
            f"ORDER BY s.{self.owner}, s.id"
        )

    def written(self) -> list[str]:
        return [self.owner, *(t.column for t in self.tags)]

    def select(self, source: str, where: str) -> str:
        joins = " ".join(
            f"LEFT JOIN main.{t.kind} t{i} ON substr(j.value, 1, {len(t.prefix)}) = "
            f"'{t.prefix}' AND t{i}.uuid = substr(j.value, {len(t.prefix) + 1})"
            for i, t in enumerate(self.tags)
        )
        ids = [f"t{i}.id" for i in range(len(self.tags))]
        found = " OR ".join(f"{i} IS NOT NULL" for i in ids)
        return (
            f"SELECT o.id, {', '.join(ids)} FROM {source} {joins} WHERE {where} AND ({found}) "
            "ORDER BY o.id, j.key"
        )

    def parser(self, labels: Labels) -> Callable[[Any], list[str]]:
        full = self._full
        return lambda value: uuid_list(value, full)


@dataclass(frozen=True)
class KindHooks:
    """What one kind's sheets carry besides its declared fields and status."""

    columns: tuple[Column, ...] = ()  # studio packages: after the fields and the status
    county_columns: tuple[Column, ...] = ()  # feedback packages: after the county's fields
    derived: tuple[Derived, ...] = ()
    unmasked: frozenset[str] = frozenset()  # identifiers that always travel in full
    rules: Callable[[Context, dict[str, Any]], list[str]] | None = None  # problems, in Chinese


PLAIN = KindHooks()
_HOOKS: dict[str, KindHooks] = {}
_LIST_TITLES: dict[str, str] = {}
_loaded: list[bool] = []


def declare(name: str, hooks: KindHooks) -> None:
    """Declare what kind ``name`` carries besides its fields."""
    _HOOKS[name] = hooks


def title_lists(titles: Mapping[type[c.Coded], str]) -> None:
    """Titles of fixed code lists on the 代码表 sheet (else the first column's header)."""
    _LIST_TITLES.update({enum.__name__: title for enum, title in titles.items()})


def _builtin() -> None:
    if not _loaded:
        _loaded.append(True)
        from studio_app.exchange import extras  # noqa: F401  (declares the built-in kinds')


def of(name: str) -> KindHooks:
    """The hooks of kind ``name``: as declared; else, for a kind that grows from others (its
    ``origins``), the column of the records it grew from; else :data:`PLAIN`."""
    _builtin()
    found = _HOOKS.get(name)
    if found is None and name in kinds.names() and kinds.kind(name).origins:
        return KindHooks(columns=(origin_links(kinds.kind(name)).column,))
    return found or PLAIN


@cache
def origin_links(kind: kinds.RecordKind) -> TaggedLinks:
    """The records ``kind``'s records grew from, in one column (``来源记录（标识）``)."""
    from studio_app.services.origins import owner_column

    tags = tuple(Tag(o.tag, o.kind, o.column) for o in kind.origins)
    return TaggedLinks("sources", "来源记录", kind.origin_table, owner_column(kind), tags)


def list_title(name: str) -> str | None:
    _builtin()
    return _LIST_TITLES.get(name)


def row_check(ctx: Context | None, name: str) -> RowCheck | None:
    """The check across fields of a row of ``name`` (problems in Chinese), if it has one."""
    rules = of(name).rules
    if ctx is None or rules is None:
        return None
    return lambda values: rules(ctx, values)
