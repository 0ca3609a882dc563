"""The condition that finds what the user typed in a kind's search index, on either engine.

SQLite: an FTS5 ``MATCH`` (``core.search_text.match_expression``). PostgreSQL: the index
table keeps each document's words, and each pair of neighbouring words (``a_b``), as an
array with a GIN index; a row must hold every pair of neighbours of the query, or its word
where a phrase has one word (``@>``, answered from the index), which decides a phrase of one
or two words; a longer phrase, or one whose last word may continue, is also checked in order
(``LIKE`` on the document, which starts and ends with a space) on those rows only. Both see
the same words: one per CJK character, ASCII runs whole, case folded.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from studio_app.core.search_text import Phrase, match_expression, phrases
from studio_app.storage.database import on_postgres

TextCondition = tuple[str, list[Any]]


def condition(fts: str, alias: str, text: str) -> TextCondition | None:
    """SQL over the index table ``fts`` (as ``alias``) that keeps the rows matching
    ``text``, with its parameters; None when ``text`` has nothing to search for."""
    if not on_postgres():
        match = match_expression(text)
        return None if match is None else (f"{alias}.{fts} MATCH ?", [match])
    found = phrases(text)
    if not found:
        return None
    words: set[str] = set()
    checked: list[str] = []  # phrases the words do not decide
    for p in found:
        tokens = [t.lower() for t in p.tokens]
        whole = tokens[:-1] if p.prefix else tokens
        # a pair implies its two words: asking the index for them as well only adds work
        words.update(whole if len(whole) == 1 else (f"{a}_{b}" for a, b in pairwise(whole)))
        if p.prefix or len(tokens) > 2:
            checked.append(_pattern(p))
    sql: list[str] = []
    params: list[Any] = []
    if words:
        sql.append(f"{alias}.tokens @> ?::text[]")
        params.append(sorted(words))
    for pattern in checked:
        sql.append(f"{alias}.doc LIKE ?")
        params.append(pattern)
    return " AND ".join(sql), params


def document_condition(alias: str, text: str) -> TextCondition | None:
    """SQL testing one PostgreSQL index row (as ``alias``) for ``text`` by its document
    alone, every phrase in order: the same rows as :func:`condition`, cheaper for a row
    already at hand than its words (a long array)."""
    found = phrases(text)
    if not found:
        return None
    return " AND ".join([f"{alias}.doc LIKE ?"] * len(found)), [_pattern(p) for p in found]


def _pattern(phrase: Phrase) -> str:
    """``LIKE`` pattern of a phrase's words in order in a document (which starts and ends
    with a space; a word never holds ``%`` or ``_``)."""
    tokens = " ".join(t.lower() for t in phrase.tokens)
    return f"% {tokens}%" if phrase.prefix else f"% {tokens} %"
