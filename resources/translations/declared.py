"""Write the English of the texts the record kinds declare into the English catalogue.

The kinds (studio_app/core/kinds.py) declare their labels, hints, workflow steps… in
Chinese; declared_en.json gives each one's English: a text, or [singular, plural] for a
noun that is also counted or names a page. This puts them in the ``declared`` context of
studio_app_en.ts, in place of what was there (update.sh runs it after lupdate, which drops
that context: no source file holds these texts). The UI reads them through
``studio_app.ui.i18n.declared``.

Usage: python resources/translations/declared.py [catalogue.ts]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "declared_en.json"
CATALOGUE = HERE / "studio_app_en.ts"
CONTEXT = "declared"
_OLD = re.compile(rf"<context>\s*<name>{CONTEXT}</name>.*?</context>\n", re.DOTALL)


def _text(value: str) -> str:
    return escape(value, {'"': "&quot;", "'": "&apos;"})


def message(source: str, english: str | list[str]) -> str:
    """One text's message; numerus, so that ``declared(text, n)`` finds every text (a
    text with one English has it in both forms)."""
    singular, plural = (english, english) if isinstance(english, str) else english
    form = "            <numerusform>{}</numerusform>\n"
    forms = form.format(_text(singular)) + form.format(_text(plural))
    return (
        f'    <message numerus="yes">\n        <source>{_text(source)}</source>\n'
        f"        <translation>\n{forms}        </translation>\n    </message>\n"
    )


def context(texts: dict[str, str | list[str]]) -> str:
    body = "".join(message(source, english) for source, english in texts.items())
    return f"<context>\n    <name>{CONTEXT}</name>\n{body}</context>\n"


def rewrite(catalogue: Path, texts: dict[str, str | list[str]]) -> None:
    ts = _OLD.sub("", catalogue.read_text(encoding="utf-8"))
    end = ts.rindex("</TS>")
    catalogue.write_text(ts[:end] + context(texts) + ts[end:], encoding="utf-8")


def main(argv: list[str]) -> None:
    texts = json.loads(TEXTS.read_text(encoding="utf-8"))
    for source, english in texts.items():
        plural = isinstance(english, list) and len(english) == 2
        if not (isinstance(english, str) or plural) or not all(english):
            raise SystemExit(f"{TEXTS.name}: {source!r} needs a text or [singular, plural]")
    rewrite(Path(argv[1]) if len(argv) > 1 else CATALOGUE, texts)


if __name__ == "__main__":
    main(sys.argv)
