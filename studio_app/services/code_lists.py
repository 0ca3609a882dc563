"""The editable code lists (sectors, issue categories, handling units, activity kinds, …).

Codes are what records store, so a code is never deleted: it is renamed or deactivated
(kept for old records, no longer offered for new ones).

The lists belong to the county office, which sends them to every studio in its feedback
packages. A studio reads them but does not change them: the county reads a studio's
workbooks against its own lists (a category the county does not know is refused), and the
next feedback package would overwrite a studio's edit anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import peewee as pw

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.core.errors import NotFound, UserError, ValidationError
from studio_app.services import audit
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.storage.models import CodeItem, ProposalUnit, database

# Lists the county office owns (read-only in a studio): all of them, see above.
COUNTY_OWNED: frozenset[CodeListKind] = frozenset(CodeListKind)
MAX_LABEL = 100

# Where codes are stored besides the declared fields: a proposal's assigned units.
_ALSO_USED_IN: dict[CodeListKind, tuple[pw.Field, ...]] = {
    CodeListKind.HANDLING_UNIT: (ProposalUnit.unit,),
}


def _used_in(kind: CodeListKind) -> list[pw.Field]:
    """The columns that store codes of list ``kind``: every declared field and row column
    with that code list (``core.kinds``), and the few tables of no kind."""
    from studio_app.storage import kind_tables

    columns: list[pw.Field] = []
    for record in kinds.all_kinds():
        model = kind_tables.model(record)
        for fld in record.fields:
            if fld.code_list == kind:
                columns.append(getattr(model, fld.key))
            for col in fld.columns:
                if col.code_list == kind:
                    columns.append(getattr(kind_tables.rows_model(record, fld.key), col.key))
    return [*columns, *_ALSO_USED_IN.get(kind, ())]


@dataclass(frozen=True)
class CodeEntry:
    code: str
    label: str
    sort_order: int
    active: bool
    used: int  # how many records store the code


def read_only_reason(ctx: Context, kind: CodeListKind | str) -> str | None:
    """Why ``ctx`` may not change list ``kind`` (a Chinese sentence), or None when it may."""
    kind = CodeListKind(kind)
    if ctx.role == "viewer":
        return "查阅账户不能修改代码表。"
    if kind in COUNTY_OWNED and not ctx.is_county:
        return (
            f"{kind.label}由县政协统一维护，随反馈包下发；"
            "工作室自行修改会使县政协无法识别本工作室报送的数据。"
        )
    return None


def _require_editable(ctx: Context, kind: CodeListKind) -> None:
    reason = read_only_reason(ctx, kind)
    if reason:
        raise UserError(reason)


def _usage(kind: CodeListKind) -> dict[str, int]:
    counts: dict[str, int] = {}
    for column in _used_in(kind):
        model = column.model
        query = model.select(column, pw.fn.COUNT(pw.SQL("*"))).where(column != "").group_by(column)
        if hasattr(model, "deleted_at"):
            query = query.where(model.deleted_at.is_null())
        for code, n in query.tuples():
            counts[code] = counts.get(code, 0) + n
    return counts


def entries(kind: CodeListKind | str) -> list[CodeEntry]:
    """Every code of the list, inactive ones included, in display order."""
    kind = CodeListKind(kind)
    used = _usage(kind)
    rows = (
        CodeItem.select()
        .where(CodeItem.list_kind == kind.value)
        .order_by(CodeItem.sort_order, CodeItem.code)
    )
    return [
        CodeEntry(r.code, r.label, r.sort_order, bool(r.active), used.get(r.code, 0)) for r in rows
    ]


def active_labels(kind: CodeListKind | str) -> dict[str, str]:
    """code → label of the codes offered for new entries."""
    query = (
        CodeItem.select(CodeItem.code, CodeItem.label)
        .where((CodeItem.list_kind == CodeListKind(kind).value) & (CodeItem.active == True))  # noqa: E712
        .order_by(CodeItem.sort_order, CodeItem.code)
    )
    return dict(query.tuples())


def _clean_label(kind: CodeListKind, label: str, *, except_code: str = "") -> str:
    label = " ".join(label.split())
    if not label:
        raise ValidationError({"label": "名称：必填"})
    if len(label) > MAX_LABEL:
        raise ValidationError({"label": f"名称：不能超过 {MAX_LABEL} 个字"})
    clash = CodeItem.get_or_none(
        (CodeItem.list_kind == kind.value)
        & (CodeItem.label == label)
        & (CodeItem.code != except_code)
    )
    if clash is not None:
        raise ValidationError({"label": f"{kind.label}中已有“{label}”（代码 {clash.code}）"})
    return label


def _next_code(kind: CodeListKind) -> str:
    """One more than the largest numeric code (``01``, ``02``… as seeded)."""
    codes = CodeItem.select(CodeItem.code).where(CodeItem.list_kind == kind.value).tuples()
    numbers = [int(code) for (code,) in codes if re.fullmatch(r"\d+", code)]
    return f"{max(numbers, default=0) + 1:02d}"


def _get(kind: CodeListKind, code: str) -> CodeItem:
    item = CodeItem.get_or_none((CodeItem.list_kind == kind.value) & (CodeItem.code == code))
    if item is None:
        raise NotFound(f"{kind.label}中没有代码 {code}。")
    return item


def add(ctx: Context, kind: CodeListKind | str, label: str) -> CodeEntry:
    """Append a code with ``label`` at the end of the list; the code is made up here."""
    kind = CodeListKind(kind)
    _require_editable(ctx, kind)
    with announced.collect(), database.atomic():
        label = _clean_label(kind, label)
        code = _next_code(kind)
        last = (
            CodeItem.select(pw.fn.MAX(CodeItem.sort_order))
            .where(CodeItem.list_kind == kind.value)
            .scalar()
        )
        order = int(last or 0) + 1
        CodeItem.create(list_kind=kind.value, code=code, label=label, sort_order=order)
        audit.record(ctx, "create", "code_item", f"{kind.value}:{code}", {"label": (None, label)})
        announced.changed({announced.CODE_LISTS})
    return CodeEntry(code, label, order, True, 0)


def rename(ctx: Context, kind: CodeListKind | str, code: str, label: str) -> None:
    """Change the label; records keep the code, so they show the new label."""
    kind = CodeListKind(kind)
    _require_editable(ctx, kind)
    with announced.collect(), database.atomic():
        item = _get(kind, code)
        label = _clean_label(kind, label, except_code=code)
        if label == item.label:
            return
        before = item.label
        item.label = label
        item.save()
        audit.record(ctx, "update", "code_item", f"{kind.value}:{code}", {"label": (before, label)})
        announced.changed({announced.CODE_LISTS})


def set_active(ctx: Context, kind: CodeListKind | str, code: str, active: bool) -> None:
    """Deactivate (no longer offered for new entries) or reactivate a code."""
    kind = CodeListKind(kind)
    _require_editable(ctx, kind)
    with announced.collect(), database.atomic():
        item = _get(kind, code)
        if bool(item.active) == active:
            return
        if not active and len(active_labels(kind)) <= 1:
            raise UserError(f"{kind.label}至少要保留一项在用。")
        item.active = active
        item.save()
        audit.record(
            ctx, "update", "code_item", f"{kind.value}:{code}", {"active": (not active, active)}
        )
        announced.changed({announced.CODE_LISTS})
