"""Applying an import plan: all or nothing, in one transaction, with an audit trail.

Rows are staged in a temporary table and moved with one ``INSERT … SELECT`` / ``UPDATE …
FROM`` per sheet: SQLite 3.40's FTS5 flushes its pending index at every statement
savepoint, so row-by-row statements on the indexed tables are ~5× slower (see
services/demo.py). Audit: one summary entry per package plus one entry per record created,
updated, trashed or decided (written with ``executemany``), each naming the package.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from studio_app.core import codes as c
from studio_app.core.fields import Kind
from studio_app.core.identity import phone_digits
from studio_app.core.text import normalise_name
from studio_app.exchange import tables
from studio_app.exchange.plan import Plan, RowPlan
from studio_app.exchange.schema import LINK_KINDS, PackageKind, Role, SheetSpec
from studio_app.services import audit
from studio_app.services.context import Context
from studio_app.storage.models import (
    ExchangeConflict,
    ImportHistory,
    Interview,
    Member,
    Proposal,
    Resident,
    Site,
    Visit,
    database,
)

MODELS = {
    "member": Member,
    "resident": Resident,
    "visit": Visit,
    "interview": Interview,
    "proposal": Proposal,
}

NAMES_COLUMN = {
    "members": "member_names",
    "residents": "resident_names",
    "co_signers": "co_signer_names",
}


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
    def __init__(self, ctx: Context, plan: Plan) -> None:
        self.ctx = ctx
        self.plan = plan
        self.conn = database.obj.connection()
        self.audit: list[tuple[Any, ...]] = []
        self.now = ctx.now_utc().isoformat(sep=" ")
        self.kind = plan.package.kind
        self.names: dict[str, dict[str, str]] = {}
        self.masked: list[str] = []
        self.ids = {r: tables.ids_by_uuid(r) for r in ("member", "resident", "visit", "interview")}

    def columns(self, spec: SheetSpec, new: bool) -> list[tuple[str, str, Kind]]:
        """(value key, table column, kind) written for a row of ``spec``."""
        cols: list[tuple[str, str, Kind]] = []
        for col in spec.columns:
            if col.role is Role.DATA and col.key not in ("deleted", "units"):
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

    def row_tuple(
        self, spec: SheetSpec, cols: list[tuple[str, str, Kind]], rp: RowPlan
    ) -> list[Any]:
        v = rp.values
        out: list[Any] = []
        for key, _column, kind in cols:
            value = v.get(key)
            if value is None or type(value) is str or type(value) is int:
                if key == "serial" or key == "deleted_at":
                    value = value or None
            elif type(value) is list:  # a single link: its uuid → the local id
                value = self.ids[tables.target_table(kind)].get(value[0]) if value else None
            else:
                value = _db_value(kind, value)
            out.append(value)
        return out

    def stage(self, name: str, columns: list[str], rows: Iterable[list[Any]]) -> str:
        quoted = ", ".join(f'"{c}"' for c in columns)
        self.conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        self.conn.execute(f"CREATE TEMP TABLE {name} ({quoted})")
        marks = ", ".join("?" * len(columns))
        self.conn.executemany(f"INSERT INTO temp.{name} VALUES ({marks})", rows)
        return quoted

    def sheet(self, spec: SheetSpec, rows: list[RowPlan], masked: list[str]) -> None:
        record = spec.record
        accepted = [r for r in rows if r.action == "conflict" and r.decision == "incoming"]
        for rp in accepted:
            if rp.edited and self.kind is PackageKind.STUDIO:
                # A hand edit accepted is a version of its own, newer than both sides'.
                rp.received_rev = rp.values["rev"]
                rp.values["rev"] = max(rp.values["rev"], (rp.local or {}).get("rev", 0)) + 1
        new = [r for r in rows if r.action == "new"] + [r for r in accepted if r.local is None]
        upd = [r for r in rows if r.action in ("update", "tombstone")]
        upd += [r for r in accepted if r.local is not None]
        kept = [r for r in rows if r.action == "conflict" and r.decision == "local"]
        extra_cols: list[str] = []
        self.masked = masked
        if record == "resident":
            extra_cols = ["name_key"] + ([] if "phone" in masked else ["phone_key"])
        if self.kind is PackageKind.STUDIO:
            extra_cols.append("exchanged_rev")
        else:
            extra_cols.append("exchanged_county_rev")
        name_links = [
            (key, NAMES_COLUMN[key]) for key in tables.LINKS.get(record, {})
            if self.kind is PackageKind.STUDIO
        ]  # fmt: skip
        extra_cols += [col for _, col in name_links]
        if name_links:
            self.load_names()
        for is_new, group in ((True, new), (False, upd)):
            if not group:
                continue
            cols = [c for c in self.columns(spec, is_new) if c[0] not in masked]
            names = [c[1] for c in cols] + extra_cols
            fill = _defaults(record, {*names, "id"}) if is_new else {}
            names += list(fill)
            # Streamed into the staging table: no second copy of every row in memory.
            data = self.staged_rows(record, spec, cols, group, list(fill.values()), is_new)
            if is_new:
                quoted = self.stage("x_stage", names, data)
                self.conn.execute(
                    f"INSERT INTO main.{record} ({quoted}) SELECT {quoted} FROM temp.x_stage"
                )
            else:
                self.stage("x_stage", [*names, "x_id"], data)
                sets = ", ".join(f'"{n}" = s."{n}"' for n in names)
                self.conn.execute(
                    f"UPDATE main.{record} SET {sets} FROM temp.x_stage AS s "
                    f"WHERE main.{record}.id = s.x_id"
                )
            self.conn.execute("DROP TABLE temp.x_stage")
        self.ids[record] = tables.ids_by_uuid(record)
        self.links(spec, new + upd)
        if record == "member":
            self.member_parents(spec, new + upd)
        for rp in new + upd + kept:
            action = {"new": "import_create", "tombstone": "import_delete"}.get(
                rp.action, "import_update"
            )
            if rp.action == "conflict":
                action = f"import_keep_{rp.decision}"
            old = rp.local["rev"] if rp.local else None
            changes = {
                "package": [None, self.plan.package.uuid],
                "rev": [old, rp.values.get("rev")],
            }
            self.audit.append(
                (self.now, self.ctx.user, action, record, rp.uuid, json.dumps(changes))
            )
        if kept and self.kind is PackageKind.STUDIO:
            self.conn.executemany(
                f"UPDATE {record} SET exchanged_rev = max(exchanged_rev, ?) WHERE id = ?",
                [(r.values["rev"], r.local["id"]) for r in kept if r.local],
            )

    def staged_rows(
        self,
        record: str,
        spec: SheetSpec,
        cols: list[tuple[str, str, Kind]],
        group: list[RowPlan],
        fill: list[Any],
        is_new: bool,
    ) -> Iterator[list[Any]]:
        # row_tuple, unrolled: the converter of each column chosen once per sheet
        plan_cols = [
            (key, key in ("serial", "deleted_at"), self.ids[tables.target_table(kind)], kind)
            for key, _column, kind in cols
        ]
        extra = self.extra
        for rp in group:
            get = rp.values.get
            values: list[Any] = []
            append = values.append
            for key, or_none, ids, kind in plan_cols:
                value = get(key)
                t = type(value)
                if value is None or t is str or t is int:
                    if or_none:
                        value = value or None
                elif t is list:  # a single link: its uuid → the local id
                    value = ids.get(value[0]) if value else None
                else:
                    value = _db_value(kind, value)
                append(value)
            values += extra(record, rp)
            values += fill
            if not is_new:
                assert rp.local is not None
                values.append(rp.local["id"])
            yield values

    def load_names(self) -> None:
        """uuid → name of people, for the names columns written with each row."""
        self.names = {table: dict(by_id.values()) for table, by_id in tables.people().items()}

    def extra(self, record: str, rp: RowPlan) -> list[Any]:
        v = rp.values
        out: list[Any] = []
        if record == "resident":
            out.append(normalise_name(v.get("name", "")))
            if "phone" not in self.masked:
                out.append(phone_digits(v.get("phone") or ""))
        if self.kind is PackageKind.STUDIO:
            out.append(rp.received_rev if rp.received_rev is not None else v["rev"])
        else:
            out.append(v["county_rev"])
        for key, lt in tables.LINKS.get(record, {}).items():
            if self.kind is PackageKind.STUDIO:
                names = self.names[lt.target_table]
                uuids = v.get(f"{key}__uuid") or []
                out.append("、".join(names[u] for u in uuids if u in names)[:300])
        return out

    def links(self, spec: SheetSpec, rows: list[RowPlan]) -> None:
        if not rows:
            return
        record = spec.record
        owner_ids = [self.ids[record][rp.uuid] for rp in rows]
        for col in spec.columns:
            if col.role is not Role.LINK or col.kind not in (Kind.MEMBERS, Kind.RESIDENTS):
                continue
            lt = tables.LINKS[record][col.field.key]  # type: ignore[union-attr]
            target_ids = self.ids[lt.target_table]
            self.conn.executemany(
                f"DELETE FROM {lt.table} WHERE {lt.owner} = ?", [(i,) for i in owner_ids]
            )
            link_rows = []
            for owner, rp in zip(owner_ids, rows, strict=True):
                targets = [target_ids[u] for u in rp.values.get(col.key, []) if u in target_ids]
                link_rows += [(owner, t, pos) for pos, t in enumerate(targets)]
            self.conn.executemany(
                f"INSERT INTO {lt.table} ({lt.owner}, {lt.target}, position) VALUES (?, ?, ?)",
                link_rows,
            )
        keys = {col.key for col in spec.columns}
        if "sources" in keys:
            self.sources(owner_ids, rows)
        if "units" in keys:
            self.units(owner_ids, rows)

    def sources(self, owner_ids: list[int], rows: list[RowPlan]) -> None:
        self.conn.executemany(
            "DELETE FROM proposal_source WHERE proposal_id = ?", [(i,) for i in owner_ids]
        )
        visits, interviews = self.ids.get("visit", {}), self.ids.get("interview", {})
        data = []
        for owner, rp in zip(owner_ids, rows, strict=True):
            for item in rp.values.get("sources", []):
                kind, _, uuid = item.partition(":")
                ref = (visits if kind == "v" else interviews).get(uuid)
                if ref is not None:
                    data.append((owner, ref if kind == "v" else None, ref if kind == "i" else None))
        self.conn.executemany(
            "INSERT INTO proposal_source (proposal_id, visit_id, interview_id) VALUES (?, ?, ?)",
            data,
        )

    def units(self, owner_ids: list[int], rows: list[RowPlan]) -> None:
        self.conn.executemany(
            "DELETE FROM proposal_unit WHERE proposal_id = ?", [(i,) for i in owner_ids]
        )
        data = []
        for owner, rp in zip(owner_ids, rows, strict=True):
            for pos, item in enumerate(rp.values.get("units", [])):
                role, _, unit = item.partition(":")
                data.append((owner, unit, role, pos))
        self.conn.executemany(
            "INSERT INTO proposal_unit (proposal_id, unit, role, position) VALUES (?, ?, ?, ?)",
            data,
        )

    def member_parents(self, spec: SheetSpec, rows: list[RowPlan]) -> None:
        """contact_parent points into the same sheet: resolved once all members exist."""
        ids = self.ids["member"]
        self.conn.executemany(
            "UPDATE member SET contact_parent_id = ? WHERE id = ?",
            [
                (
                    ids.get(rp.values["contact_parent__uuid"][0])
                    if rp.values.get("contact_parent__uuid")
                    else None,
                    ids[rp.uuid],
                )
                for rp in rows
            ],
        )


def _defaults(record: str, written: set[str]) -> dict[str, Any]:
    """Columns a new row needs that the package does not carry (e.g. county-owned ones)."""
    model = MODELS[record]
    found: dict[str, Any] = {}
    for fld in model._meta.sorted_fields:
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


def apply_plan(ctx: Context, plan: Plan) -> dict[str, int]:
    """Write the plan; the caller has made sure no conflict waits for a decision."""
    assert not plan.open_conflicts
    m = plan.package.manifest
    with database.atomic():
        writer = _Writer(ctx, plan)
        _remember_site(m)
        for sd in plan.package.sheets:
            rows = [r for r in plan.rows if r.sheet == sd.spec.title]
            writer.sheet(sd.spec, rows, sd.masked)
        if plan.package.kind is PackageKind.FEEDBACK:
            _code_lists(m.get("code_lists", {}))
        database.obj.connection().executemany(
            "INSERT INTO audit_entry (at, user, action, record_type, record_uuid, changes) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            writer.audit,
        )
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
        audit.record(
            ctx, "import", "package", plan.package.uuid,
            {"file": (None, plan.file_name), "site": (None, m.get("site_name")),
             "sequence": (None, m["sequence"]), "counts": (None, counts)},
        )  # fmt: skip
    return counts


def store_conflicts(ctx: Context, plan: Plan, rows: Iterable[RowPlan]) -> int:
    """Keep both versions of each undecided conflict for a person to choose (one transaction)."""
    from studio_app.exchange.plan import conflict_json

    n = 0
    with database.atomic():
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
