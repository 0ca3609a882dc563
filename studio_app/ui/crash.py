"""Hard crashes: faulthandler writes the stacks to ``logs/crash.log``; the next start
shows that log once and moves it aside (qutebrowser's crash handling, simplified).

A Python exception never gets here (see :mod:`studio_app.ui.errors`); this is for what
kills the process — a segfault in Qt or a C extension, an abort.
"""

from __future__ import annotations

import faulthandler
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

CRASH_LOG = "crash.log"


class CrashLog:
    """The crash log of one ``logs/`` folder."""

    def __init__(self, logs_dir: Path) -> None:
        self.logs_dir = logs_dir
        self.path = logs_dir / CRASH_LOG
        self._file: IO[str] | None = None
        self._was_enabled = False

    def take_previous(self) -> tuple[str, Path] | None:
        """The previous run's crash report and where it was moved, or None if it ended well.

        The report is moved to ``crash-<time>.log`` so it is shown only once."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return None
        if not text.strip():
            self.path.unlink(missing_ok=True)
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = self.logs_dir / f"crash-{stamp}.log"
        self.path.replace(kept)
        return text, kept

    def enable(self) -> None:
        """Write the stacks of all threads to the crash log if the process dies."""
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        self._was_enabled = faulthandler.is_enabled()
        self._file = self.path.open("w", encoding="utf-8")
        faulthandler.enable(self._file, all_threads=True)

    def disable(self) -> None:
        """A clean exit: stop the handler and remove the (empty) log."""
        if self._file is None:
            return
        faulthandler.disable()
        if self._was_enabled:  # e.g. PYTHONFAULTHANDLER, or a test runner's own
            faulthandler.enable(sys.stderr, all_threads=True)
        self._file.close()
        self._file = None
        if self.path.exists() and self.path.stat().st_size == 0:
            self.path.unlink()
