"""Demo records of the generic kinds, made from their field declarations.

A kind without a demo generator of its own (``studio.OWN_DEMOS``, e.g. the member activities
of :mod:`.activities`) still shows up in the demo studio: a few dozen records whose values
follow each field's kind, code list and limits, created through the kind's service (so they
are validated, stamped and audited like typed ones).
"""

from __future__ import annotations

import random
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.core.fields import Field, Kind
from studio_app.demo import text as t
from studio_app.services import kind_records
from studio_app.services.context import Context
from studio_app.services.site import code_labels
from studio_app.storage.models import Member, Resident

SENTENCES = (
    "委员们围绕议题逐一发言，提出了具体的意见和建议。",
    "与会群众反映了道路、用水和停车等方面的困难。",
    "工作室将梳理意见，形成社情民意信息报送县政协。",
    "相关部门负责人到场听取意见，并就部分问题当场作了答复。",
)
WORDS = ("乡村振兴", "营商环境", "垃圾分类", "养老服务", "道路安全", "农田水利", "文化礼堂")


class _Values:
    """Random values for fields, from one seeded generator."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng, self.today = rng, today
        self.members = [m.id for m in Member.select(Member.id).where(Member.deleted_at.is_null())]
        self.residents = [
            r.id
            for r in Resident.select(Resident.id).where(Resident.deleted_at.is_null()).limit(500)
        ]

    def day(self) -> date:
        return self.today - timedelta(days=self.rng.randrange(365))

    def value(self, fld: Field) -> Any:
        rng, k = self.rng, fld.kind
        if k is Kind.TEXT:
            return f"{rng.choice(WORDS)}{rng.choice(('座谈', '调研', '议事', '协商'))}"[
                : fld.max_len
            ]
        if k is Kind.LONGTEXT:
            return "".join(rng.sample(SENTENCES, 2))
        if k is Kind.INT:
            return rng.randrange(3, 40)
        if k is Kind.BOOL:
            return rng.random() < 0.5
        if k is Kind.DATE:
            return self.day()
        if k is Kind.DATETIME:
            return datetime.combine(self.day(), datetime.min.time()) + timedelta(hours=9)
        if k is Kind.ENUM and fld.enum is not None:
            return rng.choice(list(fld.enum)).value
        if k is Kind.CODE and fld.code_list is not None:
            return rng.choice(list(code_labels(fld.code_list.value)) or [""])
        if k is Kind.PHONE:
            return t.mobiles(rng.random, 1)[0]
        if k is Kind.MEMBER:
            return rng.choice(self.members) if self.members else None
        if k is Kind.MEMBERS:
            return rng.sample(self.members, min(len(self.members), rng.randrange(1, 4)))
        if k is Kind.RESIDENT:
            return rng.choice(self.residents) if self.residents else None
        if k is Kind.RESIDENTS:
            return rng.sample(self.residents, min(len(self.residents), rng.randrange(0, 3)))
        if k is Kind.RECORD:
            linked = list(kind_records.choices(kinds.kind(fld.target)))
            return self.rng.choice(linked) if linked else None
        if k is Kind.ROWS:
            count = rng.randrange(1 if fld.required else 0, 4)
            return [{c.key: self.value(c) for c in fld.columns} for _ in range(count)]
        return None  # ID numbers are left empty: a demo has no reason to invent more


def generate(
    ctx: Context, rng: random.Random, per_kind: int, *, skip: Collection[str]
) -> dict[str, int]:
    """``per_kind`` records of every generic kind but those named in ``skip`` (the kinds
    with demo generators of their own, ``studio.OWN_DEMOS``); returns how many of each
    were made."""
    made: dict[str, int] = {}
    values = _Values(rng, ctx.today())
    for kind in kinds.generic():
        if kind.name in skip:
            continue
        for _ in range(per_kind):
            record = {f.key: values.value(f) for f in kind.fields}
            kind_records.create(ctx, kind, {k: v for k, v in record.items() if v is not None})
        made[kind.name] = per_kind
    return made
