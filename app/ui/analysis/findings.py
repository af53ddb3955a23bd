"""The findings in the window: Analyse → Findings (Ctrl+Shift+I) shows a dock listing what
the analysis finds in the blueprint shown (or in all), family by family. It follows the
edits lazily: only while the dock shows, and after a short pause, so typing on a card
does not analyse the project at every key. Enter or a double-click shows the finding's
first item on the map; the context menu goes to each item; Ctrl+C copies the sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTreeWidgetItem

from app.analysis.findings import Analysis, ItemRef, analyse
from app.model.changes import ChangeSet
from app.model.errors import StagecraftError
from app.ui.analysis import analysis_menu
from app.ui.analysis.findings_dock import ALL, NO_BLUEPRINT, NO_PROJECT, FindingsPanel
from app.ui.analysis.findings_jump import KIND_WORDS, jump_to_item

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

DOCK_KEYS = "Ctrl+Shift+I"  # fIndings: Ctrl+Shift+F is taken by find
PAUSE_MS = 400  # after the last edit, before the findings are read again
MENU_ITEMS = 15  # the context menu's "Show …" entries at most
DOCK_WIDTH = 380  # on first showing: sentences of about forty characters a line


def install(window: MainWindow) -> None:
    """Add the Findings dock and its action to the window."""
    Findings(window)


def findings_of(window: MainWindow) -> Findings:
    return window.findChild(Findings, "findings")


class Findings(QObject):
    """Runs the analysis for the dock and shows on the map what it names."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("findings")
        self.window = window
        self._dirty = True
        self._placed = False  # the dock has been given its first width
        self.panel = FindingsPanel()
        self.dock = window.dock_beside_properties(
            "findingsDock", "Findings", self.panel, "showFindingsAction", "&Findings"
        )
        toggle = self.dock.toggleViewAction()
        toggle.setShortcut(QKeySequence(DOCK_KEYS))
        toggle.setStatusTip(
            "What the analysis finds: duplicated data, hand-offs, loops, waits, evidence gaps"
        )
        toggle.triggered.connect(lambda shown: self.show_dock() if shown else None)
        window.addAction(toggle)
        analysis_menu(window).addAction(toggle)
        window.menuBar().findChild(QMenu, "viewMenu").addAction(toggle)

        # The list takes Ctrl+C itself while it has the focus (Edit → Copy keeps the key);
        # the menu only shows it.
        keys = QKeySequence(QKeySequence.StandardKey.Copy).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.copy_action = QAction(f"&Copy Findings\t{keys}", self.panel)
        self.copy_action.setObjectName("copyFindingsAction")
        self.copy_action.setStatusTip("Copy the selected findings' sentences as text")
        self.copy_action.triggered.connect(self.copy)

        self.timer = QTimer(self)
        self.timer.setObjectName("findingsTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self.refresh)

        tree = self.panel.tree
        tree.itemActivated.connect(lambda row, _column: self.show_on_map(row))
        tree.enter_pressed.connect(lambda: self.show_on_map(tree.currentItem()))
        tree.copy_pressed.connect(self.copy)
        tree.customContextMenuRequested.connect(self._context_menu)
        self.panel.scope_changed.connect(lambda _scope: self._stale(now=True))
        self.dock.visibilityChanged.connect(lambda shown: self.refresh() if shown else None)
        workspace = window.workspace
        workspace.changed.connect(self._changed)
        workspace.stack_changed.connect(lambda: self._stale(now=True))
        workspace.stack.currentChanged.connect(lambda _index: self._shown_changed())

    # -- following the window -------------------------------------------------------------------

    def _changed(self, changes: ChangeSet) -> None:
        if changes.empty or not (
            changes.structure_changed
            or changes.blueprints_changed
            or changes.cards_added
            or changes.cards_removed
            or changes.cards_changed
            or changes.connectors_added
            or changes.connectors_removed
            or changes.connectors_changed
            or changes.pain_points_changed
            or changes.moments_changed
            or changes.catalogue_changed
        ):
            return  # comments, opportunities, the ecosystem map: nothing listed changes
        self._stale(now=False)

    def _shown_changed(self) -> None:
        if self.panel.scope_key() != ALL:
            self._stale(now=True)

    def _stale(self, *, now: bool) -> None:
        self._dirty = True
        if not self.dock.isVisible():
            return  # a hidden dock catches up when shown
        if now:
            self.refresh()
        else:
            self.timer.start()  # restarted by each edit: read once they pause

    def refresh(self) -> None:
        """Analyse again, if anything changed since and the dock shows."""
        if not self.dock.isVisible() or not self._dirty:
            return
        self.timer.stop()
        self._dirty = False
        analysis = self.analysis()
        document = self.window.workspace.document
        self.panel.show_analysis(analysis, NO_PROJECT if document is None else NO_BLUEPRINT)

    def analysis(self) -> Analysis | None:
        """The findings of the blueprint shown, or of all blueprints; None without a
        project (or while one is being closed)."""
        document = self.window.workspace.document
        if document is None or document.project_file is not self.window.project_file:
            return None
        editor = self.window.workspace.current
        blueprint = None
        if self.panel.scope_key() != ALL:
            if editor is None:
                return None
            blueprint = editor.blueprint_id
        try:
            return analyse(document.session, blueprint)
        except StagecraftError:  # the blueprint went while the edit was in flight
            return None

    def show_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()
        if not self._placed and not self.dock.isFloating():
            self._placed = True
            self.window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.refresh()
        tree = self.panel.tree
        tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if tree.currentItem() is None and tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))

    # -- what the user asks for ----------------------------------------------------------------

    def show_on_map(self, row: QTreeWidgetItem | None) -> bool:
        """Show the row's item, or its finding's first item that has a place on a map."""
        if row is None:
            return False
        item = self.panel.item_of(row)
        if item is not None:
            return self.go_to(item)
        finding = self.panel.finding_of(row)
        if finding is None:  # a family: open or close it
            row.setExpanded(not row.isExpanded())
            return False
        return any(self.go_to(item) for item in finding.items)

    def go_to(self, item: ItemRef) -> bool:
        document = self.window.workspace.document
        if document is None:
            return False
        shown = jump_to_item(self.window, document.session, item)
        if not shown:
            words = KIND_WORDS.get(item.kind, item.kind).lower()
            self.window.statusBar().showMessage(
                f"The {words} “{item.name}” has no place on a map to show", 5000
            )
        return shown

    def copy(self) -> None:
        """The chosen findings' sentences, one paragraph each (all when none is chosen)."""
        findings = self.panel.chosen_findings()
        if not findings:
            return
        parts = []
        for finding in findings:
            where = f" ({finding.blueprint_name})" if finding.blueprint_name else ""
            parts.append(f"{finding.title}{where}\n{finding.sentence}")
        QApplication.clipboard().setText("\n\n".join(parts) + "\n")

    def _context_menu(self, at: QPoint) -> None:
        tree = self.panel.tree
        row = tree.itemAt(at)
        menu = QMenu(tree)
        menu.setObjectName("findingsContextMenu")
        finding = self.panel.finding_of(row)
        own = self.panel.item_of(row)
        items = [own] if own is not None else list(finding.items) if finding else []
        for item in items[:MENU_ITEMS]:
            words = KIND_WORDS.get(item.kind, item.kind)
            name = item.name if len(item.name) <= 50 else item.name[:49].rstrip() + "…"
            action = menu.addAction(f"Show {words.lower()} “{name}”".replace("&", "&&"))
            action.triggered.connect(lambda _checked=False, item=item: self.go_to(item))
        if len(items) > MENU_ITEMS:
            more = menu.addAction(f"… and {len(items) - MENU_ITEMS} more in the list")
            more.setEnabled(False)
        if items:
            menu.addSeparator()
        menu.addAction(self.copy_action)
        menu.popup(tree.viewport().mapToGlobal(at))
