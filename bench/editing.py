"""Edit latency in the editor: one edit pushed as a command, committed to the working copy,
laid out again and drawn, and its undo, on generated blueprints of 500, 2,000 and 10,000
cards.

How a move is timed, as a user meets it: the view is centred on a card (the card a user
moves is one they see), the editor is left to settle (the previous edit's idle-time work
done, everything drawn), then the card is moved to the next lane of its step and the
event loop runs until the view has drawn the result. The cards are a fixed sample spread
over the whole map, moved in turn.

Some moves leave every lane as tall as it was; in this sample about half make a lane
taller or shorter, which also moves everything below it and redraws the view from that
lane down. The median of all moves is the figure checked against the target; the two kinds
are also reported on their own (and the undos that change a lane's height). Routes
crossing such a lane out of sight are stretched in idle time after the frame; "whole map
up to date" times the move until that is done too.

Typing is timed the same way on a card in view: one more character pushed as a typing
command, until drawn. Undo is timed through the document's QUndoStack, until drawn: a move
(pushed and drawn first, untimed) taken back, and a typed character taken back.

Moves, undos and typing also give the process's median CPU time in the figure's name: on
a machine busy with other work the wall time grows, the CPU time does not.

Floor, in the same run: the same change as a raw SQL update committed with sqlite3 on a
copy of the same file, journalled as the working copy is (WAL, synchronous NORMAL).
Target: under 10 ms with 10,000 cards, for a move, a typed character and an undo.

Run: ``python -m bench.editing [--quick] [--no-record]``.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from app.editing.commands.cards import CardMove, EditCardTextCommand, MoveCardsCommand
from app.editing.document import EditingDocument
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.model.structure import Blueprint, Card
from app.ui.blueprint_editor import BlueprintEditor
from bench.harness import Figure, bench_main, cpu_note, dispose, median_time, timed

TARGET = 0.010
SAMPLED_CARDS = 12
MAX_PASSES = 4  # turns of the event loop waited for the frame that shows an edit


class _Paints(QObject):
    """Counts the paint events of the view's viewport."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _editor(path: Path) -> tuple[ProjectFile, EditingDocument, BlueprintEditor]:
    project = ProjectFile.open(path)
    load_blueprints(project.session)
    document = EditingDocument(project)
    editor = BlueprintEditor(document, project.project.blueprints[0].id)
    editor.resize(1400, 900)
    editor.show()
    QApplication.processEvents()
    return project, document, editor


class _Moves:
    """Moves a fixed sample of cards, each to the next lane of its step, in turn."""

    def __init__(self, blueprint: Blueprint, document: EditingDocument, editor: BlueprintEditor):
        cards = sorted((c for lane in blueprint.lanes for c in lane.cards), key=lambda c: c.id)
        self.cards: list[Card] = random.Random(5).sample(cards, SAMPLED_CARDS)
        self.lanes = [lane.id for lane in blueprint.lanes]
        self.document, self.editor = document, editor
        self.turn = 0
        self.paints = _Paints()
        editor.view.viewport().installEventFilter(self.paints)
        self.resized: list[bool] = []

    @property
    def card(self) -> Card:
        return self.cards[self.turn % len(self.cards)]

    def settle(self, card: Card | None = None) -> None:
        """Centre on ``card`` (the next card) and let the editor finish everything."""
        scene = self.editor.view.blueprint_scene
        self.editor.view.center_on_card((card or self.card).id)
        for _ in range(3):
            QApplication.processEvents()
        while scene.catching_up:
            QApplication.processEvents()
        QApplication.processEvents()

    def move(self) -> None:
        """The timed part: push the move and run the event loop until it is drawn."""
        card, lanes = self.card, self.lanes
        heights = [lane.rect.h for lane in self.editor.layout_engine.geometry.lanes]
        lane = lanes[(lanes.index(card.lane_id) + 1) % len(lanes)]
        self.paints.count = 0
        self.document.push(MoveCardsCommand([CardMove(card.id, lane, card.step_id)]))
        self.drawn()
        after = [lane.rect.h for lane in self.editor.layout_engine.geometry.lanes]
        self.resized.append(after != heights)
        self.turn += 1

    def drawn(self) -> None:
        """Run the event loop until the view has painted (a few turns at most)."""
        for _ in range(MAX_PASSES):
            QApplication.processEvents()
            if self.paints.count:
                break

    def undo(self) -> None:
        """The timed part of an undo: take the last step back until it is drawn."""
        self.paints.count = 0
        self.document.undo()
        self.drawn()

    def type_one(self, card: Card) -> None:
        """The timed part of typing: one more character in ``card`` until it is drawn."""
        self.typed = getattr(self, "typed", card.text) + "x"
        self.paints.count = 0
        self.document.push(EditCardTextCommand(card.id, self.typed))
        self.drawn()

    def catch_up(self) -> None:
        scene = self.editor.view.blueprint_scene
        while scene.catching_up:
            QApplication.processEvents()


def _timed_moves(moves: _Moves, count: int) -> tuple[list[float], list[float], list[bool]]:
    """Wall and CPU times of ``count`` moves, and whether each changed a lane's height."""
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(count):
        moves.settle()
        wall, used = timed(moves.move)
        times.append(wall)
        cpu.append(used)
    return times, cpu, moves.resized[-count:]


def _timed_undos(moves: _Moves, count: int) -> tuple[list[float], list[float], list[bool]]:
    """Move a card (untimed, drawn, settled), then time its undo until drawn; and whether
    each undo changed a lane's height (when the move did)."""
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(count):
        card = moves.card
        moves.settle()
        moves.move()
        moves.settle(card)
        wall, used = timed(moves.undo)
        times.append(wall)
        cpu.append(used)
    return times, cpu, moves.resized[-count:]


def _split(values: list[float], resized: list[bool]) -> tuple[list[float], list[float]]:
    """``values`` of the edits that kept every lane's height, and of those that did not."""
    pairs = list(zip(values, resized, strict=True))
    return [v for v, r in pairs if not r], [v for v, r in pairs if r]


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _timed_typing(moves: _Moves, card: Card, count: int) -> dict[str, list[float]]:
    """Type a character in ``card`` (in view) and then undo it, each timed until drawn:
    wall and CPU times by "type", "type cpu", "undo", "undo cpu"."""
    found: dict[str, list[float]] = {"type": [], "type cpu": [], "undo": [], "undo cpu": []}
    for _ in range(count):
        moves.settle(card)
        wall, used = timed(lambda: moves.type_one(card))
        found["type"].append(wall)
        found["type cpu"].append(used)
        moves.settle(card)
        wall, used = timed(moves.undo)
        found["undo"].append(wall)
        found["undo cpu"].append(used)
        moves.typed = card.text
    return found


def _raw_update_floor(path: Path, folder: Path, runs: int) -> float:
    copy = folder / "raw.blueprint"
    shutil.copyfile(path, copy)
    raw = sqlite3.connect(copy)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = NORMAL")
    card_id = raw.execute("SELECT id FROM card LIMIT 1").fetchone()[0]

    def raw_update() -> None:
        raw.execute("UPDATE card SET text = text || 'x' WHERE id = ?", (card_id,))
        raw.commit()

    try:
        return median_time(raw_update, runs=max(runs, 9), warmup=2)
    finally:
        raw.close()


def measure(folder: Path, size: int, runs: int) -> list[Figure]:
    path = folder / f"edit-{size}.blueprint"
    made = ProjectFile.build(SAMPLE_NAME, lambda s: build_sample(s, size))
    made.save_as(path)
    made.close()
    project, document, editor = _editor(path)
    blueprint = project.project.blueprints[0]
    cards = sum(len(lane.cards) for lane in blueprint.lanes)
    moves = _Moves(blueprint, document, editor)
    _timed_moves(moves, 2)  # warm up
    count = max(runs, 9) * 4
    times, move_cpu, resized = _timed_moves(moves, count)
    keeping, resizing = _split(times, resized)
    keeping_cpu, resizing_cpu = _split(move_cpu, resized)

    def move_and_catch_up() -> None:
        moves.move()
        moves.catch_up()

    settled_time = median_time(move_and_catch_up, runs=max(runs, 9), warmup=2, setup=moves.settle)
    _timed_undos(moves, 2)  # warm up
    undo_count = max(runs, 9) * 2
    undos, undo_cpu, undo_resized = _timed_undos(moves, undo_count)
    undo_resizing = _split(undos, undo_resized)[1]
    undo_resizing_cpu = _split(undo_cpu, undo_resized)[1]
    card = moves.cards[0]
    _timed_typing(moves, card, 2)  # warm up
    typing = _timed_typing(moves, card, max(runs, 9) * 2)
    dispose(editor)
    project.close()
    floor = _raw_update_floor(path, folder, runs)

    def figure(
        name: str, cost: str, seconds: float, checked: bool = True, cpu: list[float] | None = None
    ) -> Figure:
        target = checked and size >= 10_000
        return Figure(
            f"edit: {name}, {cards:,} cards{cpu_note(cpu) if cpu else ''}",
            seconds,
            "raw SQL update",
            floor,
            f"< {TARGET * 1000:.0f} ms" if target else "",
            seconds < TARGET if target else None,
            cost=f"edit: {cost}",
            cards=cards,
        )

    share = f"{len(resizing)} of {count}"
    return [
        figure("move a card", "move a card", statistics.median(times), cpu=move_cpu),
        figure(
            f"move a card that keeps every lane's height ({len(keeping)} of {count})",
            "move keeping lane heights",
            _median(keeping),
            checked=False,
            cpu=keeping_cpu,
        ),
        figure(
            f"move a card that changes a lane's height ({share})",
            "move changing a lane's height",
            _median(resizing),
            checked=False,
            cpu=resizing_cpu,
        ),
        figure(
            "move a card, whole map up to date",
            "move, whole map up to date",
            settled_time,
            checked=False,
        ),
        figure("undo a move", "undo a move", statistics.median(undos), cpu=undo_cpu),
        figure(
            f"undo a move that changes a lane's height ({len(undo_resizing)} of {undo_count})",
            "undo changing a lane's height",
            _median(undo_resizing),
            checked=False,
            cpu=undo_resizing_cpu,
        ),
        figure(
            "type a character",
            "type a character",
            statistics.median(typing["type"]),
            cpu=typing["type cpu"],
        ),
        figure(
            "undo a typed character",
            "undo a typed character",
            statistics.median(typing["undo"]),
            cpu=typing["undo cpu"],
        ),
    ]


def run(sizes: list[int], runs: int) -> list[Figure]:
    QApplication.instance() or QApplication([])
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            figures += measure(Path(folder), size, runs)
    return figures


def main() -> int:
    return bench_main(
        "python -m bench.editing",
        __doc__,
        "Editor: edit latency (command, commit, layout, redraw) and undo",
        run,
        [500, 2_000, 10_000],
    )


if __name__ == "__main__":
    sys.exit(main())
