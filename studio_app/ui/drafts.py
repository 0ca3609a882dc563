"""Nothing typed is lost: the visit dialog's unsaved input is kept as a draft.

A draft is a JSON file in ``drafts/`` of the data directory, written atomically (temp
file, then rename) a moment after each change. Saving or discarding the visit removes it;
a crash leaves it, and it is offered when the app starts again or when the same visit (or
a new one) is opened.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)

from studio_app.ui import messages
from studio_app.ui.dialogs.visit_dialog import VisitDialog

log = logging.getLogger("studio_app.ui.drafts")

DRAFTS_DIR = "drafts"
SAVE_DELAY_MS = 400
NEW_VISIT = "visit-new"


def encode(value: Any) -> Any:
    """Form values as JSON: dates and times become tagged ISO text."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$datetime"}:
            return datetime.fromisoformat(value["$datetime"])
        if set(value) == {"$date"}:
            return date.fromisoformat(value["$date"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


@dataclass
class Draft:
    key: str
    saved_at: datetime
    data: dict[str, Any]


class DraftStore:
    """The drafts of one data directory, one file per key."""

    def __init__(self, root: Path) -> None:
        self.folder = Path(root) / DRAFTS_DIR

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def save(self, key: str, data: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"saved_at": datetime.now().isoformat(timespec="seconds"), "data": encode(data)},
            ensure_ascii=False,
        )
        fd, temp = tempfile.mkstemp(prefix=f".{key}-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temp, self.path(key))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def load(self, key: str) -> Draft | None:
        """The draft under ``key``; a damaged one is removed (and logged)."""
        try:
            found = json.loads(self.path(key).read_text(encoding="utf-8"))
            return Draft(key, datetime.fromisoformat(found["saved_at"]), decode(found["data"]))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("dropping damaged draft %s: %s", key, exc)
            self.remove(key)
            return None

    def remove(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json"))


_store: DraftStore | None = None


def configure(root: Path | None) -> None:
    """Keep drafts in ``root/drafts`` (None: keep none)."""
    global _store
    _store = DraftStore(root) if root is not None else None


def store() -> DraftStore | None:
    return _store


def key_of(dialog: VisitDialog) -> str:
    return NEW_VISIT if dialog.visit_id is None else f"visit-{dialog.visit_id}"


class DraftKeeper(QObject):
    """Offers a leftover draft for ``dialog``, then keeps its input as a draft."""

    def __init__(self, dialog: VisitDialog, drafts: DraftStore) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.drafts = drafts
        self.key = key_of(dialog)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.write)
        self._offer()
        self._watch()
        dialog.saved.connect(self._saved)
        dialog.finished.connect(self._finished)

    def _offer(self) -> None:
        draft = self.drafts.load(self.key)
        if draft is None:
            return
        data = draft.data
        if data.get("rev") != self.dialog.rev:  # the visit changed since: stale input
            log.info("dropping draft %s: the visit changed since", self.key)
            self.drafts.remove(self.key)
            return
        if not messages.ask_restore_draft(self.dialog.parentWidget(), draft.saved_at):
            self.drafts.remove(self.key)
            return
        try:
            self.apply(data)
        except Exception:  # a draft from another version, or damaged: not worth a crash
            log.exception("could not restore draft %s", self.key)
            self.drafts.remove(self.key)

    def apply(self, data: dict[str, Any]) -> None:
        """Fill the form from a draft (fields the draft lacks keep the form's values)."""
        form = self.dialog.form
        form.load({**form.values(), **data.get("values", {})})
        for values in data.get("new_residents", []):
            form.residents._add_new(values)

    def _watch(self) -> None:
        form = self.dialog.form
        restart = self.timer.start
        for edit in form.findChildren(QLineEdit):
            edit.textChanged.connect(restart)
        for box in form.findChildren(QPlainTextEdit):
            box.textChanged.connect(restart)
        for combo in form.findChildren(QComboBox):
            combo.currentIndexChanged.connect(restart)
        for when in form.findChildren(QDateTimeEdit):
            when.dateTimeChanged.connect(restart)
        for spin in form.findChildren(QSpinBox):
            spin.valueChanged.connect(restart)
        for button in form.findChildren(QAbstractButton):
            button.toggled.connect(restart)
        form.members.changed.connect(restart)
        form.residents.changed.connect(restart)

    def write(self) -> None:
        """Save the input as the draft, or remove the draft when nothing is changed."""
        self.timer.stop()
        if not self.dialog.has_changes():
            self.drafts.remove(self.key)
            return
        form = self.dialog.form
        data = {
            "visit_id": self.dialog.visit_id,
            "rev": self.dialog.rev,
            "values": form.values(),
            "new_residents": [p.values for p in form.residents.new_residents()],
        }
        try:
            self.drafts.save(self.key, data)
        except OSError:
            log.exception("could not save the draft %s", self.key)

    def _saved(self, _visit_id: int) -> None:
        self.timer.stop()
        self.drafts.remove(self.key)
        self.key = key_of(self.dialog)
        self.drafts.remove(self.key)

    def _finished(self, _result: int) -> None:
        """Saved or discarded (the dialog asked first): the draft has served."""
        self.timer.stop()
        self.drafts.remove(self.key)


def keep(dialog: VisitDialog) -> DraftKeeper | None:
    """Attach drafts to a visit dialog that is about to open (if drafts are configured)."""
    return DraftKeeper(dialog, _store) if _store is not None else None


def offer_at_start(page: Any) -> None:
    """After a crash: open the visit a draft belongs to (the dialog offers the draft)."""
    if _store is None:
        return
    for key in _store.names():
        if key == NEW_VISIT:
            page.new_visit()
            return
        number = key.removeprefix("visit-")
        if number.isdigit():
            try:
                page.edit_visit(int(number))
            except Exception:  # the visit is gone (deleted elsewhere): so is its draft
                log.exception("dropping draft %s", key)
                _store.remove(key)
                continue
            return
