"""Package and ledger file names: Chinese a clerk can read on the stick, in order, never two
alike, valid on the FAT32 / exFAT / NTFS sticks offices use, and never read back."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from studio_app.core.text import utf16_len
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.exchange.ledger import export_ledger
from studio_app.exchange.schema import NAME_LIMIT, PackageKind, file_name, name_part
from studio_app.storage.models import ImportHistory, Site
from tests.exchange.builders import fill
from tests.exchange.conftest import Install

STUDIO, FEEDBACK = PackageKind.STUDIO, PackageKind.FEEDBACK
# What Windows refuses in a name on any of its file systems.
FORBIDDEN = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|]')


def valid_on_a_stick(name: str) -> bool:
    stem = name.split(".")[0].upper()
    reserved = stem in {"CON", "PRN", "AUX", "NUL"} or re.fullmatch(r"(COM|LPT)\d", stem)
    return (
        not FORBIDDEN.search(name)
        and name == name.strip(" .")
        and utf16_len(name) <= 255  # FAT32 and NTFS count UTF-16 units
        and not reserved
    )


def test_a_package_says_who_made_it_what_it_is_when_and_its_number() -> None:
    day = date(2026, 12, 5)
    assert file_name("石桥镇政协委员工作室", STUDIO, day, 3) == (
        "石桥镇政协委员工作室_数据包_2026-12-05_第3号.xlsx"
    )
    assert file_name("平阳县政协", FEEDBACK, day, 3, "石桥镇政协委员工作室") == (
        "平阳县政协_反馈包_致石桥镇政协委员工作室_2026-12-05_第3号.xlsx"
    )


def test_a_senders_packages_sort_in_the_order_they_were_made() -> None:
    made = [(date(2026, 1, 9), 1), (date(2026, 3, 2), 2), (date(2026, 3, 2), 3),
            (date(2026, 11, 30), 4), (date(2027, 1, 4), 5)]  # fmt: skip
    names = [file_name("石桥镇政协委员工作室", STUDIO, day, seq) for day, seq in made]
    assert sorted(names) == names and len(set(names)) == len(names)


def test_two_studios_feedback_of_one_day_have_two_names() -> None:
    day = date(2026, 12, 5)
    one = file_name("平阳县政协", FEEDBACK, day, 1, "石桥镇政协委员工作室")
    two = file_name("平阳县政协", FEEDBACK, day, 1, "水头镇政协委员工作室")
    assert one != two


@pytest.mark.parametrize(
    "name",
    [
        '石桥镇/东岙村:"联络站"*?<>|',
        " 石桥镇\t政协\n委员工作室 . ",
        "石" * 200,
        "𠀀𠀁工作室",  # outside the BMP: two UTF-16 units each
        "CON",
        "...",
    ],
)
def test_any_site_name_gives_a_name_every_stick_takes(name: str) -> None:
    made = file_name(name_part(name, "SQZ"), FEEDBACK, date(2026, 12, 5), 12, name)
    assert valid_on_a_stick(made), made
    assert len(name_part(name)) <= NAME_LIMIT
    assert made.endswith("_2026-12-05_第12号.xlsx")


def test_a_name_nothing_is_left_of_falls_back_to_the_code() -> None:
    assert name_part(" .. ", "SQZ") == "SQZ"
    assert name_part("石桥镇 / 政协", "SQZ") == "石桥镇 _ 政协"


def test_the_exporters_names_and_a_renamed_package_still_imports(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        Site.update(name="石桥镇/东岙村 联络站").where(Site.is_local).execute()
        fill(ctx)
        package = export_studio(ctx, out).path
        assert package is not None
        assert package.name == f"石桥镇_东岙村 联络站_数据包_{ctx.today():%Y-%m-%d}_第1号.xlsx"
        ledger = export_ledger(ctx, out, "2026-03")
        assert ledger.name == "石桥镇_东岙村 联络站_履职台账_2026-03.xlsx"
    renamed = package.rename(out / "U盘里的文件.xlsx")  # nothing reads the name back
    with county as ctx:
        assert import_package(ctx, renamed).applied and ImportHistory.select().count() == 1
        feedback = export_feedback(ctx, "SQZ", out, full=True).path
        assert feedback is not None
        assert feedback.name == (
            f"平阳县政协_反馈包_致石桥镇_东岙村 联络站_{ctx.today():%Y-%m-%d}_第1号.xlsx"
        )
    assert all(valid_on_a_stick(p.name) for p in out.iterdir())
