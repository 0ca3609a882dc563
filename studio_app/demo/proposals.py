"""Demo data, second part: proposal-type records.

A mixin of the demo generator (:mod:`.studio`), split off to keep both modules short; it uses
the generator's clock, random source, code lists and bulk-insert helpers. A studio's demo
data carries only what a studio can make: the county's part (review, units, replies, and so
the member's rating of a reply) only comes from the county. The county office's demo
(:mod:`.county`) imports demo studios' packages and does that part through
``county_work`` (:mod:`.county_work`).
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from studio_app.core import kinds
from studio_app.core.codes import SERIAL_PREFIX, CodeListKind
from studio_app.demo import text as t

DAY = 86_400
MEMBERS = 30  # members of the demo studio


class Dice:
    """Random choices of the demo generators (``rnd`` and ``shown`` set by the subclass)."""

    rnd: Any
    shown: set[str]

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rnd() * len(seq))]

    def chance(self, p: float, variant: str) -> bool:
        """True with probability ``p``, and always the first time: small runs show all."""
        if variant not in self.shown:
            self.shown.add(variant)
            return True
        return bool(self.rnd() < p)


class ProposalRecords(Dice):
    """Proposals, 社情民意, suggestions and ideas in every status (mixed into the generator)."""

    ctx: Any
    clock: Any
    conn: Any
    codes: Any
    n_proposals: int
    rng: random.Random
    town: str
    villages: list[str]
    people: list[tuple[int, str]]  # residents (id, name)
    n_residents: int
    members: list[tuple[int, str]]
    grown: dict[str, tuple[list[int], list[int]]]  # live visits by handling: (times, ids)
    origin_times: dict[str, tuple[list[int], list[int]]]  # other origins by kind: (times, ids)

    if TYPE_CHECKING:  # the generator's helpers (demo._Generator)

        def insert(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None: ...
        def tick(self, rows: int) -> None: ...
        def next_id(self, table: str) -> int: ...
        def serial_blocks(self, prefix: str, times: Sequence[int]) -> dict[int, int]: ...
        def stamps(
            self, id_: int, serial: str | None, created: int, updated: int, rev: int = 1
        ) -> tuple[Any, ...]: ...
        def names(self, people: Sequence[tuple[int, str]], indexes: Sequence[int]) -> str: ...
        def links(
            self, owner: int, people: Sequence[tuple[int, str]], indexes: Sequence[int]
        ) -> list[tuple[int, int, int]]: ...
        def sample_members(self, k: int, exclude: int | None = None) -> list[int]: ...

    def proposal_plan(self) -> list[tuple[int, str, str]]:
        """(created seconds, kind, outcome) in time order; every kind and outcome occurs."""
        clock, rnd, pick = self.clock, self.rnd, self.pick
        wanted = [(kind, o) for kind, table in t.OUTCOMES.items() for o in table]
        wanted.append(("proposal", "accepted"))  # three: seeds keep their data as before
        bags = {kind: t.bag(table) for kind, table in t.OUTCOMES.items()}
        while len(wanted) < self.n_proposals:
            kind = pick(t.KIND_BAG)
            wanted.append((kind, pick(bags[kind])))
        plan, start = [], clock.first * DAY
        for kind, outcome in wanted:
            if outcome in ("draft", "submitted"):  # recent: not yet answered by the county
                lo, hi = clock.now - (120 if outcome == "draft" else 60) * DAY, clock.now
            else:  # old enough for the county's review and the units' reply
                lo, hi = start, clock.now - 200 * DAY
            lo = max(lo, start)
            hi = max(hi, lo)
            plan.append((clock.office((lo + int(rnd() * (hi - lo))) // DAY, rnd()), kind, outcome))
        return sorted(plan, key=lambda p: p[0])

    def make_proposals(self) -> None:
        """Proposals, 社情民意, suggestions and ideas with co-signers, sources and units."""
        clock, rnd, pick = self.clock, self.rnd, self.pick
        plan = self.proposal_plan()
        numbers = {
            kind: self.serial_blocks(SERIAL_PREFIX[kind], [p[0] for p in plan if p[1] == kind])
            for kind in t.OUTCOMES
        }
        categories = {
            label: code for code, label in self.codes[CodeListKind.PROPOSAL_CATEGORY].items()
        }
        sectors = dict(self.conn.execute("SELECT id, sector FROM member"))
        first = self.next_id("proposal")
        rows, co_signers, sources = [], [], []
        for i, (created, kind, outcome) in enumerate(plan):
            pid, day, year = first + i, created // DAY, clock.years[created // DAY]
            topic: t.Topic = pick(t.TOPICS)
            slots = t.Slots(rnd, v=pick(self.villages), town=self.town)
            slots["s"] = topic.subject.format_map(slots)
            lead: int | None = int(rnd() * MEMBERS)
            lead_resident, co = None, []
            if kind == "idea":
                title, facts = (s.format_map(slots) for s in pick(t.IDEAS))
                analysis = recommendations = ""
                lead_resident = self.people[int(rnd() * self.n_residents)][0]
                lead = lead if rnd() < 0.4 else None  # adopted by a member, or not yet
            else:
                title = pick(t.TITLES[kind]).format_map(slots)
                facts = (topic.facts + pick(t.FACT_TAILS)).format_map(slots)
                analysis = topic.analysis + pick(t.ANALYSIS_TAILS)
                items = self.rng.sample(topic.recommendations, 3)
                recommendations = (
                    "；".join(map("".join, zip(t.ORDINALS, items, strict=True))) + "。"
                )
                co = self.sample_members(int(rnd() * t.MAX_CO_SIGNERS[kind]), exclude=lead)
            lead_id = None if lead is None else self.members[lead][0]
            category = categories.get(topic.category) or pick(list(categories))
            columns, rev, last = self.submission(outcome, day)
            stamps = self.stamps(pid, f"{SERIAL_PREFIX[kind]}-{year}-{numbers[kind][year]:04d}",
                                 created, last, rev)  # fmt: skip
            numbers[kind][year] += 1
            rows.append((*stamps, kind, title, lead_id, lead_resident, sectors.get(lead_id, ""),
                         category, facts, analysis, recommendations, *columns,
                         self.names(self.members, co)))  # fmt: skip
            co_signers += self.links(pid, self.members, co)
            sources += self.sources(pid, kind, created)
        self.insert("proposal", rows)
        self.insert("proposal_co_signer", co_signers)
        self.insert("proposal_source", sources)
        self.tick(len(rows))

    def submission(self, outcome: str, day: int) -> tuple[tuple[Any, ...], int, int]:
        """Whether and when the studio submitted the record (报送); the county's columns empty.

        Returns (the columns submitted_at … instruction_date, rev, last moment).
        """
        clock, rnd = self.clock, self.rnd
        rev, last, submitted = 1, clock.office(day, rnd()), None
        if outcome != "draft":
            sub_day = min(day + 1 + int(rnd() * 14), clock.today)
            submitted, rev, last = clock.days[sub_day], 2, clock.office(sub_day, rnd())
        status = "draft" if outcome == "draft" else "submitted"
        # member_evaluation and the county's columns, county_no … instruction_date: empty
        columns = (submitted, status, "", "", "", "", "", None, None, "", "", None, "", "", "",
                   None)  # fmt: skip
        return columns, rev, last

    def sources(self, pid: int, kind: str, created: int) -> list[tuple[int | None, ...]]:
        """Live records from before ``created`` that the record grew from, a row each: the
        record's id, then one column per declared origin (``kinds.PROPOSAL.origins``)."""
        declared = kinds.PROPOSAL.origins
        found: list[tuple[int | None, ...]] = []
        for n, origin in enumerate(declared):
            if origin.kind == kinds.VISIT.name:
                ids = self.source_visits(kind, created)
            else:
                ids = self.source_records(origin.kind, kind, created)
            for record_id in ids:
                columns: list[int | None] = [None] * len(declared)
                columns[n] = record_id
                found.append((pid, *columns))
        return found

    def source_visits(self, kind: str, created: int) -> list[int]:
        """Often one or two recent visits handed on as this kind of record (or referred)."""
        rnd = self.rnd
        times, ids = self.grown[t.GROWN_FROM.get(kind, "referred")]
        hi = bisect.bisect_left(times, created)
        if hi and rnd() < 0.7:
            chosen = {ids[max(0, hi - 1 - int(rnd() * 200))] for _ in range(1 + int(rnd() * 2))}
            return sorted(chosen)
        return []

    def source_records(self, origin: str, kind: str, created: int) -> list[int]:
        """Now and then one earlier record of another origin kind (an idea grows from none)."""
        times, ids = self.origin_times.get(origin, ([], []))
        hi = bisect.bisect_left(times, created)
        if hi and kind != "idea" and self.rnd() < 0.2:
            return [ids[int(self.rnd() * hi)]]
        return []
