"""Field definitions of each record type: key, Chinese label, kind, limits, ownership.

One declaration serves validation (services), list columns and dialogs (GUI), and later the
exchange workbooks' headers and the printed forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from studio_app.core import codes as c


class Kind(StrEnum):
    TEXT = "text"  # one line
    LONGTEXT = "longtext"
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    ENUM = "enum"  # a fixed code set from studio_app.core.codes
    CODE = "code"  # an editable code list
    PHONE = "phone"
    ID_NUMBER = "id_number"
    MEMBER = "member"  # one member (by id)
    MEMBERS = "members"  # several members, in order
    RESIDENT = "resident"
    RESIDENTS = "residents"


STUDIO = "studio"
COUNTY = "county"
MAX_LONGTEXT = 32_000
IDENTIFIER_KINDS = frozenset({Kind.PHONE, Kind.ID_NUMBER})


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    max_len: int | None = None
    enum: type[c.Coded] | None = None
    code_list: c.CodeListKind | None = None
    owner: str = STUDIO
    derived: tuple[str, ...] = ()  # stored columns computed from this field (match keys)

    @property
    def identifier(self) -> bool:
        """A personal identifier: masked, and so is every column ``derived`` from it."""
        return self.kind in IDENTIFIER_KINDS

    @property
    def limit(self) -> int | None:
        """Longest text allowed, in UTF-16 code units (``core.text.utf16_len``), as Excel counts."""
        if self.max_len is not None:
            return self.max_len
        return MAX_LONGTEXT if self.kind is Kind.LONGTEXT else None


def _f(key: str, label: str, kind: Kind = Kind.TEXT, **kw: object) -> Field:
    return Field(key, label, kind, **kw)  # type: ignore[arg-type]


MEMBER_FIELDS: tuple[Field, ...] = (
    _f("name", "姓名", required=True, max_len=50),
    _f("gender", "性别", Kind.ENUM, enum=c.Gender),
    _f("sector", "界别", Kind.CODE, code_list=c.CodeListKind.SECTOR),
    _f("party", "政治面貌", max_len=50),
    _f("unit_and_post", "工作单位及职务", max_len=200),
    _f("phone", "联系电话", Kind.PHONE),
    _f("is_standing", "是否常委", Kind.BOOL),
    _f("active", "在任", Kind.BOOL),
    _f("term", "届次", max_len=50),
    _f("contact_parent", "联系人(常委)", Kind.MEMBER),
)

RESIDENT_FIELDS: tuple[Field, ...] = (
    _f("name", "姓名", required=True, max_len=50),
    _f("gender", "性别", Kind.ENUM, enum=c.Gender),
    _f("phone", "联系电话", Kind.PHONE, derived=("phone_key",)),
    _f("id_number", "身份证号", Kind.ID_NUMBER),
    _f("township", "乡镇", max_len=100),
    _f("village", "村/社区", max_len=100),
    _f("group_name", "组", max_len=50),
    _f("address", "地址", max_len=300),
    _f("kind", "类别", Kind.ENUM, enum=c.ResidentKind),
    _f("contact_member", "联系委员", Kind.MEMBER),
    _f("last_contacted_at", "最近联系时间", Kind.DATETIME),
)

VISIT_FIELDS: tuple[Field, ...] = (
    _f("channel", "接待方式", Kind.ENUM, required=True, enum=c.Channel),
    _f("occurred_at", "接待时间", Kind.DATETIME, required=True),
    _f("place", "地点", max_len=200),
    _f("members", "值班/走访委员", Kind.MEMBERS, required=True),
    _f("residents", "来访群众", Kind.RESIDENTS),
    _f("visitor_count", "来访人数", Kind.INT, required=True),
    _f("category", "问题类别", Kind.CODE, required=True, code_list=c.CodeListKind.ISSUE_CATEGORY),
    _f("content", "反映内容", Kind.LONGTEXT, required=True),
    _f("onsite_reply", "现场答复", Kind.LONGTEXT),
    _f("handling", "处理方式", Kind.ENUM, required=True, enum=c.Handling),
    _f("referred_unit", "转办单位", Kind.CODE, code_list=c.CodeListKind.HANDLING_UNIT),
    _f("referred_at", "转办日期", Kind.DATE),
    _f("due_at", "办理时限", Kind.DATE),
    _f("result", "办理结果", Kind.LONGTEXT),
    _f("feedback_at", "反馈日期", Kind.DATE),
    _f("feedback_channel", "反馈方式", Kind.ENUM, enum=c.FeedbackChannel),
    _f("revisit_at", "回访日期", Kind.DATE),
    _f("revisit_note", "回访情况", Kind.LONGTEXT),
    _f("satisfaction", "满意度", Kind.ENUM, enum=c.Satisfaction),
    _f("confidential", "保密", Kind.BOOL),
)

INTERVIEW_FIELDS: tuple[Field, ...] = (
    _f("kind", "访谈形式", Kind.ENUM, required=True, enum=c.InterviewKind),
    _f("title", "主题", required=True, max_len=200),
    _f("occurred_at", "访谈时间", Kind.DATETIME, required=True),
    _f("place_or_platform", "地点/平台", max_len=200),
    _f("members", "参加委员", Kind.MEMBERS, required=True),
    _f("residents", "参加群众", Kind.RESIDENTS),
    _f("participant_count", "参加人数", Kind.INT),
    _f("participant_note", "参加人员说明", Kind.LONGTEXT),
    _f("views", "意见汇总", Kind.LONGTEXT),
    _f("follow_up", "后续", Kind.LONGTEXT),
)

PROPOSAL_FIELDS: tuple[Field, ...] = (
    _f("kind", "类型", Kind.ENUM, required=True, enum=c.ProposalKind),
    _f("title", "案由/标题", required=True, max_len=300),
    _f("lead_member", "第一提案人/反映人", Kind.MEMBER),
    _f("lead_resident", "反映群众", Kind.RESIDENT),
    _f("co_signers", "联名人", Kind.MEMBERS),
    _f("sector", "界别", Kind.CODE, code_list=c.CodeListKind.SECTOR),
    _f("category", "类别", Kind.CODE, code_list=c.CodeListKind.PROPOSAL_CATEGORY),
    _f("facts", "情况", Kind.LONGTEXT),
    _f("analysis", "分析(理由)", Kind.LONGTEXT),
    _f("recommendations", "建议(办法)", Kind.LONGTEXT),
    _f("submitted_at", "报送日期", Kind.DATE),
    _f("member_evaluation", "委员评价", Kind.ENUM, enum=c.Satisfaction),
    _f("county_no", "县政协编号", max_len=50, owner=COUNTY),
    _f("review", "审查结果", Kind.ENUM, enum=c.Review, owner=COUNTY),
    _f("review_reason", "审查说明", Kind.LONGTEXT, owner=COUNTY),
    _f("merged_into", "并入", max_len=100, owner=COUNTY),
    _f("converted_to", "转为", Kind.ENUM, enum=c.ProposalKind, owner=COUNTY),
    _f("assigned_at", "交办日期", Kind.DATE, owner=COUNTY),
    _f("reply_due", "答复期限", Kind.DATE, owner=COUNTY),
    _f("reply_class", "答复类别", Kind.ENUM, enum=c.ReplyClass, owner=COUNTY),
    _f("reply_summary", "答复摘要", Kind.LONGTEXT, owner=COUNTY),
    _f("replied_at", "答复日期", Kind.DATE, owner=COUNTY),
    _f("reply_text", "答复全文", Kind.LONGTEXT, owner=COUNTY),
    _f("adoption_level", "采用情况", Kind.ENUM, enum=c.AdoptionLevel, owner=COUNTY),
    _f("adopted_at", "采用日期", Kind.DATE, owner=COUNTY),
    _f("adopted_by", "采用单位", max_len=100, owner=COUNTY),
    _f("instruction_leader", "批示领导", max_len=100, owner=COUNTY),
    _f("instruction_text", "领导批示", Kind.LONGTEXT, owner=COUNTY),
    _f("instruction_level", "批示级别", Kind.ENUM, enum=c.AdoptionLevel, owner=COUNTY),
    _f("instruction_date", "批示日期", Kind.DATE, owner=COUNTY),
)

IDEA_MAX_CHARS = 100


def by_key(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {f.key: f for f in fields}
