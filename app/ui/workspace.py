"""The editing side of the window: the open project's EditingDocument and one canvas per
blueprint shown, created when first shown and dropped with the project."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from app.canvas.overview import Overview
from app.editing.document import EditingDocument
from app.model.changes import ChangeSet
from app.model.project_file import ProjectFile
from app.ui.blueprint_editor import BlueprintEditor


class Workspace(QObject):
    changed = Signal(object)  # ChangeSet, after every edit, undo and redo
    modified_changed = Signal(bool)
    failed = Signal(str)
    stack_changed = Signal()  # another document (or none): the undo stack to follow changed
    editor_made = Signal(object)  # a BlueprintEditor, the first time a blueprint is shown

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.document: EditingDocument | None = None
        self.editors: dict[str, BlueprintEditor] = {}
        self.stack = QStackedWidget()
        self.stack.setObjectName("canvasStack")
        self.placeholder = QLabel("Select a blueprint to draw it here.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.stack.addWidget(self.placeholder)
        self.overview_host = QStackedWidget()
        self.overview_host.setObjectName("overviewHost")
        self.overviews: dict[str, Overview] = {}

    @property
    def current(self) -> BlueprintEditor | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, BlueprintEditor) else None

    def set_project(self, project_file: ProjectFile | None) -> None:
        """Follow the project the window holds now; the old document and canvases go."""
        if self.document is not None and project_file is self.document.project_file:
            return
        # The old project's file is closed by now: first nothing is current (so whatever
        # follows the stack sees no canvas and no document), then its canvases go.
        old, self.document = self.document, None
        editors, overviews = self.editors, self.overviews
        self.editors, self.overviews = {}, {}
        self.stack.setCurrentWidget(self.placeholder)
        for editor in editors.values():
            self.stack.removeWidget(editor)
            editor.deleteLater()
        for overview in overviews.values():
            self.overview_host.removeWidget(overview)
            overview.deleteLater()
        if old is not None:
            old.deleteLater()
        if project_file is not None:
            document = EditingDocument(project_file, self)
            document.changed.connect(self._changed)
            document.modified_changed.connect(self.modified_changed)
            document.failed.connect(self.failed)
            self.document = document
        self.stack.setCurrentWidget(self.placeholder)
        self.stack_changed.emit()

    def show_blueprint(self, blueprint_id: str | None) -> BlueprintEditor | None:
        if self.document is None or not blueprint_id:
            self.stack.setCurrentWidget(self.placeholder)
            return None
        editor = self.editors.get(blueprint_id)
        if editor is None:
            editor = BlueprintEditor(self.document, blueprint_id)
            editor.failed.connect(self.failed)
            self.editors[blueprint_id] = editor
            self.stack.addWidget(editor)
            overview = Overview(editor.view)
            overview.setObjectName("overview")
            self.overviews[blueprint_id] = overview
            self.overview_host.addWidget(overview)
            self.editor_made.emit(editor)
        self.stack.setCurrentWidget(editor)
        self.overview_host.setCurrentWidget(self.overviews[blueprint_id])
        return editor

    def _changed(self, changes: ChangeSet) -> None:
        if changes.blueprints_changed:
            # A deletion names its blueprint; an import or a merge undone may take away
            # several at once, so every canvas whose blueprint is gone is dropped.
            for blueprint_id, editor in list(self.editors.items()):
                if editor.blueprint is None:
                    self._drop(blueprint_id)
        self.changed.emit(changes)

    def _drop(self, blueprint_id: str) -> None:
        editor = self.editors.pop(blueprint_id)
        self.stack.removeWidget(editor)
        editor.deleteLater()
        overview = self.overviews.pop(blueprint_id)
        self.overview_host.removeWidget(overview)
        overview.deleteLater()
