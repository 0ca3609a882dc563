"""Exchange (数据交换): packages on a USB stick between a studio and the county office.

A studio exports its changes; the county imports them, sees each studio's sync health and
exports feedback. Both import the other side's packages: a dry run shows the plan (counts
per sheet, rejected rows with their reason, conflicts), then Apply imports all or nothing.
Conflicts are decided side by side and applied by importing the same file again. Rows that
link to a record not received yet wait (kept, imported when it arrives): the plan says so,
and the county's 各工作室 tab lists what still waits. Reading and writing packages runs on
the database worker with a progress dialog that can cancel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import UserError
from studio_app.exchange import waiting
from studio_app.exchange.export import ExportResult, export_studio, package_name
from studio_app.exchange.feedback import StudioSync, export_feedback, sync_status
from studio_app.exchange.importer import ImportResult, import_package, plan_import
from studio_app.exchange.plan import Plan
from studio_app.exchange.reader import ImportCancelled
from studio_app.exchange.schema import PackageKind, name_part
from studio_app.exchange.sniff import PasswordRequired
from studio_app.exchange.waiting import Replayed
from studio_app.exchange.writer import ExportCancelled
from studio_app.services.context import Context
from studio_app.services.site import require_site
from studio_app.storage.models import Setting, Site
from studio_app.ui import errors, messages, operations
from studio_app.ui.exchange import choosers, rows
from studio_app.ui.exchange.conflicts_panel import ConflictsPanel
from studio_app.ui.exchange.table_model import TextRow, TextTableModel
from studio_app.ui.exchange.widgets import fit_columns, fit_height, note, table
from studio_app.ui.progress import run_with_progress

CANCELLED = (ImportCancelled, ExportCancelled, operations.Cancelled)


class ExchangePage(QWidget):
    """Export, import (plan → apply), conflicts side by side, history; county: sync health."""

    imported = Signal()  # records changed by an import: lists may reload

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchangePage")
        self.ctx = ctx
        # Modal questions, replaceable (tests answer them).
        self.choose_save = choosers.save_path
        self.choose_open = choosers.open_path
        self.ask_password = choosers.password
        self.folder = Path.home()
        self.plan: Plan | None = None
        self._source: tuple[Path, str | None] | None = None  # the planned file, password
        self._waiting: tuple[Path, str | None] | None = None  # file whose conflicts wait
        self.ticket: operations.Ticket | None = None

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("exchangeTabs")
        if ctx.is_county:
            self.tabs.addTab(self._studios_tab(), self.tr("Studios"))
        else:
            self.tabs.addTab(self._export_tab(), self.tr("Export"))
        self.import_tab = self._import_tab()
        self.tabs.addTab(self.import_tab, self.tr("Import"))
        self.conflicts = ConflictsPanel(ctx, self)
        self.conflicts.reimportRequested.connect(self.reimport)
        self.conflicts.waitingChanged.connect(self._show_waiting)
        self.conflicts.decided.connect(self._settle)
        self.tabs.addTab(self.conflicts, self.tr("Conflicts"))
        self.tabs.addTab(self._history_tab(), self.tr("Import history"))
        self.status = note(self, name="exchangeStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.refresh()

    # --- building -----------------------------------------------------------------------

    def _export_tab(self) -> QWidget:
        tab = QWidget(self)
        intro = note(
            tab,
            self.tr(
                "Write the records added or changed since the last package to an Excel file "
                "and take it to the county office on a USB stick."
            ),
        )
        self.full = QCheckBox(self.tr("Everything, not only the changes since the last package"))
        self.full.setObjectName("exportFull")
        self.identifiers = QCheckBox(self.tr("Include ID numbers and phone numbers unmasked"))
        self.identifiers.setObjectName("exportIdentifiers")
        self.identifiers.setVisible(self.ctx.may_see_pii)
        self.password = QLineEdit(tab)
        self.password.setObjectName("exportPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password (optional): encrypts the file"))
        self.password.setMaximumWidth(360)
        self.export_button = QPushButton(self.tr("Export package…"), tab)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export)
        self.export_result = note(tab, name="exportResult")
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addWidget(self.full)
        layout.addWidget(self.identifiers)
        layout.addWidget(self.password)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.export_result)
        layout.addStretch(1)
        return tab

    def _studios_tab(self) -> QWidget:
        tab = QWidget(self)
        intro = note(
            tab,
            self.tr(
                "Packages received from each studio. A missing number means a package never "
                "arrived (a lost USB stick?): ask that studio to export everything. Rows that "
                "refer to a record not received yet wait, and are imported when it arrives."
            ),
        )
        self.sync_model = TextTableModel(
            [
                self.tr("Studio"),
                self.tr("Code"),
                self.tr("Packages received"),
                self.tr("Last package"),
                self.tr("Received at"),
                self.tr("Missing packages"),
                self.tr("Waiting rows"),
            ],
            numeric=(2, 3),
            parent=self,
        )
        self.sync_table = table(tab, "syncTable", self.sync_model)
        self.sync_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.full_feedback = QCheckBox(
            self.tr("Everything, not only what changed since the last feedback")
        )
        self.full_feedback.setObjectName("feedbackFull")
        self.feedback_button = QPushButton(self.tr("Export feedback package…"), tab)
        self.feedback_button.setObjectName("feedbackButton")
        self.feedback_button.setToolTip(
            self.tr("Review results and replies for the studio selected above")
        )
        self.feedback_button.clicked.connect(self.export_feedback)
        self.feedback_result = note(tab, name="feedbackResult")
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addWidget(self.sync_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.full_feedback)
        row.addStretch(1)
        row.addWidget(self.feedback_button)
        layout.addLayout(row)
        layout.addWidget(self.feedback_result)
        return tab

    def _import_tab(self) -> QWidget:
        tab = QWidget(self)
        self.import_button = QPushButton(self.tr("Import package…"), tab)
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(lambda: self.import_file())
        self.file_label = note(
            tab,
            self.tr("Choose a package: you will see what it would change before anything is."),
            "importFile",
        )
        self.warnings = note(tab, name="importWarnings")
        self.warnings.setStyleSheet("color: #b3261e;")
        self.warnings.hide()
        self.plan_model = TextTableModel(
            [
                self.tr("Sheet"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Unchanged"),
                self.tr("Edited by hand"),
                self.tr("Conflicts"),
                self.tr("To trash"),
                self.tr("Rejected"),
                self.tr("Waiting"),
            ],
            numeric=range(1, 9),
            parent=self,
        )
        self.plan_table = table(tab, "planTable", self.plan_model)
        header = self.plan_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.plan_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.attention_label = QLabel(self.tr("Rows to look at"), tab)
        self.attention_model = TextTableModel(
            [
                self.tr("Sheet"),
                self.tr("Row"),
                self.tr("Record"),
                self.tr("Problem"),
                self.tr("Reason"),
            ],
            numeric=(1,),
            parent=self,
        )
        self.attention_table = table(tab, "attentionTable", self.attention_model)
        self.apply_button = QPushButton(self.tr("Apply"), tab)
        self.apply_button.setObjectName("applyButton")
        self.apply_button.setToolTip(self.tr("Import the package as planned, all or nothing"))
        self.apply_button.clicked.connect(self.apply)
        self.discard_button = QPushButton(self.tr("Cancel"), tab)
        self.discard_button.setObjectName("discardPlanButton")
        self.discard_button.setToolTip(self.tr("Do not import this package"))
        self.discard_button.clicked.connect(self.discard_plan)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.file_label, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.apply_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.warnings)
        layout.addWidget(self.plan_table)
        layout.addWidget(self.attention_label)
        layout.addWidget(self.attention_table, 1)
        layout.addLayout(bottom)
        return tab

    def _history_tab(self) -> QWidget:
        tab = QWidget(self)
        # Who sent which package (its kind and number), when it came in, what it did, and
        # the file (last: the width left over); the package's uuid is in the tooltip.
        self.history_model = TextTableModel(
            [
                self.tr("From"),
                self.tr("Kind"),
                self.tr("No."),
                self.tr("Imported at"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("To trash"),
                self.tr("Rejected"),
                self.tr("File"),
            ],
            numeric=(2, 4, 5, 6, 7),
            parent=self,
        )
        self.history_table = table(tab, "historyTable", self.history_model)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.history_table)
        return tab

    # --- state --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.ticket is not None and not self.ticket.finished

    def refresh(self) -> None:
        """Reload conflicts, history and (county) sync health from the database."""
        self.conflicts.refresh()
        self._show_history()
        if self.ctx.is_county:
            self._show_sync()
        self._update_buttons()

    def _update_buttons(self, *_args: Any) -> None:
        idle = not self.busy
        if self.ctx.is_county:
            self.feedback_button.setEnabled(idle and self.selected_studio() is not None)
        else:
            self.export_button.setEnabled(idle)
        self.import_button.setEnabled(idle)
        self.apply_button.setEnabled(idle and self.plan is not None)
        self.discard_button.setEnabled(idle and self.plan is not None)
        self.conflicts.idle = idle
        self.conflicts.can_reimport = self._waiting is not None
        self.conflicts.update_buttons()

    def _run(self, label: str, operation: operations.Operation, done: Any) -> None:
        def finished(result: Any, error: BaseException | None) -> None:
            self.ticket = None
            self._update_buttons()
            done(result, error)

        self.ticket, _ = run_with_progress(self, label, operation, finished)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CANCELLED):
            self.status.setText(self.tr("Cancelled: nothing was changed."))
        elif isinstance(error, UserError):
            self.status.setText(error.message)
            messages.show_error(self, error.message)
        else:
            self.status.clear()
            errors.report(error, self)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # --- export (studio) ----------------------------------------------------------------

    def export(self) -> None:
        """Ask where, then write the studio package on the worker."""
        try:
            site = require_site()
        except UserError as exc:
            messages.show_error(self, exc.message)
            return
        name = package_name(site, PackageKind.STUDIO, self.ctx.today(), site.next_package_seq)
        suggested = self.folder / name
        path = self.choose_save(self, suggested)
        if path is None:
            return
        self.folder = path.parent
        ctx, full = self.ctx, self.full.isChecked()
        identifiers = self.identifiers.isChecked() and ctx.may_see_pii
        password = self.password.text() or None

        def work(p: operations.Progress) -> ExportResult:
            return export_studio(
                ctx,
                path,
                full=full,
                include_identifiers=identifiers,
                password=password,
                progress=p.progress,
                cancelled=p.cancelled,
            )

        self._run(self.tr("Exporting…"), work, self._exported)

    def _exported(self, result: ExportResult | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            self._failed(error or RuntimeError("no result"))
            return
        if result.empty:
            text = self.tr("Nothing was added or changed since the last package: no file written.")
        else:
            text = self.tr("Package No. {0} saved: {1}\n{2}").format(
                result.sequence, result.path, self._counts(result.counts)
            )
            self.password.clear()
        self.export_result.setText(text)
        self._say(text.splitlines()[0])

    def _counts(self, counts: dict[str, int]) -> str:
        return self.tr(", ").join(
            self.tr("{0}: {1}").format(sheet, f"{n:,}") for sheet, n in counts.items()
        )

    # --- county: sync health and feedback -----------------------------------------------

    def _show_sync(self) -> None:
        chosen = self.selected_studio()
        found: list[StudioSync] = sync_status()
        shown = []
        for s in found:
            missing = "、".join(str(n) for n in s.missing)
            tips = [self._waiting_tip(w) for w in s.waiting]
            if s.missing:
                tips.insert(
                    0,
                    self.tr(
                        "Packages {0} never arrived: ask the studio to export everything."
                    ).format(missing),
                )
            held = self.tr("; ").join(
                self.tr("No. {0}: %n rows", "", w.rows).format(w.sequence) for w in s.waiting
            )
            shown.append(
                TextRow(
                    (
                        s.name,
                        s.code,
                        str(s.packages),
                        str(s.last_sequence),
                        f"{s.last_at:%Y-%m-%d %H:%M}",
                        missing,
                        held,
                    ),
                    key=s.code,
                    warn=bool(s.missing or s.waiting),
                    tooltip="\n".join(tips),
                )
            )
        self.sync_model.set_rows(shown)
        fit_columns(self.sync_table)
        keys = [r.key for r in shown]
        if shown:  # the studio chosen before, else the first
            self.sync_table.selectRow(keys.index(chosen) if chosen in keys else 0)

    def _waiting_tip(self, w: waiting.WaitingPackage) -> str:
        """What the rows of one package wait for, in a sentence."""
        parts = []
        if w.waits_for:
            parts.append(
                self.tr(
                    "Package No. {0}: {1} rows wait for records not received yet ({2}); they "
                    "are imported when those arrive."
                ).format(w.sequence, f"{w.rows:,}", w.waits_text())
            )
        if w.conflicts:
            parts.append(
                self.tr(
                    "Package No. {0}: {1} rows are in conflict with this computer: decide them "
                    "on the Conflicts tab."
                ).format(w.sequence, f"{w.conflicts:,}")
            )
        return "\n".join(parts)

    def selected_studio(self) -> str | None:
        if not self.ctx.is_county:
            return None
        rows = self.sync_table.selectionModel().selectedRows()
        return self.sync_model.key(rows[0].row()) if rows else None

    def export_feedback(self) -> None:
        """Ask where, then write the feedback package for the selected studio."""
        code = self.selected_studio()
        if code is None:
            return
        path = self.choose_save(self, self.folder / self._feedback_name(code))
        if path is None:
            return
        self.folder = path.parent
        ctx, full = self.ctx, self.full_feedback.isChecked()

        def work(p: operations.Progress) -> ExportResult:
            return export_feedback(
                ctx, code, path, full=full, progress=p.progress, cancelled=p.cancelled
            )

        self._run(self.tr("Exporting…"), work, self._feedback_done)

    def _feedback_name(self, code: str) -> str:
        """The name the feedback package for studio ``code`` is offered under (it names the
        studio: two studios' packages of one day have two names)."""
        studio = Site.get_or_none(Site.code == code)
        seq = 1
        if studio is not None:
            found = Setting.get_or_none(Setting.key == f"feedback_seq:{studio.uuid}")
            seq = int(found.value) if found is not None else 1
        recipient = name_part(studio.name, code) if studio is not None else code
        day = self.ctx.today()
        return package_name(require_site(), PackageKind.FEEDBACK, day, seq, recipient)

    def _feedback_done(self, result: ExportResult | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            self._failed(error or RuntimeError("no result"))
            return
        if result.empty:
            text = self.tr(
                "Nothing new for this studio since its last feedback package: no file written."
            )
        else:
            text = self.tr("Feedback package No. {0} saved: {1}\n{2}").format(
                result.sequence, result.path, self._counts(result.counts)
            )
        self.feedback_result.setText(text)
        self._say(text.splitlines()[0])

    # --- import: plan, apply ------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> None:
        """Choose a package (unless given) and show its plan; nothing is written yet."""
        if path is None:
            path = self.choose_open(self, self.folder)
            if path is None:
                return
        self.folder = path.parent
        self.tabs.setCurrentWidget(self.import_tab)
        self._plan_for(path, None)

    def _plan_for(self, path: Path, password: str | None) -> None:
        ctx = self.ctx

        def work(p: operations.Progress) -> Plan:
            plan = plan_import(ctx, path, password, p.progress, p.cancelled)
            p.check()
            return plan

        self._run(
            self.tr("Reading the package…"),
            work,
            lambda result, error: self._planned(path, password, result, error),
        )

    def _planned(
        self, path: Path, password: str | None, plan: Plan | None, error: BaseException | None
    ) -> None:
        if isinstance(error, PasswordRequired):
            given = self.ask_password(self, path.name)
            if given:
                self._plan_for(path, given)
            return
        if error is not None or plan is None:
            self._failed(error or RuntimeError("no plan"))
            return
        self.show_plan(plan, path, password)

    def show_plan(self, plan: Plan, path: Path, password: str | None) -> None:
        self.plan, self._source = plan, (path, password)
        manifest = plan.package.manifest
        self.file_label.setText(
            self.tr("{0} — from {1}, package No. {2}").format(
                plan.file_name, manifest.get("site_name", ""), manifest.get("sequence", "")
            )
        )
        self.warnings.setText("\n".join(plan.warnings))
        self.warnings.setVisible(bool(plan.warnings))
        sheets = rows.sheet_counts(plan)
        shown = [
            TextRow((s.sheet, *(f"{s.counts[k]:,}" for k in rows.PLAN_COLUMNS)), key=s.sheet)
            for s in sheets
        ]
        total = rows.totals(sheets)
        shown.append(
            TextRow(
                (self.tr("Total"), *(f"{total[k]:,}" for k in rows.PLAN_COLUMNS)),
                bold=True,
            )
        )
        self.plan_model.set_rows(shown)
        fit_height(self.plan_table)
        self.attention_model.set_rows([self._attention_row(rp) for rp in rows.attention(plan)])
        fit_columns(self.attention_table)
        open_conflicts = len(plan.open_conflicts)
        if open_conflicts:
            text = self.tr(
                "{0} conflicts wait for a decision: Apply keeps them for you to decide and "
                "imports nothing yet."
            ).format(open_conflicts)
        else:
            text = self.tr("Nothing is changed until you press Apply.")
        waits = plan.counts["waiting"]
        if waits:
            text += "\n" + self.tr(
                "{0} rows refer to records not received yet: they will be kept and imported "
                "when those arrive."
            ).format(f"{waits:,}")
        text = "\n".join([text, *plan.notes])
        label = self.tr("Rows to look at: {0}").format(f"{len(self.attention_model.rows):,}")
        more = sum(plan.not_shown(action) for action in ("rejected", "waiting"))
        if more:
            label += self.tr(
                " (another {0} rejected or waiting rows are counted, not listed)"
            ).format(f"{more:,}")
        self.attention_label.setText(label)
        self._say(text)
        self._update_buttons()

    def _attention_row(self, rp: Any) -> TextRow:
        if rp.action == "conflict":
            problem = self.tr("Conflict")
            if rp.decision:
                problem = self.tr("Conflict (decided)")
        elif rp.action == "waiting":
            problem = self.tr("Waits for a record")
        else:
            problem = self.tr("Rejected")
        title = rows.row_title(rp.values)
        return TextRow(
            (rp.sheet, str(rp.number), title, problem, rp.reason), key=rp.uuid, warn=True
        )

    def discard_plan(self) -> None:
        """Forget the plan: nothing was written."""
        self.plan, self._source = None, None
        self.plan_model.set_rows([])
        fit_height(self.plan_table)
        self.attention_model.set_rows([])
        self.warnings.hide()
        self.attention_label.setText(self.tr("Rows to look at"))
        self.file_label.setText(self.tr("Not imported."))
        self._update_buttons()

    def apply(self) -> None:
        """Import the planned file for real (read again: the file is the truth)."""
        if self._source is not None:
            self._apply(*self._source)

    def reimport(self) -> None:
        """Import the file whose conflicts were decided: the decisions apply now."""
        if self._waiting is not None:
            self._apply(*self._waiting)

    def _apply(self, path: Path, password: str | None) -> None:
        ctx = self.ctx

        def work(p: operations.Progress) -> ImportResult:
            return import_package(
                ctx, path, password=password, progress=p.progress, cancelled=p.cancelled
            )

        self._run(
            self.tr("Importing…"),
            work,
            lambda result, error: self._applied(path, password, result, error),
        )

    def _applied(
        self,
        path: Path,
        password: str | None,
        result: ImportResult | None,
        error: BaseException | None,
    ) -> None:
        if error is not None or result is None:
            self._failed(error or RuntimeError("no result"))
            return
        self.discard_plan()
        if result.waiting:
            self._waiting = (path, password)
            self.file_label.setText(
                self.tr("{0}: waiting for your decision on conflicts.").format(path.name)
            )
            self._say(
                self.tr(
                    "{0} conflicts wait for your decision: nothing was imported. Decide each "
                    "one, then import the file again."
                ).format(result.waiting)
            )
            self.refresh()
            self.tabs.setCurrentWidget(self.conflicts)
            self.conflicts.select_first()
            return
        self._waiting = None
        self.file_label.setText(self.tr("Imported: {0}").format(path.name))
        said = [self.tr("Imported “{0}”.").format(path.name)]
        waits = result.plan.counts["waiting"]
        if waits:
            said.append(
                self.tr(
                    "{0} rows wait for records not received yet: kept, imported when those arrive."
                ).format(f"{waits:,}")
            )
        self._say("\n".join(said + result.notes))
        self.refresh()
        self.imported.emit()

    def _settle(self) -> None:
        """The conflicts of rows kept waiting are all decided: apply those rows now."""
        if self.busy or not waiting.ready():
            return
        ctx = self.ctx

        def work(_p: operations.Progress) -> list[Replayed]:
            return waiting.settle(ctx)

        self._run(self.tr("Importing…"), work, self._settled)

    def _settled(self, result: list[Replayed] | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            self._failed(error or RuntimeError("no result"))
            return
        self._say("\n".join(r.message() for r in result))
        self.refresh()
        self.imported.emit()

    def _show_waiting(self, waiting: int) -> None:
        index = self.tabs.indexOf(self.conflicts)
        title = self.tr("Conflicts ({0})").format(waiting) if waiting else self.tr("Conflicts")
        self.tabs.setTabText(index, title)

    # --- history ------------------------------------------------------------------------

    def _show_history(self) -> None:
        kinds = {"studio": self.tr("Studio package"), "feedback": self.tr("Feedback package")}
        shown = []
        for h in rows.history():
            counts = h.counts
            shown.append(
                TextRow(
                    (
                        h.sender,
                        kinds.get(h.kind, h.kind),
                        str(h.sequence),
                        f"{h.imported_at:%Y-%m-%d %H:%M}",
                        f"{counts.get('new', 0):,}",
                        f"{counts.get('update', 0):,}",
                        f"{counts.get('tombstone', 0):,}",
                        f"{counts.get('rejected', 0):,}",
                        h.file_name,
                    ),
                    key=h.package_uuid,
                    tooltip=self.tr("Package identifier: {0}").format(h.package_uuid),
                )
            )
        self.history_model.set_rows(shown)
        fit_columns(self.history_table)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self.busy:
            self.refresh()
