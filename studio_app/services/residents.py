"""Residents (群众/联系对象), with duplicate suggestions on entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studio_app.core import kinds
from studio_app.core.identity import phone_digits
from studio_app.core.text import normalise_name
from studio_app.services import records
from studio_app.services.coerce import clean
from studio_app.services.context import Context
from studio_app.storage.models import Resident

RESIDENT = records.record_type(kinds.RESIDENT, Resident)


def _keys(data: Mapping[str, Any]) -> dict[str, str]:
    keys = {}
    if "name" in data:
        keys["name_key"] = normalise_name(data["name"])
    if "phone" in data:
        keys["phone_key"] = phone_digits(data["phone"] or "")
    return keys


def create(ctx: Context, values: Mapping[str, Any]) -> Resident:
    data = clean(kinds.RESIDENT.fields, values, partial=False)
    data.setdefault("kind", "villager")
    with records.atomic():
        row = records.insert(ctx, RESIDENT, data, extra=_keys(data))
    return row


def update(
    ctx: Context,
    resident_id: int | str,
    changes: Mapping[str, Any],
    *,
    expected_rev: int | None = None,
) -> Resident:
    data = clean(kinds.RESIDENT.fields, changes, partial=True)
    with records.atomic():
        row = records.load(RESIDENT, resident_id)
        changed = records.modify(
            ctx, RESIDENT, row, data, expected_rev=expected_rev, extra=_keys(data)
        )
        if "name" in changed:
            records.refresh_names(Resident, row.id)
    return row


def delete(ctx: Context, resident_id: int | str) -> None:
    records.trash(ctx, RESIDENT, resident_id)


def restore(ctx: Context, resident_id: int | str) -> None:
    records.restore(ctx, RESIDENT, resident_id)


def get(resident_id: int | str) -> Resident:
    return records.load(RESIDENT, resident_id)


@dataclass(frozen=True)
class DuplicateSuggestion:
    resident: Resident
    reason: str  # Chinese, e.g. "电话相同"


def suggest_duplicates(
    *,
    name: str = "",
    phone: str = "",
    id_number: str = "",
    village: str = "",
    exclude_id: int | None = None,
    limit: int = 10,
) -> list[DuplicateSuggestion]:
    """Live residents that are probably the same person as the one being entered.

    Same ID number or same phone (compared as digits) is a strong match; same name in the
    same village a likely one. Strong matches come first.
    """
    found: dict[int, DuplicateSuggestion] = {}
    live = Resident.deleted_at.is_null()
    if exclude_id is not None:
        live &= Resident.id != exclude_id

    def add(query: Any, reason: str) -> None:
        for r in query.limit(limit):
            found.setdefault(r.id, DuplicateSuggestion(r, reason))

    id_text = id_number.strip().upper()
    if id_text:
        add(Resident.select().where(live & (Resident.id_number == id_text)), "身份证号相同")
    digits = phone_digits(phone)
    if len(digits) >= 7:
        add(Resident.select().where(live & (Resident.phone_key == digits)), "电话相同")
    key = normalise_name(name)
    if key:
        same_name = Resident.select().where(live & (Resident.name_key == key))
        if village.strip():
            add(same_name.where(Resident.village == village.strip()), "同村同名")
        else:
            add(same_name, "同名")
    return list(found.values())[:limit]


def find(text: str, *, limit: int = 20) -> list[Resident]:
    """Residents for a picker: by name prefix, phone digits or ID number prefix."""
    text = text.strip()
    if not text:
        return []
    live = Resident.deleted_at.is_null()
    digits = phone_digits(text)
    if digits and len(digits) >= 3 and digits == text.replace(" ", ""):
        cond = Resident.phone_key.startswith(digits) | Resident.id_number.startswith(digits)
    else:
        cond = Resident.name_key.startswith(normalise_name(text))
    return list(Resident.select().where(live & cond).order_by(Resident.name_key).limit(limit))


def villages() -> list[str]:
    """The villages residents live in, for filtering lists by village.

    Read from the (village, name) index alone, so residents in the trash count too: a
    village only they lived in filters to an empty list.
    """
    query = (
        Resident.select(Resident.village)
        .where(Resident.village > "")
        .group_by(Resident.village)
        .order_by(Resident.village)
    )
    return [village for (village,) in query.tuples()]
