"""Nothing typed is lost: a create/edit dialog's unsaved input is kept as a draft.

A draft is a JSON file in ``drafts/<user>/`` of the data directory, written atomically
(temp file, then rename) a moment after each change. Saving or discarding the record
removes it; a crash leaves it, and it is offered when the same user starts the app again or
opens the same record (or a new one of its kind). Every declared kind's dialog keeps drafts;
a draft is named after the kind and the record (``visit-new``, ``proposal-7``).

Drafts belong to the user who typed them, never to the next one at the computer. Phone and
ID numbers (and every column derived from them, ``core.masking``) are kept only for a user
with the identifier grant; for anyone else they are left out of the file (the form keeps
the record's masked value when the draft is restored). Drafts of older versions, kept in
``drafts/`` itself for whoever came next, are taken over by the next user without their
identifiers.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
)

from studio_app.core import kinds
from studio_app.core.masking import is_identifier, without_identifiers
from studio_app.ui import messages

if TYPE_CHECKING:  # dialogs are loaded with the first one opened, not at start
    from studio_app.ui.dialogs.record_dialog import RecordDialog
    from studio_app.ui.main_window import MainWindow

log = logging.getLogger("studio_app.ui.drafts")

DRAFTS_DIR = "drafts"
SAVE_DELAY_MS = 400
NEW_VISIT = "visit-new"
LEFT_OUT = "identifiers_left_out"  # the form's identifier fields a draft did not keep
_DRAFT_KEYS = frozenset({"rev", "values", LEFT_OUT, "visit_id"})


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


def user_folder(login: str) -> str:
    """The folder name of ``login``'s drafts: the name (unsafe characters replaced) and a
    short hash of it, so that names differing in case or in those characters never share."""
    safe = re.sub(r"[^\w-]", "_", login)[:40] or "_"
    return f"{safe}-{hashlib.sha256(login.encode()).hexdigest()[:8]}"


class DraftStore:
    """The drafts of one user in one data directory, one file per key; identifiers only
    when ``identifiers`` (the user's grant)."""

    def __init__(self, root: Path, user: str, *, identifiers: bool) -> None:
        self.shared = Path(root) / DRAFTS_DIR  # older versions kept every draft here
        self.folder = self.shared / user_folder(user)
        self.identifiers = identifiers

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def _allowed(self, data: dict[str, Any]) -> dict[str, Any]:
        return data if self.identifiers else without_identifiers(data)

    def save(self, key: str, data: dict[str, Any]) -> None:
        kept = self._allowed(data)
        if kept != data:  # say which typed fields were left out, to ask for them again
            values = data.get("values", {})
            typed = {k for k, v in values.items() if is_identifier(k) and v and "*" not in str(v)}
            kept[LEFT_OUT] = sorted(typed)  # (a masked value shown was not typed)
        self._write(self.path(key), kept)

    def _write(self, path: Path, data: dict[str, Any], saved_at: str | None = None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {
                "saved_at": saved_at or datetime.now().isoformat(timespec="seconds"),
                "data": encode(data),
            },
            ensure_ascii=False,
        )
        fd, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def load(self, key: str) -> Draft | None:
        """The draft under ``key``; a damaged one is removed (and logged)."""
        try:
            found = json.loads(self.path(key).read_text(encoding="utf-8"))
            data = self._allowed(decode(found["data"]))
            return Draft(key, datetime.fromisoformat(found["saved_at"]), data)
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

    def tidy(self) -> None:
        """Before use: take over the drafts older versions shared (without identifiers),
        drop temp files a crash left (they hold a whole draft), and remove identifiers from
        this user's drafts when the grant was withdrawn since."""
        for leftover in (*self.shared.glob(".*.tmp"), *self.folder.glob(".*.tmp")):
            leftover.unlink(missing_ok=True)
        for old in sorted(self.shared.glob("*.json")):
            try:
                found = json.loads(old.read_text(encoding="utf-8"))
                data = without_identifiers(decode(found["data"]))
                if not self.path(old.stem).exists():
                    self._write(self.path(old.stem), data, str(found["saved_at"]))
            except (ValueError, KeyError, TypeError, OSError) as exc:
                log.warning("dropping an old shared draft %s: %s", old.stem, exc)
            old.unlink(missing_ok=True)
        if self.identifiers:
            return
        for key in self.names():
            path = self.path(key)
            try:
                found = json.loads(path.read_text(encoding="utf-8"))
                data = decode(found["data"])
                if without_identifiers(data) != data:
                    self._write(path, without_identifiers(data), str(found["saved_at"]))
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("dropping damaged draft %s: %s", key, exc)
                self.remove(key)


_store: DraftStore | None = None


def configure(root: Path | None, user: str = "", *, identifiers: bool = False) -> None:
    """Keep ``user``'s drafts in ``root/drafts/<user>`` (root None: keep none), with phone
    and ID numbers only when ``identifiers`` (the user's grant)."""
    global _store
    _store = None
    if root is None:
        return
    if not user:
        raise ValueError("drafts belong to a user")
    _store = DraftStore(root, user, identifiers=identifiers)
    try:
        _store.tidy()
    except OSError:
        log.exception("could not tidy the drafts of %s", user)


def store() -> DraftStore | None:
    return _store


def key_of(dialog: RecordDialog) -> str:
    record_id = dialog.record_id
    return f"{dialog.draft_kind}-{'new' if record_id is None else record_id}"


class DraftKeeper(QObject):
    """Offers a leftover draft for ``dialog``, then keeps its input as a draft."""

    def __init__(self, dialog: RecordDialog, drafts: DraftStore) -> None:
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
        if data.get("rev") != self.dialog.rev:  # the record changed since: stale input
            log.info("dropping draft %s: the record changed since", self.key)
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
        # Drafts of older versions kept what was typed besides the fields (the residents
        # typed into a visit) beside "values"; it is among the values now.
        beside = {k: v for k, v in data.items() if k not in _DRAFT_KEYS}
        self.dialog.fill({**self.dialog.values(), **beside, **data.get("values", {})})
        for key in data.get(LEFT_OUT, []):
            row = self.dialog.rows.get(key)
            if row is not None and isinstance(row.editor, QLineEdit):
                row.set_error(self.tr("Not kept in the draft for your account: type it again."))

    def _watch(self) -> None:
        from studio_app.ui.widgets.edits import on_input

        on_input(self.dialog.form_widget, self.timer.start)

    def write(self) -> None:
        """Save the input as the draft, or remove the draft when nothing is changed."""
        self.timer.stop()
        if not self.dialog.has_changes():
            self.drafts.remove(self.key)
            return
        data: dict[str, Any] = {"rev": self.dialog.rev, "values": self.dialog.values()}
        try:
            self.drafts.save(self.key, data)
        except OSError:
            log.exception("could not save the draft %s", self.key)

    def _saved(self, _record_id: int) -> None:
        self.timer.stop()
        self.drafts.remove(self.key)
        self.key = key_of(self.dialog)
        self.drafts.remove(self.key)

    def _finished(self, _result: int) -> None:
        """Saved or discarded (the dialog asked first): the draft has served."""
        self.timer.stop()
        self.drafts.remove(self.key)


def keep(dialog: QDialog) -> DraftKeeper | None:
    """Attach drafts to a dialog that is about to open (if drafts are configured and the
    dialog is one that keeps them)."""
    if _store is None:
        return None
    from studio_app.ui.dialogs.record_dialog import RecordDialog  # loaded with the first dialog

    if isinstance(dialog, RecordDialog) and dialog.draft_kind:
        return DraftKeeper(dialog, _store)
    return None


def open_draft(window: MainWindow, key: str) -> bool:
    """Open the dialog the draft ``key`` belongs to (the dialog offers the draft), on the
    page of its kind; False when the key names no kind the app knows or its record is gone
    (the draft goes too)."""
    kind, _, number = key.partition("-")
    if _store is None or kind not in kinds.names() or not (number == "new" or number.isdigit()):
        return False
    page = window.kind_page(kind)
    record_id = None if number == "new" else int(number)
    window.show_page(page)
    try:
        page.open_record(record_id)
    except Exception:  # the record is gone (deleted elsewhere): so is its draft
        log.exception("dropping draft %s", key)
        _store.remove(key)
        return False
    return True


def listed() -> list[tuple[str, Draft]]:
    """The drafts kept now (key, draft), newest first, for the desk."""
    if _store is None:
        return []
    found = [(key, d) for key in _store.names() if (d := _store.load(key)) is not None]
    return sorted(found, key=lambda item: item[1].saved_at, reverse=True)


def offer_at_start(window: MainWindow) -> None:
    """After a crash: open the record the first draft belongs to (its dialog offers it)."""
    if _store is None:
        return
    for key in _store.names():
        if open_draft(window, key):
            return
