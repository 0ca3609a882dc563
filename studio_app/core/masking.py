"""Masking personal identifiers wherever they appear in structured output.

Which keys hold identifiers comes from the field declarations (``core.kinds``): every
field of an identifier kind (phone, ID number) and every column declared ``derived`` from
one (``phone_key`` from ``phone``). Outputs mask by key, at any depth of nested data (audit
changes, conflict versions, drafts), so a derived column added to the declarations is
masked everywhere without naming it in each output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from studio_app.core.fields import Kind
from studio_app.core.identity import mask_id_number, mask_phone
from studio_app.core.kinds import identifier_keys

_BY_KIND: dict[Kind, Callable[[str | None], str]] = {
    Kind.PHONE: mask_phone,
    Kind.ID_NUMBER: mask_id_number,
}


@cache
def maskers() -> dict[str, Callable[[str | None], str]]:
    """Identifier key → its masking function (sources and derived columns alike)."""
    return {key: _BY_KIND[kind] for key, kind in identifier_keys().items()}


def is_identifier(key: str) -> bool:
    return key in maskers()


def mask(key: str, value: Any) -> Any:
    """``value`` of the field ``key`` as an ungranted user sees it (text masked once:
    already masked text, holding ``*``, stays as it is; other values unchanged)."""
    masker = maskers().get(key)
    if masker is None:
        return value
    if isinstance(value, str):
        return value if "*" in value else masker(value)
    if isinstance(value, (list, tuple)):
        return [mask(key, v) for v in value]
    if isinstance(value, Mapping):
        return {k: mask(key, v) for k, v in value.items()}
    if isinstance(value, int) and not isinstance(value, bool):
        return masker(str(value))
    return value


def masked(data: Any) -> Any:
    """A copy of ``data`` (dicts, lists, scalars) with every identifier key's value masked,
    at any depth."""
    if isinstance(data, Mapping):
        return {k: mask(k, v) if is_identifier(k) else masked(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [masked(v) for v in data]
    return data


def without_identifiers(data: Any) -> Any:
    """A copy of ``data`` with every identifier key left out, at any depth."""
    if isinstance(data, Mapping):
        return {k: without_identifiers(v) for k, v in data.items() if not is_identifier(k)}
    if isinstance(data, (list, tuple)):
        return [without_identifiers(v) for v in data]
    return data
