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
from studio_app.core.duty import ANY, PointRule

STATUS = "status"  # among a kind's list columns or filters: its status (not a field)
DATES = "dates"  # among a kind's filters: from and to, on its date field


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
    shortcut: str = ""  # that button's key, e.g. "Ctrl+Shift+T"
    into: str = ""  # the grown kind's long text the gist starts ("": none; proposals: own)
    sets: tuple[tuple[str, str], ...] = ()  # the grown kind's fields set by growing, e.g. source

    @property
    def column(self) -> str:
        return f"{self.kind}_id"  # the origin's column in the owner's origin table


@dataclass(frozen=True)
class Transition:
    """A step of a kind's workflow, offered as a button on its dialog and audited."""

    action: str  # the audited action, e.g. "close"
    label: str  # Chinese, the button's text, e.g. "结束访谈"
    sources: tuple[str, ...]  # the statuses it may leave
    target: str  # the status it reaches
    required: tuple[str, ...] = ()  # fields that must be filled to take it
    asks: tuple[str, ...] = ()  # fields that, when empty, the dialog asks about first
    settled: tuple[str, ...] = ()  # ROWS fields (tracked items) all carried out to take it

    def __post_init__(self) -> None:
        if isinstance(self.sources, str):  # "open" would match "o", "p", … as a tuple
            raise TypeError(f"step {self.action!r}: sources is a tuple of statuses")


@dataclass(frozen=True)
class Tally:
    """A kind statistics count per period and per member, and how reports name the count."""

    label: str  # Chinese, its column in tables and item in summaries, e.g. "访谈"
    phrase: str  # Chinese, the report's sentence before the number, e.g. "开展委员访谈"
    unit: str  # Chinese, the measure word after the number, e.g. "次"
    credits: tuple[str, ...] = ()  # the member fields credited per member (): every one
    # Its section of the statistics (services/kind_stats.py), besides its tracked rows' items:
    by: tuple[str, ...] = ()  # coded fields its records are counted by; "rows.column": rows
    sums: tuple[str, ...] = ()  # number fields summed, e.g. the people served
    reach: tuple[str, ...] = ()  # people fields: how many it reaches, of the contact chain
    means: tuple[str, ...] = ()  # fields coded by number (ratings): averaged, and by quarter
    open_by: tuple[str, ...] = ()  # "rows.column" of tracked rows: the open items by column

    def sentence(self, n: int) -> str:
        return f"{self.phrase}{n:,}{self.unit}"


@dataclass(frozen=True)
class Glance:
    """A figure shown under a kind's page in the navigation, e.g. 超期 19."""

    label: str  # Chinese, e.g. "超期"
    filter: str  # a filter key of the kind's list, counted with the value True
    alarm: bool = False  # drawn in red while it is not zero


@dataclass(frozen=True)
class FormGroup:
    """Fields the generic dialog shows together in a titled box, beside the other groups."""

    name: str  # in object names, e.g. "reception"
    title: str  # Chinese, e.g. "接待信息"
    keys: tuple[str, ...]  # its fields, in order
    stretch: int = 1  # its share of the width
    once_saved: bool = False  # shown only for a saved record (e.g. the follow-up)


@dataclass(frozen=True)
class DialogLayout:
    """How the generic dialog lays out a kind's form, where its defaults do not suit."""

    size: tuple[int, int] = (720, 680)  # width, height when opened
    text_heights: tuple[tuple[str, int], ...] = ()  # a long text's minimum height, by key
    bare_errors: bool = False  # a field's error without its label in front (the row has it)
    groups: tuple[FormGroup, ...] = ()  # side by side; () one column of every field
    hints: tuple[tuple[str, str], ...] = ()  # Chinese, by key: a text's placeholder, a tick's text


@dataclass(frozen=True)
class PrintTable:
    """Fields a printed form shows together as one table, a line per entry, in place of the
    first of them (e.g. the five environments: name, rating, note)."""

    title: str  # Chinese, the table's caption
    headers: tuple[str, ...]  # Chinese, e.g. ("环境", "评分", "说明")
    lines: tuple[tuple[str, ...], ...]  # each: the line's Chinese name, then its fields' keys

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for line in self.lines for key in line[1:])


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
    list_columns: tuple[str, ...] = ()  # field keys shown in the list, in order (and STATUS)
    title_key: str = ""  # the field that names a record (trash, drafts, audit)
    date_key: str = ""  # the field that dates a record (default sort, counts per year)
    tally: Tally | None = None  # counted in the period statistics (and how it is named)
    shortcut: str = ""  # the navigation shortcut, e.g. "Ctrl+7"
    editors: tuple[str, ...] = ("admin", "staff")  # roles that create and edit it
    generic: bool = True  # False: a kind with its own pages and services (visits, …)
    service: str = ""  # the module of studio_app.services that writes it ("": generic)
    print_layout: str = ""  # the module of studio_app.reports with its own form ("": generic)
    lister: str = ""  # the module of studio_app.services.lists with its own list ("": generic)
    transitions: tuple[Transition, ...] = ()  # its workflow, besides create and trash
    origins: tuple[Origin, ...] = ()  # kinds a record grows from (``origin_table``)
    origin_table: str = ""  # e.g. "proposal_source": owner id, one origin id per row
    # How the generic pages and dialog present it, where the field labels do not suffice:
    short_titles: tuple[tuple[str, str], ...] = ()  # field → shorter title (filters, trash)
    list_titles: tuple[tuple[str, str], ...] = ()  # field → its list column's title
    list_filters: tuple[tuple[str, ...], ...] = ()  # rows of filters (); codes and status
    details_hide: tuple[str, ...] = ()  # list columns that give way to the detail panel
    search_hint: str = ""  # Chinese, the placeholder of its list's search box
    new_shortcut: str = ""  # the "new record" shortcut; with one: a toolbar and desk button
    new_label: str = ""  # Chinese, what its "新建…" button names ("": short_label)
    counter: str = "条"  # Chinese, the measure word of a count of its records: 共 12 条
    icon: str = ""  # its page's icon in resources/icons/nav ("": a generic one)
    glances: tuple[Glance, ...] = ()  # figures under its page's title in the navigation
    merge_title: str = ""  # Chinese, its line in a resident merge's summary ("": short_label)
    plural: str = ""  # its key in machine output (stats --json), e.g. "activities"
    one_of: tuple[str, ...] = ()  # fields of which at least one must be filled
    print_tables: tuple[PrintTable, ...] = ()  # fields its printed form shows as a table
    point_rules: tuple[PointRule, ...] = ()  # how its records earn members duty points
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

    @property
    def list_fields(self) -> tuple[str, ...]:
        """The fields among its list columns (not the status)."""
        return tuple(k for k in self.list_columns if k != STATUS)

    def list_title(self, key: str) -> str:
        """The title of field ``key``'s list column."""
        return dict(self.list_titles).get(key) or self.field(key).label

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


def check_record_links() -> None:
    """Every RECORD field points to a declared kind with a title (it may be declared after
    the kind holding the field: the exchange orders sheets by ``link_order``)."""
    for kind in _KINDS.values():
        for fld in kind.fields:
            linked = _KINDS.get(fld.target) if fld.kind is f.Kind.RECORD else None
            if fld.kind is f.Kind.RECORD and (linked is None or not linked.title_key):
                raise ValueError(
                    f"{kind.name}.{fld.key} links to {fld.target!r}: not declared, "
                    "or without a title"
                )


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
    """Every record kind, in registration order (linked kinds first; :func:`link_order`
    also puts a kind after those it grows from)."""
    return tuple(_KINDS.values())


def link_order() -> tuple[RecordKind, ...]:
    """Every record kind, each after the kinds it links to and grows from (``origins``),
    else in registration order: the order the exchange writes and applies its sheets."""
    placed: dict[str, RecordKind] = {}

    def place(k: RecordKind, path: tuple[str, ...]) -> None:
        if k.name in placed:
            return
        if k.name in path:
            raise ValueError(f"record kinds grow from each other: {' → '.join((*path, k.name))}")
        targets = [link.target_kind for link in k.links] + [o.kind for o in k.origins]
        targets += [f.target(fld) for fld in k.fields if fld.kind in f.SINGLE_LINKS]
        for target in targets:
            if target in _KINDS and target != k.name:
                place(_KINDS[target], (*path, k.name))
        placed[k.name] = k

    for k in _KINDS.values():
        place(k, ())
    return tuple(placed.values())


def kind(name: str) -> RecordKind:
    return _KINDS[name]


def names() -> tuple[str, ...]:
    return tuple(_KINDS)


def indexed() -> tuple[RecordKind, ...]:
    """The kinds with a full-text index (searchable, counted live)."""
    return tuple(k for k in _KINDS.values() if k.fts)


def named_by(name: str) -> tuple[tuple[RecordKind, str], ...]:
    """The kinds whose records name a record of kind ``name`` through a RECORD field, with
    that field's key (e.g. the visits through a reporting point)."""
    return tuple((k, fld.key) for k in _KINDS.values() for fld in k.fields
                 if fld.kind is f.Kind.RECORD and fld.target == name)  # fmt: skip


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


VS = c.VisitStatus


def _people_links(owner: str) -> tuple[LinkTable, ...]:
    return (
        LinkTable("members", f"{owner}_member", f"{owner}_id", "member_id", "member",
                  "member_names"),
        LinkTable("residents", f"{owner}_resident", f"{owner}_id", "resident_id", "resident",
                  "resident_names"),
    )  # fmt: skip


MEMBER = register(
    RecordKind(
        "member", "委员", "委员", "委员", title_key="name", generic=False, service="members",
        counter="名", icon="members",
        fields=(
            f.Field("name", "姓名", required=True, max_len=50),
            f.Field("gender", "性别", f.Kind.ENUM, enum=c.Gender),
            f.Field("sector", "界别", f.Kind.CODE, code_list=c.CodeListKind.SECTOR),
            f.Field("party", "政治面貌", max_len=50),
            f.Field("unit_and_post", "工作单位及职务", max_len=200),
            f.Field("phone", "联系电话", f.Kind.PHONE),
            f.Field("is_standing", "是否常委", f.Kind.BOOL),
            f.Field("active", "在任", f.Kind.BOOL),
            f.Field("term", "届次", max_len=50),
            f.Field("contact_parent", "联系人(常委)", f.Kind.MEMBER),
        ),
    )
)  # fmt: skip
RESIDENT = register(
    RecordKind(
        "resident", "群众", "群众", "群众", title_key="name", generic=False, service="residents",
        counter="名", icon="residents",
        fields=(
            f.Field("name", "姓名", required=True, max_len=50),
            f.Field("gender", "性别", f.Kind.ENUM, enum=c.Gender),
            f.Field("phone", "联系电话", f.Kind.PHONE, derived=("phone_key",)),
            f.Field("id_number", "身份证号", f.Kind.ID_NUMBER),
            f.Field("township", "乡镇", max_len=100),
            f.Field("village", "村/社区", max_len=100),
            f.Field("group_name", "组", max_len=50),
            f.Field("address", "地址", max_len=300),
            f.Field("kind", "类别", f.Kind.ENUM, enum=c.ResidentKind),
            f.Field("contact_member", "联系委员", f.Kind.MEMBER),
            f.Field("last_contacted_at", "最近联系时间", f.Kind.DATETIME),
        ),
    )
)  # fmt: skip
VISIT = register(
    RecordKind(
        "visit", "接待走访记录", "接待走访", "接待走访", serial_prefix="JD",
        status=c.VisitStatus, fts="visit_fts", links=_people_links("visit"),
        search=("place", "content"), title_key="content", date_key="occurred_at",
        generic=False, service="visits", print_layout="visit_form", lister="visits",
        list_columns=("occurred_at", "channel", "members", "residents", "category", "content",
                      "handling", STATUS, "referred_unit", "due_at"),
        list_titles=(("members", "委员"),), short_titles=(("category", "类别"),),
        list_filters=((STATUS, "channel", "category", "member", "village"),
                      (DATES, "overdue")),
        details_hide=("members", "handling", "referred_unit"),
        search_hint="搜索编号、姓名、反映内容……", new_shortcut="Ctrl+N", new_label="来访",
        icon="visits", glances=(Glance("在办", "open"), Glance("超期", "overdue", alarm=True)),
        origins=(Origin("contact", "c:", gist=("content", "follow_up"), button="登记为来访……",
                        button_tip="把选中联系记录中群众反映的问题登记为接待走访记录",
                        into="content"),
                 Origin("activity", "a:", gist=("problems",), button="登记为来访……",
                        button_tip="把选中活动中群众反映、发现的问题登记为接待走访记录",
                        into="content")),
        origin_table="visit_source",
        transitions=(
            Transition("refer", "转办", (VS.REGISTERED,), VS.REFERRED, ("referred_unit",)),
            Transition("start", "开始办理", (VS.REFERRED,), VS.IN_PROGRESS),
            Transition("feed_back", "反馈", (VS.REFERRED, VS.IN_PROGRESS), VS.FED_BACK,
                       ("result", "feedback_at")),
            Transition("reopen", "重新办理", (VS.FED_BACK,), VS.IN_PROGRESS),
            Transition("close", "办结", (VS.REGISTERED, VS.FED_BACK), VS.CLOSED,
                       asks=("satisfaction",)),
        ),
        dialog=DialogLayout(
            (980, 720),
            (("content", 110), ("onsite_reply", 100), ("result", 70), ("revisit_note", 90)),
            bare_errors=True,
            groups=(
                FormGroup("reception", "接待信息", ("channel", "reporting_point", "occurred_at",
                          "place", "members", "residents", "visitor_count"), 5),
                FormGroup("issue", "问题与处理", ("category", "content", "onsite_reply",
                          "handling", "referred_unit", "referred_at", "due_at", "confidential"),
                          5),
                FormGroup("follow_up", "办理情况", ("result", "feedback_at", "feedback_channel",
                          "revisit_at", "revisit_note", "satisfaction"), 4, once_saved=True),
            ),
            hints=(("content", "请记录群众的原话"),
                   ("confidential", "保密（不导出明细、不批量打印）")),
        ),
        point_rules=(PointRule("visit.member", "接待走访群众", "members", 2, cap=40),),
        fields=(
            f.Field("channel", "接待方式", f.Kind.ENUM, required=True, enum=c.Channel),
            f.Field("occurred_at", "接待时间", f.Kind.DATETIME, required=True),
            f.Field("place", "地点", max_len=200),
            f.Field("members", "值班/走访委员", f.Kind.MEMBERS, required=True),
            f.Field("residents", "来访群众", f.Kind.RESIDENTS),
            f.Field("visitor_count", "来访人数", f.Kind.INT, required=True),
            f.Field("category", "问题类别", f.Kind.CODE, required=True,
                    code_list=c.CodeListKind.ISSUE_CATEGORY),
            f.Field("content", "反映内容", f.Kind.LONGTEXT, required=True),
            f.Field("onsite_reply", "现场答复", f.Kind.LONGTEXT),
            f.Field("handling", "处理方式", f.Kind.ENUM, required=True, enum=c.Handling),
            f.Field("referred_unit", "转办单位", f.Kind.CODE,
                    code_list=c.CodeListKind.HANDLING_UNIT),
            f.Field("referred_at", "转办日期", f.Kind.DATE),
            f.Field("due_at", "办理时限", f.Kind.DATE),
            f.Field("result", "办理结果", f.Kind.LONGTEXT),
            f.Field("feedback_at", "反馈日期", f.Kind.DATE),
            f.Field("feedback_channel", "反馈方式", f.Kind.ENUM, enum=c.FeedbackChannel),
            f.Field("revisit_at", "回访日期", f.Kind.DATE),
            f.Field("revisit_note", "回访情况", f.Kind.LONGTEXT),
            f.Field("satisfaction", "满意度", f.Kind.ENUM, enum=c.Satisfaction),
            f.Field("confidential", "保密", f.Kind.BOOL),
            f.Field("reporting_point", "直报点", f.Kind.RECORD, target="reporting_point",
                    required_if=("channel", c.Channel.REPORTING_POINT), added_later=True,
                    counted_by="category"),
        ),
    )
)  # fmt: skip
INTERVIEW = register(
    RecordKind(
        "interview", "访谈记录", "访谈", "访谈", serial_prefix="FT",
        status=c.InterviewStatus, fts="interview_fts", links=_people_links("interview"),
        search=("title", "place_or_platform", "participant_note", "views", "follow_up"),
        list_columns=("occurred_at", "kind", "title", "members", "participant_count"),
        title_key="title", date_key="occurred_at", generic=False, service="interviews",
        tally=Tally("访谈", "开展委员访谈", "次"),
        print_layout="interview_form",
        transitions=(
            Transition("close", "结束访谈", (c.InterviewStatus.OPEN,), c.InterviewStatus.CLOSED),
            Transition("reopen", "重新打开", (c.InterviewStatus.CLOSED,), c.InterviewStatus.OPEN),
        ),
        short_titles=(("kind", "形式"), ("occurred_at", "时间")),
        search_hint="搜索主题、委员、意见……", new_shortcut="Ctrl+Shift+I", merge_title="访谈活动",
        icon="interviews",
        dialog=DialogLayout((820, 760), (("participant_note", 50), ("views", 110),
                                         ("follow_up", 70)), bare_errors=True),
        point_rules=(PointRule("interview.member", "参加委员访谈", "members", 3),),
        fields=(
            f.Field("kind", "访谈形式", f.Kind.ENUM, required=True, enum=c.InterviewKind),
            f.Field("title", "主题", required=True, max_len=200),
            f.Field("occurred_at", "访谈时间", f.Kind.DATETIME, required=True),
            f.Field("place_or_platform", "地点/平台", max_len=200),
            f.Field("members", "参加委员", f.Kind.MEMBERS, required=True),
            f.Field("residents", "参加群众", f.Kind.RESIDENTS),
            f.Field("participant_count", "参加人数", f.Kind.INT),
            f.Field("participant_note", "参加人员说明", f.Kind.LONGTEXT),
            f.Field("views", "意见汇总", f.Kind.LONGTEXT),
            f.Field("follow_up", "后续", f.Kind.LONGTEXT),
        ),
    )
)  # fmt: skip
PROPOSAL = register(
    RecordKind(
        "proposal", "提案/社情民意", "提案/社情民意", "提案与社情民意",
        status=c.ProposalStatus, fts="proposal_fts",
        links=(LinkTable("co_signers", "proposal_co_signer", "proposal_id", "member_id",
                         "member", "co_signer_names"),),
        search=("title", "facts", "analysis", "recommendations", "county_no", "reply_summary"),
        title_key="title", date_key="submitted_at", generic=False, service="proposals",
        print_layout="proposal_form", details_hide=("kind", "review", "reply_class"),
        icon="proposals",
        origins=(Origin("visit", "v:", button="转为提案/社情民意……",
                        button_tip="用选中的来访记录撰写提案或社情民意", shortcut="Ctrl+Shift+T"),
                 Origin("interview", "i:", gist=("views", "follow_up"), button="转为建议……",
                        button_tip="用选中的访谈撰写意见建议"),
                 Origin("contact", "c:", gist=("content", "follow_up"),
                        button="转为社情民意/提案……",
                        button_tip="用选中的联系记录中群众反映的情况撰写社情民意或提案",
                        sets=(("kind", c.ProposalKind.SQMY),)),
                 Origin("activity", "a:", gist=("problems", "summary"),
                        button="转为提案/社情民意……",
                        button_tip="用选中活动中发现的问题撰写提案或社情民意",
                        sets=(("kind", c.ProposalKind.SQMY),))),
        origin_table="proposal_source", new_shortcut="Ctrl+Shift+P", merge_title="作为第一提出人",
        point_rules=(
            PointRule("proposal.lead", "提交提案（第一提案人）", "lead_member", 0,
                      (("kind", c.ProposalKind.PROPOSAL),)),
            PointRule("sqmy.lead", "报送社情民意信息", "lead_member", 0,
                      (("kind", c.ProposalKind.SQMY),)),
            PointRule("proposal.accepted", "提案立案（第一提案人）", "lead_member", 15,
                      (("kind", c.ProposalKind.PROPOSAL), ("review", c.Review.ACCEPTED))),
            PointRule("proposal.accepted_co", "提案立案（联名人）", "co_signers", 3,
                      (("kind", c.ProposalKind.PROPOSAL), ("review", c.Review.ACCEPTED))),
            *(PointRule(f"adopted.{level.value}", f"社情民意被{by}采用", "lead_member", points,
                        (("adoption_level", level),))
              for level, by, points in ((c.AdoptionLevel.COUNTY, "县级", 5),
                                        (c.AdoptionLevel.CITY, "市级", 10),
                                        (c.AdoptionLevel.PROVINCE, "省级", 20),
                                        (c.AdoptionLevel.NATIONAL, "全国政协", 30))),
            *(PointRule(f"proposal.{key}{co}", f"{name}（{who}）", members, points,
                        (("kind", c.ProposalKind.PROPOSAL), ("review", c.Review.ACCEPTED),
                         (field, True)))
              for key, field, name, lead, each in (("key", "key_proposal", "重点提案", 15, 3),
                                                   ("excellent", "excellent", "优秀提案", 10, 2))
              for co, who, members, points in (("", "第一提案人", "lead_member", lead),
                                               ("_co", "联名人", "co_signers", each))),
            PointRule("proposal.instruction", "获领导批示", "lead_member", 10,
                      (("instruction_leader", ANY),)),
        ),
        fields=(
            f.Field("kind", "类型", f.Kind.ENUM, required=True, enum=c.ProposalKind),
            f.Field("title", "案由/标题", required=True, max_len=300),
            f.Field("lead_member", "第一提案人/反映人", f.Kind.MEMBER),
            f.Field("lead_resident", "反映群众", f.Kind.RESIDENT),
            f.Field("co_signers", "联名人", f.Kind.MEMBERS),
            f.Field("sector", "界别", f.Kind.CODE, code_list=c.CodeListKind.SECTOR),
            f.Field("category", "类别", f.Kind.CODE, code_list=c.CodeListKind.PROPOSAL_CATEGORY),
            f.Field("facts", "情况", f.Kind.LONGTEXT),
            f.Field("analysis", "分析(理由)", f.Kind.LONGTEXT),
            f.Field("recommendations", "建议(办法)", f.Kind.LONGTEXT),
            f.Field("submitted_at", "报送日期", f.Kind.DATE),
            f.Field("through_train", "直通车", f.Kind.BOOL, added_later=True),
            f.Field("member_evaluation", "委员评价", f.Kind.ENUM, enum=c.Satisfaction),
            f.Field("county_no", "县政协编号", max_len=50, owner=f.COUNTY),
            f.Field("review", "审查结果", f.Kind.ENUM, enum=c.Review, owner=f.COUNTY),
            f.Field("review_reason", "审查说明", f.Kind.LONGTEXT, owner=f.COUNTY),
            f.Field("merged_into", "并入", max_len=100, owner=f.COUNTY),
            f.Field("converted_to", "转为", f.Kind.ENUM, enum=c.ProposalKind, owner=f.COUNTY),
            f.Field("assigned_at", "交办日期", f.Kind.DATE, owner=f.COUNTY),
            f.Field("reply_due", "答复期限", f.Kind.DATE, owner=f.COUNTY),
            f.Field("reply_class", "答复类别", f.Kind.ENUM, enum=c.ReplyClass, owner=f.COUNTY),
            f.Field("reply_summary", "答复摘要", f.Kind.LONGTEXT, owner=f.COUNTY),
            f.Field("replied_at", "答复日期", f.Kind.DATE, owner=f.COUNTY),
            f.Field("reply_text", "答复全文", f.Kind.LONGTEXT, owner=f.COUNTY),
            f.Field("adoption_level", "采用情况", f.Kind.ENUM, enum=c.AdoptionLevel,
                    owner=f.COUNTY),
            f.Field("adopted_at", "采用日期", f.Kind.DATE, owner=f.COUNTY),
            f.Field("adopted_by", "采用单位", max_len=100, owner=f.COUNTY),
            f.Field("instruction_leader", "批示领导", max_len=100, owner=f.COUNTY),
            f.Field("instruction_text", "领导批示", f.Kind.LONGTEXT, owner=f.COUNTY),
            f.Field("instruction_level", "批示级别", f.Kind.ENUM, enum=c.AdoptionLevel,
                    owner=f.COUNTY),
            f.Field("instruction_date", "批示日期", f.Kind.DATE, owner=f.COUNTY),
            f.Field("key_proposal", "重点提案", f.Kind.BOOL, owner=f.COUNTY, added_later=True),
            f.Field("excellent", "优秀提案", f.Kind.BOOL, owner=f.COUNTY, added_later=True),
        ),
    )
)  # fmt: skip
FOLLOW_UP_COLUMNS = (
    f.Field("item", "事项", required=True, max_len=200),
    f.Field("unit", "责任单位", f.Kind.CODE, code_list=c.CodeListKind.HANDLING_UNIT),
    f.Field("due", "完成时限", f.Kind.DATE),
    f.Field("status", "落实情况", f.Kind.ENUM, enum=c.ItemStatus),
    f.Field("done_on", "完成日期", f.Kind.DATE, required_if=("status", c.ItemStatus.DONE)),
    f.Field("note", "进展/说明", max_len=300, required_if=("status", c.ItemStatus.NOT_FEASIBLE)),
)  # an activity's follow-up items and a consultation's outcome list
PARTICIPANT_COLUMNS = (
    f.Field("kind", "类别", f.Kind.ENUM, required=True, enum=c.ParticipantKind),
    f.Field("name", "单位/姓名", required=True, max_len=100),
    f.Field("headcount", "人数", f.Kind.INT),
)  # people besides members: departments, experts, village cadres, residents
ACTIVITY = register(
    RecordKind(
        "activity", "委员活动记录", "委员活动", "委员活动", serial_prefix="HD",
        fts="activity_fts", search=("title", "place", "village", "summary", "problems"),
        title_key="title", date_key="starts_at",
        tally=Tally("委员活动", "组织委员活动", "次", by=("kind", "organiser",
                    "attendance.attendance"), sums=("served_count",)),
        list_columns=("starts_at", "kind", "title", "organiser", "place", "served_count"),
        list_filters=(("kind", "organiser", DATES),),
        short_titles=(("starts_at", "时间"), ("served_count", "受益群众")),
        search_hint="搜索编号、活动名称、地点、内容……", icon="activities", plural="activities",
        dialog=DialogLayout(
            (1000, 720), (("summary", 90), ("problems", 70)), bare_errors=True,
            groups=(
                FormGroup("event", "活动信息", ("title", "kind", "organiser", "sector",
                          "committee", "starts_at", "ends_at", "place", "village",
                          "served_count", "summary", "problems"), 5),
                FormGroup("people", "参加人员与后续", ("attendance", "participants",
                          "follow_ups"), 6),
            ),
        ),
        point_rules=(
            PointRule("activity.present", "参加委员活动（出席）", "attendance.member", 5,
                      (("attendance.attendance", c.Attendance.PRESENT),)),
            PointRule("activity.absent", "无故缺席委员活动", "attendance.member", -5,
                      (("attendance.attendance", c.Attendance.ABSENT),)),
        ),
        fields=(
            f.Field("title", "活动名称", required=True, max_len=200),
            f.Field("kind", "活动类型", f.Kind.CODE, required=True,
                    code_list=c.CodeListKind.ACTIVITY_KIND),
            f.Field("organiser", "组织方", f.Kind.ENUM, required=True, enum=c.Organiser),
            f.Field("sector", "界别", f.Kind.CODE, code_list=c.CodeListKind.SECTOR),
            f.Field("committee", "专门委员会", max_len=100),
            f.Field("starts_at", "开始时间", f.Kind.DATETIME, required=True),
            f.Field("ends_at", "结束时间", f.Kind.DATETIME),
            f.Field("place", "地点", max_len=200),
            f.Field("village", "村/社区", max_len=100),
            f.Field("attendance", "委员出席", f.Kind.ROWS, required=True, row_label="名委员",
                    credited_if=("attendance", c.Attendance.PRESENT),
                    columns=(
                        f.Field("member", "委员", f.Kind.MEMBER, required=True),
                        f.Field("attendance", "出席情况", f.Kind.ENUM, required=True,
                                enum=c.Attendance),
                        f.Field("reason", "请假事由", max_len=200,
                                required_if=("attendance", c.Attendance.LEAVE)),
                    )),
            f.Field("participants", "其他参加人员", f.Kind.ROWS, row_label="项",
                    columns=PARTICIPANT_COLUMNS),
            f.Field("served_count", "受益群众人数", f.Kind.INT),
            f.Field("summary", "活动内容", f.Kind.LONGTEXT),
            f.Field("problems", "发现的问题", f.Kind.LONGTEXT),
            f.Field("follow_ups", "后续事项", f.Kind.ROWS, row_label="项",
                    columns=FOLLOW_UP_COLUMNS),
        ),
    )
)  # fmt: skip

CS = c.ConsultationStatus
CONSULTATION = register(
    RecordKind(
        "consultation", "协商议事记录", "协商议事", "协商议事", serial_prefix="XS",
        status=c.ConsultationStatus, fts="consultation_fts", plural="consultations",
        links=(LinkTable("members", "consultation_member", "consultation_id", "member_id",
                         "member", "member_names"),),
        search=("topic", "place", "chair", "positions", "agreed_points"),
        title_key="topic", date_key="held_at",
        tally=Tally("协商议事", "开展协商议事", "次", by=("format", "source")),
        list_columns=("held_at", "topic", "source", "format", "members", STATUS),
        list_titles=(("members", "委员"),), short_titles=(("held_at", "时间"),),
        list_filters=((STATUS, "source", "format", DATES),),
        search_hint="搜索编号、议题、共识……", icon="consultations",
        origins=(Origin("visit", "v:", gist=("content",), button="纳入协商议题……",
                        button_tip="把选中的来访记录纳入一次协商议事", into="positions",
                        sets=(("source", c.ConsultationSource.FROM_VISITS),)),
                 Origin("election", "e:", gist=("summary",), button="纳入协商议题……",
                        button_tip="把选中的换届选举观察中发现的问题纳入一次协商议事",
                        into="positions", sets=(("source", c.ConsultationSource.MEMBER),))),
        origin_table="consultation_source",
        transitions=(
            Transition("close", "办结", (CS.OPEN,), CS.CLOSED, ("agreed_points",),
                       settled=("outcomes",)),
            Transition("reopen", "重新打开", (CS.CLOSED,), CS.OPEN),
        ),
        dialog=DialogLayout(
            (1180, 720), (("positions", 80), ("agreed_points", 80)), bare_errors=True,
            groups=(
                FormGroup("meeting", "协商信息", ("topic", "source", "format", "held_at",
                          "place", "chair", "members", "participants"), 4),
                FormGroup("outcome", "共识与成果", ("positions", "agreed_points",
                          "outcome_kind", "outcomes"), 7),
            ),
        ),
        point_rules=(PointRule("consultation.member", "参加协商议事", "members", 5),),
        fields=(
            f.Field("topic", "协商议题", required=True, max_len=200),
            f.Field("source", "议题来源", f.Kind.ENUM, required=True, enum=c.ConsultationSource),
            f.Field("format", "协商形式", f.Kind.ENUM, required=True, enum=c.ConsultationFormat),
            f.Field("held_at", "协商时间", f.Kind.DATETIME, required=True),
            f.Field("place", "地点", max_len=200),
            f.Field("chair", "主持人", max_len=50),
            f.Field("members", "参加委员", f.Kind.MEMBERS),
            f.Field("participants", "其他参加人员", f.Kind.ROWS, row_label="项",
                    columns=PARTICIPANT_COLUMNS),
            f.Field("positions", "各方意见", f.Kind.LONGTEXT),
            f.Field("agreed_points", "达成共识", f.Kind.LONGTEXT),
            f.Field("outcome_kind", "成果形式", f.Kind.ENUM, enum=c.OutcomeKind),
            f.Field("outcomes", "成果清单", f.Kind.ROWS, row_label="项",
                    columns=FOLLOW_UP_COLUMNS),
        ),
    )
)  # fmt: skip

CONTACT = register(
    RecordKind(
        "contact", "联系记录", "联系记录", "联系记录", serial_prefix="LX", fts="contact_fts",
        plural="contacts",
        links=(LinkTable("residents", "contact_resident", "contact_id", "resident_id",
                         "resident", "resident_names"),),
        search=("content", "follow_up"), title_key="content", date_key="contacted_at",
        tally=Tally("联系", "委员联系群众和委员", "次", credits=("member",), by=("channel",),
                    reach=("residents", "contacted_member")),
        list_columns=("contacted_at", "member", "channel", "contacted_member", "residents",
                      "content"),
        list_titles=(("member", "委员"), ("residents", "群众")),
        short_titles=(("contacted_at", "时间"),),
        list_filters=(("channel", "member", DATES),),
        one_of=("contacted_member", "residents"),
        search_hint="搜索编号、群众、交流内容……", icon="contacts", counter="次",
        dialog=DialogLayout((760, 640), (("content", 110), ("follow_up", 70)),
                            bare_errors=True),
        point_rules=(PointRule("contact.member", "联系群众和委员", "member", 1, cap=30),),
        fields=(
            f.Field("member", "联系委员", f.Kind.MEMBER, required=True),
            f.Field("contacted_at", "联系时间", f.Kind.DATETIME, required=True),
            f.Field("channel", "联系方式", f.Kind.ENUM, required=True, enum=c.ContactChannel),
            f.Field("contacted_member", "联系的委员", f.Kind.MEMBER),
            f.Field("residents", "联系的群众", f.Kind.RESIDENTS),
            f.Field("content", "交流内容", f.Kind.LONGTEXT, required=True),
            f.Field("follow_up", "后续", f.Kind.LONGTEXT),
        ),
    )
)  # fmt: skip


OBSERVATION_POINT = register(
    RecordKind(
        "observation_point", "民营经济发展环境监测点", "监测点", "监测点",
        fts="observation_point_fts", plural="observation_points",
        links=(LinkTable("members", "observation_point_member", "observation_point_id",
                         "member_id", "member", "member_names"),),
        search=("name", "credit_code", "address", "village", "industry", "contact_person"),
        title_key="name", counter="个", icon="observation_points",
        list_columns=("name", "industry", "size", "village", "contact_person", "members",
                      "designated_on", "retired"),
        list_titles=(("members", "联系委员"),),
        list_filters=(("size",),),
        search_hint="搜索企业名称、信用代码、地址、行业……",
        dialog=DialogLayout((760, 560), bare_errors=True),
        fields=(
            f.Field("name", "企业名称", required=True, max_len=200),
            f.Field("credit_code", "统一社会信用代码", max_len=18, check="credit_code"),
            f.Field("address", "地址", max_len=200),
            f.Field("village", "村/社区/园区", max_len=100),
            f.Field("industry", "行业", max_len=50),
            f.Field("size", "企业规模", f.Kind.ENUM, enum=c.EnterpriseSize),
            f.Field("contact_person", "企业联系人", max_len=50),
            f.Field("phone", "联系电话", f.Kind.PHONE),
            f.Field("members", "联系委员", f.Kind.MEMBERS),
            f.Field("designated_on", "设立日期", f.Kind.DATE),
            f.Field("retired", "已撤销", f.Kind.BOOL),
        ),
    )
)  # fmt: skip


def rating_key(env: c.Environment) -> str:
    """The observation field rating environment ``env`` (1–5), e.g. ``service_rating``."""
    return f"{env.value}_rating"


ISSUE_COLUMNS = (
    f.Field("item", "问题", required=True, max_len=200),
    f.Field("environment", "所属环境", f.Kind.ENUM, enum=c.Environment),
    f.Field("unit", "交办单位", f.Kind.CODE, code_list=c.CodeListKind.HANDLING_UNIT,
            required_if=("status", c.IssueStatus.ASSIGNED)),
    f.Field("due", "办理时限", f.Kind.DATE),
    f.Field("status", "办理状态", f.Kind.ENUM, enum=c.IssueStatus),
    f.Field("result", "办理反馈", max_len=300, required_if=("status", c.IssueStatus.FED_BACK)),
    f.Field("evaluation", "企业评价", f.Kind.ENUM, enum=c.Satisfaction,
            required_if=("status", c.IssueStatus.CLOSED)),
)  # an observation's issues found, each along the referral workflow  # fmt: skip
OBSERVATION = register(
    RecordKind(
        "observation", "营商环境监测记录", "监测记录", "监测记录", serial_prefix="JC",
        fts="observation_fts", plural="observations",
        links=(LinkTable("members", "observation_member", "observation_id", "member_id",
                         "member", "member_names"),),
        search=("summary", *(f"{e.value}_note" for e in c.Environment)),
        title_key="summary", date_key="observed_on", counter="次", icon="observations",
        tally=Tally("营商监测", "开展营商环境监测", "次", by=("method", "issues.environment"),
                    means=tuple(rating_key(e) for e in c.Environment), open_by=("issues.unit",)),
        list_columns=("observed_on", "point", "method", "members",
                      *(rating_key(e) for e in c.Environment), "summary"),
        list_titles=(("members", "委员"), *((rating_key(e), e.label[:2]) for e in c.Environment)),
        short_titles=(("observed_on", "日期"),),
        list_filters=(("point", "method", DATES),),
        details_hide=("members", "summary"),
        one_of=tuple(rating_key(e) for e in c.Environment),
        print_tables=(PrintTable("五个环境评价", ("环境", "评分（1–5分）", "说明"),
                                 tuple((e.label, rating_key(e), f"{e.value}_note")
                                       for e in c.Environment)),),
        search_hint="搜索编号、监测情况、各环境说明……",
        dialog=DialogLayout(
            (1180, 720), (("summary", 90),), bare_errors=True,
            groups=(
                FormGroup("visit", "监测信息", ("point", "observed_on", "method", "members",
                          "summary"), 4),
                FormGroup("ratings", "五个环境评价（1–5分）",
                          tuple(k for e in c.Environment for k in (rating_key(e),
                                                                     f"{e.value}_note")), 4),
                FormGroup("issues", "发现的问题", ("issues",), 6),
            ),
        ),
        point_rules=(PointRule("observation.member", "参加营商环境监测", "members", 3),),
        fields=(
            f.Field("point", "监测点", f.Kind.RECORD, required=True, target="observation_point"),
            f.Field("observed_on", "监测日期", f.Kind.DATE, required=True),
            f.Field("members", "参加委员", f.Kind.MEMBERS, required=True),
            f.Field("method", "监测方式", f.Kind.ENUM, required=True, enum=c.ObservationMethod),
            *(fld for e in c.Environment for fld in (
                f.Field(rating_key(e), e.label, f.Kind.ENUM, enum=c.Rating),
                f.Field(f"{e.value}_note", f"{e.label}说明", max_len=300))),
            f.Field("summary", "监测情况", f.Kind.LONGTEXT, required=True),
            f.Field("issues", "发现的问题", f.Kind.ROWS, row_label="个", columns=ISSUE_COLUMNS),
        ),
    )
)  # fmt: skip
ELECTION_ENTRY_COLUMNS = (
    f.Field("stage", "选举环节", f.Kind.ENUM, required=True, enum=c.ElectionStage),
    f.Field("observed_on", "观察日期", f.Kind.DATE),
    f.Field("observer", "观察人", f.Kind.MEMBER),
    f.Field("seen", "观察到的情况", max_len=500),
    f.Field("issues", "发现的问题", max_len=500),
    f.Field("rating", "规范程度", f.Kind.ENUM, enum=c.ElectionRating),
    f.Field("reported_to", "报告单位", f.Kind.CODE, code_list=c.CodeListKind.HANDLING_UNIT),
    f.Field("reply", "答复/整改情况", max_len=500),
)  # one observation of a stage of a village's election
ELECTION = register(
    RecordKind(
        "election", "换届选举观察记录", "换届选举观察", "换届选举观察", serial_prefix="HJ",
        fts="election_fts", plural="election_observations",
        links=(LinkTable("observers", "election_member", "election_id", "member_id", "member",
                         "observer_names"),),
        search=("village", "term", "summary"), title_key="village", date_key="election_on",
        tally=Tally("选举观察", "观察村（社区）换届选举", "个", credits=("observers",),
                    by=("entries.stage", "entries.rating")),
        list_columns=("election_on", "village", "term", "complex", "hard_to_staff",
                      "legacy_issues", "observers"),
        list_titles=(("complex", "选情复杂"), ("hard_to_staff", "选人难"),
                     ("legacy_issues", "遗留问题多")),
        short_titles=(("election_on", "选举日"),),
        list_filters=(("member", DATES),),
        search_hint="搜索编号、村（社区）、届次、观察综述……", icon="elections",
        dialog=DialogLayout(
            (1180, 700), (("summary", 110),), bare_errors=True,
            groups=(
                FormGroup("election", "选举信息", ("village", "term", "election_on", "complex",
                          "hard_to_staff", "legacy_issues", "observers", "summary"), 4),
                FormGroup("entries", "分环节观察", ("entries",), 8),
            ),
            hints=(("term", "如：2026年村（社区）“两委”换届"),),
        ),
        point_rules=(PointRule("election.observer", "参加换届选举观察", "observers", 3),),
        fields=(
            f.Field("village", "村/社区", required=True, max_len=100),
            f.Field("term", "换届届次", required=True, max_len=100),
            f.Field("election_on", "选举日", f.Kind.DATE, required=True),
            f.Field("complex", "选情复杂村", f.Kind.BOOL),
            f.Field("hard_to_staff", "选人难村", f.Kind.BOOL),
            f.Field("legacy_issues", "遗留问题多村", f.Kind.BOOL),
            f.Field("observers", "观察委员", f.Kind.MEMBERS, required=True),
            f.Field("entries", "观察情况", f.Kind.ROWS, row_label="项",
                    columns=ELECTION_ENTRY_COLUMNS),
            f.Field("summary", "观察综述", f.Kind.LONGTEXT),
        ),
    )
)  # fmt: skip


REPORTING_POINT = register(
    RecordKind(
        "reporting_point", "社情民意直报点", "直报点", "直报点", fts="reporting_point_fts",
        plural="reporting_points",
        links=(LinkTable("members", "reporting_point_member", "reporting_point_id", "member_id",
                         "member", "member_names"),),
        search=("name", "village", "liaison", "hours"), title_key="name", counter="个",
        icon="reporting_points",
        list_columns=("name", "village", "liaison", "members", "hours", "closed"),
        list_titles=(("members", "负责委员"),),
        search_hint="搜索直报点名称、村（社区）、联络员……",
        dialog=DialogLayout((720, 520), bare_errors=True),
        fields=(
            f.Field("name", "直报点名称", required=True, max_len=100),
            f.Field("village", "村/社区", max_len=100),
            f.Field("liaison", "联络员", max_len=50),
            f.Field("phone", "联系电话", f.Kind.PHONE),
            f.Field("members", "负责委员", f.Kind.MEMBERS),
            f.Field("hours", "开放时间", max_len=100),
            f.Field("closed", "已撤销", f.Kind.BOOL),
        ),
    )
)  # fmt: skip
check_record_links()


def tracked_rows() -> tuple[tuple[RecordKind, f.Field], ...]:
    """The ROWS fields whose rows are items to carry out by a date — columns ``due`` (a date)
    and ``status`` (a code set of :data:`~studio_app.core.codes.SETTLED`, e.g.
    :class:`~studio_app.core.codes.ItemStatus`) — with their kinds: the desk lists their
    overdue rows."""
    found = []
    for k in _KINDS.values():
        for fld in k.fields:
            keys = {col.key: col for col in fld.columns}
            due, status = keys.get("due"), keys.get("status")
            if due and status and due.kind is f.Kind.DATE and status.enum in c.SETTLED:
                found.append((k, fld))
    return tuple(found)


def item_status(fld: f.Field) -> type[c.Coded]:
    """The code set of a tracked ROWS field's ``status`` column."""
    enum = fld.column("status").enum
    assert enum is not None and enum in c.SETTLED, fld.key
    return enum


def settled(fld: f.Field) -> tuple[str, ...]:
    """The codes of a tracked ROWS field's ``status`` that count as carried out."""
    return c.SETTLED[item_status(fld)]
