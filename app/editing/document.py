"""One open project being edited: its undo stack, a commit after every change, and the
``changed`` signal that tells views what to refresh."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.orm import Session

from app.editing.commands.base import EditCommand
from app.model.changes import ChangeSet
from app.model.errors import ReadOnlyError
from app.model.project_file import ProjectFile
from app.model.structure import Project

log = logging.getLogger(__name__)


class EditingDocument(QObject):
    """Owns one ProjectFile and its QUndoStack. Every edit is pushed here as a command;
    after each do, undo and redo the working copy is committed (a crash loses nothing) and
    ``changed`` names what changed."""

    changed = Signal(object)  # ChangeSet
    modified_changed = Signal(bool)
    failed = Signal(str)  # an undo or redo could not be done: a sentence for the user

    def __init__(self, project_file: ProjectFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editingDocument")
        self.project_file = project_file
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        if project_file.modified:
            # Recovered or otherwise unsaved work: no undo brings back the saved state.
            self.undo_stack.resetClean()
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # -- what it is ---------------------------------------------------------------------

    @property
    def session(self) -> Session:
        # Read each time: Save As of a read-only project reopens a writable session.
        return self.project_file.session

    @property
    def project(self) -> Project:
        return self.project_file.project

    @property
    def read_only(self) -> bool:
        return self.project_file.read_only

    @property
    def modified(self) -> bool:
        """There is work that is not in the saved file (the Save action and the * mark)."""
        return not self.undo_stack.isClean()

    # -- editing ------------------------------------------------------------------------

    def push(self, command: EditCommand) -> None:
        """Do ``command``, commit it, put it on the undo stack and announce the change.

        Raises ReadOnlyError on a read-only project. When the operation raises (ModelError:
        the edit is not allowed), the session is rolled back to the last commit and nothing
        is pushed; the error goes to the caller to show.
        """
        if self.read_only:
            raise ReadOnlyError(
                f"{self.project_file.display_name} is open read-only, so it cannot be "
                "changed; use Save As to keep a copy you can edit"
            )
        changes = self._commit(command.forward)
        command.attach(self._replay, applied=True)
        self.undo_stack.push(command)
        self.changed.emit(changes)

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def saved(self) -> None:
        """The project was just saved: this is the state "unmodified" refers to now."""
        self.undo_stack.setClean()

    # -- inside ---------------------------------------------------------------------------

    def _replay(self, command: EditCommand, forward: bool) -> None:
        """Qt's undo or redo of a command already on the stack."""
        try:
            changes = self._commit(command.forward if forward else command.backward)
        except Exception as error:
            # Nothing may escape into Qt. The model is as last committed, but the stack
            # has moved past this command: its history no longer matches, so drop it.
            log.exception("%s of %r failed", "redo" if forward else "undo", command.text())
            verb = "Redo" if forward else "Undo"
            self.failed.emit(
                f"{verb} {command.text()} failed ({error}); your work is kept as it was, "
                "but earlier steps can no longer be undone"
            )
            QTimer.singleShot(0, self._forget_history)
            return
        self.changed.emit(changes)

    def _forget_history(self) -> None:
        self.undo_stack.clear()
        self.undo_stack.resetClean()  # unsaved work stays unsaved

    def _commit(self, step: Callable[[Session], ChangeSet]) -> ChangeSet:
        session = self.session
        try:
            changes = step(session)
            self.project_file.commit()
        except Exception:
            session.rollback()
            raise
        return changes

    def _clean_changed(self, clean: bool) -> None:
        # Undoing back to the saved state leaves nothing for crash recovery to offer.
        if not self.read_only:
            self.project_file.set_modified(not clean)
        self.modified_changed.emit(not clean)
