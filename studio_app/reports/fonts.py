"""The Chinese font printed forms are set in, embedded as a subset.

Resolution order (issue 4): the font file configured by the user (setting
``print.font_path``) → a font shipped in ``resources/fonts/`` (none is shipped: the app
relies on the fonts every Chinese Windows has) → system fonts (Windows SimSun / SimHei /
Microsoft YaHei, Linux WenQuanYi / Droid Sans Fallback, macOS STHeiti / Songti / Arial
Unicode) → the viewer's built-in CID font STSong-Light, not embedded, with a visible warning.

reportlab embeds only TrueType outlines; fonts with PostScript (CFF) outlines, such as the
Noto CJK ``.otf``/``.ttc`` files, are detected from their table directory and skipped with a
log line instead of failing half-way through a document.
"""

from __future__ import annotations

import itertools
import logging
import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger("studio_app.reports.fonts")

FONT_NAME = "StudioCJK"
FALLBACK_CID = "STSong-Light"
SHIPPED_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FALLBACK_WARNING = (
    "提示：本机未找到可嵌入的中文字体，本文件使用阅读器内置字体，换一台电脑可能显示不同。"
)


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def system_candidates() -> list[Path]:
    """Known locations of Chinese TrueType fonts, best first, for this platform."""
    if sys.platform.startswith("win"):
        names = ("simsun.ttc", "simsun.ttf", "simhei.ttf", "msyh.ttc", "msyh.ttf")
        return [_windows_fonts() / n for n in names]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts/Supplemental/Songti.ttc"),
            Path("/System/Library/Fonts/STHeiti Light.ttc"),
            Path("/System/Library/Fonts/STHeiti Medium.ttc"),
            Path("/Library/Fonts/Arial Unicode.ttf"),
            Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf"),
        ]
    return [
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
        Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
        Path("/usr/share/fonts/google-droid/DroidSansFallbackFull.ttf"),
        Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
    ]


def shipped_candidates() -> list[Path]:
    if not SHIPPED_DIR.is_dir():
        return []
    return sorted(p for p in SHIPPED_DIR.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))


def outline_kind(path: Path) -> str:
    """``truetype``, ``cff`` (PostScript outlines, not embeddable) or ``unknown``.

    Reads the sfnt table directory (of the first font of a collection).
    """
    with open(path, "rb") as fh:
        head = fh.read(16)
        if head[:4] == b"ttcf":  # a collection: tag, version, count, then font offsets
            if len(head) < 16:
                return "unknown"
            fh.seek(struct.unpack(">I", head[12:16])[0])
            head = fh.read(12)
        else:
            fh.seek(12)
        if len(head) < 12:
            return "unknown"
        if head[:4] == b"OTTO":
            return "cff"
        if head[:4] not in (b"\x00\x01\x00\x00", b"true"):
            return "unknown"
        count = struct.unpack(">H", head[4:6])[0]
        tags = {fh.read(16)[:4] for _ in range(count)}
    if tags & {b"CFF ", b"CFF2"}:
        return "cff"
    return "truetype" if b"glyf" in tags else "unknown"


@dataclass(frozen=True)
class PrintFont:
    """The registered font: its reportlab name, file, and whether it is embedded."""

    name: str
    path: Path | None
    embedded: bool

    @property
    def warning(self) -> str | None:
        return None if self.embedded else FALLBACK_WARNING


_registered: dict[str | None, PrintFont] = {}
_names = itertools.count()  # a fresh reportlab name per registration: widths are cached by name


def print_font(configured: str | None = None) -> PrintFont:
    """Resolve and register the font once per process (per configured path)."""
    if configured not in _registered:
        _registered[configured] = _resolve(configured)
    return _registered[configured]


def _resolve(configured: str | None) -> PrintFont:
    sources: list[tuple[str, Path]] = []
    if configured:
        sources.append(("configured", Path(configured).expanduser()))
    sources += [("shipped", p) for p in shipped_candidates()]
    sources += [("system", p) for p in system_candidates()]
    for origin, path in sources:
        font = _try(origin, path)
        if font is not None:
            return font
    log.warning("no embeddable Chinese TrueType font found; using %s (not embedded)", FALLBACK_CID)
    if FALLBACK_CID not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    return PrintFont(FALLBACK_CID, None, embedded=False)


def _try(origin: str, path: Path) -> PrintFont | None:
    if not path.is_file():
        if origin == "configured":
            log.warning("configured print font %s does not exist; trying others", path)
        return None
    try:
        kind = outline_kind(path)
    except OSError as exc:
        log.warning("cannot read font %s (%s); skipped", path, exc)
        return None
    if kind != "truetype":
        reason = (
            "PostScript (CFF) outlines cannot be embedded by reportlab"
            if kind == "cff"
            else ("not a TrueType font")
        )
        log.warning("font %s skipped: %s", path, reason)
        return None
    serial = next(_names)
    name = FONT_NAME if serial == 0 else f"{FONT_NAME}{serial}"
    try:
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    except Exception as exc:  # reportlab raises TTFError and others for odd or restricted fonts
        log.warning("font %s skipped: %s", path, exc)
        return None
    log.info("printing with %s font %s (embedded as a subset)", origin, path)
    return PrintFont(name, path, embedded=True)
