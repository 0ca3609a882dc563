"""A studio's proposal-type records of every kind, made through the services and brought to
the county office by a real package (for the county's own work: review, assignment, reply…).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import ImportResult, import_package
from studio_app.services import proposals, site
from studio_app.services.context import Context
from studio_app.storage.models import Proposal
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, use


def proposal(
    ctx: Context, kind: str, title: str, lead: int, *, submit: bool = True, **values: Any
) -> Proposal:
    """A record of ``kind`` led by member ``lead``, submitted unless ``submit`` is false."""
    row = proposals.create(ctx, {
        "kind": kind, "title": title, "lead_member": lead, "facts": f"{title}：情况",
        "analysis": "分析", "recommendations": "建议", **values,
    })  # fmt: skip
    if submit:
        proposals.submit(ctx, row.id)
    return proposals.get(row.id)


def studio_records(ctx: Context) -> dict[str, Any]:
    """:func:`fill`'s records plus a second proposal, a 社情民意, a suggestion and a draft."""
    made = fill(ctx)
    lead = made["members"][0].id
    made["second"] = proposal(ctx, "proposal", "关于增设西岙村公交站点的提案", lead)
    made["sqmy"] = proposal(ctx, "sqmy", "农村留守老人就医难的情况反映", lead)
    made["suggestion"] = proposal(ctx, "suggestion", "关于规范村级议事会的建议", lead)
    made["draft"] = proposal(ctx, "proposal", "关于河道清淤的提案（草稿）", lead, submit=False)
    made["proposal"] = proposals.get(made["proposal"].id)
    return made


def send(studio: Install, out: Path, **kw: Any) -> Path:
    """The studio's next package (identifiers included, so both sides compare whole)."""
    with studio as ctx:
        result = export_studio(ctx, out, include_identifiers=True, **kw)
        assert result.path is not None
        return result.path


def take(inst: Install, path: Path) -> ImportResult:
    """Import and apply: no conflict, nothing rejected."""
    with inst as ctx:
        result = import_package(ctx, path)
        assert result.applied, [(r.record, r.reason) for r in result.plan.rows]
        counts = result.plan.counts
        assert counts["conflict"] == counts["rejected"] == counts["waiting"] == 0, counts
        return result


def at_county(studio: Install, county: Install, out: Path) -> dict[str, Any]:
    """:func:`studio_records` made at the studio and imported by the county."""
    with studio as ctx:
        made = studio_records(ctx)
    take(county, send(studio, out))
    return made


def another_studio(tmp_path: Path, county: Install, out: Path) -> tuple[Install, dict[str, Any]]:
    """A second studio (东桥镇, DQZ) whose records, serials included, mirror the first's,
    imported by the county too."""
    path = tmp_path / "dqz.sqlite3"
    use(path)
    inst = Install(path, site.context_for(site.setup("studio", "东桥镇政协委员工作室", "DQZ")))
    made = studio_records(inst.ctx)
    take(county, send(inst, out))
    return inst, made
