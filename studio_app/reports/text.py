"""How values read on paper: dates as 2026年11月26日, codes as their labels."""

from __future__ import annotations

from datetime import UTC, date, datetime

from studio_app.core.codes import Coded


def cn_date(value: date | datetime | str | None) -> str:
    """``2026年11月26日``; empty for no date."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value[:19]) if len(value) > 10 else date.fromisoformat(value)
    return f"{value.year}年{value.month}月{value.day}日"


def cn_datetime(value: datetime | str | None) -> str:
    """``2026年11月26日 09:30``."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value[:19])
    return f"{cn_date(value)} {value:%H:%M}"


def local_day(stamp: datetime | str | None) -> date | None:
    """The local calendar day of a stored UTC timestamp."""
    if not stamp:
        return None
    if isinstance(stamp, str):
        stamp = datetime.fromisoformat(stamp[:19])
    return stamp.replace(tzinfo=UTC).astimezone().date()


def label(enum: type[Coded], code: str | None) -> str:
    """The Chinese label of a code; unknown codes print as they are."""
    if not code:
        return ""
    try:
        return enum(code).label
    except ValueError:
        return code


def yes_no(value: object) -> str:
    return "是" if value else "否"
