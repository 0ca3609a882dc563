"""Issue 11, part 2: a manifest that does not match its sheets is refused, nothing changed;
columns the app does not know are named in the dry run.

The manifests are forged the way a person with openpyxl could (the signature entries
dropped, as in an unsigned package of format 2), so that these checks are what refuses them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from studio_app.core.errors import UserError
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.services import exchange_conflicts, proposals
from studio_app.storage.models import ExchangeConflict, ImportHistory
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, everything
from tests.exchange.files import edit
from tests.exchange.test_cli_exchange import COUNTY, cli

pytestmark = pytest.mark.both_engines  # the county's database: SQLite, then PostgreSQL


def forge(path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """Rewrite the very hidden manifest sheet with ``change`` applied (unsigned)."""

    def rewrite(wb: Any) -> None:
        ws = wb["_manifest"]
        m = {r[0].value: json.loads(r[1].value) for r in ws.iter_rows() if r[0].value}
        m.pop("signer_key", None)
        m.pop("signature", None)
        m["format_version"] = min(int(m["format_version"]), 2)
        change(m)
        ws.delete_rows(1, ws.max_row)
        for key, value in m.items():
            ws.append([key, json.dumps(value, ensure_ascii=False)])
        assert ws.sheet_state == "veryHidden"

    return edit(path, rewrite)


def _refused(install: Install, path: Path, *words: str) -> None:
    """Refused in one sentence, with nothing changed (no record, history or conflict)."""
    with install as ctx:
        before = everything()
        histories = ImportHistory.select().count()
        with pytest.raises(UserError) as exc:
            import_package(ctx, path)
        message = str(exc.value)
        assert all(w in message for w in words), message
        assert message.count("。") == 1 and message.endswith("。"), message
        assert everything() == before
        assert ImportHistory.select().count() == histories
        assert ExchangeConflict.select().count() == 0


@pytest.fixture
def feedback(studio: Install, county: Install, out: Path) -> Path:
    """A feedback package answering the studio's proposal."""
    with studio as ctx:
        made = fill(ctx)
        path = export_studio(ctx, out, include_identifiers=True).path
    with county as cctx:
        assert import_package(cctx, path).applied  # type: ignore[arg-type]
        proposals.update(cctx, made["proposal"].uuid, {"review": "accepted", "county_no": "18"})
        fb = export_feedback(cctx, "SQZ", out).path
    assert fb is not None
    return fb


def test_a_feedback_package_relabelled_as_the_studio_s_package_is_refused(
    studio: Install, county: Install, feedback: Path
) -> None:
    """Before: taken as rows edited by hand, and accepting them crashed the import with
    ``OperationalError: no such column: s.None`` (no ``rev`` column)."""
    with studio as ctx:
        sender = {
            "site_uuid": ctx.site_uuid,
            "site_code": "SQZ",
            "site_name": "石桥镇政协委员工作室",
        }

    def as_studio(m: dict[str, Any]) -> None:
        m.update(kind="studio", site_kind="studio", **sender)

    _refused(county, forge(feedback, as_studio), "工作室数据包", "提案与社情民意", "列")


def test_only_the_kind_changed_is_refused_by_the_sender(
    county: Install, feedback: Path, tmp_path: Path
) -> None:
    forge(feedback, lambda m: m.update(kind="studio"))
    _refused(county, feedback, "工作室数据包", "发送方是县政协")


def _studio_package(studio: Install, out: Path) -> Path:
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out, include_identifiers=True).path
    assert path is not None
    return path


def _columns(title: str, change: Callable[[dict[str, str]], None]) -> Any:
    return lambda m: change(m["sheets"][title]["columns"])


@pytest.mark.parametrize(
    ("change", "words"),
    [
        # Before: every new visit crashed the apply with "no such column: s.None".
        (_columns("接待走访", lambda c: c.pop("rev")), ("接待走访", "缺少版本")),
        (_columns("提案与社情民意", lambda c: c.update(county_no="县政协编号")),
         ("提案与社情民意", "多出县政协编号")),
        (_columns("委员", lambda c: c.pop("name")), ("委员", "缺少姓名")),
        (_columns("接待走访", lambda c: c.update(place="反映内容")), ("两列",)),
        (lambda m: m["sheets"]["委员"].update(record="visit"), ("委员", "接待走访")),
        (lambda m: m["masked"].update({"群众": ["uuid"]}), ("群众", "隐藏")),
        (lambda m: m.update(site_kind="county"), ("发送方是县政协",)),
    ],
    ids=["no-rev", "foreign-key", "no-name", "one-header-twice", "record", "masked", "sender"],
)  # fmt: skip
def test_a_manifest_the_sheets_do_not_match_is_refused(
    studio: Install,
    county: Install,
    out: Path,
    change: Callable[[dict[str, Any]], None],
    words: tuple[str, ...],
) -> None:
    path = forge(_studio_package(studio, out), change)
    _refused(county, path, *words)


def test_the_sheets_are_read_in_link_order_whatever_the_manifest_says(
    studio: Install, county: Install, out: Path
) -> None:
    def reverse(m: dict[str, Any]) -> None:
        m["sheets"] = dict(reversed(m["sheets"].items()))

    path = forge(_studio_package(studio, out), reverse)
    with studio:
        expected = everything()
    with county as cctx:
        result = import_package(cctx, path)
        assert result.applied and result.plan.counts["new"] == 8, result.plan.rows
        assert everything() == expected


def test_unknown_columns_are_named_in_the_dry_run(
    studio: Install, county: Install, out: Path
) -> None:
    def add_columns(wb: Any) -> None:
        ws = wb["接待走访"]
        ws.cell(1, ws.max_column + 1, "备注")
        ws.cell(2, ws.max_column, "工作人员的备注")
        ws = wb["委员"]
        ws.cell(1, ws.max_column + 2, "手机2")

    path = edit(_studio_package(studio, out), add_columns)
    with county as cctx:
        plan = import_package(cctx, path, dry_run=True).plan
        [visits] = [w for w in plan.warnings if "工作表“接待走访”" in w]
        [members] = [w for w in plan.warnings if "工作表“委员”" in w]
        assert "不认识的列" in visits and visits.endswith("：备注")
        assert members.endswith("：手机2")
        assert exchange_conflicts.pending() == []


def test_the_cli_dry_run_names_unknown_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    studio, county, usb = tmp_path / "studio", tmp_path / "county", tmp_path / "usb"
    usb.mkdir()
    assert cli(studio, "demo", "--visits", "20") == 0  # sets up the demo studio first
    assert cli(county, *COUNTY) == 0
    assert cli(studio, "export", str(usb)) == 0
    [package] = usb.iterdir()
    edit(package, lambda wb: wb["群众"].cell(1, wb["群众"].max_column + 1, "微信号"))
    capsys.readouterr()
    assert cli(county, "import", str(package), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "注意：工作表“群众”中有本程序不认识的列" in out and "微信号" in out, out
