"""A hypothesis state machine of editing sessions: random edits of every kind pushed on the
document's undo stack as the window pushes them, undo and redo at random, saves, imports
and merges. It checks that

- every undo and redo gives back exactly the model (``dump``) of that point of the history,
- undo all returns the first model and redo all the last,
- a save at any point, reopened, is the model that was saved,
- no undo or redo fails, and the loaded objects agree with the database.
"""

from __future__ import annotations

import csv
import random
import shutil
import tempfile
import uuid
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from undo_machine_edits import (
    GRID_KINDS,
    KINDS,
    METHOD_KINDS,
    pick_blueprint,
    random_command,
    random_edits,
)

from app.editing.commands.importing import ImportCommand
from app.editing.commands.merge import MergeCommand
from app.editing.document import EditingDocument
from app.export.json_export import export_json
from app.importers.limits import check_plan
from app.importers.merge import plan_merge
from app.importers.service import read_plan
from app.model import ops_grid as ops
from app.model.dump import dump
from app.model.errors import ModelError
from app.model.project_file import ProjectFile
from app.model.schema import Blueprint
from app.ui import clipboard
from app.ui.blueprint_editor import BlueprintEditor

# The projects a session starts from, by name: saved once per test run (test_undo_machine).
START_FILES: dict[str, Path] = {}
STARTS = ["sample", "standard", "minimal"]

# Edits the product itself refuses in some states, with a message: the machine may draw them.
MAY_REFUSE = {
    "stages",  # grouping steps that are not next to each other
}


class SeededUuids:
    """Stands in for the uuid module in app.model.base while the machine runs: each
    session makes the same UUIDs every time it is run, so that the items the edits choose
    among (some ordered by UUID) and so hypothesis's draws are the same on every replay."""

    def __init__(self) -> None:
        self.rng = random.Random(0)

    def restart(self) -> None:
        self.rng.seed(0)

    def uuid4(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


SEEDED_UUIDS = SeededUuids()


class UndoMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.document: EditingDocument | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="undo-machine-"))
        self.saved: Path | None = None
        self.states: dict[int, dict] = {}
        self.failures: list[str] = []
        self.pushed: dict[str, int] = {}
        self.refused: dict[str, int] = {}

    # -- the session ------------------------------------------------------------------------

    @initialize(start=st.sampled_from(STARTS))
    def open_project(self, start: str) -> None:
        SEEDED_UUIDS.restart()
        project_file = ProjectFile.open(START_FILES[start], as_copy=True)
        self.document = EditingDocument(project_file)
        self.document.failed.connect(self.failures.append)
        self.states = {0: dump(project_file.session)}

    @property
    def stack(self):
        assert self.document is not None
        return self.document.undo_stack

    def _push(self, kind: str, command) -> None:
        document = self.document
        assert document is not None
        before_index = self.stack.index()
        before = self.states[before_index]
        # What Edit → Undo names it: a sentence, not hidden by an attribute of the command.
        assert isinstance(command.text(), str) and command.text(), type(command).__name__
        name = command.text()
        try:
            document.push(command)
        except ModelError as error:
            assert kind in MAY_REFUSE, f"{name} refused: {error}"
            assert dump(document.session) == before, f"refused {name} changed the model"
            self.refused[kind] = self.refused.get(kind, 0) + 1
            return
        self._pushed(kind, before_index, name)

    def _pushed(self, kind: str, before_index: int, name: str) -> None:
        """Note the model after an edit pushed from ``before_index`` of the history."""
        assert self.document is not None
        now = dump(self.document.session)
        index = self.stack.index()
        if index < before_index:
            # Merged into the step before and left nothing to undo (typed back, say).
            assert now == self.states[index], f"{name} undone by merging"
        self.states[index] = now
        self.pushed[kind] = self.pushed.get(kind, 0) + 1

    def _edits(self, kinds: list[str], rng: random.Random, count: int) -> None:
        assert self.document is not None
        for _ in range(count):
            kind, command = random_command(rng, self.document.project, kinds)
            if command is not None:
                self._push(kind, command)

    @rule(rng=st.randoms(use_true_random=False), count=st.integers(1, 8))
    def edit_grid(self, rng: random.Random, count: int) -> None:
        """Cards, connectors, lanes, steps, stages, blueprints, paste."""
        self._edits(GRID_KINDS, rng, count)

    @rule(rng=st.randoms(use_true_random=False), count=st.integers(1, 8))
    def edit_method(self, rng: random.Random, count: int) -> None:
        """Card details, pain points, emotions, key moments, opportunities, comments."""
        self._edits(METHOD_KINDS, rng, count)

    @rule(rng=st.randoms(use_true_random=False), count=st.integers(1, 8))
    def edit_anything(self, rng: random.Random, count: int) -> None:
        """Any kind, the catalogue and the ecosystem map among them."""
        self._edits(KINDS, rng, count)

    @rule(steps=st.integers(1, 4))
    def undo(self, steps: int) -> None:
        for _ in range(steps):
            if not self.stack.canUndo():
                return
            self.stack.undo()
            assert dump(self.document.session) == self.states[self.stack.index()], (
                f"undo to step {self.stack.index()}"
            )

    @rule(steps=st.integers(1, 4))
    def redo(self, steps: int) -> None:
        for _ in range(steps):
            if not self.stack.canRedo():
                return
            self.stack.redo()
            assert dump(self.document.session) == self.states[self.stack.index()], (
                f"redo to step {self.stack.index()}"
            )

    @rule()
    def save_and_reopen(self) -> None:
        self._save_and_compare()

    def _save_and_compare(self) -> None:
        document = self.document
        assert document is not None
        project_file = document.project_file
        if project_file.path is None:
            self.saved = self.folder / "project.blueprint"
            project_file.save_as(self.saved)
        else:
            project_file.save()
        document.saved()
        now = dump(document.session)
        reopened = ProjectFile.open(project_file.path, read_only=True)
        try:
            assert dump(reopened.session) == now, "the saved file is not the model saved"
        finally:
            reopened.close()

    @rule(fmt=st.sampled_from(["csv", "json"]), rng=st.randoms(use_true_random=False))
    def import_file(self, fmt: str, rng: random.Random) -> None:
        document = self.document
        assert document is not None
        source = self.folder / f"import.{fmt}"
        if fmt == "json":
            # A small project's JSON export (the standard template with a few cards).
            small = ProjectFile.open(START_FILES["standard"], as_copy=True)
            try:
                blueprint = small.project.blueprints[0]
                for n in range(rng.randint(0, 4)):
                    ops.add_card(rng.choice(blueprint.lanes), rng.choice(blueprint.steps), f"{n}")
                small.session.flush()
                export_json(small.session, source)
            finally:
                small.close()
        else:
            with source.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(["Lane", "Step", "Card"])
                for n in range(rng.randint(1, 6)):
                    lane = rng.choice(["Customer", "Frontstage", "Back office"])
                    writer.writerow([lane, f"Step {rng.randint(1, 3)}", f"card {n}"])
        plan = read_plan(source)
        check_plan(plan)
        self._push("import", ImportCommand(plan))

    @precondition(lambda self: self.saved is not None)
    @rule(rng=st.randoms(use_true_random=False), mine=st.booleans())
    def merge_copy(self, rng: random.Random, mine: bool) -> None:
        """A colleague's copy of the last save, edited there, merged in as File → Merge a
        Copy… does it, each conflict kept as mine or taken as theirs."""
        document = self.document
        assert document is not None and self.saved is not None
        copy = self.folder / "theirs.blueprint"
        shutil.copyfile(self.saved, copy)
        theirs = ProjectFile.open(copy, as_copy=True)
        try:
            project = theirs.project
            blueprint = project.blueprints[0]
            cards = [card for lane in blueprint.lanes for card in lane.cards]
            for card in rng.sample(cards, min(len(cards), 2)):
                card.text = f"{card.text} (theirs)"
            if blueprint.lanes and blueprint.steps:
                ops.add_card(blueprint.lanes[0], blueprint.steps[-1], "theirs")
            if len(cards) > 2 and rng.random() < 0.5:
                ops.delete_card(cards[-1])
            theirs.commit()
            plan = plan_merge(document.session, theirs.session, names=("mine", "theirs", None))
        finally:
            theirs.close()
        if plan.nothing_to_do:
            return
        choices = {
            conflict.id: "mine" if (mine and rng.random() < 0.7) else "theirs"
            for conflict in plan.conflicts
        }
        self._push("merge", MergeCommand(plan, choices))

    @rule(
        action=st.sampled_from(["duplicate", "cut", "copy and paste"]),
        rng=st.randoms(use_true_random=False),
    )
    def clipboard(self, action: str, rng: random.Random) -> None:
        """Duplicate, Cut, or Copy and Paste (into any blueprint) of selected cards, through
        the canvas as the Edit menu does them."""
        document = self.document
        assert document is not None
        source = self._editor(pick_blueprint(rng, document.project))
        cards = [card.id for lane in source.blueprint.lanes for card in lane.cards]
        if not cards:
            self._close(source)
            return
        source.view.blueprint_scene.select_cards(rng.sample(cards, min(len(cards), 3)))
        before_index = self.stack.index()
        board = QGuiApplication.clipboard()
        if action == "duplicate":
            done = bool(clipboard.duplicate(source))
        elif action == "cut":
            done = bool(clipboard.cut(source, board))
        else:
            clipboard.copy(source, board)
            blueprint = pick_blueprint(rng, document.project)
            if not blueprint.lanes or not blueprint.steps:
                blueprint = source.blueprint  # no cell there to paste into
            target = self._editor(blueprint)
            there = [card.id for lane in target.blueprint.lanes for card in lane.cards]
            target.view.blueprint_scene.select_cards(rng.sample(there, min(len(there), 1)))
            done = bool(clipboard.paste(target, board))
            self._close(target)
        self._close(source)
        assert done, f"{action} did nothing"
        self._pushed(action, before_index, action)

    def _editor(self, blueprint: Blueprint) -> BlueprintEditor:
        assert self.document is not None
        editor = BlueprintEditor(self.document, blueprint.id)
        editor.failed.connect(self.failures.append)
        return editor

    @staticmethod
    def _close(editor: BlueprintEditor) -> None:
        editor.close()
        editor.deleteLater()
        # No event loop runs here: delete it now, as the window's loop would.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    @invariant()
    def nothing_failed(self) -> None:
        assert not self.failures, self.failures

    # -- the end: undo all, redo all, save ---------------------------------------------------

    def teardown(self) -> None:
        document = self.document
        if document is None:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        try:
            last = self.stack.count()
            while self.stack.canRedo():
                self.stack.redo()
            assert dump(document.session) == self.states[last], "redo to the last step"
            final = self.states[last]
            while self.stack.canUndo():
                self.stack.undo()
            assert dump(document.session) == self.states[0], "undo all: not the first model"
            random_edits.check_loaded_objects(document)
            while self.stack.canRedo():
                self.stack.redo()
            assert dump(document.session) == final, "redo all: not the last model"
            random_edits.check_loaded_objects(document)
            self._save_and_compare()
            assert not self.failures, self.failures
        finally:
            document.project_file.close()
            document.deleteLater()
            shutil.rmtree(self.folder, ignore_errors=True)
