"""File → Merge a Copy…: choose a colleague's copy of the project, see what it brings in
and choose on each conflict, then merge it as one undoable step (MergeCommand)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox

from app.editing.commands.merge import MergeCommand
from app.importers.merge import MergePlan, plan_merge
from app.model.base import SCHEMA_VERSION
from app.model.changes import ChangeSet
from app.model.errors import StagecraftError
from app.model.project_file import ProjectFile
from app.model.sqlite_guard import read_header
from app.ui.dialogs.error import ErrorDialog
from app.ui.file_chooser import choose_merge
from app.ui.merge_dialog import MergeDialog

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

STATUS_MS = 8000
NOTHING_CHANGED = "Nothing was merged; your project is as it was."


def install(window: MainWindow) -> Merger:
    """Add File → Merge a Copy… just before File → Import… and Export…."""
    return Merger(window)


def merger_of(window: MainWindow) -> Merger:
    return window.findChild(Merger, "merger")


class Merger(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("merger")
        self.window = window
        self.folder = Path.home()
        self.action = QAction("&Merge a Copy…", window)
        self.action.setObjectName("mergeCopyAction")
        self.action.setStatusTip("Bring in what a colleague changed in their copy of this project")
        self.action.setToolTip("Merge a colleague's copy of this project into it")
        window.addAction(self.action)
        file_menu = window.menuBar().findChild(QMenu, "fileMenu")
        # Beside Import… (the other way work comes in), else before Export….
        before = window.findChild(QAction, "importAction") or window.menu_actions.export
        file_menu.insertAction(before, self.action)
        self.action.triggered.connect(self.merge)
        window.files.project_replaced.connect(self.follow)
        window.files.saved.connect(self.follow)
        window.workspace.changed.connect(self._relayout)
        self.follow()

    def follow(self) -> None:
        """Merging needs an open project that may be changed."""
        project_file = self.window.project_file
        self.action.setEnabled(project_file is not None and not project_file.read_only)

    # -- the flow -------------------------------------------------------------------------

    def merge(self) -> bool:
        """Ask for a copy and merge it; True when something was merged."""
        document = self.window.workspace.document
        if document is None or document.read_only:
            return False
        self.window.properties.commit_pending()
        path = choose_merge(self.window, self.folder)
        if path is None:
            return False
        self.folder = path.parent
        return self.merge_path(path)

    def merge_path(self, path: Path) -> bool:
        document = self.window.workspace.document
        if document is None or document.read_only:
            return False
        plan = self._plan(path)
        if plan is None:
            return False
        if plan.nothing_to_do:
            told = ErrorDialog(
                self.window,
                f"Nothing to merge: {path.name} holds nothing that this project does not "
                "already have",
                "Your project is as it was.",
            )
            told.setIcon(QMessageBox.Icon.Information)
            told.ask()
            return False
        dialog = MergeDialog(self.window, plan)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._say("Merge cancelled; nothing was changed")
                return False
            choices = dialog.choices()
        finally:
            dialog.deleteLater()
        command = MergeCommand(plan, choices)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            document.push(command)
        except StagecraftError as error:
            QApplication.restoreOverrideCursor()
            ErrorDialog(self.window, str(error), NOTHING_CHANGED).ask()
            return False
        QApplication.restoreOverrideCursor()
        summary = command.summary
        conflicts = f", {len(summary.kept)} conflicts chosen" if summary and summary.kept else ""
        self._say(f"Merged {path.name}{conflicts}; Undo takes it back")
        return True

    def _plan(self, path: Path) -> MergePlan | None:
        project_file = self.window.project_file
        assert project_file is not None
        try:
            if project_file.path is not None and path.exists() and path.samefile(project_file.path):
                raise StagecraftError(
                    f"{path.name} is the file this project is open from; choose a "
                    "colleague's copy of it"
                )
            version = read_header(path).user_version
            if version > SCHEMA_VERSION:
                raise StagecraftError(
                    f"{path.name} was saved by a newer Stagecraft (file format {version}); "
                    "install a newer Stagecraft to merge it"
                )
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                theirs = ProjectFile.open(path, read_only=True)
                try:
                    names = (project_file.display_name, path.name, None)
                    return plan_merge(project_file.session, theirs.session, names=names)
                finally:
                    theirs.close()
            finally:
                QApplication.restoreOverrideCursor()
        except (StagecraftError, OSError) as error:
            message = str(error)
            if isinstance(error, OSError):
                message = f"{path.name} cannot be read: {error.strerror or error}"
            ErrorDialog(self.window, message, NOTHING_CHANGED).ask()
            return None

    def _relayout(self, changes: ChangeSet) -> None:
        """A merge (or its undo) names no blueprint: every canvas still shown is laid out
        again (the workspace has dropped those whose blueprint is gone)."""
        if not (changes.blueprint_id is None and changes.blueprints_changed):
            return
        document = self.window.workspace.document
        if document is None:
            return
        for blueprint_id in list(self.window.workspace.editors):
            document.changed.emit(ChangeSet(blueprint_id, lanes_changed=True, steps_changed=True))

    def _say(self, text: str, timeout: int = STATUS_MS) -> None:
        self.window.statusBar().showMessage(text, timeout)
