"""Demo data: a studio's members, residents and three years of records, generated fast.

Used for demonstrations, manual testing and the benchmarks (docs/QUALITY.md measures the app on
1,000,000 visits). Rows are built as tuples and written with ``executemany`` in one
transaction, bypassing the per-record services (which would take hours at that scale) but
producing what they would: stamps, revisions, serials and their counters, denormalised
names, workflow-consistent statuses. The search-index triggers run as usual.
"""

from __future__ import annotations

import random
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.core.errors import UserError
from studio_app.demo import generic
from studio_app.demo import text as t
from studio_app.demo.activities import COLUMNS as ACTIVITY_COLUMNS
from studio_app.demo.activities import ActivityRecords, activities_for
from studio_app.demo.consultations import consultations_for, make_consultations
from studio_app.demo.contacts import contacts_for, make_contacts
from studio_app.demo.elections import ELECTIONS, make_elections
from studio_app.demo.marker import DEMO_MARKER as DEMO_MARKER  # re-exported
from studio_app.demo.marker import is_demo as is_demo  # re-exported
from studio_app.demo.observation_points import (
    OBSERVATIONS,
    make_observation_points,
    make_observations,
)
from studio_app.demo.proposals import DAY, MEMBERS, ProposalRecords
from studio_app.demo.reporting_points import REPORTING_POINTS, make_reporting_points
from studio_app.services import audit, serials
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, require
from studio_app.services.site import REAL_USE, code_labels, require_site
from studio_app.storage.models import Setting, database

Progress = Callable[[int, int], None]

CHUNK = 10_000
YEARS = 3
BASE_VISITS = 2000  # the default demo's visits (``studio-app demo``)
STANDING = 4
MAX_RESIDENTS = 20_000
DUE_DAYS = (7, 15, 15, 15, 30)
INTERVIEW_TITLES = (
    "“委员有话说”：{s}",
    "{s}线上访谈",
    "关于{s}的座谈交流",
    "{s}专题访谈",
)


@dataclass(frozen=True)
class DemoSummary:
    """Rows created, trashed ones included."""

    members: int
    residents: int
    visits: int
    proposals: int
    counted: dict[str, int]  # of each kind the statistics count (``kinds.counted()``), by name

    def audited(self) -> dict[str, int]:
        """The counts as the demo's audit entry lists them: the kinds with modules of their
        own under their names in the plural, the generic kinds with demo generators of their
        own (:data:`OWN_DEMOS`) under their names (other generic kinds are listed by the
        caller)."""
        own = {f"{k}s": n for k, n in self.counted.items() if not kinds.kind(k).generic}
        made = {k: n for k, n in self.counted.items() if k in OWN_DEMOS}
        people = {"members": self.members, "residents": self.residents, "visits": self.visits}
        return people | own | {"proposals": self.proposals} | made


def generate(
    ctx: Context,
    *,
    visits: int = 2000,
    seed: int = 1,
    progress: Progress | None = None,
    proposals: int | None = None,
    activities: int | None = None,
) -> DemoSummary:
    """Add realistic demo records to the database of the set-up local studio.

    Deterministic for a seed (apart from uuids and the clock); all or nothing. Raises
    :class:`~studio_app.core.errors.SetupRequired` when no site is set up; refused
    (:func:`check_allowed`) unless an administrator asks and the ledger is not in real use,
    and at the county office (:data:`COUNTY_DEMO`). ``proposals``: how many proposal-type
    records (default: one per 50 visits, at least 20); ``activities``: how many member
    activities (default: about 40 a year at 2,000 visits, in proportion, at least a few).
    """
    if visits < 0 or any(n is not None and n < 0 for n in (proposals, activities)):
        raise ValueError("visits, proposals and activities must not be negative")
    check_allowed(ctx)
    if ctx.is_county:
        raise UserError(COUNTY_DEMO)
    with announced.collect(), database.atomic():
        rng = random.Random(seed)
        summary = _Generator(ctx, rng, visits, progress, proposals, activities).run()
        others = generic.generate(ctx, rng, max(10, visits // 100), skip=OWN_DEMOS)
        tallied = {k: n for k, n in others.items() if kinds.kind(k).tally}
        summary = replace(summary, counted=summary.counted | tallied)
        changes = {k: (None, v) for k, v in (summary.audited() | others).items()}
        audit.record(ctx, "demo", "site", ctx.site_uuid, changes | {"seed": (None, seed)})
        Setting.insert(key=DEMO_MARKER, value="1").on_conflict_replace().execute()
        announced.everything()
    return summary


COUNTY_DEMO = (
    "县政协的台账只接收各工作室的数据包，不能直接生成工作室的演示数据；"
    "县政协的演示数据请在一个空的数据目录中用 studio-app demo --county 生成。"
)
REAL_LEDGER = (
    "这是正式使用的台账（已用 setup 或设置向导设置），不能生成演示数据；"
    "演示数据请生成到另一个空的数据目录（--data-dir）。"
)


def in_real_use() -> bool:
    """Whether the ledger was set up for real records: by ``setup`` or the setup wizard
    (the ``site.real_use`` marker), or, set up before the marker existed, with an
    administrator's own password instead of the demo login."""
    from studio_app.services import accounts

    if Setting.get_or_none(Setting.key == REAL_USE) is not None:
        return True
    if Setting.get_or_none(Setting.key == DEMO_MARKER) is not None:
        return False
    return accounts.has_accounts() and not accounts.demo_login_works()


def check_allowed(ctx: Context) -> None:
    """Refuse demo data unless an administrator asks and the ledger is not in real use."""
    require(ctx, Permission.DEMO, "site")
    if in_real_use():
        raise UserError(REAL_LEDGER)


# Columns written per table, in row-tuple order; synced records start with SYNCED.
SYNCED = """id uuid serial origin_site created_at updated_at rev county_rev deleted_at
    created_by updated_by"""
COLUMNS = {
    "member": """name gender sector party unit_and_post phone is_standing studio active term
        contact_parent_id""",
    "resident": """name name_key gender phone phone_key id_number township village group_name
        address kind contact_member_id""",
    "visit": """channel occurred_at place visitor_count category content onsite_reply handling
        referred_unit referred_at due_at result feedback_at feedback_channel revisit_at
        revisit_note satisfaction confidential status reporting_point_id member_names
        resident_names""",
    "interview": """kind title occurred_at place_or_platform participant_count participant_note
        views follow_up status member_names resident_names""",
    "proposal": """kind title lead_member_id lead_resident_id sector category facts analysis
        recommendations submitted_at status member_evaluation county_no review review_reason
        merged_into assigned_at reply_due reply_class reply_summary replied_at adoption_level
        instruction_text instruction_level instruction_date co_signer_names""",
    "visit_member": "visit_id member_id position",
    "visit_resident": "visit_id resident_id position",
    "interview_member": "interview_id member_id position",
    "interview_resident": "interview_id resident_id position",
    "proposal_co_signer": "proposal_id member_id position",
    "proposal_source": " ".join(("proposal_id", *(o.column for o in kinds.PROPOSAL.origins))),
    **ACTIVITY_COLUMNS,
}
INDEXED = tuple(k.name for k in kinds.indexed())  # fed to FTS5 by triggers
SYNCED_TABLES = kinds.names()


class _Clock:
    """Local times as whole seconds since a day before the period, formatted by lookup."""

    def __init__(self, ctx: Context) -> None:
        now = ctx.now_local()
        self.offset = round((now - ctx.now_utc()).total_seconds() / 60) * 60  # local - UTC
        self.first = 120  # the period's first day; members and residents are older
        self.origin = now.date() - timedelta(days=365 * YEARS + self.first)
        self.today = (now.date() - self.origin).days
        self.now = self.today * DAY + now.hour * 3600 + now.minute * 60 + now.second
        span = range(self.today + 200)  # room for due dates and reply deadlines
        self.days = [(self.origin + timedelta(d)).isoformat() for d in span]
        self.years = [int(d[:4]) for d in self.days]
        self.weekdays = [(self.origin.weekday() + d) % 7 for d in span]
        self.tod = [f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY)]

    def local(self, secs: int) -> str:
        return self.days[secs // DAY] + self.tod[secs % DAY]

    def utc(self, secs: int) -> str:
        """The stored (UTC) form of a local moment, capped at now."""
        secs = min(secs, self.now) - self.offset
        return self.days[secs // DAY] + self.tod[secs % DAY]

    def date(self, day: int) -> date:
        return self.origin + timedelta(day)

    def office(self, day: int, rnd: float) -> int:
        """A moment of office hours on ``day``, never after now."""
        return min(day * DAY + 30600 + int(rnd * 30000), self.now)


class _Generator(ProposalRecords, ActivityRecords):
    """One run: the phases members → residents → visits → interviews → proposals, then
    the generic kinds with generators of their own (:data:`OWN_DEMOS`)."""

    def __init__(
        self,
        ctx: Context,
        rng: random.Random,
        visits: int,
        progress: Progress | None,
        proposals: int | None = None,
        activities: int | None = None,
    ) -> None:
        self.ctx, self.rng, self.rnd = ctx, rng, rng.random
        self.n_visits = visits
        self.n_residents = min(MAX_RESIDENTS, max(50, visits // 5))
        self.n_interviews = max(10, visits // 100)
        self.n_proposals = max(20, visits // 50) if proposals is None else proposals
        self.n_activities = (
            activities_for(visits, YEARS, BASE_VISITS) if activities is None else activities
        )
        self.total = (MEMBERS + self.n_residents + visits + self.n_interviews + self.n_proposals
                      + self.n_activities + consultations_for(visits, YEARS)
                      + contacts_for(visits) + OBSERVATIONS + ELECTIONS)  # fmt: skip
        self.done, self.progress = 0, progress
        self.clock = _Clock(ctx)
        self.conn = database.connection()
        self.town = require_site().township or "石桥镇"
        self.codes = {k: code_labels(k.value) for k in CodeListKind}
        self.units = self.codes[CodeListKind.HANDLING_UNIT]
        # Live visits by handling, (times, ids) in time order: sources for proposals.
        self.grown: dict[str, tuple[list[int], list[int]]] = {
            h: ([], []) for h in ("to_sqmy", "to_proposal", "referred")
        }
        self.origin_times: dict[str, tuple[list[int], list[int]]] = {}  # other sources by kind
        self.shown: set[str] = set()  # rare variants already produced once
        self.reporting_points: dict[str, int] = {}  # place → id (make_visits)

    def run(self) -> DemoSummary:
        self.make_members()
        self.make_residents()
        self.make_visits()
        self.make_interviews()
        self.make_proposals()
        made = {name: make(self) for name, make in OWN_DEMOS.items()}
        if self.done < self.total:  # a phase may make fewer than planned
            self.tick(self.total - self.done)
        for table in INDEXED:  # on failure the rollback takes the staging tables away
            self.conn.execute(f"DROP TABLE IF EXISTS temp.demo_{table}")
        counts = (self.n_residents, self.n_visits, self.n_proposals)
        counted = {kinds.INTERVIEW.name: self.n_interviews}
        counted |= {name: n for name, n in made.items() if kinds.kind(name).tally}
        return DemoSummary(MEMBERS, *counts, counted)

    # -- helpers -------------------------------------------------------------------------

    def insert(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Write rows; indexed tables through a staging table, one statement per chunk.

        FTS5 flushes its pending terms at every statement savepoint, so rows inserted one
        statement each (``executemany``) become one index segment each, ~5× slower. Moved
        with a single INSERT … SELECT, the triggers still index every row, in one flush.
        """
        names = (SYNCED.split() if table in SYNCED_TABLES else []) + COLUMNS[table].split()
        self.write(table, names, rows, indexed=table in INDEXED)

    def write(
        self, table: str, names: Sequence[str], rows: Sequence[tuple[Any, ...]], *, indexed: bool
    ) -> None:
        """Write ``rows`` of the ``names`` columns (an indexed table's as :meth:`insert` says)."""
        cols, marks = ", ".join(names), ", ".join("?" * len(names))
        if not indexed:
            self.conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
            return
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS demo_{table} ({cols})")
        self.conn.executemany(f"INSERT INTO temp.demo_{table} VALUES ({marks})", rows)
        self.conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT * FROM temp.demo_{table}")
        self.conn.execute(f"DELETE FROM temp.demo_{table}")

    def tick(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(self.done, self.total)

    def next_id(self, table: str) -> int:
        row = self.conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()
        return int(row[0])

    def codes_for(self, kind: CodeListKind, labels: Sequence[str]) -> list[str]:
        """Codes of the given labels in a code list; all its codes when none is there."""
        by_label = {label: code for code, label in self.codes[kind].items()}
        return [by_label[x] for x in labels if x in by_label] or list(self.codes[kind])

    def serial_blocks(self, prefix: str, times: Sequence[int]) -> dict[int, int]:
        """First number reserved per year for records at ``times`` (seconds)."""
        counts: dict[int, int] = {}
        for secs in times:
            year = self.clock.years[secs // DAY]
            counts[year] = counts.get(year, 0) + 1
        site = self.ctx.site_uuid
        return {y: serials.reserve_block(site, prefix, y, k) for y, k in counts.items()}

    def stamps(
        self, id_: int, serial: str | None, created: int, updated: int, rev: int = 1
    ) -> tuple[Any, ...]:
        """The synced-record columns up to ``updated_by`` (county_rev 0, not deleted)."""
        user, clock = self.ctx.user, self.clock
        return (id_, str(uuidlib.uuid4()), serial, self.ctx.site_uuid, clock.utc(created),
                clock.utc(max(created, updated)), rev, 0, None, user, user)  # fmt: skip

    def names(self, people: Sequence[tuple[int, str]], indexes: Sequence[int]) -> str:
        """The denormalised names column: names in link order joined with 、."""
        return "、".join(people[i][1] for i in indexes)

    def links(
        self, owner: int, people: Sequence[tuple[int, str]], indexes: Sequence[int]
    ) -> list[tuple[int, int, int]]:
        return [(owner, people[i][0], pos) for pos, i in enumerate(indexes)]

    # -- members and residents -------------------------------------------------------------

    def make_members(self) -> None:
        """30 members of many sectors; the standing ones first, each linked to ~seven (一联十)."""
        rng, clock = self.rng, self.clock
        sectors = self.codes[CodeListKind.SECTOR]
        common = self.codes_for(CodeListKind.SECTOR, ("中共", "经济界", "农业界", "教育界"))
        chosen = rng.sample(list(sectors), min(len(sectors), MEMBERS - 8))
        chosen += [self.pick(common) for _ in range(MEMBERS - len(chosen))]
        phones, taken = t.mobiles(self.rnd, MEMBERS), set()
        created = (clock.first - 90) * DAY + 36000
        first = self.next_id("member")
        rows, self.members = [], []
        for i in range(MEMBERS):
            name, gender = t.person_name(self.rnd)
            while name in taken or (len(name) < 3 and self.rnd() < 0.5):
                name, gender = t.person_name(self.rnd)
            taken.add(name)
            party = t.PARTY_BY_SECTOR.get(sectors[chosen[i]]) or self.pick(("中共党员", "群众"))
            firm = self.pick(t.COMPANY_STEMS) + self.pick(t.INDUSTRIES)
            slots = {"town": self.town, "v": self.pick(t.VILLAGES), "firm": firm}
            post = self.pick(t.MEMBER_POSTS).format_map(slots)
            parent = None if i < STANDING else first + i % STANDING
            rows.append((*self.stamps(first + i, None, created, created), name, gender,
                         chosen[i], party, post, phones[i], int(i < STANDING),
                         self.ctx.site_uuid, 1, "第十一届", parent))  # fmt: skip
            self.members.append((first + i, name))
        self.insert("member", rows)
        self.tick(MEMBERS)
        everyone = range(MEMBERS)
        self.duty = [everyone[wd::5] for wd in range(5)] + [everyone, everyone]  # by weekday

    def make_residents(self) -> None:
        """Residents of 10–15 villages and communities, most with a contact member (十联百)."""
        rng, rnd, pick, n = self.rng, self.rnd, self.pick, self.n_residents
        self.villages = villages = rng.sample(t.VILLAGES, rng.randint(10, 15))
        first = self.next_id("resident")
        phones, region = t.mobiles(self.rnd, n), pick(t.REGION_CODES)
        kinds = ("enterprise", "enterprise", "organisation", "other")
        self.people: list[tuple[int, str]] = []
        self.home: list[tuple[int, str]] = []  # (village index, group) per resident
        self.contacts: list[list[int]] = [[] for _ in range(MEMBERS)]
        start = self.clock.first * DAY
        for lo in range(0, n, CHUNK):
            rows = []
            for i in range(lo, min(n, lo + CHUNK)):
                vi = int(rnd() * rnd() * len(villages))  # a few big villages, many small ones
                village = villages[vi]
                group = "" if village.endswith("社区") else str(1 + int(rnd() * 12))
                kind = "villager" if group else "resident"
                name, gender = t.person_name(self.rnd)
                phone, id_number = phones[i], ""
                if rnd() < 0.04:
                    kind = pick(kinds)
                    if kind == "enterprise":
                        name = (
                            self.town[:2] + pick(t.COMPANY_STEMS) + pick(t.INDUSTRIES) + "有限公司"
                        )
                        phone, gender = f"0577-6{int(rnd() * 1e7):07d}", ""
                    elif kind == "organisation":
                        name, gender = village + pick(t.ORGANISATIONS), ""
                elif rnd() < 0.35:
                    id_number = t.id_number(rnd, region, gender == "male")
                if kind != "enterprise" and rnd() < 0.08:
                    phone = ""
                if group:
                    address = f"{self.town}{village}{group}组{1 + int(rnd() * 120)}号"
                else:
                    flat = f"{1 + int(rnd() * 20)}幢{1 + int(rnd() * 6)}0{1 + int(rnd() * 4)}室"
                    address = f"{self.town}{pick(t.ROADS)}{1 + int(rnd() * 300)}号{flat}"
                member = int(rnd() * MEMBERS) if rnd() < 0.85 else None
                if member is not None:
                    self.contacts[member].append(i)
                created = start - int(rnd() * 60 * DAY)
                rows.append((*self.stamps(first + i, None, created, created), name, name,
                             gender, phone, phone.replace("-", ""), id_number, self.town,
                             village, group and f"{group}组", address, kind,
                             None if member is None else self.members[member][0]))  # fmt: skip
                self.people.append((first + i, name))
                self.home.append((vi, group or str(1 + int(rnd() * 9))))
            self.insert("resident", rows)
            self.tick(len(rows))

    # -- visits ----------------------------------------------------------------------------

    def visit_times(self) -> list[int]:
        """Occurrence times (seconds, sorted): weekdays busier, more each year, none ahead."""
        clock, rnd, n = self.clock, self.rnd, self.n_visits
        now_tod = clock.now % DAY
        days = range(clock.first, clock.today + 1)
        weights = []
        for d in days:
            w = (1.0, 1.0, 1.0, 1.0, 1.0, 0.35, 0.2)[clock.weekdays[d]]
            w *= 0.7 + 0.6 * (d - clock.first) / len(days)
            if d == clock.today:  # only the part of today's office hours already past
                w *= max(0.0, min(1.0, (now_tod - 28800) / 36000))
            weights.append(w)
        total = sum(weights)
        counts = [int(n * w / total) for w in weights]
        for j in self.rng.choices(range(len(weights)), weights, k=n - sum(counts)):
            counts[j] += 1
        times: list[int] = []
        for d, k in zip(days, counts, strict=True):
            limit = now_tod if d == clock.today else DAY
            day_times = []
            for _ in range(k):
                u = rnd()
                if u < 0.6:
                    secs = 28800 + int(rnd() * 225) * 60  # 08:00–11:45
                elif u < 0.93:
                    secs = 48600 + int(rnd() * 240) * 60  # 13:30–17:30
                else:
                    secs = 64800 + int(rnd() * 150) * 60  # evening home visits and calls
                if secs >= limit:  # today, later than now: some time this morning instead
                    secs = 28800 + int(rnd() * (limit - 28800) / 60) * 60
                day_times.append(d * DAY + secs)
            times += sorted(day_times)
        return times

    def make_visits(self) -> None:
        """Visits with member/resident links, each as far along its workflow as by today."""
        times = self.visit_times()
        assert kinds.VISIT.serial_prefix  # declared with one
        numbers = self.serial_blocks(kinds.VISIT.serial_prefix, times)
        self.cats = []
        for code, label in self.codes[CodeListKind.ISSUE_CATEGORY].items():
            text = t.CATEGORIES.get(label, t.GENERIC)
            units = self.codes_for(CodeListKind.HANDLING_UNIT, text.units)
            self.cats.append((code, label, text.bodies, text.extras + t.GENERIC_EXTRAS,
                              text.results + t.GENERIC_RESULTS, units))  # fmt: skip
        cat_bag = t.bag({i: t.CATEGORY_WEIGHTS.get(cat[1], 4) for i, cat in enumerate(self.cats)})
        trash = set(self.rng.sample(range(self.n_visits), (self.n_visits * 3 + 999) // 1000))
        self.reporting_points = points = make_reporting_points(
            self.ctx, self.villages[:REPORTING_POINTS], self.rnd
        )
        first, clock, rnd, pick = self.next_id("visit"), self.clock, self.rnd, self.pick
        last_contact: dict[int, int] = {}
        for lo in range(0, self.n_visits, CHUNK):
            rows, member_links, resident_links = [], [], []
            for i in range(lo, min(self.n_visits, lo + CHUNK)):
                vid, secs = first + i, times[i]
                day, year = secs // DAY, clock.years[secs // DAY]
                channel, handling = pick(t.CHANNEL_BAG), pick(t.HANDLING_BAG)
                mids, rids, visitors, place, slots = self.who(channel, day)
                for r in rids:
                    last_contact[r] = secs
                code, label, bodies, extras, results, units = self.cats[pick(cat_bag)]
                text = pick(t.OPENERS_BY_CHANNEL.get(channel, t.OPENERS)) + pick(bodies)
                if rnd() < 0.55:
                    text += pick(extras)
                if rnd() < 0.02:
                    text += t.LONG_TAIL + pick(extras) + pick(extras)
                unit = pick(units)
                slots["unit"] = self.units[unit]
                content = (text + pick(t.GENERIC_ASKS)).format_map(slots)
                reply = ""
                if rnd() < (0.95 if handling == "answered" else 0.7):
                    reply = pick(t.REPLIES[handling]).format_map(slots)
                case = self.case(handling, day, unit, results, slots)
                rev, last = case[-2], case[-1]
                created = secs + 300 + int(rnd() * (DAY if channel == "home_visit" else 3600))
                updated = clock.office(last, rnd()) if last > day else created
                row = self.stamps(vid, f"JD-{year}-{numbers[year]:04d}", created, updated, rev)
                numbers[year] += 1
                if i in trash:
                    deleted = clock.utc(max(created, updated) + DAY + int(rnd() * 10 * DAY))
                    row = (*row[:5], deleted, rev + 1, 0, deleted, *row[9:])
                elif handling in self.grown:
                    self.grown[handling][0].append(secs)
                    self.grown[handling][1].append(vid)
                confidential = rnd() < (0.06 if label in ("矛盾纠纷", "法律咨询") else 0.003)
                rows.append((*row, channel, clock.local(secs), place, visitors, code, content,
                             reply, handling, *case[:9], int(confidential), case[9],
                             points.get(place) if channel == "reporting_point" else None,
                             self.names(self.members, mids),
                             self.names(self.people, rids)))  # fmt: skip
                member_links += self.links(vid, self.members, mids)
                resident_links += self.links(vid, self.people, rids)
            self.insert("visit", rows)
            self.insert("visit_member", member_links)
            self.insert("visit_resident", resident_links)
            self.tick(len(rows))
        self.conn.executemany(
            "UPDATE resident SET last_contacted_at = ? WHERE id = ?",
            [(clock.local(s), self.people[r][0]) for r, s in last_contact.items()],
        )

    def count_reporting_points(self) -> int:
        """The reporting points made with the visits (their visits name them)."""
        return len(self.reporting_points)

    def who(self, channel: str, day: int) -> tuple[list[int], list[int], int, str, t.Slots]:
        """Members, residents, headcount and place of a visit, and its text slots.

        Reception is done by the weekday's duty members; home visits go to the member's own
        contacts; letters and reporting-point notes are often anonymous.
        """
        rnd, pick, n = self.rnd, self.pick, self.n_residents
        m1 = pick(self.duty[self.clock.weekdays[day]] if channel == "reception" else self.duty[5])
        mids = [m1] if rnd() < 0.7 else [m1, (m1 + 1 + int(rnd() * (MEMBERS - 1))) % MEMBERS]
        rids: list[int] = []
        if rnd() < t.ANONYMOUS.get(channel, 0.04):
            visitors = 1 if rnd() < 0.8 else 2 + int(rnd() * 7)
            vi, group = int(rnd() * len(self.villages)), str(1 + int(rnd() * 9))
        else:
            own = self.contacts[m1]
            r1 = pick(own) if channel == "home_visit" and own else int(rnd() ** 1.3 * n)
            rids = [r1] if rnd() < 0.9 else [r1, (r1 + 1 + int(rnd() * (n - 1))) % n]
            visitors = len(rids) + (1 + int(rnd() * 6) if rnd() < 0.05 else 0)
            vi, group = self.home[r1]
        if channel == "reporting_point":
            vi %= REPORTING_POINTS  # the villages that have a point
        village = self.villages[vi]
        if channel == "home_visit":
            place = village if village.endswith("社区") else f"{village}{group}组"
        else:
            place = t.PLACES[channel].format(v=village)
        return mids, rids, visitors, place, t.Slots(rnd, v=village, g=group, town=self.town)

    def case(
        self, handling: str, day: int, unit_code: str, results: Sequence[str], slots: t.Slots
    ) -> tuple[Any, ...]:
        """The case workflow (core/workflow.py) as far as it got by today.

        Returns the columns referred_unit … satisfaction, status, then rev and the last day
        something happened. A few referred cases stay open past their due date (overdue).
        """
        clock, rnd, pick, today = self.clock, self.rnd, self.pick, self.clock.today
        status, rev, last = "closed", 1, day
        ref_at = due_at = fb_at = revisit_at = None
        unit = result = fb_channel = revisit_note = satisfaction = ""
        if handling == "referred":
            unit = unit_code
            ref_day = min(day + pick((0, 0, 0, 1, 1, 2, 3)), today)
            ref_at, due_at = clock.days[ref_day], clock.days[ref_day + pick(DUE_DAYS)]
            fb_day = ref_day + 2 + int(rnd() * rnd() * 40)
            if fb_day > today or rnd() < 0.02:
                status = "in_progress" if today - ref_day > 2 and rnd() < 0.6 else "referred"
                rev, last = (2, ref_day + 1) if status == "in_progress" else (1, ref_day)
            else:
                rev = 3 if rnd() < 0.6 else 2  # with or without "start" before feeding back
                result = pick(results).format_map(slots)
                fb_at, fb_channel = clock.days[fb_day], pick(t.FEEDBACK_CHANNELS)
                close_day, last, status = fb_day + int(rnd() * 6), fb_day, "fed_back"
                if close_day <= today and rnd() > 0.01:
                    status, rev, last = "closed", rev + 1, close_day
                    if rnd() < 0.7:
                        satisfaction, rev = pick(t.SATISFACTION_BAG), rev + 1
                        if rnd() < 0.6:
                            last = min(today, close_day + 1 + int(rnd() * 20))
                            revisit_at = clock.days[last]
                            revisit_note = pick(t.REVISIT_NOTES[satisfaction])
        elif handling in t.ESCALATE_RESULTS:
            close_day = day + 5 + int(rnd() * 60)
            if close_day > today or rnd() < 0.08:
                status = "registered"
            else:
                status, rev, last = "closed", 2, close_day
                result = pick(t.ESCALATE_RESULTS[handling])
        elif rnd() < 0.25:
            satisfaction = pick(t.SATISFACTION_BAG)
        return (unit, ref_at, due_at, result, fb_at, fb_channel, revisit_at, revisit_note,
                satisfaction, status, rev, last)  # fmt: skip

    # -- interviews and proposal-type records -------------------------------------------

    def sample_members(self, k: int, exclude: int | None = None) -> list[int]:
        pool = [m for m in range(MEMBERS) if m != exclude]
        return self.rng.sample(pool, min(k, len(pool)))

    def make_interviews(self) -> None:
        """Online and offline interviews; older ones closed, recent ones still open."""
        clock, rnd, pick, town = self.clock, self.rnd, self.pick, self.town
        start = clock.first * DAY
        days = sorted(
            (start + int(rnd() * (clock.now - start))) // DAY for _ in range(self.n_interviews)
        )
        times = sorted(
            min(d * DAY + (70200 if rnd() < 0.3 else 34200 + int(rnd() * 8) * 1800), clock.now)
            for d in days
        )
        assert kinds.INTERVIEW.serial_prefix  # declared with one
        numbers = self.serial_blocks(kinds.INTERVIEW.serial_prefix, times)
        first = self.next_id("interview")
        rows, member_links, resident_links = [], [], []
        for i, secs in enumerate(times):
            iid, day, year = first + i, secs // DAY, clock.years[secs // DAY]
            topic: t.Topic = pick(t.TOPICS)
            online, village = self.chance(0.4, "online"), pick(self.villages)
            slots = {"s": topic.subject, "v": village, "town": town}
            place = pick(t.ONLINE_PLATFORMS if online else t.OFFLINE_PLACES).format_map(slots)
            mids = self.sample_members(1 + int(rnd() * 3))
            rids = self.rng.sample(range(self.n_residents), int(rnd() * (3 if online else 6)))
            count = len(rids) + 3 + int(rnd() * 30)
            note = f"{village}群众代表{count - 2}人、村干部2人" + (
                "，另有网友留言" if online else ""
            )
            views = (pick(t.VIEW_OPENERS) + topic.facts.format(town=town) + topic.analysis
                     + "建议" + "；".join(topic.recommendations) + "。")  # fmt: skip
            closed = day < clock.today - 30 and i < len(days) - 1 and rnd() < 0.95
            created = secs + 3600 + int(rnd() * DAY)
            updated = clock.office(min(day + 7 + int(rnd() * 30), clock.today), rnd())
            stamps = self.stamps(iid, f"FT-{year}-{numbers[year]:04d}", created,
                                 updated if closed else created, 1 + closed)  # fmt: skip
            numbers[year] += 1
            rows.append((*stamps, "online" if online else "offline",
                         pick(INTERVIEW_TITLES).format_map(slots), clock.local(secs), place,
                         count, note, views, pick(t.FOLLOW_UPS) if rnd() < 0.8 else "",
                         "closed" if closed else "open", self.names(self.members, mids),
                         self.names(self.people, rids)))  # fmt: skip
            member_links += self.links(iid, self.members, mids)
            resident_links += self.links(iid, self.people, rids)
        self.insert("interview", rows)
        self.insert("interview_member", member_links)
        self.insert("interview_resident", resident_links)
        self.origin_times[kinds.INTERVIEW.name] = (times, [first + i for i in range(len(times))])
        self.tick(len(rows))


# Generic kinds whose demo records a phase of the generator makes (realistic texts, bulk
# writes), by kind name: :func:`generic.generate` fills only the other generic kinds.
OWN_DEMOS: dict[str, Callable[[_Generator], int]] = {
    kinds.ACTIVITY.name: _Generator.make_activities,
    kinds.CONSULTATION.name: make_consultations,
    kinds.CONTACT.name: make_contacts,
    kinds.OBSERVATION_POINT.name: make_observation_points,
    kinds.OBSERVATION.name: make_observations,
    kinds.REPORTING_POINT.name: _Generator.count_reporting_points,  # made with the visits
    kinds.ELECTION.name: make_elections,
}
