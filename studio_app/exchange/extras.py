"""What the hand-written kinds carry besides their declared fields (see ``exchange.hooks``).

A member names the studio it belongs to and its phone travels in full (members' phones are
on the county's roster); a resident's name and phone give match keys computed on arrival;
a visit names its reporting point and is checked by the visit rules; a proposal lists the
records it grew from (its declared origins) and, from the county, the units handling it. The
titles of the fixed code lists on the 代码表 sheet, declared with the codes, are given here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.fields import COUNTY, Field, Kind
from studio_app.core.identity import phone_digits
from studio_app.core.text import normalise_name
from studio_app.exchange import rules
from studio_app.exchange.columns import Column, Role
from studio_app.exchange.hooks import (
    Derived,
    KindHooks,
    SideList,
    declare,
    origin_links,
    title_lists,
)
from studio_app.exchange.labels import Labels
from studio_app.exchange.normalise import CellError, as_text


class HandlingUnits(SideList):
    """The county's units handling a proposal, ``role:unit code`` items in order; cells read
    ``主办：县交通运输局；协办：…``."""

    table, owner = "proposal_unit", "proposal_id"

    def __init__(self) -> None:
        fld = Field("units", "承办单位", Kind.TEXT, owner=COUNTY)
        self.column = Column("units", "承办单位", Role.DATA, Kind.TEXT, fld, width=30, side=self)

    def query(self) -> str:
        return (
            f"SELECT {self.owner}, role || ':' || unit FROM {self.table} "
            f"ORDER BY {self.owner}, position"
        )

    def written(self) -> list[str]:
        return [self.owner, "unit", "role", "position"]

    def select(self, source: str, where: str) -> str:
        return (
            "SELECT o.id, substr(j.value, instr(j.value, ':') + 1), "
            "substr(j.value, 1, instr(j.value, ':') - 1), j.key "
            f"FROM {source} WHERE {where} ORDER BY o.id, j.key"
        )

    def cell(self, labels: Labels) -> Callable[[list[str]], str]:
        roles = {r.value: r.label for r in c.UnitRole}
        units = labels.lists.get(c.CodeListKind.HANDLING_UNIT.value, {})
        return lambda value: "；".join(
            f"{roles.get(r, r)}：{units.get(u, u)}" for r, _, u in (v.partition(":") for v in value)
        )

    def parser(self, labels: Labels) -> Callable[[Any], list[str]]:
        return lambda value: _units(value, labels)


def _units(value: Any, labels: Labels) -> list[str]:
    text = as_text(value).strip()
    if not text:
        return []
    roles = {r.label: r.value for r in c.UnitRole} | {r.value: r.value for r in c.UnitRole}
    rev = labels.reverse.get(c.CodeListKind.HANDLING_UNIT.value, {})
    found = []
    for part in re.split(r"[；;\n]+", text):
        if not part.strip():
            continue
        pieces = re.split(r"[：:]", part.strip(), maxsplit=1)
        if len(pieces) != 2 or pieces[0].strip() not in roles:
            raise CellError(f"“{part.strip()}”应写作“主办：单位”或“协办：单位”")
        role, unit = roles[pieces[0].strip()], pieces[1].strip()
        if unit not in rev:
            raise CellError(f"“{unit}”不在承办/转办单位代码表中")
        found.append(f"{role}:{rev[unit]}")
    return found


SOURCES = origin_links(kinds.PROPOSAL)
UNITS = HandlingUnits()

declare(
    "member",
    KindHooks(
        columns=(Column("studio", "所属工作室（标识）", Role.META, Kind.TEXT),),
        unmasked=frozenset({"phone"}),
    ),
)
declare(
    "resident",
    KindHooks(
        derived=(
            Derived("name_key", "name", normalise_name),
            Derived("phone_key", "phone", phone_digits),
        )
    ),
)
declare(
    "visit",
    KindHooks(
        columns=(origin_links(kinds.VISIT).column,),
        rules=rules.visit,
    ),
)
declare("proposal", KindHooks(columns=(SOURCES.column,), county_columns=(UNITS.column,)))

title_lists(c.list_titles())
