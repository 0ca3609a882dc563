"""What a field of a record is: key, Chinese label, kind, limits, ownership.

Each kind's fields are declared with the kind itself, in ``core.kinds`` (``RecordKind.fields``);
one declaration serves validation (services), list columns and dialogs (GUI), the exchange
workbooks' headers and the printed forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from studio_app.core import codes as c


class Kind(StrEnum):
    TEXT = "text"  # one line
    LONGTEXT = "longtext"
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    ENUM = "enum"  # a fixed code set from studio_app.core.codes
    CODE = "code"  # an editable code list
    PHONE = "phone"
    ID_NUMBER = "id_number"
    MEMBER = "member"  # one member (by id)
    MEMBERS = "members"  # several members, in order
    RESIDENT = "resident"
    RESIDENTS = "residents"


STUDIO = "studio"
COUNTY = "county"
MAX_LONGTEXT = 32_000
IDENTIFIER_KINDS = frozenset({Kind.PHONE, Kind.ID_NUMBER})


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    max_len: int | None = None
    enum: type[c.Coded] | None = None
    code_list: c.CodeListKind | None = None
    owner: str = STUDIO
    derived: tuple[str, ...] = ()  # stored columns computed from this field (match keys)

    @property
    def identifier(self) -> bool:
        """A personal identifier: masked, and so is every column ``derived`` from it."""
        return self.kind in IDENTIFIER_KINDS

    @property
    def limit(self) -> int | None:
        """Longest text allowed, in UTF-16 code units (``core.text.utf16_len``), as Excel counts."""
        if self.max_len is not None:
            return self.max_len
        return MAX_LONGTEXT if self.kind is Kind.LONGTEXT else None


IDEA_MAX_CHARS = 100


def by_key(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {f.key: f for f in fields}
