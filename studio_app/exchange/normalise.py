"""Cells as people and office suites leave them → clean exchange values.

Numbers where text was (a phone that lost its leading 0, a serial typed as a number),
dates typed as text or left as serial numbers, the 1904 date system, full-width digits and
stray spaces are accepted; an ID number that became a number is refused (its last digits are
gone). Every refusal is a :class:`CellError` with a Chinese reason for the plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from studio_app.core.codes import Coded
from studio_app.core.fields import Kind
from studio_app.core.identity import (
    TEXT_CHECKS,
    IdentifierError,
    normalise_id_number,
    normalise_phone,
)
from studio_app.core.text import clean_text, to_halfwidth
from studio_app.exchange.columns import Column, Role
from studio_app.exchange.labels import Labels, list_kind
from studio_app.services.coerce import FieldError, parse_date, parse_datetime

EPOCH_1900 = datetime(1899, 12, 30)
EPOCH_1904 = datetime(1904, 1, 1)
UUID_PATTERN = _UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class CellError(ValueError):
    """One cell's problem, in Chinese."""


def _serial_to_datetime(number: float, date1904: bool) -> datetime:
    if not 0 < number < 2_958_466:
        raise CellError("日期数值超出范围")
    moment = (EPOCH_1904 if date1904 else EPOCH_1900) + timedelta(days=number)
    return _whole_seconds(moment)


def _whole_seconds(moment: datetime) -> datetime:
    """Excel keeps times as fractions of a day: round to the second they stood for."""
    if moment.microsecond:
        moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)
    return moment.replace(tzinfo=None)


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = to_halfwidth(str(value)).strip().replace(",", "")
    if re.fullmatch(r"-?\d+(\.0+)?", text):
        return int(float(text))
    raise CellError("应为整数")


_BOOL_TEXT = {"是": True, "true": True, "1": True, "y": True, "yes": True, "√": True}
_BOOL_TEXT |= {"否": False, "false": False, "0": False, "n": False, "no": False}


def _bool(value: Any) -> bool:
    if type(value) is str:  # the common case: exactly as exported
        found = _BOOL_TEXT.get(value)
        if found is not None:
            return found
    if value in (None, ""):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = to_halfwidth(str(value)).strip().lower()
    if text in ("是", "true", "1", "y", "yes", "√"):
        return True
    if text in ("否", "false", "0", "n", "no", ""):
        return False
    raise CellError("应为“是”或“否”")


def _date(value: Any, date1904: bool) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial_to_datetime(float(value), date1904).date()
    try:
        return parse_date(value.strip() if isinstance(value, str) else value)
    except FieldError as exc:
        try:  # a date typed with a time of day
            moment = parse_datetime(value.strip() if isinstance(value, str) else value)
        except FieldError:
            raise CellError(str(exc)) from None
        return moment.date() if moment else None


def _datetime(value: Any, date1904: bool) -> datetime | None:
    if isinstance(value, datetime):
        return _whole_seconds(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial_to_datetime(float(value), date1904)
    try:
        return parse_datetime(value.strip() if isinstance(value, str) else value)
    except FieldError as exc:
        raise CellError(str(exc)) from None


_UUID_FULL = _UUID.fullmatch


def as_text(value: Any) -> str:
    """Any cell as text, control characters dropped."""
    return _text(value)


def uuid_list(value: Any, full: Callable[[str], Any] = _UUID_FULL) -> list[str]:
    """The items of a cell of space-separated uuids, each matching ``full``."""
    if value is None or value == "":
        return []
    text = value if type(value) is str and value.isprintable() else _text(value)
    items = text.split()
    for item in items:
        if not full(item):
            raise CellError(f"标识“{item[:40]}”格式不对")
    return items


def normalise(col: Column, value: Any, labels: Labels, date1904: bool = False) -> Any:
    """The clean exchange value of one cell, or :class:`CellError`."""
    return compile_column(col, labels, date1904)(value)


_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _fast_text(value: Any) -> str:
    """``_text`` for the common case: a clean string is returned as it is."""
    if type(value) is str and not _SUSPECT.search(value):
        return value
    return _text(value)


def compile_column(col: Column, labels: Labels, date1904: bool = False) -> Callable[[Any], Any]:
    """A function turning cells of ``col`` into clean values (built once per sheet)."""
    if col.side is not None:
        return col.side.parser(labels)
    if col.role is Role.LINK:
        return uuid_list
    if col.role in (Role.META, Role.HASH):
        if col.kind is Kind.INT:
            return _meta_int
        return _plain_text  # None → "" as for data text
    kind = col.kind
    if kind is Kind.TEXT and col.field is not None and col.field.check:
        return _checked(TEXT_CHECKS[col.field.check])
    if kind is Kind.TEXT:
        return _plain_text
    if kind is Kind.LONGTEXT:
        return _long_text
    if kind is Kind.INT:
        return _int
    if kind is Kind.BOOL:
        return _bool
    if kind is Kind.DATE:
        return lambda value: (
            value.date()
            if type(value) is datetime
            else None
            if value in (None, "")
            else _date(_blank(value), date1904)
        )
    if kind is Kind.DATETIME:
        return lambda value: (
            value
            if type(value) is datetime and not value.microsecond and value.tzinfo is None
            else None
            if value in (None, "")
            else _datetime(_blank(value), date1904)
        )
    if kind is Kind.PHONE:
        return _phone
    if kind is Kind.ID_NUMBER:
        return _id_number
    if kind is Kind.ENUM:
        assert col.enum is not None
        table = coded_table(col.enum)
        return lambda value: _lookup(table, value, "不是可选值")
    if kind is Kind.CODE:
        return lambda value: _lookup(labels.reverse.get(list_kind(col), {}), value, "不在代码表中")
    return _text


_suspect = _SUSPECT.search


def plain_text(value: Any) -> str:
    """Clean text of a cell: control characters dropped, spaces around removed."""
    return _plain_text(value)


def _plain_text(value: Any) -> str:
    if type(value) is str:
        if value.isprintable() or not _suspect(value):  # printable: no control character
            return value.strip()
        return _text(value).strip()
    return "" if value is None else _text(value).strip()


def _long_text(value: Any) -> str:
    if type(value) is str:
        if value.isprintable() or not _suspect(value):
            return value.strip("\n ")
        return _text(value).strip("\n ")
    return "" if value is None else _text(value).strip("\n ")


def _meta_int(value: Any) -> int:
    if type(value) is int:
        return value or 0
    if type(value) is float and value.is_integer():
        return int(value) or 0
    return _int(value) or 0


def _blank(value: Any) -> Any:
    return "" if isinstance(value, str) and not value.strip() else value


def _lookup(table: dict[str, str], value: Any, problem: str) -> str:
    if type(value) is str:
        found = table.get(value)
        if found is not None:
            return found
        text = value
    else:
        text = _text(value)
    found = table.get(text)
    if found is not None:
        return found
    text = text.strip()
    if not text:
        return ""
    found = table.get(text)
    if found is None:
        raise CellError(f"“{text}”{problem}")
    return found


def _checked(check: Callable[[str], str]) -> Callable[[Any], str]:
    """A text cell under its field's rule (``Field.check``), blank allowed."""

    def read(value: Any) -> str:
        text = _plain_text(value)
        try:
            return check(text) if text else ""
        except IdentifierError as exc:
            raise CellError(str(exc)) from None

    return read


def _phone(value: Any) -> str:
    text = _text(value).strip()
    try:
        return normalise_phone(text) if text else ""
    except IdentifierError as exc:
        raise CellError(str(exc)) from None


def _id_number(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError("身份证号被当作数字保存，后几位已丢失，请按文本重新填写")
    text = _text(value).strip()
    try:
        return normalise_id_number(text) if text else ""
    except IdentifierError as exc:
        raise CellError(str(exc)) from None


def coded_table(enum: type[Coded]) -> dict[str, str]:
    """Code, Chinese label or English label of ``enum`` → its code (what a cell may hold)."""
    table = {m.value: m.value for m in enum}
    return table | {m.label: m.value for m in enum} | {m.label_en: m.value for m in enum}
