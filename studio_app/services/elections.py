"""Election observations (换届选举观察) read two ways: one election's stages in order with its
open issues, and one term's villages against the stages observed in each.

An observation entry is *open* while it found something wrong — issues written down, or the
stage rated 不规范 — and no reply or rectification (答复/整改情况) is recorded yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind, ElectionRating, ElectionStage
from studio_app.core.fields import rows_table
from studio_app.services import kind_records, site
from studio_app.storage.models import Member, database

ELECTION = kinds.ELECTION
ENTRIES = rows_table(ELECTION.name, "entries")
STAGES = tuple(ElectionStage)


def is_open(entry: Mapping[str, Any]) -> bool:
    """Whether an observation entry still waits for a reply (the module's rule)."""
    wrong = bool(str(entry.get("issues") or "").strip())
    wrong = wrong or entry.get("rating") == ElectionRating.NON_COMPLIANT
    return wrong and not str(entry.get("reply") or "").strip()


@dataclass(frozen=True)
class Entry:
    """One observation of a stage, with codes, the observer and the unit in words."""

    stage: ElectionStage
    observed_on: date | None
    observer: str  # the member's name, "" if none
    seen: str
    issues: str
    rating: ElectionRating | None
    reported_to: str  # the handling unit's label (as stored if not in the list)
    reply: str
    open: bool


@dataclass(frozen=True)
class Timeline:
    """One election's observations stage by stage, each stage's entries by date."""

    election_id: int
    village: str
    term: str
    election_on: date | None
    stages: tuple[tuple[ElectionStage, tuple[Entry, ...]], ...]  # every stage, in order

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for _stage, found in self.stages for e in found)

    @property
    def open_issues(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.open)

    @property
    def unobserved(self) -> tuple[ElectionStage, ...]:
        """The stages with no entry (其他 is not a stage every election has)."""
        return tuple(s for s, found in self.stages if not found and s is not ElectionStage.OTHER)


def _day(value: Any) -> date | None:
    if value is None or value == "" or isinstance(value, date):
        return value or None
    return date.fromisoformat(str(value)[:10])


def timeline(election_id: int | str) -> Timeline:
    """The stages of election ``election_id`` (an id or uuid; ``NotFound`` if none)."""
    values = kind_records.values(ELECTION, election_id)
    rows = values["entries"]
    people = {i for i in (r.get("observer") for r in rows) if i}
    names = dict(Member.select(Member.id, Member.name).where(Member.id.in_(people)).tuples())
    units = site.code_labels(str(CodeListKind.HANDLING_UNIT))
    entries = [
        Entry(
            stage=ElectionStage(r["stage"]),
            observed_on=_day(r.get("observed_on")),
            observer=names.get(r.get("observer"), ""),
            seen=r.get("seen") or "",
            issues=r.get("issues") or "",
            rating=ElectionRating(r["rating"]) if r.get("rating") else None,
            reported_to=units.get(r.get("reported_to") or "", r.get("reported_to") or ""),
            reply=r.get("reply") or "",
            open=is_open(r),
        )
        for r in rows
    ]
    by_stage = tuple(
        (stage, tuple(sorted((e for e in entries if e.stage is stage), key=_when)))
        for stage in STAGES
    )
    record = kind_records.get(ELECTION, election_id)
    return Timeline(
        int(record.id), values["village"], values["term"], _day(values["election_on"]), by_stage
    )


def _when(entry: Entry) -> date:
    return entry.observed_on or date.max


@dataclass(frozen=True)
class Village:
    """A village's election in a term's overview: entries per stage and open issues."""

    election_id: int
    serial: str
    village: str
    election_on: date | None
    flags: tuple[str, ...]  # the labels of its ticked flags (选情复杂村, …)
    observed: Mapping[str, int]  # stage code → entries
    open_issues: int

    def has(self, stage: ElectionStage) -> bool:
        return self.observed.get(stage.value, 0) > 0


@dataclass(frozen=True)
class Term:
    term: str
    villages: tuple[Village, ...]  # by village name

    def observed_in(self, stage: ElectionStage) -> int:
        """How many villages had stage ``stage`` observed."""
        return sum(v.has(stage) for v in self.villages)


FLAGS = ("complex", "hard_to_staff", "legacy_issues")


def terms() -> list[str]:
    """The terms of the live elections, the latest election's first."""
    sql = (
        f"SELECT term FROM {ELECTION.name} WHERE deleted_at IS NULL GROUP BY term "
        "ORDER BY MAX(election_on) DESC, term"
    )
    return [t for (t,) in database.execute_sql(sql)]


def term(name: str) -> Term:
    """The live elections of term ``name``: each village with what was observed."""
    flags = ", ".join(f"e.{k}" for k in FLAGS)
    sql = (
        f"SELECT e.id, COALESCE(e.serial, ''), e.village, e.election_on, {flags} "
        f"FROM {ELECTION.name} e WHERE e.deleted_at IS NULL AND e.term = ? "
        "ORDER BY e.village, e.election_on, e.id"
    )
    found = database.execute_sql(sql, (name,)).fetchall()
    ids = [row[0] for row in found]
    observed: dict[int, dict[str, int]] = {i: {} for i in ids}
    still_open: dict[int, int] = dict.fromkeys(ids, 0)
    if ids:
        marks = ", ".join("?" for _ in ids)
        rows = database.execute_sql(
            f"SELECT election_id, stage, issues, rating, reply FROM {ENTRIES} "
            f"WHERE election_id IN ({marks})",
            ids,
        )
        for owner, stage, issues, rating, reply in rows:
            observed[owner][stage] = observed[owner].get(stage, 0) + 1
            still_open[owner] += is_open({"issues": issues, "rating": rating, "reply": reply})
    labels = {k: ELECTION.field(k).label for k in FLAGS}

    def village(row: tuple[Any, ...]) -> Village:
        flags = tuple(labels[k] for k, on in zip(FLAGS, row[4:], strict=True) if on)
        owner = row[0]
        return Village(
            owner, row[1], row[2], _day(row[3]), flags, observed[owner], still_open[owner]
        )

    return Term(name, tuple(village(row) for row in found))
