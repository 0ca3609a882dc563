"""The county office's demo, its own part: the county's work on the studios' records.

The county demo (:mod:`.county`) brings demo studios' records in by package; this module
then does what a county clerk does with them, through :mod:`studio_app.services.county_work`
only (review, assignment, replies, adoption, instructions, all audited): most of the older
submissions reviewed, accepted ones assigned to units from the handling-unit code list,
most replied (a few late, a few overdue now), 社情民意 adopted at every level, an
instruction or two, a few key and excellent proposals, some rejected, merged, converted
or returned; recent ones wait.

Dates of the work follow each record's submission; the audit entries and the records' stamps
carry the context's clock, the moment the demo is made (see :mod:`.county`).
Deterministic for a random source and a clock.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind, ProposalStatus
from studio_app.demo import text as t
from studio_app.demo.proposals import Dice
from studio_app.services import county_work
from studio_app.services.context import Context
from studio_app.services.site import SiteFields, code_labels
from studio_app.storage import kind_tables
from studio_app.storage.models import Proposal, Visit, database

COUNTY: SiteFields = {"kind": "county", "name": "平阳县政协", "code": "PYX", "county": "平阳县"}
STUDIOS = (  # code, township: the studio is 〈township〉政协委员工作室
    ("SQZ", "石桥镇"), ("WQZ", "万全镇"), ("AJZ", "鳌江镇"), ("KYZ", "昆阳镇"),
    ("XJZ", "萧江镇"), ("STZ", "水头镇"), ("TJZ", "腾蛟镇"), ("SMZ", "山门镇"),
    ("SXZ", "顺溪镇"), ("NYZ", "南雁镇"), ("MBZ", "麻步镇"), ("HXZ", "海西镇"),
)  # fmt: skip

# What the county made of the records it reviewed, per kind: the first ones in this order
# (small runs show every outcome), then by weight.
FIRST = {
    "proposal": ("accepted", "accepted", "rejected", "merged", "converted", "returned"),
    "sqmy": ("accepted", "accepted", "rejected", "returned"),
    "suggestion": ("accepted", "converted", "returned"),
    "idea": ("accepted", "converted", "rejected"),
}
OUTCOMES = {
    "proposal": {"accepted": 70, "rejected": 6, "merged": 10, "converted": 8, "returned": 6},
    "sqmy": {"accepted": 85, "rejected": 10, "returned": 5},
    "suggestion": {"accepted": 85, "converted": 5, "returned": 10},
    "idea": {"accepted": 60, "converted": 25, "rejected": 15},
}
CONVERT_TO = {"proposal": ("suggestion", "sqmy"), "suggestion": ("sqmy",), "idea": ("suggestion",)}
CONVERT_REASONS = dict(zip(("suggestion", "sqmy"), t.REVIEW_REASONS["converted"], strict=True))
NUMBER_WORDS = {"proposal": "提", "sqmy": "信", "suggestion": "建", "idea": "点"}
REPLY_CLASSES = "AAAAABBBBC"
LEVELS = ("county", "city", "province", "national")  # each shown once, first
ADOPTION_BAG = t.bag({"county": 62, "city": 26, "province": 12})  # national: rare
ADOPTERS = {
    "county": ("平阳县委办公室", "平阳县人民政府办公室"),
    "city": ("温州市委办公室", "温州市政协办公室"),
    "province": ("浙江省委办公厅", "浙江省政协办公厅"),
    "national": ("全国政协办公厅",),
}
LEADERS = {
    "county": ("县委书记", "县长", "分管副县长"),
    "city": ("市委副书记", "分管副市长"),
    "province": ("分管副省长",),
    "national": ("全国政协领导",),
}
REPLY_TEXT = (
    "{unit}关于《{title}》的答复\n\n您提出的《{title}》收悉。经研究，现答复如下：{summary}\n"
    "感谢您对我县工作的关心和支持，欢迎继续提出宝贵意见。"
)


@dataclass(frozen=True)
class CountyDemoSummary:
    """What the county demo holds: the records received and the county's work on them."""

    studios: tuple[str, ...]  # codes
    visits: int
    counted: dict[str, int]  # records of each kind the statistics count, by name
    proposals: int  # proposal-type records received
    waiting: int  # submitted, not reviewed yet
    reviewed: int
    assigned: int
    replied: int
    late: int  # replied after the due date
    overdue: int  # no reply, past the due date
    adopted: int
    instructed: int
    designated: int  # key or excellent proposals
    evaluated: int  # replies the members rated (back from the studios)
    unsent: int  # records whose county part has not gone back in feedback yet


def studio_name(township: str) -> str:
    return f"{township}政协委员工作室"


@dataclass(order=True)
class _Step:
    day: date
    seq: int
    action: str = field(compare=False)
    record: Proposal = field(compare=False)
    args: dict[str, Any] = field(compare=False)


class CountyWork(Dice):
    """The county's work on the records received so far, planned at once, run by date."""

    def __init__(self, ctx: Context, rng: random.Random) -> None:
        self.ctx, self.rng, self.rnd = ctx, rng, rng.random
        self.today = ctx.today()
        self.units = code_labels(CodeListKind.HANDLING_UNIT.value)
        self.categories = code_labels(CodeListKind.PROPOSAL_CATEGORY.value)
        self.codes = county_work.studio_codes()
        self.numbers: dict[tuple[str, int], int] = {}
        self.first = {kind: list(outcomes) for kind, outcomes in FIRST.items()}
        self.bags = {kind: t.bag(weights) for kind, weights in OUTCOMES.items()}
        self.classes, self.levels = iter("ABC"), iter(LEVELS)
        self.shown: set[str] = set()
        self.targets: list[tuple[Proposal, date]] = []  # accepted proposals: merge targets
        self.steps: list[_Step] = []
        self.plan()

    # -- helpers ---------------------------------------------------------------------------

    def add(self, day: date, action: str, row: Proposal, **args: Any) -> None:
        self.steps.append(_Step(day, len(self.steps), action, row, args))

    def unit_codes(self, row: Proposal) -> list[str]:
        """Units fitting the record's category (all units when the list has none of them)."""
        wanted = t.PROPOSAL_UNITS.get(self.categories.get(row.category, ""), ())
        by_label = {label: code for code, label in self.units.items()}
        return [by_label[u] for u in wanted if u in by_label] or list(self.units)

    # -- planning --------------------------------------------------------------------------

    def plan(self) -> None:
        """Steps for every submitted record not reviewed yet, oldest submission first."""
        query = Proposal.select().where(
            Proposal.status == ProposalStatus.SUBMITTED.value,
            Proposal.deleted_at.is_null(),
            Proposal.review == "",
        )
        rows = sorted(query, key=lambda r: (r.submitted_at, self.codes.get(r.origin_site, ""),
                                            r.serial))  # fmt: skip
        for row in rows:
            assert row.submitted_at is not None  # every submitted record has the date
            day = row.submitted_at + timedelta(7 + int(self.rnd() * 30))
            if day < self.today:  # else it waits for review
                self.plan_review(row, day)

    def plan_review(self, row: Proposal, day: date) -> None:
        kind = row.kind
        outcome = self.first[kind].pop(0) if self.first[kind] else self.pick(self.bags[kind])
        args: dict[str, Any] = {"result": outcome}
        if outcome == "merged":
            if not self.targets:
                outcome = args["result"] = "accepted"
            else:
                target, target_day = self.pick(self.targets[-10:])
                day = max(day, target_day)
                code = self.codes.get(target.origin_site, "")
                args["into"] = f"{code}:{target.serial}"
                args["reason"] = f"与“{target.title}”（{code}:{target.serial}）内容相近，并案办理。"
        if outcome == "converted":
            to = self.pick(CONVERT_TO[kind])
            args.update(converted_to=to, reason=CONVERT_REASONS[to])
        elif outcome in ("rejected", "returned"):
            args["reason"] = self.pick(t.REVIEW_REASONS[outcome])
        elif outcome == "accepted" and kind == "idea":
            args["reason"] = self.pick(t.REVIEW_REASONS["idea"])
        self.add(day, "review", row, **args)
        if outcome != "accepted":
            return
        if kind == "proposal":
            self.targets.append((row, day))
        if kind in ("proposal", "suggestion"):
            self.plan_handling(row, day)
        elif kind == "sqmy":
            self.plan_adoption(row, day)

    def plan_handling(self, row: Proposal, reviewed: date) -> None:
        """Assigned within days of the review; the reply within three months, or late, or
        not yet (overdue); now and then a leader's instruction."""
        assigned = reviewed + timedelta(int(self.rnd() * 10))
        recent = (self.today - reviewed).days <= 10
        if assigned >= self.today or (recent and self.chance(0.5, "waits for assignment")):
            return  # waits for assignment
        codes = self.unit_codes(row)
        chosen = self.rng.sample(codes, min(len(codes), 1 + int(self.rnd() * 3)))
        self.add(assigned, "assign", row, lead=chosen[0], assist=chosen[1:])
        if row.kind == "proposal":
            self.plan_designation(row, assigned)
        due = county_work.add_months(assigned, county_work.REPLY_MONTHS)
        if row.kind == "proposal" and self.chance(0.05, "proposal instruction"):
            on = assigned + timedelta(5 + int(self.rnd() * 25))
            if on < self.today:
                text = self.pick(t.INSTRUCTIONS).format(unit=self.units[chosen[0]])
                leader = self.pick(LEADERS["county"])
                self.add(on, "instruct", row, leader=leader, level="county", text=text)
        past_due = (self.today - due).days
        if (10 < past_due <= 300 and self.chance(0.3, "overdue")) or self.rnd() < 0.02:
            return  # no reply yet, past the due date (now and then long past)
        if past_due > 6 and self.chance(0.12, "late"):
            replied = due + timedelta(1 + int(self.rnd() * min(40, past_due - 1)))
        else:
            replied = assigned + timedelta(15 + int(self.rnd() * ((due - assigned).days - 15)))
        if replied >= self.today:
            return  # in hand
        cls = next(self.classes, None) or self.pick(REPLY_CLASSES)
        summary = self.pick(t.REPLY_SUMMARIES[cls])
        text = ""
        if self.rnd() < 0.6:
            unit = self.units[chosen[0]]
            text = REPLY_TEXT.format(unit=unit, title=row.title, summary=summary)
        self.add(replied, "reply", row, reply_class=cls, summary=summary, text=text)

    def plan_designation(self, row: Proposal, assigned: date) -> None:
        """Now and then a key proposal (重点提案) soon after assignment; at the year's end a
        few excellent ones (优秀提案)."""
        key = self.chance(0.1, "key proposal")
        year_end = date(assigned.year, 12, 20)
        chosen = assigned + timedelta(3)
        if key and chosen < min(self.today, year_end):
            self.add(chosen, "designate", row, key=True, excellent=False)
        if self.chance(0.08, "excellent proposal") and year_end < self.today:
            self.add(year_end, "designate", row, key=key, excellent=True)

    def plan_adoption(self, row: Proposal, reviewed: date) -> None:
        """Most accepted 社情民意 adopted within weeks, at a level; a few instructed on."""
        adopted = reviewed + timedelta(int(self.rnd() * 20))
        if adopted >= self.today or not self.chance(0.85, "adopted"):
            return
        level = next(self.levels, None) or self.pick(ADOPTION_BAG)
        self.add(adopted, "adopt", row, level=level, by=self.pick(ADOPTERS[level]))
        if self.chance(0.2, "instruction"):
            on = adopted + timedelta(3 + int(self.rnd() * 25))
            if on < self.today:
                unit = self.units[self.pick(self.unit_codes(row))]
                self.add(on, "instruct", row, leader=self.pick(LEADERS[level]), level=level,
                         text=self.pick(t.INSTRUCTIONS).format(unit=unit))  # fmt: skip

    # -- running ---------------------------------------------------------------------------

    def run(self, until: date) -> int:
        """Do the planned steps dated up to ``until`` (in date order), in one transaction."""
        due = sorted(s for s in self.steps if s.day <= until)
        self.steps = [s for s in self.steps if s.day > until]
        with database.atomic():
            for step in due:
                self.do(step)
        return len(due)

    def do(self, step: _Step) -> None:
        ctx, row, a, on = self.ctx, step.record.id, step.args, step.day
        if step.action == "review":
            number = None
            if a["result"] != "returned":
                key = (step.record.kind, on.year)
                self.numbers[key] = self.numbers.get(key, 0) + 1
                number = f"{on.year}{NUMBER_WORDS[key[0]]}字第{self.numbers[key]:03d}号"
            county_work.review(ctx, row, a["result"], reason=a.get("reason", ""),
                               into=a.get("into", ""), converted_to=a.get("converted_to", ""),
                               county_no=number)  # fmt: skip
        elif step.action == "assign":
            county_work.assign(ctx, [row], a["lead"], a["assist"], on=on)
        elif step.action == "reply":
            county_work.reply(ctx, row, a["reply_class"], a["summary"], on=on, text=a["text"])
        elif step.action == "adopt":
            county_work.adopt(ctx, row, a["level"], on=on, by=a["by"])
        elif step.action == "designate":
            county_work.designate(ctx, row, key=a["key"], excellent=a["excellent"])
        else:
            county_work.instruct(ctx, row, a["leader"], a["level"], a["text"], on=on)


def summary(studios: Sequence[str], today: date) -> CountyDemoSummary:
    """Counts of the county database (the demo's outcome)."""
    live = Proposal.deleted_at.is_null()
    handled = Proposal.select().where(live, Proposal.status == ProposalStatus.SUBMITTED.value)
    unreplied = handled.where(Proposal.assigned_at.is_null(False), Proposal.reply_class == "")
    return CountyDemoSummary(
        studios=tuple(studios),
        visits=Visit.select().count(),
        counted={k.name: kind_tables.model(k).select().count() for k in kinds.counted()},
        proposals=Proposal.select().count(),
        waiting=handled.where(Proposal.review == "").count(),
        reviewed=handled.where(Proposal.review != "").count(),
        assigned=handled.where(Proposal.assigned_at.is_null(False)).count(),
        replied=handled.where(Proposal.reply_class != "").count(),
        late=handled.where(Proposal.replied_at > Proposal.reply_due).count(),
        overdue=unreplied.where(Proposal.reply_due < today).count(),
        adopted=handled.where(Proposal.adoption_level != "").count(),
        instructed=handled.where(Proposal.instruction_text != "").count(),
        designated=handled.where(Proposal.key_proposal | Proposal.excellent).count(),
        evaluated=handled.where(Proposal.member_evaluation != "").count(),
        unsent=Proposal.select().where(Proposal.county_rev > Proposal.exchanged_county_rev).count(),
    )
