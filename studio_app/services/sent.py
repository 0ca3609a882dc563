"""What an export records once its package is delivered: the package number taken and the
records marked as sent, in the transaction that records the export."""

from __future__ import annotations

from collections.abc import Iterable

from studio_app.core.errors import UserError
from studio_app.storage.models import Setting, Site, database


def next_number(site: Site, seq_setting: str | None) -> int:
    """The number the next package of this kind gets: the site's next package number, or
    the setting ``seq_setting`` holding it instead (per feedback target)."""
    if seq_setting:
        found = Setting.get_or_none(Setting.key == seq_setting)
        return int(found.value) if found is not None else 1
    return int(Site.get_by_id(site.id).next_package_seq)


def take_number(site: Site, seq: int, seq_setting: str | None) -> None:
    """Advance the sequence past ``seq`` (inside the export's transaction), or refuse when
    another export took ``seq`` since it was read."""
    if next_number(site, seq_setting) != seq:
        raise UserError(
            f"第 {seq} 号数据包已被同时进行的另一个导出使用，本次导出作废，请重新导出。"
        )
    if seq_setting:
        Setting.insert(key=seq_setting, value=str(seq + 1)).on_conflict_replace().execute()
    else:
        Site.update(next_package_seq=seq + 1).where(
            Site.id == site.id, Site.next_package_seq == seq
        ).execute()


def mark_sent(record: str, rev_column: str, written: Iterable[tuple[int, int]]) -> None:
    """The records of ``record`` exported: ``rev_column`` (``exchanged_rev`` or
    ``exchanged_county_rev``) holds the revision sent, per ``(revision, id)`` written."""
    database.executemany(f"UPDATE {record} SET {rev_column} = ? WHERE id = ?", written)


def rules_sent(studio_uuid: str) -> str:
    """The digest of the duty-point rules a studio last got in a feedback package ("")."""
    found = Setting.get_or_none(Setting.key == f"feedback_rules:{studio_uuid}")
    return str(found.value) if found is not None else ""


def note_rules_sent(studio_uuid: str, digest: str) -> None:
    """Remember the rules a feedback package to the studio carried (their digest)."""
    Setting.insert(
        key=f"feedback_rules:{studio_uuid}", value=digest
    ).on_conflict_replace().execute()
