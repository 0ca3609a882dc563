"""The demo studio's direct reporting points (社情民意直报点): one in each of the first few
villages, with a liaison, a phone, opening hours and a member responsible, created through
the kind's service like typed ones; the demo's visits through a point name it."""

from __future__ import annotations

from collections.abc import Sequence

from studio_app.core import kinds
from studio_app.core.codes import Channel
from studio_app.demo import text as t
from studio_app.services import kind_records
from studio_app.services.context import Context
from studio_app.storage.models import Member

REPORTING_POINTS = 5
HOURS = ("每周一、三、五 9:00—11:30", "每月逢5、逢10日上午", "工作日 8:30—17:00")


def make_reporting_points(ctx: Context, villages: Sequence[str], rnd: t.Random) -> dict[str, int]:
    """A point in each of ``villages``; its place as visits name it (``text.PLACES``) → id."""
    members = [m.id for m in Member.select(Member.id).where(Member.deleted_at.is_null())]
    found = {}
    for village in villages:
        place = t.PLACES[Channel.REPORTING_POINT.value].format(v=village)
        liaison, _gender = t.person_name(rnd)
        point = kind_records.create(ctx, kinds.REPORTING_POINT, {
            "name": place, "village": village, "liaison": liaison,
            "phone": t.mobiles(rnd, 1)[0], "hours": HOURS[int(rnd() * len(HOURS))],
            "members": [members[int(rnd() * len(members))]] if members else [],
        })  # fmt: skip
        found[place] = point.id
    return found
