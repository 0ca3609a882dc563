"""The tables of a record kind, from its declaration: peewee models and the migration's SQL.

A kind with a hand-written model in :mod:`studio_app.storage.models` uses it; any other kind
gets a model built from its fields (one column per field, ``<key>_id`` for a member or
resident, a link table per :class:`~studio_app.core.kinds.LinkTable`). :func:`statements`
is what a kind's migration runs: its tables, indexes, full-text index and live-count
triggers, all generated from the declaration.
"""

from __future__ import annotations

from functools import cache

import peewee as pw

from studio_app.core import kinds
from studio_app.core.fields import Field, Kind
from studio_app.storage import models

_COLUMN: dict[Kind, type[pw.Field]] = {
    Kind.TEXT: pw.CharField,
    Kind.LONGTEXT: pw.TextField,
    Kind.INT: pw.IntegerField,
    Kind.BOOL: pw.BooleanField,
    Kind.DATE: pw.DateField,
    Kind.DATETIME: pw.DateTimeField,
    Kind.ENUM: pw.CharField,
    Kind.CODE: pw.CharField,
    Kind.PHONE: pw.CharField,
    Kind.ID_NUMBER: pw.CharField,
}
_TARGETS = {Kind.MEMBER: "member", Kind.RESIDENT: "resident"}
_LINKS = (Kind.MEMBERS, Kind.RESIDENTS)


def _declared(table: str) -> type[models.BaseModel] | None:
    for value in vars(models).values():
        if (
            isinstance(value, type)
            and issubclass(value, models.BaseModel)
            and value._meta.table_name == table
        ):
            return value
    return None


def _column(fld: Field) -> pw.Field:
    if fld.kind in _TARGETS:
        return pw.ForeignKeyField(model(kinds.kind(_TARGETS[fld.kind])), null=True,
                                  backref="+", on_delete="RESTRICT")  # fmt: skip
    column = _COLUMN[fld.kind]
    if column in (pw.DateField, pw.DateTimeField):
        return column(null=not fld.required)
    if column is pw.CharField:
        return pw.CharField(fld.max_len or 100, default="")
    if column is pw.BooleanField:
        return pw.BooleanField(default=False)
    if column is pw.IntegerField:
        return pw.IntegerField(default=0)
    return pw.TextField(default="")


@cache
def model(kind: kinds.RecordKind) -> type[models.SyncedModel]:
    """The peewee model of ``kind``'s table."""
    found = _declared(kind.name)
    if found is not None:
        return found  # type: ignore[return-value]
    attrs: dict[str, object] = {"__module__": __name__}
    for fld in kind.fields:
        if fld.kind not in _LINKS:
            attrs[fld.key] = _column(fld)
    if kind.status is not None:
        attrs["status"] = pw.CharField(16)
    for link in kind.links:
        if link.names_column:
            attrs[link.names_column] = pw.CharField(300, default="")
    attrs["Meta"] = type("Meta", (), {"table_name": kind.name})
    name = "".join(part.title() for part in kind.name.split("_"))
    return type(name, (models.SyncedModel,), attrs)


@cache
def link_model(kind: kinds.RecordKind, key: str) -> type[models.BaseModel]:
    """The peewee model of ``kind``'s link table for field ``key``."""
    link = kind.link(key)
    found = _declared(link.table)
    if found is not None:
        return found
    owner = link.owner.removesuffix("_id")
    target = link.target.removesuffix("_id")
    attrs: dict[str, object] = {
        "__module__": __name__,
        owner: pw.ForeignKeyField(model(kind), backref="+", on_delete="CASCADE"),
        target: pw.ForeignKeyField(
            model(kinds.kind(link.target_kind)), backref="+", on_delete="RESTRICT"
        ),
        "position": pw.IntegerField(default=0),
        "Meta": type(
            "Meta",
            (),
            {
                "table_name": link.table,
                "primary_key": pw.CompositeKey(owner, target),
                "without_rowid": True,
            },
        ),
    }
    name = "".join(part.title() for part in link.table.split("_"))
    return type(name, (models.BaseModel,), attrs)


def search_columns(kind: kinds.RecordKind) -> tuple[str, ...]:
    """What the full-text index of ``kind`` reads: serial, linked names, declared columns."""
    names = tuple(link.names_column for link in kind.links if link.names_column)
    return ("serial", *names, *kind.search)


def _table_sql(db: pw.Database, table: type[models.BaseModel]) -> list[str]:
    with db.bind_ctx([table], bind_refs=False, bind_backrefs=False):
        schema = table._schema  # type: ignore[attr-defined]
        out = [schema._create_table(safe=False).query()[0]]
        out += [ctx.query()[0] for ctx in schema._create_indexes(safe=False)]
    return out


def _search_sql(kind: kinds.RecordKind) -> list[str]:
    t, fts = kind.name, kind.fts
    cols = search_columns(kind)

    def doc(row: str) -> str:
        return f"search_doc({', '.join(f'{row}.{c}' for c in cols)})"

    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(doc, content='', detail='full', "
        f'tokenize="unicode61 remove_diacritics 0")',
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {t} WHEN new.deleted_at IS NULL BEGIN "
        f"INSERT INTO {fts}(rowid, doc) VALUES (new.id, {doc('new')}); END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {', '.join(cols)}, deleted_at ON {t} "
        f"BEGIN INSERT INTO {fts}({fts}, rowid, doc) SELECT 'delete', old.id, {doc('old')} "
        f"WHERE old.deleted_at IS NULL; INSERT INTO {fts}(rowid, doc) SELECT new.id, "
        f"{doc('new')} WHERE new.deleted_at IS NULL; END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {t} WHEN old.deleted_at IS NULL BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, doc) VALUES ('delete', old.id, {doc('old')}); END",
    ]


def _count_sql(t: str) -> list[str]:
    return [
        f"INSERT INTO live_count VALUES ('{t}', 0)",
        f"CREATE TRIGGER {t}_count_insert AFTER INSERT ON {t} WHEN new.deleted_at IS NULL "
        f"BEGIN UPDATE live_count SET n = n + 1 WHERE table_name = '{t}'; END",
        f"CREATE TRIGGER {t}_count_delete AFTER DELETE ON {t} WHEN old.deleted_at IS NULL "
        f"BEGIN UPDATE live_count SET n = n - 1 WHERE table_name = '{t}'; END",
        f"CREATE TRIGGER {t}_count_trash AFTER UPDATE OF deleted_at ON {t} "
        f"WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN "
        f"UPDATE live_count SET n = n + (CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END) "
        f"WHERE table_name = '{t}'; END",
    ]


def statements(kind: kinds.RecordKind, db: pw.Database | None = None) -> list[str]:
    """The SQL that creates ``kind``'s tables: what its migration runs."""
    db = db or pw.SqliteDatabase(":memory:")
    table = model(kind)
    out = _table_sql(db, table)
    out.append(
        f'CREATE UNIQUE INDEX "{kind.name}_origin_serial" ON "{kind.name}" '
        f'("origin_site", "serial")'
    )
    if kind.date_key:
        out.append(
            f'CREATE INDEX "{kind.name}_live_{kind.date_key}" ON "{kind.name}" '
            f'("{kind.date_key}") WHERE "deleted_at" IS NULL'
        )
    for link in kind.links:
        out += _table_sql(db, link_model(kind, link.key))
    if kind.fts:
        out += _search_sql(kind) + _count_sql(kind.name)
    return out
