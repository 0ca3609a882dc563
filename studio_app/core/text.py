"""Text normalisation shared by validators, search and (later) the Excel importer."""

from __future__ import annotations

import re
import unicodedata

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")  # U+FFFE/F: not XML
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (０１２ＡＢ，) and the ideographic space become their ASCII forms."""
    return text.translate(_FULLWIDTH)


def clean_text(text: str) -> str:
    """Drop control characters other than tab/newline and lone surrogates; unify newlines.

    Stored text must survive SQLite, Excel (which rejects most control characters) and
    reportlab, so they are removed on entry rather than discovered on export.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return _SURROGATE.sub("", text)


def normalise_name(name: str) -> str:
    """A name for comparison: NFKC, no inner or outer white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as Excel and Qt count: rare characters and emoji are 2."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def too_long(limit: int, text: str) -> str | None:
    """The Chinese refusal when ``text`` exceeds ``limit`` UTF-16 units, else None."""
    if len(text) <= limit // 2:
        return None
    size = utf16_len(text)
    if size <= limit:
        return None
    note = "；生僻字和表情符号按 2 个计" if size != len(text) else ""
    return f"不能超过 {limit:,} 个字（现有 {size:,} 个{note}）"
