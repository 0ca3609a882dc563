"""Chinese-aware text for the full-text index.

SQLite's unicode61 tokenizer treats a run of Chinese characters as one token and the
trigram tokenizer finds nothing for 1–2 character queries, yet most Chinese words are two
characters. So every CJK character becomes its own token and a query is searched as a
phrase of characters: 1-, 2- and n-character queries all work on one index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studio_app.core.text import to_halfwidth

# CJK unified ideographs (+ extension A, compatibility), kana and hangul are split one per
# token; runs of ASCII letters/digits stay words so serials and phones are searchable too.
_SPLIT = re.compile(
    r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f])"
)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


class _Spacing(dict[int, str]):
    """``str.translate`` table that pads CJK characters with spaces, filled as met.

    Translating is several times faster than ``re.sub`` with a template, which calls back
    into Python for every Chinese character (this runs for every indexed record).
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = f" {char} " if _SPLIT.fullmatch(char) else char
        if 0xFF01 <= code <= 0xFF5E or code == 0x3000:
            value = to_halfwidth(char)
        self[code] = value
        return value


_SPACING = _Spacing()


def index_text(*parts: object) -> str:
    """The document stored in the index for the given field values."""
    return " ".join(str(p) for p in parts if p).translate(_SPACING)


@dataclass(frozen=True)
class Phrase:
    """One word of a query: its tokens in order; ``prefix``: the last may continue."""

    tokens: tuple[str, ...]
    prefix: bool = False


def phrases(query: str) -> tuple[Phrase, ...]:
    """What the user typed as phrases that must all occur (the words, split by spaces): each
    word a phrase of its characters; a trailing ASCII word matches as a prefix
    (``JD-2026-00`` finds ``JD-2026-0042``)."""
    found = []
    words = to_halfwidth(query).split()
    for i, word in enumerate(words):
        tokens = tuple(_TOKEN.findall(_SPLIT.sub(r" \1 ", word)))
        if tokens:
            found.append(Phrase(tokens, i == len(words) - 1 and tokens[-1].isascii()))
    return tuple(found)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed (:func:`phrases`), or ``None`` if it
    has no tokens."""
    found = [
        '"' + " ".join(t.replace('"', '""') for t in p.tokens) + '"' + ("*" if p.prefix else "")
        for p in phrases(query)
    ]
    return " ".join(found) or None
