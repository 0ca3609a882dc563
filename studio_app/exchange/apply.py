"""Applying an import plan: all or nothing, in one transaction, with an audit trail.

Rows were staged while the package was read (see ``staging``); this module works out, per
sheet, which columns are written and the SQL of their values over the staging row, and
``services.received`` moves the rows with one ``INSERT … SELECT`` / ``UPDATE … FROM`` per
sheet and group. Links and the items of side tables (``hooks.SideList``) are joined in SQL
too. Audit: one summary entry per package plus one entry per record created, updated,
trashed or decided (in the order the rows are written), each naming the package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from studio_app.core import kinds
from studio_app.core.fields import SINGLE_LINKS, Kind
from studio_app.exchange import hooks, signature, tables
from studio_app.exchange.labels import Labels
from studio_app.exchange.plan import Plan, RowPlan
from studio_app.exchange.reader import ImportCancelled, SheetData
from studio_app.exchange.rows_list import RowsList
from studio_app.exchange.schema import LINK_KINDS, Column, PackageKind, Role, SheetSpec
from studio_app.services import audit, peers, points, received
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.storage.database import Interrupted, interruptible, on_postgres
from studio_app.storage.database import connection as storage_connection
from studio_app.storage.kind_tables import model
from studio_app.storage.models import database


def _db_value(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind is Kind.DATETIME:
        return value.isoformat(sep=" ")
    if kind is Kind.DATE:
        return value.isoformat()
    if kind is Kind.BOOL:
        return 1 if value else 0
    return value


class _Writer:
    def __init__(self, ctx: Context, plan: Plan, tick: Callable[[int], None] | None) -> None:
        self.ctx = ctx
        self.plan = plan
        self.conn = storage_connection()
        self.now = ctx.now_utc()
        self.kind = plan.package.kind
        self.tick = tick
        self.done = 0
        self.first_new = 0

    def columns(self, spec: SheetSpec, new: bool) -> list[tuple[str, str, Kind]]:
        """(value key, table column, kind) written for a row of ``spec``."""
        cols: list[tuple[str, str, Kind]] = []
        for col in spec.columns:
            if col.side is not None:
                continue  # written with its own table (see links)
            if col.role is Role.DATA and col.key != "deleted":
                if col.field is not None and col.field.kind in LINK_KINDS:
                    continue
                cols.append((col.key, col.key, col.kind))
            elif col.role is Role.META and (
                col.key != "county_rev" or self.kind is PackageKind.FEEDBACK
            ):  # a studio package's county_rev is the studio's: the county keeps its own
                if col.key == "rev" and self.kind is PackageKind.FEEDBACK:
                    continue
                cols.append((col.key, col.key, col.kind))
            elif col.role is Role.LINK and col.kind in SINGLE_LINKS:
                cols.append((col.key, f"{col.field.key}_id", col.kind))  # type: ignore[union-attr]
        if self.kind is PackageKind.FEEDBACK:
            cols = [x for x in cols if x[1] not in ("serial",)]
        return cols

    def exprs(self, sd: SheetData, cols: list[tuple[str, str, Kind]]) -> list[str]:
        """SQL over the staging row ``s`` for each written column (values as stored)."""
        found = []
        for key, _column, _kind in cols:
            at = sd.col(key)
            if at is None:
                found.append("NULL")
            elif key in ("serial", "deleted_at"):
                found.append(f"nullif(s.{at}, '')")
            elif sd.spec.column(key).role is Role.LINK:  # a single link: its uuid → local id
                table = tables.target_table(sd.spec.column(key).field)
                found.append(
                    f"(SELECT t.id FROM main.{table} t WHERE t.uuid = json_extract(s.{at}, '$[0]'))"
                )
            else:
                found.append(f"s.{at}")
        return found

    def extra(self, sd: SheetData) -> list[tuple[str, str]]:
        """(column, SQL) written besides the package's columns."""
        record = sd.spec.record
        out: list[tuple[str, str]] = []
        for i, derived in enumerate(hooks.of(record).derived):
            if derived.source in sd.keys:  # not masked: computed while reading
                out.append((derived.column, f"s.d{i}"))
        if self.kind is PackageKind.STUDIO:
            out.append(("exchanged_rev", f"coalesce(s.xrev, {sd.staged('rev')})"))
        else:
            out.append(("exchanged_county_rev", sd.staged("county_rev")))
        if self.kind is PackageKind.STUDIO:
            held = self.names_hold(sd)
            for key, lt in tables.links(record).items():
                if lt.names_column is None:
                    continue
                if held and key in sd.names:  # computed while reading
                    out.append((lt.names_column, f"s.n{sd.names.index(key)}"))
                    continue
                at = sd.col(f"{key}__uuid")
                # CROSS JOIN keeps json_each outside: names in the order of the list.
                names = (
                    "coalesce(substr((SELECT group_concat(p.name, '、') FROM "
                    f"json_each(s.{at}) AS j CROSS JOIN main.{lt.target_table} AS p "
                    "ON p.uuid = j.value), 1, 300), '')"
                    if at is not None
                    else "''"
                )
                out.append((lt.names_column, names))
        return out

    def names_hold(self, sd: SheetData) -> bool:
        """Do the names read with the rows still hold, now that the people are written?

        They came from our people overlaid with the package's; a package row that was not
        written (rejected, older, kept local) with another name than ours spoils them.
        """
        if not sd.names:
            return False
        for lt in tables.links(sd.spec.record).values():
            people = next(
                (p for p in self.plan.package.sheets if p.spec.record == lt.target_table), None
            )
            col = people.col("name") if people is not None else None
            if people is None or col is None:
                return False
            same = "IS NOT DISTINCT FROM" if on_postgres() else "IS"
            spoiled = self.conn.execute(
                f"SELECT 1 FROM temp.{people.table} s WHERE s.action != 'dup' AND NOT EXISTS "
                f"(SELECT 1 FROM main.{lt.target_table} m WHERE m.uuid = s.uuid "
                f"AND m.name {same} s.{col}) LIMIT 1"
            ).fetchone()
            if spoiled:
                return False
        return True

    def step(self, n: int = 0) -> None:
        self.done += n
        if self.tick is not None:
            self.tick(self.done)

    def sheet(self, spec: SheetSpec, sd: SheetData) -> None:
        record, x = spec.record, sd.table
        rev = sd.col("rev")
        if self.kind is PackageKind.STUDIO and rev is not None:
            received.version_hand_edits(x, rev)
        written = received.group(x)
        self.step()
        if written:
            announced.changed({record})  # heard once the import commits
        extra = self.extra(sd)
        self.first_new = received.next_id(record)  # from it on, the rows this import creates
        for is_new in (True, False):
            cols = [c for c in self.columns(spec, is_new) if c[0] not in sd.masked]
            names = [c[1] for c in cols] + [e[0] for e in extra]
            exprs = self.exprs(sd, cols) + [e[1] for e in extra]
            if is_new:
                fill = _defaults(record, {*names, "id"})
                names += list(fill)
                exprs += ["?"] * len(fill)
                received.insert_new(record, x, names, exprs, list(fill.values()))
            else:
                received.update_changed(record, x, names, exprs)
            self.step(sd.count)
        self.links(sd)
        self.own_links(sd)
        package_rev = f"s.{rev}" if rev else "NULL"
        received.audit_rows(self.ctx, self.now, x, record, package_rev, self.plan.package.uuid)
        if self.kind is PackageKind.STUDIO and rev is not None:
            received.note_kept_ours(record, x, rev)
        self.step(sd.count)

    def links(self, sd: SheetData) -> None:
        spec = sd.spec
        record = spec.record
        for col in spec.columns:
            if col.side is not None:
                self.side(sd, col)
                continue
            if col.role is not Role.LINK or col.kind not in (Kind.MEMBERS, Kind.RESIDENTS):
                continue
            lt = tables.links(record)[col.field.key]  # type: ignore[union-attr]
            received.clear_items(sd.table, lt.table, lt.owner, self.first_new)
            at = sd.col(col.key)
            if at is not None:
                received.insert_links(sd.table, record, lt, at)

    def side(self, sd: SheetData, col: Column) -> None:
        """The items of ``col`` kept in a table of their own (``hooks.SideList``)."""
        side = col.side
        assert side is not None
        received.clear_items(sd.table, side.table, side.owner, self.first_new)
        at = sd.col(col.key)
        if at is None:
            return
        source = (
            f"temp.{sd.table} s JOIN main.{sd.spec.record} o ON o.uuid = s.uuid "
            f"CROSS JOIN json_each(s.{at}) j"
        )
        received.insert_items(side.table, side.written(), side.select(source, received.WRITTEN))

    def own_links(self, sd: SheetData) -> None:
        """Links into the same sheet (a member's contact member): resolved once all the
        sheet's records exist."""
        record = sd.spec.record
        for col in sd.spec.columns:
            if col.role is not Role.LINK or col.kind not in SINGLE_LINKS:
                continue
            if tables.target_table(col.field) != record:
                continue
            at = sd.col(col.key)
            target = (
                f"(SELECT p.id FROM main.{record} p WHERE p.uuid = json_extract(s.{at}, '$[0]'))"
                if at is not None
                else "NULL"
            )
            column = f"{col.field.key}_id"  # type: ignore[union-attr]
            received.link_within(record, sd.table, column, target)


def _defaults(record: str, written: set[str]) -> dict[str, Any]:
    """Columns a new row needs that the package does not carry (e.g. county-owned ones)."""
    found: dict[str, Any] = {}
    for fld in model(kinds.kind(record))._meta.sorted_fields:
        if fld.column_name in written:
            continue
        default = fld.default() if callable(fld.default) else fld.default
        if default is None and not fld.null:
            default = ""
        found[fld.column_name] = (
            _db_value(Kind.BOOL, default) if isinstance(default, bool) else default
        )
    return found


def apply_plan(
    ctx: Context,
    plan: Plan,
    tick: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Write the staged plan; the caller has made sure no conflict waits for a decision.

    ``tick(work done)`` is called between statements (up to twice the rows of the package);
    ``cancelled()`` is also checked while a statement runs: cancelling rolls everything back.
    In the same transaction, the package's rows that wait for a record are kept, and the rows
    kept from earlier packages are planned again (``waiting``; see ``plan.replayed``).
    """
    assert not plan.open_conflicts
    with announced.collect(), database.atomic():
        return _apply(ctx, plan, tick, cancelled)


def _apply(
    ctx: Context,
    plan: Plan,
    tick: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> dict[str, int]:
    m = plan.package.manifest
    writer = _Writer(ctx, plan, tick)
    received.remember_sender(m)
    peers.pin(ctx, signature.sender(m))  # trust on first use: only when applied
    try:
        with interruptible(cancelled):  # asked while the long statements run, too
            for sd in plan.package.sheets:
                writer.sheet(sd.spec, sd)
    except Interrupted:
        raise ImportCancelled() from None
    if plan.package.kind is PackageKind.FEEDBACK:
        received.county_code_lists(m.get("code_lists", {}))
        points.take_county_figures({k: m[k] for k in points.NO_FIGURES if k in m})
        announced.changed({announced.CODE_LISTS})
    counts = plan.counts
    received.record_import(ctx, plan.package.uuid, plan.file_hash, m, counts, plan.file_name)
    received.conflicts_applied(plan.package.uuid)
    announced.changed({announced.PACKAGES})
    audit.record(
        ctx, "import", "package", plan.package.uuid,
        {"file": (None, plan.file_name), "site": (None, m.get("site_name")),
         "sequence": (None, m["sequence"]), "counts": (None, counts)},
    )  # fmt: skip
    from studio_app.exchange import waiting  # it plans and applies through this module

    waiting.keep(ctx, plan)
    plan.replayed = waiting.replay(ctx)
    return counts


def write_rows(ctx: Context, plan: Plan) -> None:
    """Write the planned rows (no history, no summary) in the caller's transaction: rows
    kept waiting from an imported package, planned again."""
    writer = _Writer(ctx, plan, None)
    for sd in plan.package.sheets:
        writer.sheet(sd.spec, sd)


def store_conflicts(ctx: Context, plan: Plan, rows: Iterable[RowPlan]) -> int:
    """Keep both versions of each undecided conflict for a person to choose (one transaction)."""
    from studio_app.exchange.plan import conflict_json

    n = 0
    with announced.collect(), database.atomic():
        announced.changed({announced.PACKAGES})
        for rp in rows:
            _rows_as_lines(plan, rp)
            local = tables.read(_spec(plan, rp), "uuid = ?", (rp.uuid,)) if rp.local else iter(())
            received.keep_conflict(
                ctx, plan.package.uuid, rp.record, rp.uuid, rp.reason,
                next(iter(local), None), conflict_json(rp),
            )  # fmt: skip
            n += 1
    return n


def _rows_as_lines(plan: Plan, rp: RowPlan) -> None:
    """The incoming rows of each ROWS field as the lines they would read once applied (not
    the file's readable cell, which is never imported): what a person deciding compares."""
    labels: Labels | None = None
    for col in _spec(plan, rp).columns:
        side = col.side
        rows = rp.values.get(col.key)
        if not isinstance(side, RowsList) or not isinstance(rows, list):
            continue
        labels = labels or Labels.load()
        people: dict[str, str] = {}
        for table, uuids in side.people(rows).items():
            people |= _names(plan, table, sorted(uuids))
        rp.values[side.names.key] = side.text(rows, labels, people)


def _names(plan: Plan, table: str, uuids: list[str]) -> dict[str, str]:
    """uuid → name of people of ``table``: ours, overlaid with the package's."""
    if not uuids:
        return {}
    marks = ", ".join("?" * len(uuids))
    found = dict(tables.sql(f"SELECT uuid, name FROM main.{table} WHERE uuid IN ({marks})", uuids))
    sheet = next((sd for sd in plan.package.sheets if sd.spec.record == table), None)
    col = sheet.col("name") if sheet is not None else None
    if sheet is not None and col is not None:
        found.update(
            storage_connection().execute(
                f"SELECT uuid, {col} FROM temp.{sheet.table} WHERE uuid IN ({marks}) "
                "ORDER BY n DESC",
                uuids,
            )
        )
    return found


def _spec(plan: Plan, rp: RowPlan) -> SheetSpec:
    return next(sd.spec for sd in plan.package.sheets if sd.spec.title == rp.sheet)
