"""Who is acting, for which site, and what time it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from studio_app.core.codes import Role


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Context:
    """Passed to every service call: the local site, the acting user and the clock."""

    site_uuid: str
    site_code: str
    site_kind: str
    user: str = "admin"
    role: Role = Role.ADMIN
    may_see_pii: bool = True
    clock: Callable[[], datetime] = field(default=utc_now, compare=False)

    def now_utc(self) -> datetime:
        """Naive UTC timestamp, as stored in created_at/updated_at."""
        return self.clock().astimezone(UTC).replace(tzinfo=None, microsecond=0)

    def now_local(self) -> datetime:
        """Naive local wall-clock time, the frame of user-entered times (occurred_at)."""
        return self.clock().astimezone().replace(tzinfo=None, microsecond=0)

    def today(self) -> date:
        return self.now_local().date()

    @property
    def is_county(self) -> bool:
        return self.site_kind == "county"
