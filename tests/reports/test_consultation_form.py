"""A consultation (协商议事) printed by serial from the command line, on the generic form:
its fields, the 成果清单 as a ruled table, the visits it grew from (来源记录), the status
and the signature lines."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen.canvas import Canvas

from studio_app.cli import main
from studio_app.core import kinds
from studio_app.reports.fonts import print_font
from studio_app.reports.sheet import Block, Form, FormWriter
from studio_app.services import kind_records, visits
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from tests.exchange.test_consultations_exchange import consultation_from, consultation_visits
from tests.reports import pdf

CONSULTATION = kinds.CONSULTATION
pytestmark = pdf.needs_poppler


def test_the_consultation_form_has_its_outcome_list_and_signatures(
    ctx: Context,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    visit_ids = consultation_visits(ctx)
    record_id = consultation_from(ctx, visit_ids)
    items = kind_records.values(CONSULTATION, record_id)["outcomes"]
    items[0] |= {"status": "done", "done_on": date(2026, 5, 28), "note": "已公示七天"}
    kind_records.update(ctx, CONSULTATION, record_id, {"outcomes": items})
    serial = kind_records.get(CONSULTATION, record_id).serial
    sources = sorted(visits.get(v).serial for v in visit_ids)
    close_database()
    try:
        monkeypatch.chdir(tmp_path)
        data = str(db_path.parent)
        assert main(["--data-dir", data, "print", "consultation", serial, "-o", "xs.pdf"]) == 0
        assert "已生成" in capsys.readouterr().out
        text = pdf.text(tmp_path / "xs.pdf")
        flat = pdf.flat(tmp_path / "xs.pdf")
        assert pdf.pages(tmp_path / "xs.pdf") >= 1
        assert "石桥镇政协委员工作室协商议事记录" in flat and f"编号：{serial}" in flat
        for shown in ("协商议题", "=老旧小区加装电梯费用分摊", "议题来源来访转入",
                      "协商形式议事会", "2026年4月16日14:30", "李梅、王建国、陈芳",
                      "县住建局", "3号楼住户", "按楼层系数分摊费用", "成果形式纪要"):  # fmt: skip
            assert shown in flat, shown
        # the outcome list: a table headed by its columns, a line per item
        assert "事项责任单位完成时限落实情况完成日期进展/说明" in flat
        for item in ("制定分摊方案并公示", "申请加装电梯补助", "协调电梯用电接入"):
            assert item in flat, item
        assert "已完成2026年5月28日已公示七天" in flat
        assert "无法落实需上级审批" in flat and "2026年6月30日" in flat
        line = next(t for t in text.splitlines() if "申请加装电梯补助" in t)
        assert "县住建局" in line  # its unit on the item's line
        assert f"来源记录{'、'.join(sources)}" in flat
        assert "状态落实中" in flat
        assert "记录人（签字）" in flat and "工作室负责人（签字）" in flat
        assert main(["--data-dir", data, "print", "record", serial.lower(), "-o", "r.pdf"]) == 0
        assert "申请加装电梯补助" in pdf.flat(tmp_path / "r.pdf")
        assert main(["--data-dir", data, "print", "consultation", "XS-1999-0001"]) == 1
        assert "XS-1999-0001" in capsys.readouterr().err
    finally:
        open_database(db_path)


def test_a_row_moved_whole_to_the_next_page_is_not_marked_continued() -> None:
    """A row that does not fit at the foot of a page starts the next one under its own
    label; only a row split across pages goes on under 续 (sheet.FormWriter.layout)."""
    writer = FormWriter(Canvas(io.BytesIO()), print_font())

    def pages(filler: int) -> list[Any]:
        rows = [Block("各方意见", "意见", min_lines=filler), Block("来源记录", "JD-2026-0001")]
        form = Form("协商议事记录", "编号：XS-2026-0001", "", rows, signatures=("记录人",))
        return writer.layout(form)

    filler = next(n for n in range(10, 80) if len(pages(n)) == 2 and pages(n)[1].rows)
    first, second = pages(filler)
    assert [r.cells[0] for r in first.rows] == [["各方意见"]]
    assert [r.cells for r in second.rows] == [[["来源记录"], ["JD-2026-0001"]]]
    long = [Block("各方意见", "很长的意见。" * 800)]
    laid = writer.layout(Form("协商议事记录", "编号：XS-2026-0001", "", long, ("记录人",)))
    assert [p.rows[0].cells[0][0] for p in laid] == ["各方意见"] + ["各方意见（续）"] * (
        len(laid) - 1
    )
