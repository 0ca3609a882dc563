"""A throwaway PostgreSQL server for the tests that need one (the county's PostgreSQL mode).

``STUDIO_APP_TEST_POSTGRES`` (a ``postgresql://`` URL of a role that may create databases)
names a server to use; otherwise the first test that asks starts one of Debian's
``postgresql`` package in a temporary folder (``initdb``, as the ``postgres`` user when the
tests run as root), listening on a socket only, and stops it when the tests end. Each test
gets a database of its own. Without the package a test is skipped locally and fails in CI
(tests/system_packages.py).
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from tests import system_packages

ENV = "STUDIO_APP_TEST_POSTGRES"
USER = "studio"
PORT = 54329


def _binaries_or_server() -> bool:
    return binaries() is not None or bool(os.environ.get(ENV))


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl, or None without the package."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return Path(folders[-1]) if folders else None


def _as_owner(command: list[str]) -> list[str]:
    """Run as the postgres user when we are root (initdb refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


_SERVER: str | None = None


def server() -> str:
    """The URL of the server (started on first use): a superuser on a local socket."""
    global _SERVER
    if _SERVER is not None:
        return _SERVER
    given = os.environ.get(ENV)
    if given:
        _SERVER = given
        return given
    bin_dir = binaries()
    assert bin_dir is not None, "PostgreSQL is not installed"
    root = Path(tempfile.mkdtemp(prefix="studio-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, log = root / "data", root / "server.log"
    run = {"check": True, "capture_output": True}
    subprocess.run(_as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "-A",
                              "trust", "-E", "UTF8", "--locale", "C.UTF-8"]), **run)  # fmt: skip
    options = f"-k {root} -p {PORT} -c listen_addresses='' -F -c max_connections=200"
    subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                              str(log), "-w", "start"]), **run)  # fmt: skip

    def stop() -> None:
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                  "stop"]), capture_output=True)  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    _SERVER = f"postgresql://{USER}@{str(root).replace('/', '%2F')}:{PORT}/postgres"
    return _SERVER


def admin(sql: str) -> None:
    from studio_app.storage.postgres import driver, parse_url

    psycopg = driver()
    target, password = parse_url(server())
    with psycopg.connect(dbname=target.dbname, autocommit=True,
                         **target.connect_params(password)) as conn:  # fmt: skip
        conn.execute(sql)


TEMPLATE = "studio_template"
_template_ready = False


def _url(name: str) -> str:
    return server().rsplit("/", 1)[0] + f"/{name}"


def new_database(*, migrated: bool = True) -> str:
    """A fresh database's URL (dropped by :func:`drop`): a copy of one migrated once for
    the whole run, or empty (``migrated`` false)."""
    global _template_ready
    name = f"t_{uuid.uuid4().hex[:12]}"
    if not migrated:
        admin(f'CREATE DATABASE "{name}"')
        return _url(name)
    if not _template_ready:
        from studio_app.storage.database import open_postgres

        admin(f'DROP DATABASE IF EXISTS "{TEMPLATE}"')
        admin(f'CREATE DATABASE "{TEMPLATE}"')
        open_postgres(_url(TEMPLATE)).close()
        _template_ready = True
    admin(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    return _url(name)


def drop(url: str) -> None:
    admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


# The mark of a test needing a PostgreSQL server (the Debian package, or ENV).
NEEDED = system_packages.needs(
    "postgresql",
    _binaries_or_server(),
    "a throwaway PostgreSQL server for the county's PostgreSQL mode",
)
