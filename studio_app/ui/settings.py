"""Remembered UI state: typed options declared in one place, in an INI file that lives in
the data directory (so it travels with the data), with a version for upgrades (Picard).

Only the GUI's own state lives here (window geometry, columns, last filters, language);
studio settings that printing or the exchange need are in the database.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger("studio_app.ui.settings")

SETTINGS_FILE = "settings.ini"
VERSION_KEY = "settings/version"
T = TypeVar("T", str, bool, int, bytes, dict)


@dataclass(frozen=True)
class Option(Generic[T]):
    """One remembered value: its INI key and default (whose type is the option's type)."""

    key: str
    default: T


LANGUAGE = Option("ui/language", "")  # "" until the user chooses: the default language
MAIN_GEOMETRY = Option("main_window/geometry", b"")
VISITS_HEADER = Option("visits/header_state", b"")  # column widths and order
VISITS_SORT = Option("visits/sort", "")  # a column key of the list; "" = the default
VISITS_DESCENDING = Option("visits/descending", True)
VISITS_SEARCH = Option("visits/search", "")
VISITS_FILTERS = Option("visits/filters", {})  # visit_list filters, dates as ISO text
DETAIL_SPLITTER = Option("lists/detail_splitter", b"")  # list / detail panel divider
DETAIL_SHOWN = Option("lists/detail_shown", True)

OPTIONS: tuple[Option[Any], ...] = (
    LANGUAGE,
    MAIN_GEOMETRY,
    VISITS_HEADER,
    VISITS_SORT,
    VISITS_DESCENDING,
    VISITS_SEARCH,
    VISITS_FILTERS,
    DETAIL_SPLITTER,
    DETAIL_SHOWN,
)


# version → the function that brings a file of the previous version up to it (rename or
# convert keys there when an option changes meaning). Version 1 is the first.
UPGRADES: dict[int, Callable[[QSettings], None]] = {}


def current_version() -> int:
    return max(UPGRADES, default=1)


class Settings:
    """Typed access to the INI file; unknown or damaged values read as the default."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.raw = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._upgrade()

    @classmethod
    def in_data_dir(cls, root: Path) -> Settings:
        return cls(Path(root) / SETTINGS_FILE)

    def _upgrade(self) -> None:
        stored = self.raw.value(VERSION_KEY)
        version = int(stored) if stored is not None and str(stored).isdigit() else None
        if version is None:  # a new file: nothing to upgrade
            self.raw.setValue(VERSION_KEY, current_version())
            return
        for target in sorted(v for v in UPGRADES if v > version):
            log.info("upgrading UI settings to version %s", target)
            UPGRADES[target](self.raw)
            self.raw.setValue(VERSION_KEY, target)

    def get(self, option: Option[T]) -> T:
        value = self.raw.value(option.key)
        if value is None:
            return option.default
        try:
            return _convert(value, option.default)
        except (TypeError, ValueError):
            log.warning("ignoring a damaged setting %s", option.key)
            return option.default

    def set(self, option: Option[T], value: T) -> None:
        if isinstance(option.default, dict):
            self.raw.setValue(option.key, json.dumps(value, ensure_ascii=False, sort_keys=True))
        elif isinstance(option.default, bytes):
            self.raw.setValue(option.key, QByteArray(bytes(value)))
        else:
            self.raw.setValue(option.key, value)

    def sync(self) -> None:
        self.raw.sync()


def _convert(value: Any, default: Any) -> Any:
    if isinstance(default, bool):  # INI stores text: "true" / "false"
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("true", "1", "yes")
    if isinstance(default, int):
        return int(value)
    if isinstance(default, bytes):
        if isinstance(value, QByteArray):
            return bytes(value.data())
        if isinstance(value, bytes):
            return value
        raise TypeError(type(value))
    if isinstance(default, dict):
        found = json.loads(str(value))
        if not isinstance(found, dict):
            raise ValueError("not an object")
        return found
    return str(value)
