"""Lists of members, residents, interviews and proposal-type records.

Same machinery as the visits list (:mod:`.listing`): filters and sorting in SQL, keyset
paging; interviews and proposals are searchable through their full-text indexes, people by
name, phone or village.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from studio_app.core.errors import UserError
from studio_app.core.identity import phone_digits
from studio_app.core.text import normalise_name
from studio_app.services.listing import (
    Column,
    FilterSql,
    Lister,
    ListSpec,
    Subset,
    day_range,
    in_list,
    studio_column,
    studio_filter,
)


def _flag(column: str) -> Any:
    return lambda v, _: (f"{column} = ?", [1 if v else 0])


def _people_text(value: Any, _: Any) -> FilterSql:
    """Name prefix, or phone digits / ID number prefix when the text is a number."""
    text = str(value).strip()
    digits = phone_digits(text)
    if digits and digits == text.replace(" ", "").replace("-", ""):
        return "(t.phone_key LIKE ? OR t.id_number LIKE ?)", [f"{digits}%", f"{digits}%"]
    return "t.name_key LIKE ?", [f"{normalise_name(text)}%"]


MEMBERS = Lister(
    ListSpec(
        "member",
        None,
        (
            Column("id", "t.id"),
            Column("name", "t.name", ("t.name",)),
            Column("gender", "t.gender", ("t.gender",)),
            Column("sector", "t.sector", ("t.sector",)),
            Column("unit_and_post", "t.unit_and_post"),
            Column("phone", "t.phone"),
            Column("is_standing", "t.is_standing", ("t.is_standing",)),
            Column("active", "t.active"),
            Column("rev", "t.rev"),
            studio_column(),
        ),
        default_sort="name",
    ),
    {
        "studio": studio_filter,
        "sector": lambda v, _: in_list("t.sector", v),
        "is_standing": _flag("t.is_standing"),
        "active": _flag("t.active"),
        "name": lambda v, _: ("t.name LIKE ?", [f"{str(v).strip()}%"]),
    },
)

RESIDENTS = Lister(
    ListSpec(
        "resident",
        None,
        (
            Column("id", "t.id"),
            Column("name", "t.name", ("t.name",)),
            Column("gender", "t.gender"),
            Column("phone", "t.phone"),
            Column("id_number", "t.id_number"),
            Column("village", "t.village", ("t.village",)),
            Column("group_name", "t.group_name"),
            Column("kind", "t.kind", ("t.kind",)),
            Column(
                "last_contacted_at", "t.last_contacted_at", ("COALESCE(t.last_contacted_at, '')",)
            ),
            Column("rev", "t.rev"),
            studio_column(),
        ),
        default_sort="name",
    ),
    {
        "studio": studio_filter,
        "village": lambda v, _: in_list("t.village", v),
        "kind": lambda v, _: in_list("t.kind", v),
        "contact_member": lambda v, _: ("t.contact_member_id = ?", [int(v)]),
        "text": _people_text,
    },
)

INTERVIEWS = Lister(
    ListSpec(
        "interview",
        "interview_fts",
        (
            Column("id", "t.id"),
            Column("serial", "t.serial", ("COALESCE(t.serial, '')",)),
            Column("occurred_at", "t.occurred_at", ("t.occurred_at",)),
            Column("kind", "t.kind", ("t.kind",)),
            Column("title", "t.title", ("t.title",)),
            Column("member_names", "t.member_names"),
            Column("participant_count", "t.participant_count", ("t.participant_count",)),
            Column("status", "t.status", ("t.status",)),
            Column("rev", "t.rev"),
            studio_column(),
        ),
        default_sort="occurred_at",
    ),
    {
        "studio": studio_filter,
        "kind": lambda v, _: in_list("t.kind", v),
        "status": lambda v, _: in_list("t.status", v),
        "date_from": lambda v, _: ("t.occurred_at >= ?", [day_range(v)]),
        "date_to": lambda v, _: ("t.occurred_at < ?", [day_range(v, end=True)]),
        "member": lambda v, _: Subset(
            "SELECT interview_id FROM interview_member WHERE member_id = ?", [int(v)]
        ),
    },
)

PROPOSALS = Lister(
    ListSpec(
        "proposal",
        "proposal_fts",
        (
            Column("id", "t.id"),
            Column("serial", "t.serial", ("COALESCE(t.serial, '')",)),
            Column("kind", "t.kind", ("t.kind",)),
            Column("title", "t.title", ("t.title",)),
            Column("lead_member", "(SELECT name FROM member WHERE id = t.lead_member_id)"),
            Column("category", "t.category", ("t.category",)),
            Column("status", "t.status", ("t.status",)),
            Column("submitted_at", "t.submitted_at", ("COALESCE(t.submitted_at, '')",)),
            Column("review", "t.review", ("t.review",)),
            Column("reply_class", "t.reply_class", ("t.reply_class",)),
            Column("county_no", "t.county_no"),
            Column("assigned_at", "t.assigned_at"),
            Column("reply_due", "t.reply_due"),
            Column("member_evaluation", "t.member_evaluation"),
            Column("adoption_level", "t.adoption_level"),
            Column("created_at", "t.created_at", ("t.created_at",)),
            Column("rev", "t.rev"),
            studio_column(),
        ),
        default_sort="created_at",
    ),
    {
        "kind": lambda v, _: in_list("t.kind", v),
        "status": lambda v, _: in_list("t.status", v),
        "studio": studio_filter,
        "stage": lambda v, today: county_stage(v, today),
        "review": lambda v, _: in_list("t.review", v),
        "category": lambda v, _: in_list("t.category", v),
        "lead_member": lambda v, _: ("t.lead_member_id = ?", [int(v)]),
        "submitted_from": lambda v, _: ("t.submitted_at >= ?", [str(v)[:10]]),
        "submitted_to": lambda v, _: ("t.submitted_at <= ?", [str(v)[:10]]),
    },
)


_ANSWERED = "t.review = 'accepted' AND t.reply_class = ''"
_STAGES = {
    "review": "t.status = 'submitted' AND t.review = ''",
    "assign": f"{_ANSWERED} AND t.assigned_at IS NULL",
    "in_hand": f"{_ANSWERED} AND t.assigned_at IS NOT NULL AND COALESCE(t.reply_due, '9') >= ?",
    "overdue": f"{_ANSWERED} AND t.assigned_at IS NOT NULL AND t.reply_due < ?",
    "replied": "t.reply_class != '' AND t.member_evaluation = ''",
    "evaluated": "t.reply_class != '' AND t.member_evaluation != ''",
    "settled": "t.review NOT IN ('', 'accepted')",
}


def county_stage(value: Any, today: date) -> FilterSql:
    """Records at one stage of the county's work (``county_work.stage`` in SQL)."""
    sql = _STAGES.get(str(value))
    if sql is None:
        raise UserError(f"没有“{value}”这一办理阶段")
    return f"({sql})", [today.isoformat()] * sql.count("?")


def keys(lister: Lister) -> tuple[str, ...]:
    """Column keys of a lister's rows, in order."""
    return tuple(c.key for c in lister.spec.columns)
