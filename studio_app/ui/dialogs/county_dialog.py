"""The county office's work on a studio's proposal-type record (county mode).

The studio's part is shown read-only at the top; the county's work is in tabs: 审查, 交办,
答复, 采用 (社情民意 only), 批示 and 重点/优秀提案 (accepted proposals only). Save writes
the tabs that changed in one transaction (``county_work.apply``), so nothing is
half-written and an unchanged record is not touched. A tab the record's stage does not
allow yet is disabled with a hint.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.codes import (
    AdoptionLevel,
    CodeListKind,
    ProposalKind,
    ProposalStatus,
    ReplyClass,
    Review,
    Satisfaction,
    UnitRole,
)
from studio_app.core.errors import ValidationError
from studio_app.services import county_desk, county_work, points, proposals, records, site
from studio_app.services.context import Context
from studio_app.storage.models import Proposal
from studio_app.ui import screen_fit
from studio_app.ui.dialogs.county_assign_dialog import (
    LABELS,
    AssignForm,
    stage_names,
    units_on_lead,
)
from studio_app.ui.dialogs.record_dialog import RecordDialog, text_box
from studio_app.ui.i18n import declared, label
from studio_app.ui.lookups import enum_labels
from studio_app.ui.widgets.combos import code_combo, combo_code, set_combo_code
from studio_app.ui.widgets.field_row import FieldRow
from studio_app.ui.widgets.optional_date import date_edit

HINT_STYLE = "color: #8a6d00; background: #fff8e1; padding: 4px;"
# The tab to open on, by stage: where the next piece of work is.
TAB_OF_STAGE = {"assign": "assign", "in_hand": "reply", "overdue": "reply", "replied": "reply",
                "evaluated": "reply"}  # fmt: skip


def _date(edit: QDateEdit) -> date:
    return edit.date().toPython()  # type: ignore[return-value]


def _set_date(edit: QDateEdit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


class Section(QWidget):
    """One tab: a hint (why it is disabled) above a form."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.hint = QLabel(self)
        self.hint.setObjectName("sectionHint")
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.body = QWidget(self)
        self.form = QFormLayout(self.body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.allowed = True
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.body)
        layout.addStretch(1)

    def allow(self, why_not: str) -> None:
        """Enable the form, or disable it and say ``why_not``."""
        self.allowed = not why_not
        self.body.setEnabled(self.allowed)
        self.hint.setText(why_not)
        self.hint.setVisible(not self.allowed)


class StudioPart(QGroupBox):
    """What the studio wrote, read-only: labels and the texts in a scrolling browser."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("The studio's record (read-only)"), parent)
        self.setObjectName("studioPart")
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        rows = (
            (("studio", self.tr("Studio")), ("serial", self.tr("Serial")), ("kind", "")),
            (("title", ""),),
            (("lead_member", ""), ("co_signers", ""), ("submitted_at", "")),
            (("sector", ""), ("category", ""), ("member_evaluation", "")),
        )
        for r, pairs in enumerate(rows):
            for c, (key, title) in enumerate(pairs):
                value = QLabel(self)
                value.setObjectName(f"studio_{key}")
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.values[key] = value
                grid.addWidget(QLabel(f"{title or LABELS[key]}：", self), r, c * 2)
                grid.addWidget(value, r, c * 2 + 1, 1, 5 if len(pairs) == 1 else 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        self.text = QTextBrowser(self)
        self.text.setObjectName("studioText")
        self.text.setFixedHeight(self.fontMetrics().height() * 7)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.text)

    def show_record(self, row: Proposal, studio: str) -> None:
        shown = {
            "studio": studio,
            "serial": row.serial or "",
            "kind": label(ProposalKind(row.kind)),
            "title": row.title,
            "lead_member": row.lead_member.name if row.lead_member is not None else "",
            "co_signers": row.co_signer_names,
            "submitted_at": str(row.submitted_at or ""),
            "sector": site.code_labels(CodeListKind.SECTOR).get(row.sector, row.sector),
            "category": site.code_labels(CodeListKind.PROPOSAL_CATEGORY).get(
                row.category, row.category
            ),
            "member_evaluation": (
                label(Satisfaction(row.member_evaluation)) if row.member_evaluation else ""
            ),
        }
        for key, text in shown.items():
            self.values[key].setText(text)
        parts = []
        for key in ("facts", "analysis", "recommendations"):
            text = getattr(row, key)
            if text:
                body = escape(text).replace("\n", "<br>")
                parts.append(f"<p><b>{escape(LABELS[key])}</b><br>{body}</p>")
        self.text.setHtml("".join(parts))


class CountyWorkDialog(RecordDialog):
    """The county's work on the proposal ``proposal_id``; ``saved`` fires after a write."""

    fields = kinds.PROPOSAL.fields
    draft_kind = ""  # no drafts: the county's entries are short and saved at once

    def __init__(self, ctx: Context, proposal_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, proposal_id, parent)
        self.setObjectName("countyWorkDialog")
        self.row: Proposal | None = None
        self.county_rev: int | None = None  # the county's version shown (checked on save)
        self.section_of: dict[str, str] = {}
        self.studio = StudioPart(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("countyTabs")
        self.sections: dict[str, Section] = {}
        self._review_tab()
        self._assign_tab()
        self._reply_tab()
        self._adopt_tab()
        self._instruct_tab()
        self._designate_tab()
        for i in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Alt+{i + 1}"), self, lambda i=i: self.open_tab(i))
        self._replace_scroll_area()
        screen_fit.fit(self, 1000, 690)
        self.finish_setup()
        self._open_stage_tab()

    # -- building --------------------------------------------------------------------------

    def _replace_scroll_area(self) -> None:
        """The studio's part and the tabs fill the dialog instead of the scrolling form:
        the tabs keep it short enough for a 768-pixel screen."""
        scroll = self.findChild(QScrollArea)
        assert scroll is not None
        body = QVBoxLayout()
        body.addWidget(self.studio)
        body.addWidget(self.tabs, 1)
        index = self.layout_.indexOf(scroll)
        scroll.hide()
        self.layout_.insertLayout(index, body, 1)

    def _section(self, name: str, title: str) -> Section:
        section = self.sections[name] = Section(self.tabs)
        section.setObjectName(f"section_{name}")
        index = self.tabs.addTab(section, title)
        self.tabs.setTabToolTip(index, f"Alt+{index + 1}")
        return section

    def _row(self, name: str, key: str, editor: QWidget, title: str = "") -> FieldRow:
        section = self.sections[name]
        editor.setObjectName(key)
        row = self.rows[key] = FieldRow(editor, section.body)
        self.section_of[key] = name
        section.form.addRow(title or declared(self._labels.get(key, key)), row)
        return row

    def _review_tab(self) -> None:
        self._section("review", self.tr("Review"))
        self.county_no = QLineEdit(self)
        self.county_no.setMaxLength(50)
        self.review = code_combo(enum_labels(Review), self, empty=self.tr("(not reviewed yet)"))
        self.merged_into = QLineEdit(self)
        self.merged_into.setPlaceholderText(
            self.tr("Serial of the record it joins, e.g. SQ-2026-0001 or SQZ:SQ-2026-0001")
        )
        convertible = {k.value: label(k) for k in county_work.CONVERTIBLE}
        self.converted_to = code_combo(convertible, self, empty="")
        self.reason = text_box(self, 50)
        self.reason.setPlaceholderText(self.tr("Required when not accepted or returned"))
        for key, editor in (
            ("county_no", self.county_no),
            ("review", self.review),
            ("merged_into", self.merged_into),
            ("converted_to", self.converted_to),
            ("review_reason", self.reason),
        ):
            self._row("review", key, editor)
        self.review.currentIndexChanged.connect(self._update_sections)

    def _assign_tab(self) -> None:
        section = self._section("assign", self.tr("Assignment"))
        self.assign = AssignForm(self.ctx.today(), section.body)
        section.form.addRow(self.assign)
        for key, row in self.assign.rows.items():
            self.rows[key] = row
            self.section_of[key] = "assign"
        self.assign.lead.currentIndexChanged.connect(self._update_sections)

    def _reply_tab(self) -> None:
        self._section("reply", self.tr("Reply"))
        self.reply_class = code_combo(enum_labels(ReplyClass), self, empty="")
        self.reply_summary = text_box(self, 50)
        self.replied_at = date_edit(self)
        self.reply_text = text_box(self, 60)
        for key, editor in (
            ("reply_class", self.reply_class),
            ("reply_summary", self.reply_summary),
            ("replied_at", self.replied_at),
            ("reply_text", self.reply_text),
        ):
            self._row("reply", key, editor)

    def _adopt_tab(self) -> None:
        self._section("adopt", self.tr("Adoption"))
        levels = enum_labels(AdoptionLevel)
        self.adoption_level = code_combo(levels, self, empty=self.tr("(not adopted)"))
        self.adopted_at = date_edit(self)
        self.adopted_by = QLineEdit(self)
        self.adopted_by.setMaxLength(100)
        self.adopted_by.setPlaceholderText(self.tr("Who adopted it, e.g. 市政协办公室"))
        for key, editor in (
            ("adoption_level", self.adoption_level),
            ("adopted_at", self.adopted_at),
            ("adopted_by", self.adopted_by),
        ):
            self._row("adopt", key, editor)
        self.adoption_level.currentIndexChanged.connect(self._update_sections)

    def _instruct_tab(self) -> None:
        self._section("instruct", self.tr("Instruction"))
        self.instruction_leader = QLineEdit(self)
        self.instruction_leader.setMaxLength(100)
        self.instruction_level = code_combo(enum_labels(AdoptionLevel), self, empty="")
        self.instruction_date = date_edit(self)
        self.instruction_text = text_box(self, 60)
        for key, editor in (
            ("instruction_leader", self.instruction_leader),
            ("instruction_level", self.instruction_level),
            ("instruction_date", self.instruction_date),
            ("instruction_text", self.instruction_text),
        ):
            self._row("instruct", key, editor)

    def _designate_tab(self) -> None:
        section = self._section("designate", self.tr("Key / excellent"))
        self.key_proposal = QCheckBox(self.tr("Designated"), self)
        self.excellent = QCheckBox(self.tr("Designated"), self)
        for key, editor in (("key_proposal", self.key_proposal), ("excellent", self.excellent)):
            self._row("designate", key, editor)
        self.designate_hint = QLabel(section.body)
        self.designate_hint.setObjectName("designateHint")
        self.designate_hint.setWordWrap(True)
        self.designate_hint.setEnabled(False)
        section.form.addRow(self.designate_hint)

    def _designate_points(self, year: int) -> str:
        """What the designations earn under ``year``'s rules, e.g. 重点提案（第一提案人）+15."""
        found = points.rules(year)
        return self.tr("Duty points in {0}: {1}").format(year, "；".join(
            f"{found[code].label} {found[code].points:+d}"
            for code in ("proposal.key", "proposal.key_co", "proposal.excellent",
                         "proposal.excellent_co") if code in found
        ))  # fmt: skip

    # -- values ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Per tab, the keyword arguments of its ``county_work`` step."""
        return {
            "review": {
                "result": combo_code(self.review),
                "reason": self.reason.toPlainText(),
                "into": self.merged_into.text().strip(),
                "converted_to": combo_code(self.converted_to),
                "county_no": self.county_no.text().strip(),
            },
            "assign": self.assign.values(),
            "reply": {
                "reply_class": combo_code(self.reply_class),
                "summary": self.reply_summary.toPlainText(),
                "on": _date(self.replied_at),
                "text": self.reply_text.toPlainText(),
            },
            "adopt": {
                "level": combo_code(self.adoption_level),
                "on": _date(self.adopted_at),
                "by": self.adopted_by.text().strip(),
            },
            "instruct": {
                "leader": self.instruction_leader.text().strip(),
                "level": combo_code(self.instruction_level),
                "text": self.instruction_text.toPlainText(),
                "on": _date(self.instruction_date),
            },
            "designate": {
                "key": self.key_proposal.isChecked(),
                "excellent": self.excellent.isChecked(),
            },
        }

    def fill(self, values: dict[str, Any]) -> None:
        review, reply = values["review"], values["reply"]
        adopt, instruct = values["adopt"], values["instruct"]
        self.county_no.setText(review["county_no"])
        set_combo_code(self.review, review["result"])
        self.reason.setPlainText(review["reason"])
        self.merged_into.setText(review["into"])
        set_combo_code(self.converted_to, review["converted_to"])
        self.assign.set_values(values["assign"])
        set_combo_code(self.reply_class, reply["reply_class"])
        self.reply_summary.setPlainText(reply["summary"])
        _set_date(self.replied_at, reply["on"])
        self.reply_text.setPlainText(reply["text"])
        set_combo_code(self.adoption_level, adopt["level"])
        _set_date(self.adopted_at, adopt["on"])
        self.adopted_by.setText(adopt["by"])
        self.instruction_leader.setText(instruct["leader"])
        set_combo_code(self.instruction_level, instruct["level"])
        self.instruction_text.setPlainText(instruct["text"])
        _set_date(self.instruction_date, instruct["on"])
        self.key_proposal.setChecked(values["designate"]["key"])
        self.excellent.setChecked(values["designate"]["excellent"])

    def load(self, record_id: int) -> None:
        row = self.row = proposals.get(record_id)
        v = records.snapshot(proposals.PROPOSAL, row)
        self.rev, self.county_rev = row.rev, row.county_rev
        studio = county_desk.studio_choices().get(row.origin_site, "")
        self.studio.show_record(row, studio)
        units = county_work.units_of(row)
        today = self.ctx.today()
        self.fill(
            {
                "review": {
                    "result": v["review"],
                    "reason": v["review_reason"],
                    "into": v["merged_into"],
                    "converted_to": v["converted_to"],
                    "county_no": v["county_no"],
                },
                "assign": {
                    "lead": next((u for r, u in units if r == UnitRole.LEAD), ""),
                    "assist": [u for r, u in units if r == UnitRole.ASSISTING],
                    "on": v["assigned_at"] or today,
                    "due": v["reply_due"],
                },
                "reply": {
                    "reply_class": v["reply_class"],
                    "summary": v["reply_summary"],
                    "on": v["replied_at"] or today,
                    "text": v["reply_text"],
                },
                "adopt": {
                    "level": v["adoption_level"],
                    "on": v["adopted_at"] or today,
                    "by": v["adopted_by"],
                },
                "instruct": {
                    "leader": v["instruction_leader"],
                    "level": v["instruction_level"],
                    "text": v["instruction_text"],
                    "on": v["instruction_date"] or today,
                },
                "designate": {"key": bool(v["key_proposal"]), "excellent": bool(v["excellent"])},
            }
        )
        year = (row.submitted_at or today).year
        self.designate_hint.setText(self._designate_points(year))
        stage = county_work.stage(row, today)
        self.setWindowTitle(self.tr("County work: {0} {1}").format(row.serial or "", studio))
        self.status_label.setText(self.tr("Stage: {0}").format(stage_names()[stage.code]))
        self.status_label.show()
        self._update_sections()

    # -- what the stage allows -------------------------------------------------------------

    def _update_sections(self) -> None:
        """Enable the tabs the record's stage (and what is chosen now) allows."""
        row = self.row
        if row is None:
            return
        closed = ""
        if row.deleted_at is not None:
            closed = self.tr("This record is in the trash.")
        elif row.status != ProposalStatus.SUBMITTED:
            closed = self.tr("The studio has not submitted this record yet.")
        replied = self.tr("The unit has replied: the review and the assignment stay as they are.")
        accepted = combo_code(self.review) == Review.ACCEPTED
        assigned = row.assigned_at is not None or bool(combo_code(self.assign.lead))
        why = {
            "review": closed or (replied if row.reply_class else ""),
            "assign": closed
            or (replied if row.reply_class else "")
            or ("" if accepted else self.tr("Assign once the record is accepted (Review tab).")),
            "reply": closed
            or ("" if accepted else self.tr("Enter the reply once the record is accepted."))
            or ("" if assigned else self.tr("Enter the reply once the record is assigned.")),
            "adopt": closed
            or (
                ""
                if row.kind in county_work.ADOPTABLE
                else self.tr("Only social-conditions reports are adopted.")
            ),
            "instruct": closed,
            "designate": closed
            or (
                ""
                if row.kind == ProposalKind.PROPOSAL
                else self.tr("Only proposals are designated key or excellent.")
            )
            or (
                ""
                if accepted or row.key_proposal or row.excellent
                else self.tr("Designate once the proposal is accepted (Review tab).")
            ),
        }
        for index, (name, section) in enumerate(self.sections.items()):
            section.allow(why[name])
            self.tabs.setTabToolTip(index, why[name] or f"Alt+{index + 1}")
        result = combo_code(self.review)
        self.merged_into.setEnabled(result == Review.MERGED)
        self.converted_to.setEnabled(result == Review.CONVERTED)
        adopted = bool(combo_code(self.adoption_level))
        self.adopted_at.setEnabled(adopted)
        self.adopted_by.setEnabled(adopted)

    def open_tab(self, index: int) -> None:
        """Show tab ``index`` and put the cursor in its first field."""
        self.tabs.setCurrentIndex(index)
        name = list(self.sections)[index]
        first = next((r for k, r in self.rows.items() if self.section_of.get(k) == name), None)
        if first is not None and self.sections[name].allowed:
            first.setFocus()
        else:
            self.tabs.tabBar().setFocus()

    def _open_stage_tab(self) -> None:
        assert self.row is not None
        stage = county_work.stage(self.row, self.ctx.today())
        name = TAB_OF_STAGE.get(stage.code, "review")
        if not self.sections[name].allowed:
            name = next((n for n, s in self.sections.items() if s.allowed), "review")
        self.open_tab(list(self.sections).index(name))

    # -- writing ---------------------------------------------------------------------------

    def write(self, values: dict[str, Any]) -> Any:
        """The changed tabs that are open, in one transaction; None when there are none."""
        assert self.record_id is not None
        steps = {
            name: self._step(name, dict(kw))
            for name, kw in values.items()
            if self.sections[name].allowed
        }
        if not steps:
            return None
        return county_work.apply(
            self.ctx, self.record_id, steps, expected_county_rev=self.county_rev
        )

    def _step(self, name: str, kw: dict[str, Any]) -> dict[str, Any]:
        """A tab's values as its step's arguments; what the services cannot say well first."""
        if name == "review":
            if not kw["result"]:
                raise ValidationError({"review": self.tr("Choose the review result.")})
            if kw["result"] != Review.MERGED:
                kw["into"] = ""
            if kw["result"] != Review.CONVERTED:
                kw["converted_to"] = ""
        elif name == "assign" and not kw["lead"]:
            raise ValidationError({"lead_unit": self.tr("Choose the lead unit.")})
        elif name == "reply" and not kw["reply_class"]:
            raise ValidationError({"reply_class": self.tr("Choose the reply class.")})
        elif name == "adopt" and not kw["level"]:
            kw.update(on=None, by="")
        return kw

    def show_errors(self, errors: dict[str, str]) -> None:
        """Under their fields, on the tab of the first one."""
        errors = units_on_lead(errors)
        first = next((k for k in self.rows if errors.get(k)), None)
        if first is not None:
            self.tabs.setCurrentWidget(self.sections[self.section_of[first]])
        super().show_errors(errors)


def is_county_work(ctx: Context, origin_site: str) -> bool:
    """Whether a record from ``origin_site`` is worked on in this dialog (a studio's record
    at the county), not in the studio's proposal dialog."""
    return ctx.is_county and origin_site != ctx.site_uuid
