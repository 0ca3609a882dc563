"""The data dictionary (docs/DATA.md), generated from the record-kind declarations.

Reads ``core.kinds`` (at call time: a kind declared later appears too), ``core.fields``,
``core.codes`` and ``core.defaults``; no database, no Qt. The checked-in file is compared with
:func:`markdown` by ``tests/core/test_data_dictionary.py``. Regenerate it with
``python -m studio_app.core.data_dictionary --write``; without ``--write`` the text is printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from studio_app.core import codes as c
from studio_app.core import defaults, kinds
from studio_app.core.duty import REQUIREMENTS
from studio_app.core.fields import COUNTY, SINGLE_LINKS, Field, Kind, rows_table

PATH = Path(__file__).resolve().parents[2] / "docs" / "DATA.md"
REGENERATE = ".venv/bin/python -m studio_app.core.data_dictionary --write"

LINK_KINDS = frozenset({Kind.MEMBERS, Kind.RESIDENTS, *SINGLE_LINKS})

# The columns of storage.models.SyncedModel: fixed, so described here by hand.
SYNCED = (
    ("uuid", "唯一标识", "UUID made once, never reused: the key records are merged on"),
    ("serial", "编号", "the number people read and print, unique per studio, never reused"),
    ("origin_site", "来源", "uuid of the installation that created the record"),
    ("created_at", "创建时间", "stored UTC, shown local"),
    ("updated_at", "修改时间", "stored UTC, shown local"),
    ("rev", "版本", "+1 on every change of studio-owned fields"),
    ("county_rev", "县级版本", "+1 on every change of county-owned fields"),
    ("deleted_at", "删除时间", "set when moved to the trash; a deletion travels as a tombstone"),
    ("created_by", "录入人", "login of the local user"),
    ("updated_by", "修改人", "login of the local user"),
    ("exchanged_rev", "", "local only: `rev` last sent to or received from the county"),
    ("exchanged_county_rev", "", "local only: the same for `county_rev`"),
)
# Hidden bookkeeping columns every studio sheet ends with (exchange/schema.py META_TAIL).
SHEET_TAIL = ("唯一标识", "来源", "版本", "县级版本", "创建时间", "修改时间", "删除时间",
              "录入人", "修改人", "行校验")  # fmt: skip


@dataclass(frozen=True)
class SheetHeaders:
    """Headers of a kind's sheet in a studio package, by the rules of ``exchange/schema.py``."""

    visible: tuple[str, ...]  # in order: serial, deleted flag, studio-owned fields, status
    links: tuple[str, ...]  # hidden uuid lists of the link fields


def sheet_headers(kind: kinds.RecordKind) -> SheetHeaders:
    visible = ["编号", "已删除"]
    links = []
    for fld in kind.fields:
        if fld.owner == COUNTY:
            continue
        visible.append(fld.label)
        if fld.kind in LINK_KINDS:
            links.append(f"{fld.label}（标识）")
        elif fld.kind is Kind.ROWS:
            links.append(f"{fld.label}（数据）")
    if kind.status:
        visible.append("状态")
    return SheetHeaders(tuple(visible), tuple(links))


def enums_in_use() -> dict[type[c.Coded], list[str]]:
    """Each fixed code set a field or a status uses → where (``kind.key``), first use first."""
    used: dict[type[c.Coded], list[str]] = {}
    for k in kinds.all_kinds():
        for fld in k.fields:
            if fld.enum:
                used.setdefault(fld.enum, []).append(f"{k.name}.{fld.key}")
        if k.status:
            used.setdefault(k.status, []).append(f"{k.name}.status")
    return used


def other_enums() -> list[type[c.Coded]]:
    """Code sets of ``core.codes`` no field uses (sites, roles, …), in declaration order."""
    used = enums_in_use()
    return [
        v
        for v in vars(c).values()
        if isinstance(v, type)
        and issubclass(v, c.Coded)
        and v not in (c.Coded, c.CodeListKind)
        and v not in used
    ]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_cell(x) for x in row) + " |" for row in rows]
    return out


def _codes(enum: type[c.Coded]) -> str:
    return ", ".join(f"`{m.value}` {m.label}" for m in enum)


def _kind_of(kind: kinds.RecordKind, fld: Field) -> str:
    if fld.kind is Kind.RECORD:
        return f"`record` → column `{fld.key}_id` (a `{fld.target}`)"
    if fld.kind in SINGLE_LINKS:
        return f"`{fld.kind}` → column `{fld.key}_id`"
    if fld.kind in LINK_KINDS:
        return f"`{fld.kind}` → table `{kind.link(fld.key).table}`"
    if fld.kind is Kind.ROWS:
        return f"`rows` → table `{rows_table(kind.name, fld.key)}`"
    return f"`{fld.kind}`"


def _values(fld: Field) -> str:
    if fld.enum:
        return f"`{fld.enum.__name__}`"
    if fld.code_list:
        return f"code list `{fld.code_list.value}` {fld.code_list.label}"
    return ""


def _identifier(fld: Field) -> str:
    if not fld.identifier:
        return ""
    return "masked" + "".join(f"; also `{d}`" for d in fld.derived)


def _field_rows(kind: kinds.RecordKind) -> list[list[str]]:
    return [
        [
            f"`{fld.key}`",
            fld.label,
            _kind_of(kind, fld),
            "yes" if fld.required else "",
            f"{fld.limit:,}" if fld.limit else "",
            _values(fld),
            fld.owner,
            _identifier(fld),
        ]
        for fld in kind.fields
    ]


def _sub_kinds(kind: kinds.RecordKind) -> type[c.Coded] | None:
    """The studio-owned code field whose codes each have a serial prefix (proposals' kind)."""
    for fld in kind.fields:
        if fld.enum and fld.owner != COUNTY and all(m in c.SERIAL_PREFIX for m in fld.enum):
            return fld.enum
    return None


def _serial(kind: kinds.RecordKind) -> str:
    if kind.serial_prefix:
        return f"`{kind.serial_prefix}`, e.g. `{kind.serial_prefix}-2026-0042`"
    enum = _sub_kinds(kind)
    if enum:
        return "by sub-kind: " + ", ".join(f"`{c.SERIAL_PREFIX[m]}` {m.label}" for m in enum)
    return "none"


def _search(kind: kinds.RecordKind) -> str:
    if not kind.fts:
        return "none"
    names = [link.names_column for link in kind.links if link.names_column]
    cols = ", ".join(f"`{col}`" for col in ("serial", *names, *kind.search))
    return f"`{kind.fts}` over {cols}"


def _links(kind: kinds.RecordKind) -> list[str]:
    return [
        f"  - `{link.key}`: table `{link.table}` (`{link.owner}` → `{link.target}`, kind "
        f"`{link.target_kind}`, in order by `position`)"
        + (f"; names repeated in `{link.names_column}`" if link.names_column else "")
        for link in kind.links
    ]


def _step(step: kinds.Transition) -> str:
    sources = " or ".join(f"`{s}`" for s in step.sources)
    needs = ", ".join(f"`{k}`" for k in step.required)
    return f"`{step.action}` {step.label}: {sources} → `{step.target}`" + (
        f" (needs {needs})" if needs else ""
    )


def _generic_knobs(kind: kinds.RecordKind) -> list[str]:
    keys = ", ".join(f"`{key}`" for key in kind.list_columns)
    knobs = [
        ("List columns", keys),
        ("Named by", f"`{kind.title_key}`" if kind.title_key else ""),
        ("Dated by", f"`{kind.date_key}`" if kind.date_key else ""),
        ("Shortcut", kind.shortcut),
        ("At least one of", ", ".join(f"`{key}`" for key in kind.one_of)),
        (
            "Credited per member through",
            ", ".join(f"`{k}`" for k in kind.tally.credits) if kind.tally else "",
        ),
    ]
    out = [f"- {name}: {value}" for name, value in knobs if value]
    if kind.transitions:
        out.append("- Workflow steps (audited by action):")
        out += [f"  - {_step(t)}" for t in kind.transitions]
    out.append(f"- Created and edited by: {', '.join(c.Role(r).label for r in kind.editors)}")
    served = "the generic list, dialog and service" if kind.generic else "modules of its own"
    out.append(f"- Served by: {served}")
    return out


def _required(col: Field) -> str:
    other, code = col.required_if
    if other:
        return f"when `{other}` is `{code}`"
    return "yes" if col.required else ""


def _rows_sections(kind: kinds.RecordKind) -> list[str]:
    """A table of columns per ROWS field (its table also has the record's id and
    ``position``, the row's place in the list)."""
    out = []
    for fld in kind.fields:
        if fld.kind is not Kind.ROWS:
            continue
        table = rows_table(kind.name, fld.key)
        column, code = fld.credited_if
        credit = f"; a row credits its member when `{column}` is `{code}`" if column else ""
        out.append(
            f"Rows of `{fld.key}` {fld.label} (each a {fld.row_label or '行'}), table `{table}` "
            f"(`{kind.name}_id`, `position`, then){credit}:"
        )
        out.append("")
        head = ["key", "label", "kind", "required", "max length", "values"]
        rows = [
            [f"`{col.key}`", col.label, _kind_of(kind, col), _required(col),
             f"{col.limit:,}" if col.limit else "", _values(col)]
            for col in fld.columns
        ]  # fmt: skip
        out += [*_table(head, rows), ""]
    return out


def _kind_section(kind: kinds.RecordKind) -> list[str]:
    out = [f"## {kind.label} `{kind.name}`", ""]
    out.append(f"- Table: `{kind.name}`; short label {kind.short_label}")
    out.append(f"- Exchange sheet: {kind.sheet_title}")
    out.append(f"- Serial prefix: {_serial(kind)}")
    if kind.status:
        out.append(f"- Status (`status`, `{kind.status.__name__}`): {_codes(kind.status)}")
    out.append(f"- Full-text search: {_search(kind)}")
    out.append("- Link tables:" + ("" if kind.links else " none"))
    out += _links(kind)
    out += _generic_knobs(kind)
    out.append("")
    head = ["key", "label", "kind", "required", "max length", "values", "owner", "identifier"]
    out += _table(head, _field_rows(kind))
    out.append("")
    out += _rows_sections(kind)
    sheet = sheet_headers(kind)
    out.append(f"Sheet {kind.sheet_title} of a studio package:")
    out.append("")
    out.append(f"- visible, in order: {' · '.join(sheet.visible)}")
    hidden = " · ".join([*sheet.links, *SHEET_TAIL])
    out.append(f"- hidden (machine): {hidden}, and any the exchange schema adds for this kind")
    county = [fld.label for fld in kind.fields if fld.owner == COUNTY]
    if county:
        out.append(f"- not in it (county-owned, in the feedback package): {'、'.join(county)}")
    out.append("")
    return out


def _intro() -> list[str]:
    return [
        "# Data dictionary",
        "",
        "<!-- Generated from the record-kind declarations: do not edit by hand. -->",
        "",
        "A **record kind** is one kind of record that studios keep and exchange with the county",
        "office (members, residents, visits, …). Each is declared once, as a `RecordKind` in",
        "`studio_app/core/kinds.py`, its fields included (what a field is: `core/fields.py`);",
        "codes and their labels live in `studio_app/core/codes.py`, the first entries of the",
        "editable code lists in `studio_app/core/defaults.py`. Every layer reads the declarations:",
        "tables and migrations (`storage/kind_tables.py`), validation and writes",
        "(`services/records.py`, `services/kind_records.py`), exchange sheets",
        "(`exchange/schema.py`), masking (`core/masking.py`). How the layers fit:",
        "[ARCHITECTURE.md](ARCHITECTURE.md).",
        "",
        "This file is generated from those declarations and checked by",
        "`tests/core/test_data_dictionary.py`. After changing a declaration, regenerate it:",
        "",
        "```sh",
        REGENERATE,
        "```",
        "",
        "Conventions: keys are English snake_case; the Chinese label is what the UI, the Excel",
        "headers and the printed forms show. Fixed code sets are stored as stable codes (e.g.",
        "`referred`), never as display text. Code lists are tables the county office edits and",
        "sends to the studios in feedback packages. Maximum lengths count UTF-16 code units, as",
        "Excel does. **Owner**: studio-owned fields are changed by the studio and bump `rev`;",
        "county-owned fields only by the county office (in county mode or by its feedback",
        "package) and bump `county_rev` ([COUNTY.md](COUNTY.md)). **Identifier**: phones and ID",
        "numbers, and the columns derived from them, are masked on screen, on paper and in",
        "audit output unless the user holds the identifier grant; which columns exchange",
        "packages mask: [EXCHANGE.md](EXCHANGE.md).",
        "",
    ]


def _overview() -> list[str]:
    head = ["kind", "label", "table", "sheet", "serial", "status", "search"]
    rows = [
        [
            f"`{k.name}`",
            k.label,
            f"`{k.name}`",
            k.sheet_title,
            f"`{k.serial_prefix}`" if k.serial_prefix else "by sub-kind" if _sub_kinds(k) else "",
            f"`{k.status.__name__}`" if k.status else "",
            f"`{k.fts}`" if k.fts else "",
        ]
        for k in kinds.all_kinds()
    ]
    out = ["## Record kinds", "", "In exchange order: a kind links only to kinds above it.", ""]
    return [*out, *_table(head, rows), ""]


def _synced() -> list[str]:
    out = ["## Every synced record carries", ""]
    out += _table(["key", "label", "notes"], [(f"`{k}`", lab, n) for k, lab, n in SYNCED])
    out.append("")
    return out


def _enum_section() -> list[str]:
    out = ["## Fixed codes", "", "Code → Chinese label (English label for the English UI).", ""]
    for enum, where in enums_in_use().items():
        out.append(f"### `{enum.__name__}`")
        out.append("")
        out.append("Used by " + ", ".join(f"`{w}`" for w in where) + ".")
        out.append("")
        out += _table(["code", "label", "English"], [(f"`{m}`", m.label, m.label_en) for m in enum])
        out.append("")
    out += ["### Other codes", "", "Not in record fields: sites, users, proposals' units.", ""]
    rows = [(f"`{e.__name__}`", _codes(e)) for e in other_enums()]
    return [*out, *_table(["set", "codes"], rows), ""]


def _code_list_section() -> list[str]:
    out = ["## Editable code lists", ""]
    out.append("Stored in `code_item` (`list_kind`, `code`, `label`, `sort_order`, `active`). A")
    out.append(
        "new installation gets the entries below with codes `01`, `02`, …; the county office"
    )
    out.append(
        "adds, renames and deactivates entries; deactivated codes stay valid on old records."
    )
    out.append("")
    for lst in c.CodeListKind:
        where = [f"`{k.name}.{fld.key}`" for k in kinds.all_kinds() for fld in k.fields
                 if fld.code_list is lst]  # fmt: skip
        out.append(f"### {lst.label} `{lst.value}`")
        out.append("")
        out.append("Used by " + (", ".join(where) if where else "no field") + ".")
        entries = defaults.CODE_LISTS.get(lst, ())
        if entries:
            out.append("")
            out += _table(["code", "label"], [(f"`{i:02d}`", e) for i, e in enumerate(entries, 1)])
        out.append("")
    return out


def _origin_tables() -> list[str]:
    """One line per declared origin table (``RecordKind.origins``)."""
    found = []
    for k in kinds.all_kinds():
        if k.origin_table:
            labels = "、".join(kinds.kind(o.kind).short_label for o in k.origins)
            columns = " or ".join(f"`{o.column}`" for o in k.origins)
            found.append(
                f"- `{k.origin_table}`: the records ({labels}) a {k.short_label} grew from "
                f"(`{k.name}_id` → {columns}); part of the {k.name}"
            )
    return found


def _undeclared() -> list[str]:
    return [
        "## Stored beside the declarations",
        "",
        "Columns and tables of the records that are not declared fields (yet):",
        "",
        "- `member.studio`: uuid of the studio the member belongs to",
        "- `resident.name_key`: the name normalised for duplicate suggestions",
        *_origin_tables(),
        "- `proposal_unit`: the county's handling units of a proposal (county-owned): `unit`",
        "  from the list `handling_unit`, `role` from `UnitRole`",
        "- `live_count`: live records per indexed kind, kept by triggers",
        "- `point_rule`: the county's duty-point figures of a year (`year`, rule `code`,",
        "  `points`, `cap`) where they differ from the defaults below (county-owned)",
        "- `point_requirement`: the county's yearly minimums of a year (`year`, requirement",
        "  `code`, `figure`: at least, or at most where the default is an upper bound; 0 at",
        "  least: not required that year) where they differ from the defaults below",
        "",
        "Packages carry the studio and the sources as hidden columns, the units as 承办单位 and",
        "the duty-point rules and minimums in the feedback package",
        "([EXCHANGE.md](EXCHANGE.md)).",
        "",
    ]


def _points_section() -> list[str]:
    """The duty-point rules the kinds declare (their defaults) and the yearly minimums."""
    out = [
        "## Duty points (履职积分)",
        "",
        "Computed from the records, never stored: a live record dated in the year earns each",
        "member it names (the field or `rows.column`) the rule's points when every condition",
        "holds (`*`: filled); a rule's yearly cap limits a member's total from it. The county",
        "sets a year's own figures (`point_rule`, `point_requirement`); these are the defaults.",
        "",
    ]
    rows = [
        [f"`{r.code}`", r.label, f"`{k.name}.{r.members}`",
         "、".join(f"{key} = {code}" for key, code in r.when) or "—", r.points,
         "—" if r.cap is None else r.cap]
        for k in kinds.all_kinds() for r in k.point_rules
    ]  # fmt: skip
    out += [*_table(["rule", "label", "members", "when", "points", "cap"], rows), ""]
    minimums = [[f"`{r.code}`", r.label, "、".join(f"`{c}`" for c in r.rules), r.least,
                 "—" if r.most is None else r.most] for r in REQUIREMENTS]  # fmt: skip
    out += ["Yearly minimums (counted in entries of the rules named):", ""]
    return [*out, *_table(["code", "label", "rules", "at least", "at most"], minimums), ""]


def _local_only() -> list[str]:
    return [
        "## Local-only data (never exported)",
        "",
        "This installation (`site`), users with their role and identifier grant (`user`), the",
        "audit log with field-level before/after (`audit_entry`), settings (`setting`), serial",
        "counters per site, prefix and year (`serial_counter`), packages imported",
        "(`import_history`), records waiting for a person's choice (`exchange_conflict`),",
        "pinned senders (`peer`), and rows waiting for a record not received yet",
        "(`exchange_waiting`, `exchange_waiting_row`), and at the county its manual changes of",
        "members' duty points, each with its reason (`point_adjustment`): see",
        "`studio_app/storage/models.py` and `storage/sql/`.",
    ]


def markdown() -> str:
    """The whole of docs/DATA.md for the kinds registered now."""
    lines = [*_intro(), *_overview(), *_synced()]
    for kind in kinds.all_kinds():
        lines += _kind_section(kind)
    lines += [*_enum_section(), *_code_list_section(), *_points_section()]
    lines += [*_undeclared(), *_local_only()]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print or write the data dictionary.")
    parser.add_argument("--write", action="store_true", help=f"write {PATH}")
    args = parser.parse_args(argv)
    text = markdown()
    if args.write:
        PATH.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
