"""All writes go through the services (ARCHITECTURE.md): a contract, enforced.

Outside ``studio_app/services`` and ``studio_app/storage`` no module may hold raw
``INSERT``/``UPDATE``/``DELETE`` SQL nor call peewee's writing methods (``Model.insert``,
``.update``, ``.delete``, ``.create``, a row's ``.save()`` or ``.delete_instance()``, …).
Today's exceptions are listed below, each with its reason; an exception no longer needed
fails too, so the list only shrinks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import peewee

from studio_app.storage import models

PACKAGE = Path(__file__).resolve().parents[1] / "studio_app"
FENCED_IN = ("services", "storage")

# Module (relative to studio_app/) → why it still writes by itself.
EXCEPTIONS = {
    "exchange/plan.py": "classifies staged rows in the connection's temporary tables",
    "exchange/staging.py": "fills the connection's temporary staging tables",
    "exchange/reader.py": "marks rows of a temporary staging table whose signature fails",
    "demo/studio.py": (
        "generates demo data in bulk: executemany INSERTs in one transaction (the per-record "
        "services would take hours for the benchmarks' million visits)"
    ),
    "demo/county.py": "stores the demo county's settings while it builds a demo data folder",
    "demo/contacts.py": (
        "the demo's contact records in bulk, like demo/studio.py, and the residents' last "
        "contact recomputed in one UPDATE"
    ),
}

_SQL = re.compile(
    r"\b(INSERT\s+(OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE\s+[\w.{}\"]+\s+SET|DELETE\s+FROM)\b"
)
_MODEL_WRITES = {
    "insert", "insert_many", "insert_from", "update", "delete", "replace", "replace_many",
    "create", "get_or_create", "bulk_create", "bulk_update",
}  # fmt: skip
_ROW_WRITES = {"save", "delete_instance"}
_MODELS = {
    name
    for name, value in vars(models).items()
    if isinstance(value, type) and issubclass(value, peewee.Model)
}


def _text(node: ast.AST) -> str | None:
    """A string literal, an f-string's literal parts joined ("{}" for each value)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            "{}" if isinstance(v, ast.FormattedValue) else (_text(v) or "") for v in node.values
        )
    return None


def writes(path: Path) -> list[str]:
    """Where ``path`` writes by itself: raw SQL, or peewee writes on the app's models."""
    tree = ast.parse(path.read_text("utf-8"))
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "studio_app.storage.models"
        for alias in node.names
    } & _MODELS
    found = []
    for node in ast.walk(tree):
        text = _text(node)
        if text is not None and _SQL.search(text):
            found.append(f"line {node.lineno}: SQL {text[:50]!r}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, receiver = node.func.attr, node.func.value
            if name in _MODEL_WRITES and isinstance(receiver, ast.Name) and receiver.id in imported:
                found.append(f"line {node.lineno}: {receiver.id}.{name}()")
            elif name in _ROW_WRITES and imported:  # a row of a model it reads
                found.append(f"line {node.lineno}: {ast.unparse(node.func)}()")
    return found


def _modules() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in FENCED_IN
    ]


def test_only_the_services_and_storage_write() -> None:
    offenders = {
        rel: found for rel, path in _modules() if rel not in EXCEPTIONS and (found := writes(path))
    }
    assert offenders == {}


def test_every_exception_is_still_needed() -> None:
    modules = dict(_modules())
    stale = [rel for rel in EXCEPTIONS if rel not in modules or not writes(modules[rel])]
    assert stale == []


def test_the_check_finds_raw_sql_and_model_writes(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from studio_app.storage.models import Site, database\n"
        "def f(table, row):\n"
        "    database.execute_sql(f'UPDATE {table} SET name = ?', ('x',))\n"
        "    Site.update(name='x').execute()\n"
        "    row.save()\n"
        "    database.execute_sql('SELECT 1 FROM site')\n",
        "utf-8",
    )
    assert sorted(w.split(":")[0] for w in writes(sample)) == ["line 3", "line 4", "line 5"]
