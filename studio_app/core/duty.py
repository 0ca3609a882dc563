"""Duty points (履职积分), declared: how a kind's records earn its members points, and the
yearly minimum requirements. Each kind declares its :class:`PointRule` s with the default
the county's yearly rules start from (``RecordKind.point_rules``); the services compute a
member's points from the records (``services.points``), never from typed numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

ANY = "*"  # in a condition: the field is filled, whatever its value


@dataclass(frozen=True)
class PointRule:
    """Members named by a record in ``members`` earn ``points`` for it when every condition
    of ``when`` holds; at most ``cap`` points a year from this rule (None: no cap)."""

    code: str  # e.g. "activity.present"; the county's rules are keyed by it
    label: str  # Chinese, as the ledger and the archive name it, e.g. "参加活动（出席）"
    members: str  # a MEMBER or MEMBERS field, or "rows.column": a ROWS field's member column
    points: int  # the default (negative: a deduction)
    when: tuple[tuple[str, str], ...] = ()  # (field or "rows.column", code or ANY)
    cap: int | None = None

    @property
    def rows(self) -> str:
        """The ROWS field whose rows name the members ("" for a member field)."""
        return self.members.partition(".")[0] if "." in self.members else ""


@dataclass(frozen=True)
class Requirement:
    """A yearly minimum: the entries of ``rules`` a member has, at least ``least`` and, when
    set, at most ``most`` (e.g. no unexcused absence: at most 0)."""

    code: str
    label: str  # Chinese, e.g. "至少提交1件提案"
    rules: tuple[str, ...]
    least: int = 0
    most: int | None = None

    def met(self, count: int) -> bool:
        return count >= self.least and (self.most is None or count <= self.most)


REQUIREMENTS = (
    Requirement("proposal", "至少提交1件提案", ("proposal.lead",), least=1),
    Requirement("sqmy", "至少报送1件社情民意信息", ("sqmy.lead",), least=1),
    Requirement("activities", "至少参加3次委员活动", ("activity.present",), least=3),
    Requirement("absence", "无无故缺席", ("activity.absent",), most=0),
)  # the default minimums, modelled on published county rules
