"""The PyInstaller spec leaves out only what the app never uses (checked without building)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "studio_app.spec"


def _assignments() -> dict[str, ast.expr]:
    tree = ast.parse(SPEC.read_text("utf-8"))
    return {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def excluded_modules() -> set[str]:
    found = _assignments()
    qt = ast.literal_eval(found["QT_UNUSED"])
    extra = found["EXCLUDES"]
    assert isinstance(extra, ast.BinOp)
    return {f"PySide6.{m}" for m in qt} | set(ast.literal_eval(extra.right))


def wanted(name: str) -> bool:
    """The spec's own ``_wanted`` filter (with its patterns), applied to a bundle path."""
    tree = ast.parse(SPEC.read_text("utf-8"))
    keep = {"_KEEP_QM", "_QM", "_DROP", "_wanted"}
    body: list[ast.stmt] = [ast.Import(names=[ast.alias(name="re")])]
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            names = {node.name}
        elif isinstance(node, ast.Assign):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
        else:
            continue
        if names & keep:
            body.append(node)
    namespace: dict[str, object] = {}
    exec(compile(ast.fix_missing_locations(ast.Module(body, [])), str(SPEC), "exec"), namespace)
    return namespace["_wanted"]((name, "source", "DATA"))  # type: ignore[operator]


def imported_by_the_app() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "studio_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_excluded_module_is_imported_by_the_app() -> None:
    imported = imported_by_the_app()
    clash = {
        name
        for name in imported
        for gone in excluded_modules()
        if name == gone or name.startswith(gone + ".")
    }
    assert not clash, f"the spec excludes modules the app imports: {sorted(clash)}"


@pytest.mark.parametrize(
    "name",
    [
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
        "PySide6/Qt/lib/libQt6PrintSupport.so.6",
        "PySide6\\Qt6Pdf.dll",
        "PySide6\\Qt6Widgets.dll",
        "PySide6\\Qt6Network.dll",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6\\plugins\\platforms\\qoffscreen.dll",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6\\plugins\\printsupport\\windowsprintersupport.dll",
        "PySide6\\plugins\\imageformats\\qjpeg.dll",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6\\translations\\qtbase_zh_CN.qm",
        "PySide6\\translations\\qt_en.qm",
        "resources/translations/studio_app_zh_CN.qm",
    ],
)
def test_libraries_the_app_needs_are_kept(name: str) -> None:
    assert wanted(name)


@pytest.mark.parametrize(
    "name",
    [
        "PySide6\\Qt6Qml.dll",
        "PySide6\\Qt6Quick.dll",
        "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
        "PySide6\\plugins\\imageformats\\qpdf.dll",
        "PySide6\\plugins\\platforminputcontexts\\qtvirtualkeyboardplugin.dll",
        "PySide6\\plugins\\tls\\qschannelbackend.dll",
        "PySide6\\opengl32sw.dll",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\translations\\qtbase_ja.qm",
        "PySide6\\translations\\qt_help_zh_CN.qm",
    ],
)
def test_plugins_nobody_loads_are_dropped(name: str) -> None:
    assert not wanted(name)
