"""Demo data: the studio's consultations (协商议事), about ten a year.

A phase of the demo generator (:mod:`.studio`, its ``OWN_DEMOS``): with the generator's clock,
random source, code lists, members and villages it writes, in the demo's one transaction,
what ``kind_records.create`` and later edits would have written — stamps, ``XS-YYYY-NNNN``
serials in creation order with the counters advanced, the members linked with their names on
the record, the rows of the participants and of the outcome list — and links the
consultations brought in by visits (议题来源 来访转入) to those visits, visits handled as
纳入协商议题 (``consultation_source``). A consultation reads like its topic
(:mod:`.consultation_text`); its outcome items are as far along as by today: the older
consultations closed with every item done or explained as not feasible, recent ones being
carried out, a few items overdue. A record whose items moved after it was entered was edited
then (rev 2), a closed one closed after that (rev 3).
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind, ConsultationSource, Handling
from studio_app.core.fields import Field, Kind, rows_table
from studio_app.demo import activity_text as a
from studio_app.demo import consultation_text as x
from studio_app.demo import text as t
from studio_app.demo.proposals import DAY

CONSULTATION = kinds.CONSULTATION
PER_YEAR = 10  # consultations a year of the default demo
BASE_VISITS = 2000  # the default demo's visits (``studio.BASE_VISITS``)
LEAST = 4  # consultations of the smallest demo
CHUNK = 5000
FROM_VISITS = ConsultationSource.FROM_VISITS.value
# The columns of the generator's ``stamps``, in order.
SYNCED = ("id", "uuid", "serial", "origin_site", "created_at", "updated_at", "rev", "county_rev",
          "deleted_at", "created_by", "updated_by")  # fmt: skip
_REFS = (Kind.MEMBER, Kind.RESIDENT)
_APART = (Kind.ROWS, Kind.MEMBERS, Kind.RESIDENTS)
_BLANK: dict[Kind, Any] = {Kind.INT: 0, Kind.BOOL: 0, Kind.DATE: None, Kind.DATETIME: None}
T = TypeVar("T")


def consultations_for(visits: int, years: int) -> int:
    """How many consultations a demo of ``visits`` over ``years`` makes: :data:`PER_YEAR` a
    year at :data:`BASE_VISITS`, in proportion otherwise, never fewer than :data:`LEAST`."""
    return max(LEAST, visits * PER_YEAR * years // BASE_VISITS)


class Generator(Protocol):
    """What this phase uses of the demo generator (``studio._Generator``)."""

    ctx: Any
    clock: Any
    conn: Any
    rng: random.Random
    rnd: Callable[[], float]
    codes: Any
    town: str
    villages: list[str]
    members: list[tuple[int, str]]  # (id, name), the standing ones first
    n_visits: int

    def pick(self, seq: Sequence[Any]) -> Any: ...
    def tick(self, rows: int) -> None: ...
    def next_id(self, table: str) -> int: ...
    def write(
        self, table: str, names: Sequence[str], rows: Sequence[tuple[Any, ...]], *, indexed: bool
    ) -> None: ...
    def serial_blocks(self, prefix: str, times: Sequence[int]) -> dict[int, int]: ...
    def stamps(
        self, id_: int, serial: str | None, created: int, updated: int, rev: int = 1
    ) -> tuple[Any, ...]: ...


def make_consultations(gen: Generator) -> int:
    """The demo's consultations (``studio.OWN_DEMOS``); returns how many were made."""
    return _Consultations(gen).make()


class _Table:
    """A table written in bulk: its columns, and a row made from the values given, every
    other declared column blank."""

    def __init__(self, name: str, lead: Sequence[str], fields: Sequence[Field] = ()) -> None:
        self.name = name
        self.columns = (*lead, *(f"{f.key}_id" if f.kind in _REFS else f.key for f in fields))
        self.blanks = dict.fromkeys(self.columns) | {
            f"{f.key}_id" if f.kind in _REFS else f.key: None
            if f.kind in _REFS
            else _BLANK.get(f.kind, "")
            for f in fields
        }

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        merged = self.blanks | values
        return tuple(merged[c] for c in self.columns)

    def write(
        self, gen: Generator, rows: Sequence[tuple[Any, ...]], *, indexed: bool = False
    ) -> None:
        """Insert ``rows`` with the generator's writer (``studio._Generator.write``)."""
        gen.write(self.name, self.columns, rows, indexed=indexed)


_NAMES = tuple(link.names_column for link in CONSULTATION.links if link.names_column)
RECORD = _Table(CONSULTATION.name,
                (*SYNCED, "exchanged_rev", "exchanged_county_rev", "status", *_NAMES),
                [f for f in CONSULTATION.fields if f.kind not in _APART])  # fmt: skip
ROWS = {
    f.key: _Table(rows_table(CONSULTATION.name, f.key), (f"{CONSULTATION.name}_id", "position"),
                  f.columns)
    for f in CONSULTATION.fields if f.kind is Kind.ROWS
}  # fmt: skip
MEMBERS = next(link for link in CONSULTATION.links if link.target_kind == kinds.MEMBER.name)
LINKS = _Table(MEMBERS.table, (MEMBERS.owner, MEMBERS.target, "position"))
ORIGINS = tuple(o.column for o in CONSULTATION.origins)
SOURCES = _Table(CONSULTATION.origin_table, (f"{CONSULTATION.name}_id", *ORIGINS))


class _Slots(t.Slots):
    """Text slots drawing first from :data:`.consultation_text.POOLS`."""

    def __missing__(self, key: str) -> str:
        pool = x.POOLS.get(key)
        if pool is None:
            return super().__missing__(key)
        value = pool[int(self._rnd() * len(pool))]
        self[key] = value
        return value


class _Visit:
    """A live visit handled as 纳入协商议题: a consultation of a topic it brings up
    (``subjects``, indexes in :data:`.consultation_text.SUBJECTS`) may grow from it, held
    where the visit came from (``places``: its village as slot ``v``, community as ``c``,
    road as ``road``)."""

    def __init__(
        self, id_: int, day: int, subjects: list[int], text: str, places: dict[str, str]
    ) -> None:
        self.id, self.day, self.subjects, self.text = id_, day, subjects, text
        self.places = places


class _Consultations:
    """One run of the phase."""

    def __init__(self, gen: Generator) -> None:
        self.gen, self.clock, self.rnd, self.pick = gen, gen.clock, gen.rnd, gen.pick
        self.units = {label: code for code, label in gen.codes[CodeListKind.HANDLING_UNIT].items()}
        standing = {i for (i,) in gen.conn.execute("SELECT id FROM member WHERE is_standing = 1")}
        everyone = range(len(gen.members))
        self.chairs = [i for i in everyone if gen.members[i][0] in standing] or list(everyone)
        self.member_index = {mid: i for i, (mid, _) in enumerate(gen.members)}
        villages = gen.villages or [x.VILLAGE]
        self.communities = [v for v in villages if v.endswith("社区")] or [x.COMMUNITY]
        self.rural = [v for v in villages if not v.endswith("社区")] or [x.VILLAGE]
        self.visits = self.source_visits()
        self.visit_days = [v.day for v in self.visits]
        self.used: set[int] = set()

    def source_visits(self) -> list[_Visit]:
        """Live visits handled as 纳入协商议题 that bring up a topic, in time order."""
        day_of = {d: n for n, d in enumerate(self.clock.days)}
        rows = self.gen.conn.execute(
            "SELECT id, occurred_at, content, place FROM visit "
            "WHERE handling = ? AND deleted_at IS NULL ORDER BY occurred_at, id",
            (Handling.TO_CONSULTATION.value,),
        )
        found = []
        for id_, occurred, content, place in rows:
            subjects = [n for n, s in enumerate(x.SUBJECTS) if any(w in content for w in s.words)]
            if subjects:
                when = str(occurred)[:10]
                places = self.places(content + place)
                found.append(_Visit(id_, day_of[when], subjects, f"{when}：{content}", places))
        return found

    def places(self, text: str) -> dict[str, str]:
        """The slots naming where ``text`` (a visit's) is about: ``v`` its village (else its
        community), ``c`` its community, ``road``."""
        found: dict[str, str] = {}
        communities = [v for v in self.gen.villages if v in text and v.endswith("社区")]
        villages = [v for v in self.gen.villages if v in text and not v.endswith("社区")]
        roads = [r for r in t.ROADS if r in text]
        for key, named in (("c", communities), ("v", villages + communities), ("road", roads)):
            if named:
                found[key] = named[0]
        return found

    def make(self) -> int:
        gen, clock = self.gen, self.clock
        years = max(1, round((clock.today - clock.first) / 365))
        n = consultations_for(gen.n_visits, years)
        plan = []
        for day in self.days(n):
            start = day * DAY + self.pick(x.STARTS)
            end = start + self.pick(x.HOURS) * 1800
            created = min(end + 1800 + int(self.rnd() * self.rnd() * 3 * DAY), clock.now)
            plan.append((created, start, end))
        plan.sort()
        assert CONSULTATION.serial_prefix  # declared with one
        numbers = gen.serial_blocks(CONSULTATION.serial_prefix, [p[0] for p in plan])
        trash = set(gen.rng.sample(range(len(plan)), len(plan) // 100))
        first = gen.next_id(CONSULTATION.name)
        for lo in range(0, len(plan), CHUNK):
            records: list[tuple[Any, ...]] = []
            rows: dict[str, list[tuple[Any, ...]]] = {key: [] for key in ROWS}
            links: list[tuple[Any, ...]] = []
            sources: list[tuple[Any, ...]] = []
            for i in range(lo, min(len(plan), lo + CHUNK)):
                created, start, end = plan[i]
                year = clock.years[created // DAY]
                serial = f"{CONSULTATION.serial_prefix}-{year}-{numbers[year]:04d}"
                numbers[year] += 1
                made = self.consultation(first + i, serial, (created, start, end), i in trash)
                records.append(made[0])
                for key, found in made[1].items():
                    rows[key] += found
                links += made[2]
                sources += made[3]
            RECORD.write(gen, records, indexed=bool(CONSULTATION.fts))
            for key, table in ROWS.items():
                table.write(gen, rows[key])
            LINKS.write(gen, links)
            SOURCES.write(gen, sources)
            gen.tick(len(records))
        return len(plan)

    def days(self, n: int) -> list[int]:
        """Days of the meetings (sorted): weekdays, busier in spring and autumn and more
        each year, none today or later."""
        clock = self.clock
        days = range(clock.first, clock.today)
        weights = [
            a.WEEKDAY_WEIGHTS[clock.weekdays[d]]
            * a.MONTH_WEIGHTS[int(clock.days[d][5:7]) - 1]
            * (0.8 + 0.4 * (d - clock.first) / len(days))
            for d in days
        ]
        return sorted(self.gen.rng.choices(days, weights, k=n))

    # -- one consultation ----------------------------------------------------------------

    def consultation(
        self, id_: int, serial: str, times: tuple[int, int, int], trashed: bool
    ) -> tuple[tuple[Any, ...], dict[str, list[tuple[Any, ...]]], list[Any], list[Any]]:
        """The record's row (``times``: created, started, ended), its rows by field, its
        member links and its source rows."""
        clock, rnd, pick = self.clock, self.rnd, self.pick
        created, start, _end = times
        day, entered = start // DAY, created // DAY
        source = pick(x.SOURCES)
        visits: list[_Visit] = []
        topic = -1
        if source == FROM_VISITS or not self.used:  # a small demo has one too
            visits, topic = self.grown_from(day)
            if visits:
                source = FROM_VISITS
            elif source == FROM_VISITS:
                source = ConsultationSource.RESIDENTS.value
        subject = x.SUBJECTS[topic] if visits else pick(x.SUBJECTS)
        slots = _Slots(rnd, v=pick(self.rural), c=pick(self.communities), town=self.gen.town)
        for visit in visits:  # where the visits came from
            slots |= visit.places
        form = pick(x.FORMATS)
        place = pick(x.PLACES["online" if form == "online" else ""]).format_map(slots)
        members = self.attending(visits)
        sides = self.drawn(subject.sides, 2, 4)
        said = (pick(x.OPENERS) + "\n".join(sides)).format_map(slots)
        positions = "\n".join([v.text for v in visits] + [said])
        agreed = self.drawn(subject.agreed, 2, 4)
        points = "；".join(o + p for o, p in zip(x.ORDINALS, agreed, strict=False)) + "。"
        outcomes, changed, settled = self.outcomes(subject, day, entered, slots)
        close = settled + 1 + int(rnd() * 10) if settled else 0
        closed = (
            bool(settled) and close <= clock.today and (close < clock.today - 30 or rnd() < 0.7)
        )
        if closed:
            rev, updated = 3, clock.office(close, rnd())
        elif changed:
            rev, updated = 2, clock.office(changed, rnd())
        else:
            rev, updated = 1, created
        stamps = self.gen.stamps(id_, serial, created, updated, rev)
        if trashed:  # a few days after its last change
            deleted = clock.utc(max(created, updated) + DAY + int(rnd() * 10 * DAY))
            stamps = (*stamps[:5], deleted, rev + 1, 0, deleted, *stamps[9:])
        values = dict(zip(SYNCED, stamps, strict=True)) | {
            "exchanged_rev": 0, "exchanged_county_rev": 0, "status": "closed" if closed else "open",
            MEMBERS.names_column or "": "、".join(self.gen.members[m][1] for m in members)[:300],
            "topic": subject.topic.format_map(slots)[:200], "source": source, "format": form,
            "held_at": clock.local(start), "place": place[:200],
            "chair": self.gen.members[members[self.chair_of(members)]][1],
            "positions": positions, "agreed_points": points.format_map(slots),
            "outcome_kind": pick(x.OUTCOME_KINDS),
        }  # fmt: skip
        rows = {
            "participants": self.participants(id_, subject, slots),
            "outcomes": [self.row("outcomes", id_, n, r) for n, r in enumerate(outcomes)],
        }
        links = [(id_, self.gen.members[m][0], n) for n, m in enumerate(members)]
        column = next(n for n, o in enumerate(CONSULTATION.origins) if o.kind == "visit")
        sources = []
        for visit in visits:
            found: list[int | None] = [None] * len(CONSULTATION.origins)
            found[column] = visit.id
            sources.append((id_, *found))
        return RECORD.row(values), rows, links, sources

    def drawn(self, things: Sequence[T], least: int, most: int) -> list[T]:
        """Between ``least`` and ``most`` of ``things``, in their order."""
        k = min(len(things), least + int(self.rnd() * (most - least + 1)))
        return [things[i] for i in sorted(self.gen.rng.sample(range(len(things)), k))]

    def row(self, key: str, owner: int, position: int, values: dict[str, Any]) -> tuple[Any, ...]:
        """A row of ROWS field ``key`` of record ``owner``."""
        table = ROWS[key]
        return table.row({table.columns[0]: owner, "position": position} | values)

    # -- who -----------------------------------------------------------------------------

    def grown_from(self, day: int) -> tuple[list[_Visit], int]:
        """One to three unused visits from the three months before ``day`` that bring up
        one topic, in time order, and that topic (none, -1: when there is none)."""
        lo = bisect.bisect_left(self.visit_days, day - 90)
        hi = bisect.bisect_right(self.visit_days, day - 3)
        chosen: list[_Visit] = []
        topic = -1
        for _ in range(12 if hi > lo else 0):  # a few probes: fast at any scale
            visit = self.visits[lo + int(self.rnd() * (hi - lo))]
            if visit.id in self.used or (chosen and topic not in visit.subjects):
                continue
            if not chosen:
                topic = self.pick(visit.subjects)
            chosen.append(visit)
            self.used.add(visit.id)
            if len(chosen) == 3 or self.rnd() < 0.6:
                break
        return sorted(chosen, key=lambda v: (v.day, v.id)), topic

    def attending(self, visits: Sequence[_Visit]) -> list[int]:
        """3–8 members (indexes): the visits' members first, else the chair (a standing
        member) first, then others."""
        gen = self.gen
        chosen: list[int] = []
        for visit in visits:
            for (mid,) in gen.conn.execute(
                "SELECT member_id FROM visit_member WHERE visit_id = ? ORDER BY position",
                (visit.id,),
            ):
                if self.member_index.get(mid) is not None and self.member_index[mid] not in chosen:
                    chosen.append(self.member_index[mid])
        chair = self.pick(self.chairs)
        if chair not in chosen:
            chosen.append(chair)
        wanted = max(len(chosen), min(len(gen.members), 3 + int(self.rnd() * 6)))
        others = [i for i in range(len(gen.members)) if i not in chosen]
        chosen += gen.rng.sample(others, min(len(others), wanted - len(chosen)))
        return chosen

    def chair_of(self, members: Sequence[int]) -> int:
        """The position of the chair among ``members``: the first standing member."""
        return next((n for n, m in enumerate(members) if m in self.chairs), 0)

    def participants(self, owner: int, subject: x.Subject, slots: _Slots) -> list[Any]:
        """One to four kinds of people besides members, with their headcounts."""
        parties = self.drawn(range(len(subject.parties)), 1, 4)
        found = []
        for position, n in enumerate(parties):
            kind, name, lo, hi = subject.parties[n]
            values = {"kind": kind, "name": name.format_map(slots)[:100],
                      "headcount": lo + int(self.rnd() * (hi - lo + 1))}  # fmt: skip
            found.append(self.row("participants", owner, position, values))
        return found

    # -- the outcome list ----------------------------------------------------------------

    def outcomes(
        self, subject: x.Subject, day: int, entered: int, slots: _Slots
    ) -> tuple[list[dict[str, Any]], int, int]:
        """Two to five items as far along as by today, the last day one moved after the
        record was entered (0: none) and, when every item is settled, the last day one
        was (else 0)."""
        clock = self.clock
        chosen = self.drawn(range(len(subject.items)), 2, 5)
        found, changed, settled, every = [], 0, 0, True
        for n in chosen:
            item, unit_label = subject.items[n]
            due = day + self.pick(x.DUE_DAYS)
            status, moved = self.progress(day, entered, due)
            changed = max(changed, moved)
            if status in ("done", "not_feasible"):
                settled = max(settled, moved)
            else:
                every = False
            found.append({
                "item": item.format_map(slots)[:200], "unit": self.units.get(unit_label, ""),
                "due": clock.days[due], "status": status,
                "done_on": clock.days[moved] if status == "done" else None,
                "note": self.pick(x.NOTES[status]),
            })  # fmt: skip
        return found, changed, settled if every else 0

    def progress(self, day: int, entered: int, due: int) -> tuple[str, int]:
        """An item's status by today and the day it last moved (0: not since it was entered):
        long past its date mostly settled, recently due often still in hand, a few overdue."""
        today, rnd = self.clock.today, self.rnd
        if entered >= today:
            return "not_started", 0
        if due < today - 180:
            odds = (0.92, 1.0, 1.0)  # done, not feasible, in progress (else not started)
        elif due < today - 60:
            odds = (0.85, 0.95, 0.99)
        elif due < today:
            odds = (0.55, 0.6, 0.9)
        else:
            odds = (0.15, 0.17, 0.75)
        u = rnd()
        status = ("done" if u < odds[0] else "not_feasible" if u < odds[1]
                  else "in_progress" if u < odds[2] else "not_started")  # fmt: skip
        if status == "not_started":
            return status, 0
        if status == "in_progress":
            return status, entered + 1 + int(rnd() * (today - entered))
        moved = day + 3 + int(rnd() * (due - day + 15))  # about its date, sometimes late
        return status, min(today, max(entered + 1, moved))
