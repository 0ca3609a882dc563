"""The smoke test of an installation (``studio-app selftest``), headless by default.

In throwaway data directories it goes through what a studio and the county office do:
open a database of the previous schema version as after installing a new version over an
old one (migrated, with a backup first), create a studio database and fill it with a small
demo, export a package, set up a county database and import the package (and dry-run an
encrypted copy), print a visit form and a statistics report and check that the Chinese
font is embedded in the PDF, and check that a workbook built to explode (billion laughs)
is refused by the XML guard. With ``gui`` it
also opens the real main window once, right after the database exists, and closes it at
its first paint, and renders the printed form with QtPdf as the print preview does. It
never touches the user's own data directory.

The PDF check keeps to the standard library (the frozen app carries no PDF reader): every
font is an embedded TrueType subset, and the Unicode maps of those subsets contain the
characters of the form's title — a subset only holds characters that were drawn.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio_app.core.errors import UserError
from studio_app.paths import DataDir

if TYPE_CHECKING:
    from studio_app.services.site import SiteFields

STUDIO: SiteFields = {
    "kind": "studio",
    "name": "石桥镇政协委员工作室",
    "code": "SQZ",
    "township": "石桥镇",
    "county": "平阳县",
}
COUNTY: SiteFields = {
    "kind": "county",
    "name": "平阳县政协",
    "code": "PYX",
    "township": "",
    "county": "平阳县",
}
PASSWORD = "县政协2026"
DEMO_VISITS = 40
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
"""


class CheckFailed(Exception):
    """A step found something wrong; the message says what, in Chinese."""


@dataclass
class StepResult:
    name: str
    ok: bool
    seconds: float
    detail: str


@dataclass
class Report:
    steps: list[StepResult] = field(default_factory=list)
    painted_at: float | None = None  # wall clock of the main window's first paint

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(s.ok for s in self.steps)

    @property
    def failed(self) -> StepResult | None:
        return next((s for s in self.steps if not s.ok), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "steps": [s.__dict__ for s in self.steps],
            "painted_at": self.painted_at,
        }


@dataclass
class _State:
    root: Path
    visits: int
    ctx: Any = None
    package: Path | None = None
    encrypted: Path | None = None
    visits_exported: int = 0
    pdf: Path | None = None


# --- the steps ---------------------------------------------------------------------------


def _open(folder: Path, setup: SiteFields) -> Any:
    """A fresh database in ``folder`` with its site set up; returns the admin's context."""
    from studio_app.services import site
    from studio_app.storage import migrations
    from studio_app.storage.database import close_database
    from studio_app.storage.models import database
    from studio_app.workspace import open_workspace

    close_database()
    workspace = open_workspace(DataDir(folder))
    if workspace.site is not None:
        raise CheckFailed(f"{folder} 中已有数据库，自检只在新的空目录中进行。")
    version = migrations.current_version(database.obj)
    if version != migrations.LATEST:
        raise CheckFailed(f"数据库结构版本为 {version}，应为 {migrations.LATEST}。")
    workspace.site = site.setup(**setup)
    return workspace.context()


def step_database(state: _State) -> str:
    from studio_app.storage import migrations

    state.ctx = _open(state.root / "studio", STUDIO)
    return f"{state.root / 'studio'}，结构版本 {migrations.LATEST}"


def step_upgrade(state: _State) -> str:
    """A database of the previous schema version, opened as after installing a new version
    over an old one: it is migrated, and backed up first."""
    from studio_app.storage import migrations
    from studio_app.storage.database import close_database, open_database
    from studio_app.storage.models import database
    from studio_app.workspace import open_workspace

    if migrations.LATEST < 2:
        return "只有一个结构版本，无需升级"
    old = DataDir(state.root / "upgrade")
    old.create()
    close_database()
    migrations.migrate(open_database(old.database, migrate=False), target=migrations.LATEST - 1)
    close_database()
    open_workspace(old)
    version = migrations.current_version(database.obj)
    close_database()
    if version != migrations.LATEST:
        raise CheckFailed(f"旧数据库升级后结构版本为 {version}，应为 {migrations.LATEST}。")
    saved = [p for p in old.backups.rglob("*") if p.is_file()]
    if not saved:
        raise CheckFailed("升级数据库前没有留下备份。")
    return f"结构版本 {migrations.LATEST - 1} → {version}，升级前备份 {saved[0].name}"


def step_demo(state: _State) -> str:
    from studio_app.demo import studio as demo

    s = demo.generate(state.ctx, visits=state.visits, seed=1)
    return f"委员 {s.members}，群众 {s.residents}，接待走访 {s.visits}，提案 {s.proposals}"


def step_export(state: _State) -> str:
    from studio_app.exchange.export import export_studio
    from studio_app.storage.models import Visit

    state.visits_exported = Visit.select().count()
    out = state.root / "usb"
    out.mkdir(exist_ok=True)
    plain = export_studio(state.ctx, out, full=True)
    if plain.path is None or not plain.path.is_file():
        raise CheckFailed("没有生成数据包。")
    state.package = plain.path
    (out / "encrypted").mkdir(exist_ok=True)
    encrypted = export_studio(state.ctx, out / "encrypted", full=True, password=PASSWORD)
    if encrypted.path is None or encrypted.path.read_bytes()[:4] != b"\xd0\xcf\x11\xe0":
        raise CheckFailed("加密导出的数据包不是加密文件。")
    state.encrypted = encrypted.path
    rows = sum(plain.counts.values())
    return f"{plain.path.name}（{rows} 行），另有加密副本"


def step_import(state: _State) -> str:
    from studio_app.exchange.importer import import_package
    from studio_app.storage.models import Visit

    assert state.package is not None and state.encrypted is not None
    state.ctx = _open(state.root / "county", COUNTY)
    result = import_package(state.ctx, state.package)
    if not result.applied or result.waiting:
        raise CheckFailed(f"数据包未导入（待决定的冲突 {result.waiting} 条）。")
    visits = Visit.select().count()
    if visits != state.visits_exported:
        expected = state.visits_exported
        plan = result.plan
        why = "；".join(
            [str(plan.sheet_counts), *plan.warnings, *(r.reason for r in plan.of("rejected")[:3])]
        )
        raise CheckFailed(f"导入后县政协库中有 {visits} 条接待记录，应为 {expected} 条（{why}）。")
    trial = import_package(state.ctx, state.encrypted, dry_run=True, password=PASSWORD)
    if trial.applied:
        raise CheckFailed("试导入不应更改数据。")
    return f"接待走访 {visits} 条已导入；加密数据包可解密"


def step_print(state: _State) -> str:
    from studio_app.reports import fonts, visit_form
    from studio_app.services.print_settings import font_path
    from studio_app.storage.models import Visit

    first = Visit.select(Visit.serial).order_by(Visit.id).first()
    if first is None:
        raise CheckFailed("没有可打印的接待记录。")
    dest = state.root / "登记表.pdf"
    result = visit_form.render_serials(state.ctx, [first.serial], dest)
    font = fonts.print_font(font_path())
    if not font.embedded:
        raise CheckFailed("本机没有可嵌入的中文 TrueType 字体，PDF 未嵌入中文字体。")
    check_pdf(result.path, visit_form.FORM_NAME)
    state.pdf = result.path
    return f"{first.serial}，{result.pages} 页，字体 {font.path.name if font.path else font.name}"


def step_report(state: _State) -> str:
    from studio_app.reports import monthly_report
    from studio_app.services.statistics import Period
    from studio_app.storage.models import Visit

    first = Visit.select(Visit.occurred_at).order_by(Visit.occurred_at).first()
    if first is None:
        raise CheckFailed("没有可统计的接待记录。")
    month = str(first.occurred_at)[:7]
    dest = state.root / "统计报表.pdf"
    result = monthly_report.render(state.ctx, Period.parse(month), dest, county=True)
    check_pdf(result.path, "统计")
    return f"{month}，{result.pages} 页（含图表）"


def step_xml_guard(state: _State) -> str:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    from studio_app.exchange import sniff
    from studio_app.exchange.importer import import_package
    from studio_app.storage.models import Visit

    try:
        SafeET.fromstring(BILLION_LAUGHS + b"<lolz>&lol4;</lolz>")
    except DefusedXmlException:
        pass
    else:
        raise CheckFailed("defusedxml 未生效：实体被展开了。")
    if vars(sniff).get("SafeET") is not SafeET:
        raise CheckFailed("数据包读取未使用 defusedxml。")
    assert state.package is not None
    bomb = state.root / "bomb.xlsx"
    bomb.write_bytes(_with_part(state.package.read_bytes(), "xl/workbook.xml", BILLION_LAUGHS))
    before = Visit.select().count()
    try:
        import_package(state.ctx, bomb)
    except UserError as exc:
        if "实体" not in exc.message:
            raise CheckFailed(f"恶意工作簿被拒绝，但原因不对：{exc.message}") from None
    else:
        raise CheckFailed("含 XML 实体声明的工作簿没有被拒绝。")
    if Visit.select().count() != before:
        raise CheckFailed("拒绝导入后数据却有变化。")
    return "实体声明被拒绝，数据未变"


def step_window(state: _State, report: Report) -> str:
    started = time.time()
    from studio_app.ui.smoke import open_main_window  # Qt is loaded only here

    painted_at, language = open_main_window(DataDir(state.root / "studio"))
    report.painted_at = painted_at
    ms = (painted_at - started) * 1000
    return f"主窗口已绘制并关闭（载入界面到首次绘制 {ms:.0f} ms，界面语言 {language}）"


def step_preview(state: _State) -> str:
    from studio_app.ui.smoke import render_first_page

    assert state.pdf is not None
    pages, inked = render_first_page(state.pdf)
    return f"QtPdf 打开 {state.pdf.name}（{pages} 页），第一页绘出 {inked} 个深色采样点"


# --- the PDF check (standard library only) -----------------------------------------------

_OBJECT = re.compile(rb"(\d+)\s+\d+\s+obj\b(.*?)\bendobj", re.S)
_HEX_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_HEX_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _objects(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(dictionary, decoded stream or b"") of every object of a PDF without object streams."""
    for m in _OBJECT.finditer(data):
        body = m.group(2)
        at = body.find(b"stream")
        if at < 0:
            yield body, b""
            continue
        head, raw = body[:at], body[at + 6 :].lstrip(b"\r\n")
        if b"/FlateDecode" in head:
            raw = zlib.decompressobj().decompress(raw)
        yield head, raw


def _unicode(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode()).decode("utf-16-be", "replace")


def mapped_text(data: bytes) -> set[str]:
    """Every character the ToUnicode maps of a PDF's fonts map to."""
    found: set[str] = set()
    for _head, stream in _objects(data):
        if b"begincmap" not in stream:
            continue
        for section in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for _src, dst in _HEX_PAIR.findall(section):
                found.update(_unicode(dst))
        for section in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for lo, hi, dst in _HEX_RANGE.findall(section):
                start = int.from_bytes(bytes.fromhex(dst.decode()), "big")
                found.update(chr(start + i) for i in range(int(hi, 16) - int(lo, 16) + 1))
    return found


def check_pdf(path: Path, title: str) -> None:
    """Raise :class:`CheckFailed` unless ``path`` is a PDF whose fonts are all embedded
    and whose embedded subsets hold every character of ``title``."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckFailed(f"{path.name} 不是完整的 PDF 文件。")
    descriptors = [h for h, _ in _objects(data) if re.search(rb"/Type\s*/FontDescriptor", h)]
    if not descriptors:
        raise CheckFailed(f"{path.name} 中没有嵌入任何字体。")
    bare = [d for d in descriptors if not re.search(rb"/FontFile[23]?\s", d)]
    if bare:
        raise CheckFailed(f"{path.name} 中有 {len(bare)} 个字体未嵌入。")
    missing = set(title) - mapped_text(data)
    if missing:
        raise CheckFailed(f"{path.name} 的嵌入字体中缺少“{''.join(sorted(missing))}”等文字。")


def _with_part(package: bytes, name: str, prolog: bytes) -> bytes:
    """``package`` with the XML part ``name`` given ``prolog`` (a DTD) in place of its own."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == name:
                content = prolog + content.split(b"?>", 1)[-1]
            dst.writestr(info, content)
    return out.getvalue()


# --- running -----------------------------------------------------------------------------

STEPS: list[tuple[str, Callable[[_State], str]]] = [
    ("升级旧数据库", step_upgrade),
    ("建立数据库", step_database),
    ("生成演示数据", step_demo),
    ("导出数据包", step_export),
    ("县政协导入", step_import),
    ("打印登记表", step_print),
    ("打印统计报表", step_report),
    ("XML 防护", step_xml_guard),
]


def run(
    root: Path,
    *,
    gui: bool = False,
    visits: int = DEMO_VISITS,
    on_step: Callable[[StepResult], None] | None = None,
) -> Report:
    """Run the steps in ``root`` (an empty folder), stopping at the first failure."""
    from studio_app.storage.database import close_database

    report = Report()
    state = _State(root, visits)
    steps = list(STEPS)
    if gui:
        at = [name for name, _ in steps].index("建立数据库") + 1
        steps.insert(at, ("打开主窗口", lambda s: step_window(s, report)))
        at = [name for name, _ in steps].index("打印登记表") + 1
        steps.insert(at, ("打印预览", step_preview))
    try:
        for name, step in steps:
            started = time.perf_counter()
            try:
                detail, ok = step(state), True
            except (CheckFailed, UserError) as exc:
                detail, ok = str(exc.args[0] if exc.args else exc), False
            except Exception as exc:  # a packaging fault shows as any exception
                detail, ok = f"{type(exc).__name__}: {exc}", False
            result = StepResult(name, ok, time.perf_counter() - started, detail)
            report.steps.append(result)
            if on_step is not None:
                on_step(result)
            if not ok:
                break
    finally:
        close_database()
    return report
