"""Rows that wait for a record not received yet: packages out of order, a lost USB stick.

A row linking to a person or record this installation does not have (it is in a package
that has not arrived, or its row was rejected) is planned ``waiting`` rather than rejected.
When its package is applied, such rows are kept with their staged values
(``exchange_waiting`` / ``exchange_waiting_row``, migration 0007). After every import, in
the same transaction, and after the last conflict of such rows is decided, the rows of each
waiting package are staged again and go through the same plan and apply steps as a package
(versioning, conflicts, audit naming the package they came in): rows whose references are
in are applied, rows older than what arrived since become unchanged, the others keep
waiting. Feedback packages have none: they only carry the studio's own records, which a
later package could not bring.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from studio_app.exchange import apply, staging
from studio_app.exchange.plan import Plan, classify
from studio_app.exchange.reader import Package, SheetData
from studio_app.exchange.schema import SHEET_TITLES, PackageKind, sheets_for
from studio_app.services import audit, backups, permissions, received, waiting_rows
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.storage.models import (
    ExchangeConflict,
    ExchangeWaiting,
    ExchangeWaitingRow,
    database,
)

# What became of rows no longer waiting, as people are told.
DONE = (
    ("new", "新增"),
    ("update", "更新"),
    ("tombstone", "移入回收站"),
    ("conflict", "按冲突决定处理"),
    ("unchanged", "无变化（本机已有同样或更新的版本）"),
    ("rejected", "拒收"),
)


@dataclass(frozen=True)
class Replayed:
    """What planning the rows of one waiting package again did."""

    package_uuid: str
    site_name: str
    sequence: int
    counts: dict[str, int]  # plan actions of its rows (new, update, unchanged, waiting, …)
    conflicts: int = 0  # conflicts waiting for a decision (nothing of it applied then)

    @property
    def done(self) -> int:
        """Rows no longer waiting (applied, or older than what arrived)."""
        if self.conflicts:
            return 0
        return sum(n for k, n in self.counts.items() if k not in ("waiting", "edited"))

    def message(self) -> str:
        """One sentence for people."""
        where = f"{self.site_name}第 {self.sequence} 号数据包中等待的"
        if self.conflicts:
            return (
                f"{where}记录有 {self.conflicts} 条与本机冲突，待人工决定"
                "（决定后自动导入，无须再导入文件）。"
            )
        parts = "，".join(f"{label} {self.counts[k]}" for k, label in DONE if self.counts.get(k))
        left = self.counts.get("waiting", 0)
        rest = f"；仍有 {left} 行在等待" if left else ""
        return f"{where} {self.done} 行已导入（{parts}）{rest}。"


@dataclass(frozen=True)
class WaitingPackage:
    """A package some of whose rows still wait: for the sync view."""

    package_uuid: str
    site_uuid: str
    site_name: str
    sequence: int
    file_name: str
    rows: int
    conflicts: int  # rows in conflict waiting for a decision
    waits_for: dict[str, int] = field(default_factory=dict)  # sheet title → records missing

    def waits_text(self) -> str:
        """``群众 1 条、接待走访 2 条``."""
        return "、".join(f"{title} {n} 条" for title, n in self.waits_for.items())

    def message(self) -> str:
        """One sentence for people (the sync view of the command line)."""
        text = f"第 {self.sequence} 号数据包：{self.rows} 行"
        conflicts = (
            f"其中 {self.conflicts} 行与本机冲突，待决定（conflicts、resolve）"
            if self.conflicts
            else ""
        )
        if not self.waits_for:
            return f"{text}，{conflicts}后自动导入"
        waits = f"{text}，引用的{self.waits_text()}尚未收到，收到后自动导入"
        return f"{waits}；{conflicts}" if conflicts else waits


# --- keeping the rows of a package being applied ------------------------------------------


def _columns(sd: SheetData) -> list[str]:
    """The staging columns kept for a row, in order."""
    extra = staging.derived_columns(sd.spec.record)
    return [*staging.HEAD, *(f"c{i}" for i in range(len(sd.keys))), *extra]


def keep(ctx: Context, plan: Plan) -> None:
    """Keep the rows of ``plan`` that wait (call inside the import's transaction)."""
    counted = plan.sheet_counts
    found = [sd for sd in plan.package.sheets if counted.get(sd.spec.title, {}).get("waiting")]
    if not found:
        return
    layout = {sd.spec.record: {"keys": sd.keys, "masked": sd.masked} for sd in found}
    package = plan.package
    held = waiting_rows.hold(
        ctx, package.uuid, package.kind.value, package.manifest, plan.file_name, layout
    )
    for sd in found:
        _store(held, sd)


def _store(package_id: int, sd: SheetData) -> None:
    """Keep the staged rows of ``sd`` that wait (``exchange_waiting_row``)."""
    cols = _columns(sd)
    found = staging.connection().execute(
        f"SELECT {', '.join(cols)}, reason, wait FROM temp.{sd.table} "
        "WHERE action = 'waiting' ORDER BY n"
    )
    waiting_rows.keep(
        package_id,
        sd.spec.record,
        (
            (
                row[1],
                row[0],
                json.dumps(row[: len(cols)], ensure_ascii=False),
                row[-1] or "[]",
                (row[-2] or "")[:200],
            )
            for row in found
        ),
    )


# --- planning them again --------------------------------------------------------------------


def _fits(held: ExchangeWaiting) -> bool:
    """Does the kept layout still match the sheets of this version of the program?"""
    layout: dict[str, dict[str, list[str]]] = json.loads(held.sheets)
    specs = {s.record: {c.key for c in s.columns} for s in sheets_for(PackageKind(held.kind))}
    return all(
        record in specs and set(sheet["keys"]) <= specs[record] for record, sheet in layout.items()
    )


def _stage(held: ExchangeWaiting) -> Package:
    """The waiting rows of ``held`` in fresh staging tables, as a package of its own."""
    kind = PackageKind(held.kind)
    layout: dict[str, dict[str, list[str]]] = json.loads(held.sheets)
    sheets = []
    for spec in sheets_for(kind):
        if spec.record not in layout:
            continue
        keys, masked = layout[spec.record]["keys"], layout[spec.record]["masked"]
        cells = [
            json.loads(c)
            for (c,) in ExchangeWaitingRow.select(ExchangeWaitingRow.cells)
            .where(
                ExchangeWaitingRow.package == held.id,
                ExchangeWaitingRow.record_type == spec.record,
            )
            .order_by(ExchangeWaitingRow.row_number)
            .tuples()
        ]
        if not cells:
            continue
        sd = SheetData(spec, list(masked), len(cells), "", keys=list(keys), count=len(cells))
        staging.create(spec, sd.keys)
        staging.fill(spec.record, len(sd.keys), cells, staging.derived_columns(spec.record))
        sheets.append(sd)
    manifest = {
        "package_uuid": held.package_uuid, "kind": held.kind, "site_uuid": held.site_uuid,
        "site_name": held.site_name, "sequence": held.sequence,
    }  # fmt: skip
    return Package(manifest, kind, sheets, [])


def _replay_one(ctx: Context, held: ExchangeWaiting) -> Replayed:
    if not _fits(held):  # kept by another version of the program: left as it is, shown
        return Replayed(held.package_uuid, held.site_name, held.sequence, {})
    package = _stage(held)
    try:
        plan = Plan(package, "", held.file_name)
        classify(plan)
        open_conflicts = plan.open_conflicts
        if open_conflicts:
            apply.store_conflicts(ctx, plan, open_conflicts)
            _mark(held, package, {(r.record, r.number): r.reason for r in open_conflicts})
            return Replayed(held.package_uuid, held.site_name, held.sequence, plan.counts,
                            len(open_conflicts))  # fmt: skip
        counts = plan.counts
        if any(n for k, n in counts.items() if k not in ("waiting", "edited")):
            apply.write_rows(ctx, plan)
            received.conflicts_applied(held.package_uuid)
            audit.record(
                ctx, "import_waiting", "package", held.package_uuid,
                {"file": (None, held.file_name), "site": (None, held.site_name),
                 "sequence": (None, held.sequence), "counts": (None, counts)},
            )  # fmt: skip
        waiting_rows.forget_rows(held.id)
        for sd in package.sheets:
            _store(held.id, sd)
        waiting_rows.release_if_done(held.id)
        return Replayed(held.package_uuid, held.site_name, held.sequence, counts)
    finally:
        staging.drop(sd.spec.record for sd in package.sheets)


def _mark(held: ExchangeWaiting, package: Package, conflicts: dict[tuple[str, int], str]) -> None:
    """Rows of ``held`` in conflict say so; what the others still wait for is brought up to
    date (nothing when only the conflicts hold them)."""
    waits = {
        (sd.spec.record, n): (wait or "[]", reason or "")
        for sd in package.sheets
        for n, wait, reason in staging.connection().execute(
            f"SELECT n, wait, reason FROM temp.{sd.table} WHERE action = 'waiting'"
        )
    }
    waiting_rows.mark(held.id, conflicts, waits)


def replay(ctx: Context) -> list[Replayed]:
    """Plan the waiting rows of every package again and apply what may be; the caller holds
    the transaction (an import) or :func:`settle` does.

    Packages go oldest first (per sender, by sequence), again while a pass lets rows through
    (rows of one package can wait for those of another).
    """
    found: dict[str, Replayed] = {}
    for _ in range(1 + ExchangeWaiting.select().count()):
        moved = False
        order = (ExchangeWaiting.site_uuid, ExchangeWaiting.sequence, ExchangeWaiting.id)
        for held in list(ExchangeWaiting.select().order_by(*order)):
            before = found.get(held.package_uuid)
            result = _replay_one(ctx, held)
            if result.done:
                moved = True
            found[held.package_uuid] = _merged(before, result)
        if not moved:
            break
    return [r for r in found.values() if r.done or r.conflicts]


def _merged(before: Replayed | None, now: Replayed) -> Replayed:
    """One package's passes as one result: rows done in any pass, what waits after the last."""
    if before is None or not before.done:
        return now
    counts = {k: before.counts.get(k, 0) + n for k, n in now.counts.items() if k != "waiting"}
    counts["waiting"] = now.counts.get("waiting", 0)
    return Replayed(now.package_uuid, now.site_name, now.sequence, counts, now.conflicts)


def ready() -> bool:
    """Do rows in conflict wait only for :func:`settle` (their conflicts all decided)?"""
    for held in ExchangeWaiting.select().join(ExchangeWaitingRow).where(
        ExchangeWaitingRow.state == "conflict"
    ).distinct():  # fmt: skip
        undecided = ExchangeConflict.select().where(
            ExchangeConflict.package_uuid == held.package_uuid,
            ExchangeConflict.status == "open",
        )
        if not undecided.exists():
            return True
    return False


def holds(package_uuid: str) -> bool:
    """Is ``package_uuid`` an imported package with rows still waiting?"""
    return ExchangeWaiting.select().where(ExchangeWaiting.package_uuid == package_uuid).exists()


def settle(ctx: Context) -> list[Replayed]:
    """Apply waiting rows whose conflicts were decided (and whatever else may go now)."""
    permissions.require(ctx, permissions.Permission.EXCHANGE, "package")
    backups.backup_before(ctx, "import")
    with announced.collect(), database.atomic():
        return replay(ctx)


# --- what people are shown ------------------------------------------------------------------


def summary(site_uuid: str | None = None) -> list[WaitingPackage]:
    """Packages with rows still waiting, oldest first: how many rows, waiting for what."""
    query = ExchangeWaiting.select().order_by(ExchangeWaiting.site_uuid, ExchangeWaiting.sequence)
    if site_uuid is not None:
        query = query.where(ExchangeWaiting.site_uuid == site_uuid)
    found = []
    for held in query:
        rows = conflicts = 0
        missing: dict[str, set[str]] = {}
        for state, waits in (
            ExchangeWaitingRow.select(ExchangeWaitingRow.state, ExchangeWaitingRow.waits_for)
            .where(ExchangeWaitingRow.package == held.id)
            .tuples()
        ):
            rows += 1
            conflicts += state == "conflict"
            for ref in json.loads(waits or "[]"):
                record, _, uuid = str(ref).partition(":")
                missing.setdefault(record, set()).add(uuid)
        titles = {r: SHEET_TITLES.get(r, r) for r in missing}
        found.append(
            WaitingPackage(
                held.package_uuid, held.site_uuid, held.site_name, held.sequence,
                held.file_name, rows, conflicts,
                {titles[r]: len(u) for r, u in sorted(missing.items(), key=_in_order)},
            )
        )  # fmt: skip
    return found


def _in_order(item: tuple[str, Any]) -> int:
    order = list(SHEET_TITLES)
    return order.index(item[0]) if item[0] in order else len(order)


def expected(plan: Plan) -> list[str]:
    """Dry run: rows of earlier packages waiting for records this package brings."""
    staged = {sd.spec.record: sd.table for sd in plan.package.sheets}
    if not staged or not ExchangeWaiting.select().exists():
        return []
    record = "substr(j.value, 1, instr(j.value, ':') - 1)"
    uuid = "substr(j.value, instr(j.value, ':') + 1)"
    brought = " OR ".join(
        f"({record} = '{name}' AND EXISTS (SELECT 1 FROM temp.{table} y "
        f"WHERE y.uuid = {uuid} AND y.action IN ('new', 'conflict')))"
        for name, table in staged.items()
    )
    found = database.obj.execute_sql(
        "SELECT w.site_name, w.sequence, count(DISTINCT r.id) FROM exchange_waiting w "
        "JOIN exchange_waiting_row r ON r.package_id = w.id, json_each(r.waits_for) j "
        f"WHERE {brought} GROUP BY w.id ORDER BY w.site_uuid, w.sequence"
    )
    return [
        f"{name}第 {seq} 号数据包中有 {n} 行在等待本包中的记录，导入本包时将一并核对、导入。"
        for name, seq, n in found
    ]
