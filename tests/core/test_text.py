from __future__ import annotations

from studio_app.core.text import clean_text, normalise_name, to_halfwidth


def test_control_characters_and_lone_surrogates_are_removed() -> None:
    assert clean_text("a\x01b\x7f\tc\r\nd\ud800e") == "ab\tc\nde"


def test_halfwidth_and_names() -> None:
    assert to_halfwidth("ＡＢ１２　３") == "AB12 3"
    assert normalise_name(" 李　秀 英 ") == "李秀英"
