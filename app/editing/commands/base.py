"""The shape of every undo command: the model change in apply/revert, Qt's undo in redo/undo."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from app.model.base import Base
from app.model.changes import ChangeSet
from app.model.errors import ModelError

T = TypeVar("T", bound=Base)
Runner = Callable[["EditCommand", bool], None]


def fetch(session: Session, kind: type[T], item_id: str) -> T:
    """The item with this UUID, or a ModelError saying it is gone."""
    item = session.get(kind, item_id)
    if item is None:
        raise ModelError(f"that {kind.__name__.lower()} no longer exists")
    return item


def counted(count: int, noun: str) -> str:
    """ "card" for one, "3 cards" for several: "Delete card", "Delete 3 cards"."""
    return noun if count == 1 else f"{count} {noun}s"


class EditCommand(QUndoCommand):
    """One undoable edit. Subclasses implement ``apply`` (do or redo it in the model and
    say what changed) and ``revert`` (undo it). They keep UUIDs and positions, never model
    objects, so any number of undo/redo cycles finds the same rows again. Push them with
    ``EditingDocument.push``, which commits and announces each change."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._runner: Runner | None = None
        self._skip_redo = False
        self.changes = ChangeSet()

    # -- the model side, for subclasses ----------------------------------------------------

    def apply(self, session: Session) -> ChangeSet:
        raise NotImplementedError

    def revert(self, session: Session) -> None:
        raise NotImplementedError

    # -- used by the document and by groups --------------------------------------------------

    def forward(self, session: Session) -> ChangeSet:
        self.changes = self.apply(session)
        session.flush()
        return self.changes

    def backward(self, session: Session) -> ChangeSet:
        self.revert(session)
        session.flush()
        return self.changes.inverted()

    def attach(self, runner: Runner, *, applied: bool) -> None:
        """Let Qt's redo/undo run through ``runner``; ``applied``: the first redo has
        already happened (the document applies a command before pushing it)."""
        self._runner = runner
        self._skip_redo = applied

    # -- Qt's side ---------------------------------------------------------------------------

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(forward=True)

    def undo(self) -> None:
        self._run(forward=False)

    def _run(self, *, forward: bool) -> None:
        if self._runner is None:
            raise RuntimeError("push edit commands with EditingDocument.push")
        self._runner(self, forward)


class CommandGroup(EditCommand):
    """Several commands as one undo step ("Delete 3 cards" made of three deletions)."""

    def __init__(self, text: str, commands: Sequence[EditCommand]) -> None:
        super().__init__(text)
        self.commands = list(commands)

    def apply(self, session: Session) -> ChangeSet:
        changes = ChangeSet()
        for command in self.commands:
            changes = changes.merged(command.forward(session))
        return changes

    def revert(self, session: Session) -> None:
        for command in reversed(self.commands):
            command.backward(session)
