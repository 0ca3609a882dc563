"""A declared kind gets its section of the data dictionary with no other code."""

from __future__ import annotations

from studio_app.core import data_dictionary as dd
from studio_app.core import kinds
from tests.kinds.throwaway import TEA_TALK


def test_the_throwaway_kind_is_in_the_data_dictionary_while_declared() -> None:
    with kinds.registered(TEA_TALK):
        text = dd.markdown()
    assert "## 茶叙记录 `tea_talk`" in text
    assert "`CX`, e.g. `CX-2026-0042`" in text
    assert "`tea_talk_fts` over `serial`, `member_names`, `title`, `notes`" in text
    assert "table `tea_talk_member` (`tea_talk_id` → `member_id`" in text
    assert "| `host` | 主持委员 | `member` → column `host_id` |" in text
    assert "| `contact_phone` | 联系电话 | `phone` |  |  |  | studio | masked |" in text
    assert "Used by `visit.category`, `tea_talk.topic`." in text
    for fld in TEA_TALK.fields:
        assert f"| `{fld.key}` | {fld.label} |" in text
    assert dd.sheet_headers(TEA_TALK).visible[2:4] == ("主题", "茶叙日期")
    assert "tea_talk" not in dd.markdown()
