"""``studio-app print …``: files written, and one Chinese sentence with exit 1 when refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import Interview, Proposal, Visit
from tests.reports import pdf

pytestmark = pdf.needs_poppler


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli-print") / "data"
    assert main(["--data-dir", str(data), "demo", "--visits", "120", "--seed", "5"]) == 0
    return data


@pytest.fixture
def serials(demo_dir: Path) -> dict[str, str]:
    open_database(demo_dir / "studio.sqlite3")
    try:
        live = Visit.select().where(Visit.deleted_at.is_null(), Visit.confidential == False)  # noqa: E712
        first, second = (v.serial for v in live.order_by(Visit.occurred_at).limit(2))
        latest = live.order_by(Visit.occurred_at.desc()).first()
        proposal = Proposal.select().where(Proposal.kind == "proposal").first().serial
        interview = Interview.select().where(Interview.deleted_at.is_null()).first().serial
        return {"first": first, "second": second, "day": latest.occurred_at.date().isoformat(),
                "month": latest.occurred_at.strftime("%Y-%m"), "proposal": proposal,
                "interview": interview}  # fmt: skip
    finally:
        close_database()


def run(demo_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(demo_dir), "print", *args])


def refused(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and any("\u4e00" <= ch <= "\u9fff" for ch in err)
    return err


def test_visit_forms_to_the_default_file_name(
    demo_dir: Path, serials: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    assert run(demo_dir, "visit", serials["first"]) == 0
    out = tmp_path / f"接待登记表_{serials['first']}.pdf"
    assert "已生成" in capsys.readouterr().out
    assert serials["first"] in pdf.flat(out) and pdf.pages(out) >= 1
    assert run(demo_dir, "visit", serials["first"], serials["second"], "-o", "two.pdf") == 0
    assert serials["second"] in pdf.flat(tmp_path / "two.pdf")


def test_batch_report_and_proposal(demo_dir: Path, serials: dict[str, str], tmp_path: Path) -> None:
    day = serials["day"]
    out = tmp_path / "batch.pdf"
    assert run(demo_dir, "visits", "--from", day, "--to", day, "-o", str(out)) == 0
    assert "群众来访登记表汇编" in pdf.flat(out, first=1)
    for flag, value in (("--month", serials["month"]), ("--quarter", f"{day[:4]}-Q1"),
                        ("--year", day[:4])):  # fmt: skip
        out = tmp_path / f"report{flag}.pdf"
        assert run(demo_dir, "report", flag, value, "-o", str(out)) == 0
        assert "履职统计报表" in pdf.flat(out)
    out = tmp_path / "p.pdf"
    assert run(demo_dir, "proposal", serials["proposal"], "-o", str(out)) == 0
    assert "案由" in pdf.flat(out)


def test_interview_by_serial_and_any_record_by_its_prefix(
    demo_dir: Path, serials: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(demo_dir, "interview", serials["interview"]) == 0
    out = tmp_path / f"访谈记录_{serials['interview']}.pdf"
    assert "委员访谈记录表" in pdf.flat(out) and serials["interview"] in pdf.flat(out)
    assert run(demo_dir, "record", serials["proposal"], "-o", "p.pdf") == 0
    assert "案由" in pdf.flat(tmp_path / "p.pdf")
    assert run(demo_dir, "record", serials["first"], serials["second"], "-o", "v.pdf") == 0
    assert "群众来访登记表" in pdf.flat(tmp_path / "v.pdf") and pdf.pages(tmp_path / "v.pdf") >= 2


def test_refusals_exit_1_with_one_sentence_and_no_file(
    demo_dir: Path, serials: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert run(demo_dir, "visit", "JD-1999-0001", "-o", str(out)) == 1
    assert "JD-1999-0001" in refused(capsys)
    assert (
        run(demo_dir, "visits", "--from", "1999-01-01", "--to", "1999-12-31", "-o", str(out)) == 1
    )
    assert "没有可打印" in refused(capsys)
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    assert run(demo_dir, "visit", serials["first"], "-o", str(blocker / "x.pdf")) == 1
    assert "无法保存" in refused(capsys)
    assert run(demo_dir, "report", "--month", "2026-13", "-o", str(out)) == 1
    assert "月份" in refused(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_usage_errors_exit_2(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run(demo_dir, "visits", "--from", "yesterday", "--to", "2026-01-01")
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        run(demo_dir, "report")
    assert caught.value.code == 2
    capsys.readouterr()
