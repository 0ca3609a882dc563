"""The audit log in words, as an administrator reads it (操作日志).

Entries store codes: the action (``start``), the record type (``visit``), the record's uuid
and each field's key with its values before and after (codes, ids, ISO dates). Here they
become what a person reads: the step's label declared with its kind (``开始办理``), the kind's
label, the record's serial or name, and per field "问题类别：环境卫生 → 道路交通".

:class:`Words` serves one batch of entries (a page of the log): the serials, names, file
names and code labels it needs are read in bulk, one query per table, when it is built.
Values arrive already masked (``core.masking``); nothing here unmasks or looks one up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from studio_app.core import codes as c
from studio_app.core.fields import Field, Kind, target
from studio_app.services import permissions, site
from studio_app.services.audit_labels import (
    ACTION_KEYS,
    COUNTED_ACTIONS,
    KEYS,
    REF_KINDS,
    SAME_KIND_UUIDS,
    TYPE_KEYS,
    UTC_KEYS,
    UUID_TEXT,
    VALUES,
    action_label,
    declared,
)
from studio_app.storage import kind_tables
from studio_app.storage.models import ExchangeWaiting, ImportHistory, Peer, Site, User

EMPTY = "（空）"
ARROW = " → "
SHORT_TEXT = 30  # characters of a value in an entry's one-line summary
_CHUNK = 500  # values per IN (…) query
_PEOPLE, _SAME_KIND, _PACKAGE = "people", "same kind", "package"  # what a key refers to
_UNIQUE = object()  # a value not worth remembering (a mapping, a nested list)


def short_uuid(value: str) -> str:
    """A uuid whose record is gone, shortened (enough to tell two apart)."""
    return f"{value[:8]}…" if UUID_TEXT.match(value) else value


def clip(text: str, limit: int = SHORT_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def local_time(at: datetime) -> datetime:
    """A stored naive UTC time as the machine's local wall-clock time (``Context.now_local``)."""
    return at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def pair(value: Any) -> tuple[Any, Any]:
    """A stored change as (before, after); a bare value is an "after"."""
    if isinstance(value, list) and len(value) == 2:
        return value[0], value[1]
    return None, value


@dataclass(frozen=True)
class Line:
    """One changed field in words."""

    key: str
    label: str
    before: str
    after: str
    one_sided: bool = False  # nothing before (a creation, an import): "label：after"

    @property
    def text(self) -> str:
        if self.one_sided:
            return f"{self.label}：{clip(self.after)}"
        return f"{self.label}：{clip(self.before)}{ARROW}{clip(self.after)}"


class Words:
    """Labels for one batch of entries ``(user, record_type, record_uuid, action, changes)``;
    every serial, name and file name the batch needs is read here, a query per table."""

    def __init__(self, batch: Iterable[tuple[str, str, str, str, Mapping[str, Any]]]) -> None:
        self._fields: dict[str, dict[str, Field]] = {}
        self._derived: dict[str, dict[str, Field]] = {}
        self._codes: dict[str, dict[str, str]] = {}
        self._actions: dict[tuple[str, str], str] = {}
        self._refs: dict[tuple[str, str], tuple[str, str]] = {}
        self._memo: dict[tuple[Any, ...], str] = {}
        self._labels: dict[tuple[str, str, str], str] = {}
        logins: set[str] = set()
        uuids: dict[str, set[str]] = {}
        ids: dict[str, set[int]] = {}
        packages: set[str] = set()
        sites: set[str] = set()
        for user, record_type, uuid, action, changes in batch:
            logins.add(user)
            if record_type == "user":
                logins.add(uuid)
            elif record_type == "package":
                packages.add(uuid)
            elif record_type in ("site", "peer"):
                sites.add(uuid)
            elif declared(record_type) is not None:
                uuids.setdefault(record_type, set()).add(uuid)
            if action in COUNTED_ACTIONS:
                continue
            for key, stored in changes.items():
                for value in pair(stored):
                    self._wanted(record_type, key, value, uuids, ids, packages)
        self._users = _users(logins)
        self._records, self._names = _records(uuids, ids)
        self._packages = _packages(packages)
        self._sites = _sites(sites)

    # -- what the batch needs ---------------------------------------------------------------

    def _wanted(
        self,
        record_type: str,
        key: str,
        value: Any,
        uuids: dict[str, set[str]],
        ids: dict[str, set[int]],
        packages: set[str],
    ) -> None:
        refers, linked = self._refers(record_type, key)
        if refers == _PEOPLE:
            for one in value if isinstance(value, list) else [value]:
                if isinstance(one, int) and not isinstance(one, bool):
                    ids.setdefault(linked, set()).add(one)
                elif isinstance(one, str) and UUID_TEXT.match(one):
                    uuids.setdefault(linked, set()).add(one)
        elif refers == _SAME_KIND and isinstance(value, str):
            uuids.setdefault(linked, set()).add(value)
        elif refers == _PACKAGE and isinstance(value, str):
            packages.add(value)

    def _refers(self, record_type: str, key: str) -> tuple[str, str]:
        """What the values of ``key`` point to, if anything: people (by id, uuid or name) of
        a kind, a record of the entry's own kind (by uuid), a package; with the kind."""
        found = self._refs.get((record_type, key))
        if found is None:
            fld = self.fields(record_type).get(key)
            if fld is not None and fld.kind in REF_KINDS:
                kind = declared(record_type)
                links = {link.key: link.target_kind for link in kind.links} if kind else {}
                found = (_PEOPLE, links.get(key) or target(fld))
            elif fld is None and key in SAME_KIND_UUIDS:
                found = (_SAME_KIND, record_type)
            elif fld is None and key == "package":
                found = (_PACKAGE, "")
            else:
                found = ("", "")
            self._refs[(record_type, key)] = found
        return found

    def fields(self, record_type: str) -> dict[str, Field]:
        found = self._fields.get(record_type)
        if found is None:
            kind = declared(record_type)
            own = kind.fields if kind is not None else ()
            found = self._fields[record_type] = {f.key: f for f in own}
            self._derived[record_type] = {d: f for f in own for d in f.derived}
        return found

    # -- labels -----------------------------------------------------------------------------

    def action(self, record_type: str, action: str) -> str:
        key = (record_type, action)
        found = self._actions.get(key)
        if found is None:
            found = self._actions[key] = action_label(record_type, action)
        return found

    def user(self, login: str) -> str:
        """The user's name with the login they type, or the login (the name as typed)."""
        name = self._users.get(login, "")
        return f"{name}（{login}）" if name and name != login else login

    def record(self, record_type: str, uuid: str, changes: Mapping[str, Any]) -> str:
        """What identifies the record to a person: serial, name, login, file name."""
        if record_type == "user":
            return self.user(uuid) if uuid else ""
        if record_type == "package":
            file = self._packages.get(uuid) or pair(changes.get("file"))[1]
            return str(file) if file else short_uuid(uuid)
        if record_type in ("site", "peer"):
            code = pair(changes.get("code"))
            return self._sites.get(uuid) or str(code[1] or code[0] or short_uuid(uuid))
        if record_type == "code_item":
            return self._code_item(uuid)
        if record_type == "setting":
            return TYPE_KEYS["setting"].get(uuid, uuid)
        if not uuid:
            return ""
        return self._records.get((record_type, uuid)) or short_uuid(uuid)

    def _code_item(self, ref: str) -> str:
        list_kind, _, code = ref.partition(":")
        try:
            title = c.CodeListKind(list_kind).label
        except ValueError:
            return ref
        label = self.code_labels(list_kind).get(code, "")
        return f"{title}：{code} {label}".rstrip()

    def code_labels(self, list_kind: str) -> dict[str, str]:
        found = self._codes.get(list_kind)
        if found is None:
            found = self._codes[list_kind] = site.code_labels(list_kind)
        return found

    def key_label(self, record_type: str, action: str, key: str) -> str:
        """The field's label (or the label of a key that is no field)."""
        memo = (record_type, action if action in COUNTED_ACTIONS else "", key)
        found = self._labels.get(memo)
        if found is None:
            found = self._labels[memo] = self._key_label(record_type, action, key)
        return found

    def _key_label(self, record_type: str, action: str, key: str) -> str:
        counted = ACTION_KEYS.get(action)
        if counted is not None:
            return counted.get(key) or self._kind_count_label(key) or key
        fld = self.fields(record_type).get(key)
        if fld is not None:
            return fld.label
        source = self._derived[record_type].get(key)
        if source is not None:
            return f"{source.label}（查重用，{key}）"
        return TYPE_KEYS.get(record_type, {}).get(key) or KEYS.get(key, key)

    @staticmethod
    def _kind_count_label(key: str) -> str:
        """A count named after a kind ("interviews", "tea_talk"): the kind's label."""
        for name in (key, key.removesuffix("s")):
            kind = declared(name)
            if kind is not None:
                return kind.label
        return ""

    # -- values -----------------------------------------------------------------------------

    def lines(self, record_type: str, action: str, changes: Mapping[str, Any]) -> tuple[Line, ...]:
        """Each changed field: its label and its values before and after, in words (a key
        empty before and after, e.g. nothing filled in by a merge, says nothing)."""
        pairs = [(key, *pair(stored)) for key, stored in changes.items()]
        pairs = [(k, b, a) for k, b, a in pairs if not (_is_empty(b) and _is_empty(a))]
        one_sided = all(_is_empty(before) for _, before, _ in pairs)
        return tuple(
            Line(
                key,
                self.key_label(record_type, action, key),
                self.value(record_type, action, key, before),
                self.value(record_type, action, key, after),
                one_sided,
            )
            for key, before, after in pairs
        )

    def value(self, record_type: str, action: str, key: str, value: Any) -> str:
        """``value`` of ``key`` in words (the same value of the same key is worded once)."""
        if _is_empty(value):
            return EMPTY
        frozen = _frozen(value)
        if frozen is _UNIQUE:
            return self._value(record_type, action, key, value)
        memo = (record_type, action in COUNTED_ACTIONS, key, frozen)
        found = self._memo.get(memo)
        if found is None:
            found = self._memo[memo] = self._value(record_type, action, key, value)
        return found

    def _value(self, record_type: str, action: str, key: str, value: Any) -> str:
        if action in COUNTED_ACTIONS:
            return self._plain(record_type, value)
        fld = self.fields(record_type).get(key)
        if fld is not None:
            return self.field_value(record_type, fld, value)
        if key == "status":
            kind = declared(record_type)
            return _coded(kind.status if kind is not None else None, value)
        if key in UTC_KEYS and isinstance(value, str):
            return _minutes(_utc_to_local(value))
        special = self._special(record_type, action, key, value)
        return special if special is not None else self._plain(record_type, value)

    def field_value(self, record_type: str, fld: Field, value: Any) -> str:
        """A declared field's value as its dialog shows it."""
        if isinstance(value, list):
            return "、".join(self.field_value(record_type, fld, v) for v in value) or EMPTY
        if _is_empty(value):
            return EMPTY
        kind = fld.kind
        if kind in REF_KINDS:
            linked = self._refers(record_type, fld.key)[1]
            if isinstance(value, int) and not isinstance(value, bool):
                return self._names.get((linked, value)) or f"#{value}"
            if isinstance(value, str) and UUID_TEXT.match(value):
                return self._records.get((linked, value)) or short_uuid(value)
            return str(value)
        if kind is Kind.BOOL or isinstance(value, bool):
            return _yes_no(value)
        if kind is Kind.ENUM:
            return _coded(fld.enum, value)
        if kind is Kind.CODE and fld.code_list is not None:
            return self.code_labels(fld.code_list).get(str(value), str(value))
        if kind is Kind.DATE:
            return str(value)[:10]
        if kind is Kind.DATETIME:
            return _minutes(str(value))
        return str(value)

    def _special(self, record_type: str, action: str, key: str, value: Any) -> str | None:
        """Keys that are no field but hold a code, a reference or a count."""
        if key in SAME_KIND_UUIDS and isinstance(value, str):
            return self._records.get((record_type, value)) or short_uuid(value)
        if key == "package" and isinstance(value, str):
            return self._packages.get(value) or short_uuid(value)
        if key == "permission":
            return permissions._WHAT.get(value, str(value))
        if key == "kind" and record_type == "user":
            return VALUES["login_failed"].get(str(value), str(value))
        if key == "kind" and record_type == "package":
            return VALUES["package_kind"].get(str(value), str(value))
        if key == "role":
            return _coded(c.Role, value)
        if key == "decision":
            return VALUES["decision"].get(str(value), str(value))
        if key == "counts" and isinstance(value, Mapping):
            return _counts(value, VALUES["counts"])
        if key == "units" and isinstance(value, list):
            return self._units(value)
        if key == "merge_entry":
            return f"第 {value} 条日志"
        if key == "undo":
            return "（已保存，可撤销这次合并）"
        if key == "filled" and isinstance(value, Mapping):
            return "；".join(
                f"{self.key_label(record_type, action, k)}：{self.value(record_type, action, k, v)}"
                for k, v in value.items()
            )
        return None

    def _units(self, units: list[Any]) -> str:
        names = self.code_labels(c.CodeListKind.HANDLING_UNIT)
        out = []
        for unit in units:
            if isinstance(unit, list) and len(unit) == 2:
                role, code = unit
                out.append(f"{_coded(c.UnitRole, role)}：{names.get(str(code), str(code))}")
            else:
                out.append(str(unit))
        return "、".join(out)

    def _plain(self, record_type: str, value: Any) -> str:
        """A value with no declaration: yes/no, lists and counts joined, else as stored."""
        if isinstance(value, bool):
            return _yes_no(value)
        if isinstance(value, list):
            if all(isinstance(v, list) for v in value):  # (label, count) pairs
                return "、".join(" ".join(str(x) for x in v) for v in value)
            return "、".join(self._plain(record_type, v) for v in value) or EMPTY
        if isinstance(value, Mapping):
            return _counts(value, {})
        return str(value)


def _frozen(value: Any) -> Any:
    """``value`` as a key to remember its wording by (types kept apart: 1 is not True)."""
    if value is None or isinstance(value, (str, int, float)):
        return (type(value), value)
    if isinstance(value, list) and all(type(v) in (str, int) for v in value):
        return (list, *value)
    return _UNIQUE


def _yes_no(value: Any) -> str:
    return "是" if value else "否"


def _coded(enum: type[c.Coded] | None, value: Any) -> str:
    if enum is None:
        return str(value)
    try:
        return enum(value).label
    except ValueError:
        return str(value)


def _counts(counts: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """Non-zero counts as "新增 3、更新 2" (keys by ``labels``, a kind's label or as stored)."""
    parts = []
    for key, n in counts.items():
        if n in (0, None):
            continue
        label = labels.get(key) or Words._kind_count_label(key) or key
        parts.append(f"{label} {n}")
    return "、".join(parts) or "0"


def _minutes(text: str) -> str:
    """``2026-03-02 09:30:00`` → ``2026-03-02 09:30`` (seconds kept when not zero)."""
    text = text.replace("T", " ")
    return text[:16] if text[16:19] in ("", ":00") else text[:19]


def _utc_to_local(text: str) -> str:
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return text
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return local_time(at).isoformat(sep=" ")


# -- bulk look-ups ----------------------------------------------------------------------------


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = [v for v in values if v not in (None, "")]
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _users(logins: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(logins):
        found.update(User.select(User.login, User.name).where(User.login.in_(chunk)).tuples())
    return found


def _records(
    uuids: dict[str, set[str]], ids: dict[str, set[int]]
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, int], str]]:
    """(kind, uuid) → serial or title; (kind, id) → title (a person's name)."""
    by_uuid: dict[tuple[str, str], str] = {}
    by_id: dict[tuple[str, int], str] = {}
    for name in set(uuids) | set(ids):
        kind = declared(name)
        if kind is None:
            continue
        model = kind_tables.model(kind)
        title = getattr(model, kind.title_key) if kind.title_key else model.serial
        columns = (model.id, model.uuid, model.serial, title)
        for column, wanted in ((model.uuid, uuids.get(name, ())), (model.id, ids.get(name, ()))):
            for chunk in _chunks(wanted):
                for row_id, uuid, serial, text in (
                    model.select(*columns).where(column.in_(chunk)).tuples()
                ):
                    text = clip(str(text or ""), 24)
                    by_uuid[(name, uuid)] = serial or text
                    by_id[(name, row_id)] = text or serial or f"#{row_id}"
    return by_uuid, by_id


def _packages(uuids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(uuids):
        for model in (ExchangeWaiting, ImportHistory):
            query = model.select(model.package_uuid, model.file_name).where(
                model.package_uuid.in_(chunk) & (model.file_name != "")
            )
            found.update(query.tuples())
    return found


def _sites(uuids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(uuids):
        found.update(
            Peer.select(Peer.site_uuid, Peer.name).where(Peer.site_uuid.in_(chunk)).tuples()
        )
        found.update(Site.select(Site.uuid, Site.name).where(Site.uuid.in_(chunk)).tuples())
    return found
