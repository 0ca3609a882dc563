"""Retention: purging visits older than N years so that they cannot be read back.

Records of every other kind served from its declaration alone go too when they have sat
in the trash since before the same cut-off day (with their links, history and conflicts);
residents are kept while any record of any kind still names them.

A purge removes, in one transaction, every visit (trashed ones too) that occurred before
the cut-off date, its member and resident links, the residents left with no remaining
record, and the audit history and open conflicts of those records (they hold the same
personal data). Visits that a proposal names as its source are kept: the proposal would
lose its origin. The purge is audited with counts only.

Afterwards nothing of the purged data is left in the database file: ``secure_delete``
overwrites freed pages, the full-text indexes are merged so that no old segment keeps the
words, VACUUM rewrites the file and a TRUNCATE checkpoint empties the write-ahead log.
Backups made earlier (including the one taken just before the purge) still hold the data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.core.fields import Kind
from studio_app.services import audit, backups
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, require
from studio_app.storage import folder_lock
from studio_app.storage.database import on_postgres
from studio_app.storage.models import database

MAX_YEARS = 100
PURGED = "visit"  # the kind purged by age; other kinds lose only what sat in the trash

# Temporary tables of the ids a purge removes (connection-local, in memory).
_SELECT = """
CREATE TEMP TABLE IF NOT EXISTS purge_visit (id INTEGER PRIMARY KEY, uuid TEXT);
CREATE TEMP TABLE IF NOT EXISTS purge_resident (id INTEGER PRIMARY KEY, uuid TEXT);
CREATE TEMP TABLE IF NOT EXISTS purge_trashed (kind TEXT, id INTEGER, uuid TEXT,
                                               PRIMARY KEY (kind, id));
DELETE FROM purge_visit;
DELETE FROM purge_resident;
DELETE FROM purge_trashed;
INSERT INTO purge_visit (id, uuid)
  SELECT v.id, v.uuid FROM visit v
  WHERE v.occurred_at < :cutoff
{uncited};
{trashed}
INSERT INTO purge_resident (id, uuid)
  SELECT r.id, r.uuid FROM resident r
  WHERE r.id IN (SELECT vr.resident_id FROM visit_resident vr
                 WHERE vr.visit_id IN (SELECT id FROM purge_visit))
    AND NOT EXISTS (SELECT 1 FROM visit_resident vr
                    WHERE vr.resident_id = r.id
                      AND vr.visit_id NOT IN (SELECT id FROM purge_visit))
{kept};
"""

_COUNTS = {
    "visits": "SELECT count(*) FROM purge_visit",
    "member_links": "SELECT count(*) FROM visit_member "
    "WHERE visit_id IN (SELECT id FROM purge_visit)",
    "resident_links": "SELECT count(*) FROM visit_resident "
    "WHERE visit_id IN (SELECT id FROM purge_visit)",
    "residents": "SELECT count(*) FROM purge_resident",
    "audit_entries": "SELECT count(*) FROM audit_entry WHERE record_uuid IN "
    "(SELECT uuid FROM purge_visit UNION ALL SELECT uuid FROM purge_resident "
    "UNION ALL SELECT uuid FROM purge_trashed)",
    "kept_cited": "SELECT count(*) FROM visit v WHERE v.occurred_at < :cutoff "
    "AND NOT (1 {uncited})",
}

_DELETE = """
DELETE FROM audit_entry WHERE record_uuid IN (SELECT uuid FROM purge_visit);
DELETE FROM audit_entry WHERE record_uuid IN (SELECT uuid FROM purge_resident);
DELETE FROM exchange_conflict WHERE record_uuid IN (SELECT uuid FROM purge_visit);
DELETE FROM exchange_conflict WHERE record_uuid IN (SELECT uuid FROM purge_resident);
DELETE FROM visit_member WHERE visit_id IN (SELECT id FROM purge_visit);
DELETE FROM visit_resident WHERE visit_id IN (SELECT id FROM purge_visit);
DELETE FROM visit WHERE id IN (SELECT id FROM purge_visit);
DELETE FROM audit_entry WHERE record_uuid IN (SELECT uuid FROM purge_trashed);
DELETE FROM exchange_conflict WHERE record_uuid IN (SELECT uuid FROM purge_trashed);
{trashed}
DELETE FROM resident WHERE id IN (SELECT id FROM purge_resident);
"""


def _others() -> tuple[kinds.RecordKind, ...]:
    """The kinds whose long-trashed records a purge removes: those served generically."""
    return kinds.generic()


def _select_sql() -> str:
    """Which rows go: old visits, long-trashed records of the other kinds, and residents
    left with no record of any kind (every kind's resident links and fields are read)."""
    trashed = "".join(
        f"INSERT INTO purge_trashed (kind, id, uuid) SELECT '{k.name}', t.id, t.uuid "
        f'FROM "{k.name}" t WHERE t.deleted_at IS NOT NULL AND t.deleted_at < :cutoff'
        f"{_cited_by(k.name, 't')};\n"
        for k in _others()
    )
    kept = []
    for k in kinds.all_kinds():
        if k.name == PURGED:
            continue
        gone = f"(SELECT id FROM purge_trashed WHERE kind = '{k.name}')"
        for link in k.links:
            if link.target_kind == "resident":
                kept.append(
                    f"    AND NOT EXISTS (SELECT 1 FROM {link.table} x WHERE x.{link.target} = "
                    f"r.id AND x.{link.owner} NOT IN {gone})"
                )
        for f in k.fields:
            if f.kind is Kind.RESIDENT:
                kept.append(
                    f'    AND NOT EXISTS (SELECT 1 FROM "{k.name}" x WHERE x.{f.key}_id = r.id '
                    f"AND x.id NOT IN {gone})"
                )
    return _SELECT.format(trashed=trashed, kept="\n".join(kept), uncited=_uncited())


def _uncited() -> str:
    """``AND NOT EXISTS …`` for every kind that grows from visits (a proposal's, a
    consultation's sources): a visit a record names as its source is kept."""
    return _cited_by(PURGED, "v")


def _cited_by(name: str, alias: str) -> str:
    """``AND NOT EXISTS …`` for every kind that grows from records of kind ``name`` (row
    ``alias``): a record another names as its source is kept."""
    return "".join(
        f"\n    AND NOT EXISTS (SELECT 1 FROM {owner.origin_table} s "
        f"WHERE s.{origin.column} = {alias}.id)"
        for owner, origin in kinds.grown_from(name)
    )


def _delete_sql() -> str:
    trashed = ""
    for k in _others():
        gone = f"(SELECT id FROM purge_trashed WHERE kind = '{k.name}')"
        for link in k.links:
            trashed += f"DELETE FROM {link.table} WHERE {link.owner} IN {gone};\n"
        trashed += f'DELETE FROM "{k.name}" WHERE id IN {gone};\n'
    return _DELETE.format(trashed=trashed)


@dataclass(frozen=True)
class PurgePreview:
    """What a purge of records older than ``years`` would remove."""

    years: int
    cutoff: date  # visits that occurred before this day go
    visits: int
    member_links: int
    resident_links: int
    residents: int
    audit_entries: int
    kept_cited: int  # old visits kept because a proposal names them as its source
    trashed: tuple[tuple[str, int], ...] = ()  # (kind label, count) long in the trash

    @property
    def empty(self) -> bool:
        return self.visits == 0 and not self.trashed

    def summary(self) -> str:
        """One plain sentence for the CLI and the dialog."""
        text = (
            f"将永久删除 {self.cutoff:%Y年%m月%d日} 之前的接待走访 {self.visits} 条"
            f"（含委员关联 {self.member_links} 条、群众关联 {self.resident_links} 条），"
            f"以及此后再无任何记录的群众 {self.residents} 人、相关的修改记录 "
            f"{self.audit_entries} 条。"
        )
        if self.trashed:
            what = "、".join(f"{label} {n} 条" for label, n in self.trashed)
            text += f"回收站中 {self.cutoff:%Y年%m月%d日} 之前删除的{what}也将永久删除。"
        if self.kept_cited:
            text += f"另有 {self.kept_cited} 条旧接待走访被提案或社情民意引用，予以保留。"
        return text


@dataclass(frozen=True)
class PurgeResult:
    preview: PurgePreview
    backup: Path | None = None  # the backup taken just before (it still holds the data)
    scrubbed: bool = True  # False when another program kept the log from being emptied


def cutoff_for(today: date, years: int) -> date:
    """The same day ``years`` earlier (29 February falls back to the 28th)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


ON_POSTGRES = (
    "按年限清理只用于工作室的本机数据库；县政协的 PostgreSQL 数据库请由数据库管理员按制度清理。"
)


def _check(ctx: Context, years: int) -> None:
    require(ctx, Permission.PURGE, "visit")
    if on_postgres():
        raise UserError(ON_POSTGRES)
    if not 1 <= years <= MAX_YEARS:
        raise UserError(f"保留年限应在 1 到 {MAX_YEARS} 年之间。")


def _select(cutoff: date) -> dict[str, Any]:
    conn = database.obj.connection()
    params = {"cutoff": cutoff.isoformat()}
    for statement in filter(None, (s.strip() for s in _select_sql().split(";"))):
        conn.execute(statement, params if ":cutoff" in statement else {})
    found: dict[str, Any] = {
        key: conn.execute(sql.replace("{uncited}", _uncited()), params).fetchone()[0]
        for key, sql in _COUNTS.items()
    }
    by_kind = dict(conn.execute("SELECT kind, count(*) FROM purge_trashed GROUP BY kind"))
    found["trashed"] = tuple((k.label, by_kind[k.name]) for k in _others() if k.name in by_kind)
    return found


def preview(ctx: Context, years: int) -> PurgePreview:
    """Counts of what :func:`purge` would remove; changes nothing."""
    _check(ctx, years)
    cutoff = cutoff_for(ctx.today(), years)
    with database.atomic() as txn:
        counts = _select(cutoff)
        txn.rollback()
    return PurgePreview(years, cutoff, **counts)


def purge(ctx: Context, years: int) -> PurgeResult:
    """Remove visits older than ``years`` (see the module docstring) beyond recovery.

    Alone in the data folder (its exclusive lock): refused, nothing changed, while another
    program has it open, which would keep the old pages in its view of the file.
    """
    _check(ctx, years)
    with folder_lock.exclusive(backups.data_dir_of(ctx).root, "清理"):
        return _purge(ctx, years)


def _purge(ctx: Context, years: int) -> PurgeResult:
    backup = backups.backup_before(ctx, "purge").path  # no backup, no purge
    cutoff = cutoff_for(ctx.today(), years)
    conn = database.obj.connection()
    with announced.collect(), database.atomic():
        found = PurgePreview(years, cutoff, **_select(cutoff))
        if not found.empty:
            announced.changed(kinds.names())  # visits, residents left alone, trashed others
            for statement in filter(None, (s.strip() for s in _delete_sql().split(";"))):
                conn.execute(statement)
            for fts in (k.fts for k in kinds.indexed()):  # deleted words leave the index
                conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
        changes = {k: (None, v) for k, v in asdict(found).items() if k != "trashed" or v}
        audit.record(ctx, "purge", "visit", "", changes)
    scrubbed = scrub() if not found.empty else True
    return PurgeResult(found, backup, scrubbed)


def scrub() -> bool:
    """Rewrite the file and empty the log so freed pages keep no old content.

    Returns False when a reader elsewhere kept the log from being emptied; the old pages
    then go at the next checkpoint.
    """
    conn = database.obj.connection()
    conn.execute("PRAGMA secure_delete = 1")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    conn.execute("VACUUM")
    busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0
