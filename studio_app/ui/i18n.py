"""UI language: Qt translators for our strings and Qt's own, and labels of coded values.

Source strings are English; Chinese (zh_CN) is the default UI language. Labels of coded
values (channel, status…) come from :mod:`studio_app.core.codes`, which holds both
languages, so they follow the language chosen here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from studio_app.core.codes import Coded

LANGUAGE_ENV = "STUDIO_APP_LANG"
DEFAULT_LANGUAGE = "zh_CN"
CATALOGUE = "studio_app"

_language = DEFAULT_LANGUAGE


def resources_dir() -> Path:
    """The top-level ``resources/`` folder, from a source tree or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def catalogue_path(language: str, suffix: str = ".qm") -> Path:
    return resources_dir() / "translations" / f"{CATALOGUE}_{language}{suffix}"


def chosen_language() -> str:
    """The language asked for in ``STUDIO_APP_LANG`` (``zh_CN`` or ``en``), else Chinese."""
    value = os.environ.get(LANGUAGE_ENV, "").strip()
    return "en" if value.lower().startswith("en") else DEFAULT_LANGUAGE


def is_chinese() -> bool:
    return _language != "en"


def label(value: Coded) -> str:
    """A coded value's label in the UI language."""
    return value.label if is_chinese() else value.label_en


def install_translation(
    app: QCoreApplication, language: str = DEFAULT_LANGUAGE
) -> list[QTranslator]:
    """Install the translators for ``language``; returns them so they can be removed."""
    global _language
    _language = language
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(locale)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name, folder in (("qtbase", qt_dir), (CATALOGUE, str(catalogue_path(language).parent))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translation(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo :func:`install_translation` (tests switch languages)."""
    global _language
    for translator in translators:
        app.removeTranslator(translator)
    _language = "en"
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def current_language() -> str:
    return _language


def switch_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Replace the installed translators (ours and Qt's) with those of ``language``."""
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
    return install_translation(app, language)
