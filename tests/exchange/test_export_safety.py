"""docs/QUALITY.md rows 29–30 (2–3 for exports): identifiers masked, USB stick pulled, disk full."""

from __future__ import annotations

import errno
import json
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from studio_app.core.codes import Role
from studio_app.core.errors import UserError
from studio_app.exchange import files
from studio_app.exchange.export import export_studio
from studio_app.storage.models import AuditEntry, Site
from tests.exchange.builders import fill
from tests.exchange.conftest import Install


def _cells(path: Path, title: str) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [str(c.value) for row in wb[title].iter_rows() for c in row if c.value is not None]


def test_row_29_identifiers_are_masked_unless_permitted_and_chosen(
    studio: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        masked = export_studio(ctx, out, full=True).path
        assert masked is not None
        cells = _cells(masked, "群众")
        assert "110105********002X" in cells and "11010519491231002X" not in cells
        viewer = replace(ctx, role=Role.VIEWER, may_see_pii=False)
        with pytest.raises(UserError, match="无权查看完整的身份证号"):
            export_studio(viewer, out, full=True, include_identifiers=True)
        full = export_studio(ctx, out, full=True, include_identifiers=True).path
        assert full is not None and "11010519491231002X" in _cells(full, "群众")
        logged = [
            json.loads(e.changes) for e in AuditEntry.select().where(AuditEntry.action == "export")
        ]
        assert [entry["include_identifiers"][1] for entry in logged] == [False, True]


def test_row_30_stick_pulled_during_the_copy_leaves_no_file_and_no_change(
    studio: Install, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with studio as ctx:
        fill(ctx)

        def pulled(src: object, dst: object) -> None:
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(files, "_copy", pulled)
        with pytest.raises(UserError, match="U盘是否已拔出"):
            export_studio(ctx, out)
        assert list(out.iterdir()) == []
        assert Site.get(Site.is_local == True).next_package_seq == 1  # noqa: E712
        monkeypatch.undo()
        assert export_studio(ctx, out).sequence == 1  # nothing was marked as sent


def test_row_30_a_copy_that_reads_back_differently_is_refused(
    studio: Install, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with studio as ctx:
        fill(ctx)
        real = files.sha256_of
        calls: list[Path] = []

        def flaky(path: Path) -> str:
            calls.append(path)
            return "0" * 64 if path.parent == out else real(path)

        monkeypatch.setattr(files, "sha256_of", flaky)
        with pytest.raises(UserError, match="校验不一致"):
            export_studio(ctx, out)
        assert list(out.iterdir()) == [] and calls


def test_row_03_disk_full_says_so(
    studio: Install, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with studio as ctx:
        fill(ctx)

        def full(src: object, dst: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(files, "_copy", full)
        with pytest.raises(UserError, match="磁盘已满"):
            export_studio(ctx, out)
        assert list(out.iterdir()) == []


def test_export_file_name_sheets_and_layout(studio: Install, out: Path) -> None:
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out).path
    assert path is not None
    assert path.name == f"石桥镇政协委员工作室_数据包_{ctx.today():%Y-%m-%d}_第1号.xlsx"
    wb = openpyxl.load_workbook(path)
    # linked kinds first: contacts, activities and reporting points before the visits and
    # proposals grown from them or naming them
    assert wb.sheetnames[:8] == [
        "委员", "群众", "联系记录", "委员活动", "直报点", "接待走访", "访谈", "提案与社情民意"
    ]  # fmt: skip
    assert wb["_manifest"].sheet_state == "veryHidden"
    assert "说明" in wb.sheetnames
    ws = wb["接待走访"]
    assert ws.freeze_panes == "C2"
    assert any("代码表" in dv.formula1 for dv in ws.data_validations.dataValidation)
    assert any(d.hidden for d in ws.column_dimensions.values())  # the machine columns
    occurred = ws.cell(2, 4)
    assert occurred.is_date and "年" in occurred.number_format


def _age(path: Path, seconds: float) -> Path:
    """Set ``path``'s times ``seconds`` before now."""
    when = time.time() - seconds
    os.utime(path, (when, when))
    return path


def test_gap_a_the_next_export_removes_leftovers_of_killed_exports(
    studio: Install, out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "system-temp"  # what earlier versions used; temp/ is the app's own
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    # An export killed yesterday during the copy: a .part and its local folder; and one
    # left by an earlier version, which named packages in Latin letters.
    stale_part = _age(_write(out / "石桥镇政协委员工作室_数据包_2026-11-26_第1号.xlsx.part"), 3600)
    old_part = _age(_write(out / "SQZ_studio_20261125_0001.xlsx.part"), 3600)
    stale_dir = temp / "studio-export-ab12cd_9"
    stale_dir.mkdir()
    _age(_write(stale_dir / "SQZ_studio_20261126_0001.xlsx"), 2 * 3600)
    _age(stale_dir, 2 * 3600)
    # What is not ours, or may be in use right now, stays.
    busy_part = _write(out / "平阳县政协_反馈包_致石桥镇政协委员工作室_2026-11-27_第3号.xlsx.part")
    foreign = [
        out / "报表.xlsx.part",
        out / "SQZ_studio_2026_1.xlsx.part",
        out / "x.part",
        out / "石桥镇_数据包_2026-11-26_第1号.xlsx",  # a finished file, not a leftover
        out / "数据包_2026-11-26.xlsx.part",
    ]
    for path in foreign:
        _age(_write(path), 3600)
    busy_dir = temp / "studio-export-zz99yy88"
    busy_dir.mkdir()
    _write(busy_dir / "SQZ_studio_20261127_0002.xlsx")  # being written now
    _age(busy_dir, 2 * 3600)
    other_dir = temp / "studio-export-notours-at-all"
    other_dir.mkdir()
    _age(other_dir, 2 * 3600)
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out).path
    assert path is not None and path.exists()
    assert not stale_part.exists() and not old_part.exists() and not stale_dir.exists()
    assert busy_part.exists() and all(p.exists() for p in foreign)
    assert busy_dir.exists() and other_dir.exists()
    assert sorted(p.name for p in temp.iterdir()) == sorted([busy_dir.name, other_dir.name])


def test_gap_a_leftovers_are_judged_by_the_destination_clock(tmp_path: Path) -> None:
    """A stick whose times read hours off: ages count from the file just written there."""
    stick = tmp_path / "stick"
    stick.mkdir()
    written = _age(_write(stick / "SQZ_studio_20261127_0002.xlsx"), 8 * 3600)
    copying = _age(_write(stick / "SQZ_studio_20261127_0001.xlsx.part"), 8 * 3600 + 5)
    left = _age(_write(stick / "SQZ_studio_20261126_0001.xlsx.part"), 9 * 3600)
    assert files.remove_stale_parts(stick, written) == [left]
    assert copying.exists() and written.exists() and not left.exists()


def test_gap_a_a_link_in_the_temp_folder_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp, precious = tmp_path / "system-temp", tmp_path / "precious"
    temp.mkdir()
    precious.mkdir()
    _age(_write(precious / "keep.txt"), 3 * 3600)
    link = temp / "studio-export-abcdefgh"
    link.symlink_to(precious, target_is_directory=True)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert files.remove_stale_temp("studio-export-", age=0) == []
    assert (precious / "keep.txt").exists()


def _write(path: Path) -> Path:
    path.write_bytes(b"PK")
    return path
