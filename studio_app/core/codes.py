"""Stable codes of docs/DATA.md with their labels, kept in one place.

Codes are what the database, the exchange workbooks' machine columns and the services use;
labels are what people see. Chinese labels are part of the specification (Excel headers,
printed forms); English labels serve the English UI.
"""

from __future__ import annotations

from enum import StrEnum


class Coded(StrEnum):
    """A string enumeration whose members know their Chinese and English labels."""

    @property
    def label(self) -> str:
        """The Chinese label."""
        return _LABELS[type(self)][self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[type(self)][self.value][1]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """``(code, Chinese label)`` pairs in declaration order."""
        return [(m.value, m.label) for m in cls]

    @classmethod
    def list_title(cls) -> str:
        """The list's title where code lists are shown by name (the exchange workbook's
        代码表 sheet), "" if it has none."""
        return _TITLES.get(cls, "")

    @classmethod
    def from_label(cls, text: str) -> Coded:
        """Accept a code or a Chinese/English label (as typed in a workbook)."""
        text = text.strip()
        for member in cls:
            if text in (member.value, member.label, member.label_en):
                return member
        raise ValueError(text)


_LABELS: dict[type, dict[str, tuple[str, str]]] = {}
_TITLES: dict[type, str] = {}


def _labels(enum: type[Coded], title: str = "", /, **labels: tuple[str, str]) -> None:
    """The labels of ``enum``'s codes and, if given, the ``title`` of its list."""
    assert set(labels) == {m.value for m in enum}, enum  # every code has a label
    _LABELS[enum] = labels
    if title:
        _TITLES[enum] = title


def list_titles() -> dict[type[Coded], str]:
    """The code lists that have a title (:meth:`Coded.list_title`), with it."""
    return dict(_TITLES)


class SiteKind(Coded):
    STUDIO = "studio"
    COUNTY = "county"


_labels(SiteKind, studio=("委员工作室", "Member studio"), county=("县政协", "County office"))


class Gender(Coded):
    MALE = "male"
    FEMALE = "female"


_labels(Gender, "性别", male=("男", "Male"), female=("女", "Female"))


class ResidentKind(Coded):
    VILLAGER = "villager"
    RESIDENT = "resident"
    ENTERPRISE = "enterprise"
    ORGANISATION = "organisation"
    OTHER = "other"


_labels(
    ResidentKind,
    "群众类别",
    villager=("村民", "Villager"),
    resident=("居民", "Resident"),
    enterprise=("企业", "Enterprise"),
    organisation=("社会组织", "Social organisation"),
    other=("其他", "Other"),
)


class Channel(Coded):
    RECEPTION = "reception"
    HOME_VISIT = "home_visit"
    PHONE = "phone"
    LETTER = "letter"
    REPORTING_POINT = "reporting_point"


_labels(
    Channel,
    "接待方式",
    reception=("坐班接待", "Reception"),
    home_visit=("入户走访", "Home visit"),
    phone=("电话", "Phone"),
    letter=("信件/意见箱", "Letter / box"),
    reporting_point=("直报点", "Reporting point"),
)


class Handling(Coded):
    ANSWERED = "answered"
    REFERRED = "referred"
    TO_SQMY = "to_sqmy"
    TO_PROPOSAL = "to_proposal"
    TO_CONSULTATION = "to_consultation"
    EXPLAINED = "explained"


_labels(
    Handling,
    "处理方式",
    answered=("当场答复", "Answered on the spot"),
    referred=("转有关部门", "Referred to a department"),
    to_sqmy=("转社情民意", "Turned into a social-conditions report"),
    to_proposal=("转提案", "Turned into a proposal"),
    to_consultation=("纳入协商议题", "Added to a consultation topic"),
    explained=("解释疏导", "Explained and counselled"),
)


class VisitStatus(Coded):
    REGISTERED = "registered"
    REFERRED = "referred"
    IN_PROGRESS = "in_progress"
    FED_BACK = "fed_back"
    CLOSED = "closed"


_labels(
    VisitStatus,
    "接待状态",
    registered=("已登记", "Registered"),
    referred=("已转办", "Referred"),
    in_progress=("办理中", "In progress"),
    fed_back=("已反馈", "Fed back"),
    closed=("已办结", "Closed"),
)


class FeedbackChannel(Coded):
    PHONE = "phone"
    IN_PERSON = "in_person"
    WRITTEN = "written"


_labels(
    FeedbackChannel,
    "反馈方式",
    phone=("电话", "Phone"),
    in_person=("当面", "In person"),
    written=("书面", "Written"),
)


class Satisfaction(Coded):
    SATISFIED = "satisfied"
    BASIC = "basic"
    UNSATISFIED = "unsatisfied"


_labels(
    Satisfaction,
    "满意度",
    satisfied=("满意", "Satisfied"),
    basic=("基本满意", "Basically satisfied"),
    unsatisfied=("不满意", "Unsatisfied"),
)


class InterviewKind(Coded):
    ONLINE = "online"
    OFFLINE = "offline"


_labels(InterviewKind, "访谈形式", online=("线上", "Online"), offline=("线下", "Offline"))


class InterviewStatus(Coded):
    OPEN = "open"
    CLOSED = "closed"


_labels(InterviewStatus, "访谈状态", open=("进行中", "Open"), closed=("已结束", "Closed"))


class ProposalKind(Coded):
    PROPOSAL = "proposal"
    SQMY = "sqmy"
    SUGGESTION = "suggestion"
    IDEA = "idea"


_labels(
    ProposalKind,
    "提案类型",
    proposal=("提案", "Proposal"),
    sqmy=("社情民意信息", "Social-conditions report"),
    suggestion=("意见建议", "Suggestion"),
    idea=("百字金点子", "Hundred-character idea"),
)


class ProposalStatus(Coded):
    DRAFT = "draft"
    SUBMITTED = "submitted"


_labels(ProposalStatus, "提案状态", draft=("草稿", "Draft"), submitted=("已报送", "Submitted"))


class Review(Coded):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MERGED = "merged"
    CONVERTED = "converted"
    RETURNED = "returned"


_labels(
    Review,
    "审查结果",
    accepted=("立案", "Accepted"),
    rejected=("不立案", "Not accepted"),
    merged=("并案", "Merged"),
    converted=("转意见建议/社情民意", "Converted"),
    returned=("退回", "Returned"),
)


class ReplyClass(Coded):
    A = "A"
    B = "B"
    C = "C"


_labels(
    ReplyClass,
    "答复类别",
    A=("A 已解决或采纳", "A solved or adopted"),
    B=("B 列入计划拟解决", "B planned"),
    C=("C 留作参考", "C for reference"),
)


class AdoptionLevel(Coded):
    COUNTY = "county"
    CITY = "city"
    PROVINCE = "province"
    NATIONAL = "national"


_labels(
    AdoptionLevel,
    "采用/批示级别",
    county=("县", "County"),
    city=("市", "City"),
    province=("省", "Province"),
    national=("全国", "National"),
)


class UnitRole(Coded):
    LEAD = "lead"
    ASSISTING = "assisting"


_labels(UnitRole, lead=("主办", "Lead"), assisting=("协办", "Assisting"))


class Role(Coded):
    ADMIN = "admin"
    STAFF = "staff"
    VIEWER = "viewer"


_labels(
    Role, admin=("管理员", "Administrator"), staff=("工作人员", "Staff"), viewer=("查阅", "Viewer")
)


class CodeListKind(Coded):
    """The editable code lists of docs/DATA.md."""

    SECTOR = "sector"
    ISSUE_CATEGORY = "issue_category"
    HANDLING_UNIT = "handling_unit"
    PROPOSAL_CATEGORY = "proposal_category"


_labels(
    CodeListKind,
    sector=("界别", "Sector"),
    issue_category=("问题类别", "Issue category"),
    handling_unit=("承办/转办单位", "Handling unit"),
    proposal_category=("提案类别", "Proposal category"),
)


# Serial prefixes of the proposal-type records, printed on forms, e.g. TA-2026-0042 (the
# other kinds declare theirs in core.kinds).
SERIAL_PREFIX: dict[str, str] = {
    ProposalKind.PROPOSAL: "TA",
    ProposalKind.SQMY: "SQ",
    ProposalKind.SUGGESTION: "JY",
    ProposalKind.IDEA: "JZ",
}
