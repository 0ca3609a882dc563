"""``studio-app review / assign / reply / adopt / instruct``: the county's work on studios'
records from the command line, in real data directories (exit codes, output, refusals).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from studio_app.cli import main
from studio_app.services import county_work, site
from studio_app.storage.database import close_database, open_database
from tests.exchange.county_records import studio_records

COUNTY = ["setup", "--kind", "county", "--name", "平阳县政协", "--code", "PYX"]


def cli(data: Path, *args: str) -> int:
    try:
        return main(["--data-dir", str(data), *args])
    finally:
        close_database()


def dump(data: Path) -> dict[str, list[Any]]:
    """Every table of the data directory's database (search index aside)."""
    conn = sqlite3.connect(data / "studio.sqlite3")
    try:
        names = [
            n
            for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if "fts" not in n and not n.startswith("sqlite_")
        ]
        return {n: list(conn.execute(f'SELECT * FROM "{n}" ORDER BY 1')) for n in names}
    finally:
        conn.close()


def proposal(data: Path, serial: str) -> dict[str, Any]:
    conn = sqlite3.connect(data / "studio.sqlite3")
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM proposal WHERE serial = ?", (serial,)).fetchone())
    finally:
        conn.close()


def make_studio(data: Path, code: str, name: str, usb: Path) -> dict[str, Any]:
    """A studio set up on the command line, its records made through the services, its
    first package exported into ``usb``."""
    assert cli(data, "setup", "--kind", "studio", "--name", name, "--code", code) == 0
    open_database(data / "studio.sqlite3")
    try:
        local = site.local_site()
        assert local is not None
        made = studio_records(site.context_for(local))
    finally:
        close_database()
    assert cli(data, "export", str(usb)) == 0
    return made


@pytest.fixture
def two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """A studio (SQZ) whose records the county (PYX) has imported."""
    studio, county, usb = tmp_path / "studio", tmp_path / "county", tmp_path / "usb"
    usb.mkdir()
    made = make_studio(studio, "SQZ", "石桥镇政协委员工作室", usb)
    assert cli(county, *COUNTY) == 0
    [package] = usb.iterdir()
    assert cli(county, "import", str(package)) == 0
    capsys.readouterr()
    serials = {k: made[k].serial for k in ("proposal", "second", "sqmy", "suggestion", "draft")}
    return {"studio": studio, "county": county, "usb": usb, **serials}


def said(capsys: pytest.CaptureFixture[str]) -> str:
    """What a command that succeeded printed: one line, nothing on stderr."""
    out = capsys.readouterr()
    assert out.err == "" and out.out.count("\n") == 1, out
    return out.out.strip()


def test_the_county_records_its_work_one_line_each(
    two: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    county = two["county"]
    main_, second, sqmy, suggestion = (two[k] for k in ("proposal", "second", "sqmy", "suggestion"))
    title = "关于修缮东岙村道路的建议"

    assert cli(county, "review", main_, "--result", "accepted", "--county-no", "PY-2026-001") == 0
    assert said(capsys) == f"已登记审查结果：SQZ:{main_}（{title}），立案，县政协编号 PY-2026-001。"
    assert cli(county, "review", sqmy.lower(), "--result", "accepted") == 0
    assert said(capsys).endswith("，立案。")

    assert cli(county, "assign", "PY-2026-001", f"SQZ:{sqmy}", "--lead", "县住建局",
               "--assist", "02", "--date", "2026-01-31") == 0  # fmt: skip
    assert said(capsys) == (
        f"已交办 2 件：SQZ:{main_}（{title}）、SQZ:{sqmy}（农村留守老人就医难的情况反映），"
        "主办 县住建局，协办 县交通运输局，交办日期 2026-01-31，答复期限 2026-04-30。"
    )
    text = tmp_path / "答复.txt"
    text.write_bytes("经研究，道路已列入今年维修计划。".encode("gb18030"))  # Chinese Windows
    assert cli(county, "reply", main_, "--class", "a", "--summary", "已列入维修计划",
               "--date", "2026-04-20", "--text-file", str(text)) == 0  # fmt: skip
    assert said(capsys) == (
        f"已登记答复：SQZ:{main_}（{title}），A 已解决或采纳，答复日期 2026-04-20，答复全文 16 字。"
    )
    assert cli(county, "adopt", sqmy, "--level", "city", "--by", "市政协办公室",
               "--date", "2026-05-01") == 0  # fmt: skip
    assert said(capsys) == (
        f"已登记采用：SQZ:{sqmy}（农村留守老人就医难的情况反映），采用级别 市，"
        "采用单位 市政协办公室，采用日期 2026-05-01。"
    )
    assert cli(county, "instruct", main_, "--leader", "张县长", "--level", "county",
               "--text", "请抓紧落实", "--date", "2026-04-25") == 0  # fmt: skip
    assert said(capsys) == (
        f"已登记批示：SQZ:{main_}（{title}），批示领导 张县长（县），批示日期 2026-04-25。"
    )
    assert cli(county, "review", second, "--result", "merged", "--into", main_) == 0
    assert said(capsys).endswith(f"并案，并入 {main_}。")
    assert cli(county, "review", suggestion, "--result", "converted", "--to", "sqmy") == 0
    assert said(capsys).endswith("转为社情民意信息。")
    assert cli(county, "review", suggestion, "--result", "returned", "--reason", "请补充") == 0
    assert said(capsys).endswith("退回（请补充）。")

    row = proposal(county, main_)
    assert {k: row[k] for k in ("review", "county_no", "assigned_at", "reply_due",
                                "reply_class", "replied_at", "instruction_leader")} == {
        "review": "accepted", "county_no": "PY-2026-001", "assigned_at": "2026-01-31",
        "reply_due": "2026-04-30", "reply_class": "A", "replied_at": "2026-04-20",
        "instruction_leader": "张县长",
    }  # fmt: skip
    assert row["reply_text"] == "经研究，道路已列入今年维修计划。"
    assert proposal(county, second)["merged_into"] == main_

    # Entered once more, the same values change nothing and say so the same way.
    before = dump(county)
    assert cli(county, "adopt", sqmy, "--level", "city", "--by", "市政协办公室",
               "--date", "2026-05-01") == 0  # fmt: skip
    assert said(capsys).startswith("已登记采用")
    assert dump(county) == before


def test_refusals_exit_1_with_one_sentence_and_change_nothing(
    two: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    county, main_, sqmy, draft = (two[k] for k in ("county", "proposal", "sqmy", "draft"))
    cases: list[tuple[list[str], str]] = [
        (["review", "TA-1999-0999", "--result", "accepted"],
         "找不到编号为 TA-1999-0999 的提案或社情民意（不存在或已删除）。"),
        (["review", f"XYZ:{main_}", "--result", "accepted"], "没有代码为 XYZ 的工作室。"),
        (["review", "", "--result", "accepted"], "请写明提案或社情民意的编号。"),
        (["review", main_, "--result", "rejected"], "不立案须写明理由"),
        (["review", main_, "--result", "merged"], "并案须写明并入哪一件（编号）"),
        (["review", main_, "--result", "converted", "--to", "suggestion", "--county-no", "X" * 51],
         "县政协编号"),
        (["review", draft, "--result", "accepted"],
         f"{draft}（关于河道清淤的提案（草稿））：工作室尚未报送"),
        (["instruct", main_, "--leader", " ", "--level", "county", "--text", " "],
         "批示领导：必填；批示内容：必填"),
        (["assign", main_, "--lead", "01"], "尚未立案，不能交办。"),
        (["assign", main_, "--lead", "县外星局"],
         "承办单位：代码表中没有 县外星局（请先在设置中添加）"),
        (["assign", main_, "--lead", "01", "--date", "2026-02-30"], "交办日期"),
        (["reply", main_, "--class", "A", "--summary", "好"], "尚未交办，不能登记答复。"),
        (["reply", main_, "--class", "A", "--summary", "好", "--text-file",
          str(tmp_path / "none.txt")], "答复全文文件不存在或不是普通文件"),
        (["adopt", main_, "--level", "city"], "只有社情民意信息（含转为社情民意的）登记采用情况。"),
        (["adopt", sqmy, "--level", "city", "--date", "昨天"], "采用日期"),
    ]  # fmt: skip
    before = dump(county)
    for args, message in cases:
        assert cli(county, *args) == 1, args
        out = capsys.readouterr()
        assert out.out == "" and message in out.err and out.err.count("\n") == 1, (args, out)
        assert dump(county) == before, args

    # A batch stops at its first refusal: nothing of it is written.
    assert cli(county, "review", main_, "--result", "accepted") == 0
    capsys.readouterr()
    before = dump(county)
    assert cli(county, "assign", main_, sqmy, "--lead", "01") == 1
    assert (
        capsys.readouterr().err == f"{sqmy}（农村留守老人就医难的情况反映）：尚未立案，不能交办。\n"
    )
    assert dump(county) == before

    for args in (
        ["review", main_],  # no --result
        ["review", main_, "--result", "maybe"],
        ["adopt", sqmy, "--level", "planet"],
        ["reply", main_, "--class", "D", "--summary", "x"],
        ["assign", "--lead", "01"],  # no record
    ):
        with pytest.raises(SystemExit) as exit_:
            cli(county, *args)
        assert exit_.value.code == 2, args
        assert "用法错误" in capsys.readouterr().err
    assert dump(county) == before


def test_a_serial_several_studios_use_must_name_the_studio(
    two: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    county, usb, serial = two["county"], two["usb"], two["proposal"]
    other = tmp_path / "other"
    for old in usb.iterdir():
        old.unlink()
    make_studio(other, "DQZ", "东桥镇政协委员工作室", usb)
    [package] = usb.iterdir()
    assert cli(county, "import", str(package)) == 0
    capsys.readouterr()
    before = dump(county)
    assert cli(county, "review", serial, "--result", "accepted") == 1
    assert capsys.readouterr().err == (
        f"编号 {serial} 在 DQZ、SQZ 几个工作室中都有，请写成“工作室代码:编号”，"
        f"例如 DQZ:{serial}。\n"
    )
    assert dump(county) == before
    assert cli(county, "review", f"dqz:{serial}", "--result", "accepted") == 0
    assert said(capsys).startswith(f"已登记审查结果：DQZ:{serial}")


def test_at_a_studio_every_step_is_refused_in_one_sentence(
    two: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    studio, main_, sqmy = two["studio"], two["proposal"], two["sqmy"]
    before = dump(studio)
    for args in (
        ["review", main_, "--result", "accepted"],
        ["review", "TA-1999-0999", "--result", "accepted"],  # the same sentence, whatever
        ["assign", main_, "--lead", "01"],
        ["reply", main_, "--class", "A", "--summary", "已解决"],
        ["adopt", sqmy, "--level", "city"],
        ["instruct", main_, "--leader", "张县长", "--level", "county", "--text", "阅"],
    ):
        assert cli(studio, *args) == 1, args
        assert capsys.readouterr() == ("", county_work.COUNTY_ONLY + "\n")
    assert dump(studio) == before


def test_a_viewer_may_not_record_the_work(
    two: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    county, main_ = two["county"], two["proposal"]
    monkeypatch.setenv("STUDIO_APP_NEW_PASSWORD", "reader password")
    assert cli(county, "user", "add", "reader", "--role", "viewer") == 0
    capsys.readouterr()
    monkeypatch.setenv("STUDIO_APP_USER", "reader")
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "reader password")
    before = dump(county)
    assert cli(county, "review", main_, "--result", "accepted") == 1
    assert capsys.readouterr() == ("", "当前用户 reader（查阅）无权新增、修改或删除记录。\n")
    after = dump(county)
    assert after["proposal"] == before["proposal"]
    assert after["proposal_unit"] == before["proposal_unit"]
    [refusal] = after["audit_entry"][len(before["audit_entry"]) :]  # the refusal is audited
    assert "refused" in refusal and "reader" in refusal
