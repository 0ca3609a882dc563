"""The county office's own work on studios' records (``services.county_work``): every rule.

Real studio records reach a real county database by a package (export → import), as they do
in use; the county then reviews, assigns, replies, records adoptions and instructions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from studio_app.core.codes import Role
from studio_app.core.errors import NotFound, TransitionRefused, UserError, ValidationError
from studio_app.services import audit, county_work, proposals, visits
from studio_app.services.county_work import COUNTY_ONLY, add_months
from studio_app.services.permissions import PermissionDenied
from studio_app.storage.models import Proposal, database
from tests.exchange import conftest as pair
from tests.exchange.conftest import Install
from tests.exchange.county_records import another_studio, at_county, send, studio_records, take

studio, county, out = pair.studio, pair.county, pair.out  # the two installations' fixtures

JAN_31 = date(2026, 1, 31)


def get(uuid: str) -> Proposal:
    return Proposal.get(Proposal.uuid == uuid)


def state() -> tuple[Any, ...]:
    """Every proposal column, every unit and the audit log: what a refusal must not touch."""
    sql = database.obj.execute_sql
    return (
        list(sql("SELECT * FROM proposal ORDER BY id")),
        list(sql("SELECT * FROM proposal_unit ORDER BY proposal_id, position")),
        list(sql("SELECT * FROM audit_entry ORDER BY id")),
    )


def refused(call: Callable[[], object], error: type[UserError] = UserError) -> UserError:
    """``call`` is refused with ``error`` and changes nothing."""
    before = state()
    with pytest.raises(error) as caught:
        call()
    assert state() == before
    return caught.value


def invalid(call: Callable[[], object]) -> dict[str, str]:
    """The field messages of a refused ``call`` (nothing changed)."""
    found = refused(call, ValidationError)
    assert isinstance(found, ValidationError)
    return found.errors


def entries(uuid: str, action: str) -> list[dict[str, Any]]:
    return [e["changes"] for e in audit.history(uuid) if e["action"] == action]


# -- where ------------------------------------------------------------------------------


def test_a_studio_is_refused_every_step_in_one_sentence(studio: Install) -> None:
    with studio as ctx:
        made = studio_records(ctx)
        uuid, sqmy = made["proposal"].uuid, made["sqmy"].uuid
        calls: list[Callable[[], object]] = [
            lambda: county_work.review(ctx, uuid, "accepted"),
            lambda: county_work.accept_many(ctx, [uuid]),
            lambda: county_work.set_units(ctx, uuid, [("lead", "01")]),
            lambda: county_work.assign(ctx, [uuid], "01"),
            lambda: county_work.reply(ctx, uuid, "A", "已解决"),
            lambda: county_work.adopt(ctx, sqmy, "city"),
            lambda: county_work.instruct(ctx, uuid, "张县长", "county", "抓紧办理"),
        ]
        for call in calls:
            assert refused(call).message == COUNTY_ONLY


def test_a_viewer_at_the_county_is_refused(studio: Install, county: Install, out: Path) -> None:
    made = at_county(studio, county, out)
    with county as cctx:
        viewer = dataclasses.replace(cctx, user="reader", role=Role.VIEWER)
        before = state()[:2]
        with pytest.raises(PermissionDenied, match="无权新增、修改或删除记录"):
            county_work.review(viewer, made["proposal"].uuid, "accepted")
        assert state()[:2] == before  # only the refusal is audited
        assert database.obj.execute_sql(
            "SELECT count(*) FROM audit_entry WHERE action = 'refused' AND user = 'reader'"
        ).fetchone() == (1,)


def test_studio_owned_fields_of_a_studios_record_are_refused_at_the_county(
    studio: Install, county: Install, out: Path
) -> None:
    made = at_county(studio, county, out)
    uuid = made["proposal"].uuid
    with county as cctx:
        for call in (
            lambda: proposals.update(cctx, uuid, {"title": "县政协改的标题"}),
            lambda: proposals.update(cctx, uuid, {"county_no": "PY-1", "facts": "改"}),
            lambda: proposals.delete(cctx, uuid),
            lambda: visits.update(cctx, made["visits"][0].uuid, {"place": "县政协"}),
        ):
            message = refused(call).message
            assert (
                message.startswith("这是石桥镇政协委员工作室的") and "内容由工作室填写" in message
            )
        # Its county-owned fields are the county's to write.
        proposals.update(cctx, uuid, {"county_no": "PY-1"})
        assert get(uuid).county_no == "PY-1"


# -- review -----------------------------------------------------------------------------


def test_review_accepted_with_a_county_number_is_audited_and_bumps_county_rev(
    studio: Install, county: Install, out: Path
) -> None:
    made = at_county(studio, county, out)
    uuid = made["proposal"].uuid
    with county as cctx:
        before = get(uuid)
        county_work.review(cctx, uuid, "accepted", county_no=" PY-2026-001 ")
        after = get(uuid)
        assert (after.review, after.county_no) == ("accepted", "PY-2026-001")
        assert after.county_rev == before.county_rev + 1
        assert (after.rev, after.exchanged_rev) == (before.rev, before.exchanged_rev)
        assert entries(uuid, "review") == [
            {"county_no": ["", "PY-2026-001"], "review": ["", "accepted"]}
        ]
        assert county_work.find("PY-2026-001").uuid == uuid
        assert invalid(lambda: county_work.review(cctx, uuid, "maybe")).keys() == {"review"}


@pytest.mark.parametrize("result", ["rejected", "returned"])
def test_rejected_and_returned_need_a_reason(
    studio: Install, county: Install, out: Path, result: str
) -> None:
    made = at_county(studio, county, out)
    uuid = made["proposal"].uuid
    with county as cctx:
        errors = invalid(lambda: county_work.review(cctx, uuid, result, reason="  "))
        assert errors.keys() == {"review_reason"} and "须写明理由" in errors["review_reason"]
        county_work.review(cctx, uuid, result, reason="不属于提案受理范围")
        row = get(uuid)
        assert (row.review, row.review_reason) == (result, "不属于提案受理范围")
        assert county_work.stage(row, JAN_31) == county_work.SETTLED


def test_merge_target_rules(studio: Install, county: Install, out: Path, tmp_path: Path) -> None:
    made = at_county(studio, county, out)
    _, other = another_studio(tmp_path, county, out)
    main, second, sqmy = (made[k] for k in ("proposal", "second", "sqmy"))
    with county as cctx:

        def merge(row: Proposal, into: str) -> Proposal:
            return county_work.review(cctx, row.uuid, "merged", into=into)

        assert invalid(lambda: merge(second, "")) == {"merged_into": "并案须写明并入哪一件（编号）"}
        assert invalid(lambda: merge(main, f"SQZ:{main.serial}")) == {"merged_into": "不能并入自身"}
        assert "找不到" in invalid(lambda: merge(second, "TA-1999-0001"))["merged_into"]
        # Both studios use the serial: the target must name its studio.
        message = invalid(lambda: merge(second, main.serial))["merged_into"]
        assert "DQZ、SQZ" in message and "工作室代码:编号" in message

        merge(second, f"SQZ:{main.serial}")
        assert get(second.uuid).merged_into == main.serial  # the same studio: the serial
        assert "本身已并入" in invalid(lambda: merge(sqmy, f"SQZ:{second.serial}"))["merged_into"]
        merge(other["second"], f"sqz:{main.serial}")  # another studio's: CODE:SERIAL
        assert get(other["second"].uuid).merged_into == f"SQZ:{main.serial}"
        county_work.review(cctx, second.uuid, "accepted")
        assert get(second.uuid).merged_into == ""  # a new result replaces the old one


def test_converted_to(studio: Install, county: Install, out: Path) -> None:
    made = at_county(studio, county, out)
    main, second, sqmy, suggestion = (made[k] for k in ("proposal", "second", "sqmy", "suggestion"))
    with county as cctx:
        county_work.review(cctx, suggestion.uuid, "converted")
        assert get(suggestion.uuid).converted_to == "sqmy"  # a suggestion: into 社情民意
        county_work.review(cctx, sqmy.uuid, "converted")
        assert get(sqmy.uuid).converted_to == "suggestion"
        county_work.review(cctx, main.uuid, "converted")
        assert get(main.uuid).converted_to == "suggestion"  # a proposal: into a suggestion
        county_work.review(cctx, second.uuid, "converted", converted_to="sqmy")
        assert get(second.uuid).converted_to == "sqmy"
        for kind in ("sqmy", "idea", "proposal"):
            errors = invalid(
                lambda kind=kind: county_work.review(
                    cctx, sqmy.uuid, "converted", converted_to=kind
                )
            )
            assert errors.keys() == {"converted_to"}
        county_work.review(cctx, suggestion.uuid, "accepted")
        assert get(suggestion.uuid).converted_to == ""
        assert entries(suggestion.uuid, "review")[-1] == {
            "converted_to": ["sqmy", ""],
            "review": ["converted", "accepted"],
        }


def test_a_county_number_is_unique_among_live_records(
    studio: Install, county: Install, out: Path
) -> None:
    made = at_county(studio, county, out)
    main, second = made["proposal"], made["second"]
    with county as cctx:
        county_work.review(cctx, main.uuid, "accepted", county_no="PY-1")
        errors = invalid(
            lambda: county_work.review(cctx, second.uuid, "accepted", county_no="PY-1")
        )
        assert errors == {"county_no": f"县政协编号 PY-1 已用于 {main.serial}（{main.title[:20]}）"}
        county_work.review(cctx, second.uuid, "accepted", county_no="  ")  # blank: none
        assert get(second.uuid).county_no == ""
    with studio as ctx:
        proposals.delete(ctx, main.id)  # the studio trashes it: its number is free again
    take(county, send(studio, out))
    with county as cctx:
        with pytest.raises(NotFound):
            county_work.find("PY-1")
        county_work.review(cctx, second.uuid, "accepted", county_no="PY-1")
        assert county_work.find("PY-1").uuid == second.uuid
        gone = refused(lambda: county_work.review(cctx, main.uuid, "rejected"), NotFound)
        assert "删除" in gone.message


def test_only_submitted_records_are_worked_on(studio: Install, county: Install, out: Path) -> None:
    made = at_county(studio, county, out)
    draft = made["draft"].uuid
    with county as cctx:
        for call in (
            lambda: county_work.review(cctx, draft, "accepted"),
            lambda: county_work.instruct(cctx, draft, "张县长", "county", "阅"),
        ):
            assert "尚未报送" in refused(call, TransitionRefused).message


# -- assignment -------------------------------------------------------------------------


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(JAN_31, 3) == date(2026, 4, 30)
    assert add_months(JAN_31, 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 15), 3) == date(2026, 6, 15)
    assert add_months(date(2026, 10, 31), 3) == date(2027, 1, 31)


def test_assign_only_accepted_records_due_three_months_later(
    studio: Install, county: Install, out: Path
) -> None:
    made = at_county(studio, county, out)
    main, second = made["proposal"].uuid, made["second"].uuid
    with county as cctx:
        message = refused(lambda: county_work.assign(cctx, [main], "01"), TransitionRefused)
        assert "尚未立案" in message.message
        county_work.review(cctx, main, "rejected", reason="重复")
        assert "尚未立案" in refused(lambda: county_work.assign(cctx, [main], "01")).message
        county_work.accept_many(cctx, [main, second])
        before = get(main).county_rev
        done = county_work.assign(cctx, [main, second], "县住建局", ["02"], on="2026-01-31")
        assert [r.uuid for r in done] == [main, second]
        for uuid in (main, second):
            row = get(uuid)
            assert (row.assigned_at, row.reply_due) == (JAN_31, date(2026, 4, 30))
            assert county_work.units_of(row) == [("lead", "01"), ("assisting", "02")]
        assert get(main).county_rev > before and get(main).rev == made["proposal"].rev
        assert entries(main, "assign") == [
            {"units": [[], [["lead", "01"], ["assisting", "02"]]]},
            {"assigned_at": [None, "2026-01-31"], "reply_due": [None, "2026-04-30"]},
        ]
        # Again, today by default: re-assigned to another lead, due three months on.
        county_work.assign(cctx, [main], "县交通运输局")
        row = get(main)
        assert row.assigned_at == cctx.today()
        assert row.reply_due == add_months(cctx.today(), 3)
        assert county_work.units_of(row) == [("lead", "02")]
        assert county_work.stage(row, cctx.today()) == county_work.IN_HAND


def test_assign_checks_dates_and_units(studio: Install, county: Install, out: Path) -> None:
    made = at_county(studio, county, out)
    main = made["proposal"].uuid
    with county as cctx:
        county_work.review(cctx, main, "accepted")

        def assign(lead: str, *assist: str, **kw: Any) -> object:
            return county_work.assign(cctx, [main], lead, assist, **kw)

        assert invalid(lambda: assign("01", on="2026-05-01", due="2026-04-30")) == {
            "reply_due": "答复期限不能早于交办日期"
        }
        assert invalid(lambda: assign("01", on="2026-02-30")).keys() == {"assigned_at"}
        assert "代码表中没有 县外星局" in invalid(lambda: assign("县外星局"))["units"]
        assert "重复" in invalid(lambda: assign("01", "县住建局"))["units"]
        errors = invalid(lambda: county_work.set_units(cctx, main, [("assisting", "01")]))
        assert errors == {"units": "承办单位：须有且只有一个主办单位"}
        county_work.set_units(cctx, main, [("assisting", "03"), ("lead", "01")])
        assert county_work.units_of(get(main)) == [("lead", "01"), ("assisting", "03")]


def test_a_batch_is_all_or_nothing(studio: Install, county: Install, out: Path) -> None:
    made = at_county(studio, county, out)
    main, second, draft = (made[k].uuid for k in ("proposal", "second", "draft"))
    with county as cctx:
        assert "尚未报送" in refused(lambda: county_work.accept_many(cctx, [main, draft])).message
        assert get(main).review == ""
        county_work.review(cctx, main, "accepted")
        message = refused(lambda: county_work.assign(cctx, [main, second], "01")).message
        assert message.startswith(made["second"].serial) and "尚未立案" in message
        assert get(main).assigned_at is None and county_work.units_of(get(main)) == []


def test_a_review_other_than_accepted_takes_the_assignment_back(
    studio: Install, county: Install, out: Path
) -> None:
    made = at_county(studio, county, out)
    main = made["proposal"].uuid
    with county as cctx:
        county_work.review(cctx, main, "accepted")
        county_work.assign(cctx, [main], "01", ["02"], on="2026-03-01")
        county_work.review(cctx, main, "returned", reason="请补充调研材料")
        row = get(main)
        assert (row.assigned_at, row.reply_due, county_work.units_of(row)) == (None, None, [])
        assert entries(main, "assign")[-1] == {"units": [[["lead", "01"], ["assisting", "02"]], []]}
        assert entries(main, "review")[-1] == {
            "assigned_at": ["2026-03-01", None], "reply_due": ["2026-06-01", None],
            "review": ["accepted", "returned"], "review_reason": ["", "请补充调研材料"],
        }  # fmt: skip


# -- reply, adoption, instruction -------------------------------------------------------


def test_reply_only_after_assignment_and_then_no_new_review(
    studio: Install, county: Install, out: Path
) -> None:
    made = at_county(studio, county, out)
    main = made["proposal"].uuid
    with county as cctx:
        county_work.review(cctx, main, "accepted")
        message = refused(lambda: county_work.reply(cctx, main, "A", "已解决"), TransitionRefused)
        assert "尚未交办" in message.message
        county_work.assign(cctx, [main], "01", on="2026-03-01")
        assert invalid(lambda: county_work.reply(cctx, main, "D", "已解决")).keys() == {
            "reply_class"
        }
        assert invalid(lambda: county_work.reply(cctx, main, "A", " ")) == {
            "reply_summary": "答复摘要：必填"
        }
        assert invalid(lambda: county_work.reply(cctx, main, "A", "好", on="2026-02-01")) == {
            "replied_at": "答复日期不能早于交办日期"
        }
        county_work.reply(cctx, main, "b", "已列入明年计划", on="2026-05-20", text="答复全文……")
        row = get(main)
        assert (row.reply_class, row.reply_summary, row.replied_at, row.reply_text) == (
            "B", "已列入明年计划", date(2026, 5, 20), "答复全文……"
        )  # fmt: skip
        assert county_work.stage(row, date(2027, 1, 1)) == county_work.REPLIED
        assert entries(main, "reply") == [{
            "reply_class": ["", "B"], "reply_summary": ["", "已列入明年计划"],
            "replied_at": [None, "2026-05-20"], "reply_text": ["", "答复全文……"],
        }]  # fmt: skip
        for call in (
            lambda: county_work.review(cctx, main, "rejected", reason="改主意"),
            lambda: county_work.assign(cctx, [main], "02"),
        ):
            assert "已答复" in refused(call, TransitionRefused).message
        county_work.review(cctx, main, "accepted", county_no="PY-9")  # the number: fine
        assert (get(main).review, get(main).county_no) == ("accepted", "PY-9")
        county_work.reply(cctx, main, "A", "已解决", on="2026-06-01")  # a correction: fine
        assert get(main).reply_class == "A"
        county_work.reply(cctx, main, "A", "已解决，道路已修好")  # keeps the date and text
        assert (get(main).replied_at, get(main).reply_text) == (date(2026, 6, 1), "答复全文……")
        county_work.review(cctx, main, "accepted")  # a reason not given is kept


def test_adoption_only_for_sqmy(studio: Install, county: Install, out: Path) -> None:
    made = at_county(studio, county, out)
    main, sqmy = made["proposal"].uuid, made["sqmy"].uuid
    with county as cctx:
        message = refused(lambda: county_work.adopt(cctx, main, "city"), TransitionRefused)
        assert "只有社情民意" in message.message
        assert invalid(lambda: county_work.adopt(cctx, sqmy, "planet")).keys() == {"adoption_level"}
        before = get(sqmy).county_rev
        county_work.adopt(cctx, sqmy, "province", on="2026-06-01", by="省政协办公厅")
        row = get(sqmy)
        assert (row.adoption_level, row.adopted_at, row.adopted_by) == (
            "province", date(2026, 6, 1), "省政协办公厅"
        )  # fmt: skip
        assert row.county_rev == before + 1
        county_work.adopt(cctx, sqmy, "")  # taken back
        row = get(sqmy)
        assert (row.adoption_level, row.adopted_at, row.adopted_by) == ("", None, "")
        assert entries(sqmy, "adopt")[-1] == {
            "adoption_level": ["province", ""], "adopted_at": ["2026-06-01", None],
            "adopted_by": ["省政协办公厅", ""],
        }  # fmt: skip
        county_work.adopt(cctx, sqmy, "province", on="2026-06-01", by="省政协办公厅")
        county_work.adopt(cctx, sqmy, "city")  # a correction keeps the date and adopter
        row = get(sqmy)
        assert (row.adoption_level, row.adopted_at, row.adopted_by) == (
            "city", date(2026, 6, 1), "省政协办公厅"
        )  # fmt: skip


def test_instruction(studio: Install, county: Install, out: Path) -> None:
    made = at_county(studio, county, out)
    main = made["proposal"].uuid
    with county as cctx:
        assert invalid(lambda: county_work.instruct(cctx, main, " ", "mars", " ")).keys() == {
            "instruction_leader", "instruction_text", "instruction_level"
        }  # fmt: skip
        county_work.instruct(cctx, main, "张县长", "county", "请县住建局抓紧办理")
        row = get(main)
        assert (row.instruction_leader, row.instruction_level, row.instruction_text) == (
            "张县长", "county", "请县住建局抓紧办理"
        )  # fmt: skip
        assert row.instruction_date == cctx.today()
        assert entries(main, "instruct")[0]["instruction_leader"] == ["", "张县长"]


# -- nothing new, nothing written ---------------------------------------------------------


def test_saving_identical_values_writes_nothing(
    studio: Install, county: Install, out: Path
) -> None:
    made = at_county(studio, county, out)
    main, sqmy = made["proposal"].uuid, made["sqmy"].uuid

    def review_and_assign(cctx: Any) -> None:
        county_work.review(cctx, main, "accepted", county_no="PY-1")
        county_work.accept_many(cctx, [sqmy])
        county_work.assign(cctx, [main, sqmy], "01", ["02"], on="2026-03-01", due="2026-05-01")

    def reply_adopt_instruct(cctx: Any) -> None:
        county_work.reply(cctx, main, "A", "已解决", on="2026-04-01", text="全文")
        county_work.adopt(cctx, sqmy, "city", on="2026-04-02", by="市政协")
        county_work.instruct(cctx, main, "张县长", "county", "阅", on="2026-04-03")

    with county as cctx:
        for work in (review_and_assign, reply_adopt_instruct):
            work(cctx)
            before = state()
            work(cctx)
            assert state() == before  # no revision, no stamp, no audit entry
        county_work.set_units(cctx, main, [("lead", "01"), ("assisting", "02")])
        proposals.update(cctx, main, {"county_no": "PY-1", "review": "accepted"})
        assert state() == before
