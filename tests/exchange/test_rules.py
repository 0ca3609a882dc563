"""Rows that break the services' rules across fields (edited in Excel) are rejected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.storage.models import Visit
from tests.exchange.builders import fill
from tests.exchange.conftest import Install
from tests.exchange.files import edit, header_index


def test_a_visit_breaking_the_workflow_rules_is_rejected_with_the_reason(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        made = fill(ctx)
        path = export_studio(ctx, out).path
    assert path is not None

    def break_rules(wb: Any) -> None:
        ws = wb["接待走访"]
        rows = {ws.cell(r, header_index(ws, "唯一标识")).value: r for r in range(2, 4)}
        referred, answered = (rows[v.uuid] for v in made["visits"])
        ws.cell(referred, header_index(ws, "转办单位")).value = None
        ws.cell(answered, header_index(ws, "状态")).value = "已反馈"

    edit(path, break_rules)
    with county as cctx:
        result = import_package(cctx, path)
        visits = {r.uuid: r for r in result.plan.of("rejected") if r.record == "visit"}
        referred, answered = (visits[v.uuid] for v in made["visits"])
        assert referred.reason == "转办单位：转有关部门时必填"
        assert answered.reason == "状态为“已反馈”的事项须填写：办理结果、反馈日期"
        assert result.plan.sheet_counts["接待走访"]["rejected"] == 2
        assert result.applied and Visit.select().count() == 0
