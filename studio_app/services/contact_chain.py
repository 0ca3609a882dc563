"""The "一联十、十联百" contact chain: who keeps in touch with whom, and who waits too long.

Each standing-committee member (常委, ``member.is_standing``) keeps in touch with about ten
members (whose ``contact_parent`` they are), each member with about a hundred residents (whose
``contact_member`` they are). The targets and the days after which someone counts as "not
contacted" are local settings (the ``setting`` table, never exported; :func:`targets`,
:func:`set_targets`).

:func:`chain` reads the whole chain in two queries whatever its size (the members with
their standing member's latest contact record with them; the residents' counts per member):
a standing member's contact with a member is the latest live 联系记录 they made naming that member
(``contacted_member``); a resident's is their ``last_contacted_at`` (kept by
:mod:`.contacts` from every dated record linking them). The residents of one member are read
a page at a time (:func:`residents_of`). :func:`assign_residents` and :func:`assign_members`
move people between links as ordinary audited edits through the residents and members
services, all in one transaction or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.core.errors import NotFound, StaleRecord, UserError, ValidationError
from studio_app.core.text import normalise_name
from studio_app.services import audit, members, permissions, records, residents
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.storage.models import Member, Resident, Setting, database

CHAIN = "contact_chain"  # announced when the targets change (not a record kind)
PAGE = 200  # residents read at a time
MANY = 5000  # ids asked for at a time (SQLite takes 32,766 parameters)


@dataclass(frozen=True)
class Targets:
    """How many each keeps in touch with, and after how many days someone is overdue."""

    members: int = 10  # members per standing member (一联十)
    residents: int = 100  # residents per member (十联百)
    days: int = 90  # days without contact before someone counts as not contacted


@dataclass(frozen=True)
class _Setting:
    name: str  # the attribute of :class:`Targets`
    key: str  # in the setting table
    label: str  # Chinese, in messages and the audit log
    most: int


SETTINGS = (
    _Setting("members", "chain.members_per_standing", "每名常委联系委员数", 100),
    _Setting("residents", "chain.residents_per_member", "每名委员联系群众数", 10_000),
    _Setting("days", "chain.days_not_contacted", "未联系提醒天数", 3650),
)


def targets() -> Targets:
    """The targets as set (defaults where unset, or where a stored value is unreadable)."""
    stored = dict(Setting.select(Setting.key, Setting.value).tuples())
    found: dict[str, int] = {}
    for s in SETTINGS:
        try:
            value = int(str(stored.get(s.key, "")).strip())
        except ValueError:
            continue
        if 1 <= value <= s.most:
            found[s.name] = value
    return Targets(**found)


def _positive(s: _Setting, value: Any) -> int:
    """``value`` as a whole number from 1 to ``s.most``, or :class:`ValueError` saying why."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{s.label}：应为正整数")
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise ValueError(f"{s.label}：应为正整数")
    number = int(text)
    if number < 1:
        raise ValueError(f"{s.label}：应为正整数（至少为 1）")
    if number > s.most:
        raise ValueError(f"{s.label}：不能超过 {s.most:,}")
    return number


def set_targets(ctx: Context, **values: Any) -> Targets:
    """Set some of the targets (``members=``, ``residents=``, ``days=``): each a whole number
    of at least 1. All are checked before any is written; each change is audited."""
    permissions.require(ctx, permissions.Permission.EDIT, "setting")
    by_name = {s.name: s for s in SETTINGS}
    errors: dict[str, str] = {}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        errors["_"] = f"未知设置：{', '.join(unknown)}"
    clean: dict[str, int] = {}
    for name, value in values.items():
        if name in by_name:
            try:
                clean[name] = _positive(by_name[name], value)
            except ValueError as exc:
                errors[name] = str(exc)
    if errors:
        raise ValidationError(errors)
    before = targets()
    after = replace(before, **clean)
    with records.atomic():
        for s in SETTINGS:
            old, new = getattr(before, s.name), getattr(after, s.name)
            if old != new:
                Setting.insert(key=s.key, value=str(new)).on_conflict_replace().execute()
                audit.record(ctx, "update", "setting", s.key, {s.label: (old, new)})
        if after != before:
            announced.changed({CHAIN})
    return after


# -- the chain ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberLink:
    """A member in the chain, with the residents they keep in touch with."""

    id: int
    name: str
    is_standing: bool
    active: bool
    parent_id: int | None  # their standing member (None: none that is live and standing)
    residents: int  # live residents whose contact member they are
    overdue: int  # of those, not contacted for the set days (or never)
    residents_last: datetime | None  # the latest contact among those residents
    last_contacted: datetime | None  # their standing member's latest contact record with them
    contacted_overdue: bool  # with a standing member: not contacted by them for the set days
    rev: int = 0  # the member's revision as read


@dataclass(frozen=True)
class StandingLink:
    """A standing member and the members they keep in touch with (一联十)."""

    member: MemberLink
    members: tuple[MemberLink, ...]

    @property
    def last_contact(self) -> datetime | None:
        """Their latest contact with any of their members."""
        return max((m.last_contacted for m in self.members if m.last_contacted), default=None)

    @property
    def overdue(self) -> int:
        """Their members not contacted by them for the set days (or never)."""
        return sum(m.contacted_overdue for m in self.members)


@dataclass(frozen=True)
class Chain:
    """The whole chain as of ``today``; ``cutoff``: contacted before it is overdue."""

    targets: Targets
    today: date
    cutoff: datetime
    standing: tuple[StandingLink, ...]
    unlinked: tuple[MemberLink, ...]  # members without a (live) standing member
    unassigned: int  # live residents without a (live) contact member
    unassigned_overdue: int
    by_id: dict[int, MemberLink] = field(default_factory=dict, compare=False, repr=False)

    @property
    def residents(self) -> int:
        """Every live resident of the chain, assigned or not."""
        return self.unassigned + sum(m.residents for m in self.by_id.values())

    @property
    def overdue(self) -> int:
        """Residents not contacted for the set days (or never), assigned or not."""
        return self.unassigned_overdue + sum(m.overdue for m in self.by_id.values())

    def member(self, member_id: int) -> MemberLink | None:
        return self.by_id.get(member_id)


def cutoff_of(today: date, days: int) -> datetime:
    """Contacts before this moment are more than ``days`` days before ``today``."""
    return datetime.combine(today - timedelta(days=days), time())


def _when(value: Any) -> datetime | None:
    """A stored date and time (SQL text) as a datetime."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _rows(sql: str, args: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, list(args)).fetchall())


def _studio(column: str, studio: str | None) -> tuple[str, list[Any]]:
    return (f" AND {column} = ?", [studio]) if studio else ("", [])


def chain(ctx: Context, *, studio: str | None = None) -> Chain:
    """The chain as of today (``studio``: only that studio's people and records, at the
    county). Two queries, however many members and residents."""
    goal = targets()
    today = ctx.today()
    cutoff = cutoff_of(today, goal.days)
    until = datetime.combine(today + timedelta(days=1), time())  # later contacts are plans
    # Each member with their standing member's latest contact record with them: one
    # subquery per member, the latest by date on (member_id, contacted_at) where indexed
    table = kinds.CONTACT.name
    where, args = _studio("m.origin_site", studio)
    people = _rows(
        "SELECT m.id, m.name, m.is_standing, m.active, m.contact_parent_id, m.rev, "
        f"(SELECT c.contacted_at FROM {table} c WHERE c.member_id = m.contact_parent_id "
        "AND c.contacted_member_id = m.id AND c.deleted_at IS NULL AND c.contacted_at < ? "
        "ORDER BY c.contacted_at DESC LIMIT 1) "
        f"FROM member m WHERE m.deleted_at IS NULL{where} "
        "ORDER BY m.is_standing DESC, m.name, m.id",
        [str(until), *args],
    )
    where, args = _studio("origin_site", studio)
    counted = {
        member_id: (n, overdue or 0, last)
        for member_id, n, overdue, last in _rows(
            "SELECT contact_member_id, count(*), "
            "sum(last_contacted_at IS NULL OR last_contacted_at < ?), max(last_contacted_at) "
            f"FROM resident WHERE deleted_at IS NULL{where} GROUP BY contact_member_id",
            [str(cutoff), *args],
        )
    }
    standing_ids = {row[0] for row in people if row[2]}
    by_id: dict[int, MemberLink] = {}
    for member_id, name, is_standing, active, parent, rev, reached in people:
        n, overdue, last = counted.pop(member_id, (0, 0, None))
        parent = parent if parent in standing_ids and not is_standing else None
        contacted = _when(reached) if parent else None
        late = parent is not None and (contacted is None or contacted < cutoff)
        by_id[member_id] = MemberLink(member_id, name, bool(is_standing), bool(active), parent,
                                      n, overdue, _when(last), contacted, late, rev)  # fmt: skip
    # Residents of no member, or of a member in the trash (or of another studio's)
    unassigned = sum(n for n, _o, _l in counted.values())
    unassigned_overdue = sum(o for _n, o, _l in counted.values())
    # Shown: members in office, and those no longer in office who still hold links
    shown = [m for m in by_id.values() if m.active or m.residents]
    linked: dict[int, list[MemberLink]] = {i: [] for i in standing_ids}
    for m in shown:
        if m.parent_id is not None:
            linked[m.parent_id].append(m)
    standing = tuple(
        StandingLink(m, tuple(linked[m.id]))
        for m in by_id.values()
        if m.is_standing and (m.active or m.residents or linked[m.id])
    )
    unlinked = tuple(m for m in shown if not m.is_standing and m.parent_id is None)
    return Chain(goal, today, cutoff, standing, unlinked, unassigned, unassigned_overdue, by_id)


@dataclass(frozen=True)
class ResidentLink:
    """A resident in the chain: where they live and when they were last contacted."""

    id: int
    name: str
    village: str
    group_name: str
    last_contacted: datetime | None
    overdue: bool
    rev: int
    member: str = ""  # their contact member's name (in searches for assigning)

    def days_since(self, today: date) -> int | None:
        """Whole days since the last contact (None: never contacted)."""
        return None if self.last_contacted is None else (today - self.last_contacted.date()).days


_RESIDENT_COLUMNS = (
    "r.id, r.name, r.village, r.group_name, r.last_contacted_at, r.rev, "
    "COALESCE(m.name, '')"
)  # with ``m`` the contact member, if live
_NEVER_FIRST = "r.last_contacted_at IS NOT NULL, r.last_contacted_at, r.name_key, r.id"


def _resident(row: tuple[Any, ...], cutoff: datetime) -> ResidentLink:
    rid, name, village, group, last, rev, member = row
    when = _when(last)
    return ResidentLink(rid, name, village, group, when, when is None or when < cutoff, rev,
                        member)  # fmt: skip


def _of_member(member_id: int | None) -> tuple[str, list[Any]]:
    if member_id is None:
        return "m.id IS NULL", []
    return "r.contact_member_id = ? AND m.id IS NOT NULL", [member_id]


def residents_of(
    ctx: Context,
    member_id: int | None,
    *,
    overdue_only: bool = False,
    offset: int = 0,
    limit: int = PAGE,
    studio: str | None = None,
) -> list[ResidentLink]:
    """A page of the live residents member ``member_id`` keeps in touch with (None: those of
    no live member), never contacted first, then the longest ago."""
    cutoff = cutoff_of(ctx.today(), targets().days)
    cond, args = _of_member(member_id)
    if overdue_only:
        cond += " AND (r.last_contacted_at IS NULL OR r.last_contacted_at < ?)"
        args.append(str(cutoff))
    where, more = _studio("r.origin_site", studio)
    found = _rows(
        f"SELECT {_RESIDENT_COLUMNS} FROM resident r "
        "LEFT JOIN member m ON m.id = r.contact_member_id AND m.deleted_at IS NULL "
        f"WHERE r.deleted_at IS NULL AND {cond}{where} ORDER BY {_NEVER_FIRST} LIMIT ? OFFSET ?",
        [*args, *more, limit, offset],
    )
    return [_resident(row, cutoff) for row in found]


def find_residents(
    ctx: Context,
    *,
    village: str = "",
    text: str = "",
    unassigned_only: bool = False,
    ids: Iterable[int] | None = None,
    limit: int = 500,
) -> tuple[list[ResidentLink], int]:
    """Live residents to assign: of a village, whose name (or address) holds ``text`` (or
    among ``ids``); the first ``limit`` of them by village, group and name, and how many
    there are in all."""
    cond, args = "r.deleted_at IS NULL", list[Any]()
    if ids is not None:
        wanted = [int(i) for i in ids][:MANY]
        cond += f" AND r.id IN ({', '.join('?' * len(wanted)) or 'NULL'})"
        args += wanted
    if village.strip():
        cond += " AND r.village = ?"
        args.append(village.strip())
    words = text.split()
    for word in words:
        cond += " AND (r.name_key LIKE ? ESCAPE '\\' OR r.address LIKE ? ESCAPE '\\')"
        args += [f"%{_escaped(normalise_name(word))}%", f"%{_escaped(word)}%"]
    if unassigned_only:
        cond += " AND m.id IS NULL"
    source = (
        "FROM resident r LEFT JOIN member m ON m.id = r.contact_member_id "
        f"AND m.deleted_at IS NULL WHERE {cond}"
    )
    total = int(_rows(f"SELECT count(*) {source}", args)[0][0])
    cutoff = cutoff_of(ctx.today(), targets().days)
    order = "r.village, length(r.group_name), r.group_name, r.name_key, r.id"
    found = _rows(f"SELECT {_RESIDENT_COLUMNS} {source} ORDER BY {order} LIMIT ?", [*args, limit])
    return [_resident(row, cutoff) for row in found], total


def _escaped(text: str) -> str:
    """``text`` matched literally by LIKE … ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- assigning ---------------------------------------------------------------------------


def _ids(values: Iterable[Any], what: str) -> list[int]:
    """Distinct record ids, in order; refused unless whole numbers, at least one."""
    ids: list[int] = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            raise UserError(f"无法识别的{what}编号：{value!r}")
        if value not in ids:
            ids.append(value)
    if not ids:
        raise UserError(f"请至少选择一名{what}。")
    return ids


def _quoted(names: Iterable[str]) -> str:
    shown = list(names)
    more = f"等 {len(shown)} 名" if len(shown) > 5 else ""
    return "、".join(f"“{n}”" for n in shown[:5]) + more


def _check_rows(rows: list[Any], ids: list[int], what: str, revs: Mapping[int, int] | None) -> None:
    """Refuse ids not found, records in the trash, and records changed since ``revs``."""
    found = {row.id for row in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        numbers = "、".join(map(str, missing[:10]))
        raise NotFound(
            f"找不到{len(missing)}名{what}（编号 {numbers}），可能已被删除，请刷新后重试。"
        )
    trashed = [row.name for row in rows if row.deleted_at is not None]
    if trashed:
        raise UserError(f"{what}{_quoted(trashed)}在回收站中，不能分配。请先恢复，或不选他们。")
    stale = [row.name for row in rows if revs and row.id in revs and row.rev != revs[row.id]]
    if stale:
        raise StaleRecord(f"{what}{_quoted(stale)}已被他人修改，请刷新后重新分配。")


def _live_member(member_id: int, role: str) -> Member:
    """The member to assign to, refused when gone, in the trash or no longer in office."""
    row = Member.get_or_none(Member.id == member_id)
    if row is None:
        raise NotFound(f"找不到该{role}（可能已被删除），请刷新后重试。")
    if row.deleted_at is not None:
        raise UserError(f"{role}“{row.name}”在回收站中，不能分配。")
    if not row.active:
        raise UserError(f"{role}“{row.name}”已不在任，不能再分配联系对象。")
    return row


def _standing(standing_id: int) -> Member:
    """The standing member to assign members to, refused when not (or no longer) one."""
    standing = _live_member(standing_id, "常委")
    if not standing.is_standing:
        raise UserError(f"“{standing.name}”不是常委，不能作为委员的联系常委。")
    return standing


def assign_residents(
    ctx: Context,
    member_id: int | None,
    resident_ids: Iterable[int],
    *,
    revs: Mapping[int, int] | None = None,
) -> int:
    """Make member ``member_id`` (None: nobody) the contact member of the residents, each
    as an audited edit of the resident (a new revision), all in one transaction; refused as
    a whole for an unknown or trashed resident, a resident changed since ``revs`` (id →
    revision as shown), or a member gone or no longer in office. Returns how many changed."""
    permissions.require(ctx, permissions.Permission.EDIT, kinds.RESIDENT.name)
    ids = _ids(resident_ids, "群众")
    if member_id is not None:
        _live_member(member_id, "委员")
    with records.atomic():
        fields = (Resident.id, Resident.name, Resident.deleted_at, Resident.rev,
                  Resident.contact_member)  # fmt: skip
        rows = list(Resident.select(*fields).where(Resident.id.in_(ids)))
        _check_rows(rows, ids, "群众", revs)
        moved = [row for row in rows if row.contact_member_id != member_id]
        for row in sorted(moved, key=lambda r: ids.index(r.id)):
            residents.update(ctx, row.id, {"contact_member": member_id}, expected_rev=row.rev)
    return len(moved)


def assign_members(
    ctx: Context,
    standing_id: int | None,
    member_ids: Iterable[int],
    *,
    revs: Mapping[int, int] | None = None,
) -> int:
    """Make standing member ``standing_id`` (None: nobody) the one who keeps in touch with
    the members, each as an audited edit of the member, all in one transaction; refused as a
    whole when ``standing_id`` is not a live standing member in office, or a member is
    unknown, trashed, changed since ``revs``, or standing themselves. Returns how many
    changed."""
    permissions.require(ctx, permissions.Permission.EDIT, kinds.MEMBER.name)
    ids = _ids(member_ids, "委员")
    if standing_id is not None:
        _standing(standing_id)
    with records.atomic():
        fields = (Member.id, Member.name, Member.deleted_at, Member.rev, Member.is_standing,
                  Member.contact_parent)  # fmt: skip
        rows = list(Member.select(*fields).where(Member.id.in_(ids)))
        _check_rows(rows, ids, "委员", revs)
        standing_ones = [row.name for row in rows if row.is_standing]
        if standing_ones:
            raise UserError(f"{_quoted(standing_ones)}是常委，由常委联系的只能是委员。")
        moved = [row for row in rows if row.contact_parent_id != standing_id]
        for row in sorted(moved, key=lambda r: ids.index(r.id)):
            members.update(ctx, row.id, {"contact_parent": standing_id}, expected_rev=row.rev)
    return len(moved)


def set_standing_members(
    ctx: Context,
    standing_id: int,
    member_ids: Iterable[int],
    *,
    revs: Mapping[int, int] | None = None,
) -> int:
    """Make ``member_ids`` exactly the members standing member ``standing_id`` keeps in
    touch with: the others they had are left without one. One transaction, refused as a
    whole as :func:`assign_members` refuses. Returns how many members changed."""
    permissions.require(ctx, permissions.Permission.EDIT, kinds.MEMBER.name)
    wanted = list(dict.fromkeys(member_ids))
    _standing(standing_id)
    with records.atomic():
        had = Member.select(Member.id).where(
            (Member.contact_parent == standing_id) & Member.deleted_at.is_null()
        )
        dropped = [i for (i,) in had.tuples() if i not in wanted]
        changed = assign_members(ctx, standing_id, wanted, revs=revs) if wanted else 0
        if dropped:
            changed += assign_members(ctx, None, dropped, revs=revs)
    return changed
