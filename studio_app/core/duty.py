"""Duty points (履职积分), declared: how a kind's records earn its members points, and the
yearly minimum requirements. Each kind declares its :class:`PointRule` s with the default
the county's yearly rules start from (``RecordKind.point_rules``); the services compute a
member's points from the records (``services.points``), never from typed numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

ANY = "*"  # in a condition: the field is filled, whatever its value


@dataclass(frozen=True)
class PointRule:
    """Members named by a record in ``members`` earn ``points`` for it when every condition
    of ``when`` holds; at most ``cap`` points a year from this rule (None: no cap)."""

    code: str  # e.g. "activity.present"; the county's rules are keyed by it
    label: str  # Chinese, as the ledger and the archive name it, e.g. "参加活动（出席）"
    members: str  # a MEMBER or MEMBERS field, or "rows.column": a ROWS field's member column
    points: int  # the default (negative: a deduction)
    when: tuple[tuple[str, str | bool], ...] = ()  # (field or "rows.column", code, flag or ANY)
    cap: int | None = None

    @property
    def rows(self) -> str:
        """The ROWS field whose rows name the members ("" for a member field)."""
        return self.members.partition(".")[0] if "." in self.members else ""


@dataclass(frozen=True)
class Requirement:
    """A yearly minimum: the entries of ``rules`` a member has, at least ``least`` and, when
    set, at most ``most`` (e.g. no unexcused absence: at most 0). One of the two is the
    county's figure for a year (:attr:`figure`): ``most`` where the default sets it."""

    code: str
    wording: str  # Chinese, the figure as {0}, e.g. "至少提交{0}件提案"
    rules: tuple[str, ...]
    least: int = 0
    most: int | None = None
    wording_zero: str = ""  # when the figure is 0 (e.g. "无无故缺席"); blank: not required

    def met(self, count: int) -> bool:
        return count >= self.least and (self.most is None or count <= self.most)

    @property
    def bounds_most(self) -> bool:
        """The figure is an upper bound (else a lower one)."""
        return self.most is not None

    @property
    def figure(self) -> int:
        return self.most if self.most is not None else self.least

    @property
    def required(self) -> bool:
        """Whether it asks anything (a lower bound of 0 does not)."""
        return self.bounds_most or self.least > 0

    @property
    def label(self) -> str:
        """As the pages and the archive name it, e.g. "至少提交1件提案"."""
        if self.figure == 0 and self.wording_zero:
            return self.wording_zero
        return self.wording.format(self.figure)

    def with_figure(self, figure: int) -> Requirement:
        if self.bounds_most:
            return replace(self, most=figure)
        return replace(self, least=figure)


# The default minimums, modelled on published county rules; the county sets a year's own
# figures (services.points.requirements).
REQUIREMENTS = (
    Requirement("proposal", "至少提交{0}件提案", ("proposal.lead",), least=1),
    Requirement("sqmy", "至少报送{0}件社情民意信息", ("sqmy.lead",), least=1),
    Requirement("activities", "至少参加{0}次委员活动", ("activity.present",), least=3),
    Requirement("absence", "无故缺席不超过{0}次", ("activity.absent",), most=0,
                wording_zero="无无故缺席"),
)  # fmt: skip
