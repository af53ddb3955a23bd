"""Paste a block of spreadsheet cells onto the canvas: Ctrl+V asks whether the rows are
lanes or steps, then makes one card per non-empty cell from the chosen cell, as one undo
step."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.editing.document import EditingDocument
from app.model.ops_grid import cell_cards
from app.model.project_file import ProjectFile
from app.model.structure import Lane, Step
from app.ui import clipboard
from app.ui.blueprint_editor import BlueprintEditor
from app.ui.paste_block import parse_block
from app.ui.paste_block_dialog import PasteBlockDialog

sys.path.insert(0, str(Path(__file__).parents[1] / "canvas"))
from canvas_helpers import aim

LEFT = Qt.MouseButton.LeftButton
BLOCK = "a\tb\tc\r\nd\t\tf\r\n"  # as a spreadsheet copies 2 rows × 3 columns, one empty


class Host(QWidget):
    """A blueprint editor of a new standard project with Paste on Ctrl+V, as the window."""

    def __init__(self, editor: BlueprintEditor, qtbot) -> None:
        super().__init__()
        self.editor, self.qtbot = editor, qtbot
        self.messages: list[str] = []
        editor.failed.connect(self.messages.append)
        QVBoxLayout(self).addWidget(editor)
        action = QAction("pasteAction", self)
        action.setObjectName("pasteAction")
        action.setShortcut(QKeySequence.StandardKey.Paste)
        action.triggered.connect(lambda: clipboard.paste(self.editor))
        self.addAction(action)

    @property
    def view(self):
        return self.editor.view

    @property
    def blueprint(self):
        return self.editor.blueprint

    def paste_at(self, lane: int, step: int) -> None:
        """Click an empty spot of the cell, then Ctrl+V on the canvas."""
        cell = (self.blueprint.lanes[lane].id, self.blueprint.steps[step].id)
        rect = self.view.blueprint_scene.geometry.cells[cell]
        QTest.mouseClick(
            self.view.viewport(),
            LEFT,
            Qt.KeyboardModifier.NoModifier,
            aim(self.view, rect.x + 6, rect.bottom - 4),
        )
        assert self.view.current_cell == cell
        self.activateWindow()
        self.qtbot.waitUntil(self.isActiveWindow)
        self.view.setFocus()
        QTest.keyClick(self.view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    def grid(self) -> dict[tuple[int, int], list[str]]:
        """Every non-empty cell's card texts, by (lane index, step index)."""
        session = self.editor.document.session
        found = {}
        for lane_at, lane in enumerate(self.blueprint.lanes):
            for step_at, step in enumerate(self.blueprint.steps):
                texts = [
                    card.text
                    for card in cell_cards(session.get(Lane, lane.id), session.get(Step, step.id))
                ]
                if texts:
                    found[(lane_at, step_at)] = texts
        return found


@pytest.fixture
def host(qtbot) -> Iterator[Host]:
    project_file = ProjectFile.new("Paste")  # standard lanes, five steps, no cards
    document = EditingDocument(project_file)
    editor = BlueprintEditor(document, project_file.project.blueprints[0].id)
    made = Host(editor, qtbot)
    made.resize(1200, 800)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    made.view.zoom_to_actual()
    yield made
    project_file.close()


def answer(qtbot, rows: str, tick: bool = False, seen: list[str] | None = None) -> Callable:
    """Click the rows-as choice (and the tick), note the preview, then Paste."""

    def respond(dialog: PasteBlockDialog) -> None:
        qtbot.mouseClick(dialog.as_lanes if rows == "lanes" else dialog.as_steps, LEFT)
        if tick != dialog.add_as_needed.isChecked():
            qtbot.mouseClick(dialog.add_as_needed, LEFT)
        if seen is not None:
            seen.append(dialog.preview.text())
        qtbot.mouseClick(dialog.paste_button, LEFT)

    return respond


def test_rows_as_lanes_then_as_steps_each_one_undo_step(host: Host, qtbot, answers) -> None:
    QGuiApplication.clipboard().setText(BLOCK)
    seen: list[str] = []
    answers.expect(PasteBlockDialog, answer(qtbot, "lanes", seen=seen))
    host.paste_at(1, 0)
    assert host.grid() == {
        (1, 0): ["a"],
        (1, 1): ["b"],
        (1, 2): ["c"],
        (2, 0): ["d"],
        (2, 2): ["f"],
    }
    assert seen == ["5 cards in 2 lanes and 3 steps."]
    stack = host.editor.document.undo_stack
    assert stack.undoText() == "Paste 5 cards"
    assert len(host.view.selected_card_ids()) == 5
    host.editor.document.undo()
    assert host.grid() == {}

    answers.expect(PasteBlockDialog, answer(qtbot, "steps"))
    host.paste_at(1, 0)
    assert host.grid() == {
        (1, 0): ["a"],
        (2, 0): ["b"],
        (3, 0): ["c"],
        (1, 1): ["d"],
        (3, 1): ["f"],
    }
    host.editor.document.undo()
    assert host.grid() == {}
    host.editor.document.redo()
    assert len(host.grid()) == 5


def test_cells_past_the_map_are_left_out_or_add_lanes_when_ticked(
    host: Host, qtbot, answers
) -> None:
    lanes = len(host.blueprint.lanes)
    QGuiApplication.clipboard().setText(BLOCK)
    seen: list[str] = []
    answers.expect(PasteBlockDialog, answer(qtbot, "lanes", seen=seen))
    host.paste_at(lanes - 1, 3)  # the last lane, the fourth of five steps
    assert host.grid() == {(lanes - 1, 3): ["a"], (lanes - 1, 4): ["b"]}
    assert seen == [
        "2 cards in 1 lane and 2 steps. 3 cells past the map's last lane or step are left out."
    ]
    host.editor.document.undo()

    answers.expect(PasteBlockDialog, answer(qtbot, "lanes", tick=True, seen=seen))
    host.paste_at(lanes - 1, 3)
    assert len(host.blueprint.lanes) == lanes + 1
    assert len(host.blueprint.steps) == 6
    assert host.grid() == {
        (lanes - 1, 3): ["a"],
        (lanes - 1, 4): ["b"],
        (lanes - 1, 5): ["c"],
        (lanes, 3): ["d"],
        (lanes, 5): ["f"],
    }
    assert seen[-1] == "5 cards in 2 lanes and 3 steps; adds 1 new lane and 1 new step."
    host.editor.document.undo()  # one step takes the cards, the lane and the step away
    assert len(host.blueprint.lanes) == lanes and len(host.blueprint.steps) == 5
    assert host.grid() == {}


def test_the_choice_is_remembered_and_cancel_pastes_nothing(host: Host, qtbot, answers) -> None:
    QGuiApplication.clipboard().setText(BLOCK)
    answers.expect(PasteBlockDialog, answer(qtbot, "steps", tick=True))
    host.paste_at(0, 0)
    host.editor.document.undo()
    states: list[tuple[bool, bool]] = []

    def cancel(dialog: PasteBlockDialog) -> None:
        states.append((dialog.as_steps.isChecked(), dialog.add_as_needed.isChecked()))
        if os.environ.get("STAGECRAFT_SCREENSHOTS"):
            dialog.grab().save(os.environ["STAGECRAFT_SCREENSHOTS"] + "/paste_block.png")
        qtbot.mouseClick(dialog.findChild(QWidget, "cancelButton"), LEFT)

    answers.expect(PasteBlockDialog, cancel)
    host.paste_at(0, 0)
    assert states == [(True, True)]
    assert host.grid() == {}
    assert host.editor.document.undo_stack.count() == 1  # the first paste, undone


def test_plain_lines_still_paste_into_one_cell(host: Host, answers) -> None:
    QGuiApplication.clipboard().setText("one\ntwo\n")
    host.paste_at(2, 1)
    assert host.grid() == {(2, 1): ["one", "two"]}


@pytest.mark.parametrize(
    ("text", "grid"),
    [
        ("one\ntwo", None),
        ("a\tb", [["a", "b"]]),
        ("a\t\t\nb\t\t\n\n", None),  # trailing empty columns are not columns
        ('"two\nlines"\tx\ny\t', [["two\nlines", "x"], ["y", ""]]),
    ],
)
def test_what_counts_as_a_block(text: str, grid) -> None:
    assert parse_block(text) == grid
