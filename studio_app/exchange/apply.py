"""Applying an import plan: all or nothing, in one transaction, with an audit trail.

Rows were staged while the package was read (see ``staging``) and are moved with one
``INSERT … SELECT`` / ``UPDATE … FROM`` per sheet and group: SQLite 3.40's FTS5 flushes its
pending index at every statement savepoint, so row-by-row statements on the indexed tables
are ~5× slower (see services/demo.py). Links and the items of side tables
(``hooks.SideList``) are joined in SQL too.
Audit: one summary entry per package plus one entry per record created, updated, trashed or
decided (``INSERT … SELECT``, in the order the rows are written), each naming the package.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.exchange import hooks, signature, tables
from studio_app.exchange.plan import Plan, RowPlan
from studio_app.exchange.reader import ImportCancelled, SheetData
from studio_app.exchange.schema import LINK_KINDS, Column, PackageKind, Role, SheetSpec
from studio_app.services import audit, peers
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.storage.kind_tables import model
from studio_app.storage.models import ExchangeConflict, ImportHistory, Site, database


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
        self.conn = database.obj.connection()
        self.now = ctx.now_utc().isoformat(sep=" ")
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
            elif col.role is Role.LINK and col.kind in (Kind.MEMBER, Kind.RESIDENT):
                cols.append((col.key, f"{col.field.key}_id", col.kind))  # type: ignore[union-attr]
        if self.kind is PackageKind.FEEDBACK:
            cols = [x for x in cols if x[1] not in ("serial",)]
        return cols

    def exprs(self, sd: SheetData, cols: list[tuple[str, str, Kind]]) -> list[str]:
        """SQL over the staging row ``s`` for each written column (values as stored)."""
        found = []
        for key, _column, kind in cols:
            at = sd.col(key)
            if at is None:
                found.append("NULL")
            elif key in ("serial", "deleted_at"):
                found.append(f"nullif(s.{at}, '')")
            elif sd.spec.column(key).role is Role.LINK:  # a single link: its uuid → local id
                table = tables.target_table(kind)
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
            spoiled = self.conn.execute(
                f"SELECT 1 FROM temp.{people.table} s WHERE s.action != 'dup' AND NOT EXISTS "
                f"(SELECT 1 FROM main.{lt.target_table} m WHERE m.uuid = s.uuid "
                f"AND m.name IS s.{col}) LIMIT 1"
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
        conn = self.conn
        rev = sd.col("rev")
        if self.kind is PackageKind.STUDIO and rev is not None:
            # A hand edit accepted is a version of its own, newer than both sides'.
            conn.execute(
                f"UPDATE {x} SET xrev = {rev}, {rev} = max({rev}, coalesce(lrev, 0)) + 1 "
                "WHERE action = 'conflict' AND decision = 'incoming' AND edited"
            )
        # Groups, in the order rows are written: new, accepted new, updated, accepted over
        # ours, kept ours.
        conn.execute(
            f"UPDATE {x} SET g = CASE WHEN action = 'new' THEN 1 "
            "WHEN action = 'conflict' AND decision = 'incoming' AND lid IS NULL THEN 2 "
            "WHEN action IN ('update', 'tombstone') THEN 3 "
            "WHEN action = 'conflict' AND decision = 'incoming' THEN 4 "
            "WHEN action = 'conflict' AND decision = 'local' THEN 5 END"
        )
        self.step()
        if conn.execute(f"SELECT 1 FROM {x} WHERE g BETWEEN 1 AND 4 LIMIT 1").fetchone():
            announced.changed({record})  # heard once the import commits
        extra = self.extra(sd)
        found = conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM main.{record}").fetchone()
        self.first_new = int(found[0])  # ids from here on are the rows this import creates
        for is_new in (True, False):
            cols = [c for c in self.columns(spec, is_new) if c[0] not in sd.masked]
            names = [c[1] for c in cols] + [e[0] for e in extra]
            exprs = self.exprs(sd, cols) + [e[1] for e in extra]
            if is_new:
                fill = _defaults(record, {*names, "id"})
                names += list(fill)
                exprs += ["?"] * len(fill)
                quoted = ", ".join(f'"{n}"' for n in names)
                for g in (1, 2):  # the staging table is in file order: no sorting needed
                    conn.execute(
                        f"INSERT INTO main.{record} ({quoted}) SELECT {', '.join(exprs)} "
                        f"FROM temp.{x} s WHERE s.g = {g}",
                        list(fill.values()),
                    )
            else:
                select = ", ".join(f'{e} AS "{n}"' for e, n in zip(exprs, names, strict=True))
                sets = ", ".join(f'"{n}" = u."{n}"' for n in names)
                conn.execute(
                    f"UPDATE main.{record} SET {sets} FROM (SELECT {select}, s.lid AS x_id "
                    f"FROM temp.{x} s WHERE s.g IN (3, 4)) AS u WHERE main.{record}.id = u.x_id"
                )
            self.step(sd.count)
        self.links(sd)
        self.own_links(sd)
        self.audit(sd)
        if self.kind is PackageKind.STUDIO and rev is not None:
            conn.execute(
                f"UPDATE main.{record} SET exchanged_rev = max(exchanged_rev, s.{rev}) "
                f"FROM temp.{x} s WHERE main.{record}.id = s.lid AND s.g = 5"
            )
        self.step(sd.count)

    def audit(self, sd: SheetData) -> None:
        """One entry per record created, updated, trashed or decided, naming the package."""
        rev = f"s.{sd.col('rev')}" if sd.col("rev") else "NULL"
        for g in range(1, 6):
            self.conn.execute(
                "INSERT INTO main.audit_entry "
                "(at, user, action, record_type, record_uuid, changes) "
                "SELECT ?, ?, CASE WHEN s.action = 'new' THEN 'import_create' "
                "WHEN s.action = 'tombstone' THEN 'import_delete' "
                "WHEN s.action = 'conflict' THEN 'import_keep_' || s.decision "
                "ELSE 'import_update' END, ?, s.uuid, "
                """'{"package": [null, ' || json_quote(?) || '], "rev": [' """
                f"|| coalesce(s.lrev, 'null') || ', ' || coalesce({rev}, 'null') || ']}}' "
                f"FROM temp.{sd.table} s WHERE s.g = {g}",
                (self.now, self.ctx.user, sd.spec.record, self.plan.package.uuid),
            )

    def clear(self, sd: SheetData, table: str, owner: str) -> None:
        """Delete the link rows of the records written (new ones have none unless left over)."""
        self.conn.execute(
            f"DELETE FROM {table} WHERE {owner} >= ? OR {owner} IN "
            f"(SELECT s.lid FROM temp.{sd.table} s WHERE s.g IN (3, 4))",
            (self.first_new,),
        )

    def owners(self, sd: SheetData) -> str:
        """Rows written (new and updated) joined to their record: ``s`` and ``o``."""
        return (
            f"temp.{sd.table} s JOIN main.{sd.spec.record} o ON o.uuid = s.uuid "
            "WHERE s.g BETWEEN 1 AND 4"
        )

    def links(self, sd: SheetData) -> None:
        spec = sd.spec
        record = spec.record
        owners = self.owners(sd)
        for col in spec.columns:
            if col.side is not None:
                self.side(sd, col)
                continue
            if col.role is not Role.LINK or col.kind not in (Kind.MEMBERS, Kind.RESIDENTS):
                continue
            lt = tables.links(record)[col.field.key]  # type: ignore[union-attr]
            self.clear(sd, lt.table, lt.owner)
            at = sd.col(col.key)
            if at is None:
                continue
            self.conn.execute(
                f"INSERT INTO {lt.table} ({lt.owner}, {lt.target}, position) "
                "SELECT o.id, t.id, row_number() OVER (PARTITION BY o.id ORDER BY j.key) - 1 "
                f"FROM {owners.replace(' WHERE ', f' JOIN json_each(s.{at}) j JOIN main.{lt.target_table} t ON t.uuid = j.value WHERE ')}"  # noqa: E501
            )

    def side(self, sd: SheetData, col: Column) -> None:
        """The items of ``col`` kept in a table of their own (``hooks.SideList``)."""
        side = col.side
        assert side is not None
        self.clear(sd, side.table, side.owner)
        at = sd.col(col.key)
        if at is None:
            return
        source = (
            f"temp.{sd.table} s JOIN main.{sd.spec.record} o ON o.uuid = s.uuid "
            f"JOIN json_each(s.{at}) j"
        )
        self.conn.execute(side.insert(source, "s.g BETWEEN 1 AND 4"))

    def own_links(self, sd: SheetData) -> None:
        """Links into the same sheet (a member's contact member): resolved once all the
        sheet's records exist."""
        record = sd.spec.record
        for col in sd.spec.columns:
            if col.role is not Role.LINK or col.kind not in (Kind.MEMBER, Kind.RESIDENT):
                continue
            if tables.target_table(col.kind) != record:
                continue
            at = sd.col(col.key)
            target = (
                f"(SELECT p.id FROM main.{record} p WHERE p.uuid = json_extract(s.{at}, '$[0]'))"
                if at is not None
                else "NULL"
            )
            column = f"{col.field.key}_id"  # type: ignore[union-attr]
            self.conn.execute(
                f"UPDATE main.{record} SET {column} = {target} FROM temp.{sd.table} s "
                f"WHERE main.{record}.uuid = s.uuid AND s.g BETWEEN 1 AND 4"
            )


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


def _code_lists(lists: dict[str, list[list[Any]]]) -> None:
    known = {k.value for k in c.CodeListKind}
    rows = [
        (kind, str(code), str(label), int(order), int(bool(active)))
        for kind, items in lists.items()
        if kind in known
        for code, label, order, active in items
    ]
    database.obj.connection().executemany(
        "INSERT INTO code_item (list_kind, code, label, sort_order, active) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (list_kind, code) DO UPDATE SET label = excluded.label, "
        "sort_order = excluded.sort_order, active = excluded.active",
        rows,
    )


def _remember_site(m: dict[str, Any]) -> None:
    site = Site.get_or_none(Site.uuid == m["site_uuid"])
    if site is None:
        Site.create(
            uuid=m["site_uuid"], kind=m.get("site_kind", "studio"), name=m.get("site_name", ""),
            code=m.get("site_code", ""), is_local=False,
            created_at=m.get("created_at", "")[:19],
        )  # fmt: skip
    elif not site.is_local:
        Site.update(name=m.get("site_name", site.name), code=m.get("site_code", site.code)).where(
            Site.id == site.id
        ).execute()


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
    _remember_site(m)
    peers.pin(ctx, signature.sender(m))  # trust on first use: only when applied
    conn = writer.conn
    if cancelled is not None:  # asked while the long statements run, too
        conn.set_progress_handler(lambda: 1 if cancelled() else 0, 100_000)
    try:
        for sd in plan.package.sheets:
            writer.sheet(sd.spec, sd)
    except sqlite3.OperationalError as exc:
        if cancelled is None or "interrupt" not in str(exc):
            raise
        # An interrupted write rolls the whole transaction back at once: begin an empty one
        # for the enclosing atomic() to roll back.
        if not conn.in_transaction:
            conn.execute("BEGIN")
        raise ImportCancelled() from None
    finally:
        if cancelled is not None:
            conn.set_progress_handler(None, 0)
    if plan.package.kind is PackageKind.FEEDBACK:
        _code_lists(m.get("code_lists", {}))
        announced.changed({announced.CODE_LISTS})
    counts = plan.counts
    ImportHistory.create(
        package_uuid=plan.package.uuid, file_hash=plan.file_hash, site_uuid=m["site_uuid"],
        sequence=int(m["sequence"]), imported_at=ctx.now_utc(),
        counts=json.dumps(counts, ensure_ascii=False), kind=m["kind"],
        file_name=plan.file_name[:260],
    )  # fmt: skip
    ExchangeConflict.update(status="applied").where(
        ExchangeConflict.package_uuid == plan.package.uuid
    ).execute()
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
            local = tables.read(_spec(plan, rp), "uuid = ?", (rp.uuid,)) if rp.local else iter(())
            local_values = next(iter(local), None)
            ExchangeConflict.insert(
                package_uuid=plan.package.uuid, record_type=rp.record, record_uuid=rp.uuid,
                reason=rp.reason[:200],
                local=json.dumps(local_values, ensure_ascii=False, default=str),
                incoming=conflict_json(rp), created_at=ctx.now_utc(), status="open",
            ).on_conflict(
                conflict_target=[ExchangeConflict.package_uuid, ExchangeConflict.record_uuid],
                update={ExchangeConflict.reason: rp.reason[:200]},
            ).execute()  # fmt: skip
            n += 1
    return n


def _spec(plan: Plan, rp: RowPlan) -> SheetSpec:
    return next(sd.spec for sd in plan.package.sheets if sd.spec.title == rp.sheet)
