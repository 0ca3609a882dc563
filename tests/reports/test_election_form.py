"""An election observation printed by serial from the command line, on the generic form: the
village, term and flags, the observers, the entries as a ruled table (a date on one line, a
unit on its entry's line), the summary and the signature lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from tests.reports import pdf
from tests.services.test_elections import TERM, election

pytestmark = pdf.needs_poppler


def test_the_election_form_has_its_stages_table(
    ctx: Context,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    serial = election(ctx).serial
    close_database()
    try:
        monkeypatch.chdir(tmp_path)
        data = str(db_path.parent)
        assert main(["--data-dir", data, "print", "election", serial, "-o", "hj.pdf"]) == 0
        assert "已生成" in capsys.readouterr().out
        out = tmp_path / "hj.pdf"
        text, flat = pdf.text(out), pdf.flat(out)
        assert pdf.pages(out) == 1
        assert "石桥镇政协委员工作室换届选举观察记录" in flat and f"编号：{serial}" in flat
        for shown in ("村/社区东岙村", f"换届届次{TERM}", "选举日2026年3月8日", "选情复杂村是",
                      "选人难村否", "观察委员李梅、王建国", "总体平稳有序观察综述"):  # fmt: skip
            assert shown in flat, shown
        header = next(t for t in text.splitlines() if "选举环节" in t)
        assert all(h in header for h in ("观察日期", "观察人", "规范程度", "报告单位")), header
        for day in ("2026年2月16日", "2026年2月26日", "2026年3月8日"):
            assert day in text, day  # one line each
        line = next(t for t in text.splitlines() if "2026年2月26日" in t)
        assert "李梅" in line and "基本规范" in line and "镇人民政府" in line
        assert "已补登" in flat and "记录人（签字）" in flat
        assert main(["--data-dir", data, "print", "election", "HJ-1999-0001"]) == 1
    finally:
        open_database(db_path)
