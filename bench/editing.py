"""Edit latency in the editor: one edit pushed as a command, committed to the working copy,
laid out again and drawn, on generated blueprints of 2,000 and 10,000 cards.

How a move is timed, as a user meets it: the view is centred on a card (the card a user
moves is one they see), the editor is left to settle (the previous edit's idle-time work
done, everything drawn), then the card is moved to the next lane of its step and the
event loop runs until the view has drawn the result. The cards are a fixed sample spread
over the whole map, moved in turn.

Most moves leave every lane as tall as it was. A move that makes a lane taller or shorter
also moves everything below it and redraws the view from that lane down; those moves are
reported on their own. Routes crossing such a lane out of sight are stretched in idle
time after the frame; "whole map up to date" times the move until that is done too.

Floor, in the same run: the same change as a raw SQL update committed with sqlite3 on a
copy of the same file. Target: under 10 ms with 10,000 cards.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import tempfile
import time
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
from bench.harness import Figure, dispose, median_time

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

    def settle(self) -> None:
        """Centre on the next card and let the editor finish everything (untimed)."""
        scene = self.editor.view.blueprint_scene
        self.editor.view.center_on_card(self.card.id)
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
        for _ in range(MAX_PASSES):
            QApplication.processEvents()
            if self.paints.count:
                break
        after = [lane.rect.h for lane in self.editor.layout_engine.geometry.lanes]
        self.resized.append(after != heights)
        self.turn += 1

    def catch_up(self) -> None:
        scene = self.editor.view.blueprint_scene
        while scene.catching_up:
            QApplication.processEvents()


def _timed_moves(moves: _Moves, count: int) -> tuple[list[float], list[bool]]:
    times: list[float] = []
    for _ in range(count):
        moves.settle()
        start = time.perf_counter()
        moves.move()
        times.append(time.perf_counter() - start)
    return times, moves.resized[-count:]


def run(sizes: list[int], runs: int) -> list[Figure]:
    QApplication.instance() or QApplication([])
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"edit-{size}.blueprint"
            made = ProjectFile.build(SAMPLE_NAME, lambda s, n=size: build_sample(s, n))
            made.save_as(path)
            made.close()
            project, document, editor = _editor(path)
            blueprint = project.project.blueprints[0]
            moves = _Moves(blueprint, document, editor)
            _timed_moves(moves, 2)  # warm up
            count = max(runs, 9) * 4
            times, resized = _timed_moves(moves, count)
            move_time = statistics.median(times)
            resizing = [t for t, r in zip(times, resized, strict=True) if r]
            resizing_time = statistics.median(resizing) if resizing else float("nan")

            def move_and_catch_up(moves=moves) -> None:
                moves.move()
                moves.catch_up()

            settled_time = median_time(
                move_and_catch_up, runs=max(runs, 9), warmup=2, setup=moves.settle
            )
            card = moves.cards[0]

            def type_one(card=card, document=document) -> None:
                document.push(EditCardTextCommand(card.id, card.text + "x"))
                QApplication.processEvents()

            type_time = median_time(type_one, runs=max(runs, 9), warmup=2)
            dispose(editor)
            project.close()
            copy = Path(folder) / "raw.blueprint"
            shutil.copyfile(path, copy)
            raw = sqlite3.connect(copy)
            card_id = raw.execute("SELECT id FROM card LIMIT 1").fetchone()[0]

            def raw_update(raw=raw, card_id=card_id) -> None:
                raw.execute("UPDATE card SET text = text || 'x' WHERE id = ?", (card_id,))
                raw.commit()

            floor = median_time(raw_update, runs=max(runs, 9), warmup=2)
            raw.close()
            target = f"< {TARGET * 1000:.0f} ms" if size >= 10_000 else ""
            met = (lambda t: t < TARGET) if size >= 10_000 else (lambda _t: None)
            share = f"{len(resizing)} of {count}"
            figures += [
                Figure(
                    f"edit: move a card, {size:,} cards",
                    move_time,
                    "raw SQL update",
                    floor,
                    target,
                    met(move_time),
                ),
                Figure(
                    f"edit: move a card that changes a lane's height ({share}), {size:,} cards",
                    resizing_time,
                    "raw SQL update",
                    floor,
                    "",
                    None,
                ),
                Figure(
                    f"edit: move a card, whole map up to date, {size:,} cards",
                    settled_time,
                    "raw SQL update",
                    floor,
                    "",
                    None,
                ),
                Figure(
                    f"edit: type a character, {size:,} cards",
                    type_time,
                    "raw SQL update",
                    floor,
                    target,
                    met(type_time),
                ),
            ]
    return figures
