#!/bin/sh
# Refresh the Chinese catalogue from the sources, then compile it. Translate new entries
# (type="unfinished") in Qt Linguist or by hand, then run this again.
# tests/ui/test_translations.py fails while the catalogue or the .qm is out of date.
set -e
cd "$(dirname "$0")/../.."
BIN="${PYSIDE_BIN:-.venv/bin}"
"$BIN/pyside6-lupdate" $(find studio_app/ui -name '*.py' | LC_ALL=C sort) \
    -ts resources/translations/studio_app_zh_CN.ts \
    -target-language zh_CN -no-obsolete -locations none
"$BIN/pyside6-lrelease" resources/translations/studio_app_zh_CN.ts \
    -qm resources/translations/studio_app_zh_CN.qm
