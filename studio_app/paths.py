"""Where the data lives: database, backups/ and logs/ in one data directory.

Order: the ``--data-dir`` option, then ``STUDIO_APP_DATA_DIR``, then the user's local
app-data folder (platformdirs: ``%LOCALAPPDATA%\\StudioLedger`` on Windows).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "STUDIO_APP_DATA_DIR"
APP_NAME = "StudioLedger"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, roaming=False)


@dataclass(frozen=True)
class DataDir:
    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    @classmethod
    def resolve(cls, option: str | os.PathLike[str] | None = None) -> DataDir:
        chosen = option or os.environ.get(ENV_VAR) or default_data_dir()
        return cls(Path(chosen).expanduser().resolve())

    @property
    def database(self) -> Path:
        return self.root / "studio.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def create(self) -> None:
        """Make the folders; raises OSError with the real cause when that is impossible."""
        for folder in (self.root, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
