"""The columns of an exchange sheet: what each is for, its header, and the sheet they make."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from studio_app.core import codes as c
from studio_app.core.fields import Field, Kind

if TYPE_CHECKING:
    from studio_app.exchange.hooks import SideList


class Role(StrEnum):
    """What a column is for."""

    DATA = "data"  # a declared field, visible
    NAMES = "names"  # readable names of a link (not imported)
    LINK = "link"  # uuid list of a link (machine)
    META = "meta"  # synced-record bookkeeping (machine)
    HASH = "hash"  # row hash (machine)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    role: Role
    kind: Kind
    field: Field | None = None
    enum: type[c.Coded] | None = None
    width: int = 12
    # Items kept in a table of their own (a proposal's sources): read and written by it.
    side: SideList | None = dataclasses.field(default=None, compare=False, repr=False)

    @property
    def hidden(self) -> bool:
        return self.role in (Role.LINK, Role.META, Role.HASH)


@dataclass(frozen=True)
class SheetSpec:
    record: str  # the record kind's name (its table)
    title: str  # the sheet's Chinese name
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @cached_property
    def hashed_keys(self) -> tuple[str, ...]:
        return tuple(col.key for col in self.hashed)

    @cached_property
    def hashed(self) -> tuple[Column, ...]:
        """Columns whose content the row hash covers (all but names and the hash)."""
        return tuple(col for col in self.columns if col.role not in (Role.NAMES, Role.HASH))
