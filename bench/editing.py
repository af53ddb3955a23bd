"""Edit latency in the editor: one edit pushed as a command, committed to the working copy,
laid out again and drawn (the event loop runs once, so Qt repaints what the edit
dirtied, as it would for a user), on generated blueprints of 2,000 and 10,000 cards.

When a move makes a lane taller, routes crossing it out of sight are stretched in idle
time after the frame; "whole map up to date" times the move until that is done too.

Floor, in the same run: the same change as a raw SQL update committed with sqlite3 on a
copy of the same file. Target: under 10 ms with 10,000 cards.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.editing.commands.cards import CardMove, EditCardTextCommand, MoveCardsCommand
from app.editing.document import EditingDocument
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.ui.blueprint_editor import BlueprintEditor
from bench.harness import Figure, median_time

TARGET = 0.010


def _editor(path: Path) -> tuple[ProjectFile, EditingDocument, BlueprintEditor]:
    project = ProjectFile.open(path)
    load_blueprints(project.session)
    document = EditingDocument(project)
    editor = BlueprintEditor(document, project.project.blueprints[0].id)
    editor.resize(1400, 900)
    editor.show()
    QApplication.processEvents()
    return project, document, editor


def run(sizes: list[int], runs: int) -> list[Figure]:
    QApplication.instance() or QApplication([])
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for cards in sizes:
            path = Path(folder) / f"edit-{cards}.blueprint"
            made = ProjectFile.build(SAMPLE_NAME, lambda s, n=cards: build_sample(s, n))
            made.save_as(path)
            made.close()
            project, document, editor = _editor(path)
            blueprint = project.project.blueprints[0]
            card = next(c for lane in blueprint.lanes for c in lane.cards)
            lanes = [lane.id for lane in blueprint.lanes]
            step_id = card.step_id
            state = {"lane": 0, "letters": 0}

            def move(
                card=card,
                lanes=lanes,
                step_id=step_id,
                state=state,
                document=document,
                editor=editor,
            ) -> None:
                state["lane"] = (state["lane"] + 1) % len(lanes)
                document.push(MoveCardsCommand([CardMove(card.id, lanes[state["lane"]], step_id)]))
                QApplication.processEvents()

            def type_one(card=card, state=state, document=document, editor=editor) -> None:
                state["letters"] += 1
                document.push(EditCardTextCommand(card.id, card.text + "x"))
                QApplication.processEvents()

            move_time = median_time(move, runs=max(runs, 9), warmup=2)

            def move_and_catch_up(move=move, scene=editor.view.blueprint_scene) -> None:
                move()
                while scene.catching_up:
                    QApplication.processEvents()

            settled_time = median_time(move_and_catch_up, runs=max(runs, 9), warmup=2)
            type_time = median_time(type_one, runs=max(runs, 9), warmup=2)
            project.close()
            editor.deleteLater()
            copy = Path(folder) / "raw.blueprint"
            shutil.copyfile(path, copy)
            raw = sqlite3.connect(copy)
            card_id = raw.execute("SELECT id FROM card LIMIT 1").fetchone()[0]

            def raw_update(raw=raw, card_id=card_id) -> None:
                raw.execute("UPDATE card SET text = text || 'x' WHERE id = ?", (card_id,))
                raw.commit()

            floor = median_time(raw_update, runs=max(runs, 9), warmup=2)
            raw.close()
            target = f"< {TARGET * 1000:.0f} ms" if cards >= 10_000 else ""
            met = (lambda t: t < TARGET) if cards >= 10_000 else (lambda _t: None)
            figures += [
                Figure(
                    f"edit: move a card, {cards:,} cards",
                    move_time,
                    "raw SQL update",
                    floor,
                    target,
                    met(move_time),
                ),
                Figure(
                    f"edit: move a card, whole map up to date, {cards:,} cards",
                    settled_time,
                    "raw SQL update",
                    floor,
                    "",
                    None,
                ),
                Figure(
                    f"edit: type a character, {cards:,} cards",
                    type_time,
                    "raw SQL update",
                    floor,
                    target,
                    met(type_time),
                ),
            ]
    return figures
