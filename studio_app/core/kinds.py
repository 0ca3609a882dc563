"""Record kinds, declared once: what every layer needs to know about a kind of record.

A :class:`RecordKind` names a synced record type (its table, Chinese label, fields, serial
prefix, status codes, full-text index, link tables, exchange sheet title). Kinds are
registered in exchange order — a kind's links point only to kinds registered before it — and
modules that handle "every kind" loop over :func:`all_kinds` instead of listing names.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from studio_app.core import codes as c
from studio_app.core import fields as f


@dataclass(frozen=True)
class LinkTable:
    """A many-to-many link stored in its own table, e.g. a visit's members."""

    key: str  # the field it stores (a MEMBERS / RESIDENTS field)
    table: str  # e.g. "visit_member"
    owner: str  # column of the owning record's id, e.g. "visit_id"
    target: str  # column of the linked record's id, e.g. "member_id"
    target_kind: str  # the linked kind's name, e.g. "member"
    names_column: str | None = None  # denormalised names on the owner row

    @property
    def target_table(self) -> str:
        return self.target_kind  # a kind's table is named after it


@dataclass(frozen=True)
class Origin:
    """A kind of record another record can grow from, e.g. the visits a proposal grew from."""

    kind: str  # the origin's kind name, e.g. "visit"
    tag: str  # its prefix in the exchange cell that lists origins, e.g. "v:"
    gist: tuple[str, ...] = ()  # its fields a grown record's text starts from (): long texts
    button: str = ""  # Chinese, on the origin's list: starts a record from it ("": generic)
    button_tip: str = ""  # Chinese, that button's tooltip

    @property
    def column(self) -> str:
        return f"{self.kind}_id"  # the origin's column in the owner's origin table


@dataclass(frozen=True)
class Transition:
    """A step of a kind's workflow, offered as a button on its dialog and audited."""

    action: str  # the audited action, e.g. "close"
    label: str  # Chinese, the button's text, e.g. "结束访谈"
    source: str  # the status it leaves
    target: str  # the status it reaches


@dataclass(frozen=True)
class Tally:
    """A kind statistics count per period and per member, and how reports name the count."""

    label: str  # Chinese, its column in tables and item in summaries, e.g. "访谈"
    phrase: str  # Chinese, the report's sentence before the number, e.g. "开展委员访谈"
    unit: str  # Chinese, the measure word after the number, e.g. "次"

    def sentence(self, n: int) -> str:
        return f"{self.phrase}{n:,}{self.unit}"


@dataclass(frozen=True)
class DialogLayout:
    """How the generic dialog lays out a kind's form, where its defaults do not suit."""

    size: tuple[int, int] = (720, 680)  # width, height when opened
    text_heights: tuple[tuple[str, int], ...] = ()  # a long text's minimum height, by key
    bare_errors: bool = False  # a field's error without its label in front (the row has it)


@dataclass(frozen=True)
class RecordKind:
    name: str  # the table and the code name, e.g. "visit"
    label: str  # Chinese, e.g. "接待走访记录"
    short_label: str  # Chinese, as in lists of kinds, e.g. "接待走访"
    sheet_title: str  # the exchange workbook's sheet
    fields: tuple[f.Field, ...]
    serial_prefix: str | None = None  # None: the serial comes from a sub-kind (proposals)
    status: type[c.Coded] | None = None
    fts: str | None = None  # the full-text index table
    links: tuple[LinkTable, ...] = field(default_factory=tuple)
    # What the generic layers read (lists, dialogs, trash, drafts, printing, statistics):
    search: tuple[str, ...] = ()  # columns in the full-text index besides serial and names
    list_columns: tuple[str, ...] = ()  # field keys shown in the list, in order
    title_key: str = ""  # the field that names a record (trash, drafts, audit)
    date_key: str = ""  # the field that dates a record (default sort, counts per year)
    tally: Tally | None = None  # counted in the period statistics (and how it is named)
    shortcut: str = ""  # the navigation shortcut, e.g. "Ctrl+7"
    editors: tuple[str, ...] = ("admin", "staff")  # roles that create and edit it
    generic: bool = True  # False: a kind with its own pages and services (visits, …)
    service: str = ""  # the module of studio_app.services that writes it ("": generic)
    print_layout: str = ""  # the module of studio_app.reports with its own form ("": generic)
    transitions: tuple[Transition, ...] = ()  # its workflow, besides create and trash
    origins: tuple[Origin, ...] = ()  # kinds a record grows from (``origin_table``)
    origin_table: str = ""  # e.g. "proposal_source": owner id, one origin id per row
    # How the generic pages and dialog present it, where the field labels do not suffice:
    short_titles: tuple[tuple[str, str], ...] = ()  # field → shorter title (filters, trash)
    search_hint: str = ""  # Chinese, the placeholder of its list's search box
    new_shortcut: str = ""  # the "new record" shortcut; with one: a toolbar and desk button
    merge_title: str = ""  # Chinese, its line in a resident merge's summary ("": short_label)
    dialog: DialogLayout = DialogLayout()

    @property
    def live_counted(self) -> bool:
        """Kept in ``live_count`` by triggers (every indexed kind is)."""
        return self.fts is not None

    def field(self, key: str) -> f.Field:
        for fld in self.fields:
            if fld.key == key:
                return fld
        raise KeyError(key)

    def link(self, key: str) -> LinkTable:
        for link in self.links:
            if link.key == key:
                return link
        raise KeyError(key)

    def short_title(self, key: str) -> str:
        """Field ``key``'s shorter title where the kind is clear (else its label)."""
        return dict(self.short_titles).get(key) or self.field(key).label


_KINDS: dict[str, RecordKind] = {}


def register(kind: RecordKind) -> RecordKind:
    """Add ``kind`` after the kinds registered so far; its links must point back to them."""
    if kind.name in _KINDS:
        raise ValueError(f"record kind {kind.name!r} declared twice")
    for link in kind.links:
        if link.target_kind not in _KINDS:
            raise ValueError(f"{kind.name}.{link.key} links to {link.target_kind!r} declared later")
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Forget a kind registered last (a kind declared by a test)."""
    if list(_KINDS)[-1:] != [name]:
        raise ValueError(f"only the last kind can be unregistered, not {name!r}")
    del _KINDS[name]


@contextmanager
def registered(kind: RecordKind) -> Iterator[RecordKind]:
    """Declare ``kind`` for the duration of a ``with`` block."""
    register(kind)
    try:
        yield kind
    finally:
        unregister(kind.name)


def all_kinds() -> tuple[RecordKind, ...]:
    """Every record kind, in exchange order (linked kinds first)."""
    return tuple(_KINDS.values())


def kind(name: str) -> RecordKind:
    return _KINDS[name]


def names() -> tuple[str, ...]:
    return tuple(_KINDS)


def indexed() -> tuple[RecordKind, ...]:
    """The kinds with a full-text index (searchable, counted live)."""
    return tuple(k for k in _KINDS.values() if k.fts)


def generic() -> tuple[RecordKind, ...]:
    """The kinds served by the generic list, dialog and service (no module of their own)."""
    return tuple(k for k in _KINDS.values() if k.generic)


def grown_from(name: str) -> tuple[tuple[RecordKind, Origin], ...]:
    """The kinds whose records can grow from a record of kind ``name``, with that origin."""
    return tuple((k, o) for k in _KINDS.values() for o in k.origins if o.kind == name)


def counted() -> tuple[RecordKind, ...]:
    """The kinds the period statistics count, by their :class:`Tally`."""
    return tuple(k for k in _KINDS.values() if k.tally)


def identifier_keys() -> dict[str, f.Kind]:
    """Every key that holds a personal identifier or a value derived from one, with the
    kind of its source, over all kinds (outputs mask by these keys)."""
    found: dict[str, f.Kind] = {}
    for k in _KINDS.values():
        for fld in k.fields:
            if fld.identifier:
                found.update(dict.fromkeys((fld.key, *fld.derived), fld.kind))
    return found


def _people_links(owner: str) -> tuple[LinkTable, ...]:
    return (
        LinkTable("members", f"{owner}_member", f"{owner}_id", "member_id", "member",
                  "member_names"),
        LinkTable("residents", f"{owner}_resident", f"{owner}_id", "resident_id", "resident",
                  "resident_names"),
    )  # fmt: skip


MEMBER = register(
    RecordKind("member", "委员", "委员", "委员", f.MEMBER_FIELDS, title_key="name", generic=False,
               service="members")
)  # fmt: skip
RESIDENT = register(
    RecordKind("resident", "群众", "群众", "群众", f.RESIDENT_FIELDS, title_key="name",
               generic=False, service="residents")
)  # fmt: skip
VISIT = register(
    RecordKind(
        "visit", "接待走访记录", "接待走访", "接待走访", f.VISIT_FIELDS, serial_prefix="JD",
        status=c.VisitStatus, fts="visit_fts", links=_people_links("visit"),
        search=("place", "content"), title_key="content", date_key="occurred_at",
        generic=False, service="visits", print_layout="visit_form",
    )
)  # fmt: skip
INTERVIEW = register(
    RecordKind(
        "interview", "访谈记录", "访谈", "访谈", f.INTERVIEW_FIELDS, serial_prefix="FT",
        status=c.InterviewStatus, fts="interview_fts", links=_people_links("interview"),
        search=("title", "place_or_platform", "participant_note", "views", "follow_up"),
        list_columns=("occurred_at", "kind", "title", "members", "participant_count"),
        title_key="title", date_key="occurred_at", generic=False, service="interviews",
        tally=Tally("访谈", "开展委员访谈", "次"),
        print_layout="interview_form",
        transitions=(
            Transition("close", "结束访谈", c.InterviewStatus.OPEN, c.InterviewStatus.CLOSED),
            Transition("reopen", "重新打开", c.InterviewStatus.CLOSED, c.InterviewStatus.OPEN),
        ),
        short_titles=(("kind", "形式"), ("occurred_at", "时间")),
        search_hint="搜索主题、委员、意见……", new_shortcut="Ctrl+Shift+I", merge_title="访谈活动",
        dialog=DialogLayout((820, 760), (("participant_note", 50), ("views", 110),
                                         ("follow_up", 70)), bare_errors=True),
    )
)  # fmt: skip
PROPOSAL = register(
    RecordKind(
        "proposal", "提案/社情民意", "提案/社情民意", "提案与社情民意", f.PROPOSAL_FIELDS,
        status=c.ProposalStatus, fts="proposal_fts",
        links=(LinkTable("co_signers", "proposal_co_signer", "proposal_id", "member_id",
                         "member", "co_signer_names"),),
        search=("title", "facts", "analysis", "recommendations", "county_no", "reply_summary"),
        title_key="title", date_key="submitted_at", generic=False, service="proposals",
        print_layout="proposal_form",
        origins=(Origin("visit", "v:"), Origin("interview", "i:", gist=("views", "follow_up"),
                                               button="转为建议……",
                                               button_tip="用选中的访谈撰写意见建议")),
        origin_table="proposal_source", new_shortcut="Ctrl+Shift+P", merge_title="作为第一提出人",
    )
)  # fmt: skip
