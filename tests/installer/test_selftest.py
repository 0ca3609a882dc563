"""``studio-app selftest`` from the source tree: the same smoke test the frozen app runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as PlainET
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from studio_app import selftest
from studio_app.cli import main
from studio_app.exchange import sniff
from studio_app.reports import fonts


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **env}
    return subprocess.run(
        [sys.executable, "-m", "studio_app", "selftest", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=110,
    )


def test_selftest_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    done = run("--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    for step in ("升级旧数据库", "建立数据库", "生成演示数据", "导出数据包", "县政协导入"):
        assert f"[通过] {step}" in done.stdout
    for step in ("打印登记表", "打印统计报表", "XML 防护"):
        assert f"[通过] {step}" in done.stdout
    assert "自检通过" in done.stdout
    assert list(tmp_path.iterdir()) == []  # its throwaway folder is gone, nothing else made


def test_selftest_never_uses_the_data_directory_itself(tmp_path: Path) -> None:
    (tmp_path / "studio.sqlite3").write_bytes(b"the user's own database")
    done = run("--data-dir", str(tmp_path), "--keep", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    folder = Path(report["folder"])
    assert folder.parent == tmp_path and report["kept"]
    assert (folder / "studio" / "studio.sqlite3").is_file()
    assert (folder / "county" / "studio.sqlite3").is_file()
    assert (tmp_path / "studio.sqlite3").read_bytes() == b"the user's own database"


def test_gui_steps_open_the_main_window_and_preview_the_form(tmp_path: Path) -> None:
    done = run("--data-dir", str(tmp_path), "--gui", "--json", QT_QPA_PLATFORM="offscreen")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    names = [s["name"] for s in report["steps"]]
    assert names[1:3] == ["建立数据库", "打开主窗口"]
    assert names.index("打印预览") == names.index("打印登记表") + 1  # QtPdf renders the form
    assert "zh_CN" in report["steps"][2]["detail"]
    assert isinstance(report["painted_at"], float)


def test_no_embeddable_font_fails_the_print_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(fonts, "_registered", {})
    monkeypatch.setattr(fonts, "system_candidates", lambda: [])
    monkeypatch.setattr(fonts, "shipped_candidates", lambda: [])
    assert main(["selftest", "--data-dir", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "[失败] 打印登记表" in out
    assert "“打印登记表”一步出错" in err and "中文" in err
    assert "XML 防护" not in out  # stops at the first failure
    (kept,) = tmp_path.iterdir()  # kept for a look at what went wrong
    assert str(kept) in err


def test_an_xml_reader_without_the_guard_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sniff, "SafeET", PlainET)
    assert main(["selftest", "--data-dir", str(tmp_path)]) == 1
    assert "defusedxml" in capsys.readouterr().err


def test_a_folder_that_cannot_be_made_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["selftest", "--data-dir", str(blocker / "sub")]) == 1
    assert "无法建立自检用的临时文件夹" in capsys.readouterr().err


def _pdf(path: Path, font: str, text: str) -> Path:
    canvas = Canvas(str(path))
    canvas.setFont(font, 12)
    canvas.drawString(72, 720, text)
    canvas.save()
    return path


def test_pdf_check_accepts_an_embedded_subset(tmp_path: Path) -> None:
    font = fonts.print_font()
    if not font.embedded:
        pytest.skip("no embeddable Chinese TrueType font on this machine")
    selftest.check_pdf(_pdf(tmp_path / "ok.pdf", font.name, "群众来访登记表"), "来访登记")


def test_pdf_check_refuses_a_font_that_is_not_embedded(tmp_path: Path) -> None:
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = _pdf(tmp_path / "cid.pdf", "STSong-Light", "群众来访登记表")
    with pytest.raises(selftest.CheckFailed, match="未嵌入"):
        selftest.check_pdf(path, "登记表")


def test_pdf_check_names_characters_missing_from_the_subset(tmp_path: Path) -> None:
    font = fonts.print_font()
    if not font.embedded:
        pytest.skip("no embeddable Chinese TrueType font on this machine")
    path = _pdf(tmp_path / "other.pdf", font.name, "统计报表")
    with pytest.raises(selftest.CheckFailed, match="缺少"):
        selftest.check_pdf(path, "登记表")


def test_pdf_check_refuses_a_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n")
    with pytest.raises(selftest.CheckFailed, match="不是完整的 PDF"):
        selftest.check_pdf(path, "表")
