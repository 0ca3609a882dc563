"""The import plan: what each row of a package would do, decided before anything is written.

Actions: ``new``, ``update``, ``tombstone`` (moves a record to the trash), ``unchanged``
(same content, or older than what we have), ``conflict`` (both sides changed since the last
exchange; same revision with different content; a tombstone over a local change; the same
uuid twice in the file with different data; a row edited by hand in Excel), ``waiting`` (it
links to a record not received yet: kept and planned again after later imports, see
``waiting``), ``rejected`` (with the reasons). Versioning follows docs/DATA.md: ``rev`` for
studio-owned fields, ``county_rev`` for county-owned ones; each package kind carries only the
fields its sender owns.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from studio_app.core.errors import UserError
from studio_app.exchange import signature, staging, tables
from studio_app.exchange.canonical import compared_keys, content_hash
from studio_app.exchange.reader import Package, SheetData
from studio_app.exchange.schema import Column, PackageKind, Role
from studio_app.services import peers
from studio_app.services.context import Context
from studio_app.storage.models import (
    ExchangeConflict,
    ExchangeWaiting,
    ExchangeWaitingRow,
    ImportHistory,
)

if TYPE_CHECKING:
    from studio_app.exchange.waiting import Replayed

EDITED = "导出后在 Excel 中被手工修改过（行校验不符）"
SHOWN = 200  # rejected, waiting and edited rows a plan keeps to show; all are counted
ACTIONS = ("new", "update", "tombstone", "unchanged", "conflict", "waiting", "rejected")
LABELS = {
    "new": "新增",
    "update": "更新",
    "tombstone": "删除（移入回收站）",
    "unchanged": "无变化",
    "conflict": "冲突待定",
    "waiting": "等待引用的记录",
    "rejected": "拒收",
    "edited": "其中在 Excel 中被手工修改",
}


@dataclass(slots=True)
class RowPlan:
    """A row a person is shown: rejected, in conflict, or edited by hand in Excel."""

    sheet: str
    record: str
    number: int
    uuid: str
    action: str
    values: dict[str, Any]
    local: dict[str, Any] | None = None  # id, rev, county_rev, exchanged revs, deleted
    reason: str = ""
    edited: bool = False
    decision: str = ""  # a person's decision on a conflict: local | incoming
    received_rev: int | None = None  # rev in the file, when applied under a new one


@dataclass
class Plan:
    """What the package would do. The rows themselves stay in the staging tables; ``rows``
    holds those a person is shown (rejected, waiting, conflicts, edited by hand),
    ``sheet_counts`` the number of rows per sheet and action; ``notes`` what else the import
    would do (rows of earlier packages it lets through)."""

    package: Package
    file_hash: str
    file_name: str
    rows: list[RowPlan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sheet_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    replayed: list[Replayed] = field(default_factory=list)  # once applied: earlier rows let in
    # Rows of each kind still to be kept in ``rows`` (conflicts are all kept: each is stored
    # for a decision); the rest are counted only, so a package of junk costs no memory.
    shown_left: dict[str, int] = field(
        default_factory=lambda: {"rejected": SHOWN, "waiting": SHOWN, "edited": SHOWN}
    )

    @property
    def counts(self) -> dict[str, int]:
        counts = {a: 0 for a in (*ACTIONS, "edited")}
        for found in self.sheet_counts.values():
            for action, n in found.items():
                counts[action] += n
        return counts

    def of(self, action: str) -> list[RowPlan]:
        """Rows shown to a person with ``action`` (``rejected``, ``waiting`` or ``conflict``),
        in order."""
        return [r for r in self.rows if r.action == action]

    @property
    def open_conflicts(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action == "conflict" and not r.decision]

    def not_shown(self, action: str) -> int:
        """Rows of ``action`` counted but not kept in ``rows`` (beyond :data:`SHOWN`)."""
        return self.counts[action] - len(self.of(action))


def _history_check(package: Package, file_hash: str) -> None:
    done = ImportHistory.get_or_none(
        (ImportHistory.package_uuid == package.uuid) | (ImportHistory.file_hash == file_hash)
    )
    if done is not None:
        held = (
            ExchangeWaitingRow.select()
            .join(ExchangeWaiting)
            .where(ExchangeWaiting.package_uuid == done.package_uuid)
            .count()
        )
        still = f"其中 {held} 行仍在等待引用的记录，收到后会自动导入；" if held else ""
        raise AlreadyImported(
            f"该数据包已于 {_local(done.imported_at):%Y-%m-%d %H:%M} 导入过"
            f"（第 {done.sequence} 号），{still}"
            "本次未做任何更改。"
        )


def _local(moment: datetime | str) -> datetime:
    """A stored (naive UTC) time in local time, as people read it."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class AlreadyImported(UserError):
    pass


def _sequence_warning(package: Package) -> str:
    m = package.manifest
    last = (
        ImportHistory.select(ImportHistory.sequence)
        .where(ImportHistory.site_uuid == m["site_uuid"], ImportHistory.kind == m["kind"])
        .order_by(ImportHistory.sequence.desc())
        .scalar()
    )
    seq = int(m["sequence"])
    if last is not None and seq > last + 1:
        missing = f"第 {last + 1} 号" if seq == last + 2 else f"第 {last + 1}～{seq - 1} 号"
        return (
            f"缺少 {m.get('site_name', '')} 的{missing}数据包（可能U盘丢失）：本包照常导入，"
            "请让对方补发完整数据包（export --full）。"
        )
    if last is not None and seq <= last:
        return f"本包（第 {seq} 号）比已导入的第 {last} 号更早，只会采用比本机新的内容。"
    return ""


def _check_direction(ctx: Context, package: Package) -> None:
    m = package.manifest
    if package.kind is PackageKind.STUDIO and not ctx.is_county:
        raise UserError("工作室数据包应由县政协导入；本机是工作室，只能导入县政协的反馈包。")
    if package.kind is PackageKind.FEEDBACK:
        if ctx.is_county:
            raise UserError("反馈包是县政协发给工作室的，县政协本机不能导入。")
        if m.get("target_site_uuid") != ctx.site_uuid:
            raise UserError(
                f"这是发给“{m.get('target_site_name', '其他工作室')}”的反馈包，不是发给本工作室的。"
            )
    if m["site_uuid"] == ctx.site_uuid:
        raise UserError("这是本机自己导出的数据包，不能导入到本机。")


def make_plan(
    ctx: Context,
    package: Package,
    file_hash: str,
    file_name: str,
    tick: Callable[[int], None] | None = None,
) -> Plan:
    """Classify every staged row; raises only for whole-package refusals.

    ``tick(rows planned)`` is called after each sheet (it may raise to cancel).
    """
    _check_direction(ctx, package)
    notes = peers.check(ctx, signature.sender(package.manifest))  # pinned on apply
    _history_check(package, file_hash)
    plan = Plan(package, file_hash, file_name, warnings=[*notes, *package.warnings])
    gap = _sequence_warning(package)
    if gap:
        plan.warnings.append(gap)
    classify(plan, tick)
    return plan


def classify(plan: Plan, tick: Callable[[int], None] | None = None) -> None:
    """Plan every staged row of ``plan.package`` (also the rows kept waiting, planned again)."""
    package = plan.package
    decisions = {
        c.record_uuid: c.decision
        for c in ExchangeConflict.select().where(ExchangeConflict.package_uuid == package.uuid)
        if c.decision
    }
    planned: set[str] = set()
    done = 0
    for sd in package.sheets:
        _plan_sheet(plan, sd, decisions)
        planned.add(sd.spec.record)
        _check_links(sd, planned)
        plan.sheet_counts[sd.spec.title] = _counts(sd)
        plan.rows += _shown(plan, sd)
        done += sd.count
        if tick is not None:
            tick(done)


def _sql(query: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
    return staging.connection().execute(query, params)


def _check_links(sd: SheetData, planned: set[str]) -> None:
    """Rows linking to people or records neither here nor in the package wait for them.

    The package's own records count when their sheet was planned before (or is this one)
    and they were new or in conflict at that point, and are not waiting themselves. A
    waiting row's ``wait`` lists what it waits for (JSON, ``record_type:uuid``).
    """
    x = sd.table
    _sql(f"UPDATE {x} SET k = (action IN ('new', 'conflict'))")
    missing: dict[int, list[str]] = {}
    waits: dict[int, list[str]] = {}
    while _missing_links(sd, planned, missing, waits):
        # Rows now waiting are no longer there for the rows of this sheet linking to them.
        _sql_many(
            f"UPDATE {x} SET action = 'waiting', k = FALSE WHERE n = ?", [(n,) for n in missing]
        )
    if missing:
        # Headers in column order, as each row names them.
        order = [_named(c) for c in sd.spec.columns]
        _sql_many(
            f"UPDATE {x} SET action = 'waiting', k = FALSE, reason = ?, wait = ? WHERE n = ?",
            [
                (
                    f"引用的{'、'.join(sorted(h, key=order.index))}尚未收到"
                    "（在未到或被拒收的数据包中）：先保留，收到后自动导入",
                    json.dumps(waits[n]),
                    n,
                )
                for n, h in missing.items()
            ],
        )


def _named(col: Column) -> str:
    """What a link column is called in a reason: its field's label (参加委员, 议程)."""
    return col.field.label if col.field is not None else col.header


def _missing_links(
    sd: SheetData, planned: set[str], missing: dict[int, list[str]], waits: dict[int, list[str]]
) -> bool:
    """Add the rows (not waiting yet) that link to a record not there; any found?"""
    x = sd.table
    found_any = False
    for col in sd.spec.columns:
        if col.role is not Role.LINK:
            continue
        at = sd.col(col.key)
        if at is None:
            continue
        if col.side is not None:  # items tagged with the kind they point to, rows' members
            refs = col.side.refs()
        else:
            refs = [("j.value", "", tables.target_table(col.field))]
        for item, only, table in refs:
            pool = (
                f"AND NOT EXISTS (SELECT 1 FROM temp.{staging.table_name(table)} y "
                f"WHERE y.uuid = {item} AND y.k)"
                if table in planned
                else ""
            )
            found = _sql(
                f"SELECT DISTINCT s.n, {item} FROM {x} s, json_each(s.{at}) j "
                f"WHERE s.action NOT IN ('rejected', 'unchanged', 'dup', 'waiting') {only} "
                f"AND NOT EXISTS (SELECT 1 FROM main.{table} m WHERE m.uuid = {item}) {pool}"
            )
            for n, uuid in found:
                found_any = True
                heads = missing.setdefault(n, [])
                header = _named(col)
                if header not in heads:
                    heads.append(header)
                ref = f"{table}:{uuid}"
                if ref not in waits.setdefault(n, []):
                    waits[n].append(ref)
    return found_any


def _sql_many(query: str, rows: list[tuple[Any, ...]]) -> None:
    staging.connection().executemany(query, rows)


def _plan_sheet(plan: Plan, sd: SheetData, decisions: dict[str, str]) -> None:
    x = sd.table
    record = sd.spec.record
    feedback = plan.package.kind is PackageKind.FEEDBACK
    rev = sd.col("county_rev" if feedback else "rev") or "NULL"
    deleted = sd.col("deleted") if not feedback else None
    # Each uuid once: later rows of the same uuid are dropped; different content is a conflict
    # of the first row (naming the last row that differs).
    dup_reason: dict[int, str] = {}
    dups = [u for (u,) in _sql(f"SELECT uuid FROM {x} GROUP BY uuid HAVING count(*) > 1")]
    for uuid in dups:
        found = list(_sql(f"SELECT n, chash FROM {x} WHERE uuid = ? ORDER BY n", (uuid,)))
        first, first_hash = found[0]
        for n, chash in found[1:]:
            if chash != first_hash:
                rows = f"第 {first} 行和第 {n} 行"
                dup_reason[first] = f"同一记录在文件中出现两次（{rows}），内容不同"
        _sql(f"UPDATE {x} SET action = 'dup' WHERE uuid = ? AND n > ?", (uuid, first))
    _sql(
        f"UPDATE {x} SET lid = t.id, lrev = t.rev, lcrev = t.county_rev, "
        "lxrev = t.exchanged_rev, lxcrev = t.exchanged_county_rev, "
        "ldel = (coalesce(t.deleted_at, '') != '') "
        f"FROM main.{record} AS t WHERE t.uuid = {x}.uuid AND {x}.action IS NULL"
    )
    if feedback:
        decide = (
            "CASE WHEN lid IS NULL THEN 'rejected' "
            f"WHEN {rev} = lcrev THEN 'same' WHEN {rev} < lcrev THEN 'unchanged' "
            "ELSE 'update' END",
            "CASE WHEN lid IS NULL THEN '本机没有这条记录' "
            f"WHEN {rev} < lcrev THEN '文件中的版本比本机旧' ELSE '' END",
        )
    else:
        tomb = f"(coalesce({deleted}, 0) = 1 AND NOT ldel)" if deleted else "FALSE"
        decide = (
            "CASE WHEN lid IS NULL THEN 'new' "
            f"WHEN lrev > lxrev THEN CASE WHEN {rev} <= lxrev THEN 'unchanged' ELSE 'conflict' END "
            f"WHEN {rev} = lrev THEN 'same' WHEN {rev} < lrev THEN 'unchanged' "
            f"WHEN {tomb} THEN 'tombstone' ELSE 'update' END",
            "CASE WHEN lid IS NULL THEN '' "
            f"WHEN lrev > lxrev THEN CASE WHEN {rev} <= lxrev THEN '文件中的版本不比上次交换的新' "
            f"WHEN {tomb} THEN '对方删除了这条记录，但本机在上次交换后修改过' "
            "ELSE '双方在上次交换后都修改过这条记录' END "
            f"WHEN {rev} < lrev THEN '文件中的版本比本机旧' ELSE '' END",
        )
    _sql(
        f"UPDATE {x} SET action = {decide[0]}, reason = {decide[1]}, decision = '' "
        "WHERE action IS NULL"
    )
    _sql(f"UPDATE {x} SET was_same = (action = 'same')")
    _sql(
        f"UPDATE {x} SET action = 'conflict', reason = ? "
        "WHERE edited AND action IN ('new', 'update', 'tombstone')",
        (EDITED,),
    )
    _sql_many(
        f"UPDATE {x} SET action = 'conflict', reason = ? WHERE n = ?",
        [(reason, n) for n, reason in dup_reason.items()],
    )
    _same(sd, plan.package.kind)
    if decisions:
        _sql_many(
            f"UPDATE {x} SET decision = ? WHERE uuid = ? AND action = 'conflict'",
            [(d, u) for u, d in decisions.items()],
        )
    if sd.count != sd.declared_rows:
        plan.warnings.append(
            f"工作表“{sd.spec.title}”有 {sd.count} 行数据，清单记载为 {sd.declared_rows} 行"
            "（有行被手工增删）。"
        )


def _same(sd: SheetData, kind: PackageKind) -> None:
    """Rows of the same revision as ours, compared on what we would take from them
    (:func:`~studio_app.exchange.canonical.compared_keys`): equal → unchanged; different →
    a conflict in a studio package, an update in a feedback package (the county owns those
    fields, a studio cannot have changed them); edited by hand and different → a conflict.
    """
    x = sd.table
    if not _sql(f"SELECT 1 FROM {x} WHERE was_same LIMIT 1").fetchone():
        return
    keys = compared_keys(sd.spec, kind, sd.keys)
    n_same = _sql(f"SELECT count(*) FROM {x} WHERE was_same").fetchone()[0]
    if n_same <= 2000:
        ids = [i for (i,) in _sql(f"SELECT lid FROM {x} WHERE was_same")]
        local = tables.read(sd.spec, f"id IN ({','.join(str(int(i)) for i in ids)})")
    else:
        local = tables.read(sd.spec, f"id IN (SELECT lid FROM temp.{x} WHERE was_same)")
    conn = staging.connection()
    conn.execute("DROP TABLE IF EXISTS temp.x_same")
    conn.execute("CREATE TEMP TABLE x_same (lid INTEGER PRIMARY KEY, chash TEXT, ihash TEXT)")
    conn.executemany(
        "INSERT INTO temp.x_same (lid, chash) VALUES (?, ?)",
        ((v["_id"], content_hash([v.get(k) for k in keys])) for v in local),
    )
    # The incoming side: the staged values, turned back into exchange values.
    decode = staging.decoders(sd.spec, list(keys))
    cols = "".join(f", {sd.col(k)}" for k in keys)
    conn.executemany(
        "UPDATE temp.x_same SET ihash = ? WHERE lid = ?",
        (
            (content_hash([f(v) if f else v for f, v in zip(decode, row, strict=True)]), lid)
            for lid, *row in _sql(f"SELECT lid{cols} FROM {x} WHERE was_same")
        ),
    )
    differ = "update" if kind is PackageKind.FEEDBACK else "conflict"
    _sql(
        f"UPDATE {x} SET action = CASE WHEN s.chash = s.ihash THEN 'unchanged' "
        f"WHEN {x}.edited THEN 'conflict' ELSE '{differ}' END, "
        f"reason = CASE WHEN s.chash = s.ihash THEN {x}.reason WHEN {x}.edited THEN ? "
        f"ELSE ? END FROM temp.x_same s WHERE s.lid = {x}.lid AND {x}.was_same",
        (EDITED, "" if differ == "update" else "版本号相同但内容不同"),
    )
    conn.execute("DROP TABLE temp.x_same")


def _counts(sd: SheetData) -> dict[str, int]:
    counts = {a: 0 for a in (*ACTIONS, "edited")}
    found = _sql(
        f"SELECT action, count(*), sum(edited) FROM {sd.table} WHERE action != 'dup' "
        "GROUP BY action"
    )
    for action, n, edited in found:
        counts[action] += n
        counts["edited"] += edited or 0
    counts["rejected"] += sd.rejected_count
    return counts


def _shown(plan: Plan, sd: SheetData) -> list[RowPlan]:
    """Rows a person is shown, in file order: every conflict, and the first :data:`SHOWN`
    of the package's rejected, waiting and edited rows."""
    spec = sd.spec
    left = plan.shown_left
    read = sd.rejected[: max(left["rejected"], 0)]
    left["rejected"] -= len(read)
    shown = [
        RowPlan(spec.title, spec.record, r.number, str(r.values.get("uuid", "")), "rejected",
                r.values, reason="；".join(r.errors))
        for r in read
    ]  # fmt: skip
    width = len(sd.keys)
    decode = staging.decoders(spec, sd.keys)
    columns = (
        f"SELECT n, uuid, edited, action, reason, decision, lid, lrev, lcrev, lxrev, lxcrev, "
        f"ldel, {', '.join(f'c{i}' for i in range(width)) or 'NULL'} FROM {sd.table} "
    )
    found: list[Any] = list(_sql(columns + "WHERE action = 'conflict'"))
    for kind, where in (
        ("rejected", "action = 'rejected'"),
        ("waiting", "action = 'waiting'"),
        ("edited", "edited AND action NOT IN ('dup', 'conflict', 'rejected', 'waiting')"),
    ):
        if left[kind] > 0:
            rows = list(_sql(columns + f"WHERE {where} ORDER BY n LIMIT ?", (left[kind],)))
            left[kind] -= len(rows)
            found += rows
    for row in found:
        n, uuid, edited, action, reason, decision, lid = row[:7]
        local, cells = row[7:12], row[12 : 12 + width]
        values = {
            key: (f(cell) if f is not None else cell)
            for key, f, cell in zip(sd.keys, decode, cells, strict=True)
        }
        rp = RowPlan(spec.title, spec.record, n, uuid, action, values, reason=reason or "",
                     edited=bool(edited), decision=decision or "")  # fmt: skip
        if lid is not None:
            rev, county_rev, x_rev, x_county_rev, deleted = local
            rp.local = {"id": lid, "rev": rev, "county_rev": county_rev, "x_rev": x_rev,
                        "x_county_rev": x_county_rev, "deleted": deleted}  # fmt: skip
        shown.append(rp)
    shown.sort(key=lambda r: r.number)
    return shown


def conflict_json(rp: RowPlan) -> str:
    """The incoming version of a conflicting row, as kept for the person deciding."""
    return json.dumps(rp.values, ensure_ascii=False, default=str)


def hidden_roles() -> tuple[Role, ...]:
    return (Role.META, Role.HASH, Role.LINK)
