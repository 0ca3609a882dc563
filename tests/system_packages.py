"""Tests that need a Debian package say which one when it is missing.

Locally such a test is skipped naming the package; in CI (``CI`` set, where `.ci/run`
installs every package the suite needs) a missing package fails the test with the same
sentence, so an incomplete CI machine can never pass by skipping. The check runs in
``pytest_runtest_setup`` (tests/conftest.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def needs(package: str, present: bool, what: str) -> pytest.MarkDecorator:
    """Mark a test that needs the Debian ``package``; ``present`` says whether it is there."""
    return pytest.mark.needs_package(package=package, present=present, what=what)


def check(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_package"):
        if mark.kwargs["present"]:
            continue
        package = mark.kwargs["package"]
        message = (
            f"needs the Debian package {package} ({mark.kwargs['what']}): apt-get install {package}"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def has(command: str) -> bool:
    return shutil.which(command) is not None


# The CMaps poppler needs to read text set in a non-embedded CID font (STSong-Light).
POPPLER_DATA = Path("/usr/share/poppler/cMap").is_dir()
