"""Exporting packages: a studio's changes for the county, the county's feedback for a studio.

Write locally → (encrypt) → copy to the destination and verify → only then mark the records
as exchanged and advance the package sequence, in one transaction with an audit entry. A
failure at any step leaves the database as it was and no file under the final name; what a
killed export leaves (a ``.part`` file, a working folder) is removed by a later one.

"Locally" is a working folder of the app's own (``studio_app.scratch``: ``temp/`` in the
data folder), never the system temp folder: xlsxwriter's constant-memory files hold every
cell as plain text. A password-protected workbook is written into memory and only its
encrypted bytes reach the disk. One export at a time per data folder (``scratch.exclusive``):
its number is read under that lock and taken in the transaction that records the export,
which refuses it if another export took it meanwhile, so two exports never share a number.
"""

from __future__ import annotations

import contextlib
import io
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from studio_app import __version__, scratch
from studio_app.core.errors import UserError
from studio_app.core.fields import Kind
from studio_app.core.identity import mask_id_number, mask_phone
from studio_app.exchange import signature, tables
from studio_app.exchange.files import deliver, remove_stale_parts, remove_stale_temp
from studio_app.exchange.labels import Labels
from studio_app.exchange.schema import (
    FORMAT_VERSION,
    KIND_LABELS,
    PackageKind,
    SheetSpec,
    file_name,
    maskable,
    name_part,
    sheets_for,
)
from studio_app.exchange.writer import Cancelled, PackageWriter, Progress
from studio_app.services import audit, peers, permissions, sent
from studio_app.services.context import Context
from studio_app.services.site import require_site
from studio_app.storage.models import Site, database

TEMP_PREFIX = "studio-export-"  # system temp folders of earlier versions, still swept
EXPORT_LOCK = "package-export"
BUSY = "另一个程序正在导出数据包（本机的命令行或窗口），请等它完成后再导出。"
_MASK: dict[Kind, Callable[[str | None], str]] = {
    Kind.PHONE: mask_phone,
    Kind.ID_NUMBER: mask_id_number,
}


@dataclass
class ExportResult:
    path: Path | None
    kind: PackageKind
    sequence: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.path is None


@dataclass(frozen=True)
class Selection:
    spec: SheetSpec
    where: str
    params: tuple[Any, ...]
    rev_column: str  # exchanged_rev or exchanged_county_rev


def _destination(dest: Path | None, name: str) -> Path:
    dest = Path.cwd() if dest is None else dest
    if dest.suffix.lower() == ".xlsx":
        if not dest.parent.is_dir():
            raise UserError(f"目标文件夹不存在：{dest.parent}")
        return dest
    if not dest.is_dir():
        raise UserError(f"目标文件夹不存在：{dest}")
    return dest / name


def _readme(
    site: Site, kind: PackageKind, seq: int, when: str, counts: dict[str, int]
) -> list[str]:
    lines = [
        f"{KIND_LABELS[kind]}（第 {seq} 号）",
        f"制作单位：{site.name}（代码 {site.code}）",
        f"制作时间：{when}",
        "",
        "本文件用于委员工作室与县政协之间交换数据，由“委员工作室履职台账”程序生成和读取。",
        "各工作表内容：" + "；".join(f"{t} {n} 条" for t, n in counts.items()),
        "",
        "可以打开查看、打印、筛选和排序。请注意：",
        "1. 不要修改、删除隐藏的列（唯一标识、版本、行校验等）和隐藏的工作表，否则无法导入。",
        "2. 不要改动表头（第一行）；可以调整列宽、隐藏列、调整列的顺序。",
        "3. 如果在表中改了内容，导入时程序会指出被手工修改过的行，由导入人确认是否采用。",
        "4. 不要在单元格中输入公式；身份证号、电话请按文本输入。",
        "5. 同一个文件只需导入一次；重复导入不会产生重复记录。",
    ]
    return lines


def _write(
    local: Path | BinaryIO,
    work: Path,
    site: Site,
    kind: PackageKind,
    seq: int,
    previous: int,
    selections: list[Selection],
    counts: dict[str, int],
    extra: dict[str, Any],
    include_identifiers: bool,
    progress: Progress | None,
    cancelled: Cancelled | None,
    ctx: Context,
) -> dict[str, list[tuple[int, int]]]:
    """Write the workbook to ``local`` (a file, or memory), xlsxwriter's temporary files to
    ``work``; returns per table the (revision, id) pairs written."""
    key = peers.own_private_key()  # made here for databases set up before signing
    labels = Labels.load()
    writer = PackageWriter(local, labels, [s.spec for s in selections], tmpdir=work)
    written: dict[str, list[tuple[int, int]]] = {}
    total = sum(counts.values())
    done = 0
    masked_keys: dict[str, list[str]] = {}
    try:
        for sel in selections:
            spec = sel.spec
            masked = {} if include_identifiers else _maskers(spec)
            masked_keys[spec.title] = sorted(masked)
            pairs: list[tuple[int, int]] = []
            rev_key = "rev" if sel.rev_column == "exchanged_rev" else "county_rev"

            def rows(
                sel: Selection = sel, pairs: list[tuple[int, int]] = pairs, rev_key: str = rev_key
            ) -> Any:
                for values in tables.read(sel.spec, sel.where, sel.params):
                    pairs.append((values[rev_key], values["_id"]))
                    yield values

            def sheet_progress(n: int, _total: int, base: int = done) -> None:
                if progress is not None:
                    progress(base + n, total)

            writer.write_sheet(
                spec,
                rows(),
                total=counts[spec.title],
                masked=masked,
                progress=sheet_progress,
                cancelled=cancelled,
            )
            done += counts[spec.title]
            written[spec.record] = pairs
    except BaseException:
        writer.discard()  # its temporary files, at once: nothing is written
        raise
    when = ctx.now_local().isoformat(sep=" ")
    manifest = {
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "package_uuid": str(uuidlib.uuid4()),
        "kind": kind.value,
        "site_uuid": site.uuid,
        "site_name": site.name,
        "site_code": site.code,
        "site_kind": site.kind,
        "sequence": seq,
        "previous_sequence": previous,
        "created_at": when,
        "created_by": ctx.user,
        "masked": masked_keys,
        **extra,
    }
    writer.finish(
        manifest,
        _readme(site, kind, seq, when, counts),
        sign=lambda data: signature.sign(data, key),
    )
    return written


def _maskers(spec: SheetSpec) -> dict[str, Callable[[str | None], str]]:
    """How each identifier of ``spec`` that is masked in packages is masked."""
    keys = maskable(spec.record)
    return {
        col.key: _MASK[col.kind] for col in spec.columns if col.key in keys and col.kind in _MASK
    }


def _encrypt(plain: io.BytesIO, path: Path, password: str) -> None:
    """Write the workbook held in memory to ``path``, encrypted: the plain one never reaches
    the disk."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain.seek(0)
    with path.open("wb") as out:
        OOXMLFile(plain).encrypt(password, out)


def package_name(site: Site, kind: PackageKind, day: date, seq: int, recipient: str = "") -> str:
    """The file name of ``site``'s package number ``seq`` made on ``day`` (``recipient``: the
    studio a feedback package is for): :func:`schema.file_name`, the code where a name is
    not usable."""
    return file_name(name_part(site.name, site.code), kind, day, seq, recipient)


def run_export(
    ctx: Context,
    kind: PackageKind,
    selections: list[Selection],
    dest: Path | None,
    *,
    seq_setting: str | None,
    include_identifiers: bool,
    password: str | None,
    progress: Progress | None,
    cancelled: Cancelled | None,
    extra: dict[str, Any] | None = None,
) -> ExportResult:
    """Export ``selections`` as package ``kind``: its number is the site's next package
    number (``seq_setting``: a setting holding it instead, per feedback target)."""
    if include_identifiers:
        permissions.require(ctx, permissions.Permission.SEE_PII, "package")
    permissions.require(ctx, permissions.Permission.EXCHANGE, "package")
    site = require_site()
    remove_stale_temp(TEMP_PREFIX)  # left in the system temp folder by earlier versions
    with scratch.exclusive(EXPORT_LOCK, BUSY):
        return _export(
            ctx, kind, selections, dest, site, seq_setting, include_identifiers, password,
            progress, cancelled, extra or {},
        )  # fmt: skip


def _export(
    ctx: Context,
    kind: PackageKind,
    selections: list[Selection],
    dest: Path | None,
    site: Site,
    seq_setting: str | None,
    include_identifiers: bool,
    password: str | None,
    progress: Progress | None,
    cancelled: Cancelled | None,
    extra: dict[str, Any],
) -> ExportResult:
    seq = sent.next_number(site, seq_setting)
    counts = {s.spec.title: tables.count(s.spec.record, s.where, s.params) for s in selections}
    news = extra.pop("news", False)  # something besides the rows (a feedback's lists, rules)
    if not any(counts.values()) and not news:
        return ExportResult(None, kind, seq, counts)
    recipient = name_part(extra.get("target_site_name", ""), extra.get("target_site_code", ""))
    name = package_name(site, kind, ctx.today(), seq, recipient)
    target = _destination(dest, name)
    with scratch.workdir("export") as work:
        local = work / name
        try:
            plain: Path | io.BytesIO = io.BytesIO() if password else local
            written = _write(
                plain, work, site, kind, seq, seq - 1, selections, counts, extra,
                include_identifiers, progress, cancelled, ctx,
            )  # fmt: skip
            if isinstance(plain, io.BytesIO):
                _encrypt(plain, local, password or "")
                plain.close()
        except OSError as exc:
            raise UserError(f"无法在本机临时文件夹写入导出文件：{exc.strerror or exc}") from exc
        deliver(local, target)
        try:
            with database.atomic():  # BEGIN IMMEDIATE: no other writer until the commit
                sent.take_number(site, seq, seq_setting)
                for sel in selections:
                    sent.mark_sent(sel.spec.record, sel.rev_column, written[sel.spec.record])
                audit.record(
                    ctx,
                    "export",
                    "package",
                    "",
                    {
                        "file": (None, target.name),
                        "kind": (None, kind.value),
                        "sequence": (None, seq),
                        "counts": (None, counts),
                        "include_identifiers": (None, include_identifiers),
                    },
                )
        except Exception:
            with contextlib.suppress(OSError):
                target.unlink()
            raise
    remove_stale_parts(target.parent, target)  # .part files of earlier, interrupted copies
    return ExportResult(target, kind, seq, counts)


def export_studio(
    ctx: Context,
    dest: Path | None = None,
    *,
    full: bool = False,
    include_identifiers: bool = False,
    password: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """The studio package: records changed since the last package, or all with ``full``."""
    if ctx.is_county:
        raise UserError("县政协不导出工作室数据包；请用“反馈包”（feedback）发给各工作室。")
    where = "" if full else "rev > exchanged_rev"
    selections = [
        Selection(spec, where, (), "exchanged_rev") for spec in sheets_for(PackageKind.STUDIO)
    ]
    return run_export(
        ctx, PackageKind.STUDIO, selections, dest, seq_setting=None,
        include_identifiers=include_identifiers, password=password, progress=progress,
        cancelled=cancelled, extra={"full": full},
    )  # fmt: skip
