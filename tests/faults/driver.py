"""Run ``studio-app`` in this process and optionally SIGKILL it after N SQLite steps.

Usage: ``python driver.py [--kill-after STEPS] [--count-file PATH] [--max-pages-extra N]
[--pause-at STEPS --pause-file PATH] -- <studio-app args>``.
A progress handler on every SQLite connection counts the virtual-machine steps SQLite runs; the
process kills itself when the count reaches STEPS, in the middle of whatever statement or
transaction is running. ``--count-file`` records the total of a run that was not killed,
so tests can choose kill points spread over the whole operation. ``ready`` is printed once
the program is loaded, for tests that kill from outside after a delay.
``--max-pages-extra`` lets each connection grow the database by N pages only: SQLite then
fails the way it does on a full disk (SQLITE_FULL).
``--pause-at`` stops the program at that step (inside a statement, holding whatever it
holds: its transaction, the data folder's lock) and writes ``--pause-file``; the program
goes on once a test has removed that file: another process can act in the middle of it.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

GRAIN = 50  # SQLite instructions per step


def main(argv: list[str]) -> int:
    kill_after: int | None = None
    count_file: Path | None = None
    max_pages_extra: int | None = None
    pause_at: int | None = None
    pause_file: Path | None = None
    while argv and argv[0] != "--":
        option, value, argv = argv[0], argv[1], argv[2:]
        if option == "--kill-after":
            kill_after = int(value)
        elif option == "--count-file":
            count_file = Path(value)
        elif option == "--max-pages-extra":
            max_pages_extra = int(value)
        elif option == "--pause-at":
            pause_at = int(value)
        elif option == "--pause-file":
            pause_file = Path(value)
        else:
            raise SystemExit(f"unknown option {option}")
    args = argv[1:]

    import sqlite3

    steps = [0]

    def tick() -> int:
        steps[0] += 1
        if kill_after is not None and steps[0] >= kill_after:
            os.kill(os.getpid(), signal.SIGKILL)
        if steps[0] == pause_at and pause_file is not None:
            pause_file.write_text("paused")
            deadline = time.monotonic() + 120
            while pause_file.exists() and time.monotonic() < deadline:
                time.sleep(0.02)
        return 0

    real_connect = sqlite3.connect

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        """Every connection the program opens (peewee's and the backup's) counts steps."""
        conn = real_connect(*args, **kwargs)
        conn.set_progress_handler(tick, GRAIN)
        if max_pages_extra is not None:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages + max_pages_extra}")
        return conn

    sqlite3.connect = connect  # type: ignore[assignment]
    from studio_app import cli

    print("ready", flush=True)
    try:
        return cli.main(args)
    finally:
        if count_file is not None:
            count_file.write_text(str(steps[0]))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main(sys.argv[1:]))
