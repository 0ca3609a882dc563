"""Human serial numbers such as ``JD-2026-0042``: per site, prefix and year, never reused."""

from __future__ import annotations

from studio_app.services.context import Context
from studio_app.storage.models import SerialCounter


def next_serial(ctx: Context, prefix: str, year: int) -> str:
    """Issue the next number; must run inside the transaction that stores the record.

    The counter only grows, so a number of a deleted (or purged) record is never issued again.
    """
    counter, _ = SerialCounter.get_or_create(
        site=ctx.site_uuid, prefix=prefix, year=year, defaults={"last": 0}
    )
    SerialCounter.update(last=SerialCounter.last + 1).where(
        SerialCounter.id == counter.id
    ).execute()
    last = SerialCounter.get_by_id(counter.id).last
    return format_serial(prefix, year, last)


def format_serial(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:04d}"


def reserve_block(site_uuid: str, prefix: str, year: int, count: int) -> int:
    """Reserve ``count`` consecutive numbers for bulk creation; returns the first one."""
    counter, _ = SerialCounter.get_or_create(
        site=site_uuid, prefix=prefix, year=year, defaults={"last": 0}
    )
    first = counter.last + 1
    SerialCounter.update(last=SerialCounter.last + count).where(
        SerialCounter.id == counter.id
    ).execute()
    return int(first)
