"""Election observations travel to the county on their own sheet (换届选举观察): the village,
term, flags, observers and every observation entry; an edit (a reply recorded) travels in the
next package, a full re-send changes nothing; a consultation grown from an election carries
the link (``e:`` in 来源记录（标识）) and finds the election at the county."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio_app.core import kinds
from studio_app.services import kind_records, members, origins
from studio_app.storage.models import Member, database
from tests.exchange.conftest import Install, same_at_both
from tests.exchange.test_county_loop import take
from tests.kinds.test_exchange import send, sheet_cells

ELECTION = kinds.ELECTION
CONSULTATION = kinds.CONSULTATION
UNIT = "14"  # 镇人民政府 in the default code list


def portable() -> dict[str, dict[str, Any]]:
    """Every election as the services read it, members by uuid, with its rev; by uuid."""
    uuid_of = dict(Member.select(Member.id, Member.uuid).tuples())
    found = {}
    for (rid,) in database.execute_sql("SELECT id FROM election"):
        values = kind_records.values(ELECTION, rid)
        values["observers"] = [uuid_of[i] for i in values["observers"]]
        for entry in values["entries"]:
            entry["observer"] = uuid_of.get(entry["observer"])
        row = kind_records.get(ELECTION, rid)
        values |= {"serial": row.serial, "rev": row.rev, "deleted_at": row.deleted_at}
        found[row.uuid] = values
    return found


def observe(studio: Install) -> int:
    with studio as ctx:
        lee, wang = (members.create(ctx, {"name": n}).id for n in ("李梅", "王建国"))
        return kind_records.create(ctx, ELECTION, {
            "village": "东岙村", "term": "2026年村（社区）“两委”换届",
            "election_on": "2026-03-08", "complex": True, "legacy_issues": True,
            "observers": [lee, wang],
            "entries": [
                {"stage": "registration", "observed_on": "2026-02-16", "observer": wang,
                 "seen": "登记榜已张贴", "issues": "外出人员未核实", "rating": "mostly",
                 "reported_to": UNIT},
                {"stage": "voting", "observed_on": "2026-03-08", "observer": lee,
                 "seen": "=唱票计票公开", "rating": "compliant"},
            ],
            "summary": "总体平稳有序；外出人员登记需核实。",
        }).id  # fmt: skip


def test_an_election_travels_then_an_edit(studio: Install, county: Install, out: Path) -> None:
    record_id = observe(studio)
    with studio:
        sent = portable()
    first = send(studio, out, {"委员": 2, "换届选举观察": 1})
    header, rows = sheet_cells(first, ELECTION.sheet_title)
    (row,) = rows
    assert row[header.index("村/社区")] == "东岙村" and row[header.index("选情复杂村")] == "是"
    assert "外出人员未核实" in row[header.index("观察情况")]
    take(county, first, new=3)
    with county:
        assert portable() == sent
    same_at_both(studio, county)

    with studio as ctx:  # the reply arrives: the issue is answered
        entries = kind_records.values(ELECTION, record_id)["entries"]
        entries[0]["reply"] = "已逐户电话核实并补登"
        kind_records.update(ctx, ELECTION, record_id, {"entries": entries})
        changed = portable()
    take(county, send(studio, out, {"换届选举观察": 1}), update=1)
    with county:
        assert portable() == changed
    same_at_both(studio, county)
    take(county, send(studio, out, {"委员": 2, "换届选举观察": 1}, full=True))
    with county:
        assert portable() == changed


def test_a_consultation_grown_from_an_election_keeps_the_link(
    studio: Install, county: Install, out: Path
) -> None:
    record_id = observe(studio)
    take(county, send(studio, out, {"委员": 2, "换届选举观察": 1}), new=3)
    with studio as ctx:
        start = origins.start_values(CONSULTATION.name, ELECTION.name, [record_id])
        grown = kind_records.create(ctx, CONSULTATION, {
            **start, "topic": "外出人员选民登记核实办法", "format": "meeting",
            "held_at": "2026-03-20 14:30",
        }, grew_from={ELECTION.name: [record_id]})  # fmt: skip
        uuid = kind_records.get(ELECTION, record_id).uuid
        consultation_uuid = grown.uuid
    package = send(studio, out, {"协商议事": 1})
    header, rows = sheet_cells(package, CONSULTATION.sheet_title)
    assert rows[0][header.index("来源记录（标识）")] == f"e:{uuid}"
    take(county, package, new=1)
    with county:
        arrived = kind_records.get(CONSULTATION, consultation_uuid)
        election = kind_records.get(ELECTION, uuid)
        assert origins.of(CONSULTATION.name, arrived.id) == {"visit": [], "election": [election.id]}
        assert origins.grown(ELECTION.name, election.id) == {CONSULTATION.name: [arrived.id]}
    same_at_both(studio, county)
