"""Where the data lives: database, backups/ and logs/ in one data directory.

Order: the ``--data-dir`` option, then ``STUDIO_APP_DATA_DIR``, then portable mode (a
``portable.txt`` beside the frozen program puts the data in ``data/`` next to it, e.g. on a
USB stick), then the folder chosen in Settings (a per-user ``location.txt`` in the user's
config folder), then the user's local app-data folder (platformdirs:
``%LOCALAPPDATA%\\StudioLedger`` on Windows).
"""

from __future__ import annotations

import configparser
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "STUDIO_APP_DATA_DIR"
APP_NAME = "StudioLedger"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"
LOCATION_FILE = "location.txt"
DATABASE_FILE = "studio.sqlite3"
LOCK_FILE = "studio-data.lock"  # studio_app.storage.folder_lock
SERVER_FILE = "database.ini"  # a county's PostgreSQL database, when it has one


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, roaming=False)


def program_dir() -> Path | None:
    """The folder of the frozen program (PyInstaller), or None when run from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_data_dir() -> Path | None:
    """``data/`` beside the program when the portable marker file is there."""
    folder = program_dir()
    if folder is None or not (folder / PORTABLE_MARKER).is_file():
        return None
    return folder / PORTABLE_DATA


def location_pointer() -> Path:
    """The per-user file naming the data folder chosen in Settings for the next start."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False, roaming=False) / LOCATION_FILE


def remembered_data_dir() -> Path | None:
    """The folder chosen in Settings, or None (no choice, or an unreadable pointer)."""
    try:
        text = location_pointer().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def remember_data_dir(folder: Path | None) -> None:
    """Use ``folder`` from the next start on (None: back to the default location)."""
    pointer = location_pointer()
    if folder is None:
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    temp = pointer.with_suffix(".tmp")
    temp.write_text(str(Path(folder).expanduser().resolve()), encoding="utf-8")
    os.replace(temp, pointer)


def unusable_reason(folder: Path) -> str | None:
    """Why ``folder`` cannot become the data folder (Chinese), or None when it can.

    Data is not moved: the folder must be empty (a new studio is set up there) or already
    hold a studio database (e.g. a copy made by the user).
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        return "所选位置不是文件夹。"
    if not folder.exists() or (folder / DATABASE_FILE).is_file():
        return None
    try:
        empty = all(p.name == LOCK_FILE for p in folder.iterdir())
    except OSError as exc:
        return f"无法读取该文件夹：{exc.strerror or exc}"
    if not empty:
        return "该文件夹不是空的，也没有工作室数据库。请选择空文件夹，或已有数据库的文件夹。"
    return None


@dataclass(frozen=True)
class DataDir:
    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    @classmethod
    def resolve(cls, option: str | os.PathLike[str] | None = None) -> DataDir:
        chosen = (
            option
            or os.environ.get(ENV_VAR)
            or portable_data_dir()
            or remembered_data_dir()
            or default_data_dir()
        )
        return cls(Path(chosen).expanduser().resolve())

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def server_url(self) -> str | None:
        """The county's PostgreSQL database this folder works on (its address without a
        password, from ``database.ini``), or None: the SQLite file of the folder."""
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(self.root / SERVER_FILE, encoding="utf-8")
        except (OSError, configparser.Error):
            return None
        return parser.get("database", "url", fallback="").strip() or None

    def remember_server(self, url: str) -> None:
        """Work on the PostgreSQL database at ``url`` from now on (never with a password)."""
        parser = configparser.ConfigParser(interpolation=None)
        parser["database"] = {"url": url}
        temp = self.root / f"{SERVER_FILE}.tmp"
        with open(temp, "w", encoding="utf-8") as out:
            out.write("# 本机使用的县政协 PostgreSQL 数据库（不含密码）\n")
            parser.write(out)
        os.replace(temp, self.root / SERVER_FILE)

    @property
    def has_database(self) -> bool:
        return self.database.exists() or self.server_url is not None

    def create(self) -> None:
        """Make the folders; raises OSError with the real cause when that is impossible."""
        for folder in (self.root, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
