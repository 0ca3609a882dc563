"""A kind declared only in the tests is printed, counted, shown, purged and merged.

Its printed form is built from its fields (read back with pdftotext, drawn with pdftoppm),
the CLI prints it by serial, its count appears with its label in ``stats`` and in the period
statistics — declared with a tally, beside the visits in every statistics table, per member
too —, the detail panel lists its fields, a purge removes its long-trashed records and a
resident merge re-points its links.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from studio_app.cli import main
from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.core.fields import Field, Kind
from studio_app.demo import studio as demo
from studio_app.exchange.ledger import export_ledger
from studio_app.reports import layouts, monthly_report, record_form
from studio_app.services import (
    kind_records,
    members,
    record_counts,
    record_details,
    resident_merge,
    retention,
    statistics,
)
from studio_app.services.context import Context
from studio_app.services.statistics import Period, by_site, report
from studio_app.storage.database import close_database, open_database
from studio_app.storage.migrations import create_kind
from studio_app.storage.models import AuditEntry, Member, database
from tests.conftest import fixed_clock
from tests.kinds.throwaway import TEA_TALK
from tests.reports import pdf
from tests.services.helpers import resident

PHONE = "13812345678"


@pytest.fixture
def talk(ctx: Context, tea_talk: kinds.RecordKind) -> dict[str, object]:
    """One tea talk with every field filled, hosted by 王建国 with 陈丽 and 李明 taking part,
    two items on its agenda (陈丽 speaking to the first)."""
    host = members.create(ctx, {"name": "王建国"})
    a = members.create(ctx, {"name": "陈丽"})
    b = members.create(ctx, {"name": "李明"})
    row = kind_records.create(
        ctx,
        tea_talk,
        {
            "title": "春茶话乡村振兴",
            "held_on": "2026-03-12",
            "topic": "交通出行",
            "host": host.id,
            "members": [a.id, b.id],
            "guests": 14,
            "contact_phone": PHONE,
            "notes": "大家围绕村道修缮、公交线路延伸各抒己见。\n会后整理成社情民意一篇。",
            "public": True,
            "agenda": two_items(a.id),
        },
    )
    return {"id": row.id, "serial": row.serial}


def two_items(speaker: int) -> list[dict[str, object]]:
    """The talk's agenda: everything filled in the first item, a length in the second."""
    return [
        {"item": "村道修缮", "speaker": speaker, "minutes": 20, "topic": "交通出行",
         "mood": "满意", "due": "2026-05-01", "settled": True},
        {"item": "公交线路延伸到山后村", "minutes": 15},
    ]  # fmt: skip


def row_id(talk: dict[str, object]) -> int:
    return int(talk["id"])  # type: ignore[call-overload]


def someone() -> list[int]:
    return [Member.select().first().id]


# -- printing ----------------------------------------------------------------------------


@pdf.needs_poppler
def test_the_printed_form_comes_from_the_declaration(
    ctx: Context, tea_talk: kinds.RecordKind, talk: dict[str, object], tmp_path: Path
) -> None:
    out = tmp_path / "talk.pdf"
    result = layouts.render(ctx, tea_talk, [row_id(talk)], out)
    assert result.pages == 1 and result.records == 1
    text = pdf.flat(out)
    assert "石桥镇政协委员工作室茶叙记录" in text and f"编号：{talk['serial']}" in text
    for label in ("主题", "茶叙日期", "议题类别", "主持委员", "参加委员", "参加人数", "联系电话",
                  "茶叙纪要", "可公开"):  # fmt: skip
        assert label in text, label
    assert "春茶话乡村振兴" in text and "2026年3月12日" in text and "交通出行" in text
    assert "王建国" in text and "陈丽、李明" in text and "14" in text
    assert "138****5678" in text and PHONE not in text  # masked as on the visit form
    assert "公交线路延伸" in text and "会后整理成社情民意一篇" in text and "是" in text
    assert "联系电话按规定遮蔽显示" in text
    # the agenda: a table headed by its columns, a line per item
    assert "议程议题发言委员时长(分钟)类别反响落实期限已落实" in text
    assert "村道修缮陈丽20交通出行满意2026年5月1日是" in text
    assert "公交线路延伸到山后村15否" in text
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(out), str(png)],
                   check=True, capture_output=True)  # fmt: skip
    assert list(tmp_path.glob("page*.png"))


@pdf.needs_poppler
def test_a_long_agenda_goes_on_under_its_header_and_an_empty_one_has_lines_to_fill(
    ctx: Context, tea_talk: kinds.RecordKind, talk: dict[str, object], tmp_path: Path
) -> None:
    speaker = someone()[0]
    long = [{"item": f"第{n}项：{'村道修缮与公交线路延伸' * (n % 3 + 1)}", "speaker": speaker,
             "due": "2026-05-01"} for n in range(1, 61)]  # fmt: skip
    kind_records.update(ctx, tea_talk, row_id(talk), {"agenda": long}, expected_rev=1)
    bare = kind_records.create(
        ctx, tea_talk, {"title": "议事", "held_on": "2026-04-02", "members": someone()}
    )
    out = tmp_path / "long.pdf"
    result = layouts.render(ctx, tea_talk, [row_id(talk), bare.id], out)
    assert result.pages >= 4
    pages = [pdf.flat(out, first=n) for n in range(1, result.pages + 1)]
    assert "第1项" in pages[0] and "第60项" in "".join(pages[:-1])
    for page in pages[1:-1]:  # each page of the long table: the caption (续) and the header
        assert "议程（续）议题发言委员时长(分钟)类别反响落实期限已落实" in page
    text = "".join(pages)
    assert all(f"第{n}项" in text for n in range(1, 61))  # nothing lost at a page's end
    last = pages[-1]  # the talk without an agenda: the header over empty lines
    assert "议事" in last and "议程议题发言委员时长(分钟)类别反响落实期限已落实可公开" not in last
    assert "议程议题发言委员时长(分钟)类别反响落实期限已落实" in last


@pdf.needs_poppler
def test_unmasked_print_is_audited(
    ctx: Context, tea_talk: kinds.RecordKind, talk: dict[str, object], tmp_path: Path
) -> None:
    out = tmp_path / "full.pdf"
    record_form.render(ctx, tea_talk, [row_id(talk)], out, unmasked=True)
    assert PHONE in pdf.flat(out)
    entry = AuditEntry.get(AuditEntry.action == "print_unmasked")
    assert entry.record_type == "tea_talk"


@pdf.needs_poppler
def test_the_app_prints_any_kind_as_a_job(
    ctx: Context, tea_talk: kinds.RecordKind, talk: dict[str, object], tmp_path: Path
) -> None:
    from studio_app.ui.operations import Progress
    from studio_app.ui.printing import print_jobs

    job = print_jobs.record(ctx, tea_talk, row_id(talk))
    assert job.title == f"茶叙记录 {talk['serial']}"
    assert job.file_name == f"茶叙记录_{talk['serial']}.pdf"
    seen: list[tuple[int, int]] = []
    result = job.run(tmp_path / job.file_name, Progress(lambda *done: seen.append(done)))
    assert "春茶话乡村振兴" in pdf.flat(result.path) and seen == [(1, 1)]
    kind_records.trash(ctx, tea_talk, row_id(talk))
    with pytest.raises(UserError, match="已删除"):
        print_jobs.record(ctx, tea_talk, row_id(talk))


def test_a_kind_of_its_own_keeps_its_layout(tea_talk: kinds.RecordKind) -> None:
    assert layouts.own(kinds.VISIT) is not None and layouts.own(tea_talk) is None
    assert tea_talk in layouts.printable() and kinds.MEMBER not in layouts.printable()
    assert layouts.kind_of(["cx-2026-0001", "CX-2026-0002"]) is tea_talk
    assert layouts.kind_of(["SQ-2026-0001"]) is kinds.PROPOSAL


@pdf.needs_poppler
def test_the_cli_prints_it_by_serial(
    ctx: Context,
    tea_talk: kinds.RecordKind,
    talk: dict[str, object],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    serial = str(talk["serial"])
    close_database()
    try:
        monkeypatch.chdir(tmp_path)
        data = str(db_path.parent)
        assert main(["--data-dir", data, "print", "tea_talk", serial]) == 0
        assert "已生成" in capsys.readouterr().out
        assert "春茶话乡村振兴" in pdf.flat(tmp_path / f"茶叙记录_{serial}.pdf")
        assert main(["--data-dir", data, "print", "tea-talk", serial, "-o", "b.pdf"]) == 0
        assert main(["--data-dir", data, "print", "record", serial.lower(), "-o", "c.pdf"]) == 0
        assert "陈丽、李明" in pdf.flat(tmp_path / "c.pdf")
        assert main(["--data-dir", data, "print", "tea_talk", "CX-1999-0001"]) == 1
        assert "CX-1999-0001" in capsys.readouterr().err
        assert main(["--data-dir", data, "print", "record", serial, "JD-2026-0001"]) == 1
        assert "同一类" in capsys.readouterr().err
    finally:
        open_database(db_path)


# -- counts ------------------------------------------------------------------------------


def test_its_count_appears_with_its_label(
    ctx: Context,
    tea_talk: kinds.RecordKind,
    talk: dict[str, object],
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    second = kind_records.create(
        ctx, tea_talk, {"title": "议事", "held_on": "2026-04-02", "members": someone()}
    )
    kind_records.trash(ctx, tea_talk, second.id)
    found = record_counts.counts()
    assert found["tea_talk"] == {"label": "茶叙记录", "total": 1}
    assert found["trash"] == 1
    assert list(found)[-1] == "trash"
    march = report(Period.month(2026, 3))
    assert [(c.code, c.label, c.count) for c in march.others] == [("tea_talk", "茶叙记录", 1)]
    assert report(Period.month(2026, 4)).others[0].count == 0  # trashed: not counted

    close_database()
    try:
        data = str(db_path.parent)
        assert main(["--data-dir", data, "stats", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["tea_talk"]["total"] == 1
        assert main(["--data-dir", data, "stats"]) == 0
        assert "tea_talk（茶叙记录）:\n  total: 1\n" in capsys.readouterr().out
    finally:
        open_database(db_path)


def test_the_statistics_page_shows_its_count(
    qtbot, ctx: Context, tea_talk: kinds.RecordKind, talk: dict[str, object]
) -> None:
    from studio_app.ui.pages.statistics_page import StatisticsPage

    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.set_period("month", 2026, 3)
    assert page.summary.text().endswith("茶叙记录 1")
    page.part.setValue(4)
    assert page.summary.text().endswith("茶叙记录 0")


TALLY = kinds.Tally("茶叙", "举办委员茶叙", "场")
MARCH = Period.month(2026, 3)


@pytest.fixture
def counted_talks(ctx: Context) -> Iterator[kinds.RecordKind]:
    """The tea talk declared counted in the statistics, with three talks in March (one
    trashed) and one in April: 王建国 hosts two and takes part in one of them."""
    counted = replace(TEA_TALK, tally=TALLY)
    with kinds.registered(counted):
        create_kind(database.obj, counted.name)
        wang, chen, li = (members.create(ctx, {"name": n}).id for n in ("王建国", "陈丽", "李明"))
        talks = (("2026-03-05", wang, [wang, chen]), ("2026-03-20", wang, [li]),
                 ("2026-03-25", chen, [chen]), ("2026-04-02", li, [li]))  # fmt: skip
        made = [kind_records.create(ctx, counted, {"title": "茶叙", "held_on": day, "host": host,
                                                   "members": people})
                for day, host, people in talks]  # fmt: skip
        kind_records.trash(ctx, counted, made[2].id)
        yield counted


def others_zero(counted: dict[str, int]) -> bool:
    """Every counted kind but the tea talk counts nothing (the fixtures make none)."""
    return all(n == 0 for name, n in counted.items() if name != "tea_talk")


def test_a_counted_kind_is_counted_per_period_and_member(counted_talks: kinds.RecordKind) -> None:
    tallies = statistics.tallies()
    assert tallies[0] == ("interview", kinds.INTERVIEW.tally)
    assert tallies[-1] == ("tea_talk", TALLY)  # declared last, counted last
    march = report(MARCH)
    assert set(march.counted) == {name for name, _ in tallies}
    assert march.counted["tea_talk"] == 2 and others_zero(march.counted)
    assert march.others == []  # counted beside the visits, not among the others
    activity = {m.name: (m.counted["tea_talk"], m.total) for m in march.members}
    assert activity == {
        "王建国": (2, 2),  # host and member of one: counted once
        "陈丽": (1, 1),  # the trashed talk is not counted
        "李明": (1, 1),
    }
    assert all(others_zero(m.counted) for m in march.members)
    assert report(Period.quarter(2026, 2)).counted["tea_talk"] == 1
    sites = by_site(MARCH)  # a site with nothing but tea talks has its report
    assert [r.counted["tea_talk"] for r in sites] == [2, 2]


def counted_labels() -> str:
    """The counted kinds' labels as the statistics tables head their columns."""
    return "".join(t.label for _, t in statistics.tallies())


def test_the_counted_kind_is_read_through_its_live_date_index(
    counted_talks: kinds.RecordKind,
) -> None:
    assert 'INDEXED BY "tea_talk_live_held_on"' in statistics._dated_table(counted_talks, "r")
    assert 'INDEXED BY "interview_live_occurred"' in statistics._dated_table(kinds.INTERVIEW, "r")


@pdf.needs_poppler
def test_the_monthly_report_names_the_counted_kind(
    ctx: Context, counted_talks: kinds.RecordKind, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    monthly_report.render(ctx, MARCH, out)
    text = pdf.flat(out)
    done = "，".join(f"{t.phrase}{2 if name == 'tea_talk' else 0}{t.unit}"
                    for name, t in statistics.tallies())  # fmt: skip
    assert f"{done}，撰写提案、社情民意等0件。" in text  # …举办委员茶叙2场…
    assert f"{counted_labels()}提案等" in text  # the summary table's (second row's) columns
    assert f"委员界别接待走访{counted_labels()}提案等合计" in text  # the member activity table's
    zeros = "0" * len(statistics.tallies())  # visits and the kinds counted before tea talks
    assert f"王建国{zeros}202" in text  # …, tea talks 2, proposals 0, total 2
    county = tmp_path / "county.pdf"
    monthly_report.render(ctx, MARCH, county, county=True)
    assert f"工作室接待走访办结率按期率满意率{counted_labels()}提案等" in pdf.flat(county)


def test_the_ledger_workbook_counts_the_counted_kind(
    ctx: Context, counted_talks: kinds.RecordKind, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(export_ledger(ctx, tmp_path, "2026-03"))
    rows = [[c.value for c in row] for row in book["月度统计"].iter_rows()]
    assert ["访谈", 0] in [r[:2] for r in rows] and ["茶叙", 2] in [r[:2] for r in rows]
    labels = [t.label for _, t in statistics.tallies()]
    heads = ["委员", "界别", "接待走访", *labels, "提案等"]
    assert heads in [r[: len(heads)] for r in rows]
    wang = ["王建国", "", 0, *[0] * (len(labels) - 1), 2, 0]  # tea talks last of the counted
    assert wang in [r[: len(heads)] for r in rows]


def test_the_statistics_page_and_the_demo_name_the_counted_kind(
    qtbot, ctx: Context, counted_talks: kinds.RecordKind, capsys: pytest.CaptureFixture[str]
) -> None:
    from studio_app.cli.demo import _counted
    from studio_app.ui.pages.statistics_page import StatisticsPage

    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.set_period("month", 2026, 3)
    assert "访谈 0 次" in page.summary.text() and "茶叙 2 场" in page.summary.text()
    heads = [page.members.horizontalHeaderItem(i).text() for i in range(page.members.columnCount())]
    labels = [t.label for _, t in statistics.tallies()]
    assert heads[3 : 3 + len(labels)] == labels and len(heads) == 4 + len(labels)
    wang = ["王建国", "", "0", *["0"] * (len(labels) - 1), "2", "0"]
    assert [page.members.item(0, c).text() for c in range(len(heads))] == wang
    summary = demo.generate(ctx, visits=200, seed=3)
    assert summary.counted["interview"] == 10 and summary.counted["tea_talk"] == 10
    assert _counted(summary.counted).startswith("访谈 10，")
    assert _counted(summary.counted).endswith("茶叙 10，")
    assert "tea_talks" not in summary.audited() and "interviews" in summary.audited()


# -- details, retention, merge -----------------------------------------------------------


def test_the_detail_panel_shows_its_fields(
    ctx: Context, tea_talk: kinds.RecordKind, talk: dict[str, object]
) -> None:
    assert "tea_talk" in record_details.KINDS
    shown = record_details.details(replace(ctx, may_see_pii=False), "tea_talk", row_id(talk))
    assert shown.title == "春茶话乡村振兴"
    text = {r.label: r.text for r in shown.rows}
    assert text["编号"] == talk["serial"]
    assert text["茶叙日期"] == "2026-03-12" and text["议题类别"] == "交通出行"
    assert text["参加人数"] == "14" and text["可公开"] == "是"
    assert text["联系电话"] == "138****5678"
    assert [r.text for r in shown.row("参加委员").refs] == ["陈丽", "李明"]  # type: ignore[union-attr]
    assert [r.kind for r in shown.row("主持委员").refs] == ["member"]  # type: ignore[union-attr]
    assert shown.row("茶叙纪要").long  # type: ignore[union-attr]
    agenda = shown.row("议程")
    assert agenda is not None and agenda.columns == (
        "议题", "发言委员", "时长(分钟)", "类别", "反响", "落实期限", "已落实",
    )  # fmt: skip
    assert agenda.table == (
        ("村道修缮", "陈丽", "20", "交通出行", "满意", "2026-05-01", "是"),
        ("公交线路延伸到山后村", "", "15", "", "", "", ""),
    )
    assert agenda.text.splitlines() == [  # the lines the audit log has
        "村道修缮，陈丽，时长(分钟)：20，交通出行，满意，落实期限：2026-05-01，已落实",
        "公交线路延伸到山后村，时长(分钟)：15",
    ]
    bare = kind_records.create(
        ctx, tea_talk, {"title": "议事", "held_on": "2026-04-02", "members": someone()}
    )
    bare_rows = record_details.details(ctx, "tea_talk", bare.id).rows
    assert "议程" not in [r.label for r in bare_rows]  # no rows: not shown


def test_a_purge_removes_its_long_trashed_records(
    ctx: Context, tea_talk: kinds.RecordKind, talk: dict[str, object]
) -> None:
    past = replace(ctx, clock=fixed_clock(datetime(2019, 5, 6, 9, 0)))
    old = kind_records.create(past, tea_talk, {"title": "旧茶叙", "held_on": "2019-05-06",
                                               "members": someone()})  # fmt: skip
    kind_records.trash(past, tea_talk, old.id)
    recent = kind_records.create(ctx, tea_talk, {"title": "新删", "held_on": "2019-05-06",
                                                 "members": someone()})  # fmt: skip
    kind_records.trash(ctx, tea_talk, recent.id)  # trashed today: kept
    found = retention.preview(ctx, 3)
    assert found.trashed == (("茶叙记录", 1),) and not found.empty
    assert "茶叙记录 1 条" in found.summary()
    retention.purge(ctx, 3)
    left = [r for (r,) in database.execute_sql("SELECT id FROM tea_talk ORDER BY id")]
    assert left == [row_id(talk), recent.id]
    gone = database.execute_sql("SELECT count(*) FROM tea_talk_member WHERE tea_talk_id = ?",
                                (old.id,)).fetchone()[0]  # fmt: skip
    assert gone == 0
    assert not AuditEntry.select().where(AuditEntry.record_uuid == old.uuid).exists()
    entry = AuditEntry.get(AuditEntry.action == "purge")
    assert json.loads(entry.changes)["trashed"] == [None, [["茶叙记录", 1]]]


GATHERING = kinds.RecordKind(
    "gathering",
    "走访座谈",
    "座谈",
    "座谈",
    (
        Field("title", "主题", required=True, max_len=50),
        Field("held_on", "日期", Kind.DATE),
        Field("speaker", "发言群众", Kind.RESIDENT),
        Field("residents", "参加群众", Kind.RESIDENTS),
    ),
    serial_prefix="ZT",
    fts="gathering_fts",
    links=(
        kinds.LinkTable(
            "residents",
            "gathering_resident",
            "gathering_id",
            "resident_id",
            "resident",
            "resident_names",
        ),
    ),
    search=("title",),
    title_key="title",
    date_key="held_on",
)


@pytest.fixture
def gathering(ctx: Context) -> Iterator[kinds.RecordKind]:
    """A second throwaway kind, with resident links (the tea talk has none)."""
    with kinds.registered(GATHERING):
        create_kind(database.obj, GATHERING.name)
        yield GATHERING


def test_a_resident_merge_repoints_its_links_and_undoes(
    ctx: Context, gathering: kinds.RecordKind
) -> None:
    keep, dup, other = resident(ctx, "李秀英"), resident(ctx, "李 秀英"), resident(ctx, "王五")
    row = kind_records.create(
        ctx, gathering, {"title": "座谈", "speaker": dup.id, "residents": [other.id, dup.id]}
    )
    found = resident_merge.preview(ctx, keep.id, dup.id)
    assert found.others == {"走访座谈": [row.serial]} and found.visits == []
    entry = resident_merge.merge(ctx, keep.id, dup.id)
    moved = kind_records.get(gathering, row.id)
    assert moved.speaker_id == keep.id and moved.resident_names == "王五、李秀英"  # type: ignore[attr-defined]
    assert kind_records.values(gathering, row.id)["residents"] == [other.id, keep.id]
    assert moved.rev == row.rev + 1
    resident_merge.undo(ctx, entry)
    back = kind_records.get(gathering, row.id)
    assert back.speaker_id == dup.id and back.resident_names == "王五、李 秀英"  # type: ignore[attr-defined]
    assert kind_records.values(gathering, row.id)["residents"] == [other.id, dup.id]
