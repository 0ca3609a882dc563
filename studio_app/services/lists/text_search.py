"""The condition that finds what the user typed in a kind's search index, on either engine.

SQLite: an FTS5 ``MATCH`` (``core.search_text.match_expression``). PostgreSQL: the index
table keeps each document's words as an array with a GIN index; a row must hold every word
of the query (``@>``, answered from the index) and each phrase in order (``LIKE`` on the
document, which starts and ends with a space, checked on those rows only). Both see the
same words: one per CJK character, ASCII runs whole, case folded.
"""

from __future__ import annotations

from typing import Any

from studio_app.core.search_text import match_expression, phrases
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
    words = sorted({t.lower() for p in found for t in (p.tokens[:-1] if p.prefix else p.tokens)})
    sql: list[str] = []
    params: list[Any] = []
    if words:
        sql.append(f"{alias}.tokens @> ?::text[]")
        params.append(words)
    for p in found:
        sql.append(f"{alias}.doc LIKE ?")
        params.append("% " + " ".join(t.lower() for t in p.tokens) + ("%" if p.prefix else " %"))
    return " AND ".join(sql), params
