"""The demo studio's election observations: one term of the villages' 两委 elections, held
before the demo's today, every stage observed in some villages, some issues still open,
valid by the service's rules and the same for the same seed."""

from __future__ import annotations

import dataclasses
from datetime import date

from studio_app.core import kinds
from studio_app.core.codes import ElectionStage
from studio_app.demo import studio as demo
from studio_app.demo.elections import ELECTIONS, term_year
from studio_app.services import elections, kind_records
from studio_app.services.context import Context
from studio_app.storage.models import database
from tests.conftest import fixed_clock
from tests.services.demo_studio import NOW


def test_one_term_with_every_stage_observed(ctx: Context) -> None:
    c = dataclasses.replace(ctx, clock=fixed_clock(NOW))
    summary = demo.generate(c, visits=0)
    assert summary.counted["election"] == ELECTIONS == 6
    assert term_year(date(2026, 6, 15)) == 2026 and term_year(date(2026, 2, 1)) == 2025
    (term,) = elections.terms()
    assert term == "2026年村（社区）“两委”换届"
    view = elections.term(term)
    assert len(view.villages) == ELECTIONS
    assert all(view.observed_in(stage) > 0 for stage in ElectionStage)
    assert 0 < sum(v.has(ElectionStage.COMMITTEE) for v in view.villages) < ELECTIONS
    assert sum(v.open_issues for v in view.villages) == 2
    assert any(v.flags for v in view.villages) and not all(v.flags for v in view.villages)
    for village in view.villages:
        assert village.election_on is not None and village.election_on < date(2026, 4, 1)
        values = kind_records.values(kinds.ELECTION, village.election_id)
        kind_records.update(c, kinds.ELECTION, village.election_id, values)  # valid as made
        line = elections.timeline(village.election_id)
        assert all(e.observed_on and e.observed_on <= village.election_on for e in line.entries)
    serials = [s for (s,) in database.execute_sql("SELECT serial FROM election ORDER BY id")]
    assert serials == [f"HJ-2026-{n:04d}" for n in range(1, ELECTIONS + 1)]
