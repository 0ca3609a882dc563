"""peewee models for docs/DATA.md.

Synced records share :class:`SyncedModel` (uuid, serial, origin, revisions, soft delete).
Links (members of a visit, sources of a proposal…) are part of their owner record: changing
them bumps the owner's ``rev``. Local-only data (users, audit, settings, import history)
never leaves the installation. Timestamps are stored as UTC.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import peewee as pw

database = pw.DatabaseProxy()

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Generic, Self, TypeVar

    _M = TypeVar("_M", bound=pw.Model)
    _R = TypeVar("_R")

    # peewee's stubs type ``.tuples()`` and ``.dicts()`` as the same query, so their rows would
    # be models: these say what the rows are. BaseModel.select returns one (type checking only).

    class Rows(pw.ModelSelect[Any], Generic[_R]):
        """A query whose rows are plain tuples or dicts."""

        def __iter__(self) -> Iterator[_R]: ...

    class Select(pw.ModelSelect[_M]):
        """``Model.select()``: rows are models, or tuples or dicts once asked for."""

        # The stubs' "returns the same query" is what is being corrected here.
        def tuples(self, as_tuple: bool = True) -> Rows[tuple[Any, ...]]: ...  # type: ignore[override]
        def dicts(self, as_dict: bool = True) -> Rows[dict[str, Any]]: ...  # type: ignore[override]


class BaseModel(pw.Model):
    # Annotations only, for the type checker: peewee adds the automatic primary key when the
    # class is created (link tables with a composite key and Setting have none) and, for each
    # foreign key ``x``, ``x_id``: the raw id on a row, the key field itself on the class.
    id: pw.AutoField[int]

    if TYPE_CHECKING:

        @classmethod
        def select(cls, *fields: Any) -> Select[Self]: ...

    class Meta:
        database = database
        legacy_table_names = False


class Site(BaseModel):
    """This installation (exactly one row) and, in county mode, the studios it has heard from."""

    uuid = pw.CharField(36, unique=True)
    kind = pw.CharField(16)
    name = pw.CharField(200)
    code = pw.CharField(32)
    township = pw.CharField(100, default="")
    county = pw.CharField(100, default="")
    address = pw.CharField(300, default="")
    phone = pw.CharField(40, default="")
    is_local = pw.BooleanField(default=False)
    next_package_seq = pw.IntegerField(default=1)
    created_at = pw.DateTimeField()


class SyncedModel(BaseModel):
    """Fields every exchanged record carries (docs/DATA.md "Every synced record carries")."""

    uuid = pw.CharField(36, unique=True)
    serial = pw.CharField(32, null=True)
    origin_site = pw.CharField(36)
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()
    rev = pw.IntegerField(default=1)
    county_rev = pw.IntegerField(default=0)
    deleted_at = pw.DateTimeField(null=True)
    created_by = pw.CharField(64, default="")
    updated_by = pw.CharField(64, default="")
    # Revisions last exchanged with the county (sent or received): see exchange/.
    exchanged_rev = pw.IntegerField(default=0)
    exchanged_county_rev = pw.IntegerField(default=0)


class CodeItem(BaseModel):
    """An entry of an editable code list (sectors, issue categories, units, …)."""

    list_kind = pw.CharField(32)
    code = pw.CharField(32)
    label = pw.CharField(100)
    sort_order = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)

    class Meta:
        indexes = ((("list_kind", "code"), True),)


class Member(SyncedModel):
    name = pw.CharField(50)
    gender = pw.CharField(8, default="")
    sector = pw.CharField(32, default="")
    party = pw.CharField(50, default="")
    unit_and_post = pw.CharField(200, default="")
    phone = pw.CharField(40, default="")
    is_standing = pw.BooleanField(default=False)
    studio = pw.CharField(36, default="")
    active = pw.BooleanField(default=True)
    term = pw.CharField(50, default="")
    contact_parent: pw.ForeignKeyField[Member | None] = pw.ForeignKeyField(
        "self", null=True, backref="contacts", on_delete="SET NULL"
    )
    contact_parent_id: pw.IntegerField[int | None]


class Resident(SyncedModel):
    name = pw.CharField(50)
    name_key = pw.CharField(50, index=True)
    gender = pw.CharField(8, default="")
    phone = pw.CharField(40, default="")
    phone_key = pw.CharField(20, default="", index=True)
    id_number = pw.CharField(18, default="")
    township = pw.CharField(100, default="")
    village = pw.CharField(100, default="")
    group_name = pw.CharField(50, default="")
    address = pw.CharField(300, default="")
    kind = pw.CharField(16, default="villager")
    contact_member = pw.ForeignKeyField(
        Member, null=True, backref="residents", on_delete="SET NULL"
    )
    contact_member_id: pw.IntegerField[int | None]
    last_contacted_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("id_number",), False),)


class Visit(SyncedModel):
    channel = pw.CharField(24)
    occurred_at = pw.DateTimeField()
    place = pw.CharField(200, default="")
    visitor_count = pw.IntegerField(default=1)
    category = pw.CharField(32)
    content = pw.TextField()
    onsite_reply = pw.TextField(default="")
    handling = pw.CharField(24)
    referred_unit = pw.CharField(32, default="")
    referred_at = pw.DateField(null=True)
    due_at = pw.DateField(null=True)
    result = pw.TextField(default="")
    feedback_at = pw.DateField(null=True)
    feedback_channel = pw.CharField(16, default="")
    revisit_at = pw.DateField(null=True)
    revisit_note = pw.TextField(default="")
    satisfaction = pw.CharField(16, default="")
    confidential = pw.BooleanField(default=False)
    status = pw.CharField(16)
    reporting_point_id = pw.IntegerField(null=True)  # REFERENCES reporting_point (migration 20)
    # Denormalised display text, rewritten whenever the links change: lets the list page
    # and the search index work from one row without joins.
    member_names = pw.CharField(300, default="")
    resident_names = pw.CharField(300, default="")


class VisitMember(BaseModel):
    visit = pw.ForeignKeyField(Visit, backref="member_links", on_delete="CASCADE")
    member = pw.ForeignKeyField(Member, backref="visit_links", on_delete="RESTRICT")
    visit_id: pw.IntegerField[int]
    member_id: pw.IntegerField[int]
    position = pw.IntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("visit", "member")
        without_rowid = True


class VisitResident(BaseModel):
    visit = pw.ForeignKeyField(Visit, backref="resident_links", on_delete="CASCADE")
    resident = pw.ForeignKeyField(Resident, backref="visit_links", on_delete="RESTRICT")
    visit_id: pw.IntegerField[int]
    resident_id: pw.IntegerField[int]
    position = pw.IntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("visit", "resident")
        without_rowid = True


class Interview(SyncedModel):
    kind = pw.CharField(16)
    title = pw.CharField(200)
    occurred_at = pw.DateTimeField()
    place_or_platform = pw.CharField(200, default="")
    participant_count = pw.IntegerField(default=0)
    participant_note = pw.TextField(default="")
    views = pw.TextField(default="")
    follow_up = pw.TextField(default="")
    status = pw.CharField(16)
    member_names = pw.CharField(300, default="")
    resident_names = pw.CharField(300, default="")


class InterviewMember(BaseModel):
    interview = pw.ForeignKeyField(Interview, backref="member_links", on_delete="CASCADE")
    member = pw.ForeignKeyField(Member, backref="interview_links", on_delete="RESTRICT")
    interview_id: pw.IntegerField[int]
    member_id: pw.IntegerField[int]
    position = pw.IntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("interview", "member")
        without_rowid = True


class InterviewResident(BaseModel):
    interview = pw.ForeignKeyField(Interview, backref="resident_links", on_delete="CASCADE")
    resident = pw.ForeignKeyField(Resident, backref="interview_links", on_delete="RESTRICT")
    interview_id: pw.IntegerField[int]
    resident_id: pw.IntegerField[int]
    position = pw.IntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("interview", "resident")
        without_rowid = True


class Proposal(SyncedModel):
    """提案 / 社情民意 / 意见建议 / 百字金点子 in one table, told apart by ``kind``."""

    kind = pw.CharField(16)
    title = pw.CharField(300)
    lead_member = pw.ForeignKeyField(Member, null=True, backref="proposals", on_delete="RESTRICT")
    lead_resident = pw.ForeignKeyField(Resident, null=True, on_delete="RESTRICT")
    lead_member_id: pw.IntegerField[int | None]
    lead_resident_id: pw.IntegerField[int | None]
    sector = pw.CharField(32, default="")
    category = pw.CharField(32, default="")
    facts = pw.TextField(default="")
    analysis = pw.TextField(default="")
    recommendations = pw.TextField(default="")
    submitted_at = pw.DateField(null=True)
    through_train = pw.BooleanField(default=False)  # 直通车: sent straight to the county
    status = pw.CharField(16)
    member_evaluation = pw.CharField(16, default="")
    # County-owned: changed only by a county feedback workbook or in county mode.
    county_no = pw.CharField(50, default="")
    review = pw.CharField(16, default="")
    review_reason = pw.TextField(default="")
    merged_into = pw.CharField(100, default="")
    converted_to = pw.CharField(16, default="")
    assigned_at = pw.DateField(null=True)
    reply_due = pw.DateField(null=True)
    reply_class = pw.CharField(4, default="")
    reply_summary = pw.TextField(default="")
    replied_at = pw.DateField(null=True)
    reply_text = pw.TextField(default="")
    adoption_level = pw.CharField(16, default="")
    adopted_at = pw.DateField(null=True)
    adopted_by = pw.CharField(100, default="")
    instruction_leader = pw.CharField(100, default="")
    instruction_text = pw.TextField(default="")
    instruction_level = pw.CharField(16, default="")
    instruction_date = pw.DateField(null=True)
    key_proposal = pw.BooleanField(default=False)  # 重点提案
    excellent = pw.BooleanField(default=False)  # 优秀提案
    co_signer_names = pw.CharField(300, default="")


class ProposalCoSigner(BaseModel):
    proposal = pw.ForeignKeyField(Proposal, backref="co_signer_links", on_delete="CASCADE")
    member = pw.ForeignKeyField(Member, on_delete="RESTRICT")
    proposal_id: pw.IntegerField[int]
    member_id: pw.IntegerField[int]
    position = pw.IntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("proposal", "member")
        without_rowid = True


class ProposalSource(BaseModel):
    """A visit or interview a proposal-type record grew from."""

    proposal = pw.ForeignKeyField(Proposal, backref="source_links", on_delete="CASCADE")
    visit = pw.ForeignKeyField(Visit, null=True, backref="proposal_links", on_delete="RESTRICT")
    interview = pw.ForeignKeyField(
        Interview, null=True, backref="proposal_links", on_delete="RESTRICT"
    )
    contact_id = pw.IntegerField(null=True)  # a contact's (a declared kind: no model here)
    activity_id = pw.IntegerField(null=True)  # an activity's (likewise)
    proposal_id: pw.IntegerField[int]
    visit_id: pw.IntegerField[int | None]
    interview_id: pw.IntegerField[int | None]


class ProposalUnit(BaseModel):
    """Handling unit of a proposal (county-owned): one lead, any assisting."""

    proposal = pw.ForeignKeyField(Proposal, backref="unit_links", on_delete="CASCADE")
    proposal_id: pw.IntegerField[int]
    unit = pw.CharField(32)
    role = pw.CharField(16)
    position = pw.IntegerField(default=0)


class SerialCounter(BaseModel):
    """Last serial number issued per site, prefix and year; never goes down."""

    site = pw.CharField(36)
    prefix = pw.CharField(8)
    year = pw.IntegerField()
    last = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("site", "prefix", "year"), True),)


class User(BaseModel):
    login = pw.CharField(64, unique=True)
    name = pw.CharField(64)
    password_hash = pw.CharField(200, default="")
    role = pw.CharField(16)
    may_see_pii = pw.BooleanField(default=False)
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField()


class AuditEntry(BaseModel):
    """Who changed what and when, with field-level before/after as JSON."""

    at = pw.DateTimeField()
    user = pw.CharField(64)
    action = pw.CharField(32)
    record_type = pw.CharField(32)
    record_uuid = pw.CharField(36, default="")
    changes = pw.TextField(default="{}")

    class Meta:
        indexes = ((("record_uuid",), False),)


class Setting(BaseModel):
    key = pw.CharField(100, primary_key=True)
    value = pw.TextField()


class ImportHistory(BaseModel):
    package_uuid = pw.CharField(36)
    file_hash = pw.CharField(64)
    site_uuid = pw.CharField(36)
    sequence = pw.IntegerField()
    imported_at = pw.DateTimeField()
    counts = pw.TextField(default="{}")
    kind = pw.CharField(16, default="")
    file_name = pw.CharField(260, default="")


class ExchangeConflict(BaseModel):
    """A record an import could not merge on its own: both versions kept until a person chooses."""

    package_uuid = pw.CharField(36)
    record_type = pw.CharField(32)
    record_uuid = pw.CharField(36)
    reason = pw.CharField(200)
    local = pw.TextField()
    incoming = pw.TextField()
    created_at = pw.DateTimeField()
    decision = pw.CharField(16, default="")  # "" | "local" | "incoming"
    decided_by = pw.CharField(64, default="")
    decided_at = pw.DateTimeField(null=True)
    status = pw.CharField(16, default="open")  # open | decided | applied


class Peer(BaseModel):
    """Another installation packages came from: site uuid, code and public key, pinned on first
    contact (migration 0006). ``public_key`` is the raw Ed25519 key in base64, "" while only
    unsigned packages (format 2 and older) came from it."""

    site_uuid = pw.CharField(36, unique=True)
    code = pw.CharField(32, unique=True)
    kind = pw.CharField(16)
    name = pw.CharField(200)
    public_key = pw.CharField(64, default="")
    pinned_at = pw.DateTimeField()
    pinned_by = pw.CharField(64, default="")


class ExchangeWaiting(BaseModel):
    """An imported package some of whose rows wait for a record not received yet (0007).

    ``sheets``: JSON ``{record type: {"keys": [...], "masked": [...]}}``, the staged layout."""

    package_uuid = pw.CharField(36, unique=True)
    kind = pw.CharField(16)
    site_uuid = pw.CharField(36)
    site_name = pw.CharField(200, default="")
    sequence = pw.IntegerField()
    file_name = pw.CharField(260, default="")
    sheets = pw.TextField()
    received_at = pw.DateTimeField()


class ExchangeWaitingRow(BaseModel):
    """A row of a waiting package: staged values (JSON) and what it waits for."""

    package = pw.ForeignKeyField(ExchangeWaiting, backref="rows", on_delete="CASCADE")
    package_id: pw.IntegerField[int]
    record_type = pw.CharField(32)
    record_uuid = pw.CharField(36)
    row_number = pw.IntegerField()
    cells = pw.TextField()
    waits_for = pw.TextField()  # JSON ["resident:<uuid>", …]
    reason = pw.CharField(200)
    state = pw.CharField(16, default="waiting")  # waiting | conflict


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Site, CodeItem, Member, Resident, Visit, VisitMember, VisitResident, Interview,
    InterviewMember, InterviewResident, Proposal, ProposalCoSigner, ProposalSource,
    ProposalUnit, SerialCounter, User, AuditEntry, Setting, ImportHistory,
)  # fmt: skip
# Tables of later migrations (tests that rebuild old versions count ALL_MODELS only).
EXCHANGE_MODELS: tuple[type[BaseModel], ...] = (
    ExchangeConflict, Peer, ExchangeWaiting, ExchangeWaitingRow,
)  # fmt: skip
