"""Codes ↔ Chinese labels for the coded columns of a workbook (enums and code lists)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studio_app.core.fields import Kind
from studio_app.exchange.columns import Column
from studio_app.storage.models import CodeItem


@dataclass
class Labels:
    """Looked up once per export/import: code lists can hold hundreds of units."""

    lists: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → code → label
    reverse: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → label/code → code

    @classmethod
    def load(cls) -> Labels:
        labels = cls()
        rows = CodeItem.select(CodeItem.list_kind, CodeItem.code, CodeItem.label).order_by(
            CodeItem.list_kind, CodeItem.sort_order, CodeItem.code
        )
        for kind, code, label in rows.tuples():
            labels.lists.setdefault(kind, {})[code] = label
            rev = labels.reverse.setdefault(kind, {})
            rev[code] = code
            rev.setdefault(label, code)
        return labels

    def add(self, lists: dict[str, list[list[Any]]]) -> None:
        """Take in the code lists a feedback package brings: its rows may use new codes."""
        for kind, items in lists.items():
            for code, label, *_ in items:
                self.lists.setdefault(kind, {})[str(code)] = str(label)
                rev = self.reverse.setdefault(kind, {})
                rev[str(code)] = str(code)
                rev[str(label)] = str(code)

    def label(self, col: Column, code: str) -> str:
        """The label shown in a cell; an unknown code is shown as itself."""
        if not code:
            return ""
        if col.enum is not None:
            try:
                return col.enum(code).label
            except ValueError:
                return code
        kind = list_kind(col)
        if kind:
            return self.lists.get(kind, {}).get(code, code)
        return code

    def choices(self, col: Column) -> list[str]:
        if col.enum is not None:
            return [label for _, label in col.enum.choices()]
        kind = list_kind(col)
        if kind:
            return list(self.lists.get(kind, {}).values())
        if col.kind is Kind.BOOL:
            return ["是", "否"]
        return []


def list_kind(col: Column) -> str:
    if col.field is not None and col.field.code_list is not None:
        return col.field.code_list.value
    return ""
