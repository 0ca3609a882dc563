"""What the detail panel beside a list shows of one record: every filled field with its
Chinese label, codes as labels, identifiers masked unless the user may see them, the rows
of a ROWS field as a small table (the columns something is filled in), and the linked
records (people, sources, resulting proposals, a person's visits) as references.

Loading one record costs a get by id and a few indexed look-ups, never work proportional
to the list the record was picked from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.errors import NotFound
from studio_app.core.fields import SINGLE_LINKS, Field, Kind, target
from studio_app.core.identity import mask_id_number, mask_phone
from studio_app.services import origins, record_rows, records, site
from studio_app.services.context import Context
from studio_app.storage.models import (
    Member,
    Resident,
    SyncedModel,
    Visit,
    VisitMember,
    VisitResident,
)


class _Registered:
    """The names of the registered kinds, read when asked (kinds may be declared later)."""

    def __contains__(self, name: object) -> bool:
        return name in kinds.names()

    def __iter__(self) -> Iterator[str]:
        return iter(kinds.names())


KINDS = _Registered()
RECENT_VISITS = 20  # a person's latest visits listed; the rest are counted
SNIPPET = 24  # characters of a visit's content in a reference

EnumLabel = Callable[[c.Coded], str]


@dataclass(frozen=True)
class Ref:
    """A linked record: ``kind`` is one of :data:`KINDS`."""

    kind: str
    record_id: int
    text: str  # what the link reads: a serial or a name
    note: str = ""  # said after the link: date, title, the start of the content


@dataclass(frozen=True)
class Row:
    """One labelled line; ``long`` text is shown wrapped under its label."""

    label: str
    text: str = ""
    long: bool = False
    refs: tuple[Ref, ...] = ()
    more: int = 0  # linked records not listed in ``refs``
    key: str = ""  # a field's key, or "serial", "status", "origins", "grown:<kind>", "visits"
    columns: tuple[str, ...] = ()  # a table's column labels (``text``: a line per row)
    table: tuple[tuple[str, ...], ...] = ()  # its cells, one tuple per row


@dataclass(frozen=True)
class Details:
    kind: str
    record_id: int
    title: str
    rows: tuple[Row, ...]

    def row(self, label: str) -> Row | None:
        return next((r for r in self.rows if r.label == label), None)


def chinese(value: c.Coded) -> str:
    return value.label


def details(
    ctx: Context,
    kind: str,
    record_id: int,
    *,
    enum_label: EnumLabel = chinese,
    yes_no: tuple[str, str] = ("是", "否"),
) -> Details:
    """The panel content of record ``record_id`` of ``kind``; raises ``NotFound``. Codes
    read through ``enum_label``, ticks as ``yes_no`` (a UI in another language)."""
    fmt = _Formatter(ctx, enum_label, yes_no)
    build = _BUILDERS.get(kind)
    if build is None:
        return _declared(fmt, kinds.kind(kind), record_id)
    return build(fmt, record_id)


class _Formatter:
    """Field values as display text; code lists are read once per record."""

    def __init__(self, ctx: Context, enum_label: EnumLabel, yes_no: tuple[str, str]) -> None:
        self.ctx = ctx
        self.enum_label = enum_label
        self.yes_no = yes_no
        self._code_lists: dict[str, dict[str, str]] = {}

    def text(self, f: Field, value: Any) -> str:
        if value is None or value == "":
            return ""
        kind = f.kind
        if kind is Kind.DATETIME and isinstance(value, datetime):
            return f"{value:%Y-%m-%d %H:%M}"
        if kind is Kind.DATE and isinstance(value, date):
            return value.isoformat()
        if kind is Kind.BOOL:
            return self.yes_no[0] if value else self.yes_no[1]
        if kind is Kind.ENUM and f.enum is not None:
            try:
                return self.enum_label(f.enum(value))
            except ValueError:
                return str(value)
        if kind is Kind.CODE and f.code_list is not None:
            labels = self._code_lists.get(f.code_list)
            if labels is None:
                labels = self._code_lists[f.code_list] = site.code_labels(f.code_list)
            return labels.get(value, str(value))
        if kind is Kind.PHONE:
            return str(value) if self.ctx.may_see_pii else mask_phone(value)
        if kind is Kind.ID_NUMBER:
            return str(value) if self.ctx.may_see_pii else mask_id_number(value)
        return str(value)

    def table(self, f: Field, rows: list[dict[str, Any]]) -> Row | None:
        """The rows of a ROWS field as a table of the columns with something in them (a
        zero, an unticked tick: nothing); None without rows."""
        if not rows:
            return None
        names = record_rows.member_names(rows, f)

        def cell(col: Field, value: Any) -> str:
            if col.kind is Kind.MEMBER:
                return record_rows.cell_text(col, value, names)
            if col.kind in (Kind.INT, Kind.BOOL) and not value:
                return ""
            return self.text(col, value)

        cells = [[cell(col, r.get(col.key)) for col in f.columns] for r in rows]
        filled = [i for i, col in enumerate(f.columns)
                  if any(r.get(col.key) not in (None, "", 0, False) for r in rows)]  # fmt: skip
        return Row(
            f.label,
            "\n".join(record_rows.lines(f, rows)),
            key=f.key,
            columns=tuple(f.columns[i].label for i in filled),
            table=tuple(tuple(c[i] for i in filled) for c in cells),
        )

    def rows(
        self,
        fields: Iterable[Field],
        row: Any,
        people: dict[str, tuple[Ref, ...]],
        tables: dict[str, Row | None] | None = None,
    ) -> list[Row]:
        """Every filled field of ``row``; person fields come from ``people``, the rows of
        ROWS fields from ``tables``."""
        found = []
        tables = tables or {}
        for f in fields:
            if f.kind is Kind.ROWS:
                shown = tables.get(f.key)
                if shown is not None:
                    found.append(shown)
                continue
            if f.key in people:
                refs = people[f.key]
                if refs:
                    found.append(Row(f.label, refs=refs, key=f.key))
                continue
            text = self.text(f, getattr(row, f.key))
            if text:
                found.append(Row(f.label, text, long=f.kind is Kind.LONGTEXT, key=f.key))
        return found

    def status(self, enum: type[c.Coded], value: str) -> Row:
        try:
            text = self.enum_label(enum(value))
        except ValueError:
            text = value
        return Row("状态", text, key="status")


# -- references ------------------------------------------------------------------------------


def _people(model: type[SyncedModel], kind: str, ids: list[int]) -> tuple[Ref, ...]:
    """The people or records ``ids`` of ``kind``, named by its title, in the order given."""
    if not ids:
        return ()
    title = getattr(model, kinds.kind(kind).title_key)
    query = model.select(model.id, title).where(model.id.in_(ids))
    names: dict[int, str] = dict(query.tuples())
    return tuple(Ref(kind, i, names[i]) for i in ids if i in names)


def _linked(link_model: Any, owner: str, target: str, owner_id: int) -> list[int]:
    owner_col, target_col = getattr(link_model, owner), getattr(link_model, target)
    query = link_model.select(target_col).where(owner_col == owner_id)
    return [r[0] for r in query.order_by(link_model.position).tuples()]


def _day(value: Any) -> str:
    return f"{value:%Y-%m-%d}" if isinstance(value, date) else ""


def _dated_ref(kind: kinds.RecordKind, row: Any) -> Ref:
    """A record that happened: its serial (or day), then the day and its title; a long text
    as title is cut to a snippet."""
    day = _day(getattr(row, kind.date_key)) if kind.date_key else ""
    title = str(getattr(row, kind.title_key) or "") if kind.title_key else ""
    if title and kind.field(kind.title_key).kind is Kind.LONGTEXT:
        title = " ".join(title.split())
        if len(title) > SNIPPET:
            title = title[:SNIPPET] + "…"
    return Ref(kind.name, row.id, row.serial or day, f"{day} {title}")


def _titled_ref(kind: kinds.RecordKind, row: Any) -> Ref:
    """A record known by its title: its serial (or title), then the title."""
    title = str(getattr(row, kind.title_key) or "") if kind.title_key else ""
    return Ref(kind.name, row.id, row.serial or title, title if row.serial else "")


def _live(kind: kinds.RecordKind, ids: list[int], *, newest_first: bool = False) -> Any:
    """The records of ``ids`` not in the trash, by date if asked (and ``kind`` has one)."""
    model = records.record_type(kind).model
    query = model.select().where(model.id.in_(ids), model.deleted_at.is_null())
    if newest_first and kind.date_key:
        query = query.order_by(getattr(model, kind.date_key).desc())
    return query


def _grew_from(kind: kinds.RecordKind, record_id: int) -> list[Row]:
    """The records a record grew from (its kind's origins), each origin newest first."""
    refs: tuple[Ref, ...] = ()
    for name, ids in origins.of(kind.name, record_id).items():
        if not ids:
            continue
        origin = kinds.kind(name)
        refs += tuple(_dated_ref(origin, r) for r in _live(origin, ids, newest_first=True))
    return [Row("来源", refs=refs, key="origins")] if refs else []


def _grown_into(kind: str, record_id: int) -> list[Row]:
    """The records that grew from a record (e.g. the proposals from a visit), newest first."""
    rows = []
    for name, ids in origins.grown(kind, record_id).items():
        owner = kinds.kind(name)
        by_id = {r.id: r for r in _live(owner, ids)}
        refs = tuple(_titled_ref(owner, by_id[i]) for i in ids if i in by_id)
        rows.append(Row(f"形成的{owner.short_label}", refs=refs, key=f"grown:{name}"))
    return rows


def _named_by(kind: str, record_id: int) -> list[Row]:
    """The latest live records naming a record through a RECORD field (a reporting point's
    visits, an observation point's observations), newest first, and how many more."""
    rows = []
    for owner, key in kinds.named_by(kind):
        model = records.record_type(owner).model
        base = model.select().where(getattr(model, f"{key}_id") == record_id,
                                    model.deleted_at.is_null())  # fmt: skip
        order = getattr(model, owner.date_key).desc() if owner.date_key else model.id.desc()
        latest = list(base.order_by(order).limit(RECENT_VISITS))
        if not latest:
            continue
        refs = tuple(_dated_ref(owner, r) for r in latest)
        more = base.count() - len(refs) if len(refs) == RECENT_VISITS else 0
        rows.append(Row(owner.label, refs=refs, more=more, key=f"named:{owner.name}"))
    return rows


def _person_visits(link_model: Any, person_column: Any, person_id: int) -> Row | None:
    """A person's latest visits, newest first, and how many more there are."""
    base = (
        Visit.select()
        .join(link_model, on=link_model.visit == Visit.id)
        .where(person_column == person_id, Visit.deleted_at.is_null())
    )
    latest = base.order_by(Visit.occurred_at.desc()).limit(RECENT_VISITS)
    refs = tuple(_dated_ref(kinds.VISIT, v) for v in latest)
    if not refs:
        return None
    more = base.count() - len(refs) if len(refs) == RECENT_VISITS else 0
    return Row("接待走访记录", refs=refs, more=more, key="visits")


# -- per kind ----------------------------------------------------------------------------------


def _load(model: Any, record_id: int, noun: str) -> Any:
    row = model.get_or_none(model.id == record_id)
    if row is None:
        raise NotFound(f"找不到该{noun}（可能已被删除）")
    return row


def _head(fmt: _Formatter, row: Any, status: type[c.Coded]) -> list[Row]:
    """Serial and status, which are not declared fields."""
    serial = [Row("编号", row.serial, key="serial")] if row.serial else []
    return [*serial, fmt.status(status, row.status)]


def _participants(kind: str, record_id: int, members: Any, residents: Any) -> dict[str, Any]:
    """The members and residents linked to a record, as links."""
    return {
        "members": _people(Member, "member", _linked(members, kind, "member", record_id)),
        "residents": _people(Resident, "resident", _linked(residents, kind, "resident", record_id)),
    }


def _single_links(kind: kinds.RecordKind, row: Any) -> dict[str, tuple[Ref, ...]]:
    """The person or record each single-link field of ``row`` names, by field key."""
    found = {}
    for f in kind.fields:
        if f.kind in SINGLE_LINKS:
            linked = kinds.kind(target(f))
            ref = getattr(row, f"{f.key}_id")
            model = records.record_type(linked).model
            found[f.key] = _people(model, linked.name, [ref] if ref else [])
    return found


def _visit(fmt: _Formatter, record_id: int) -> Details:
    v: Visit = _load(Visit, record_id, "接待走访记录")
    people = _participants("visit", v.id, VisitMember, VisitResident)
    people |= _single_links(kinds.VISIT, v)
    rows = _head(fmt, v, c.VisitStatus) + fmt.rows(kinds.VISIT.fields, v, people)
    rows += _grew_from(kinds.VISIT, v.id) + _grown_into("visit", v.id)
    return Details("visit", v.id, v.serial or "", tuple(rows))


def _member(fmt: _Formatter, record_id: int) -> Details:
    m: Member = _load(Member, record_id, "委员")
    people = {
        "contact_parent": _people(
            Member, "member", [m.contact_parent_id] if m.contact_parent_id else []
        )
    }
    rows = fmt.rows(kinds.MEMBER.fields, m, people)
    extra = _person_visits(VisitMember, VisitMember.member, m.id)
    return Details("member", m.id, m.name, tuple(rows + ([extra] if extra else [])))


def _resident(fmt: _Formatter, record_id: int) -> Details:
    r: Resident = _load(Resident, record_id, "群众")
    people = {
        "contact_member": _people(
            Member, "member", [r.contact_member_id] if r.contact_member_id else []
        )
    }
    rows = fmt.rows(kinds.RESIDENT.fields, r, people)
    extra = _person_visits(VisitResident, VisitResident.resident, r.id)
    return Details("resident", r.id, r.name, tuple(rows + ([extra] if extra else [])))


def _declared(fmt: _Formatter, kind: kinds.RecordKind, record_id: int) -> Details:
    """A kind served from its declaration: serial, status, every filled field, the records
    it grew from and those that grew from it."""
    rt = records.record_type(kind)
    row = _load(rt.model, record_id, kind.label)
    people = _single_links(kind, row)
    for f in kind.fields:
        if f.key in rt.links:
            link = kind.link(f.key)
            ids = records.link_ids(rt, f.key, row.id)
            people[f.key] = _people(rt.links[f.key].target, link.target_kind, ids)
    tables = {f.key: fmt.table(f, record_rows.read(kind, f.key, row.id))
              for f in kind.fields if f.kind is Kind.ROWS}  # fmt: skip
    serial = [Row("编号", row.serial, key="serial")] if row.serial else []
    status = [fmt.status(kind.status, row.status)] if kind.status is not None else []
    rows = [*serial, *status, *fmt.rows(kind.fields, row, people, tables)]
    rows += _grew_from(kind, row.id) + _grown_into(kind.name, row.id)
    rows += _named_by(kind.name, row.id)
    title = str(getattr(row, kind.title_key, "") or "") if kind.title_key else ""
    return Details(kind.name, row.id, title or row.serial or "", tuple(rows))


_BUILDERS: dict[str, Callable[[_Formatter, int], Details]] = {
    "visit": _visit,
    "member": _member,
    "resident": _resident,
}
