"""Analyse → Compare As-is and To-be… (Ctrl+Shift+K): a window beside the map that shows
what a to-be changes of its as-is, follows edits while it is shown, shows an item on
the map when it is double-clicked, and exports the comparison as a PDF report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.analysis.compare import compare_blueprints
from app.model.errors import StagecraftError
from app.model.method import PainPoint
from app.model.structure import Blueprint, Card
from app.ui.analysis import analysis_menu
from app.ui.analysis.compare_view import CompareView
from app.ui.dialogs.error import ErrorDialog
from app.ui.file_chooser import choose_export
from app.ui.method.jump import jump_to

if TYPE_CHECKING:
    from app.model.changes import ChangeSet
    from app.ui.main_window import MainWindow

KEYS = "Ctrl+Shift+K"
FOLLOW_MS = 250  # edits in quick succession are compared once
STATUS_MS = 8000
NEED_TWO = (
    "The project needs an as-is and a to-be to compare: select the as-is blueprint and "
    "use Blueprint → Duplicate as To-be."
)
SAME = "Choose two different blueprints: the as-is, and the to-be that changes it."
NOTHING_WRITTEN = "Nothing was written; your project is as it was."
GONE = "That item is no longer in the project."


def install(window: MainWindow) -> None:
    """Add Analyse → Compare As-is and To-be… and its window."""
    Comparer(window)


def comparer_of(window: MainWindow) -> Comparer:
    return window.findChild(Comparer, "comparer")


class CompareWindow(QWidget):
    """The compare view in a window of its own, which stays above the main window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareWindow")
        self.setWindowTitle("Compare As-is and To-be")
        self.setAccessibleName("Compare As-is and To-be")
        self.view = CompareView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.view)
        self.view.close_button.clicked.connect(self.close)
        self.resize(1000, 620)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class Comparer(QObject):
    """Keeps the compare window in step with the project and the user's picks."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("comparer")
        self.window = window
        self.compare_window: CompareWindow | None = None
        self.comparison = None
        self.folder = Path.home()
        self._stale = True
        self.action = QAction("&Compare As-is and To-be…", window)
        self.action.setObjectName("compareAction")
        self.action.setShortcut(QKeySequence(KEYS))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setStatusTip("What the to-be changes: cards, pain points, systems, hand-offs")
        self.action.triggered.connect(self.open)
        window.addAction(self.action)
        menu = analysis_menu(window)
        menu.addSeparator()
        menu.addAction(self.action)
        self.timer = QTimer(self)
        self.timer.setObjectName("compareTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(FOLLOW_MS)
        self.timer.timeout.connect(self.refresh)
        window.workspace.changed.connect(self._changed)
        window.workspace.stack_changed.connect(self._project_changed)
        self.action.setEnabled(window.workspace.document is not None)

    # -- the window ----------------------------------------------------------------------------

    def open(self) -> CompareWindow:
        """Show the window with the current to-be and its as-is picked (or the current
        as-is and a to-be made from it), and compare them."""
        made = self.compare_window
        if made is None:
            made = self.compare_window = CompareWindow(self.window)
            view = made.view
            view.picked.connect(self.refresh)
            view.jump_requested.connect(self.jump)
            view.export.clicked.connect(lambda: self.export())
        self._offer_blueprints(default=True)
        self.refresh()
        made.show()
        made.raise_()
        made.activateWindow()
        made.view.tabs.currentWidget().setFocus()
        return made

    def _visible(self) -> bool:
        return self.compare_window is not None and self.compare_window.isVisible()

    def _project_changed(self) -> None:
        self.action.setEnabled(self.window.workspace.document is not None)
        if self.compare_window is None:
            return
        self._offer_blueprints(default=True)
        if self._visible():
            self.refresh()

    def _changed(self, changes: ChangeSet) -> None:
        if changes.blueprints_changed and self.compare_window is not None:
            self._offer_blueprints(default=False)
        if self._visible():
            self.timer.start()  # restarted by every edit: compared once they pause
        else:
            self._stale = True

    def _offer_blueprints(self, default: bool) -> None:
        document = self.window.workspace.document
        view = self.compare_window.view
        if document is None:
            view.set_blueprints([], "", "")
            return
        blueprints = list(document.project.blueprints)
        choices = [(b.id, b.name) for b in blueprints]
        before, after = view.chosen()
        ids = {b.id for b in blueprints}
        if default or before not in ids or after not in ids:
            before, after = default_pair(blueprints, self._current_id())
        view.set_blueprints(choices, before or "", after or "")

    def _current_id(self) -> str | None:
        editor = self.window.workspace.current
        return editor.blueprint_id if editor is not None else None

    # -- comparing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compare the two blueprints picked now."""
        self.timer.stop()
        self._stale = False
        if self.compare_window is None:
            return
        view = self.compare_window.view
        document = self.window.workspace.document
        before_id, after_id = view.chosen()
        self.comparison = None
        if document is None or view.before.count() < 2 or not before_id or not after_id:
            view.show_message(NEED_TWO)
            return
        if before_id == after_id:
            view.show_message(SAME)
            return
        session = document.session
        before, after = session.get(Blueprint, before_id), session.get(Blueprint, after_id)
        if before is None or after is None:
            view.show_message(NEED_TWO)
            return
        try:
            self.comparison = compare_blueprints(session, before, after)
        except StagecraftError as error:
            view.show_message(str(error))
            return
        view.show_comparison(self.comparison)

    def jump(self, target: tuple[str, str]) -> bool:
        """Show the card or pain point on the map (its blueprint first)."""
        document = self.window.workspace.document
        if document is None:
            return False
        kind, item_id = target
        item = document.session.get(Card if kind == "card" else PainPoint, item_id)
        if item is None:
            self.window.statusBar().showMessage(GONE, STATUS_MS)
            return False
        return jump_to(self.window, item)

    # -- the report ----------------------------------------------------------------------------

    def export(self, path: Path | None = None) -> Path | None:
        """Export Report…: ask where (unless ``path`` is given), then write the PDF."""
        if self._stale or self.timer.isActive():
            self.refresh()
        comparison = self.comparison
        if comparison is None:
            return None
        parent = self.compare_window or self.window
        if path is None:
            path = self._choose(parent, f"{_safe(comparison.after.name)} changes.pdf")
            if path is None:
                return None
        from app.export.report_compare import write_comparison_report

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = write_comparison_report(comparison, path)
        except (StagecraftError, OSError) as error:
            QApplication.restoreOverrideCursor()
            ErrorDialog(parent, f"{path.name} was not exported: {error}", NOTHING_WRITTEN).ask()
            return None
        QApplication.restoreOverrideCursor()
        self.folder = path.parent
        noun = "page" if pages == 1 else "pages"
        self.window.statusBar().showMessage(
            f"Wrote the comparison report to {path} ({pages} {noun})", STATUS_MS
        )
        return path

    def _choose(self, parent: QWidget, name: str) -> Path | None:
        chosen = choose_export(
            parent,
            "Export comparison report",
            self.folder,
            "PDF documents (*.pdf)",
            "compareReportFileDialog",
            name,
            "pdf",
        )
        if chosen is None or chosen.suffix.lower() == ".pdf":
            return chosen
        return chosen.with_name(chosen.name + ".pdf")


def default_pair(blueprints: list[Blueprint], current: str | None) -> tuple[str | None, str | None]:
    """The as-is and to-be to compare first: the current to-be and the blueprint it came
    from; else the current blueprint and the first to-be made from it; else the first
    to-be made from another blueprint; else the first two blueprints."""
    by_id = {b.id: b for b in blueprints}
    shown = by_id.get(current) if current else None
    if shown is not None and shown.derived_from_id in by_id:
        return shown.derived_from_id, shown.id
    if shown is not None:
        made = next((b for b in blueprints if b.derived_from_id == shown.id), None)
        if made is not None:
            return shown.id, made.id
    derived = next((b for b in blueprints if b.derived_from_id in by_id), None)
    if derived is not None:
        return derived.derived_from_id, derived.id
    ids = [b.id for b in blueprints]
    return (ids[0] if ids else None), (ids[1] if len(ids) > 1 else None)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in " -_()" else "_" for c in name).strip() or "comparison"
