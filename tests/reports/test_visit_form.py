"""The visit record form read back from the PDF: fields, pages, fonts, masking."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from studio_app.core import kinds
from studio_app.core.errors import NotFound, UserError
from studio_app.reports import visit_form
from studio_app.reports.sheet import LABEL_W, LEFT
from studio_app.services import audit, kind_records, visits
from studio_app.services.context import Context
from studio_app.storage.models import Visit
from tests.reports import pdf
from tests.reports.conftest import ID_NUMBER, PHONE
from tests.services.helpers import visit

pytestmark = pdf.needs_poppler


def test_one_page_with_every_field_labelled_and_coded_values_as_labels(
    march: Context, referred_visit: Visit, tmp_path: Path
) -> None:
    out = tmp_path / "form.pdf"
    result = visit_form.render_serials(march, [referred_visit.serial], out)
    assert result.pages == 1 and pdf.pages(out) == 1
    text = pdf.flat(out)
    for field in kinds.VISIT.fields:
        if field.key != "reporting_point":  # named within 接待方式 (below)
            assert field.label in text, field.key
    for value in (
        "石桥镇政协委员工作室群众来访登记表",
        referred_visit.serial,
        "入户走访",
        "2026年3月2日09:30",
        "东岙村3组",
        "王建国、陈丽",
        "李秀英（女）" if "女" in text else "李秀英",
        "交通出行",
        "村口道路破损，下雨天积水严重，老人出行不便。",
        "委员当场记录并答应向镇里反映。",
        "转有关部门",
        "县交通运输局",
        "2026年3月3日",
        "2026年3月18日",
        "已办结",
        "已安排修补路面并疏通排水沟。",
        "2026年3月16日",
        "电话",
        "2026年3月20日",
        "满意",
        "群众表示满意。",
        "值班委员（签字）",
        "记录人（签字）",
        "第1页共1页",
    ):
        assert value in text, value
    assert "referred" not in text and "home_visit" not in text  # codes never printed


def test_identifiers_masked_by_default_and_full_only_when_allowed(
    march: Context, referred_visit: Visit, tmp_path: Path
) -> None:
    masked = tmp_path / "masked.pdf"
    visit_form.render(march, [referred_visit.id], masked)
    text = pdf.flat(masked)
    assert "138****5678" in text and "110105********002X" in text
    assert PHONE not in text and ID_NUMBER not in text

    full = tmp_path / "full.pdf"
    visit_form.render(march, [referred_visit.id], full, unmasked=True)
    text = pdf.flat(full)
    assert PHONE in text and ID_NUMBER in text
    assert any(e["action"] == "print_unmasked" for e in audit.history(referred_visit.uuid))

    viewer = replace(march, may_see_pii=False)
    refused = tmp_path / "refused.pdf"
    with pytest.raises(UserError, match="无权"):
        visit_form.render(viewer, [referred_visit.id], refused, unmasked=True)
    assert not refused.exists() and pdf.leftovers(tmp_path) == []


def test_chinese_text_in_an_embedded_subset_font(
    march: Context, referred_visit: Visit, tmp_path: Path
) -> None:
    out = tmp_path / "form.pdf"
    visit_form.render(march, [referred_visit.id], out)
    found = pdf.fonts(out)
    assert found and all(f["emb"] == "yes" and f["sub"] == "yes" for f in found), found
    assert "群众来访登记表" in pdf.text(out)


def test_long_content_flows_onto_continuation_pages_uncut(march: Context, tmp_path: Path) -> None:
    content = "".join(
        f"【{i:03d}】村里路灯坏了很久，晚上出行不便，请尽快修复。" for i in range(260)
    )
    assert len(content) > 5000
    v = visit(march, content=content, occurred_at="2026-03-05 10:00")
    out = tmp_path / "long.pdf"
    result = visit_form.render(march, [v.id], out)
    assert result.pages == pdf.pages(out) >= 3
    # The value column between the page header and footer, page after page.
    column = (LEFT + LABEL_W + 1, 100, 1000, 690)
    values = "".join(
        pdf.flat(out, layout=False, first=n, crop=column) for n in range(1, result.pages + 1)
    )
    assert content in values  # every character, in order: nothing cut
    assert "反映内容（续）" in pdf.flat(out)
    assert "（续页）" in pdf.flat(out) and f"第{result.pages}页共{result.pages}页" in pdf.flat(out)
    last = pdf.flat(out, first=result.pages)
    assert "记录人（签字）" in last and "办理结果" in last


def test_unknown_or_trashed_serial_is_refused_without_a_file(
    march: Context, tmp_path: Path
) -> None:
    v = visit(march)
    visits.delete(march, v.id)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "x.pdf"
    with pytest.raises(NotFound, match=v.serial):
        visit_form.render_serials(march, [v.serial], out)
    with pytest.raises(NotFound, match="JD-2026-9999"):
        visit_form.render_serials(march, ["JD-2026-9999"], out)
    assert list(folder.iterdir()) == []


def test_a_visit_through_a_reporting_point_names_it_with_the_channel(
    march: Context, tmp_path: Path
) -> None:
    point = kind_records.create(march, kinds.REPORTING_POINT, {"name": "东岙村社情民意直报点"})
    found = visit(march, channel="reporting_point", reporting_point=point.id)
    out = tmp_path / "form.pdf"
    assert visit_form.render_serials(march, [found.serial], out).pages == 1
    assert "接待方式直报点（东岙村社情民意直报点）" in pdf.flat(out)
