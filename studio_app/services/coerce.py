"""Turning values typed by people (GUI, CLI, workbooks) into clean field values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from studio_app.core.errors import ValidationError
from studio_app.core.fields import Field, Kind
from studio_app.core.identity import IdentifierError, normalise_id_number, normalise_phone
from studio_app.core.text import clean_text, to_halfwidth, too_long
from studio_app.storage.models import CodeItem, Member, Resident


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


def _ref(model: type[Member] | type[Resident], value: Any, what: str) -> int:
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
    if kind is Kind.MEMBERS:
        return _refs(Member, value, "委员")
    if kind is Kind.RESIDENTS:
        return _refs(Resident, value, "群众")
    raise AssertionError(kind)


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
    if errors:
        raise ValidationError(errors)
    return result
