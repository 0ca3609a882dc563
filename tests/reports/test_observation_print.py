"""Observations on paper: ``print observation SERIAL`` gives the 监测记录表 with the five
environments as one table (rating and note per line) and the issues found; ``print
observation-point-year NAME --year`` gives a point's yearly summary: its register, the year's
observations with their ratings, each environment's average and the lowest, the issues and
how far each went. An unknown name exits non-zero and writes nothing; identifiers stay
masked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.core import kinds
from studio_app.services import kind_records, members
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from tests.reports import pdf

pytestmark = pdf.needs_poppler
POINT, OBSERVATION = kinds.OBSERVATION_POINT, kinds.OBSERVATION


def observed(ctx: Context) -> list[str]:
    """石桥精密机械, observed twice in 2026 (one issue referred) and once in 2025."""
    lee = members.create(ctx, {"name": "李梅"}).id
    point = kind_records.create(ctx, POINT, {
        "name": "石桥精密机械有限公司", "industry": "通用设备制造", "phone": "13800001111",
        "members": [lee],
    }).id  # fmt: skip
    issue = {"item": "用地指标紧张", "environment": "government", "unit": "县自然资源局",
             "due": date(2026, 4, 30), "status": "assigned"}  # fmt: skip
    serials = []
    for day, ratings, more in (
        ("2026-03-12", {"service": "4", "government": "2"}, {"issues": [issue],
                                                             "government_note": "政策兑现慢"}),
        ("2026-09-02", {"service": "5", "government": "3"}, {}),
        ("2025-10-08", {"service": "1"}, {}),
    ):  # fmt: skip
        serials.append(kind_records.create(ctx, OBSERVATION, {
            "point": point, "observed_on": day, "members": [lee], "method": "forum",
            "summary": "座谈了解企业诉求", **{f"{k}_rating": v for k, v in ratings.items()},
            **more,
        }).serial)  # fmt: skip
    return serials


def test_an_observation_form_and_a_points_yearly_summary(
    ctx: Context, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serials = observed(ctx)
    close_database()
    try:
        data = str(db_path.parent)
        form = tmp_path / "form.pdf"
        assert main(["--data-dir", data, "print", "observation", serials[0], "-o", str(form)]) == 0
        text = pdf.flat(form)
        for expected in ("营商环境监测记录", serials[0], "石桥精密机械有限公司", "五个环境评价",
                         "政务环境2较差政策兑现慢", "服务环境4较好", "发现的问题", "用地指标紧张",
                         "县自然资源局", "已交办", "记录人（签字）"):  # fmt: skip
            assert expected in text, expected

        summary = tmp_path / "summary.pdf"
        year = ["--year", "2026", "-o", str(summary)]
        assert main(["--data-dir", data, "print", "observation-point-year",
                     " 石桥精密机械有限公司 ", *year]) == 0  # fmt: skip
        text = pdf.flat(summary)
        for expected in ("监测点年度监测汇总", "年度：2026年", "通用设备制造", "138****1111",
                         "2026年监测记录（2次）", serials[0], serials[1], "全年平均分",
                         "服务环境4.52", "政务环境2.52", "市场环境—0",
                         "评价最低政务环境（平均2.5分）", "发现的问题（1个）",
                         "用地指标紧张"):  # fmt: skip
            assert expected in text, expected
        assert serials[2] not in text  # observed in 2025

        missing = tmp_path / "none.pdf"
        assert main(["--data-dir", data, "print", "observation-point-year", "没有这家企业",
                     "--year", "2026", "-o", str(missing)]) == 1  # fmt: skip
        assert "找不到监测点“没有这家企业”" in capsys.readouterr().err and not missing.exists()
    finally:
        open_database(db_path)
