"""Demo data: the studio's member activities (委员活动), about 40 a year.

A mixin of the demo generator (:mod:`.studio`), like :mod:`.proposals`: it uses the
generator's clock, random source, code lists, members, villages and bulk-insert helpers, and
writes what ``kind_records.create`` would — stamps, ``HD-YYYY-NNNN`` serials in creation
order with the counters advanced, the rows of the ROWS fields (attendance, participants,
follow-up items) — in the demo's one transaction; the triggers index and count the records.
Each activity is of a kind of the ``activity_kind`` code list and reads like it
(:mod:`.activity_text`); its follow-up items are as far along as by today: the older ones
mostly done, a few overdue. A record whose items were settled after it was entered was
edited then (rev 2, updated that day).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.core.fields import Field, Kind, rows_table
from studio_app.demo import activity_text as a
from studio_app.demo import text as t
from studio_app.demo.proposals import DAY, Dice

ACTIVITY = kinds.ACTIVITY
PER_YEAR = 40  # activities a year of the default demo (2,000 visits over its years)
LEAST = 6  # activities of the smallest demo
CHUNK = 10_000
_REFS = (Kind.MEMBER, Kind.RESIDENT)
_APART = (Kind.ROWS, Kind.MEMBERS, Kind.RESIDENTS)
_BLANK: dict[Kind, Any] = {Kind.INT: 0, Kind.BOOL: 0, Kind.DATE: None, Kind.DATETIME: None}


def _column(fld: Field) -> str:
    return f"{fld.key}_id" if fld.kind in _REFS else fld.key


def _blank(fld: Field) -> Any:
    return None if fld.kind in _REFS else _BLANK.get(fld.kind, "")


class _Table:
    """Columns of a table the generator writes, from the declaration: a row is made from
    the values given, every other column blank."""

    def __init__(self, name: str, lead: tuple[str, ...], fields: Sequence[Field]) -> None:
        self.name = name
        self.columns = (*lead, *map(_column, fields))
        self.blanks = dict.fromkeys(lead) | {_column(f): _blank(f) for f in fields}
        self._get = itemgetter(*self.columns)

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(self._get(self.blanks | values))


# The record's columns after the synced ones, and each ROWS field's table (its record's id,
# the row's position, its columns), by the field's key: the generator's ``insert`` writes them.
RECORD = _Table(ACTIVITY.name, ("exchanged_rev", "exchanged_county_rev"),
                [f for f in ACTIVITY.fields if f.kind not in _APART])  # fmt: skip
ROWS = {
    f.key: _Table(rows_table(ACTIVITY.name, f.key), (f"{ACTIVITY.name}_id", "position"),
                  f.columns)
    for f in ACTIVITY.fields if f.kind is Kind.ROWS
}  # fmt: skip
COLUMNS = {table.name: " ".join(table.columns) for table in (RECORD, *ROWS.values())}


def activities_for(visits: int, years: int, base_visits: int) -> int:
    """How many activities a demo of ``visits`` makes: :data:`PER_YEAR` a year at
    ``base_visits``, in proportion otherwise, never fewer than :data:`LEAST`."""
    return max(LEAST, visits * PER_YEAR * years // base_visits)


class _Slots(t.Slots):
    """Text slots drawing also from :data:`.activity_text.POOLS`."""

    def __missing__(self, key: str) -> str:
        pool = a.POOLS.get(key)
        if pool is None:
            return super().__missing__(key)
        value = pool[int(self._rnd() * len(pool))]
        self[key] = value
        return value


class ActivityRecords(Dice):
    """Member activities with attendance, participants and follow-up items (mixed into the
    generator)."""

    ctx: Any
    clock: Any
    conn: Any
    codes: Any
    rng: random.Random
    town: str
    villages: list[str]
    members: list[tuple[int, str]]  # members (id, name), the standing ones first
    n_activities: int

    if TYPE_CHECKING:  # the generator's helpers (demo._Generator)

        def insert(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None: ...
        def tick(self, rows: int) -> None: ...
        def next_id(self, table: str) -> int: ...
        def serial_blocks(self, prefix: str, times: Sequence[int]) -> dict[int, int]: ...
        def stamps(
            self, id_: int, serial: str | None, created: int, updated: int, rev: int = 1
        ) -> tuple[Any, ...]: ...

    def make_activities(self) -> int:
        """``n_activities`` activities over the period, in chunks; returns how many."""
        clock, rnd = self.clock, self.rnd
        texts = {code: a.KINDS.get(label, a.OTHER)
                 for code, label in self.codes[CodeListKind.ACTIVITY_KIND].items()}  # fmt: skip
        if not texts:  # no kind to give them (an emptied code list)
            return 0
        units = self.codes[CodeListKind.HANDLING_UNIT]
        self.unit_codes = {label: code for code, label in units.items()}
        sector_of = dict(self.conn.execute("SELECT id, sector FROM member"))
        self.sector_of = [sector_of.get(mid, "") for mid, _ in self.members]
        plan = []
        for day, code in zip(self.activity_days(), self.activity_kinds(texts), strict=True):
            start = day * DAY + self.pick(a.STARTS)
            lo, hi = texts[code].hours
            end = start + (lo * 2 + int(rnd() * (hi - lo) * 2 + 1)) * 1800
            created = min(end + 1800 + int(rnd() * rnd() * 3 * DAY), clock.now)
            plan.append((created, start, end, code))
        plan.sort()
        assert ACTIVITY.serial_prefix  # declared with one
        numbers = self.serial_blocks(ACTIVITY.serial_prefix, [p[0] for p in plan])
        trash = set(self.rng.sample(range(len(plan)), len(plan) // 100))
        first = self.next_id(ACTIVITY.name)
        for lo in range(0, len(plan), CHUNK):
            records: list[tuple[Any, ...]] = []
            rows: dict[str, list[tuple[Any, ...]]] = {key: [] for key in ROWS}
            for i in range(lo, min(len(plan), lo + CHUNK)):
                created, start, end, code = plan[i]
                year = clock.years[created // DAY]
                serial = f"{ACTIVITY.serial_prefix}-{year}-{numbers[year]:04d}"
                numbers[year] += 1
                record, its_rows = self.activity(
                    first + i, serial, (created, start, end), code, texts[code], i in trash
                )
                records.append(record)
                for key, items in its_rows.items():
                    rows[key] += items
            self.insert(ACTIVITY.name, records)
            for key, table in ROWS.items():
                self.insert(table.name, rows[key])
            self.tick(len(records))
        return len(plan)

    # -- when and what -------------------------------------------------------------------

    def activity_days(self) -> list[int]:
        """Days of the activities (sorted): weekdays, busier in spring and autumn and more
        each year, none today or later."""
        clock = self.clock
        days = range(clock.first, clock.today)
        weights = [
            a.WEEKDAY_WEIGHTS[clock.weekdays[d]]
            * a.MONTH_WEIGHTS[int(clock.days[d][5:7]) - 1]
            * (0.8 + 0.4 * (d - clock.first) / len(days))
            for d in days
        ]
        return sorted(self.rng.choices(days, weights, k=self.n_activities))

    def activity_kinds(self, texts: dict[str, a.ActivityText]) -> list[str]:
        """A kind code per activity, by the kinds' weights; every kind once where the demo
        has room for all."""
        codes = list(texts)
        wanted = codes[:] if self.n_activities >= len(codes) else []
        bag = t.bag({code: texts[code].weight for code in codes})
        wanted += [self.pick(bag) for _ in range(self.n_activities - len(wanted))]
        self.rng.shuffle(wanted)
        return wanted

    # -- one activity --------------------------------------------------------------------

    def activity(
        self,
        id_: int,
        serial: str,
        times: tuple[int, int, int],
        code: str,
        text: a.ActivityText,
        trashed: bool,
    ) -> tuple[tuple[Any, ...], dict[str, list[tuple[Any, ...]]]]:
        """The record's row (``times``: created, started, ended) and its rows by field."""
        clock, rnd, pick = self.clock, self.rnd, self.pick
        created, start, end = times
        day = start // DAY
        village = pick(self.villages) if self.villages else "石桥村"
        on = clock.days[day]
        slots = _Slots(rnd, v=village, town=self.town, year=on[:4], m=str(int(on[5:7])))
        organiser = pick(t.bag(text.organisers))
        sector = self.sector(text, slots)
        recommended = self.subject(text, slots)
        title = self.title(text, int(on[5:7]), slots)
        place = pick(text.places).format_map(slots)
        closer = pick(a.CLOSERS) if text.in_village else ""  # a meeting says what it did
        summary = (pick(text.summaries) + closer).format_map(slots)
        problems = ""
        if text.problems and rnd() < 0.8:
            found = self.rng.sample(text.problems, min(len(text.problems), 1 + int(rnd() * 2)))
            problems = "".join(found).format_map(slots)
        served = 0
        if text.served[1]:
            lo, hi = text.served
            served = lo + int(rnd() * (hi - lo))
            served -= served % 5 if served > 50 else 0
        items = [(item, "") for item in recommended] or list(text.follow_ups)
        follow_ups, settled = self.follow_ups(items, text.follow_up_odds, day, slots)
        rev, updated = (2, clock.office(settled, rnd())) if settled > created // DAY else (1, 0)
        in_village = text.in_village and any(village in s for s in (title, place, summary))
        values = {
            "exchanged_rev": 0, "exchanged_county_rev": 0, "title": title[:200],
            "kind": code, "organiser": organiser, "sector": sector,
            "committee": pick(text.committees or a.COMMITTEES) if organiser == "committee" else "",
            "starts_at": clock.local(start), "ends_at": None if rnd() < 0.1 else clock.local(end),
            "place": place[:200], "village": village if in_village else "",
            "served_count": served, "summary": summary, "problems": problems,
        }  # fmt: skip
        stamps = self.stamps(id_, serial, created, max(created, updated), rev)
        if trashed:  # a few days after its last change
            deleted = clock.utc(max(created, updated) + DAY + int(rnd() * 10 * DAY))
            stamps = (*stamps[:5], deleted, rev + 1, 0, deleted, *stamps[9:])
        rows = {
            "attendance": self.attendance(id_, sector),
            "participants": self.participants(id_, text, slots),
            "follow_ups": [self.row("follow_ups", id_, n, r) for n, r in enumerate(follow_ups)],
        }
        return (*stamps, *RECORD.row(values)), rows

    def row(self, key: str, owner: int, position: int, values: dict[str, Any]) -> tuple[Any, ...]:
        """A row of ROWS field ``key`` of record ``owner``."""
        table = ROWS[key]
        return table.row({table.columns[0]: owner, "position": position} | values)

    def sector(self, text: a.ActivityText, slots: _Slots) -> str:
        """A 界别活动's sector (code), one of the members'; its label in the slots."""
        if "sector" not in text.organisers:
            return ""
        labels = self.codes[CodeListKind.SECTOR]
        found = self.pick([s for s in self.sector_of if s in labels] or list(labels) or [""])
        slots["sector"] = labels.get(found, "")
        return str(found)

    def subject(self, text: a.ActivityText, slots: _Slots) -> tuple[str, ...]:
        """The activity's subject and unit into the slots. A kind without subjects (调研)
        takes a proposal topic: its facts and analysis too (slots ``facts`` and
        ``analysis``), and its recommendations are returned: the follow-up items."""
        if not text.subjects:
            topic: t.Topic = self.pick(t.TOPICS)
            slots["s"], slots["unit"] = topic.subject, self.pick(t.PROPOSAL_UNITS[topic.category])
            slots["facts"], slots["analysis"] = topic.facts.format_map(slots), topic.analysis
            return topic.recommendations
        subject, unit = self.pick(text.subjects)
        slots["s"], slots["unit"] = subject.format_map(slots), unit
        return ()

    def title(self, text: a.ActivityText, month: int, slots: _Slots) -> str:
        """The kind's title for the month (a meeting's by the season), or often a sector's
        own for its 界别活动."""
        titles = text.titles
        for months, seasonal in text.seasonal:
            if month in months:
                titles = seasonal
        if slots.get("sector") in a.SECTOR_TITLES and self.rnd() < 0.6:
            titles = a.SECTOR_TITLES[slots["sector"]]
        return str(self.pick(titles).format_map(slots))

    # -- its rows ------------------------------------------------------------------------

    def attendance(self, owner: int, sector: str) -> list[tuple[Any, ...]]:
        """3–10 members, ~85% present, ~10% on leave with a reason, ~5% absent; a sector's
        activity asks its own members first. At least one member is present."""
        pick, n = self.pick, len(self.members)
        asked = min(n, pick(a.ATTENDED))
        if sector:
            own = [i for i in range(n) if self.sector_of[i] == sector]
            others = [i for i in range(n) if self.sector_of[i] != sector]
            chosen = self.rng.sample(own, min(len(own), asked))
            chosen += self.rng.sample(others, asked - len(chosen))
        else:
            chosen = self.rng.sample(range(n), asked)
        out, present = [], False
        for position, i in enumerate(sorted(chosen)):
            status = pick(a.ATTENDANCE_BAG)
            if position == len(chosen) - 1 and not present:
                status = "present"
            present = present or status == "present"
            reason = pick(a.LEAVE_REASONS) if status == "leave" else ""
            values = {"member_id": self.members[i][0], "attendance": status, "reason": reason}
            out.append(self.row("attendance", owner, position, values))
        return out

    def participants(self, owner: int, text: a.ActivityText, slots: _Slots) -> list[Any]:
        """None to three kinds of people besides members, with their headcounts."""
        if not text.participants:
            return []
        k = min(len(text.participants), self.pick((0, 1, 1, 2, 2, 2, 3)))
        found = []
        for position, (kind, name, lo, hi) in enumerate(self.rng.sample(text.participants, k)):
            values = {"kind": kind, "name": name.format_map(slots)[:100],
                      "headcount": lo + int(self.rnd() * (hi - lo + 1))}  # fmt: skip
            found.append(self.row("participants", owner, position, values))
        return found

    def follow_ups(
        self, items: list[tuple[str, str]], odds: float, day: int, slots: _Slots
    ) -> tuple[list[dict[str, Any]], int]:
        """None to three of ``items`` (item, unit label; "": the subject's unit) as far
        along as by today, and the last day one was settled (done or found not feasible;
        0: none)."""
        rnd, pick, today = self.rnd, self.pick, self.clock.today
        if not items or rnd() >= odds:
            return [], 0
        chosen = self.rng.sample(items, min(len(items), 1 + int(rnd() * 3)))
        found, settled = [], 0
        for item, unit_label in chosen:
            unit = self.unit_codes.get(unit_label or slots.get("unit", ""), "")
            due = day + pick(a.DUE_DAYS)
            status, done_on = self.item_status(day, due, today)
            if status in ("done", "not_feasible"):
                settled = max(settled, done_on)
            found.append({
                "item": item.format_map(slots)[:200], "unit": unit,
                "due": self.clock.days[due], "status": status,
                "done_on": self.clock.days[done_on] if status == "done" else None,
                "note": pick(a.NOTES[status]),
            })  # fmt: skip
        return found, settled

    def item_status(self, day: int, due: int, today: int) -> tuple[str, int]:
        """An item's status by today, and the day it was settled (when it was): long past
        its date mostly done, recently due often still in hand, a few overdue."""
        u = self.rnd()
        if due < today - 60:
            odds = (0.9, 0.95, 0.98)  # done, not feasible, in progress (else not started)
        elif due < today:
            odds = (0.7, 0.73, 0.93)
        else:
            odds = (0.2, 0.2, 0.65)
        status = ("done" if u < odds[0] else "not_feasible" if u < odds[1]
                  else "in_progress" if u < odds[2] else "not_started")  # fmt: skip
        settled = min(today, day + 2 + int(self.rnd() * (due - day + 10)))
        return status, max(day, settled)
