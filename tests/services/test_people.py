"""Members and residents: validation, duplicates, renames that follow into visits."""

from __future__ import annotations

import pytest

from studio_app.core.errors import NotFound, ValidationError
from studio_app.services import members, residents
from studio_app.services.context import Context
from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import ListQuery
from studio_app.storage.models import Resident
from tests.services.helpers import member, resident, visit


def test_resident_identifiers_are_normalised_and_kept_as_text(ctx: Context) -> None:
    r = resident(ctx, phone="+86 １３８ 0000 1111", id_number="11010519491231002x")
    raw = Resident.select(Resident.phone, Resident.id_number).where(Resident.id == r.id).tuples()
    assert list(raw) == [("13800001111", "11010519491231002X")]
    assert r.phone_key == "13800001111" and r.name_key == "李秀英"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"id_number": "110105194912310021"}, "id_number"),
        ({"id_number": 110105194912310020}, "id_number"),
        ({"phone": "138000011"}, "phone"),
        ({"name": "  "}, "name"),
        ({"kind": "alien"}, "kind"),
        ({"name": "名" * 51}, "name"),
    ],
)
def test_bad_resident_input_is_refused(ctx: Context, values: dict, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        resident(ctx, **values)
    assert field in info.value.errors
    assert Resident.select().count() == 0


def test_duplicate_suggestions(ctx: Context) -> None:
    a = resident(ctx, "李秀英", phone="13800001111", id_number="11010519491231002X")
    resident(ctx, "李秀英", village="西岙村")
    by_phone = residents.suggest_duplicates(name="李小英", phone="138 0000 1111")
    assert [(s.resident.id, s.reason) for s in by_phone] == [(a.id, "电话相同")]
    by_id = residents.suggest_duplicates(id_number="11010519491231002X")
    assert [s.reason for s in by_id] == ["身份证号相同"]
    same_village = residents.suggest_duplicates(name="李 秀英", village="东岙村")
    assert [(s.resident.id, s.reason) for s in same_village] == [(a.id, "同村同名")]
    assert residents.suggest_duplicates(name="李秀英", village="东岙村", exclude_id=a.id) == []
    assert len(residents.suggest_duplicates(name="李秀英")) == 2


def test_find_by_name_prefix_or_phone(ctx: Context) -> None:
    a = resident(ctx, "李秀英", phone="13800001111")
    resident(ctx, "王大明")
    assert [r.id for r in residents.find("李")] == [a.id]
    assert [r.id for r in residents.find("1380000")] == [a.id]
    assert residents.find("") == []


def test_renaming_people_updates_visit_names_and_search(ctx: Context) -> None:
    m = member(ctx, "王建国")
    r = resident(ctx, "李秀英")
    visit(ctx, member_ids=[m.id], residents=[r.id])
    members.update(ctx, m.id, {"name": "王建华"})
    residents.update(ctx, r.id, {"name": "李秀兰"})
    row = visit_list.page(ListQuery()).rows[0]
    assert row[4:6] == ("王建华", "李秀兰")
    assert visit_list.count(ListQuery(text="秀兰")) == 1
    assert visit_list.count(ListQuery(text="秀英")) == 0
    assert visit_list.count(ListQuery(text="建华")) == 1


def test_member_fields(ctx: Context) -> None:
    chair = member(ctx, "张常委", is_standing=True)
    m = member(ctx, "赵委员", contact_parent=chair.id, phone="13912345678", gender="女")
    assert m.contact_parent_id == chair.id and m.gender == "female" and m.active
    assert [x.name for x in members.list_active()] == ["张常委", "赵委员"]
    members.delete(ctx, m.id)
    assert [x.name for x in members.list_active()] == ["张常委"]
    with pytest.raises(ValidationError, match="界别"):
        member(ctx, "钱委员", sector="火星界")
    with pytest.raises(NotFound):
        members.get(9999)
