"""Rotating log file in the data directory's logs/ folder."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "studio-app.log"


class QuietFileHandler(RotatingFileHandler):
    """A log file that gives up silently when it cannot be written (a full disk, a read-only
    folder): the user's message stays one sentence, never followed by logging's own
    "--- Logging error ---" traceback. The file is opened at the first record."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def configure(logs_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the ``studio_app`` loggers to ``logs_dir/studio-app.log`` (1 MB × 5 files)."""
    path = logs_dir / LOG_NAME
    logger = logging.getLogger("studio_app")
    if not any(isinstance(h, RotatingFileHandler) for h in logger.handlers):
        handler = QuietFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    return path
