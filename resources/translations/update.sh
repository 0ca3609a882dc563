#!/bin/sh
# Refresh the catalogues from the sources, then compile them. Translate new entries
# (type="unfinished") in Qt Linguist or by hand, then run this again.
# - Chinese (studio_app_zh_CN.ts): every string of the UI.
# - English (studio_app_en.ts): the plural forms of counts (tr("%Ln record(s)", "", n)),
#   and the English of the texts the record kinds declare (declared_en.json, written in by
#   declared.py).
# tests/ui/test_translations.py fails while a catalogue or a .qm is out of date.
set -e
cd "$(dirname "$0")/../.."
BIN="${PYSIDE_BIN:-.venv/bin}"
SOURCES=$(find studio_app/ui -name '*.py' | LC_ALL=C sort)
"$BIN/pyside6-lupdate" $SOURCES \
    -ts resources/translations/studio_app_zh_CN.ts \
    -target-language zh_CN -no-obsolete -locations none
"$BIN/pyside6-lrelease" resources/translations/studio_app_zh_CN.ts \
    -qm resources/translations/studio_app_zh_CN.qm
"$BIN/pyside6-lupdate" $SOURCES \
    -ts resources/translations/studio_app_en.ts \
    -target-language en -pluralonly -no-obsolete -locations none
"${PYTHON:-python3}" resources/translations/declared.py
"$BIN/pyside6-lrelease" resources/translations/studio_app_en.ts \
    -qm resources/translations/studio_app_en.qm
