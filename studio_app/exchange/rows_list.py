"""A ROWS field on an exchange sheet: a record's sub-table (an activity's attendance, a
consultation's outcome list) travelling with the record.

Two columns: the field's label (议程) with the rows as people read them, one line per row
(not hashed, not imported, like the names beside a link), and a hidden machine column
(议程（数据）) with the rows as compact JSON — a list of objects keyed by column key, blank
values left out (a member as its uuid, a date ISO, codes as codes) — which the row hash
covers and the importer reads, checks against the column declarations and writes with the
record, replacing its rows (one ``INSERT … SELECT`` per sheet, like any side list).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from studio_app.core import kinds
from studio_app.core.fields import MAX_ROWS, Field, Kind
from studio_app.core.text import clean_text, too_long, utf16_len
from studio_app.core.xlsx import EXCEL_CELL_LIMIT
from studio_app.exchange.columns import Column, Role
from studio_app.exchange.hooks import SideList
from studio_app.exchange.labels import Labels, list_kind
from studio_app.exchange.normalise import UUID_PATTERN, CellError, as_text, coded_table
from studio_app.services.coerce import FieldError, parse_date
from studio_app.storage.kind_tables import rows_model

Row = dict[str, Any]
ROWS_SUFFIX = "__rows"  # the machine column's key after the field's: ``agenda__rows``
_BLANK: tuple[Any, ...] = (None, "", 0, False)  # left out of a row's JSON (0 and False too)
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
LINE_SEP = "，"  # between the values of one row, as ``services.record_rows.lines``
_LABELLED = (Kind.INT, Kind.DATE)  # shown after their label there: "时长(分钟)：20"


def encode(rows: list[Row]) -> str:
    """The machine cell of ``rows`` (compact JSON)."""
    return _ENCODE(rows)


class RowsList(SideList):
    """The rows of ROWS field ``fld`` of ``kind``, kept in their own table (one per row, in
    ``position`` order): exchange value a list of :data:`Row` dicts (see the module)."""

    def __init__(self, kind: kinds.RecordKind, fld: Field) -> None:
        table = rows_model(kind, fld.key)
        self.field = fld
        self.what = fld.row_label or "行"
        self.table = table._meta.table_name
        self.owner = getattr(table, kind.name).column_name
        # (column, its table column, the linked people's table for a member)
        self.stored: list[tuple[Field, str, str]] = []
        for col in fld.columns:
            found = getattr(table, col.key)
            target = found.rel_model._meta.table_name if col.kind is Kind.MEMBER else ""
            self.stored.append((col, found.column_name, target))
        self.names = Column(fld.key, fld.label, Role.NAMES, Kind.ROWS, fld, width=40)
        self.column = Column(
            f"{fld.key}{ROWS_SUFFIX}", f"{fld.label}（数据）", Role.LINK, Kind.ROWS, fld, side=self
        )

    # --- reading records -----------------------------------------------------------------

    def query(self) -> str:
        picks = []
        joins = []
        for i, (_, column, target) in enumerate(self.stored):
            if target:
                joins.append(f'LEFT JOIN {target} p{i} ON p{i}.id = r."{column}"')
                picks += [f"p{i}.uuid", f"p{i}.name"]
            else:
                picks.append(f'r."{column}"')  # quoted: a column may be named like a keyword
        return (
            f"SELECT r.{self.owner}, {', '.join(picks)} FROM {self.table} r {' '.join(joins)} "
            f"ORDER BY r.{self.owner}, r.position"
        )

    def fill(self, key: str) -> Callable[[dict[str, Any], list[tuple[Any, ...]]], None]:
        """Rows read by :meth:`query` → the machine column's value and the readable text."""
        labels = Labels.load()
        names_key = self.names.key
        cols = [col for col, _, _ in self.stored]

        def put(values: dict[str, Any], items: list[tuple[Any, ...]]) -> None:
            rows: list[Row] = []
            people: dict[str, str] = {}
            for item in items:
                row: Row = {}
                at = 0
                for col in cols:
                    value = item[at]
                    at += 1
                    if col.kind is Kind.MEMBER:
                        if value is not None:
                            people[value] = item[at] or ""
                        at += 1
                    elif col.kind is Kind.BOOL:
                        value = bool(value)
                    elif col.kind is Kind.DATE and value:
                        value = str(value)[:10]
                    if value not in _BLANK:
                        row[col.key] = value
                rows.append(row)
            values[key] = rows
            values[names_key] = self.text(rows, labels, people)

        return put

    def cell(self, labels: Labels) -> Callable[[list[Any]], str]:
        return encode

    # --- people ---------------------------------------------------------------------------

    def lines(self, rows: list[Row], labels: Labels, people: dict[str, str]) -> list[str]:
        """Each row as one line, word for word as ``services.record_rows.lines`` tells it (the
        audit log's words): values joined by "，", members by name, codes by label, a number
        or date after its label, blanks and zeros left out. Here from exchange values, with
        the labels and names looked up once for the whole sheet."""
        out = []
        for row in rows:
            parts = []
            for col in self.field.columns:
                text = self._shown(col, row.get(col.key), labels, people)
                if text and text != "0":
                    parts.append(f"{col.label}：{text}" if col.kind in _LABELLED else text)
            out.append(LINE_SEP.join(parts))
        return out

    def people(self, rows: list[Row]) -> dict[str, set[str]]:
        """The people ``rows`` name: table → uuids."""
        found: dict[str, set[str]] = {}
        for col, _, target in self.stored:
            if target:
                found.setdefault(target, set()).update(
                    str(row[col.key]) for row in rows if row.get(col.key)
                )
        return found

    def text(self, rows: list[Row], labels: Labels, people: dict[str, str]) -> str:
        """The readable cell: one line per row, cut to what a cell holds (never imported)."""
        text = "\n".join(self.lines(rows, labels, people))
        if len(text) * 2 > EXCEL_CELL_LIMIT and utf16_len(text) > EXCEL_CELL_LIMIT:
            cut = text[: EXCEL_CELL_LIMIT - 40]
            while utf16_len(cut) > EXCEL_CELL_LIMIT - 40:
                cut = cut[: -max(1, (utf16_len(cut) - EXCEL_CELL_LIMIT + 40) // 2)]
            text = f"{cut}……（共 {len(rows)} {self.what}，未列全）"
        return text

    def _shown(self, col: Field, value: Any, labels: Labels, people: dict[str, str]) -> str:
        if value in (None, "", False):
            return ""
        if col.kind is Kind.MEMBER:
            return people.get(str(value), "")
        if col.kind is Kind.BOOL:
            return col.label
        if col.kind is Kind.ENUM and col.enum is not None:
            return dict(col.enum.choices()).get(str(value), str(value))
        if col.kind is Kind.CODE and col.code_list is not None:
            return labels.lists.get(col.code_list.value, {}).get(str(value), str(value))
        return str(value)

    # --- reading a package ----------------------------------------------------------------

    def parser(self, labels: Labels) -> Callable[[Any], list[Row]]:
        checks = [(col, _checker(col, labels)) for col in self.field.columns]
        known = {col.key for col in self.field.columns}
        what = self.what
        missing = self._missing

        def parse(value: Any) -> list[Row]:
            text = as_text(value).strip()
            if not text:
                return []
            try:
                data = json.loads(text)
            except (ValueError, RecursionError):
                raise CellError(
                    "内容无法读取（隐藏的数据列被改动过），请用原文件重新导入"
                ) from None
            if not isinstance(data, list):
                raise CellError("内容应为各" + what + "的列表（隐藏的数据列被改动过）")
            if len(data) > MAX_ROWS:
                raise CellError(f"最多 {MAX_ROWS} {what}，文件中有 {len(data)} {what}")
            rows: list[Row] = []
            problems: list[str] = []
            for n, item in enumerate(data, start=1):
                if not isinstance(item, dict):
                    problems.append(f"第{n}{what}格式不对")
                    continue
                unknown = [str(k) for k in item if k not in known]
                if unknown:
                    problems.append(f"第{n}{what}有本程序不认识的内容“{unknown[0][:20]}”")
                    continue
                row: Row = {}
                for col, check in checks:
                    try:
                        clean = check(item.get(col.key))
                    except CellError as exc:
                        problems.append(f"第{n}{what}的“{col.label}”{exc}")
                        continue
                    if clean not in _BLANK:
                        row[col.key] = clean
                problems += [f"第{n}{what}的“{label}”{why}" for label, why in missing(row)]
                rows.append(row)
            if problems:
                more = f"等 {len(problems)} 处" if len(problems) > 3 else ""
                raise CellError("；".join(problems[:3]) + more)
            return rows

        return parse

    def _missing(self, row: Row) -> list[tuple[str, str]]:
        """(label, why) of the columns ``row`` lacks: required ones (a number or a yes/no is
        never missing: 0 and false are values), and those required when another column of
        the row has a code (``Field.required_if``), as the services check them."""
        cols = {col.key: col for col in self.field.columns}
        found = []
        for col in self.field.columns:
            if col.kind in (Kind.INT, Kind.BOOL) or col.key in row:
                continue
            other, code = col.required_if
            if col.required:
                found.append((col.label, "必填"))
            elif other in cols and row.get(other) == code:
                enum = cols[other].enum
                shown = dict(enum.choices()).get(code, code) if enum is not None else code
                found.append((col.label, f"在“{cols[other].label}”为“{shown}”时必填"))
        return found

    # --- writing a package's rows -----------------------------------------------------------

    def written(self) -> list[str]:
        return [self.owner, "position", *(f'"{column}"' for _, column, _ in self.stored)]

    def select(self, source: str, where: str) -> str:
        exprs = []
        for col, _, target in self.stored:
            value = f"json_extract(j.value, '$.{col.key}')"
            if target:
                exprs.append(f"(SELECT p.id FROM main.{target} p WHERE p.uuid = {value})")
            elif col.kind in (Kind.INT, Kind.BOOL):
                exprs.append(f"coalesce(CAST({value} AS INTEGER), 0)")
            elif col.kind is Kind.DATE:
                exprs.append(value)
            else:
                exprs.append(f"coalesce({value}, '')")
        return (
            f"SELECT o.id, j.key, {', '.join(exprs)} FROM {source} WHERE {where} "
            "ORDER BY o.id, j.key"
        )

    def refs(self) -> list[tuple[str, str, str]]:
        """(SQL of a referenced uuid over ``j.value``, condition, table) per member column."""
        found = []
        for col, _, target in self.stored:
            if target:
                value = f"json_extract(j.value, '$.{col.key}')"
                found.append((value, f"AND {value} IS NOT NULL", target))
        return found


def _checker(col: Field, labels: Labels) -> Callable[[Any], Any]:
    """The clean value of one column of a row from its JSON (blank: None, "", 0 or False)."""
    kind = col.kind
    if kind in (Kind.TEXT, Kind.LONGTEXT):
        limit = col.limit

        def text(value: Any) -> str:
            if value is None:
                return ""
            if not isinstance(value, str):
                raise CellError("应为文字")
            clean = clean_text(value)
            clean = clean.strip() if kind is Kind.TEXT else clean.strip("\n ")
            problem = too_long(limit, clean) if limit is not None else None
            if problem:
                raise CellError(problem)
            return clean

        return text
    if kind is Kind.INT:
        return _int
    if kind is Kind.BOOL:
        return _bool
    if kind is Kind.DATE:
        return _date
    if kind is Kind.MEMBER:
        return _uuid
    if kind is Kind.ENUM:
        assert col.enum is not None
        table = coded_table(col.enum)
        return lambda value: _coded(table, value, "不是可选值")
    if kind is Kind.CODE:
        column = Column(col.key, col.label, Role.DATA, kind, col)
        return lambda value: _coded(
            labels.reverse.get(list_kind(column), {}), value, "不在代码表中"
        )
    raise AssertionError(f"a ROWS column cannot be {kind}")  # core.fields.ROW_KINDS


def _int(value: Any) -> int:
    if value is None:
        return 0
    if type(value) is float and value.is_integer():
        value = int(value)
    if type(value) is not int or not -(2**63) < value < 2**63:
        raise CellError("应为整数")
    return value


def _bool(value: Any) -> bool:
    if value is None:
        return False
    if type(value) is bool:
        return value
    if type(value) is int and value in (0, 1):
        return bool(value)
    raise CellError("应为 true 或 false")


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise CellError("日期格式应为 2026-11-26")
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else _loose(value)
    except ValueError:
        return _loose(value)


def _loose(value: str) -> str | None:
    try:
        found = parse_date(value)
    except FieldError as exc:
        raise CellError(str(exc)) from None
    return found.isoformat() if found is not None else None


def _uuid(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not UUID_PATTERN.fullmatch(value):
        raise CellError(f"标识“{str(value)[:40]}”格式不对")
    return value


def _coded(table: dict[str, str], value: Any, problem: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CellError(f"“{str(value)[:40]}”{problem}")
    text = value.strip()
    if not text:
        return ""
    found = table.get(text)
    if found is None:
        raise CellError(f"“{text[:40]}”{problem}")
    return found
