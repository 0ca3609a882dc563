"""Lists of members, residents and proposal-type records, and of any declared kind.

Same machinery as the visits list (:mod:`.paging`): filters and sorting in SQL, keyset
paging; proposals are searchable through their full-text index, people by name, phone or
village. :func:`kind_lister` builds the list of any other declared kind from its
declaration alone (:class:`~studio_app.core.kinds.RecordKind`).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from importlib import import_module
from typing import Any

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.core.fields import SINGLE_LINKS, Field, Kind, target
from studio_app.core.identity import phone_digits
from studio_app.core.text import normalise_name
from studio_app.services.lists.paging import (
    Column,
    Filter,
    FilterSql,
    Lister,
    ListSpec,
    Subset,
    day_range,
    in_list,
    like_words,
    studio_column,
    studio_filter,
)
from studio_app.storage import kind_tables


def _flag(column: str) -> Any:
    return lambda v, _: (f"{column} = ?", [1 if v else 0])


def _county_feedback(value: Any, today: date) -> FilterSql:
    """Records the county has written to (review, reply, adoption…) in the last ``value``
    days: what came back from the county office."""
    since = (today - timedelta(days=int(value))).isoformat()
    return "t.county_rev > 0 AND t.updated_at >= ?", [since]


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
            # 直通车 first (descending), newest submitted first within: the county's order.
            Column(
                "through_train",
                "t.through_train",
                ("t.through_train", "COALESCE(t.submitted_at, '')"),
            ),
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
        "county_feedback": _county_feedback,
        "through_train": _flag("t.through_train"),
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


# -- any declared kind ---------------------------------------------------------------------

EXCERPT = 80  # characters of a long text a list shows
_LINKS = (Kind.MEMBERS, Kind.RESIDENTS)
_UNSORTED = (*_LINKS, *SINGLE_LINKS, Kind.LONGTEXT)  # no index and little use: not sortable


def column_key(kind: kinds.RecordKind, key: str) -> str:
    """The list column showing field ``key``: a link's names column, else the key."""
    fld = kind.field(key)
    if fld.kind in _LINKS:
        return kind.link(key).names_column or key
    return key


def _field_column(kind: kinds.RecordKind, fld: Field) -> Column:
    key = fld.key
    if fld.kind in _LINKS:
        link = kind.link(key)
        if link.names_column:
            return Column(link.names_column, f"t.{link.names_column}")
        return Column(
            key,
            f"(SELECT group_concat(p.name, '、') FROM {link.table} l JOIN {link.target_table} p "
            f"ON p.id = l.{link.target} WHERE l.{link.owner} = t.id)",
        )
    if fld.kind in SINGLE_LINKS:
        linked = kinds.kind(target(fld))
        return Column(key, f"(SELECT {linked.title_key} FROM {linked.name} WHERE id = t.{key}_id)")
    if fld.kind is Kind.LONGTEXT:
        return Column(key, f"substr(t.{key}, 1, {EXCERPT})")
    return Column(key, f"t.{key}", kind_tables.sort_terms(kind, key, "t."))


def _field_filter(kind: kinds.RecordKind, fld: Field) -> Filter | None:
    column = f"t.{fld.key}"
    if fld.kind in (Kind.ENUM, Kind.CODE):
        return lambda v, _: in_list(column, v)
    if fld.kind is Kind.BOOL:
        return _flag(column)
    if fld.kind in SINGLE_LINKS:
        return lambda v, _: (f"{column}_id = ?", [int(v)])
    if fld.kind in _LINKS:
        link = kind.link(fld.key)
        sql = f"SELECT {link.owner} FROM {link.table} WHERE {link.target} = ?"
        return lambda v, _: Subset(sql, [int(v)])
    return None


def _date_filters(fld: Field) -> dict[str, Filter]:
    column = f"t.{fld.key}"
    if fld.kind is Kind.DATETIME:
        return {
            "date_from": lambda v, _: (f"{column} >= ?", [day_range(v)]),
            "date_to": lambda v, _: (f"{column} < ?", [day_range(v, end=True)]),
        }
    return {
        "date_from": lambda v, _: (f"{column} >= ?", [str(v)[:10]]),
        "date_to": lambda v, _: (f"{column} <= ?", [str(v)[:10]]),
    }


@cache
def kind_lister(kind: kinds.RecordKind) -> Lister:
    """The list of a declared kind: its list, title and date fields (a link as its names,
    a member or resident as a name), newest first by its date; searched through its
    full-text index (the trash, or a kind without one, with LIKE); filtered by each code,
    flag, person and link field (a link also under its linked kind's name), by status, by
    date range and by studio."""
    keys = dict.fromkeys(k for k in (*kind.list_fields, kind.title_key, kind.date_key) if k)
    fields = [kind.field(k) for k in keys]
    columns = [
        Column("id", "t.id"),
        Column("serial", "t.serial", kind_tables.sort_terms(kind, "serial", "t.")),
        *(_field_column(kind, f) for f in fields),
    ]
    if kind.status is not None:
        columns.append(Column("status", "t.status", kind_tables.sort_terms(kind, "status", "t.")))
    created = kind_tables.sort_terms(kind, "created_at", "t.")
    columns += [Column("rev", "t.rev"), Column("created_at", "t.created_at", created)]
    columns.append(studio_column())
    names = [f"t.{link.names_column}" for link in kind.links if link.names_column]
    searched = [f"t.{c}" for c in (kind.search or (kind.title_key,)) if c]
    like = ("t.serial", *names, *searched)
    filters: dict[str, Filter] = {"studio": studio_filter}
    for fld in kind.fields:
        built = _field_filter(kind, fld)
        if built is not None:
            filters[fld.key] = built
    for link in kind.links:  # e.g. "member": one of its members is this member
        filters.setdefault(link.target_kind, filters[link.key])
    if kind.status is not None:
        filters["status"] = lambda v, _: in_list("t.status", v)
    if kind.date_key:
        filters.update(_date_filters(kind.field(kind.date_key)))
    if kind.fts is None:
        filters["text"] = lambda v, _: like_words(like, str(v))
    spec = ListSpec(
        kind.name,
        kind.fts,
        tuple(columns),
        default_sort=kind.date_key or "created_at",
        like_columns=like,
    )
    return Lister(spec, filters)


def lister_of(kind: kinds.RecordKind) -> Lister:
    """The list of ``kind``: the ``LISTER`` of its own module of this package where it
    declares one (``RecordKind.lister``: visits, with their sort orders and filters), else
    :func:`kind_lister`."""
    if kind.lister:
        own: Lister = import_module(f"{__package__}.{kind.lister}").LISTER
        return own
    return kind_lister(kind)
