"""File → Import… (Ctrl+Alt+I): a CSV, JSON or draw.io file read into an import plan
behind a cancellable progress dialog (the window stays alive), a confirmation of what it
will bring in and what it cannot, then one undoable ImportCommand; the first imported
blueprint is shown. A file that cannot be read is one sentence, and nothing changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QProgressDialog

from app.editing.commands.importing import ImportCommand
from app.importers.limits import check_plan
from app.importers.plan import ImportCancelled, ImportPlan
from app.importers.service import read_plan
from app.model.errors import StagecraftError
from app.ui.dialogs.error import ErrorDialog
from app.ui.file_chooser import choose_import
from app.ui.import_dialog import ImportDialog

if TYPE_CHECKING:
    from app.editing.document import EditingDocument
    from app.ui.main_window import MainWindow

KEYS = "Ctrl+Alt+I"  # Ctrl+Shift+I is the findings
STATUS_MS = 8000
NOTHING_CHANGED = "Nothing was imported; your project is as it was."
# What reading someone else's file may raise besides ImportFailed: the importers turn
# what they foresee into ImportFailed; these are the last line, so the window never falls.
UNREADABLE = (StagecraftError, OSError, ValueError, UnicodeError, RecursionError, MemoryError)


def install(window: MainWindow) -> Importer:
    """Add File → Import… before File → Export…."""
    return Importer(window)


def importer_of(window: MainWindow) -> Importer:
    return window.findChild(Importer, "importer")


class Importer(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("importer")
        self.window = window
        self.folder = Path.home()
        self.action = QAction("&Import…", window)
        self.action.setObjectName("importAction")
        self.action.setShortcut(QKeySequence(KEYS))
        self.action.setStatusTip("Bring in blueprints from a CSV, JSON or draw.io file")
        self.action.setToolTip("Import a CSV spreadsheet, a JSON export or a draw.io diagram")
        window.addAction(self.action)
        file_menu = window.menuBar().findChild(QMenu, "fileMenu")
        file_menu.insertAction(window.menu_actions.export, self.action)
        self.action.triggered.connect(self.import_file)
        window.files.project_replaced.connect(self.follow)
        window.files.saved.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        """Import needs an open project that may be changed."""
        project_file = self.window.project_file
        self.action.setEnabled(project_file is not None and not project_file.read_only)

    # -- the flow -------------------------------------------------------------------------

    def import_file(self) -> bool:
        """Ask for a file and bring it in; True when something was imported."""
        document = self.window.workspace.document
        if document is None or document.read_only:
            return False
        self.window.properties.commit_pending()
        path = choose_import(self.window, self.folder)
        if path is None:
            return False
        self.folder = path.parent
        return self.import_path(document, path)

    def import_path(self, document: EditingDocument, path: Path) -> bool:
        plan = self._read(path)
        if plan is None:
            return False
        dialog = ImportDialog(self.window, plan)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._say("Import cancelled; nothing was changed")
                return False
        finally:
            dialog.deleteLater()
        command = ImportCommand(plan)
        self._say(f"Importing {path.name}…", 0)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            document.push(command)
        except StagecraftError as error:
            QApplication.restoreOverrideCursor()
            self._say("")
            ErrorDialog(self.window, str(error), NOTHING_CHANGED).ask()
            return False
        QApplication.restoreOverrideCursor()
        result = command.result
        if result is not None and result.blueprint_ids:
            self.window.blueprint_list.select(result.blueprint_ids[0])
            self._say(result.summary())
        return True

    def _read(self, path: Path) -> ImportPlan | None:
        """The file's plan, with a progress dialog while it is read; None (and the user
        told) when it cannot be read or the user cancelled."""
        progress = QProgressDialog(f"Reading {path.name}…", "Cancel", 0, 0, self.window)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoReset(False)
        progress.setAutoClose(False)

        def step(done: int, total: int) -> None:
            if progress.maximum() != total:
                progress.setMaximum(total)
            progress.setValue(min(done, total))
            QApplication.processEvents()
            if progress.wasCanceled():
                raise ImportCancelled("the import was cancelled")

        self._say(f"Reading {path.name}…", 0)
        try:
            plan = read_plan(path, progress=step)
            check_plan(plan)
        except ImportCancelled:
            self._say("Import cancelled; nothing was changed")
            return None
        except UNREADABLE as error:
            self._say("")
            message = error.strerror if isinstance(error, OSError) and error.strerror else error
            text = str(message) if isinstance(error, StagecraftError) else f"{path.name}: {message}"
            ErrorDialog(self.window, text, NOTHING_CHANGED).ask()
            return None
        finally:
            progress.close()
            progress.deleteLater()
        self._say("")
        return plan

    def _say(self, text: str, timeout: int = STATUS_MS) -> None:
        if text:
            self.window.statusBar().showMessage(text, timeout)
        else:
            self.window.statusBar().clearMessage()
