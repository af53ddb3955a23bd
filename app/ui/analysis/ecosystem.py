"""The ecosystem part of the Analyse menu: Analyse → Ecosystem Map (Ctrl+Shift+E) opens the
service ecosystem map in a window of its own (app/ui/analysis/ecosystem_window.py), made
the first time it is asked for and kept while the main window lives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from app.ui.analysis import analysis_menu

if TYPE_CHECKING:
    from app.ui.analysis.ecosystem_window import EcosystemWindow
    from app.ui.main_window import MainWindow

KEYS = "Ctrl+Shift+E"


class EcosystemMap(QObject):
    """The action and the window of the map."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("ecosystemMap")
        self.main = window
        self.window: EcosystemWindow | None = None
        self.action = QAction("Ecosystem &Map", window)
        self.action.setObjectName("ecosystemMapAction")
        self.action.setShortcut(QKeySequence(KEYS))
        self.action.setStatusTip(
            "Show who takes part, through which touchpoints and channels, and which "
            "processes and systems stand behind them, in a window of its own"
        )
        analysis_menu(window).addAction(self.action)
        self.action.triggered.connect(self.show_map)
        window.workspace.stack_changed.connect(self._follow_project)
        window.installEventFilter(self)
        self._follow_project()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The main window closed (not minimised): its map goes with it.
        if (
            watched is self.main
            and event.type() == QEvent.Type.Hide
            and not event.spontaneous()
            and self.window is not None
        ):
            self.window.close()
        return False

    def show_map(self) -> EcosystemWindow | None:
        if self.main.workspace.document is None:
            return None
        if self.window is None:
            from app.ui.analysis.ecosystem_window import EcosystemWindow

            self.window = EcosystemWindow(self.main)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window

    def _follow_project(self) -> None:
        has_project = self.main.workspace.document is not None
        self.action.setEnabled(has_project)
        if not has_project and self.window is not None:
            self.window.close()


def install(window: MainWindow) -> None:
    """Add Analyse → Ecosystem Map to the window."""
    window.ecosystem_map = EcosystemMap(window)
