"""Which kinds of record a write changed, announced once it is committed.

Services call :func:`changed` with the kinds they wrote; inside a transaction
(:func:`collect`, entered by ``records.atomic``) the names are gathered and announced together
when the outermost block ends without an error, so a rolled-back write announces nothing.
Listeners (the GUI's pages, through a bridge to the GUI thread) refresh what shows those
kinds instead of being reloaded by hand after an import, a restore or a merge.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from studio_app.core import kinds

log = logging.getLogger("studio_app.changes")

Listener = Callable[[frozenset[str]], None]
EVERYTHING = "*"  # a whole database changed (restored from a backup, another file opened)
# Names that are not record kinds: what pages showing labels or packages listen for too.
CODE_LISTS = "code_list"  # a code list's labels or active codes
PACKAGES = "package"  # an exchange package imported, or its conflicts kept for a decision

_listeners: list[Listener] = []
_local = threading.local()


def subscribe(listener: Listener) -> Callable[[], None]:
    """Call ``listener`` with the changed kinds after every committed write; returns the
    function that stops it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def changed(names: Iterable[str]) -> None:
    """Announce that records of these kinds were written (now, or when the transaction ends)."""
    names = frozenset(names)
    if not names:
        return
    pending: set[str] | None = getattr(_local, "pending", None)
    if pending is not None:
        pending |= names
    else:
        _announce(names)


def everything() -> None:
    """Announce that every kind may have changed."""
    changed({EVERYTHING})


def covers(announced: frozenset[str], name: str) -> bool:
    """Whether an announcement concerns kind ``name``."""
    return name in announced or EVERYTHING in announced


def expand(announced: frozenset[str]) -> frozenset[str]:
    """The kind names an announcement concerns (every kind for :data:`EVERYTHING`)."""
    return frozenset(kinds.names()) if EVERYTHING in announced else announced


@contextmanager
def collect() -> Iterator[None]:
    """Gather announcements until the outermost block ends; drop them on an error."""
    outer = getattr(_local, "pending", None) is None
    if outer:
        _local.pending = set()
    try:
        yield
    except BaseException:
        if outer:
            _local.pending = None
        raise
    if outer:
        names, _local.pending = frozenset(_local.pending), None
        if names:
            _announce(names)


def _announce(names: frozenset[str]) -> None:
    for listener in list(_listeners):
        try:
            listener(names)
        except Exception:  # a broken page must not undo or hide a committed write
            log.exception("change listener failed")
