"""Demo data, second part: proposal-type records (and, at a county site, its feedback).

A mixin of the demo generator (:mod:`.demo`), split off to keep both modules short; it uses
the generator's clock, random source, code lists and bulk-insert helpers. A studio's demo
data carries only what a studio can make: the county's part (review, units, replies, the
member's rating of a reply, ``county_rev``) only comes from the county, so it is generated at
a county site alone.
"""

from __future__ import annotations

import bisect
import calendar
from datetime import date
from typing import Any

from studio_app.core.codes import SERIAL_PREFIX, CodeListKind
from studio_app.services import demo_text as t

DAY = 86_400
MEMBERS = 30  # members of the demo studio


def _add_months(day: date, months: int) -> date:
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ProposalRecords:
    """Proposals, 社情民意, suggestions and ideas in every status (mixed into the generator)."""

    ctx: Any
    clock: Any
    rnd: Any
    pick: Any
    conn: Any
    codes: Any
    n_proposals: int

    def proposal_plan(self) -> list[tuple[int, str, str]]:
        """(created seconds, kind, outcome) in time order; every kind and outcome occurs."""
        clock, rnd, pick = self.clock, self.rnd, self.pick
        wanted = [(kind, o) for kind, table in t.OUTCOMES.items() for o in table]
        wanted.append(("proposal", "accepted"))  # replies of every class need three
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
        self.county_numbers: dict[tuple[str, int], int] = {}
        self.classes = iter("CBA")
        first = self.next_id("proposal")
        rows, co_signers, sources, units = [], [], [], []
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
            county, rev, county_rev, last, unit_rows = self.county(pid, kind, outcome, day, topic)
            stamps = self.stamps(pid, f"{SERIAL_PREFIX[kind]}-{year}-{numbers[kind][year]:04d}",
                                 created, last, rev)  # fmt: skip
            numbers[kind][year] += 1
            rows.append((*stamps[:7], county_rev, *stamps[8:], kind, title, lead_id,
                         lead_resident, sectors.get(lead_id, ""), category, facts, analysis,
                         recommendations, *county, self.names(self.members, co)))  # fmt: skip
            co_signers += self.links(pid, self.members, co)
            sources += self.sources(pid, kind, created)
            units += unit_rows
        self.insert("proposal", rows)
        self.insert("proposal_co_signer", co_signers)
        self.insert("proposal_source", sources)
        self.insert("proposal_unit", units)
        self.tick(len(rows))

    def county(
        self, pid: int, kind: str, outcome: str, day: int, topic: t.Topic
    ) -> tuple[Any, ...]:
        """Submission and, at a county site, what the county made of it.

        Returns (the columns submitted_at … instruction_date, rev, county_rev, last moment,
        proposal_unit rows).
        """
        clock, rnd, pick, today = self.clock, self.rnd, self.pick, self.clock.today
        rev, county_rev, last = 1, 0, clock.office(day, rnd())
        submitted = assigned = due = replied = instruction_date = None
        county_no = review = reason = merged_into = reply_class = reply = evaluation = ""
        adoption = instruction = instruction_level = ""
        sub_day = day
        unit_rows: list[tuple[int, str, str, int]] = []
        if outcome != "draft":
            sub_day = min(day + 1 + int(rnd() * 14), today)
            submitted, rev, last = clock.days[sub_day], 2, clock.office(sub_day, rnd())
        if outcome not in ("draft", "submitted") and self.ctx.is_county:
            review, county_rev = outcome, 1
            c_day = min(sub_day + 10 + int(rnd() * 30), today)
            last = max(last, clock.office(c_day, rnd()))
            if outcome != "returned":
                key = (kind, clock.years[c_day])
                self.county_numbers[key] = self.county_numbers.get(key, 0) + 1
                county_no = f"{key[1]}第{self.county_numbers[key]:03d}号"
            units = t.PROPOSAL_UNITS.get(topic.category, ())
            unit_codes = self.codes_for(CodeListKind.HANDLING_UNIT, units)
            if outcome == "merged":
                merged_into = f"{clock.years[c_day]}第{1 + int(rnd() * 80):03d}号"
                reason = t.REVIEW_REASONS["merged"][0].format(no=merged_into)
            elif outcome != "accepted":
                reason = pick(t.REVIEW_REASONS[outcome])
            elif kind == "idea":
                reason = pick(t.REVIEW_REASONS["idea"])
            elif kind == "sqmy":
                adoption = pick(t.ADOPTION_BAG)
                if self.chance(0.35, "instruction"):
                    instruction = pick(t.INSTRUCTIONS).format(unit=self.units[pick(unit_codes)])
                    instruction_level = adoption
                    instruction_date = clock.days[min(c_day + int(rnd() * 20), today)]
            else:  # an accepted proposal or suggestion: assigned to units, then replied
                assigned = clock.days[c_day]
                due = _add_months(clock.date(c_day), 3).isoformat()
                chosen = self.rng.sample(unit_codes, min(len(unit_codes), 1 + int(rnd() * 3)))
                unit_rows = [
                    (pid, u, "assisting" if p else "lead", p) for p, u in enumerate(chosen)
                ]
                r_day = c_day + 20 + int(rnd() * 80)
                if r_day <= today:
                    reply_class = next(self.classes, None) or pick("AAABBC")
                    reply, replied = pick(t.REPLY_SUMMARIES[reply_class]), clock.days[r_day]
                    county_rev, last = 2, max(last, clock.office(r_day, rnd()))
                    if r_day + 10 <= today and self.chance(0.8, "evaluation"):
                        evaluation, rev = pick(t.SATISFACTION_BAG), rev + 1
                        last = max(last, clock.office(r_day + 10, rnd()))
        status = "draft" if outcome == "draft" else "submitted"
        columns = (submitted, status, evaluation, county_no, review, reason, merged_into,
                   assigned, due, reply_class, reply, replied, adoption, instruction,
                   instruction_level, instruction_date)  # fmt: skip
        return columns, rev, county_rev, last, unit_rows

    def sources(
        self, pid: int, kind: str, created: int
    ) -> list[tuple[int, int | None, int | None]]:
        """Live visits and interviews from before ``created`` that the record grew from."""
        rnd = self.rnd
        found: list[tuple[int, int | None, int | None]] = []
        times, ids = self.grown[t.GROWN_FROM.get(kind, "referred")]
        hi = bisect.bisect_left(times, created)
        if hi and rnd() < 0.7:
            chosen = {ids[max(0, hi - 1 - int(rnd() * 200))] for _ in range(1 + int(rnd() * 2))}
            found += [(pid, v, None) for v in sorted(chosen)]
        hi = bisect.bisect_left(self.interview_times, created)
        if hi and kind != "idea" and rnd() < 0.2:
            found.append((pid, None, self.interview_first + int(rnd() * hi)))
        return found
