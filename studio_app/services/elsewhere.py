"""What other PCs wrote to a county's shared PostgreSQL database, for the pages to follow.

Every write is audited, so the audit entries after the newest one seen name the record
types written since; :meth:`OtherPcs.poll` announces those kinds (:mod:`changes`) as a local
write would, and the pages showing them read them again. Cheap (the audit log's key), and
the same for every writer: the GUI asks every few seconds and when the window comes back to
the front. This PC's own writes come round again too; a page read twice is harmless.
"""

from __future__ import annotations

from studio_app.core import kinds
from studio_app.services import changes
from studio_app.storage.models import database

# Audited record types that are not record kinds: what their change is announced as
# (None: nothing a page shows).
_OTHERS: dict[str, str | None] = {
    "code_item": changes.CODE_LISTS,
    "package": changes.PACKAGES,
    "conflict": changes.PACKAGES,
    "point_rule": "point_rules",  # services.points.POINT_RULES
    "point_requirement": "point_rules",
    "point_adjustment": "point_rules",
    "site": changes.EVERYTHING,
    "database": changes.EVERYTHING,
}


def _newest() -> int:
    return int(database.execute_sql("SELECT COALESCE(max(id), 0) FROM audit_entry").fetchone()[0])


class OtherPcs:
    """Remembers the newest audit entry seen; :meth:`poll` announces what came after."""

    def __init__(self) -> None:
        self.seen = _newest()

    def poll(self) -> frozenset[str]:
        """The kinds written since the last poll, announced; empty when nothing was."""
        rows = database.execute_sql(
            "SELECT record_type, max(id) FROM audit_entry WHERE id > ? GROUP BY record_type",
            (self.seen,),
        ).fetchall()
        if not rows:
            return frozenset()
        self.seen = max(self.seen, *(int(newest) for _type, newest in rows))
        declared = set(kinds.names())
        names = frozenset(
            name
            for record_type, _newest in rows
            for name in [record_type if record_type in declared else _OTHERS.get(record_type)]
            if name
        )
        changes.changed(names)
        return names
