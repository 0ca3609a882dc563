"""Switching the UI language at run time: 中文 / English, remembered in the settings.

The main window is rebuilt in the new language rather than re-translated widget by widget
(every page, model and code label would need a ``retranslateUi``); its state goes through
the settings on the way (geometry, columns, sort, filters, search), so the user sees the
same window, now in the other language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow

from studio_app.ui import help_menu
from studio_app.ui import settings as opt
from studio_app.ui.i18n import DEFAULT_LANGUAGE, LANGUAGE_ENV, current_language
from studio_app.ui.settings import Settings

LANGUAGES = ("zh_CN", "en")


def remembered(settings: Settings, fallback: str) -> str:
    """The language chosen in the menu earlier, else ``fallback`` (the environment's)."""
    import os

    if os.environ.get(LANGUAGE_ENV):  # an explicit STUDIO_APP_LANG wins
        return fallback
    chosen = settings.get(opt.LANGUAGE)
    return chosen if chosen in LANGUAGES else fallback


def add_menu(window: QMainWindow, choose: Callable[[str], None]) -> QActionGroup:
    """A "Language" menu with one checkable entry per language."""
    menu = help_menu.add_menu(window, QCoreApplication.translate("language", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    names = {"zh_CN": "中文", "en": "English"}  # each in its own language, found in either
    for language in LANGUAGES:
        action = QAction(names[language], menu)
        action.setObjectName(f"language_{language}")
        action.setCheckable(True)
        action.setChecked(language == (current_language() or DEFAULT_LANGUAGE))
        action.triggered.connect(lambda _checked=False, lang=language: choose(lang))
        group.addAction(action)
        menu.addAction(action)
    return group
