"""Every maintainer's doc the code, the tests and the docs cite is in the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITED = re.compile(r"\b([A-Z][A-Z_]+)\.md\b")


def _sources() -> list[Path]:
    found = [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    for folder in ("studio_app", "tests"):
        found += [p for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".sql", ".kind")]
    return found


def test_every_cited_doc_exists() -> None:
    missing = set()
    for path in _sources():
        for name in CITED.findall(path.read_text("utf-8")):
            if not (ROOT / "docs" / f"{name}.md").exists() and name != "README":
                missing.add(f"{path.relative_to(ROOT)}: {name}.md")
    assert not missing, sorted(missing)
