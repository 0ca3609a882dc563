"""``studio-app print activity SERIAL…``: activity forms with their attendance and
follow-up tables; an unknown serial exits non-zero and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.core import kinds
from studio_app.services import kind_records, members
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from tests.reports import pdf


@pdf.needs_poppler
def test_print_activities_by_serial(
    ctx: Context, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lee = members.create(ctx, {"name": "李梅"}).id
    wang = members.create(ctx, {"name": "王建国"}).id
    serials = []
    for title in ("视察县城污水处理厂", "科技下乡：果树修剪技术培训"):
        serials.append(
            kind_records.create(
                ctx,
                kinds.ACTIVITY,
                {"title": title, "kind": "视察", "organiser": "本工作室",
                 "starts_at": "2026-11-12 09:00",
                 "attendance": [{"member": lee, "attendance": "出席"},
                                {"member": wang, "attendance": "请假", "reason": "外出学习"}],
                 "follow_ups": [{"item": "排查雨污混接点", "unit": "县住建局",
                                 "due": "2026-12-31"}]},
            ).serial
        )  # fmt: skip
    close_database()
    try:
        data, out = str(db_path.parent), tmp_path / "activities.pdf"
        assert main(["--data-dir", data, "print", "activity", *serials, "-o", str(out)]) == 0
        text = pdf.flat(out)
        for expected in (*serials, "视察县城污水处理厂", "果树修剪", "委员出席", "外出学习",
                         "排查雨污混接点", "县住建局", "记录人（签字）"):  # fmt: skip
            assert expected in text, expected
        missing = tmp_path / "none.pdf"
        assert (
            main(["--data-dir", data, "print", "activity", "HD-1999-0001", "-o", str(missing)]) == 1
        )
        assert "HD-1999-0001" in capsys.readouterr().err and not missing.exists()
    finally:
        open_database(db_path)
