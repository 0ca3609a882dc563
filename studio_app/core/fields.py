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
    RECORD = "record"  # one record of another declared kind (the field's ``target``), by id
    ROWS = "rows"  # a table of items kept with the record, each with the field's ``columns``


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
    columns: tuple[Field, ...] = ()  # a ROWS field's columns (each of a one-value kind)
    row_label: str = ""  # a ROWS field: what one row is called, e.g. "事项" ("": "行")
    required_if: tuple[str, str] = ("", "")  # required when field key (of its row) has code
    credited_if: tuple[str, str] = ("", "")  # ROWS: a row credits its member in the statistics
    # (and duty points) when its column key has the code, e.g. ("attendance", "present")
    check: str = ""  # a TEXT field's rule (core.identity.TEXT_CHECKS), e.g. "credit_code"
    target: str = ""  # a RECORD field: the kind it points to, e.g. "observation_point"
    added_later: bool = False  # added to a kind exchanged before: older packages lack it
    counted_by: str = ""  # a RECORD field: the linked record's records by month and this field

    def column(self, key: str) -> Field:
        """Column ``key`` of a ROWS field."""
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

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


SINGLE_LINKS = frozenset({Kind.MEMBER, Kind.RESIDENT, Kind.RECORD})  # one linked record, by id
_PEOPLE = {Kind.MEMBER: "member", Kind.MEMBERS: "member", Kind.RESIDENT: "resident",
           Kind.RESIDENTS: "resident"}  # fmt: skip


def target(fld: Field) -> str:
    """The kind (and table) a linking field points to: ``member``, ``resident`` or a RECORD
    field's ``target``."""
    if fld.kind is Kind.RECORD:
        return fld.target
    return _PEOPLE[fld.kind]


ROW_KINDS = frozenset(
    {Kind.TEXT, Kind.LONGTEXT, Kind.INT, Kind.BOOL, Kind.DATE, Kind.ENUM, Kind.CODE, Kind.MEMBER}
)  # what a ROWS field's columns may be
MAX_ROWS = 500  # rows one record keeps in one ROWS field


def rows_table(owner: str, key: str) -> str:
    """The table keeping the rows of field ``key`` of kind ``owner``: ``activity_attendance``."""
    return f"{owner}_{key}"


IDEA_MAX_CHARS = 100


def by_key(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {f.key: f for f in fields}
