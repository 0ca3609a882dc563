"""Writing a received package: its rows in bulk, from the staging tables, and what it leaves.

The exchange reads each sheet of a package into a staging table of the connection
(``temp.x_<record>``: one row per package row with its ``uuid``, the planned ``action`` and
``decision``, the local record's ``lid`` and ``lrev``, and the values) and plans it; these
functions write what was planned, in the caller's transaction. Rows move with one
``INSERT … SELECT`` / ``UPDATE … FROM`` per sheet and group: SQLite 3.40's FTS5 flushes its
pending index at every statement savepoint, so row-by-row statements on the indexed tables
are ~5× slower (see ``demo.studio``). Value expressions are SQL over the staging row ``s``.

Groups (column ``g``), in the order rows are written: 1 new, 2 accepted new (a conflict
decided for the incoming version, no local row), 3 updated or trashed, 4 accepted over
ours, 5 kept ours. Groups 1–4 are written.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from studio_app.core import codes as c
from studio_app.core.kinds import LinkTable
from studio_app.services.context import Context
from studio_app.storage.database import connection as storage_connection
from studio_app.storage.models import ExchangeConflict, ImportHistory, Site

WRITTEN = "s.g BETWEEN 1 AND 4"  # the staging rows written (new and updated)


def _conn() -> Any:
    return storage_connection()


# --- the staged rows ------------------------------------------------------------------------


def version_hand_edits(staging: str, rev: str) -> None:
    """A hand edit accepted is a version of its own, newer than both sides': its revision
    (column ``rev`` of ``staging``) goes past ours, the package's is kept in ``xrev``."""
    _conn().execute(
        f"UPDATE {staging} SET xrev = {rev}, {rev} = max({rev}, coalesce(lrev, 0)) + 1 "
        "WHERE action = 'conflict' AND decision = 'incoming' AND edited"
    )


def group(staging: str) -> bool:
    """Put each staged row in its group (module docstring); are any rows written?"""
    conn = _conn()
    conn.execute(
        f"UPDATE {staging} SET g = CASE WHEN action = 'new' THEN 1 "
        "WHEN action = 'conflict' AND decision = 'incoming' AND lid IS NULL THEN 2 "
        "WHEN action IN ('update', 'tombstone') THEN 3 "
        "WHEN action = 'conflict' AND decision = 'incoming' THEN 4 "
        "WHEN action = 'conflict' AND decision = 'local' THEN 5 END"
    )
    return bool(conn.execute(f"SELECT 1 FROM {staging} WHERE g BETWEEN 1 AND 4 LIMIT 1").fetchone())


def next_id(record: str) -> int:
    """The id the next row of ``record`` gets: from it on, the rows an import creates."""
    found = _conn().execute(f"SELECT coalesce(max(id), 0) + 1 FROM main.{record}").fetchone()
    return int(found[0])


def insert_new(
    record: str, staging: str, columns: list[str], exprs: list[str], params: list[Any]
) -> None:
    """Insert the new rows (groups 1, then 2) of ``staging`` into ``record``: ``exprs`` give
    ``columns`` (``?`` for ``params``). The staging table is in file order: no sorting."""
    quoted = ", ".join(f'"{n}"' for n in columns)
    for g in (1, 2):
        _conn().execute(
            f"INSERT INTO main.{record} ({quoted}) SELECT {', '.join(exprs)} "
            f"FROM temp.{staging} s WHERE s.g = {g}",
            params,
        )


def update_changed(record: str, staging: str, columns: list[str], exprs: list[str]) -> None:
    """Update the rows of ``record`` changed by ``staging`` (groups 3 and 4, by ``lid``)."""
    select = ", ".join(f'{e} AS "{n}"' for e, n in zip(exprs, columns, strict=True))
    sets = ", ".join(f'"{n}" = u."{n}"' for n in columns)
    _conn().execute(
        f"UPDATE main.{record} SET {sets} FROM (SELECT {select}, s.lid AS x_id "
        f"FROM temp.{staging} s WHERE s.g IN (3, 4)) AS u WHERE main.{record}.id = u.x_id"
    )


def link_within(record: str, staging: str, column: str, target: str) -> None:
    """Set ``column`` (a link into ``record`` itself, e.g. a member's contact member) of the
    rows written to ``target``, once all of them exist."""
    _conn().execute(
        f"UPDATE main.{record} SET {column} = {target} FROM temp.{staging} s "
        f"WHERE main.{record}.uuid = s.uuid AND {WRITTEN}"
    )


def note_kept_ours(record: str, staging: str, rev: str) -> None:
    """Rows where ours was kept (group 5) count the package's version as exchanged."""
    _conn().execute(
        f"UPDATE main.{record} SET exchanged_rev = max(exchanged_rev, s.{rev}) "
        f"FROM temp.{staging} s WHERE main.{record}.id = s.lid AND s.g = 5"
    )


# --- link and side-table rows ---------------------------------------------------------------


def clear_items(staging: str, table: str, owner: str, first_new: int) -> None:
    """Delete the rows of ``table`` (links, side-table items) owned by the records written:
    updated ones, and new ones (ids from ``first_new``: none, unless left over)."""
    _conn().execute(
        f"DELETE FROM {table} WHERE {owner} >= ? OR {owner} IN "
        f"(SELECT s.lid FROM temp.{staging} s WHERE s.g IN (3, 4))",
        (first_new,),
    )


def insert_links(staging: str, record: str, link: LinkTable, uuids: str) -> None:
    """Link rows of the records written, in list order: ``uuids`` is the staging column of
    the JSON list of the linked records' uuids."""
    _conn().execute(
        f"INSERT INTO {link.table} ({link.owner}, {link.target}, position) "
        "SELECT o.id, t.id, row_number() OVER (PARTITION BY o.id ORDER BY j.key) - 1 "
        f"FROM temp.{staging} s JOIN main.{record} o ON o.uuid = s.uuid "
        f"CROSS JOIN json_each(s.{uuids}) j JOIN main.{link.target_table} t ON t.uuid = j.value "
        f"WHERE {WRITTEN}"
    )


def insert_items(table: str, columns: list[str], select: str) -> None:
    """Rows of a side table: ``select`` gives ``columns`` (one statement per sheet)."""
    _conn().execute(f"INSERT INTO {table} ({', '.join(columns)}) {select}")


# --- what the package leaves -----------------------------------------------------------------


def audit_rows(
    ctx: Context, at: datetime, staging: str, record: str, rev: str, package_uuid: str
) -> None:
    """One audit entry per record created, updated, trashed or decided (groups 1–5, in the
    order rows are written), naming the package; ``rev`` is SQL of the package's revision,
    ``at`` the moment the package is applied."""
    now = at.isoformat(sep=" ")
    for g in range(1, 6):
        _conn().execute(
            "INSERT INTO main.audit_entry "
            '(at, "user", action, record_type, record_uuid, changes) '
            "SELECT ?, ?, CASE WHEN s.action = 'new' THEN 'import_create' "
            "WHEN s.action = 'tombstone' THEN 'import_delete' "
            "WHEN s.action = 'conflict' THEN 'import_keep_' || s.decision "
            "ELSE 'import_update' END, ?, s.uuid, "
            """'{"package": [null, ' || json_quote(?) || '], "rev": [' """
            f"|| coalesce(CAST(s.lrev AS TEXT), 'null') || ', ' "
            f"|| coalesce(CAST({rev} AS TEXT), 'null') || ']}}' "
            f"FROM temp.{staging} s WHERE s.g = {g}",
            (now, ctx.user, record, package_uuid),
        )


def remember_sender(manifest: dict[str, Any]) -> None:
    """The sending site, as its package names it (our own site is never overwritten)."""
    m = manifest
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


def county_code_lists(lists: dict[str, list[list[Any]]]) -> None:
    """The county's code lists from a feedback package (``kind → [code, label, order,
    active]``): added or brought up to date; unknown lists are ignored."""
    known = {k.value for k in c.CodeListKind}
    rows = [
        (kind, str(code), str(label), int(order), int(bool(active)))
        for kind, items in lists.items()
        if kind in known
        for code, label, order, active in items
    ]
    _conn().executemany(
        "INSERT INTO code_item (list_kind, code, label, sort_order, active) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (list_kind, code) DO UPDATE SET label = excluded.label, "
        "sort_order = excluded.sort_order, active = excluded.active",
        rows,
    )


def record_import(
    ctx: Context,
    package_uuid: str,
    file_hash: str,
    manifest: dict[str, Any],
    counts: dict[str, int],
    file_name: str,
) -> None:
    """The import history's entry for an applied package."""
    m = manifest
    ImportHistory.create(
        package_uuid=package_uuid, file_hash=file_hash, site_uuid=m["site_uuid"],
        sequence=int(m["sequence"]), imported_at=ctx.now_utc(),
        counts=json.dumps(counts, ensure_ascii=False), kind=m["kind"],
        file_name=file_name[:260],
    )  # fmt: skip


# --- conflicts --------------------------------------------------------------------------------


def keep_conflict(
    ctx: Context,
    package_uuid: str,
    record: str,
    uuid: str,
    reason: str,
    local: Any,
    incoming: str,
) -> None:
    """Keep both versions of an undecided conflict for a person to choose (``local``: our
    values, ``incoming``: the package's, as JSON); kept again, only its reason changes."""
    ExchangeConflict.insert(
        package_uuid=package_uuid, record_type=record, record_uuid=uuid, reason=reason[:200],
        local=json.dumps(local, ensure_ascii=False, default=str),
        incoming=incoming, created_at=ctx.now_utc(), status="open",
    ).on_conflict(
        conflict_target=[ExchangeConflict.package_uuid, ExchangeConflict.record_uuid],
        update={ExchangeConflict.reason: reason[:200]},
    ).execute()  # fmt: skip


def conflicts_applied(package_uuid: str) -> None:
    """The conflicts of ``package_uuid`` are settled: its rows were written."""
    ExchangeConflict.update(status="applied").where(
        ExchangeConflict.package_uuid == package_uuid
    ).execute()
