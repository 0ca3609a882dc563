"""The settings page (设置): one tab per area; other areas add theirs with :meth:`add_tab`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from studio_app.services.context import Context
from studio_app.ui.lookups import Lookups
from studio_app.ui.pages.settings.code_lists import CodeListsTab
from studio_app.ui.pages.settings.general import GeneralTab
from studio_app.ui.pages.settings.point_rules import PointRulesTab
from studio_app.ui.pages.settings.profile import ProfileTab


class SettingsPage(QTabWidget):
    """Studio profile, code lists, duty-point rules, and language / printing / data folder."""

    def __init__(
        self,
        ctx: Context,
        data_root: Path,
        parent: QWidget | None = None,
        lookups: Lookups | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.setDocumentMode(True)
        self.ctx = ctx
        self.profile = ProfileTab(ctx, self)
        self.add_tab(self.tr("Studio"), self.profile)
        self.code_lists = CodeListsTab(ctx, self, lookups)
        self.add_tab(self.tr("Code lists"), self.code_lists)
        self.point_rules = PointRulesTab(ctx, self)
        self.add_tab(self.tr("Duty-point rules"), self.point_rules)
        self.general = GeneralTab(data_root, self)
        self.add_tab(self.tr("Language, printing and data"), self.general)

    def add_tab(self, title: str, widget: QWidget) -> int:
        """Add ``widget`` as a tab (scrolled when taller than the window); returns its index."""
        scroll = QScrollArea(self)
        scroll.setObjectName(f"{widget.objectName() or 'settings'}Scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(widget)
        return self.addTab(scroll, title)

    def tab_titles(self) -> list[str]:
        return [self.tabText(i) for i in range(self.count())]
