"""Demo data: the contact chain's records (联系记录, 一联十、十联百), about 1,500 by default.

A phase of the demo generator (:mod:`.studio`, its ``OWN_DEMOS``), after the members and
residents: the generator already links them — each standing member keeps in touch with a
few members (``contact_parent``), most residents have a contact member (``contact_member``)
— and this phase reads those links back from the database. With the generator's clock and
random source it writes, in the demo's one transaction, what ``kind_records.create`` would
have: stamps, ``LX-YYYY-NNNN`` serials in creation order with the counters advanced, the
residents linked with their names on the record. A fifth of the contacts are standing
members' with their members, the rest members' with their own residents (one at a time, or
a few at a 座谈), in proportion to the visits (:func:`contacts_for`), more in recent years,
on weekdays mostly. About a quarter of the members, and one standing member, have fallen
behind: nothing from them for months, so the chain view shows people not contacted for
more than 90 days. Last, every resident's 最近联系时间 is set to what
:func:`studio_app.services.contacts.latest` computes from every kind linking residents.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.demo import contact_text as x
from studio_app.demo import text as t
from studio_app.demo.proposals import DAY
from studio_app.services import contacts

CONTACT = kinds.CONTACT
BASE_VISITS = 2000  # the default demo's visits (``studio.BASE_VISITS``)
BASE_CONTACTS = 1500  # its contacts
LEAST = 30  # contacts of the smallest demo
MEMBER_SHARE = 0.2  # standing members' contacts with their members
BEHIND = 0.25  # members who have fallen behind
QUIET_DAYS = 120  # at least this long since a member behind last made contact
RECENT_DAYS = 75  # a diligent standing member's latest contact with each member, at most
TRASHED = 0.01
CHUNK = 10_000
SYNCED = ("id", "uuid", "serial", "origin_site", "created_at", "updated_at", "rev", "county_rev",
          "deleted_at", "created_by", "updated_by")  # fmt: skip
NAMES = CONTACT.link("residents").names_column or "resident_names"
COLUMNS = (*SYNCED, "exchanged_rev", "exchanged_county_rev", "member_id", "contacted_at",
           "channel", "contacted_member_id", "content", "follow_up", NAMES)  # fmt: skip
LINK = CONTACT.link("residents")


def contacts_for(visits: int) -> int:
    """How many contacts a demo of ``visits`` makes: :data:`BASE_CONTACTS` at
    :data:`BASE_VISITS`, in proportion otherwise, never fewer than :data:`LEAST`."""
    return max(LEAST, visits * BASE_CONTACTS // BASE_VISITS)


class Generator(Protocol):
    """What this phase uses of the demo generator (``studio._Generator``)."""

    ctx: Any
    clock: Any
    conn: Any
    rng: random.Random
    rnd: Callable[[], float]
    town: str
    n_visits: int

    def tick(self, rows: int) -> None: ...
    def pick(self, seq: Sequence[Any]) -> Any: ...
    def next_id(self, table: str) -> int: ...
    def serial_blocks(self, prefix: str, times: Sequence[int]) -> dict[int, int]: ...
    def stamps(
        self, id_: int, serial: str | None, created: int, updated: int, rev: int = 1
    ) -> tuple[Any, ...]: ...


def make_contacts(gen: Generator) -> int:
    """The demo's contact records (``studio.OWN_DEMOS``); returns how many were made."""
    return _Contacts(gen).make()


class _Contacts:
    def __init__(self, gen: Generator) -> None:
        self.gen, self.rnd, self.pick, self.clock = gen, gen.rnd, gen.pick, gen.clock
        conn = gen.conn
        self.names: dict[int, str] = {}
        self.members_of: dict[int, list[int]] = {}  # standing member → their members
        for mid, name, standing in conn.execute(
            "SELECT id, name, is_standing FROM member WHERE deleted_at IS NULL AND active "
            "ORDER BY id"
        ):
            self.names[mid] = name
            if standing:
                self.members_of.setdefault(mid, [])
        for mid, parent in conn.execute(
            "SELECT id, contact_parent_id FROM member WHERE deleted_at IS NULL AND active "
            "AND is_standing = 0 AND contact_parent_id IS NOT NULL ORDER BY id"
        ):
            if parent in self.members_of:
                self.members_of[parent].append(mid)
        self.people: list[tuple[int, str, str, str]] = []  # id, name, village, group
        self.residents_of: dict[int, list[int]] = {}  # member → indexes into ``people``
        for rid, name, member, village, group in conn.execute(
            "SELECT id, name, contact_member_id, village, group_name FROM resident "
            "WHERE deleted_at IS NULL ORDER BY id"
        ):
            if member in self.names:
                self.residents_of.setdefault(member, []).append(len(self.people))
            self.people.append((rid, name, village, group.removesuffix("组")))
        holders = [m for m in sorted(self.residents_of) if m not in self.members_of]
        self.behind = set(gen.rng.sample(holders, round(len(holders) * BEHIND)))
        leads = [s for s, ms in self.members_of.items() if ms]
        if len(leads) > 1:  # one standing member, with their own residents
            self.behind.add(leads[-1])
        self.resident_bag = t.bag(x.RESIDENT_CHANNELS)
        self.member_bag = t.bag(x.MEMBER_CHANNELS)

    # -- the plan ----------------------------------------------------------------------

    def make(self) -> int:
        gen, rnd = self.gen, self.rnd
        n = contacts_for(gen.n_visits)
        leads = [s for s, ms in self.members_of.items() if ms]
        holders = sorted(self.residents_of)
        if not holders and not leads:
            return 0
        drawn: list[tuple[int, int, int | None, list[int], str]] = []
        latest: dict[tuple[int, int], int] = {}  # a diligent standing member's, per member
        for _ in range(n):
            if leads and (rnd() < MEMBER_SHARE or not holders):
                by = self.pick(leads)
                whom: int | None = self.pick(self.members_of[by])
                channel, residents = self.pick(self.member_bag), []
            else:
                by, whom = self.pick(holders), None
                channel = self.pick(self.resident_bag)
                own = self.residents_of[by]
                k = 3 + int(rnd() * 6) if channel == "talk" else 1
                residents = [own[int(rnd() * len(own))] for _ in range(k)]
                if rnd() < 0.03:  # someone met by chance, not on their list
                    residents[0] = int(rnd() * len(self.people))
                residents = list(dict.fromkeys(residents))
            secs = self.moment(channel, by in self.behind)
            if whom is not None and by not in self.behind:
                pair = (by, whom)
                if pair not in latest or drawn[latest[pair]][0] < secs:
                    latest[pair] = len(drawn)
            drawn.append((secs, by, whom, residents, channel))
        for i in latest.values():  # a diligent standing member saw each member lately
            secs, by, whom, residents, channel = drawn[i]
            if secs < (self.clock.today - RECENT_DAYS) * DAY:
                secs = self.moment(channel, False, recent=True)
                drawn[i] = (secs, by, whom, residents, channel)
        plan = []
        for secs, by, whom, residents, channel in drawn:
            created = min(secs + 600 + int(rnd() * rnd() * 2 * DAY), self.clock.now)
            plan.append((created, secs, by, whom, residents, channel))
        plan.sort(key=lambda p: p[0])
        return self.write(plan)

    def moment(self, channel: str, behind: bool, *, recent: bool = False) -> int:
        """When a contact happened: more lately than long ago (the chain is new), on
        weekdays mostly, in the hours its channel is used; a member behind not lately;
        ``recent``: in the last :data:`RECENT_DAYS`."""
        clock, rnd = self.clock, self.rnd
        last = clock.today - (QUIET_DAYS + int(rnd() * 90) if behind else 0)
        start = clock.today - RECENT_DAYS if recent else clock.first
        span = max(1, last - start)
        day = start + int(rnd() ** 0.6 * span)
        if clock.weekdays[day] >= 5 and rnd() < 0.7 and day - 2 >= clock.first:
            day -= clock.weekdays[day] - 4  # to the Friday before
        if channel in ("visit", "talk"):
            secs = (8 * 3600 + int(rnd() * 7) * 1800) if rnd() < 0.55 else 14 * 3600 + 1800
            secs += int(rnd() * 5) * 1800 if secs > 12 * 3600 else 0
            secs += int(rnd() * 6) * 300
        else:
            secs = 8 * 3600 + int(rnd() * 26) * 1800 + int(rnd() * 30) * 60
        return min(day * DAY + secs, clock.now - 3600)

    # -- the records ------------------------------------------------------------------

    def write(self, plan: list[tuple[int, int, int, int | None, list[int], str]]) -> int:
        gen, clock, rnd = self.gen, self.clock, self.rnd
        assert CONTACT.serial_prefix  # declared with one
        prefix = CONTACT.serial_prefix
        numbers = gen.serial_blocks(prefix, [p[0] for p in plan])
        first = gen.next_id(CONTACT.name)
        for lo in range(0, len(plan), CHUNK):
            records, links = [], []
            for i in range(lo, min(len(plan), lo + CHUNK)):
                created, secs, by, whom, residents, channel = plan[i]
                cid, year = first + i, clock.years[created // DAY]
                stamps = gen.stamps(cid, f"{prefix}-{year}-{numbers[year]:04d}", created, created)
                numbers[year] += 1
                if rnd() < TRASHED:  # a mistake, trashed the next days
                    deleted = clock.utc(created + DAY + int(rnd() * 5 * DAY))
                    stamps = (*stamps[:5], deleted, 2, 0, deleted, *stamps[9:])
                content, follow_up = self.text(secs, channel, whom, residents)
                names = "、".join(self.people[r][1] for r in residents)[:300]
                records.append((*stamps, 0, 0, by, clock.local(secs), channel, whom, content,
                                follow_up, names))  # fmt: skip
                links += [(cid, self.people[r][0], pos) for pos, r in enumerate(residents)]
            self.insert(records, links)
            gen.tick(len(records))
        self.settle_last_contacts()
        return len(plan)

    def text(
        self, secs: int, channel: str, whom: int | None, residents: list[int]
    ) -> tuple[str, str]:
        """What was said and what follows, like a clerk writes it."""
        rnd, pick = self.rnd, self.pick
        village, group = "", ""
        if residents:
            _rid, _name, village, group = self.people[residents[0]]
        slots = {"v": village or self.gen.town, "g": group or str(1 + int(rnd() * 9)),
                 "m": self.names.get(whom or 0, "")}  # fmt: skip
        if whom is not None:
            body = pick(x.MEMBER_TOPICS)
            if not slots["v"] or slots["v"] == self.gen.town:
                slots["v"] = pick(t.VILLAGES)
            opener = pick(x.OPENERS[channel]).replace("{v}{g}组", "{v}").replace("{g}", "")
            follow_up = pick(x.MEMBER_FOLLOW_UPS) if rnd() < 0.5 else ""
        else:
            month = int(self.clock.days[secs // DAY][5:7])
            seasonal = next(texts for months, texts in x.SEASONAL if month in months)
            body = pick(seasonal) if rnd() < 0.35 else pick(x.ALL_YEAR)
            opener = pick(x.OPENERS[channel])
            follow_up = pick(x.RESIDENT_FOLLOW_UPS) if rnd() < x.FOLLOW_UP_ODDS else ""
        text = opener + body
        if not group:  # a community has no groups
            text = text.replace("{g}组", "")
        return text.format_map(slots), follow_up.format_map(slots)

    def insert(self, records: list[tuple[Any, ...]], links: list[tuple[int, int, int]]) -> None:
        """Write a chunk: the records through a staging table in one statement (the search
        index then flushes once: see ``studio._Generator.insert``), then their links."""
        conn, table = self.gen.conn, CONTACT.name
        cols, marks = ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS demo_{table} ({cols})")
        conn.executemany(f"INSERT INTO temp.demo_{table} VALUES ({marks})", records)
        conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT * FROM temp.demo_{table}")
        conn.execute(f"DELETE FROM temp.demo_{table}")
        conn.executemany(
            f"INSERT INTO {LINK.table} ({LINK.owner}, {LINK.target}, position) VALUES (?, ?, ?)",
            links,
        )

    def settle_last_contacts(self) -> None:
        """Every resident's 最近联系时间, as :func:`contacts.latest` computes it: the latest
        live record of any dated kind linking them, up to the end of today."""
        until = self.clock.days[self.clock.today + 1]
        parts, args = [], []
        for kind, key in contacts.contact_links():
            link, dated = kind.link(key), f"o.{kind.date_key}"
            moment = dated if kind.field(kind.date_key).kind is Kind.DATETIME else (
                f"{dated} || ' 00:00:00'")  # fmt: skip
            parts.append(
                f"SELECT l.{link.target} AS rid, {moment} AS d FROM {link.table} l "
                f"JOIN {kind.name} o ON o.id = l.{link.owner} "
                f"WHERE o.deleted_at IS NULL AND {dated} IS NOT NULL AND {dated} < ?"
            )
            args.append(until)
        conn = self.gen.conn
        conn.execute("DROP TABLE IF EXISTS temp.demo_last_contact")
        conn.execute(
            "CREATE TEMP TABLE demo_last_contact AS SELECT rid, max(d) AS d FROM ("
            + " UNION ALL ".join(parts) + ") GROUP BY rid",
            args,
        )  # fmt: skip
        conn.execute(
            "UPDATE resident SET last_contacted_at = "
            "(SELECT d FROM temp.demo_last_contact c WHERE c.rid = resident.id) "
            "WHERE origin_site = ?",
            [self.gen.ctx.site_uuid],
        )
        conn.execute("DROP TABLE temp.demo_last_contact")
