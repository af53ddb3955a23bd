"""One long editing session for the soak tests: random edits of every kind pushed on the
document's undo stack (each committed to the working copy, as the editor does), with some
undo and redo, and the canvas of the first blueprint attached and painted so that its
caches follow every change. The project is kept about its first size (cards, lanes,
steps, blueprints), so that a slower edit late in the run means something piles up, not
that the map grew."""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select
from sqlalchemy.orm import object_session
from undo_machine_edits import KINDS, random_command

from app.editing.commands.base import EditCommand
from app.editing.commands.blueprints import DeleteBlueprintCommand
from app.editing.commands.cards import AddCardCommand, DeleteCardsCommand
from app.editing.commands.catalogue import DeleteDataItemCommand, DeleteSystemCommand
from app.editing.commands.ecosystem import ResetEcosystemLayoutCommand
from app.editing.commands.lanes import AddLaneCommand, DeleteLaneCommand
from app.editing.commands.method import (
    DeleteCommentsCommand,
    DeleteOpportunitiesCommand,
    DeletePainPointsCommand,
)
from app.editing.commands.stages import DeleteStageCommand
from app.editing.commands.steps import AddStepCommand, DeleteStepCommand
from app.editing.document import EditingDocument
from app.model.catalogue import Comment, DataItem, System
from app.model.ecosystem import EcosystemPosition
from app.model.errors import ModelError
from app.model.method import Opportunity, PainPoint
from app.model.structure import Project, Stage
from app.ui import clipboard
from app.ui.blueprint_editor import BlueprintEditor

STATUS = Path("/proc/self/status")


def rss_mb() -> float:
    """This process's resident memory in MB, after a full collection."""
    gc.collect()
    for line in STATUS.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


@dataclass
class Limits:
    """The project's size at the start; edits beyond these bounds are balanced back."""

    cards: int
    lanes: int
    steps: int
    blueprints: int
    rows: dict[type, int] = field(default_factory=dict)  # of the kinds in OTHERS

    @classmethod
    def around(cls, project: Project) -> Limits:
        blueprints = project.blueprints
        return cls(
            cards=sum(len(lane.cards) for bp in blueprints for lane in bp.lanes),
            lanes=max(len(bp.lanes) for bp in blueprints),
            steps=max(len(bp.steps) for bp in blueprints),
            blueprints=len(blueprints),
            rows={kind: count_of(project, kind) for kind in OTHERS},
        )


def count_of(project: Project, kind: type) -> int:
    session = object_session(project)
    assert session is not None
    return session.scalar(select(func.count()).select_from(kind)) or 0


def _first(project: Project, kind: type) -> Any:
    session = object_session(project)
    assert session is not None
    return session.scalars(select(kind).limit(1)).first()


# Other items the random edits add more often than they delete, and how to delete one.
OTHERS: dict[type, Callable[[Any], EditCommand]] = {
    Comment: lambda item: DeleteCommentsCommand([item.id]),
    Opportunity: lambda item: DeleteOpportunitiesCommand([item.id]),
    PainPoint: lambda item: DeletePainPointsCommand([item.id]),
    System: lambda item: DeleteSystemCommand(item.id, item.name),
    DataItem: lambda item: DeleteDataItemCommand(item.id, item.name),
    Stage: lambda item: DeleteStageCommand(item.id),
    EcosystemPosition: lambda item: ResetEcosystemLayoutCommand(item.blueprint_id),
}


def balancing_command(rng: random.Random, project: Project, limits: Limits) -> EditCommand | None:
    """An edit that brings the project back towards its first size, or None when it is
    within bounds."""
    blueprints = project.blueprints
    if len(blueprints) > limits.blueprints:
        return DeleteBlueprintCommand(blueprints[-1].id)
    for blueprint in blueprints:
        if len(blueprint.lanes) > limits.lanes + 2:
            return DeleteLaneCommand(rng.choice(blueprint.lanes[1:]).id)
        if len(blueprint.steps) > limits.steps + 3:
            return DeleteStepCommand(rng.choice(blueprint.steps[1:]).id)
        if len(blueprint.lanes) < limits.lanes - 2:
            return AddLaneCommand(blueprint.id, "custom", f"Lane {rng.randint(0, 99)}")
        if len(blueprint.steps) < limits.steps - 3:
            return AddStepCommand(blueprint.id, f"Step {rng.randint(0, 99)}")
    for kind, delete in OTHERS.items():
        if count_of(project, kind) > limits.rows[kind] + 20:
            return delete(_first(project, kind))
    share = limits.cards / limits.blueprints  # each blueprint keeps about its share of cards
    for blueprint in blueprints:
        cards = [card.id for lane in blueprint.lanes for card in lane.cards]
        if len(cards) > share * 1.2:
            return DeleteCardsCommand(rng.sample(cards, 5))
        if len(cards) < share * 0.8 and blueprint.lanes and blueprint.steps:
            lane, step = rng.choice(blueprint.lanes), rng.choice(blueprint.steps)
            return AddCardCommand(lane.id, step.id, f"card {rng.randint(0, 999)}")
    return None


@dataclass
class Soak:
    """The session and what it measured: each edit's latency (push, commit and the canvas
    following it) in seconds, and the memory after warm-up and at the end."""

    document: EditingDocument
    seed: int = 1
    latencies: list[float] = field(default_factory=list)  # wall time
    cpu: list[float] = field(default_factory=list)  # this thread's CPU time
    kinds: dict[str, int] = field(default_factory=dict)
    undone: int = 0
    redone: int = 0
    refused: int = 0
    failures: list[str] = field(default_factory=list)  # undo, redo or canvas edits that failed

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.limits = Limits.around(self.document.project)
        self.document.failed.connect(self.failures.append)
        self.editor: BlueprintEditor | None = None
        self._attach()

    def _attach(self) -> None:
        """The canvas of the first blueprint, shown (offscreen) and painted, as the window
        shows it; a new one when that blueprint was deleted."""
        self._drop_editor()
        self.editor = BlueprintEditor(self.document, self.document.project.blueprints[0].id)
        self.editor.failed.connect(self.failures.append)
        self.editor.resize(1200, 800)
        self.editor.show()
        QApplication.processEvents()

    def edit(self) -> None:
        """One step of the session: mostly a random edit, sometimes undo or redo."""
        rng, document = self.rng, self.document
        stack = document.undo_stack
        roll = rng.random()
        if roll < 0.05 and stack.canUndo():
            started, cpu = time.perf_counter(), time.thread_time()
            document.undo()
            self.undone += 1
            kind = "undo"
        elif roll < 0.08 and stack.canRedo():
            started, cpu = time.perf_counter(), time.thread_time()
            document.redo()
            self.redone += 1
            kind = "redo"
        elif roll < 0.1 and self._select_cards():
            started, cpu = time.perf_counter(), time.thread_time()
            kind = rng.choice(["duplicate", "cut", "copy and paste"])
            self._clipboard(kind)
        else:
            command = balancing_command(rng, document.project, self.limits)
            kind = "balance"
            while command is None:
                kind, command = random_command(rng, document.project, KINDS)
            started, cpu = (
                time.perf_counter(),
                time.thread_time(),
            )  # the edit itself, not choosing it
            try:
                document.push(command)
            except ModelError:
                self.refused += 1  # grouping steps that are not next to each other
        QApplication.processEvents()
        self.latencies.append(time.perf_counter() - started)
        self.cpu.append(time.thread_time() - cpu)
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        assert self.editor is not None
        if self.editor.blueprint is None:
            self._attach()

    def _select_cards(self) -> bool:
        """Select a few cards of the canvas; False when it shows none."""
        assert self.editor is not None and self.editor.blueprint is not None
        cards = [card.id for lane in self.editor.blueprint.lanes for card in lane.cards]
        self.editor.view.blueprint_scene.select_cards(self.rng.sample(cards, min(len(cards), 3)))
        return bool(cards)

    def _clipboard(self, kind: str) -> None:
        """Duplicate, Cut, or Copy and Paste after the first selected card, as the Edit
        menu does them."""
        editor, board = self.editor, QGuiApplication.clipboard()
        assert editor is not None
        if kind == "duplicate":
            clipboard.duplicate(editor)
        elif kind == "cut":
            clipboard.cut(editor, board)
        else:
            clipboard.copy(editor, board)
            clipboard.paste(editor, board)

    def run(self, count: int) -> None:
        for _ in range(count):
            self.edit()

    def _drop_editor(self) -> None:
        if self.editor is None:
            return
        self.editor.close()
        self.editor.deleteLater()
        self.editor = None
        # No event loop runs here: delete it now, as the window's loop would.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def close(self) -> None:
        self._drop_editor()
        QApplication.processEvents()


def median_ms(latencies: list[float]) -> float:
    return statistics.median(latencies) * 1000
