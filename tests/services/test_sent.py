"""What an export records (``services.sent``): the package number taken, records marked sent."""

from __future__ import annotations

import pytest

from studio_app.core.errors import UserError
from studio_app.services import sent
from studio_app.services.context import Context
from studio_app.services.site import require_site
from studio_app.storage.models import Member, Setting, Site, database
from tests.services.helpers import member


def test_the_sites_package_number_is_taken_once(ctx: Context) -> None:
    site = require_site()
    assert sent.next_number(site, None) == 1
    with database.atomic():
        sent.take_number(site, 1, None)
    assert sent.next_number(site, None) == 2 == Site.get_by_id(site.id).next_package_seq
    with pytest.raises(UserError, match="第 1 号数据包已被同时进行的另一个导出使用"):
        sent.take_number(site, 1, None)
    assert sent.next_number(site, None) == 2


def test_a_setting_may_hold_the_number_instead(ctx: Context) -> None:
    site = require_site()
    key = "feedback.seq.some-studio"
    assert sent.next_number(site, key) == 1
    sent.take_number(site, 1, key)
    sent.take_number(site, 2, key)
    assert Setting.get_by_id(key).value == "3" and sent.next_number(site, key) == 3
    assert sent.next_number(site, None) == 1  # the site's own number is untouched
    with pytest.raises(UserError):
        sent.take_number(site, 2, key)


def test_records_sent_hold_the_revision_sent(ctx: Context) -> None:
    first, second, other = member(ctx, "王建国"), member(ctx, "陈立"), member(ctx, "林芳")
    sent.mark_sent("member", "exchanged_rev", [(3, first.id), (1, second.id)])
    sent.mark_sent("member", "exchanged_county_rev", iter([(2, second.id)]))
    found = {m.id: (m.exchanged_rev, m.exchanged_county_rev) for m in Member.select()}
    assert found == {first.id: (3, 0), second.id: (1, 2), other.id: (0, 0)}
