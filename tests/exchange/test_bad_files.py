"""docs/QUALITY.md rows 4–9 and 17–18: files that are not what they claim, or built to hurt."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from studio_app.core.errors import UserError
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.exchange.sniff import FileDamaged, PasswordRequired
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, everything
from tests.exchange.files import edit, edit_manifest, rewrite_part, sheet_part, unsigned


@pytest.fixture
def package(studio: Install, county: Install, out: Path) -> Path:
    with studio as ctx:
        fill(ctx)
        result = export_studio(ctx, out, include_identifiers=True)
        assert result.path is not None
        return result.path


def refused(county: Install, path: Path, *words: str, password: str | None = None) -> str:
    with county as ctx:
        before = everything()
        with pytest.raises(UserError) as info:
            import_package(ctx, path, password=password)
        assert everything() == before
        for word in words:
            assert word in info.value.message, info.value.message
        return info.value.message


def test_row_04_truncated_or_empty_file_is_damaged(package: Path, county: Install) -> None:
    data = package.read_bytes()
    package.write_bytes(data[: len(data) // 2])
    with county as ctx, pytest.raises(FileDamaged):
        import_package(ctx, package)
    refused(county, package, "损坏")
    package.write_bytes(b"")
    refused(county, package, "空文件")


def test_row_05_encrypted_package_asks_for_the_password(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out, password="县政协2026").path
        assert path is not None and path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    with county as cctx, pytest.raises(PasswordRequired):
        import_package(cctx, path)
    refused(county, path, "密码不正确", password="wrong")
    with county as cctx:
        assert import_package(cctx, path, password="县政协2026").applied


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
        ("姓名,电话\n李秀英,13800001111\n".encode("gb18030"), "CSV"),
        (b"%PDF-1.4\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "不是 Excel"),
    ],
)
def test_row_06_other_files_renamed_to_xlsx_are_named(
    county: Install, tmp_path: Path, content: bytes, word: str
) -> None:
    path = tmp_path / "数据.xlsx"
    path.write_bytes(content)
    refused(county, path, word)


def test_row_06_a_word_document_is_named(county: Install, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    refused(county, path, "Word")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
"""


def test_row_07_entity_expansion_is_rejected(package: Path, county: Install) -> None:
    part = sheet_part(package, "接待走访")
    rewrite_part(package, part, lambda xml: BILLION_LAUGHS + xml.split(b"?>", 1)[1])
    refused(county, package, "实体")


def test_row_07_defusedxml_guards_the_workbook_part(package: Path, county: Install) -> None:
    rewrite_part(package, "xl/workbook.xml", lambda xml: BILLION_LAUGHS + xml.split(b"?>", 1)[1])
    refused(county, package, "实体")
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    with pytest.raises(DefusedXmlException):
        SafeET.fromstring(BILLION_LAUGHS + b"<lolz>&lol3;</lolz>")


def test_row_08_zip_bomb_is_refused_before_parsing(package: Path, county: Install) -> None:
    buf = io.BytesIO(package.read_bytes())
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (24 << 20))
    package.write_bytes(buf.getvalue())
    refused(county, package, "zip 炸弹")


def test_row_08_a_sheet_of_a_million_rows_is_refused(package: Path, county: Install) -> None:
    part = sheet_part(package, "群众")
    huge = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    rewrite_part(package, part, lambda xml: xml.replace(b"</sheetData>", huge))
    refused(county, package, "1,000,000 行")


def test_row_09_a_wrong_dimension_tag_does_not_limit_the_rows(
    package: Path, county: Install
) -> None:
    import re

    part = sheet_part(package, "接待走访")
    rewrite_part(
        package,
        part,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', xml),
    )
    with county as ctx:
        result = import_package(ctx, package)
        assert result.applied and result.plan.counts["new"] == 2 + 2 + 2 + 1 + 1


def test_row_17_newer_format_is_refused_older_read_missing_manifest_refused(
    studio: Install, county: Install, out: Path, package: Path, tmp_path: Path
) -> None:
    import shutil

    newer = shutil.copy(package, tmp_path / "newer.xlsx")
    edit(Path(newer), lambda wb: wb["_manifest"].__setitem__("B1", "99"))
    refused(county, Path(newer), "较新版本", "升级")
    missing = shutil.copy(package, tmp_path / "missing.xlsx")
    edit(Path(missing), lambda wb: wb.remove(wb["_manifest"]))
    refused(county, Path(missing), "清单")

    def to_version_1(entries: dict[str, Any]) -> None:  # no row-hash column, no signature
        unsigned(entries)
        entries["format_version"] = 1
        for info in entries["sheets"].values():
            info["columns"].pop("row_hash")

    edit_manifest(package, to_version_1)
    with county as ctx:  # from a sender not pinned yet: read, with a note
        result = import_package(ctx, package)
        assert result.applied and any("没有签名" in w for w in result.plan.warnings)


def _set_header(title: str, old: str, new: str):  # type: ignore[no-untyped-def]
    def change(wb: object) -> None:
        ws = wb[title]  # type: ignore[index]
        for cell in ws[1]:
            if cell.value == old:
                cell.value = new

    return change


def test_row_18_renamed_missing_and_duplicated_headers_are_refused(
    package: Path, county: Install, tmp_path: Path
) -> None:
    import shutil

    renamed = Path(shutil.copy(package, tmp_path / "renamed.xlsx"))
    edit(renamed, _set_header("接待走访", "反映内容", "内容"))
    refused(county, renamed, "缺少列", "反映内容")
    dup = Path(shutil.copy(package, tmp_path / "dup.xlsx"))
    edit(dup, _set_header("接待走访", "地点", "接待方式"))
    refused(county, dup, "出现了两次")


def test_row_18_merged_cells_refused_extra_sheets_and_moved_columns_fine(
    package: Path, county: Install, tmp_path: Path
) -> None:
    import shutil

    merged = Path(shutil.copy(package, tmp_path / "merged.xlsx"))
    edit(merged, lambda wb: wb["接待走访"].merge_cells("E2:E3"))
    refused(county, merged, "合并单元格")

    def reorder(wb: object) -> None:
        ws = wb["接待走访"]  # type: ignore[index]
        ws.move_range("A1:A3", cols=60)  # 编号 moved to the far right
        ws.column_dimensions["C"].hidden = True
        wb.create_sheet("我的笔记")["A1"] = "自己加的表"  # type: ignore[attr-defined]

    edit(package, reorder)
    with county as ctx:
        result = import_package(ctx, package)
        assert result.applied
        assert any("我的笔记" in w for w in result.plan.warnings)


def test_a_folder_or_a_missing_file_is_named_plainly(county: Install, tmp_path: Path) -> None:
    from studio_app.exchange.sniff import sniff

    with pytest.raises(UserError, match="是文件夹"):
        sniff(tmp_path)
    with pytest.raises(UserError, match="找不到文件"):
        sniff(tmp_path / "none.xlsx")


def _bad_crc(path: Path, part: str) -> Path:
    """Store ``part`` uncompressed and change one byte of it: the zip CRC no longer matches."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            stored = zipfile.ZIP_STORED if info.filename == part else zipfile.ZIP_DEFLATED
            dst.writestr(info.filename, src.read(info), stored)
    raw = out.getvalue()
    at = raw.index(b"Relationship Id")
    path.write_bytes(raw[:at] + b"Relationship Ie" + raw[at + 15 :])
    return path


def _half(path: Path, title: str) -> Path:
    return rewrite_part(path, sheet_part(path, title), lambda xml: xml[: len(xml) // 2])


def test_row_04_damaged_parts_and_sheets_are_refused_as_damaged(
    package: Path, county: Install, tmp_path: Path
) -> None:
    import shutil

    for name, damage in (
        ("crc", lambda p: _bad_crc(p, "xl/_rels/workbook.xml.rels")),
        ("manifest", lambda p: _half(p, "_manifest")),
        ("sheet", lambda p: _half(p, "接待走访")),
    ):
        path = damage(Path(shutil.copy(package, tmp_path / f"{name}.xlsx")))
        with county as ctx, pytest.raises(FileDamaged):
            import_package(ctx, path)
        message = refused(county, path, "已损坏", "重新复制")
        assert "Error" not in message and "\n" not in message


def test_row_04_the_cli_refuses_a_damaged_package_in_one_sentence(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from studio_app.cli import main
    from studio_app.storage.database import close_database

    def cli(*args: str) -> int:
        try:
            return main(["--data-dir", str(tmp_path / "county-cli"), *args])
        finally:
            close_database()

    assert cli("setup", "--kind", "county", "--name", "平阳县政协", "--code", "PYX") == 0
    capsys.readouterr()
    crc = _bad_crc(Path(shutil.copy(package, tmp_path / "crc.xlsx")), "xl/_rels/workbook.xml.rels")
    half = _half(Path(shutil.copy(package, tmp_path / "half.xlsx")), "接待走访")
    for path in (crc, half):
        assert cli("import", str(path)) == 1
        captured = capsys.readouterr()
        err = captured.err.strip()
        assert "已损坏" in err and path.name in err and "\n" not in err, err
        assert "内部错误" not in err and "Traceback" not in err
    assert cli("import", str(package)) == 0  # nothing was recorded by the refusals


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("sheets", '""'),
        ("sheets", "99"),
        ("sheets", '{"委员": {"record": "member", "rows": "many"}}'),
        ("sequence", '"3"'),
        ("sequence", str(2**70)),
        ("masked", "99"),
        ("created_at", "99"),
        ("site_uuid", '"../../etc"'),
        ("site_kind", '"province"'),
    ],
)
def test_row_17_a_manifest_entry_of_the_wrong_shape_is_refused(
    package: Path, county: Install, key: str, value: str
) -> None:
    def change(wb: object) -> None:
        for row in wb["_manifest"].iter_rows():  # type: ignore[index]
            if row[0].value == key:
                row[1].value = value

    edit(package, change)
    refused(county, package, "清单已损坏")


@pytest.mark.parametrize("encoding", [b"foo", b"big5", b"utf-16"])
def test_row_04_a_workbook_part_in_an_unknown_encoding_is_damaged(
    package: Path, county: Install, encoding: bytes
) -> None:
    declared = b'<?xml version="1.0" encoding="' + encoding + b'"?>'
    rewrite_part(package, "xl/workbook.xml", lambda xml: declared + xml.split(b"?>", 1)[1])
    refused(county, package, "已损坏")


def test_row_04_a_zip_member_marked_encrypted_is_damaged(package: Path, county: Install) -> None:
    raw = bytearray(package.read_bytes())
    entry = raw.rindex(b"PK\x01\x02", 0, raw.rindex(b"xl/workbook.xml"))  # central directory
    raw[entry + 8] |= 0x1  # the "encrypted" flag, as one flipped bit sets it
    package.write_bytes(bytes(raw))
    refused(county, package, "已损坏")
