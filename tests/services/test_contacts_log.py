"""The contact log (联系记录): who contacted whom, when and how; a contact with residents
is their latest contact; a record names a member or residents contacted."""

from __future__ import annotations

from datetime import datetime

import pytest

from studio_app.core import kinds
from studio_app.core.errors import ValidationError
from studio_app.services import kind_records, members, residents
from studio_app.services.context import Context
from studio_app.storage.models import Resident, database


def test_a_contact_with_residents_is_their_latest_contact(ctx: Context) -> None:
    lee = members.create(ctx, {"name": "李梅"}).id
    zhang = residents.create(ctx, {"name": "张三", "village": "东村"}).id
    record = kind_records.create(
        ctx,
        kinds.CONTACT,
        {"member": lee, "contacted_at": "2026-03-02 10:00", "channel": "电话",
         "residents": [zhang], "content": "询问春耕用水情况"},
    )  # fmt: skip
    assert record.serial.startswith("LX-")
    assert Resident.get_by_id(zhang).last_contacted_at == datetime(2026, 3, 2, 10, 0)


def test_a_contact_names_someone_contacted(ctx: Context) -> None:
    lee = members.create(ctx, {"name": "李梅"}).id
    values = {"member": lee, "contacted_at": "2026-03-02 10:00", "channel": "微信",
              "content": "了解近况"}  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        kind_records.create(ctx, kinds.CONTACT, values)
    assert refused.value.errors == {"contacted_member": "“联系的委员”或“联系的群众”至少填写一项"}
    assert database.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0
    wang = members.create(ctx, {"name": "王建国"}).id
    record = kind_records.create(ctx, kinds.CONTACT, values | {"contacted_member": wang})
    with pytest.raises(ValidationError):  # nobody left contacted: refused, nothing written
        kind_records.update(ctx, kinds.CONTACT, record.id, {"contacted_member": None})
    assert kind_records.get(kinds.CONTACT, record.id).rev == 1


def test_only_the_member_who_made_contact_is_credited(ctx: Context) -> None:
    from studio_app.services.statistics import Period, report

    lee = members.create(ctx, {"name": "李梅"}).id
    wang = members.create(ctx, {"name": "王建国"}).id
    kind_records.create(
        ctx,
        kinds.CONTACT,
        {"member": lee, "contacted_at": "2026-03-02 10:00", "channel": "走访",
         "contacted_member": wang, "content": "一联十：了解履职情况"},
    )  # fmt: skip
    march = report(Period.month(2026, 3))
    assert march.counted["contact"] == 1
    assert {m.name: m.counted.get("contact", 0) for m in march.members} == {"李梅": 1}
