"""Font resolution: configured → shipped → system → non-embedded CID font with a warning."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from studio_app.reports import fonts, visit_form
from studio_app.services import print_settings
from studio_app.services.context import Context
from tests.reports import pdf
from tests.services.helpers import visit
from tests.system_packages import needs

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
needs_wqy = needs("fonts-wqy-microhei", WQY.exists(), "the TrueType CJK font printing embeds")
needs_noto = needs("fonts-noto-cjk", NOTO_CFF.exists(), "a CFF CJK font printing must skip")


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the fonts registered so far in this process."""
    monkeypatch.setattr(fonts, "_registered", {})


@needs_wqy
@needs_noto
def test_outline_detection() -> None:
    assert fonts.outline_kind(WQY) == "truetype"
    assert fonts.outline_kind(NOTO_CFF) == "cff"


def test_not_a_font(tmp_path: Path) -> None:
    bogus = tmp_path / "x.ttf"
    bogus.write_bytes(b"hello world, not a font")
    assert fonts.outline_kind(bogus) == "unknown"


@needs("fonts-droid-fallback", DROID.exists(), "a TrueType CJK font to configure")
@needs_noto
def test_configured_font_wins_and_cff_is_skipped_with_a_log_line(
    fresh: None, caplog: pytest.LogCaptureFixture
) -> None:
    assert fonts.print_font(str(DROID)).path == DROID
    with caplog.at_level(logging.WARNING, logger="studio_app.reports.fonts"):
        chosen = fonts.print_font(str(NOTO_CFF))
    assert chosen.embedded and chosen.path != NOTO_CFF
    assert "PostScript (CFF) outlines" in caplog.text and str(NOTO_CFF) in caplog.text


def test_configured_path_is_read_from_the_settings(ctx: Context) -> None:
    assert print_settings.font_path() is None
    print_settings.set_font_path("/fonts/simsun.ttc")
    assert print_settings.font_path() == "/fonts/simsun.ttc"
    print_settings.set_font_path(None)
    assert print_settings.font_path() is None


@needs_wqy
def test_system_font_on_linux(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "shipped_candidates", lambda: [])
    chosen = fonts.print_font()
    assert chosen.embedded and chosen.path in fonts.system_candidates()


@pdf.needs_poppler
@pdf.needs_poppler_data
def test_no_font_falls_back_to_cid_with_a_visible_warning(
    fresh: None, monkeypatch: pytest.MonkeyPatch, ctx: Context, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "shipped_candidates", lambda: [])
    monkeypatch.setattr(fonts, "system_candidates", lambda: [tmp_path / "none.ttf"])
    chosen = fonts.print_font()
    assert (chosen.name, chosen.embedded) == ("STSong-Light", False)
    out = tmp_path / "cid.pdf"
    visit_form.render(ctx, [visit(ctx).id], out)
    assert "未找到可嵌入的中文字体" in pdf.flat(out)
    assert [f["emb"] for f in pdf.fonts(out)] == ["no"]
