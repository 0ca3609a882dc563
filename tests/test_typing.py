"""Type checks, in the suite: mypy over studio_app with the settings of pyproject.toml.

core/, exchange/ and storage/ are checked strictly; the rest with the bodies of untyped
functions checked too ([tool.mypy]). A failure lists mypy's errors, one a line.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_mypy_passes() -> None:
    result = _mypy()
    if "No module named mypy" in result.stderr:
        pytest.fail("mypy is part of the test extras and must be installed")
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 0, "\n".join(errors) or result.stdout + result.stderr


def test_the_domain_layers_are_checked_strictly() -> None:
    """The strict flags stay on for core, exchange and storage (``strict`` itself cannot be
    set per module: mypy would apply it everywhere)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert "strict" not in config
    strict = [o for o in config["overrides"] if "studio_app.core.*" in o["module"]]
    assert len(strict) == 1
    assert set(strict[0]["module"]) >= {
        "studio_app.core.*",
        "studio_app.exchange.*",
        "studio_app.storage.*",
    }
    for flag in ("disallow_untyped_defs", "disallow_any_generics", "warn_return_any"):
        assert strict[0][flag] is True, flag
