"""PostgreSQL for a county office whose staff work on several PCs at once (studios always
keep their embedded SQLite file).

The schema, the migrations and the SQL are the SQLite ones: dates and times are kept as ISO
text and flags as 0/1 integers on both engines (:mod:`studio_app.storage.pg_dialect`
translates the migrations), and every value is sent as an untyped literal, so a comparison
with a date, an ``= 1`` or a ``COALESCE(day, '')`` means the same on both. Raw SQL keeps
SQLite's ``?`` placeholders; :class:`StudioPostgres` rewrites them for psycopg.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import peewee as pw

from studio_app.core.errors import StaleRecord, UserError

SCHEMES = ("postgresql", "postgres")
DEFAULT_PORT = 5432
CONNECT_TIMEOUT = 10  # seconds: an unreachable server is said so, not waited for


@dataclass(frozen=True)
class PgTarget:
    """Where a county's PostgreSQL database is: never its password (asked, or found by libpq
    in ``PGPASSWORD`` or ``~/.pgpass``)."""

    user: str
    host: str  # a name, an address, or a socket folder (starting with /)
    port: int
    dbname: str

    @property
    def url(self) -> str:
        """``postgresql://user@host:port/dbname``, as settings.ini keeps it."""
        host = quote(self.host, safe="") if self.host.startswith("/") else self.host
        return f"postgresql://{quote(self.user, safe='')}@{host}:{self.port}/{self.dbname}"

    def display(self) -> str:
        """For people: PostgreSQL 数据库 county（服务器 10.0.0.5:5432，用户 county_app）."""
        where = f"服务器 {self.host}:{self.port}，用户 {self.user}"
        return f"PostgreSQL 数据库 {self.dbname}（{where}）"

    def connect_params(self, password: str | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"user": self.user, "host": self.host, "port": self.port,
                                  "application_name": "studio-app",
                                  "connect_timeout": CONNECT_TIMEOUT}  # fmt: skip
        if password:
            params["password"] = password
        return params


def is_url(text: str | None) -> bool:
    """Whether ``text`` names a PostgreSQL database (else it is an SQLite file)."""
    return bool(text) and str(text).split("://", 1)[0].lower() in SCHEMES


def parse_url(text: str) -> tuple[PgTarget, str | None]:
    """The target of ``postgresql://user[:password]@host[:port]/dbname`` and the password it
    carried (to use now, never to keep); a clear sentence when it is not one."""
    example = "postgresql://用户名@服务器:5432/数据库名"
    try:
        parts = urlsplit(text.strip())
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise UserError(f"数据库地址无法识别：{text}。格式应为 {example}。") from None
    if parts.scheme.lower() not in SCHEMES:
        raise UserError(f"数据库地址应以 postgresql:// 开头，格式为 {example}。")
    dbname = unquote(parts.path.lstrip("/"))
    host = unquote(parts.hostname or "")
    if not host or not dbname or "/" in dbname or not parts.username:
        raise UserError(f"数据库地址须写明用户名、服务器和数据库名，格式为 {example}。")
    if parts.query or parts.fragment:
        raise UserError(f"数据库地址中不能有“?”或“#”之后的部分，格式为 {example}。")
    password = unquote(parts.password) if parts.password else None
    return PgTarget(unquote(parts.username), host, port, dbname), password


_PROBLEMS = (
    ("no password supplied", "需要密码：请在环境变量 PGPASSWORD 中提供，或写入密码文件 ~/.pgpass"
     "（Windows：%APPDATA%\\postgresql\\pgpass.conf）"),
    ("password authentication failed", "用户名或密码不对"),
    ("does not exist", "服务器上没有这个数据库或用户，请先由数据库管理员创建（见 README）"),
    ("permission denied", "该用户没有使用这个数据库的权限"),
    ("timeout expired", "连接超时：请检查服务器地址、端口和网络"),
    ("connection refused", "服务器拒绝连接：请检查服务器地址和端口，以及 PostgreSQL 是否在运行"),
    ("could not translate host name", "找不到这个服务器名：请检查服务器地址"),
)  # fmt: skip


def connection_problem(exc: BaseException) -> str:
    """Why a PostgreSQL connection failed, in one plain sentence (libpq's words as a last
    resort)."""
    text = str(exc)
    lowered = text.lower()
    for words, meaning in _PROBLEMS:
        if words in lowered:
            return meaning
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


# Outside a quoted string or identifier: a "?" placeholder, or a "%" psycopg would read.
_PLACEHOLDER = re.compile(
    r"""('(?:[^']|'')*'|"(?:[^"]|"")*")|(\?)|(%s)|(%)|(?<![:\w]):([A-Za-z_]\w*)"""
)


def placeholders(sql: str) -> str:
    """SQLite's placeholders as psycopg's: ``?`` as ``%s``, ``:name`` as ``%(name)s``; a
    literal ``%`` doubled (peewee's own SQL already uses ``%s``)."""

    def swap(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return m.group(1).replace("%", "%%")
        if m.group(2) is not None or m.group(3) is not None:
            return "%s"
        if m.group(5) is not None:
            return f"%({m.group(5)})s"
        return "%%"

    return _PLACEHOLDER.sub(swap, sql)


def driver() -> ModuleType:
    """psycopg, imported on first use and handed to peewee (``studio_app/__init__.py`` keeps
    it from being imported at every start)."""
    if "psycopg" in sys.modules and sys.modules["psycopg"] is None:
        del sys.modules["psycopg"]
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    pw.psycopg, pw.TransactionStatus = psycopg, TransactionStatus  # type: ignore[attr-defined]
    pw.Json_pg3, pw.Jsonb_pg3 = Json, Jsonb  # type: ignore[attr-defined]
    return psycopg


def _register_adapters(conn: Any) -> None:
    """Send dates, times and flags as SQLite keeps them: untyped ISO text and 0/1."""
    from psycopg.adapt import Dumper

    class IsoText(Dumper):
        oid = 0  # unknown: the server reads it as the column or operand's type

        def dump(self, obj: Any) -> bytes:
            text = obj.isoformat(sep=" ") if isinstance(obj, datetime) else obj.isoformat()
            return str(text).encode()

    class Flag(Dumper):
        oid = 0

        def dump(self, obj: Any) -> bytes:
            return b"1" if obj else b"0"

    for kind in (date, datetime, time):
        conn.adapters.register_dumper(kind, IsoText)
    conn.adapters.register_dumper(bool, Flag)


class StudioPostgres(pw.PostgresqlDatabase):
    """A county's PostgreSQL database, speaking the app's SQLite-flavoured SQL."""

    def __init__(self, target: PgTarget, password: str | None = None) -> None:
        driver()
        super().__init__(target.dbname, prefer_psycopg3=True, autorollback=False,
                         **target.connect_params(password))  # fmt: skip
        self.target = target
        self.password = password  # given for this run (kept in memory only), for pg_dump
        self.folder: Path | None = None  # this PC's data folder (storage.database.data_folder)

    def _connect(self) -> Any:
        conn = super()._connect()  # type: ignore[misc]
        _register_adapters(conn)
        return conn

    def execute_sql(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> Any:
        sql = placeholders(_as_postgres(sql))
        args = params if isinstance(params, Mapping) else tuple(params or ())
        try:
            return super().execute_sql(sql, args)  # type: ignore[no-untyped-call]
        except pw.DatabaseError as exc:
            driver_error = exc.__cause__ or exc.__context__  # what peewee wrapped
            if getattr(driver_error, "sqlstate", None) in CONCURRENT:
                raise StaleRecord(CHANGED_MEANWHILE) from exc
            raise

    def begin(self, isolation_level: Any = None) -> None:
        """Every transaction sees one snapshot and may not overwrite a row another PC
        changed after it began (REPEATABLE READ): that save fails (:data:`CHANGED_MEANWHILE`)
        instead of losing the other's."""
        with pw.__exception_wrapper__:  # type: ignore[attr-defined]
            self.cursor().execute("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ")  # type: ignore[no-untyped-call]

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many rows (sqlite3's ``executemany``)."""
        with self.cursor() as cursor:  # type: ignore[no-untyped-call]
            cursor.executemany(placeholders(_as_postgres(sql)), [tuple(r) for r in rows])

    def conflict_update(self, oc: Any, query: Any) -> Any:
        """SQLite's ``INSERT OR REPLACE`` (peewee's ``on_conflict_replace``) as an upsert on
        the primary key that writes every inserted column."""
        if (oc._action or "").lower() == "replace":
            meta = query.model._meta
            inserted = list(query._insert) if isinstance(query._insert, dict) else query._columns
            keys = list(meta.get_primary_keys())
            kept = [f for f in inserted if f not in keys]
            oc = (
                pw.OnConflict(preserve=kept, conflict_target=keys)
                if kept
                else pw.OnConflict("nothing", conflict_target=keys)
            )
        return super().conflict_update(oc, query)


# A write that met another PC's: a serialization failure, a deadlock.
CONCURRENT = frozenset({"40001", "40P01"})
CHANGED_MEANWHILE = "另一台电脑上的操作刚刚修改了同一条记录，本次操作没有保存。请重新打开后再试。"


CANCELLED = "57014"  # query_canceled


@contextmanager
def cancelling(db: StudioPostgres, cancelled: Callable[[], bool]) -> Iterator[None]:
    """Cancel the statement running on ``db``'s connection once ``cancelled()`` is true;
    a statement so stopped raises :class:`~studio_app.storage.database.Interrupted`."""
    from studio_app.storage.database import Interrupted

    conn = db.connection()  # type: ignore[no-untyped-call]
    done = threading.Event()
    asked = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            if cancelled():
                asked.set()
                conn.cancel()
                return

    watcher = threading.Thread(target=watch, name="cancel-watch", daemon=True)
    watcher.start()
    try:
        yield
    except pw.DatabaseError as exc:
        driver_error = exc.__cause__ or exc.__context__
        if asked.is_set() and getattr(driver_error, "sqlstate", None) == CANCELLED:
            raise Interrupted() from None
        raise
    finally:
        done.set()
        watcher.join()


class Statements:
    """sqlite3's ``execute``/``executemany`` over the open PostgreSQL database, for the SQL
    the app writes itself (staging tables)."""

    def __init__(self, db: StudioPostgres) -> None:
        self.db = db

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        return self.db.execute_sql(sql, params)

    def executemany(self, sql: str, rows: Any) -> Any:
        rows = list(rows)
        if rows:
            self.db.executemany(sql, rows)


_HINT = re.compile(r'\s+(?:INDEXED BY\s+"?\w+"?|NOT INDEXED)\b', re.I)
_CROSS_JOIN_ON = re.compile(r"\bCROSS JOIN(\s+\S+(?:\s+AS)?(?:\s+(?!ON\b)\w+)?\s+ON)\b", re.I)
# SQLite's schema names: the database's own tables, and temporary ones
_SCHEMA = re.compile(r"(\bCREATE INDEX\s+)temp\.|\b(main|temp)\.(?=\w)", re.I)


def _schema(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1)  # an index lives in its table's schema
    return "" if m.group(2).lower() == "main" else "pg_temp."


def _as_postgres(sql: str) -> str:
    """The app's SQLite SQL as PostgreSQL takes it: without SQLite's hints to its planner
    (``INDEXED BY``; ``CROSS JOIN … ON`` fixing the join order: PostgreSQL's planner
    chooses), schema names ``main``/``temp`` as PostgreSQL's, ``json_each`` as
    ``json_items`` (:data:`~studio_app.storage.pg_dialect.COMPAT`)."""
    upper = sql.upper()
    if "INDEXED" in upper:
        sql = _HINT.sub("", sql)
    if "CROSS JOIN" in upper:
        sql = _CROSS_JOIN_ON.sub(r"JOIN\1", sql)
    if "MAIN." in upper or "TEMP." in upper:
        sql = _SCHEMA.sub(_schema, sql)
    if "JSON_EACH(" in upper:
        sql = sql.replace("json_each(", "json_items(")
    return sql
