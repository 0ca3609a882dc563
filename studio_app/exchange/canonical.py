"""Canonical row content: the same bytes for a record on both sides of an exchange.

The row hash written next to each row (and over each sheet in the manifest) is computed from
clean Python values, never from cells, so a file re-saved by an office suite hashes the same
while a cell edited by a person does not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from studio_app.core.fields import COUNTY
from studio_app.exchange.schema import PackageKind, SheetSpec


def _iso(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(type(value))


# One encoder for every row: ``json.dumps`` with options builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_iso).encode
_KEYS: dict[tuple[int, tuple[str, ...]], tuple[SheetSpec, tuple[str, ...]]] = {}


def hashed_keys(spec: SheetSpec, skip: Iterable[str] = ()) -> tuple[str, ...]:
    """The keys the row hash covers, in column order (``skip``: masked columns); cached."""
    skipped = tuple(skip) if skip else ()
    key = (id(spec), skipped)
    found = _KEYS.get(key)
    if found is None or found[0] is not spec:
        keys = tuple(k for k in spec.hashed_keys if k not in set(skipped))
        found = _KEYS[key] = (spec, keys)
    return found[1]


def content(spec: SheetSpec, values: Mapping[str, Any], skip: Iterable[str] = ()) -> list[Any]:
    """The values the row hash covers, in column order (``skip``: masked columns)."""
    get = values.get
    return [get(k) for k in hashed_keys(spec, skip)]


# Revisions and stamps: each side keeps its own, they never make two versions differ.
BOOKKEEPING = frozenset({
    "uuid", "origin_site", "rev", "county_rev", "created_at", "updated_at", "deleted_at",
    "created_by", "updated_by",
})  # fmt: skip


def compared_keys(spec: SheetSpec, kind: PackageKind, present: Iterable[str]) -> tuple[str, ...]:
    """The keys two versions of a row of the same revision are compared on, in column order.

    Only what the receiver takes from this kind of package: the studio-owned fields of a
    studio package (at the county), the county-owned fields of a feedback package (at a
    studio); of those, only the columns ``present`` (read, not masked); never bookkeeping.
    """
    county = kind is PackageKind.FEEDBACK
    there = set(present)
    return tuple(
        col.key
        for col in spec.hashed
        if col.key in there
        and col.key not in BOOKKEEPING
        and (col.field is not None and col.field.owner == COUNTY) is county
    )


def content_hash(items: list[Any]) -> str:
    """Hash of canonical content (see :func:`content`)."""
    return hashlib.sha256(_ENCODE(items).encode("utf-8")).hexdigest()[:32]


def row_hash(spec: SheetSpec, values: Mapping[str, Any], skip: Iterable[str] = ()) -> str:
    """Hash of the row's JSON (dates in ISO form): the same on both sides of the exchange."""
    return content_hash(content(spec, values, skip))


def sheet_hash(row_hashes: Iterable[str]) -> str:
    """SHA-256 over the sorted row hashes: sorting the rows in Excel keeps it."""
    digest = hashlib.sha256()
    for h in sorted(row_hashes):
        digest.update(h.encode("ascii", "replace"))
    return digest.hexdigest()
