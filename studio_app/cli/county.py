"""County mode: the county office's own work on studios' proposal-type records.

``review``, ``assign``, ``reply``, ``adopt`` and ``instruct`` write through
``services.county_work`` (audited, ``county_rev`` bumped, sent with the next ``feedback``).
A record is named by its serial, ``CODE:SERIAL`` (a studio's code, when several studios use
the serial) or its county number. Each prints one line saying what was recorded.

Exit codes: 0 recorded, 1 refused (one sentence on stderr, nothing changed: at a studio, an
unknown or ambiguous serial, invalid values, a role without the right), 2 usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from studio_app.cli.common import EXIT_OK
from studio_app.core.codes import AdoptionLevel, ProposalKind, ReplyClass, Review
from studio_app.core.errors import UserError

MAX_TEXT_FILE = 1_000_000  # bytes: a reply's full text is far shorter


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    ref = {"metavar": "SERIAL", "help": "serial, CODE:SERIAL or county number"}
    date = {"metavar": "YYYY-MM-DD", "help": "default: today"}
    levels = [lv.value for lv in AdoptionLevel]

    p = sub.add_parser("review", parents=[common], help="county: enter a record's review (审查)")
    p.add_argument("ref", **ref)
    p.add_argument("--result", required=True, choices=[r.value for r in Review])
    p.add_argument("--reason", default=None, help="required when rejected or returned")
    p.add_argument("--into", default="", metavar="SERIAL", help="merged: the record merged into")
    p.add_argument(
        "--to", default="", choices=[ProposalKind.SUGGESTION.value, ProposalKind.SQMY.value],
        help="converted: the new kind (default: the other of the two)",
    )  # fmt: skip
    p.add_argument("--county-no", default=None, metavar="NO", help="the county's number")
    p.set_defaults(run=cmd_review)

    p = sub.add_parser(
        "assign", parents=[common], help="county: assign accepted records to units (交办)"
    )
    p.add_argument("refs", nargs="+", **ref)
    p.add_argument("--lead", required=True, metavar="UNIT", help="code or name of the lead unit")
    p.add_argument(
        "--assist", nargs="+", action="extend", default=[], metavar="UNIT",
        help="assisting units (codes or names)",
    )  # fmt: skip
    p.add_argument("--date", default=None, **date)
    p.add_argument("--due", default=None, metavar="YYYY-MM-DD", help="default: 3 months later")
    p.set_defaults(run=cmd_assign)

    p = sub.add_parser("reply", parents=[common], help="county: record the unit's reply (答复)")
    p.add_argument("ref", **ref)
    p.add_argument(
        "--class", dest="reply_class", required=True, type=str.upper,
        choices=[c.value for c in ReplyClass],
    )  # fmt: skip
    p.add_argument("--summary", required=True)
    p.add_argument("--date", default=None, **date)
    p.add_argument("--text-file", type=Path, metavar="PATH", help="the reply's full text")
    p.set_defaults(run=cmd_reply)

    p = sub.add_parser("adopt", parents=[common], help="county: a 社情民意 was adopted (采用)")
    p.add_argument("ref", **ref)
    p.add_argument("--level", required=True, choices=levels)
    p.add_argument("--date", default=None, **date)
    p.add_argument("--by", default=None, help="who adopted it")
    p.set_defaults(run=cmd_adopt)

    p = sub.add_parser("instruct", parents=[common], help="county: a leader's instruction (批示)")
    p.add_argument("ref", **ref)
    p.add_argument("--leader", required=True)
    p.add_argument("--level", required=True, choices=levels)
    p.add_argument("--text", required=True)
    p.add_argument("--date", default=None, **date)
    p.set_defaults(run=cmd_instruct)


def _start(workspace: Any) -> Any:
    """The acting context, refused at a studio (or for a role that may not edit) first."""
    from studio_app.services import county_work

    ctx = workspace.context()
    county_work.require_county(ctx)
    return ctx


def _named(row: Any) -> str:
    """``SQZ:TA-2026-0001（关于修缮东岙村道路…）``."""
    from studio_app.services import county_work

    code = county_work.studio_codes().get(row.origin_site, "")
    title = row.title if len(row.title) <= 20 else f"{row.title[:20]}…"
    return f"{code}:{row.serial}（{title}）" if code else f"{row.serial}（{title}）"


def cmd_review(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import county_work

    ctx = _start(workspace)
    row = county_work.review(
        ctx, county_work.find(args.ref), args.result, reason=args.reason, into=args.into,
        converted_to=args.to, county_no=args.county_no,
    )  # fmt: skip
    outcome = Review(row.review)
    said = outcome.label
    if outcome is Review.MERGED:
        said = f"并案，并入 {row.merged_into}"
    elif outcome is Review.CONVERTED:
        said = f"转为{ProposalKind(row.converted_to).label}"
    if row.review_reason:
        said += f"（{row.review_reason}）"
    number = f"，县政协编号 {row.county_no}" if row.county_no else ""
    print(f"已登记审查结果：{_named(row)}，{said}{number}。")
    return EXIT_OK


def cmd_assign(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.core.codes import CodeListKind, UnitRole
    from studio_app.services import county_work
    from studio_app.services.site import code_labels

    ctx = _start(workspace)
    found = [county_work.find(ref) for ref in args.refs]
    rows = list({r.id: r for r in found}.values())  # a record named twice is assigned once
    done = county_work.assign(ctx, rows, args.lead, args.assist, on=args.date, due=args.due)
    names = code_labels(CodeListKind.HANDLING_UNIT.value)
    units = county_work.units_of(done[0])
    lead = "、".join(names.get(u, u) for role, u in units if role == UnitRole.LEAD)
    assist = "、".join(names.get(u, u) for role, u in units if role != UnitRole.LEAD)
    first = done[0]
    print(
        f"已交办 {len(done)} 件：{'、'.join(_named(r) for r in done)}，主办 {lead}"
        + (f"，协办 {assist}" if assist else "")
        + f"，交办日期 {first.assigned_at}，答复期限 {first.reply_due}。"
    )
    return EXIT_OK


def _read_text(path: Path) -> str:
    """A text file people wrote: UTF-8 (with or without BOM) or GB18030 (Chinese Windows)."""
    try:
        if not path.is_file():
            raise UserError(f"答复全文文件不存在或不是普通文件：{path}")
        if path.stat().st_size > MAX_TEXT_FILE:
            raise UserError(f"答复全文文件超过 1 MB，不像是答复全文：{path}")
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取答复全文文件 {path}：{exc.strerror or exc}") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"答复全文文件 {path} 不是文本文件（应为 UTF-8 或 GBK 编码）。")


def cmd_reply(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import county_work

    ctx = _start(workspace)
    text = _read_text(args.text_file) if args.text_file is not None else None
    found = county_work.find(args.ref)
    row = county_work.reply(ctx, found, args.reply_class, args.summary, on=args.date, text=text)
    full = f"，答复全文 {len(row.reply_text)} 字" if row.reply_text else ""
    print(
        f"已登记答复：{_named(row)}，{ReplyClass(row.reply_class).label}，"
        f"答复日期 {row.replied_at}{full}。"
    )
    return EXIT_OK


def cmd_adopt(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import county_work

    ctx = _start(workspace)
    row = county_work.adopt(ctx, county_work.find(args.ref), args.level, on=args.date, by=args.by)
    by = f"，采用单位 {row.adopted_by}" if row.adopted_by else ""
    print(
        f"已登记采用：{_named(row)}，采用级别 {AdoptionLevel(row.adoption_level).label}{by}，"
        f"采用日期 {row.adopted_at}。"
    )
    return EXIT_OK


def cmd_instruct(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import county_work

    ctx = _start(workspace)
    found = county_work.find(args.ref)
    row = county_work.instruct(ctx, found, args.leader, args.level, args.text, on=args.date)
    level = AdoptionLevel(row.instruction_level).label
    print(
        f"已登记批示：{_named(row)}，批示领导 {row.instruction_leader}（{level}），"
        f"批示日期 {row.instruction_date}。"
    )
    return EXIT_OK


COMMANDS = {
    "review": cmd_review,
    "assign": cmd_assign,
    "reply": cmd_reply,
    "adopt": cmd_adopt,
    "instruct": cmd_instruct,
}
