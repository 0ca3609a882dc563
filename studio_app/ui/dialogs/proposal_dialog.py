"""Creating and editing a proposal / 社情民意 / suggestion / 百字金点子; submitting it.

The county's feedback (review, reply, adoption…) arrives by the exchange workbook: it is
shown read-only here, the fields that have a value. The member's evaluation waits for the
county's reply. A record made from other records (visits, …: the declared origins) lists
them; activating one opens it. At the
county a studio's record opens in the county's own dialog (``county_dialog``), never here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.codes import (
    CodeListKind,
    ProposalKind,
    ProposalStatus,
    Satisfaction,
    UnitRole,
)
from studio_app.core.errors import UserError
from studio_app.core.fields import COUNTY, Kind
from studio_app.services import county_work, proposals, records, site
from studio_app.services.context import Context
from studio_app.ui import screen_fit
from studio_app.ui.dialogs.county_dialog import is_county_work
from studio_app.ui.dialogs.record_dialog import RecordDialog, text_box
from studio_app.ui.i18n import declared, label
from studio_app.ui.lookups import enum_labels
from studio_app.ui.widgets.combos import code_combo, combo_code, entry_combo, set_combo_code
from studio_app.ui.widgets.member_picker import MemberPicker, member_combo
from studio_app.ui.widgets.resident_picker import ResidentPicker

COUNTY_FIELDS = tuple(f for f in kinds.PROPOSAL.fields if f.owner == COUNTY)


class ProposalDialog(RecordDialog):
    """``prefill`` and ``grew_from`` (record ids by origin kind) serve "turn records into a
    proposal"; activating a source emits ``openRecord`` with its kind and id."""

    fields = kinds.PROPOSAL.fields
    draft_kind = "proposal"
    openRecord = Signal(str, int)

    def __init__(
        self,
        ctx: Context,
        proposal_id: int | None = None,
        parent: QWidget | None = None,
        *,
        prefill: dict[str, Any] | None = None,
        grew_from: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        if proposal_id is not None and is_county_work(ctx, proposals.get(proposal_id).origin_site):
            raise UserError(
                QCoreApplication.translate(
                    "ProposalDialog", "A studio's record is worked on in the county work window."
                )
            )
        super().__init__(ctx, proposal_id, parent)
        self.setObjectName("proposalDialog")
        self.grew_from = {name: list(ids) for name, ids in (grew_from or {}).items()}
        self.status_labels = enum_labels(ProposalStatus)
        self.kind = code_combo(enum_labels(ProposalKind), self)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.title_edit = QLineEdit(self)
        self.lead_member = member_combo(self, self.tr("(none)"))
        self.lead_resident = ResidentPicker(ctx.may_see_pii, self)
        self.lead_resident.new_button.hide()
        self.co_signers = MemberPicker(self)
        self.sector = entry_combo(CodeListKind.SECTOR, self, empty="")
        self.category = entry_combo(CodeListKind.PROPOSAL_CATEGORY, self, empty="")
        self.facts = text_box(self, 110)
        self.analysis = text_box(self, 80)
        self.recommendations = text_box(self, 80)
        self.submitted_at = QLabel(self)
        self.through_train = QCheckBox(self.tr("Sent by the member straight to the county"), self)
        self.through_train.setObjectName("throughTrain")
        self.through_train.setToolTip(
            self.tr(
                "Through train: the member reports this record straight to the county CPPCC;"
                " the county lists it first and measures how soon it acts on it."
            )
        )
        self.evaluation = code_combo(enum_labels(Satisfaction), self, empty="")
        for key, editor in (
            ("kind", self.kind),
            ("title", self.title_edit),
            ("lead_member", self.lead_member),
            ("lead_resident", self.lead_resident),
            ("co_signers", self.co_signers),
            ("sector", self.sector),
            ("category", self.category),
            ("facts", self.facts),
            ("analysis", self.analysis),
            ("recommendations", self.recommendations),
            ("submitted_at", self.submitted_at),
            ("through_train", self.through_train),
            ("member_evaluation", self.evaluation),
        ):
            self.add_row(key, editor)
        self.sources = QListWidget(self)
        self.sources.setObjectName("sourceVisits")
        self.sources.setFixedHeight(self.fontMetrics().height() * 4 + 8)
        self.sources.itemActivated.connect(self._source_activated)
        self.form.addRow(self.tr("Grew from"), self.sources)
        self.county = self._county_box()
        self.form.addRow(self.county)
        self.submit_button = self.add_action("submit", self.tr("Submit to county"), self._submit)
        self.setWindowTitle(self.tr("New proposal or social-conditions report"))
        screen_fit.fit(self, 860, 820)
        if proposal_id is None:
            self.fill(prefill or {"kind": ProposalKind.SQMY.value})
            self._show_sources()
            self.submit_button.hide()
            self.county.hide()
        self.finish_setup()
        self._kind_changed()

    def _county_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("County feedback (read-only)"), self)
        box.setObjectName("countyFeedback")
        self.county_form = QFormLayout(box)
        self.no_feedback = QLabel(self.tr("No feedback from the county yet."), box)
        self.no_feedback.setObjectName("noCountyFeedback")
        self.county_form.addRow(self.no_feedback)
        self.county_labels: dict[str, QLabel] = {}
        titles = [(f.key, declared(f.label)) for f in COUNTY_FIELDS]
        after_due = next(i for i, (key, _) in enumerate(titles) if key == "reply_due") + 1
        titles.insert(after_due, ("units", self.tr("Handling units")))
        for key, title in titles:
            value = QLabel(box)
            value.setObjectName(f"county_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.county_labels[key] = value
            self.county_form.addRow(title, value)
        return box

    def _show_county(self, row: Any, v: dict[str, Any]) -> None:
        """The county's fields that have a value; the evaluation once the reply is in."""
        for f in COUNTY_FIELDS:
            value = v.get(f.key)
            if f.kind is Kind.ENUM and value and f.enum is not None:
                value = label(f.enum(value))
            elif f.kind is Kind.BOOL:  # a designation (重点提案 …): shown only when made
                value = self.tr("Yes") if value else ""
            self.county_labels[f.key].setText("" if value is None else str(value))
        units = site.code_labels(CodeListKind.HANDLING_UNIT.value)
        self.county_labels["units"].setText(
            "、".join(
                f"{units.get(unit, unit)}（{label(UnitRole(role))}）"
                for role, unit in county_work.units_of(row)
            )
        )
        for value in self.county_labels.values():
            self.county_form.setRowVisible(value, bool(value.text()))
        shown = any(value.text() for value in self.county_labels.values())
        self.county_form.setRowVisible(self.no_feedback, not shown)
        replied = bool(v.get("reply_class"))
        self.evaluation.setEnabled(replied)
        self.evaluation.setToolTip(
            ""
            if replied
            else self.tr("The member evaluates the reply once the county's reply has arrived.")
        )

    # -- values ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        lead_member = combo_code(self.lead_member)
        residents = self.lead_resident.existing_ids()
        values: dict[str, Any] = {
            "kind": combo_code(self.kind),
            "title": self.title_edit.text().strip(),
            "lead_member": int(lead_member) if lead_member else None,
            "lead_resident": residents[0] if residents else None,
            "co_signers": self.co_signers.selected_ids(),
            "sector": combo_code(self.sector) or None,
            "category": combo_code(self.category) or None,
            "facts": self.facts.toPlainText(),
            "analysis": self.analysis.toPlainText(),
            "recommendations": self.recommendations.toPlainText(),
            "through_train": self.through_train.isChecked(),
        }
        if self.record_id is not None:
            values["member_evaluation"] = combo_code(self.evaluation) or None
        return values

    def fill(self, values: dict[str, Any]) -> None:
        v = values
        set_combo_code(self.kind, v.get("kind"))
        self.title_edit.setText(v.get("title") or "")
        self.lead_member.setCurrentIndex(max(0, self.lead_member.findData(v.get("lead_member"))))
        self.lead_resident.set_residents([v["lead_resident"]] if v.get("lead_resident") else [])
        self.co_signers.set_selected(v.get("co_signers") or [])
        set_combo_code(self.sector, v.get("sector"))
        set_combo_code(self.category, v.get("category"))
        self.facts.setPlainText(v.get("facts") or "")
        self.analysis.setPlainText(v.get("analysis") or "")
        self.recommendations.setPlainText(v.get("recommendations") or "")
        self.through_train.setChecked(bool(v.get("through_train")))
        set_combo_code(self.evaluation, v.get("member_evaluation"))

    def load(self, record_id: int) -> None:
        row = proposals.get(record_id)
        v = records.snapshot(proposals.PROPOSAL, row)
        self.rev = row.rev
        self.fill(v)
        self.submitted_at.setText(str(v.get("submitted_at") or self.tr("not yet submitted")))
        self._show_county(row, v)
        self.setWindowTitle(self.tr("Proposal {0}").format(row.serial or ""))
        self.status_label.setText(
            self.tr("Status: {0}").format(self.status_labels.get(row.status, row.status))
        )
        self.status_label.show()
        draft = row.status == ProposalStatus.DRAFT
        self.submit_button.setVisible(draft)
        self.kind.setEnabled(draft)
        self.county.show()
        self.grew_from = proposals.sources(record_id)
        self._show_sources()

    def _show_sources(self) -> None:
        """The records it grew from, by origin kind; activating one opens it."""
        self.sources.clear()
        for name, ids in self.grew_from.items():
            kind = kinds.kind(name)
            rt = records.record_type(kind)
            for record_id in ids:
                text = source_text(kind, records.load(rt, record_id))
                item = QListWidgetItem(text, self.sources)
                item.setData(Qt.ItemDataRole.UserRole, (name, record_id))
        self.form.setRowVisible(self.sources, self.sources.count() > 0)

    def _kind_changed(self) -> None:
        idea = combo_code(self.kind) == ProposalKind.IDEA.value
        self.form.setRowVisible(self.rows["lead_resident"], idea)
        self.form.setRowVisible(self.rows["analysis"], not idea)
        self.form.setRowVisible(self.rows["submitted_at"], self.record_id is not None)
        self.form.setRowVisible(self.rows["member_evaluation"], self.record_id is not None)

    # -- writing ---------------------------------------------------------------------------

    def write(self, values: dict[str, Any]) -> Any:
        if self.record_id is None:
            return proposals.create(self.ctx, values, grew_from=self.grew_from)
        return proposals.update(self.ctx, self.record_id, values, expected_rev=self.rev)

    def _submit(self) -> Any:
        assert self.record_id is not None
        return proposals.submit(self.ctx, self.record_id)

    def _source_activated(self, item: QListWidgetItem) -> None:
        kind, record_id = item.data(Qt.ItemDataRole.UserRole)
        self.openRecord.emit(kind, int(record_id))


def source_text(kind: kinds.RecordKind, row: Any) -> str:
    """A source in the list: serial, day and title (the start of a long text), one line."""
    when = getattr(row, kind.date_key) if kind.date_key else None
    day = f"{when:%Y-%m-%d}" if when else ""
    title = str(getattr(row, kind.title_key) or "") if kind.title_key else ""
    if kind.title_key and kind.field(kind.title_key).kind is Kind.LONGTEXT:
        title = title[:40]
    return f"{row.serial or ''}  {day}  {title}".replace("\n", " ")
