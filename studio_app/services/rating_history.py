"""Ratings over time of one record that other records rate: an observation point's five
environments as its observations rated them (``Tally.means`` of a kind with a RECORD field
pointing to it), oldest first, and a year of them summed up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.storage.models import database


@dataclass(frozen=True)
class Rated:
    """One rating record: its day, serial and its ratings (None: not rated)."""

    record_id: int
    day: date
    serial: str
    values: tuple[int | None, ...]  # in the order of the rating kind's ``Tally.means``


@dataclass(frozen=True)
class History:
    kind: kinds.RecordKind  # the kind that rates, e.g. observations
    labels: tuple[str, ...]  # Chinese, the ratings' labels, e.g. 服务环境 …
    records: tuple[Rated, ...]

    def series(self, index: int) -> list[tuple[date, int]]:
        """The days and values of rating ``index``, where it was rated."""
        return [(r.day, v) for r in self.records if (v := r.values[index]) is not None]

    def means(self) -> tuple[float | None, ...]:
        """Each rating's average over the records (None: never rated)."""
        found = []
        for i in range(len(self.labels)):
            values = [v for _day, v in self.series(i)]
            found.append(sum(values) / len(values) if values else None)
        return tuple(found)


def rated_through(target: str) -> tuple[tuple[kinds.RecordKind, str], ...]:
    """The kinds that rate records of kind ``target`` (averaged ratings, ``Tally.means``,
    and a RECORD field pointing to it), with that field's key."""
    return tuple(
        (k, fld.key)
        for k in kinds.all_kinds()
        if k.tally and k.tally.means and k.date_key
        for fld in k.fields
        if fld.kind is Kind.RECORD and fld.target == target
    )


def history(
    kind: kinds.RecordKind,
    link: str,
    record_id: int,
    *,
    start: date | None = None,
    end: date | None = None,
) -> History:
    """The live records of ``kind`` whose field ``link`` points to ``record_id`` (dated from
    ``start`` up to, not including, ``end``), oldest first, with their ratings."""
    assert kind.tally is not None
    keys = kind.tally.means
    day = kind.date_key
    where = [f"{link}_id = ?", "deleted_at IS NULL"]
    args: list[object] = [record_id]
    if start is not None:
        where.append(f"{day} >= ?")
        args.append(start.isoformat())
    if end is not None:
        where.append(f"{day} < ?")
        args.append(end.isoformat())
    columns = ", ".join(f"NULLIF({k}, '')" for k in keys)
    rows = database.execute_sql(
        f"SELECT id, {day}, COALESCE(serial, ''), {columns} FROM {kind.name} "
        f"WHERE {' AND '.join(where)} ORDER BY {day}, id",
        args,
    ).fetchall()
    records = tuple(
        Rated(rid, date.fromisoformat(str(when)[:10]), serial,
              tuple(int(v) if v is not None else None for v in values))
        for rid, when, serial, *values in rows
    )  # fmt: skip
    return History(kind, tuple(kind.field(k).label for k in keys), records)
