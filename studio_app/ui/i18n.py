"""UI language: Qt translators for our strings and Qt's own, and labels of coded values.

Source strings are English; Chinese (zh_CN) is the default UI language. Labels of coded
values (channel, status…) come from :mod:`studio_app.core.codes`, which holds both
languages, so they follow the language chosen here. The texts the record kinds declare
(:mod:`studio_app.core.kinds`: labels, field labels, hints, workflow steps…) are Chinese;
:func:`declared` shows them in the UI language, from the English catalogue's ``declared``
context (``resources/translations/declared_en.json``). The English catalogue also holds the
English plural forms of counts (``self.tr("%Ln record(s)", "", n)``; in a class of its own
when the class calling it is subclassed: PySide looks a plural up under the instance's class
and stops there).
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
DECLARED = "declared"  # the catalogue context of the texts the record kinds declare

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


def declared(text: str, n: int = -1) -> str:
    """A text a record kind declares (Chinese) in the UI language: in English, its plural
    when ``n`` (a count, 2 for "many") asks for one. As declared when the English catalogue
    has no entry for it (a kind a test declares)."""
    return QCoreApplication.translate(DECLARED, text, None, n) if text else text


def install_translation(
    app: QCoreApplication, language: str = DEFAULT_LANGUAGE
) -> list[QTranslator]:
    """Install the translators for ``language`` in place of any installed before; returns
    them so they can be removed. English has ours only (plurals, declared texts): it is the
    language of the sources and of Qt's own texts."""
    global _language
    _language = language
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.setParent(None)  # no longer among the app's translators (smoke test)
    english = language == "en"
    if english:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    else:
        locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(locale)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = [(CATALOGUE, str(catalogue_path(language).parent))]
    installed = []
    for name, folder in ours if english else [("qtbase", qt_dir), *ours]:
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
    return install_translation(app, language)
