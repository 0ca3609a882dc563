"""Finding what to print: records by serial, studio names, the acting user's rights."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from studio_app.core.errors import NotFound, UserError
from studio_app.services import audit, permissions
from studio_app.services.context import Context
from studio_app.services.site import local_site
from studio_app.storage.models import Site, SyncedModel

log = logging.getLogger("studio_app.reports")


def site_names() -> dict[str, str]:
    """origin uuid → studio name, for titles of records from any studio."""
    return {s.uuid: s.name for s in Site.select(Site.uuid, Site.name)}


def local_name() -> str:
    site = local_site()
    return site.name if site else "委员工作室"


def by_serials(model: type[SyncedModel], serials: Sequence[str], what: str) -> list[int]:
    """Ids of live records with these serials, in the order given.

    A county database holds several studios' records and serials repeat across studios:
    the local site's record wins, a serial found only in several other studios is refused.
    """
    here = local_site()
    ids: list[int] = []
    missing: list[str] = []
    for serial in serials:
        rows = list(
            model.select(model.id, model.origin_site).where(
                model.serial == serial.strip().upper(), model.deleted_at.is_null()
            )
        )
        own = [r for r in rows if here is not None and r.origin_site == here.uuid]
        if own or len(rows) == 1:
            ids.append((own or rows)[0].id)
        elif rows:
            raise UserError(
                f"编号 {serial} 在 {len(rows)} 个工作室中都有，请在程序中选定后再打印。"
            )
        else:
            missing.append(serial)
    if missing:
        raise NotFound(f"找不到{what}：{'、'.join(missing)}（编号不存在或已删除）。")
    return ids


def pii_visible(ctx: Context, unmasked: bool, record_type: str, uuids: Sequence[str]) -> bool:
    """Whether full ID and phone numbers may be printed; logged and audited when they are."""
    if not unmasked:
        return False
    permissions.require(ctx, permissions.Permission.SEE_PII, record_type)
    for uuid in uuids:
        audit.record(ctx, "print_unmasked", record_type, uuid)
    log.info(
        "%s printed %d %s record(s) with identifiers unmasked", ctx.user, len(uuids), record_type
    )
    return True
