"""The per-character search text and query expressions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studio_app.core import search_text
from studio_app.core.search_text import index_text, match_expression
from studio_app.core.text import to_halfwidth


def test_chinese_is_split_per_character_and_ascii_kept_as_words() -> None:
    assert index_text("村道破损", "JD-2026-0001").split() == [
        "村", "道", "破", "损", "JD-2026-0001",
    ]  # fmt: skip


def test_query_is_a_phrase_per_word() -> None:
    assert match_expression("道路") == '"道 路"'
    assert match_expression("道") == '"道"'
    assert match_expression("道路 积水") == '"道 路" "积 水"'
    assert match_expression("JD-2026-00") == '"JD 2026 00"*'


def test_query_without_tokens_is_none_and_quotes_are_harmless() -> None:
    assert match_expression("  ") is None
    assert match_expression("，。！") is None
    assert match_expression('"道"') == '"道"'


def test_fullwidth_digits_match_halfwidth() -> None:
    assert match_expression("２０２６") == '"2026"*'
    assert "2026" in index_text("２０２６年")


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_fast_spacing_equals_the_regex_definition(text: str) -> None:
    """The translate table must give exactly what the regex rule says: the index's delete
    triggers rebuild old documents with it, so any drift would corrupt the index."""
    reference = search_text._SPLIT.sub(r" \1 ", to_halfwidth(text))
    assert index_text(text) == reference
