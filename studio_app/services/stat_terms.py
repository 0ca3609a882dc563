"""The names of the statistics' figures, declared once.

The statistics page, the printed report and its county section, the ledger workbook and
``studio-app stats`` call each figure by the word given here: :data:`TERMS` is the Chinese
table, and the page's English source strings (``ui/pages/statistics_terms.py``) translate to
exactly these words, which a test checks against the screen and the printed report.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Terms:
    """figure → its name; one instance in Chinese (:data:`TERMS`), the GUI's in its language."""

    # The visits and the studios' activity (services.statistics.Report).
    visits: str = "接待走访"
    closed: str = "已办结"
    closure_rate: str = "办结率"  # closed ÷ visits
    referred: str = "转办"
    due: str = "已到期"  # referred cases fed back, or past their deadline
    on_time: str = "按期反馈"  # referred cases fed back by their deadline
    on_time_rate: str = "按期率"  # on time ÷ due
    satisfaction_rate: str = "满意率"  # (satisfied + basically satisfied) ÷ rated
    proposals: str = "提案等"  # proposal-type records: 提案, 社情民意信息, 意见建议, 百字金点子
    total: str = "合计"
    # The breakdowns of the visits, and the members' activity.
    by_category: str = "按问题类别"
    by_channel: str = "按接待方式"
    by_handling: str = "按处理方式"
    by_status: str = "按办理状态"
    by_village: str = "按村（社区）"
    by_member: str = "按委员"
    satisfaction: str = "满意度"
    by_proposal_kind: str = "提案等（按类型和状态）"
    member_activity: str = "委员履职情况"
    # The county's work on the submitted records (services.county_stats.Tally).
    submitted: str = "报送"
    not_reviewed: str = "待审查"
    assigned: str = "交办"
    replied: str = "已答复"
    reply_due: str = "已到期"  # replied, or assigned and past the reply deadline
    replied_on_time: str = "按期答复"
    overdue: str = "超期未复"
    reply_on_time_rate: str = "按期答复率"  # replied on time ÷ reply due
    sqmy: str = "社情民意"  # submitted 社情民意信息, the records adoption is counted over
    adopted: str = "被采用"
    adoption_rate: str = "采用率"
    evaluated: str = "已评价"
    reply_satisfaction_rate: str = "答复满意率"  # members' evaluation of the replies

    def table(self) -> dict[str, str]:
        """figure → name, in declaration order."""
        return asdict(self)


TERMS = Terms()
