"""The import plan: what each row of a package would do, decided before anything is written.

Actions: ``new``, ``update``, ``tombstone`` (moves a record to the trash), ``unchanged``
(same content, or older than what we have), ``conflict`` (both sides changed since the last
exchange; same revision with different content; a tombstone over a local change; the same
uuid twice in the file with different data; a row edited by hand in Excel), ``rejected``
(with the reasons). Versioning follows DATA.md: ``rev`` for studio-owned fields, ``county_rev``
for county-owned ones; each package kind carries only the fields its sender owns.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from studio_app.core.errors import UserError
from studio_app.exchange import tables
from studio_app.exchange.canonical import content, content_hash
from studio_app.exchange.reader import Package, Row, SheetData
from studio_app.exchange.schema import FORMAT_VERSION, PackageKind, Role
from studio_app.services.context import Context
from studio_app.storage.models import ExchangeConflict, ImportHistory

ACTIONS = ("new", "update", "tombstone", "unchanged", "conflict", "rejected")
LABELS = {
    "new": "新增",
    "update": "更新",
    "tombstone": "删除（移入回收站）",
    "unchanged": "无变化",
    "conflict": "冲突待定",
    "rejected": "拒收",
    "edited": "其中在 Excel 中被手工修改",
}


@dataclass(slots=True)
class RowPlan:
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
    package: Package
    file_hash: str
    file_name: str
    rows: list[RowPlan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(r.action for r in self.rows)
        counts = {a: found.get(a, 0) for a in ACTIONS}
        counts["edited"] = sum(1 for r in self.rows if r.edited)
        return counts

    def of(self, action: str) -> list[RowPlan]:
        return [r for r in self.rows if r.action == action]

    @property
    def open_conflicts(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action == "conflict" and not r.decision]


def _local_index(record: str) -> dict[str, dict[str, Any]]:
    rows = tables.sql(
        f"SELECT uuid, id, rev, county_rev, exchanged_rev, exchanged_county_rev, deleted_at "
        f"FROM {record}"
    )
    return {
        u: {"id": i, "rev": r, "county_rev": c, "x_rev": xr, "x_county_rev": xc, "deleted": d}
        for u, i, r, c, xr, xc, d in rows
    }


def _local_content(sd: SheetData, ids: list[int]) -> dict[int, list[Any]]:
    """Canonical content of local records, for comparing same-revision rows."""
    if not ids:
        return {}
    wanted = set(ids)
    if len(ids) <= 2000:
        where = f"id IN ({','.join(str(int(i)) for i in ids)})"
        found = tables.read(sd.spec, where)
    else:
        found = (v for v in tables.read(sd.spec) if v["_id"] in wanted)
    return {v["_id"]: content(sd.spec, v, sd.masked) for v in found}


def _decide(kind: PackageKind, row: Row, local: dict[str, Any] | None) -> tuple[str, str]:
    v = row.values
    if kind is PackageKind.FEEDBACK:
        if local is None:
            return "rejected", "本机没有这条记录"
        incoming, have, sent = v["county_rev"], local["county_rev"], local["x_county_rev"]
    else:
        if local is None:
            return "new", ""
        incoming, have, sent = v["rev"], local["rev"], local["x_rev"]
    # County-owned fields cannot change at a studio (records.modify refuses): a studio's
    # county_rev ahead of the last feedback came with the data, not from a local edit.
    changed_here = have > sent and kind is PackageKind.STUDIO
    tombstone = kind is PackageKind.STUDIO and v.get("deleted") and not local["deleted"]
    if changed_here:
        if incoming <= sent:
            return "unchanged", "文件中的版本不比上次交换的新"
        if tombstone:
            return "conflict", "对方删除了这条记录，但本机在上次交换后修改过"
        return "conflict", "双方在上次交换后都修改过这条记录"
    if incoming == have:
        return "same", ""
    if incoming < have:
        return "unchanged", "文件中的版本比本机旧"
    return ("tombstone", "") if tombstone else ("update", "")


def _history_check(package: Package, file_hash: str) -> None:
    done = ImportHistory.get_or_none(
        (ImportHistory.package_uuid == package.uuid) | (ImportHistory.file_hash == file_hash)
    )
    if done is not None:
        raise AlreadyImported(
            f"该数据包已于 {_local(done.imported_at):%Y-%m-%d %H:%M} 导入过"
            f"（第 {done.sequence} 号），"
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


def make_plan(ctx: Context, package: Package, file_hash: str, file_name: str) -> Plan:
    """Classify every row; raises only for whole-package refusals."""
    _check_direction(ctx, package)
    _history_check(package, file_hash)
    plan = Plan(package, file_hash, file_name, warnings=list(package.warnings))
    gap = _sequence_warning(package)
    if gap:
        plan.warnings.append(gap)
    decisions = {
        c.record_uuid: c.decision
        for c in ExchangeConflict.select().where(ExchangeConflict.package_uuid == package.uuid)
        if c.decision
    }
    has_hash = int(package.manifest["format_version"]) >= 2 and FORMAT_VERSION >= 2
    known: dict[str, set[str]] = {}
    for sd in package.sheets:
        _plan_sheet(plan, sd, has_hash, decisions)
        known[sd.spec.record] = set(_local_index(sd.spec.record)) | {
            r.uuid
            for r in plan.rows
            if r.sheet == sd.spec.title and r.action in ("new", "conflict")
        }
        _check_links(plan, sd, known)
    return plan


def _check_links(plan: Plan, sd: SheetData, known: dict[str, set[str]]) -> None:
    """Rows linking to people or records neither here nor in the package are rejected."""
    links = [c for c in sd.spec.columns if c.role is Role.LINK]
    if not links:
        return
    for rp in plan.rows:
        if rp.sheet != sd.spec.title or rp.action in ("rejected", "unchanged"):
            continue
        missing = []
        for col in links:
            for item in rp.values.get(col.key) or []:
                if col.key == "sources":
                    kind, _, uuid = item.partition(":")
                    table = "visit" if kind == "v" else "interview"
                else:
                    table, uuid = tables.target_table(col.kind), item
                pool = known.get(table)
                if pool is None:
                    pool = known[table] = set(_local_index(table))
                if uuid not in pool:
                    missing.append(col.header.replace("（标识）", ""))
        if missing:
            rp.action = "rejected"
            rp.reason = f"引用的{'、'.join(dict.fromkeys(missing))}不存在（对方未发送或已被拒收）"


def _plan_sheet(plan: Plan, sd: SheetData, has_hash: bool, decisions: dict[str, str]) -> None:
    kind = plan.package.kind
    index = _local_index(sd.spec.record)
    seen: dict[str, RowPlan] = {}
    same: list[RowPlan] = []
    for row in sd.rows:
        uuid = str(row.values.get("uuid", ""))
        rp = RowPlan(sd.spec.title, sd.spec.record, row.number, uuid, "", row.values)
        if not uuid and not row.errors:
            row.errors.append("缺少唯一标识")
        if row.errors:
            rp.action, rp.reason = "rejected", "；".join(row.errors)
            plan.rows.append(rp)
            continue
        if has_hash and row.hash_in_file != content_hash(content(sd.spec, row.values, sd.masked)):
            rp.edited = True
        if uuid in seen:
            first = seen[uuid]
            if content(sd.spec, first.values, sd.masked) != content(sd.spec, row.values, sd.masked):
                first.action = "conflict"
                rows = f"第 {first.number} 行和第 {row.number} 行"
                first.reason = f"同一记录在文件中出现两次（{rows}），内容不同"
            continue
        seen[uuid] = rp
        local = index.get(uuid)
        rp.local = local
        rp.action, rp.reason = _decide(kind, row, local)
        if rp.action == "same":
            same.append(rp)
        elif rp.edited and rp.action in ("new", "update", "tombstone"):
            rp.action, rp.reason = "conflict", "导出后在 Excel 中被手工修改过（行校验不符）"
        plan.rows.append(rp)
    local_content = _local_content(sd, [rp.local["id"] for rp in same if rp.local])
    for rp in same:
        assert rp.local is not None
        if local_content.get(rp.local["id"]) == content(sd.spec, rp.values, sd.masked):
            rp.action = "unchanged"
        else:
            rp.action, rp.reason = "conflict", "版本号相同但内容不同"
    for rp in seen.values():
        if rp.action == "conflict" and rp.uuid in decisions:
            rp.decision = decisions[rp.uuid]
    if len(sd.rows) != sd.declared_rows:
        plan.warnings.append(
            f"工作表“{sd.spec.title}”有 {len(sd.rows)} 行数据，清单记载为 {sd.declared_rows} 行"
            "（有行被手工增删）。"
        )


def conflict_json(rp: RowPlan) -> str:
    """The incoming version of a conflicting row, as kept for the person deciding."""
    return json.dumps(rp.values, ensure_ascii=False, default=str)


def hidden_roles() -> tuple[Role, ...]:
    return (Role.META, Role.HASH, Role.LINK)
