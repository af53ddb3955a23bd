"""The service ecosystem map's own window (a designer wants the room): the map of the
whole project or of one blueprint, nodes dragged into place (each drag one undoable
step, saved in the project), Reset Layout, zoom, and Export PDF… / Export PNG….

It follows every edit, undo and redo of the project while it is shown (after a short
pause, so a burst of edits is one redraw) and catches up when shown again. Its keys are
handled here and in the view, not as actions, so they never clash with the main
window's: Ctrl+Z / Ctrl+Shift+Z undo and redo, Ctrl+0 fits, Ctrl+W closes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QToolBar,
)

from app.analysis.ecosystem import EcosystemGraph, build_ecosystem
from app.analysis.ecosystem_layout import layered_layout
from app.editing.commands.base import EditCommand
from app.editing.commands.ecosystem import MoveEcosystemNodesCommand, ResetEcosystemLayoutCommand
from app.editing.document import EditingDocument
from app.model.changes import ChangeSet
from app.model.errors import StagecraftError
from app.model.ops_ecosystem import saved_positions
from app.model.structure import Card
from app.ui.analysis.ecosystem_scene import EcosystemScene
from app.ui.analysis.ecosystem_view import EcosystemView
from app.ui.dialogs.error import ErrorDialog
from app.ui.file_chooser import choose_export
from app.ui.method.jump import jump_to

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

FOLLOW_MS = 150  # the pause after an edit before the map is drawn again
STATUS_MS = 6000
ALL = "All blueprints"
HINT = (
    "Drag nodes (or nudge them with the arrow keys) to arrange the map; double-click a node "
    "or press Enter to see its first card; Alt+arrow selects the next node; Ctrl+wheel "
    "zooms, Ctrl+0 fits."
)
READ_ONLY_HINT = "The project is open read-only: the map can be looked at, not rearranged."
FILTERS = {"pdf": "PDF documents (*.pdf)", "png": "PNG images (*.png)"}
NOTHING_WRITTEN = "Nothing was written; your project is as it was."


class EcosystemWindow(QMainWindow):
    def __init__(self, main: MainWindow) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.setObjectName("ecosystemWindow")
        self.setAccessibleName("Service ecosystem map")
        self.main = main
        self.graph: EcosystemGraph | None = None
        self.stale = True
        self.folder: Path | None = None
        self.resize(1280, 860)

        self.scene = EcosystemScene(self)
        self.view = EcosystemView(self.scene, self)
        self.setCentralWidget(self.view)

        toolbar = QToolBar("Ecosystem map", self)
        toolbar.setObjectName("ecosystemToolBar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        label = QLabel("&Map of:")
        label.setContentsMargins(6, 0, 4, 0)
        self.choice = QComboBox()
        self.choice.setObjectName("ecosystemBlueprintChoice")
        self.choice.setAccessibleName("Map of which blueprint")
        self.choice.setToolTip("Map the whole project, or one blueprint")
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label.setBuddy(self.choice)
        toolbar.addWidget(label)
        toolbar.addWidget(self.choice)
        toolbar.addSeparator()
        self.fit_action = self._action(
            "ecosystemFitAction", "&Fit to Window", "Show the whole map (Ctrl+0)"
        )
        self.reset_action = self._action(
            "ecosystemResetAction",
            "&Reset Layout",
            "Put every node back in its layer, as first laid out (undoable)",
        )
        self.pdf_action = self._action(
            "ecosystemExportPdfAction", "Export &PDF…", "Save the map as a PDF"
        )
        self.png_action = self._action(
            "ecosystemExportPngAction", "Export P&NG…", "Save the map as a PNG image"
        )
        for action in (self.fit_action, self.reset_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.pdf_action, self.png_action):
            toolbar.addAction(action)
        self.statusBar().setObjectName("ecosystemStatusBar")

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(FOLLOW_MS)
        self.timer.timeout.connect(self.refresh)

        self.choice.currentIndexChanged.connect(lambda _index: self._scope_changed())
        self.fit_action.triggered.connect(self.view.fit)
        self.reset_action.triggered.connect(self.reset_layout)
        self.pdf_action.triggered.connect(lambda: self.export("pdf"))
        self.png_action.triggered.connect(lambda: self.export("png"))
        self.scene.nodes_moved.connect(lambda moved: self._moved(moved, nudge=False))
        self.scene.nodes_nudged.connect(lambda moved: self._moved(moved, nudge=True))
        self.scene.node_activated.connect(self.show_card)
        main.workspace.changed.connect(self._changed)
        main.workspace.stack_changed.connect(self._project_changed)
        self._fill_choice()

    def _action(self, name: str, text: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        return action

    # -- what is shown --------------------------------------------------------------------

    @property
    def document(self) -> EditingDocument | None:
        return self.main.workspace.document

    @property
    def blueprint_id(self) -> str | None:
        """The map shown: one blueprint's, or None for the whole project's."""
        return self.choice.currentData()

    def choose(self, blueprint_id: str | None) -> None:
        index = self.choice.findData(blueprint_id)
        self.choice.setCurrentIndex(max(index, 0))

    def refresh(self) -> None:
        """Draw the map as the project is now."""
        self.timer.stop()
        self.stale = False
        document = self.document
        if document is None:
            self.scene.clear()
            self.scene.nodes = {}
            self.graph = None
            self.setWindowTitle("Service ecosystem map")
            self._enable(False, False)
            return
        session = document.session
        scope = self.blueprint_id
        self.graph = build_ecosystem(session, scope)
        saved = saved_positions(session, scope)
        layout = layered_layout(self.graph, saved)
        editable = not document.read_only
        self.scene.show_map(self.graph, layout, editable=editable)
        self.setWindowTitle(f"Service ecosystem map: {self.graph.title} – {document.project.name}")
        self._enable(True, editable and bool(layout.placed))
        if not self.statusBar().currentMessage():
            self.statusBar().showMessage(HINT if editable else READ_ONLY_HINT)

    def _enable(self, has_map: bool, can_reset: bool) -> None:
        for action in (self.fit_action, self.pdf_action, self.png_action):
            action.setEnabled(has_map)
        self.choice.setEnabled(has_map)
        self.reset_action.setEnabled(can_reset)

    def _fill_choice(self) -> None:
        keep = self.blueprint_id
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(ALL, None)
        document = self.document
        if document is not None:
            for blueprint in document.project.blueprints:
                kind = blueprint.kind.value
                name = blueprint.name if kind in blueprint.name else f"{blueprint.name} ({kind})"
                self.choice.addItem(name, blueprint.id)
        self.choice.setCurrentIndex(max(self.choice.findData(keep), 0))
        self.choice.blockSignals(False)

    def _scope_changed(self) -> None:
        self.refresh()
        self.view.fit()

    def _changed(self, changes: ChangeSet) -> None:
        if changes.blueprints_changed:
            self._fill_choice()
        if self.isVisible():
            self.timer.start()
        else:
            self.stale = True

    def _project_changed(self) -> None:
        self._fill_choice()
        self.statusBar().clearMessage()
        if self.isVisible():
            self.refresh()
            self.view.fit()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()
            self.view.fit()
            # Again once the window system has given the window its size.
            QTimer.singleShot(0, self.view.fit)

    # -- editing --------------------------------------------------------------------------

    def push(self, command: EditCommand) -> bool:
        document = self.document
        if document is None:
            return False
        try:
            document.push(command)
        except StagecraftError as error:
            ErrorDialog(self, str(error)).ask()
            self.refresh()  # the nodes go back to where the project has them
            return False
        return True

    def _moved(self, moved: dict, *, nudge: bool) -> None:
        if self.push(MoveEcosystemNodesCommand(self.blueprint_id, moved, nudge=nudge)):
            self.reset_action.setEnabled(True)

    def reset_layout(self) -> None:
        self.push(ResetEcosystemLayoutCommand(self.blueprint_id))

    def show_card(self, key: str) -> bool:
        """Show the first card a node stands for on the canvas, in the main window."""
        document = self.document
        if document is None or self.graph is None or key not in self.graph.graph:
            return False
        node = self.graph.node(key)
        card = document.session.get(Card, node.card_ids[0]) if node.card_ids else None
        if card is None or not jump_to(self.main, card):
            return False
        self.main.raise_()
        self.main.activateWindow()
        self.main.statusBar().showMessage(f"Showing the first card of {node.label}", STATUS_MS)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        document = self.document
        if event.matches(QKeySequence.StandardKey.Undo) and document is not None:
            document.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) and document is not None:
            document.redo()
        elif event.matches(QKeySequence.StandardKey.Close):
            self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        super().closeEvent(event)

    # -- export ---------------------------------------------------------------------------

    def export(self, kind: str) -> bool:
        document = self.document
        if document is None or self.graph is None:
            return False
        path = self._choose_output(document, kind)
        if path is None:
            return False
        from app.export.ecosystem_image import write_ecosystem_png
        from app.export.ecosystem_pdf import write_ecosystem_pdf

        write = write_ecosystem_pdf if kind == "pdf" else write_ecosystem_png
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write(document.session, path, self.blueprint_id)
        except (StagecraftError, OSError, ValueError) as error:
            QApplication.restoreOverrideCursor()
            ErrorDialog(self, f"{path.name} was not exported: {error}", NOTHING_WRITTEN).ask()
            return False
        QApplication.restoreOverrideCursor()
        self.folder = path.parent
        self.statusBar().showMessage(f"Exported the map to {path.name}", STATUS_MS)
        return True

    def _choose_output(self, document: EditingDocument, kind: str) -> Path | None:
        project_path = document.project_file.path
        folder = self.folder or (project_path.parent if project_path else Path.home())
        stem = f"{document.project.name} ecosystem map"
        if self.blueprint_id is not None and self.graph is not None:
            stem = f"{self.graph.title} ecosystem map"
        stem = "".join(c if c.isalnum() or c in " -_()" else "_" for c in stem).strip()
        chosen = choose_export(
            self,
            f"Export the map as {kind.upper()}",
            folder,
            FILTERS[kind],
            "ecosystemExportDialog",
            f"{stem or 'ecosystem map'}.{kind}",
            kind,
        )
        if chosen is None:
            return None
        if chosen.suffix.lower() != f".{kind}":
            chosen = chosen.with_name(f"{chosen.name}.{kind}")
        return chosen
