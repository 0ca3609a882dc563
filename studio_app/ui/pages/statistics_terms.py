"""The statistics in the UI language: the figures' names, the period's title and the labels
of the counted codes.

Each figure's English source translates to exactly its Chinese term in
:data:`studio_app.services.stat_terms.TERMS` (a test holds the two together), so the page,
the printed report and the ledger workbook call a figure by the same word. Coded values
(channel, satisfaction, kind and status of a record) are labelled as the lists label them
(:func:`studio_app.ui.lookups.enum_labels`), not with the Chinese the printed report uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale

from studio_app.core.codes import Coded, ProposalKind, ProposalStatus
from studio_app.services.stat_terms import Terms
from studio_app.services.statistics import Counted, Period
from studio_app.ui.i18n import is_chinese
from studio_app.ui.lookups import enum_labels

Bars = list[tuple[str, int]]


def terms() -> Terms:
    """Every figure's name in the UI language."""
    translate = QCoreApplication.translate
    return Terms(
        visits=translate("StatisticsTerms", "Visits"),
        closed=translate("StatisticsTerms", "Visits closed"),
        closure_rate=translate("StatisticsTerms", "Closure rate"),
        referred=translate("StatisticsTerms", "Visits referred"),
        due=translate("StatisticsTerms", "Referrals due"),
        on_time=translate("StatisticsTerms", "Fed back on time"),
        on_time_rate=translate("StatisticsTerms", "Feedback on-time rate"),
        satisfaction_rate=translate("StatisticsTerms", "Satisfaction rate"),
        proposals=translate("StatisticsTerms", "Proposals etc."),
        total=translate("StatisticsTerms", "Total"),
        by_category=translate("StatisticsTerms", "Visits by category"),
        by_channel=translate("StatisticsTerms", "Visits by channel"),
        by_handling=translate("StatisticsTerms", "Visits by handling"),
        by_status=translate("StatisticsTerms", "Visits by status"),
        by_village=translate("StatisticsTerms", "Visits by village"),
        by_member=translate("StatisticsTerms", "Visits by member"),
        satisfaction=translate("StatisticsTerms", "Satisfaction"),
        by_proposal_kind=translate("StatisticsTerms", "Proposals etc. by kind and status"),
        member_activity=translate("StatisticsTerms", "Member activity"),
        submitted=translate("StatisticsTerms", "Records submitted"),
        not_reviewed=translate("StatisticsTerms", "Not reviewed"),
        assigned=translate("StatisticsTerms", "Assigned"),
        replied=translate("StatisticsTerms", "Replied"),
        reply_due=translate("StatisticsTerms", "Replies due"),
        replied_on_time=translate("StatisticsTerms", "Replied on time"),
        overdue=translate("StatisticsTerms", "Replies overdue"),
        reply_on_time_rate=translate("StatisticsTerms", "Reply on-time rate"),
        sqmy=translate("StatisticsTerms", "Social-conditions reports"),
        adopted=translate("StatisticsTerms", "Reports adopted"),
        adoption_rate=translate("StatisticsTerms", "Adoption rate"),
        evaluated=translate("StatisticsTerms", "Replies evaluated"),
        reply_satisfaction_rate=translate("StatisticsTerms", "Reply satisfaction rate"),
    )


def period_title(period: Period | None) -> str:
    """``2026年12月`` as the printed report titles it, or ``December 2026``, ``Q4 2026``,
    ``2026`` in English; no period: every record."""
    if period is None:
        return QCoreApplication.translate("StatisticsTerms", "All periods")
    if is_chinese():
        return period.label
    year = period.start.year
    if period.span == "month":
        return f"{QLocale(QLocale.Language.English).monthName(period.part)} {year}"
    return f"Q{period.part} {year}" if period.span == "quarter" else str(year)


def coded(items: Sequence[Counted], enum: type[Coded]) -> Bars:
    """Counts of an enumeration's codes labelled as the lists label them, in the UI language
    (unknown codes as they are)."""
    labels = enum_labels(enum)
    return [(labels.get(c.code, c.label), c.count) for c in items]


def proposal_kinds(items: Sequence[Counted]) -> Bars:
    """Counts by kind and status (codes ``kind.status``) labelled in the UI language."""
    kinds, statuses = enum_labels(ProposalKind), enum_labels(ProposalStatus)
    joined = QCoreApplication.translate("StatisticsTerms", "{0} · {1}")
    bars = []
    for c in items:
        kind, _, status = c.code.partition(".")
        if kind in kinds and status in statuses:
            bars.append((joined.format(kinds[kind], statuses[status]), c.count))
        else:
            bars.append((c.label, c.count))
    return bars


def villages(items: Sequence[Counted]) -> Bars:
    """Counts by village; the visits with no village named so in the UI language."""
    unnamed = QCoreApplication.translate("StatisticsTerms", "No village given")
    return [(c.label if c.code else unnamed, c.count) for c in items]


def categories(items: Sequence[Counted]) -> Bars:
    """Counts by the code list's categories (its labels are data); none given, so named."""
    none = QCoreApplication.translate("StatisticsTerms", "No category")
    return [(c.label if c.code else none, c.count) for c in items]


def lead_unit(code: str, name: str) -> str:
    """A lead unit's name; none named, so in the UI language."""
    return name if code else QCoreApplication.translate("StatisticsTerms", "No lead unit given")
