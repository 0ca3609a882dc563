"""The demo studio's contact records (一联十、十联百): realistic, valid by the service's rules,
consistent with the residents' last contact, and a chain view with people behind."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

from studio_app.core import kinds
from studio_app.core.codes import ContactChannel
from studio_app.demo import generic
from studio_app.demo import studio as demo
from studio_app.demo.contacts import BASE_CONTACTS, LEAST, contacts_for
from studio_app.services import contact_chain, contacts, integrity, kind_records
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import AuditEntry
from tests.services.demo_studio import NOW, VISITS, Generated, one, q, shared_demo, studio_context

CONTACT = kinds.CONTACT


generated, g = shared_demo(seed=7)


def test_about_fifteen_hundred_in_proportion_to_the_visits(g: Generated) -> None:
    assert BASE_CONTACTS == 1500 and contacts_for(VISITS) == 1500
    assert [contacts_for(v) for v in (0, 20, 300, 266_667)] == [LEAST, LEAST, 225, 200_000]
    assert g.summary.counted["contact"] == 1500 == one("SELECT count(*) FROM contact")
    assert g.summary.audited()["contact"] == 1500
    per_year = Counter(y for (y,) in q("SELECT substr(contacted_at, 1, 4) FROM contact"))
    assert per_year[str(NOW.year - 1)] > per_year[str(NOW.year - 2)]  # the chain grows


def test_channels_are_mixed_and_texts_read_like_a_clerks(g: Generated) -> None:
    channels = Counter(dict(q("SELECT channel, count(*) FROM contact GROUP BY channel")))
    assert set(channels) == {c.value for c in ContactChannel}
    assert channels["phone"] > channels["talk"] > channels["other"]
    texts = [c for (c,) in q("SELECT content FROM contact")]
    assert all(8 <= len(c) <= 120 and "{" not in c and "}" not in c for c in texts)
    assert len(set(texts)) > 200  # not a handful of strings repeated
    assert any("春耕" in c for c in texts) and any("养老保险" in c for c in texts)
    follow_ups = [f for (f,) in q("SELECT follow_up FROM contact WHERE follow_up != ''")]
    assert 0.2 < len(follow_ups) / len(texts) < 0.6 and "{" not in "".join(follow_ups)
    talks = q(
        "SELECT c.id, count(l.resident_id) FROM contact c JOIN contact_resident l "
        "ON l.contact_id = c.id WHERE c.channel = 'talk' GROUP BY c.id"
    )
    assert max(n for _, n in talks) >= 3  # a 座谈 meets several residents


def test_contacts_follow_the_chain(g: Generated) -> None:
    """Standing members contact their own members; members mostly their own residents."""
    parent = dict(q("SELECT id, contact_parent_id FROM member"))
    standing = {i for (i,) in q("SELECT id FROM member WHERE is_standing")}
    pairs = q("SELECT member_id, contacted_member_id FROM contact WHERE contacted_member_id > 0")
    assert 0.12 < len(pairs) / 1500 < 0.28
    assert all(by in standing and parent[whom] == by for by, whom in pairs)
    linked = q(
        "SELECT c.member_id, r.contact_member_id FROM contact c JOIN contact_resident l "
        "ON l.contact_id = c.id JOIN resident r ON r.id = l.resident_id"
    )
    own = sum(by == holder for by, holder in linked)
    assert own / len(linked) > 0.9
    no_one = q("SELECT count(*) FROM contact WHERE contacted_member_id IS NULL AND id NOT IN "
               "(SELECT contact_id FROM contact_resident)")  # fmt: skip
    assert no_one == [(0,)]  # every record names someone contacted (one_of)
    names = q(
        "SELECT c.resident_names, group_concat(r.name, '、') FROM contact c "
        "JOIN (SELECT * FROM contact_resident ORDER BY contact_id, position) l "
        "ON l.contact_id = c.id JOIN resident r ON r.id = l.resident_id GROUP BY c.id"
    )
    assert all(shown == joined for shown, joined in names)


def test_every_contact_passes_the_services_validation(g: Generated) -> None:
    """Saved again through the service with its own values, no contact changes at all."""
    entries = AuditEntry.select().count()
    ids = [i for (i,) in q("SELECT id FROM contact WHERE deleted_at IS NULL ORDER BY id")]
    revs = dict(q("SELECT id, rev FROM contact"))
    for record_id in random.Random(1).sample(ids, 300):
        values = kind_records.values(CONTACT, record_id)
        kind_records.update(g.ctx, CONTACT, record_id, values)
    assert dict(q("SELECT id, rev FROM contact")) == revs
    assert AuditEntry.select().count() == entries
    assert 1470 <= len(ids) < 1500 and integrity.problems() == []
    assert q("PRAGMA foreign_key_check") == []
    assert one("SELECT max(contacted_at) FROM contact") <= g.ctx.now_local().isoformat(" ")


def test_serials_are_numbered_per_year_in_order(g: Generated) -> None:
    by_year: dict[str, list[int]] = defaultdict(list)
    for (serial,) in q("SELECT serial FROM contact ORDER BY id"):
        prefix, year, number = serial.split("-")
        assert prefix == "LX"
        by_year[year].append(int(number))
    for year, numbers in by_year.items():
        assert numbers == list(range(1, len(numbers) + 1)), year
        last = one("SELECT last FROM serial_counter WHERE prefix = 'LX' AND year = ?", int(year))
        assert last == len(numbers)
    made = generic.generate(g.ctx, random.Random(1), 2, skip=demo.OWN_DEMOS)
    assert CONTACT.name in demo.OWN_DEMOS and CONTACT.name not in made


def test_last_contacts_are_what_the_service_computes(g: Generated) -> None:
    found = contacts.latest(g.ctx)
    stored = {
        rid: datetime.fromisoformat(v) for rid, v in q("SELECT id, last_contacted_at FROM resident")
        if v
    }  # fmt: skip
    assert stored == found
    by_contact = dict(
        q("SELECT l.resident_id, max(c.contacted_at) FROM contact_resident l JOIN contact c "
          "ON c.id = l.contact_id WHERE c.deleted_at IS NULL GROUP BY 1")
    )  # fmt: skip
    later = [r for r, when in by_contact.items() if stored[r] > datetime.fromisoformat(when)]
    assert later and len(later) < len(by_contact)  # visits and contacts both count


def test_the_chain_view_shows_people_behind(g: Generated) -> None:
    chain = contact_chain.chain(g.ctx)
    assert len(chain.standing) == 4 and all(len(s.members) >= 5 for s in chain.standing)
    assert 0.15 < chain.overdue / chain.residents < 0.8  # some behind, not everyone
    assert chain.unassigned > 0
    members = [m for s in chain.standing for m in s.members]
    assert all(m.residents < chain.targets.residents for m in members)  # below 100 each
    assert any(m.overdue == 0 for m in members) and any(
        m.overdue > m.residents / 2 for m in members
    )
    assert sum(s.overdue > 2 for s in chain.standing) >= 1  # a standing member behind
    assert any(s.overdue == 0 for s in chain.standing)
    cutoff = chain.cutoff
    assert all(s.last_contact and s.last_contact > cutoff - timedelta(days=400)
               for s in chain.standing)  # fmt: skip


def test_the_same_seed_gives_the_same_contacts(g: Generated, tmp_path: Path) -> None:
    first = q("SELECT serial, member_id, contacted_at, channel, content FROM contact ORDER BY id")
    close_database()
    open_database(tmp_path / "again.sqlite3")
    try:
        demo.generate(studio_context(), visits=VISITS, seed=7)
        again = q("SELECT serial, member_id, contacted_at, channel, content FROM contact "
                  "ORDER BY id")  # fmt: skip
    finally:
        close_database()
        open_database(g.path)
    assert again == first
