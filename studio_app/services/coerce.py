"""Turning values typed by people (GUI, CLI, workbooks) into clean field values."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from studio_app.core import kinds
from studio_app.core.errors import ValidationError
from studio_app.core.fields import MAX_ROWS, Field, Kind
from studio_app.core.identity import (
    TEXT_CHECKS,
    IdentifierError,
    normalise_id_number,
    normalise_phone,
)
from studio_app.core.text import clean_text, to_halfwidth, too_long, utf16_len
from studio_app.storage import kind_tables
from studio_app.storage.models import CodeItem, Member, Resident, SyncedModel


class FieldError(ValueError):
    """One field's problem, in Chinese, without the label (added by :func:`clean`)."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError("应为文字")
    return clean_text(value)


def parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = to_halfwidth(value).strip()
        m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise FieldError("日期不存在") from None
    raise FieldError("日期格式应为 2026-11-26")


def parse_datetime(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return (
            value.replace(tzinfo=None, microsecond=0)
            if value.tzinfo is None
            else (value.astimezone().replace(tzinfo=None, microsecond=0))
        )
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = to_halfwidth(value).strip()
        m = re.fullmatch(
            r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
            r"(?:[\sT]+(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?\s*秒?)?",
            text,
        )
        if m:
            year, month, day, hour, minute, second = (int(g) if g else 0 for g in m.groups())
            try:
                return datetime(year, month, day, hour, minute, second)
            except ValueError:
                raise FieldError("时间不存在") from None
    raise FieldError("时间格式应为 2026-11-26 09:30")


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise FieldError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\d+", to_halfwidth(value).strip()):
        return int(to_halfwidth(value).strip())
    raise FieldError("应为整数")


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip() in ("是", "否", "true", "false", "1", "0", ""):
        return value.strip() in ("是", "true", "1")
    raise FieldError("应为“是”或“否”")


def _enum(field: Field, value: Any) -> str:
    assert field.enum is not None
    try:
        return field.enum.from_label(str(value)).value
    except ValueError:
        allowed = "、".join(label for _, label in field.enum.choices())
        raise FieldError(f"“{value}”不是可选值（{allowed}）") from None


def _code(field: Field, value: Any) -> str:
    assert field.code_list is not None
    text = str(value).strip()
    item = (
        CodeItem.select(CodeItem.code)
        .where(
            (CodeItem.list_kind == field.code_list.value)
            & ((CodeItem.code == text) | (CodeItem.label == text))
        )
        .first()
    )
    if item is None:
        raise FieldError(f"“{text}”不在{field.code_list.label}代码表中")
    return str(item.code)


def _ref(model: type[SyncedModel], value: Any, what: str) -> int:
    query = model.select(model.id, model.deleted_at)
    if isinstance(value, model):
        value = value.id
    if isinstance(value, int) and not isinstance(value, bool):
        row = query.where(model.id == value).first()
    elif isinstance(value, str):
        row = query.where(model.uuid == value).first()
    else:
        raise FieldError(f"无法识别的{what}")
    if row is None:
        raise FieldError(f"{what}不存在")
    if row.deleted_at is not None:
        raise FieldError(f"{what}已在回收站中")
    return int(row.id)


def _refs(model: type[Member] | type[Resident], value: Any, what: str) -> list[int]:
    if value is None:
        return []
    if isinstance(value, (str, int)) or not isinstance(value, Iterable):
        raise FieldError(f"应为{what}列表")
    ids: list[int] = []
    for item in value:
        ref = _ref(model, item, what)
        if ref not in ids:
            ids.append(ref)
    return ids


def coerce(field: Field, value: Any) -> Any:
    """The clean value of one field, or :class:`FieldError`."""
    kind = field.kind
    if kind in (Kind.TEXT, Kind.LONGTEXT):
        text = _text(value)
        text = text.strip() if kind is Kind.TEXT else text.strip("\n ")
        if field.limit is not None and (refusal := too_long(field.limit, text)):
            raise FieldError(refusal)
        if field.check and text:
            try:
                return TEXT_CHECKS[field.check](text)
            except IdentifierError as exc:
                raise FieldError(str(exc)) from None
        return text
    if kind is Kind.INT:
        return None if value in (None, "") else _int(value)
    if kind is Kind.BOOL:
        return _bool(value if value is not None else False)
    if kind is Kind.DATE:
        return parse_date(value)
    if kind is Kind.DATETIME:
        return parse_datetime(value)
    if kind is Kind.ENUM:
        return "" if value in (None, "") else _enum(field, value)
    if kind is Kind.CODE:
        return "" if value in (None, "") else _code(field, value)
    if kind is Kind.PHONE:
        try:
            return "" if value in (None, "") else normalise_phone(str(value))
        except IdentifierError as exc:
            raise FieldError(str(exc)) from None
    if kind is Kind.ID_NUMBER:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise FieldError("身份证号被当作数字保存，后几位可能已丢失，请按文本重新录入")
        try:
            return "" if value in (None, "") else normalise_id_number(str(value))
        except IdentifierError as exc:
            raise FieldError(str(exc)) from None
    if kind is Kind.MEMBER:
        return None if value in (None, "") else _ref(Member, value, "委员")
    if kind is Kind.RESIDENT:
        return None if value in (None, "") else _ref(Resident, value, "群众")
    if kind is Kind.RECORD:
        linked = kinds.kind(field.target)
        what, table = linked.short_label, kind_tables.model(linked)
        return None if value in (None, "") else _ref(table, value, what)
    if kind is Kind.MEMBERS:
        return _refs(Member, value, "委员")
    if kind is Kind.RESIDENTS:
        return _refs(Resident, value, "群众")
    if kind is Kind.ROWS:
        return _rows(field, value)
    raise AssertionError(kind)


_ROW_BLANK: dict[Kind, Any] = {Kind.INT: 0, Kind.BOOL: False, Kind.DATE: None, Kind.MEMBER: None}


def _is_number(field: Field, key: str) -> bool:
    """A number column of a ROWS field, where 0 is what a blank keeps."""
    return any(c.key == key and c.kind is Kind.INT for c in field.columns)


def _row_value(col: Field, value: Any) -> Any:
    """A row's clean value as its table keeps it (a blank number is 0)."""
    return _ROW_BLANK.get(col.kind, "") if value is None or value == "" else value


def _rows(field: Field, value: Any) -> list[dict[str, Any]]:
    """A ROWS field's rows: each cleaned against the columns, wholly blank ones dropped,
    every column present (blank where not given)."""
    if value is None:
        return []
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise FieldError("应为多行的列表")
    what = field.row_label or "行"
    rows: list[dict[str, Any]] = []
    for n, row in enumerate(value, start=1):
        if not isinstance(row, Mapping):
            raise FieldError(f"第{n}{what}格式不对")
        if all(is_empty(v) or v is False or (v == 0 and _is_number(field, k))
               for k, v in row.items()):  # fmt: skip
            continue
        try:
            clean_row = clean(field.columns, row, partial=False)
        except ValidationError as exc:
            raise FieldError(f"第{n}{what}，" + "；".join(exc.errors.values())) from None
        rows.append({c.key: _row_value(c, clean_row.get(c.key)) for c in field.columns})
    if len(rows) > MAX_ROWS:
        raise FieldError(f"最多{MAX_ROWS}{what}")
    if _exchanged_size(field, rows) > MAX_ROWS_CELL:
        raise FieldError("内容太多，超出数据包一个单元格能携带的长度，请精简或分成两条记录")
    return rows


MAX_ROWS_CELL = 30_000  # UTF-16 units of a ROWS field's exchange cell (Excel: 32,767)
UUID_LENGTH = 36


def _exchanged_size(field: Field, rows: list[dict[str, Any]]) -> int:
    """About how long the rows' exchange cell will be (``exchange.rows_list``: compact JSON,
    blanks left out, a member as its uuid), so that entry refuses what cannot travel."""
    members = {c.key for c in field.columns if c.kind is Kind.MEMBER}
    shown = [
        {k: ("u" * UUID_LENGTH if k in members else v) for k, v in row.items() if v not in _BLANKS}
        for row in rows
    ]
    return utf16_len(json.dumps(shown, ensure_ascii=False, separators=(",", ":"), default=str))


_BLANKS = (None, "", 0, False)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def clean(fields: tuple[Field, ...], values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    """Validate ``values`` against ``fields``; all problems are reported together.

    With ``partial`` (an update), only the keys given are checked for presence.
    """
    known = {f.key: f for f in fields}
    errors: dict[str, str] = {}
    unknown = sorted(set(values) - set(known))
    if unknown:
        errors["_"] = f"未知字段：{', '.join(unknown)}"
    result: dict[str, Any] = {}
    for f in fields:
        if f.key not in values:
            if not partial and f.required:
                errors[f.key] = f"{f.label}：必填"
            continue
        try:
            value = coerce(f, values[f.key])
        except FieldError as exc:
            errors[f.key] = f"{f.label}：{exc}"
            continue
        if f.required and is_empty(value):
            errors[f.key] = f"{f.label}：必填"
            continue
        result[f.key] = value
    for f in fields:
        other, code = f.required_if
        if other and not partial and result.get(other) == code and is_empty(result.get(f.key)):
            enum = known[other].enum
            shown = dict(enum.choices()).get(code, code) if enum is not None else code
            errors.setdefault(f.key, f"{f.label}：{known[other].label}为“{shown}”时必填")
    if errors:
        raise ValidationError(errors)
    return result
