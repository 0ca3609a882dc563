"""``studio-app points --year YYYY [--member NAME] [--json]``: members' duty points of a year
(履职积分), computed from the records: each member's total, by rule, and the yearly minimums
unmet; with ``--member``, also every entry with its source record."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from studio_app.cli.common import EXIT_OK, year_arg


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("points", parents=[common], help="members' duty points of a year")
    p.add_argument("--year", type=year_arg, required=True, metavar="YYYY")
    p.add_argument("--member", metavar="NAME", help="one member, with every entry")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_points, reading=True)


def cmd_points(args: argparse.Namespace, _workspace: Any) -> int:
    from studio_app.services import points

    member = points.member_named(args.member) if args.member else None
    entries = points.ledger(args.year, member_id=member)
    found = points.totals(args.year, entries, member_id=member)
    labels = points.labels(args.year)
    if args.json:
        out: dict[str, Any] = {"year": args.year, "members": [_as_dict(m, labels) for m in found]}
        if member is not None:
            out["entries"] = [
                {"rule": e.rule, "label": labels[e.rule], "kind": e.kind, "serial": e.serial,
                 "day": e.day.isoformat(), "points": e.points}
                for e in entries
            ]  # fmt: skip
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    print(f"{args.year}年履职积分")
    for m in found:
        parts = "，".join(f"{labels[code]} {n}" for code, n in m.by_rule.items() if n)
        line = f"{m.name}：{m.total} 分" + (f"（{parts}）" if parts else "")
        if m.unmet:
            line += "；未达到：" + "、".join(r.label for r in m.unmet)
        print(line)
    if member is not None:
        print("明细：")
        for e in entries:
            print(f"  {e.day:%Y-%m-%d} {e.serial or '—'} {labels[e.rule]} {e.points:+d}")
    return EXIT_OK


def _as_dict(m: Any, labels: dict[str, str]) -> dict[str, Any]:
    return {
        "name": m.name,
        "total": m.total,
        "by_rule": {
            code: {"label": labels[code], "points": n, "entries": m.counts.get(code, 0)}
            for code, n in m.by_rule.items()
        },
        "unmet": [{"code": r.code, "label": r.label} for r in m.unmet],
    }
