"""Property: any text people type survives studio → county → feedback → studio exactly."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.services import proposals, site, visits
from studio_app.storage.database import close_database
from tests.exchange.builders import fill
from tests.exchange.conftest import differences, everything, use

TRICKY = st.sampled_from(
    ["=1+2", "+86", "-5", "@sum", "\t缩进", "\r\n", "_x0041_", "_x000D_", "'", "0012", "1e5",
     "TRUE", "2026-03-02", "𠀀𪚥", "🙂", "\u200b", "١٢٣", "&lt;", "<b>", "]]>", " "]
)  # fmt: skip
TEXT = st.lists(st.one_of(TRICKY, st.text(min_size=0, max_size=30)), max_size=6).map("".join)


def _visible(text: str) -> bool:
    from studio_app.core.text import clean_text

    return bool(clean_text(text).strip("\n "))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    content=TEXT.filter(_visible),
    place=TEXT.map(lambda t: t[:150]),
    views=TEXT,
    reply=TEXT,
    instruction=TEXT,
    delete_second=st.booleans(),
    long_text=st.booleans(),
)
def test_any_text_round_trips_exactly(
    content: str,
    place: str,
    views: str,
    reply: str,
    instruction: str,
    delete_second: bool,
    long_text: bool,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        usb = root / "usb"
        usb.mkdir()
        use(root / "county.sqlite3")
        cctx = site.context_for(site.setup("county", "平阳县政协", "PYX"))
        use(root / "studio.sqlite3")
        ctx = site.context_for(site.setup("studio", "石桥镇政协委员工作室", "SQZ"))
        made = fill(ctx, content * (3000 // max(len(content), 1) + 1) if long_text else content)
        visits.update(ctx, made["visits"][0].id, {"place": place, "result": views})
        if delete_second:
            visits.delete(ctx, made["visits"][1].id)
        first = export_studio(ctx, usb, include_identifiers=True).path
        at_studio = everything()
        use(root / "county.sqlite3")
        assert import_package(cctx, first).applied  # type: ignore[arg-type]
        assert differences(everything(), at_studio) == []
        county_fields = {"reply_summary": reply, "instruction_text": instruction}
        proposals.update(cctx, made["proposal"].uuid, county_fields)
        fb = export_feedback(cctx, "SQZ", usb, full=True).path
        at_county = everything()
        use(root / "studio.sqlite3")
        assert import_package(ctx, fb).applied  # type: ignore[arg-type]
        assert differences(everything(), at_county) == []
        close_database()
