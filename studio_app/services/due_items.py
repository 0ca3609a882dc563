"""Items to carry out by a date, kept as rows of records (an activity's follow-up items, a
consultation's outcome list: ``kinds.tracked_rows``), and those past their date and not
carried out (the desk's 逾期事项)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from studio_app.core import kinds
from studio_app.core.fields import rows_table
from studio_app.storage.models import database


@dataclass(frozen=True)
class DueItem:
    kind: str  # the record's kind
    rows: str  # the ROWS field keeping the item
    record_id: int
    serial: str
    title: str  # the record's title (its kind's ``title_key``)
    item: str  # what is to be done (the row's first column)
    unit: str  # the responsible unit's code ("" none)
    due: date
    status: str  # a code of the field's status set (``kinds.item_status``; "" not yet set)


def overdue(today: date, *, limit: int = 200) -> list[DueItem]:
    """Live records' items whose date has passed and that are not carried out, oldest first."""
    parts, params = [], []
    for kind, fld in kinds.tracked_rows():
        item = fld.columns[0].key
        unit = "r.unit" if any(c.key == "unit" for c in fld.columns) else "''"
        title = f"o.{kind.title_key}" if kind.title_key else "''"
        table, owner = rows_table(kind.name, fld.key), f"r.{kind.name}_id"
        parts.append(
            f"SELECT '{kind.name}', '{fld.key}', o.id, o.serial, {title}, r.{item}, {unit}, "
            f"r.due, r.status FROM {table} r JOIN {kind.name} o ON o.id = {owner} "
            f"WHERE o.deleted_at IS NULL AND r.due < ? AND r.status NOT IN "
            f"({', '.join('?' * len(kinds.settled(fld)))})"
        )
        params += [today.isoformat(), *kinds.settled(fld)]
    if not parts:
        return []
    sql = " UNION ALL ".join(parts) + " ORDER BY 8, 4 LIMIT ?"
    rows = database.execute_sql(sql, (*params, limit)).fetchall()
    return [
        DueItem(k, f, i, s or "", t or "", what, unit or "", date.fromisoformat(str(due)[:10]), st)
        for k, f, i, s, t, what, unit, due, st in rows
    ]
