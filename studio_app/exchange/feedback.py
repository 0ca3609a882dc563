"""County mode: feedback packages for one studio and the sync health of every studio."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from studio_app.core.errors import UserError
from studio_app.exchange import waiting
from studio_app.exchange.export import ExportResult, Selection, run_export
from studio_app.exchange.schema import PackageKind, sheets_for
from studio_app.exchange.waiting import WaitingPackage
from studio_app.exchange.writer import Cancelled, Progress
from studio_app.services import points, sent
from studio_app.storage.models import CodeItem, ImportHistory, Site


def _studio(code: str) -> Site:
    site = Site.get_or_none((Site.code == code.strip().upper()) & (Site.is_local == False))  # noqa: E712
    if site is None:
        raise UserError(f"没有收到过代码为 {code} 的工作室的数据包，无法为其生成反馈包。")
    return site


def export_feedback(
    ctx: object,
    studio_code: str,
    dest: Path | None = None,
    *,
    full: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """County-owned fields of the studio's records (proposal-type ones), the code lists and the
    duty-point rules; a package even without rows when the rules changed since the studio
    last got them (or ``full``)."""
    from studio_app.services.context import Context

    assert isinstance(ctx, Context)
    if not ctx.is_county:
        raise UserError("只有县政协可以导出反馈包。")
    studio = _studio(studio_code)
    where = "origin_site = ?" + ("" if full else " AND county_rev > exchanged_county_rev")
    selections = [
        Selection(spec, where, (studio.uuid,), "exchanged_county_rev")
        for spec in sheets_for(PackageKind.FEEDBACK)
    ]
    key = f"feedback_seq:{studio.uuid}"  # the number is read and taken by run_export
    lists: dict[str, list[list[object]]] = {}
    for item in CodeItem.select().order_by(CodeItem.list_kind, CodeItem.sort_order):
        lists.setdefault(item.list_kind, []).append(
            [item.code, item.label, item.sort_order, bool(item.active)]
        )
    figures = points.county_figures()
    digest = _digest(figures)
    extra = {
        "target_site_uuid": studio.uuid,
        "target_site_name": studio.name,
        "target_site_code": studio.code,
        "code_lists": lists,
        **figures,
        "full": full,
        "news": full or digest != (sent.rules_sent(studio.uuid) or _digest(points.NO_FIGURES)),
    }
    result = run_export(
        ctx, PackageKind.FEEDBACK, selections, dest, seq_setting=key,
        include_identifiers=False, password=None, progress=progress, cancelled=cancelled,
        extra=extra,
    )  # fmt: skip
    if not result.empty:
        sent.note_rules_sent(studio.uuid, digest)
    return result


def _digest(figures: points.Figures) -> str:
    """What the county's duty-point figures are now (a package goes out when they change,
    even without rows)."""
    return hashlib.sha256(json.dumps(figures, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class StudioSync:
    name: str
    code: str
    packages: int
    last_sequence: int
    last_at: datetime  # local time
    missing: list[int]
    waiting: tuple[WaitingPackage, ...] = ()  # packages whose rows wait for a record


def sync_status() -> list[StudioSync]:
    """Per studio heard from: packages received, the last one, sequence gaps (lost sticks)
    and the packages whose rows still wait for a record not received (``waiting``)."""
    held: dict[str, list[WaitingPackage]] = {}
    for w in waiting.summary():
        held.setdefault(w.site_uuid, []).append(w)
    found = []
    for site in Site.select().where(Site.is_local == False).order_by(Site.code):  # noqa: E712
        history = list(
            ImportHistory.select()
            .where(ImportHistory.site_uuid == site.uuid, ImportHistory.kind == "studio")
            .order_by(ImportHistory.sequence)
        )
        if not history:
            continue
        seqs = {h.sequence for h in history}
        last = max(history, key=lambda h: h.imported_at)
        when = last.imported_at
        if isinstance(when, str):
            when = datetime.fromisoformat(when)
        found.append(
            StudioSync(
                site.name,
                site.code,
                len(history),
                max(seqs),
                when.replace(tzinfo=UTC).astimezone().replace(tzinfo=None),
                sorted(set(range(1, max(seqs) + 1)) - seqs),
                tuple(held.get(site.uuid, ())),
            )
        )
    return found
