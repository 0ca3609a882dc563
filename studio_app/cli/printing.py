"""``studio-app print …``: forms, batches and statistics reports as PDF files.

Registered by :mod:`studio_app.cli`; reportlab is imported only when a print runs.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from studio_app.cli.common import year_arg
from studio_app.core.codes import SERIAL_PREFIX, ProposalKind


def _day(text: str) -> date:
    from studio_app.services.coerce import FieldError, parse_date

    try:
        day = parse_date(text)
    except FieldError as exc:
        raise argparse.ArgumentTypeError(f"{exc}：{text}") from None
    if day is None:
        raise argparse.ArgumentTypeError("日期不能为空")
    return day


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``print`` and its document subcommands to the ``studio-app`` parser."""
    p = sub.add_parser("print", parents=[common], help="print forms and reports to PDF")
    what = p.add_subparsers(dest="what", metavar="DOCUMENT", required=True, parser_class=type(p))
    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("-o", "--output", metavar="PATH", help="PDF file (default: in this folder)")
    both = [common, out]

    d = what.add_parser("visit", parents=both, help="visit record forms (接待登记表) by serial")
    d.add_argument("serials", nargs="+", metavar="SERIAL", help="e.g. JD-2026-0001")
    d.add_argument("--unmasked", action="store_true", help="full ID and phone numbers")

    d = what.add_parser("visits", parents=both, help="all visits of a date range, with a cover")
    d.add_argument("--from", dest="date_from", type=_day, required=True, metavar="DATE")
    d.add_argument("--to", dest="date_to", type=_day, required=True, metavar="DATE")
    d.add_argument("--include-confidential", action="store_true", help="also confidential visits")
    d.add_argument("--unmasked", action="store_true", help="full ID and phone numbers")

    d = what.add_parser("proposal", parents=both, help="a proposal or 社情民意 by serial")
    d.add_argument("serial", metavar="SERIAL", help="e.g. TA-2026-0001 or SQ-2026-0001")

    d = what.add_parser("report", parents=both, help="statistics report with charts")
    period = d.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", metavar="YYYY-MM")
    period.add_argument("--quarter", metavar="YYYY-Qn")
    period.add_argument("--year", metavar="YYYY")
    scope = d.add_mutually_exclusive_group()
    scope.add_argument("--county", action="store_true", default=None, help="all studios")
    scope.add_argument("--studio", dest="county", action="store_false", help="this site only")
    _points_parsers(what, both)
    _record_parsers(what, both)
    _summary_parsers(what, both)


def _points_parsers(what: argparse._SubParsersAction, both: list[argparse.ArgumentParser]) -> None:
    """``print archive`` (委员履职档案) and ``print points-summary`` (履职积分汇总表)."""
    d = what.add_parser("archive", parents=both, help="members' duty archives (履职档案) of a year")
    d.add_argument("--year", type=year_arg, required=True, metavar="YYYY")
    d.add_argument("--member", metavar="NAME", help="one member (default: all, with a cover)")
    d.add_argument("--unmasked", action="store_true", help="full phone numbers")
    d = what.add_parser("points-summary", parents=both,
                        help="the year's duty points of every member (.pdf or .xlsx)")  # fmt: skip
    d.add_argument("--year", type=year_arg, required=True, metavar="YYYY")


def _record_parsers(what: argparse._SubParsersAction, both: list[argparse.ArgumentParser]) -> None:
    """``print <kind> SERIAL…`` for every numbered kind without a command of its own, and
    ``print record SERIAL…`` for any of them (the kind is read from the serials' prefix)."""
    from studio_app.core import kinds

    taken = set(what.choices)
    for kind in kinds.all_kinds():
        if kind.name in taken or not kind.serial_prefix:
            continue
        dashed = kind.name.replace("_", "-")
        aliases = [dashed] if dashed != kind.name else []
        d = what.add_parser(
            kind.name, aliases=aliases, parents=both, help=f"{kind.label} forms by serial"
        )
        d.add_argument("serials", nargs="+", metavar="SERIAL",
                       help=f"e.g. {kind.serial_prefix}-2026-0001")  # fmt: skip
        if any(f.identifier for f in kind.fields):
            d.add_argument("--unmasked", action="store_true", help="full ID and phone numbers")
        d.set_defaults(kind=kind.name)
    d = what.add_parser("record", parents=both, help="any record's form by serial")
    d.add_argument("serials", nargs="+", metavar="SERIAL", help="serials of one kind of record")
    d.add_argument("--unmasked", action="store_true", help="full ID and phone numbers")
    d.set_defaults(kind=None)


def _summary_parsers(what: argparse._SubParsersAction, both: list[argparse.ArgumentParser]) -> None:
    """``print <kind>-year NAME --year YYYY`` for every kind other records rate (an
    observation point's yearly summary)."""
    from studio_app.core import kinds
    from studio_app.services import rating_history

    for kind in kinds.all_kinds():
        if not rating_history.rated_through(kind.name):
            continue
        d = what.add_parser(f"{kind.name.replace('_', '-')}-year", parents=both,
                            help=f"a {kind.name.replace('_', ' ')}'s yearly summary")  # fmt: skip
        d.add_argument("title", metavar="NAME", help=f"its {kind.field(kind.title_key).label}")
        d.add_argument("--year", type=int, required=True, metavar="YYYY")
        d.add_argument("--unmasked", action="store_true", help="full ID and phone numbers")
        d.set_defaults(summary=kind.name)


def _kind_label(serial: str) -> str:
    prefix = serial.split("-", 1)[0].upper()
    for kind, code in SERIAL_PREFIX.items():
        if code == prefix and kind in ProposalKind._value2member_map_:
            return ProposalKind(kind).label
    return "提案"


def _default_name(args: argparse.Namespace) -> str:
    if hasattr(args, "summary"):
        return f"{args.title}_{args.year}年度监测汇总.pdf"
    if hasattr(args, "kind"):
        name = _record_kind(args).label
        more = f"等{len(args.serials)}件" if len(args.serials) > 1 else ""
        return f"{name}_{args.serials[0].upper()}{more}.pdf"
    if args.what == "archive":
        return f"履职档案_{args.year}年{f'_{args.member.strip()}' if args.member else ''}.pdf"
    if args.what == "points-summary":
        return f"履职积分汇总_{args.year}年.pdf"
    if args.what == "visit":
        more = f"等{len(args.serials)}件" if len(args.serials) > 1 else ""
        return f"接待登记表_{args.serials[0].upper()}{more}.pdf"
    if args.what == "visits":
        return f"接待登记表汇编_{args.date_from.isoformat()}至{args.date_to.isoformat()}.pdf"
    if args.what == "proposal":
        return f"{_kind_label(args.serial)}_{args.serial.upper()}.pdf"
    return f"统计报表_{args.period.slug}.pdf"


def cmd_print(args: argparse.Namespace) -> int:
    from studio_app.cli.common import EXIT_OK, open_data_dir
    from studio_app.services import site

    workspace = open_data_dir(args, create=False)
    site.require_site()
    ctx = workspace.context()
    if args.what == "report":
        from studio_app.services.statistics import Period

        args.period = Period.parse(args.month or args.quarter or args.year)
    dest = Path(args.output) if args.output else Path.cwd() / _default_name(args)
    result = _print(ctx, args, dest)
    if result.path.suffix.lower() == ".xlsx":
        print(f"已生成：{result.path}（{result.records} 名委员）")
    else:
        print(f"已生成：{result.path}（{result.pages} 页）")
    return EXIT_OK


def _record_kind(args: argparse.Namespace):
    from studio_app.core import kinds
    from studio_app.reports import layouts

    return kinds.kind(args.kind) if args.kind else layouts.kind_of(args.serials)


def _print(ctx, args: argparse.Namespace, dest: Path):
    if hasattr(args, "summary"):
        from studio_app.core import kinds
        from studio_app.reports import rating_summary
        from studio_app.services import kind_records

        target = kinds.kind(args.summary)
        found = kind_records.find_titled(target, args.title)
        return rating_summary.render(ctx, target, found, args.year, dest, unmasked=args.unmasked)
    if hasattr(args, "kind"):
        from studio_app.reports import layouts

        kind = _record_kind(args)
        unmasked = getattr(args, "unmasked", False)
        return layouts.render_serials(ctx, kind, args.serials, dest, unmasked=unmasked)
    if args.what in ("archive", "points-summary"):
        return _print_points(ctx, args, dest)
    if args.what == "visit":
        from studio_app.reports import visit_form

        return visit_form.render_serials(ctx, args.serials, dest, unmasked=args.unmasked)
    if args.what == "visits":
        from studio_app.reports import batch

        return batch.render(
            ctx,
            dest,
            date_from=args.date_from,
            date_to=args.date_to,
            include_confidential=args.include_confidential,
            unmasked=args.unmasked,
        )
    if args.what == "proposal":
        from studio_app.reports import proposal_form

        return proposal_form.render(ctx, args.serial, dest)
    from studio_app.reports import monthly_report

    return monthly_report.render(ctx, args.period, dest, county=args.county)


def _print_points(ctx, args: argparse.Namespace, dest: Path):
    from studio_app.reports import archive, points_summary
    from studio_app.services import points

    if args.what == "points-summary":
        return points_summary.render(ctx, args.year, dest)
    member = points.member_named(args.member) if args.member else None
    return archive.render(ctx, args.year, dest, member_id=member, unmasked=args.unmasked)
