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


class Organiser(Coded):
    """Who organised a member activity."""

    STUDIO = "studio"
    COUNTY = "county"
    SECTOR = "sector"
    COMMITTEE = "committee"


_labels(
    Organiser,
    "组织方",
    studio=("本工作室", "This studio"),
    county=("县政协", "County CPPCC"),
    sector=("界别", "A sector"),
    committee=("专门委员会", "A special committee"),
)


class Attendance(Coded):
    """A member's attendance at an activity (duty points are computed from it)."""

    PRESENT = "present"
    LEAVE = "leave"
    ABSENT = "absent"


_labels(
    Attendance,
    "出席情况",
    present=("出席", "Present"),
    leave=("请假", "On leave"),
    absent=("缺席", "Absent"),
)


class ParticipantKind(Coded):
    """Who else took part in an activity or a consultation besides members."""

    DEPARTMENT = "department"
    EXPERT = "expert"
    CADRE = "cadre"
    RESIDENT = "resident"
    OTHER = "other"


_labels(
    ParticipantKind,
    "参加人员类别",
    department=("部门", "Department"),
    expert=("专家", "Expert"),
    cadre=("村(社区)干部", "Village cadre"),
    resident=("群众代表", "Residents' representative"),
    other=("其他", "Other"),
)


class ItemStatus(Coded):
    """How far a follow-up item or an agreed outcome has been carried out."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_FEASIBLE = "not_feasible"


_labels(
    ItemStatus,
    "落实情况",
    not_started=("未启动", "Not started"),
    in_progress=("推进中", "In progress"),
    done=("已完成", "Done"),
    not_feasible=("无法落实", "Not feasible"),
)


class IssueStatus(Coded):
    """How far an issue found at an observation point has gone along the referral workflow:
    submitted, assigned to a unit, supervised, fed back, evaluated by the enterprise."""

    SUBMITTED = "submitted"
    ASSIGNED = "assigned"
    SUPERVISED = "supervised"
    FED_BACK = "fed_back"
    CLOSED = "closed"


_labels(
    IssueStatus,
    "办理状态",
    submitted=("已提交", "Submitted"),
    assigned=("已交办", "Assigned"),
    supervised=("督办中", "Supervised"),
    fed_back=("已反馈", "Fed back"),
    closed=("已评价办结", "Evaluated and closed"),
)

# The codes of a tracked item's status that count as carried out (no longer due): a
# follow-up item done or explained as not feasible, an issue answered by its unit.
SETTLED: dict[type[Coded], tuple[str, ...]] = {
    ItemStatus: (ItemStatus.DONE.value, ItemStatus.NOT_FEASIBLE.value),
    IssueStatus: (IssueStatus.FED_BACK.value, IssueStatus.CLOSED.value),
}


class Environment(Coded):
    """The five environments observation points rate (民营经济发展环境)."""

    SERVICE = "service"
    MARKET = "market"
    GOVERNMENT = "government"
    LEGAL = "legal"
    OPINION = "opinion"


_labels(
    Environment,
    "发展环境",
    service=("服务环境", "Service environment"),
    market=("市场环境", "Market environment"),
    government=("政务环境", "Government environment"),
    legal=("法治环境", "Rule-of-law environment"),
    opinion=("舆论环境", "Public-opinion environment"),
)


class ObservationMethod(Coded):
    """How members observed an enterprise."""

    VISIT = "visit"
    FORUM = "forum"
    SURVEY = "survey"
    INCOGNITO = "incognito"


_labels(
    ObservationMethod,
    "监测方式",
    visit=("走访", "Visit"),
    forum=("座谈", "Forum"),
    survey=("问卷", "Questionnaire"),
    incognito=("暗访", "Unannounced visit"),
)


class Rating(Coded):
    """A rating from 1 (poor) to 5 (good), e.g. of a business environment."""

    ONE = "1"
    TWO = "2"
    THREE = "3"
    FOUR = "4"
    FIVE = "5"


_labels(
    Rating,
    "评分",
    **{"1": ("1 差", "1 Poor"), "2": ("2 较差", "2 Fair"), "3": ("3 一般", "3 Average"),
       "4": ("4 较好", "4 Good"), "5": ("5 好", "5 Very good")},
)  # fmt: skip


class ConsultationSource(Coded):
    """Where a consultation's topic came from."""

    GOVERNMENT = "government"
    MEMBER = "member"
    RESIDENTS = "residents"
    FROM_VISITS = "from_visits"


_labels(
    ConsultationSource,
    "议题来源",
    government=("党委政府点题", "Set by the Party committee or government"),
    member=("委员提出", "Raised by members"),
    residents=("群众提出", "Raised by residents"),
    from_visits=("来访转入", "From visits"),
)


class ConsultationFormat(Coded):
    MEETING = "meeting"
    TALK = "talk"
    COUNCIL = "council"
    HEARING = "hearing"
    ONLINE = "online"


_labels(
    ConsultationFormat,
    "协商形式",
    meeting=("协商会", "Consultation meeting"),
    talk=("恳谈会", "Heart-to-heart talk"),
    council=("议事会", "Council meeting"),
    hearing=("听证会", "Hearing"),
    online=("网上协商", "Online consultation"),
)


class OutcomeKind(Coded):
    """The form a consultation's outcome takes."""

    MINUTES = "minutes"
    ADVICE = "advice"
    REPORT = "report"
    SQMY = "sqmy"


_labels(
    OutcomeKind,
    "成果形式",
    minutes=("纪要", "Minutes"),
    advice=("建议", "Advice"),
    report=("专报", "Special report"),
    sqmy=("社情民意", "Social-conditions report"),
)


class ConsultationStatus(Coded):
    OPEN = "open"
    CLOSED = "closed"


_labels(ConsultationStatus, open=("落实中", "Being carried out"), closed=("已办结", "Closed"))


class ContactChannel(Coded):
    """How a member kept in touch with the people they contact."""

    VISIT = "visit"
    PHONE = "phone"
    WECHAT = "wechat"
    TALK = "talk"
    OTHER = "other"


_labels(
    ContactChannel,
    "联系方式",
    visit=("走访", "Visit"),
    phone=("电话", "Phone"),
    wechat=("微信", "WeChat"),
    talk=("座谈", "Talk"),
    other=("其他", "Other"),
)


class EnterpriseSize(Coded):
    """An observation point's enterprise size (大中小微, as the statistics office grades)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


_labels(
    EnterpriseSize,
    "企业规模",
    micro=("微型", "Micro"),
    small=("小型", "Small"),
    medium=("中型", "Medium"),
    large=("大型", "Large"),
)


class ElectionStage(Coded):
    """A stage of a village's (community's) 两委 election that members observe."""

    COMMITTEE = "committee"
    REGISTRATION = "registration"
    NOMINATION = "nomination"
    VOTING = "voting"
    OTHER = "other"


_labels(
    ElectionStage,
    "选举环节",
    committee=("推选村民选举委员会", "Electing the election committee"),
    registration=("选民登记", "Voter registration"),
    nomination=("候选人提名", "Nomination of candidates"),
    voting=("投票选举与计票", "Voting and counting"),
    other=("其他", "Other"),
)


class ElectionRating(Coded):
    """How an observed stage of an election was conducted, as the observers judge it."""

    COMPLIANT = "compliant"
    MOSTLY = "mostly"
    NON_COMPLIANT = "non_compliant"


_labels(
    ElectionRating,
    "规范程度",
    compliant=("规范", "Compliant"),
    mostly=("基本规范", "Mostly compliant"),
    non_compliant=("不规范", "Not compliant"),
)


class CodeListKind(Coded):
    """The editable code lists of docs/DATA.md."""

    SECTOR = "sector"
    ISSUE_CATEGORY = "issue_category"
    HANDLING_UNIT = "handling_unit"
    PROPOSAL_CATEGORY = "proposal_category"
    ACTIVITY_KIND = "activity_kind"


_labels(
    CodeListKind,
    sector=("界别", "Sector"),
    issue_category=("问题类别", "Issue category"),
    handling_unit=("承办/转办单位", "Handling unit"),
    proposal_category=("提案类别", "Proposal category"),
    activity_kind=("活动类型", "Activity kind"),
)


# Serial prefixes of the proposal-type records, printed on forms, e.g. TA-2026-0042 (the
# other kinds declare theirs in core.kinds).
SERIAL_PREFIX: dict[str, str] = {
    ProposalKind.PROPOSAL: "TA",
    ProposalKind.SQMY: "SQ",
    ProposalKind.SUGGESTION: "JY",
    ProposalKind.IDEA: "JZ",
}
