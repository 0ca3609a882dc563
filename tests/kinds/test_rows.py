"""A ROWS field (the tea talk's 议程): rows are values of their record — cleaned with it,
written whole in its transaction, bumping its revision, audited as lines, and gone with it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from studio_app.core import kinds
from studio_app.core.errors import ValidationError
from studio_app.services import kind_records, members
from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry, database


def _agenda_rows(talk_id: int) -> list[tuple]:
    return database.execute_sql(
        "SELECT position, item, speaker_id, minutes, topic, mood, due, settled "
        "FROM tea_talk_agenda WHERE tea_talk_id = ? ORDER BY position",
        (talk_id,),
    ).fetchall()


def _talk(ctx: Context, tea_talk: kinds.RecordKind, agenda: list[dict]) -> int:
    m = members.create(ctx, {"name": "王委员"})
    values = {"title": "春茶话发展", "held_on": "2026-11-20", "members": [m.id], "agenda": agenda}
    return int(kind_records.create(ctx, tea_talk, values).id)


def test_rows_are_cleaned_and_kept_in_order(ctx: Context, tea_talk: kinds.RecordKind) -> None:
    lee = members.create(ctx, {"name": "李委员"})
    talk = _talk(
        ctx,
        tea_talk,
        [
            {"item": " 茶园道路 ", "speaker": lee.id, "minutes": "15", "topic": "交通出行",
             "mood": "满意", "due": "2026年12月1日", "settled": "是"},
            {"item": "", "speaker": None, "minutes": "", "due": ""},  # wholly blank: dropped
            {"item": "采茶季用工"},
        ],
    )  # fmt: skip
    values = kind_records.values(tea_talk, talk)["agenda"]
    assert values == [
        {"item": "茶园道路", "speaker": lee.id, "minutes": 15, "topic": "09",
         "mood": "satisfied", "due": date(2026, 12, 1), "settled": True},
        {"item": "采茶季用工", "speaker": None, "minutes": 0, "topic": "", "mood": "",
         "due": None, "settled": False},
    ]  # fmt: skip
    assert [r[:2] for r in _agenda_rows(talk)] == [(0, "茶园道路"), (1, "采茶季用工")]


def test_a_bad_row_is_refused_whole(ctx: Context, tea_talk: kinds.RecordKind) -> None:
    with pytest.raises(ValidationError) as caught:
        _talk(ctx, tea_talk, [{"item": "好"}, {"minutes": "三十"}])
    assert caught.value.errors == {"agenda": "议程：第2项，议题：必填；时长(分钟)：应为整数"}
    assert database.execute_sql("SELECT count(*) FROM tea_talk").fetchone()[0] == 0
    assert database.execute_sql("SELECT count(*) FROM tea_talk_agenda").fetchone()[0] == 0
    with pytest.raises(ValidationError) as caught:
        _talk(ctx, tea_talk, "茶园道路")  # type: ignore[arg-type]
    assert "议程" in caught.value.errors["agenda"]


def test_saving_the_same_rows_writes_nothing_and_a_change_bumps_once(
    ctx: Context, tea_talk: kinds.RecordKind
) -> None:
    talk = _talk(ctx, tea_talk, [{"item": "茶园道路", "due": "2026-12-01"}, {"item": "用工"}])
    shown = kind_records.values(tea_talk, talk)
    kind_records.update(ctx, tea_talk, talk, {"agenda": shown["agenda"]}, expected_rev=1)
    assert kind_records.get(tea_talk, talk).rev == 1
    edited = [dict(r) for r in shown["agenda"]]
    edited[1]["item"] = "采茶季用工"
    kind_records.update(ctx, tea_talk, talk, {"agenda": edited}, expected_rev=1)
    assert kind_records.get(tea_talk, talk).rev == 2
    assert [r[1] for r in _agenda_rows(talk)] == ["茶园道路", "采茶季用工"]
    entry = (
        AuditEntry.select()
        .where(AuditEntry.record_type == "tea_talk", AuditEntry.action == "update")
        .get()
    )
    before, after = json.loads(entry.changes)["agenda"]
    assert before == ["茶园道路，落实期限：2026-12-01", "用工"]
    assert after == ["茶园道路，落实期限：2026-12-01", "采茶季用工"]
    kind_records.update(ctx, tea_talk, talk, {"agenda": []}, expected_rev=2)
    assert _agenda_rows(talk) == []


def test_rows_go_with_their_record_when_it_is_purged(
    ctx: Context, tea_talk: kinds.RecordKind
) -> None:
    talk = _talk(ctx, tea_talk, [{"item": "茶园道路"}])
    database.execute_sql("DELETE FROM tea_talk WHERE id = ?", (talk,))
    assert _agenda_rows(talk) == []


def test_rows_too_long_for_one_exchange_cell_are_refused(
    ctx: Context, tea_talk: kinds.RecordKind
) -> None:
    """Entry refuses what a package could not carry (one Excel cell per record's rows)."""
    many = [{"item": f"{n:03d}" + "议" * 97} for n in range(320)]
    with pytest.raises(ValidationError) as caught:
        _talk(ctx, tea_talk, many)
    assert "超出数据包一个单元格能携带的长度" in caught.value.errors["agenda"]
    assert database.execute_sql("SELECT count(*) FROM tea_talk").fetchone()[0] == 0
    _talk(ctx, tea_talk, many[:200])  # what fits is kept
