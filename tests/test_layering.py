"""Layering of docs/ARCHITECTURE.md, enforced: Qt only in studio_app.ui; ui → services → storage."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "studio_app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_qt_outside_the_ui_package() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        qt = {
            m
            for m in _imports(path)
            if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")
        }
        if qt:
            offenders.append(f"{path.relative_to(PACKAGE)}: {sorted(qt)}")
    assert offenders == []


def test_domain_layers_never_import_the_ui() -> None:
    for layer in ("core", "storage", "services", "exchange", "reports"):
        for path in (PACKAGE / layer).rglob("*.py"):
            assert not any(m.startswith("studio_app.ui") for m in _imports(path)), path


def test_import_linter_contracts_hold() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.fail("import-linter is part of the test extras and must be installed")
    result = subprocess.run(
        [exe, "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_services_import_without_qt_loaded() -> None:
    code = (
        "import sys, studio_app.cli, studio_app.services.visits, studio_app.services.lists.paging;"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
