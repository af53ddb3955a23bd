"""The table view shows the same cards as the canvas, lanes as rows and steps as columns,
and edits them with the keyboard: one line per card, each cell edit one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QVBoxLayout, QWidget
from shiboken6 import isValid

from app.editing.commands.blueprints import DeleteBlueprintCommand
from app.editing.commands.cards import (
    AddCardCommand,
    CardMove,
    EditCardTextCommand,
    MoveCardsCommand,
)
from app.editing.commands.lanes import RenameLaneCommand
from app.editing.commands.steps import AddStepCommand
from app.editing.document import EditingDocument
from app.model import ops_grid as ops
from app.model.dump import dump
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint, Card, Lane, Step
from app.ui.table import BlueprintTable
from app.ui.table.cell_delegate import CellEditor
from app.ui.table.cell_edit import LINE_BREAK, cell_edit_command
from app.ui.table.model import CARD_IDS_ROLE

LEFT = Qt.MouseButton.LeftButton
CTRL, NONE = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier
Role = Qt.ItemDataRole


@pytest.fixture
def document(qapp, sample_file: ProjectFile) -> EditingDocument:
    return EditingDocument(sample_file)


class Host(QWidget):
    """The table in a window that, like the main window, has Delete and F2 shortcuts for
    the canvas: while the table has focus they must not fire."""

    def __init__(self, table: BlueprintTable) -> None:
        super().__init__()
        self.table = table
        self.canvas_actions: list[str] = []
        for name, key in (("delete", QKeySequence.StandardKey.Delete), ("edit", "F2")):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _checked=False, n=name: self.canvas_actions.append(n))
            self.addAction(action)
        QVBoxLayout(self).addWidget(table)


@pytest.fixture
def table(qtbot, document: EditingDocument) -> BlueprintTable:
    table = BlueprintTable()
    host = Host(table)
    qtbot.addWidget(host)
    host.resize(1200, 700)
    table.set_blueprint(document, as_is(document).id)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    yield table
    assert host.canvas_actions == []


def as_is(document: EditingDocument) -> Blueprint:
    return document.project.blueprints[0]


def lane_and_step(document: EditingDocument, lane: str, step: str) -> tuple[Lane, Step]:
    blueprint = as_is(document)
    return (
        next(item for item in blueprint.lanes if item.title == lane),
        next(item for item in blueprint.steps if item.title == step),
    )


def cell_texts(document: EditingDocument, lane: str, step: str) -> list[str]:
    return [card.text for card in ops.cell_cards(*lane_and_step(document, lane, step))]


def cell_ids(document: EditingDocument, lane: str, step: str) -> list[str]:
    return [card.id for card in ops.cell_cards(*lane_and_step(document, lane, step))]


def index_of(table: BlueprintTable, lane: str, step: str) -> QModelIndex:
    lane_row, step_column = lane_and_step(table.document, lane, step)
    return table.model.index_of((lane_row.id, step_column.id))


def click_cell(qtbot, table: BlueprintTable, lane: str, step: str) -> QModelIndex:
    index = index_of(table, lane, step)
    table.view.scrollTo(index)
    QTest.mouseClick(table.view.viewport(), LEFT, NONE, table.view.visualRect(index).center())
    assert table.view.currentIndex() == index
    table.view.setFocus()
    qtbot.waitUntil(table.view.hasFocus)
    return index


def current_editor(table: BlueprintTable) -> CellEditor | None:
    """The open cell editor (a closed one may linger until Qt deletes it)."""
    editors = [e for e in table.view.findChildren(CellEditor) if isValid(e) and e.isVisible()]
    return editors[0] if editors else None


def open_editor(qtbot, table: BlueprintTable) -> CellEditor:
    qtbot.waitUntil(lambda: current_editor(table) is not None)
    editor = current_editor(table)
    qtbot.waitUntil(editor.hasFocus)
    return editor


def no_editor(table: BlueprintTable) -> bool:
    return current_editor(table) is None


# -- what it shows ------------------------------------------------------------------------


def test_lanes_are_rows_steps_are_columns_cards_are_lines(
    table: BlueprintTable, document: EditingDocument
) -> None:
    blueprint, model = as_is(document), table.model
    assert model.rowCount() == len(blueprint.lanes)
    assert model.columnCount() == len(blueprint.steps)
    vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
    assert [model.headerData(row, vertical) for row in range(model.rowCount())] == [
        lane.title for lane in blueprint.lanes
    ]
    step = blueprint.steps[2]
    assert model.headerData(2, horizontal, Role.ToolTipRole) == f"{step.stage.title} / {step.title}"
    assert model.headerData(2, horizontal) == f"{step.stage.title} /\n{step.title}"
    for row, lane in enumerate(blueprint.lanes):
        for column, step in enumerate(blueprint.steps):
            cards = ops.cell_cards(lane, step)
            index = model.index(row, column)
            assert model.data(index) == "\n".join(card.text for card in cards)
            assert model.data(index, CARD_IDS_ROLE) == [card.id for card in cards]
    assert table.view.accessibleName() == f"Table of {blueprint.name}"


def test_cells_speak_their_place_and_cards(table: BlueprintTable) -> None:
    index = index_of(table, "Customer actions", "Phones to book")
    spoken = table.model.data(index, Role.AccessibleTextRole)
    assert spoken == (
        "Customer actions, Booking / Phones to book: 2 cards: Phones surgery; Waits on hold"
    )
    empty = index_of(table, "Customer actions", "Eligible patients found")
    assert table.model.data(empty, Role.AccessibleTextRole).endswith(": no cards")


def test_rows_are_as_tall_as_their_lines(table: BlueprintTable) -> None:
    view, delegate = table.view, table.view.delegate
    for row in range(table.model.rowCount()):
        tallest = 0
        for column in range(table.model.columnCount()):
            option = QStyleOptionViewItem()
            view.initViewItemOption(option)
            option.rect.setWidth(view.columnWidth(column))
            hint = delegate.sizeHint(option, table.model.index(row, column)).height()
            tallest = max(tallest, hint)
        assert view.rowHeight(row) >= tallest
    one = index_of(table, "Customer actions", "Invitation letter")
    two = index_of(table, "Customer actions", "Phones to book")
    assert view.visualRect(two).height() > view.visualRect(one).height() * 0.9


def test_a_long_card_keeps_its_row_tall_enough(
    table: BlueprintTable, document: EditingDocument
) -> None:
    index = index_of(table, "Frontstage", "Phones to book")
    before = table.view.rowHeight(index.row())
    card_id = table.model.data(index, CARD_IDS_ROLE)[0]
    document.push(EditCardTextCommand(card_id, "Receptionist books slot " * 12))
    assert table.view.rowHeight(index.row()) > before


# -- editing ----------------------------------------------------------------------------------


def test_f2_edits_a_cell_as_lines_in_one_undo_step(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    before, steps = dump(document.session), document.undo_stack.index()
    kept = cell_ids(document, "Customer actions", "Phones to book")
    click_cell(qtbot, table, "Customer actions", "Phones to book")
    QTest.keyClick(table.view, Qt.Key.Key_F2)
    editor = open_editor(qtbot, table)
    assert editor.toPlainText() == "Phones surgery\nWaits on hold"
    editor.selectAll()
    QTest.keyClicks(editor, "Phones the surgery")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, "Waits on hold")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, "Gives up and hangs up")
    QTest.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: no_editor(table))

    assert cell_texts(document, "Customer actions", "Phones to book") == [
        "Phones the surgery",
        "Waits on hold",
        "Gives up and hangs up",
    ]
    assert cell_ids(document, "Customer actions", "Phones to book")[:2] == kept
    assert document.undo_stack.undoText() == "Edit cell"
    assert document.undo_stack.index() == steps + 1
    index = index_of(table, "Customer actions", "Phones to book")
    assert table.model.data(index).splitlines()[-1] == "Gives up and hangs up"
    document.undo()
    assert dump(document.session) == before
    assert table.model.data(index) == "Phones surgery\nWaits on hold"
    document.redo()
    assert len(cell_texts(document, "Customer actions", "Phones to book")) == 3


def test_removing_a_line_deletes_only_its_card(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    waits = card_with_text(document, "Waits on hold")
    phones = card_with_text(document, "Phones surgery")
    document.push(EditCardTextCommand(waits.id, "Waits on hold"))  # nothing: no step
    before, steps = dump(document.session), document.undo_stack.index()
    click_cell(qtbot, table, "Customer actions", "Phones to book")
    QTest.keyClick(table.view, Qt.Key.Key_F2)
    editor = open_editor(qtbot, table)
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    editor.moveCursor(
        editor.textCursor().MoveOperation.EndOfLine, editor.textCursor().MoveMode.KeepAnchor
    )
    QTest.keyClick(editor, Qt.Key.Key_Delete)  # the first line's text
    QTest.keyClick(editor, Qt.Key.Key_Delete)  # and its line break
    assert editor.toPlainText() == "Waits on hold"
    QTest.keyClick(editor, Qt.Key.Key_Tab)  # Tab finishes too, and goes to the next step
    qtbot.waitUntil(lambda: no_editor(table))
    assert table.view.currentIndex() == index_of(table, "Customer actions", "Reminder")
    assert cell_ids(document, "Customer actions", "Phones to book") == [waits.id]
    assert document.session.get(Card, phones.id) is None
    assert document.undo_stack.undoText() == "Delete card"
    document.undo()
    assert document.undo_stack.index() == steps
    assert dump(document.session) == before


def card_with_text(document: EditingDocument, text: str) -> Card:
    lane, step = lane_and_step(document, "Customer actions", "Phones to book")
    return next(card for card in ops.cell_cards(lane, step) if card.text == text)


def test_typing_in_a_cell_adds_a_card_below_its_cards(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    before, steps = dump(document.session), document.undo_stack.index()
    kept = cell_ids(document, "Customer actions", "Phones to book")
    click_cell(qtbot, table, "Customer actions", "Phones to book")
    QTest.keyClick(table.view, "G")
    editor = open_editor(qtbot, table)
    QTest.keyClicks(editor, "ets through at last")
    assert editor.toPlainText() == "Phones surgery\nWaits on hold\nGets through at last"
    QTest.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: no_editor(table))
    assert cell_texts(document, "Customer actions", "Phones to book") == [
        "Phones surgery",
        "Waits on hold",
        "Gets through at last",
    ]
    assert cell_ids(document, "Customer actions", "Phones to book")[:2] == kept
    assert document.undo_stack.undoText() == "Add card"
    document.undo()
    assert document.undo_stack.index() == steps
    assert dump(document.session) == before


def test_typing_in_an_empty_cell_then_enter_for_more_cards(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    before = dump(document.session)
    click_cell(qtbot, table, "Frontstage", "Eligible patients found")
    QTest.keyClick(table.view, "A")
    editor = open_editor(qtbot, table)
    QTest.keyClicks(editor, "dmin phones the patient")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClick(editor, Qt.Key.Key_Return)  # a blank line makes no card
    QTest.keyClicks(editor, "Letter goes out")
    table.view.setFocus()  # clicking away commits as well
    qtbot.waitUntil(lambda: no_editor(table))
    assert cell_texts(document, "Frontstage", "Eligible patients found") == [
        "Admin phones the patient",
        "Letter goes out",
    ]
    assert document.undo_stack.undoText() == "Add 2 cards"
    document.undo()
    assert dump(document.session) == before


def test_a_row_typed_in_one_go_with_tab(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    """The workshop way: type a card, Tab to the next step, type the next one."""
    click_cell(qtbot, table, "Frontstage", "Eligible patients found")
    for text in ("Admin checks the list", "Admin signs letters"):
        QTest.keyClick(QApplication.focusWidget(), text[0])
        editor = open_editor(qtbot, table)
        QTest.keyClicks(editor, text[1:])
        QTest.keyClick(editor, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda: no_editor(table) and table.view.hasFocus())
    assert cell_texts(document, "Frontstage", "Eligible patients found") == [
        "Admin checks the list"
    ]
    assert cell_texts(document, "Frontstage", "Invitation letter") == ["Admin signs letters"]
    assert table.view.currentIndex() == index_of(table, "Frontstage", "Phones to book")
    document.undo()
    document.undo()
    assert cell_texts(document, "Frontstage", "Invitation letter") == []
    assert cell_texts(document, "Frontstage", "Eligible patients found") == []


def test_enter_on_a_cell_starts_a_new_card(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    click_cell(qtbot, table, "Customer actions", "Invitation letter")
    QTest.keyClick(table.view, Qt.Key.Key_Return)
    editor = open_editor(qtbot, table)
    QTest.keyClicks(editor, "Puts the letter aside")
    QTest.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: no_editor(table))
    assert cell_texts(document, "Customer actions", "Invitation letter") == [
        "Receives letter",
        "Puts the letter aside",
    ]


def test_double_click_opens_the_editor_and_escape_cancels(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    before = dump(document.session)
    index = index_of(table, "Customer actions", "Phones to book")
    table.view.scrollTo(index)
    point = table.view.visualRect(index).center()
    QTest.mouseClick(table.view.viewport(), LEFT, NONE, point)
    QTest.mouseDClick(table.view.viewport(), LEFT, NONE, point)
    editor = open_editor(qtbot, table)
    QTest.keyClicks(editor, " for ages")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: no_editor(table))
    assert dump(document.session) == before
    assert document.undo_stack.count() == 0


def test_delete_clears_the_selected_cells(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    before = dump(document.session)
    click_cell(qtbot, table, "Customer actions", "Phones to book")
    right = index_of(table, "Customer actions", "Reminder")
    QTest.mouseClick(
        table.view.viewport(),
        LEFT,
        Qt.KeyboardModifier.ShiftModifier,
        table.view.visualRect(right).center(),
    )
    QTest.keyClick(table.view, Qt.Key.Key_Delete)
    assert cell_texts(document, "Customer actions", "Phones to book") == []
    assert cell_texts(document, "Customer actions", "Reminder") == []
    assert document.undo_stack.undoText() == "Delete 3 cards"
    document.undo()
    assert dump(document.session) == before


def test_selecting_cells_names_their_cards(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    with qtbot.waitSignal(table.cards_selected) as selected:
        click_cell(qtbot, table, "Customer actions", "Phones to book")
    assert selected.args[0] == cell_ids(document, "Customer actions", "Phones to book")


def test_line_breaks_inside_a_card_survive_an_edit_of_another_line(
    qtbot, table: BlueprintTable, document: EditingDocument
) -> None:
    lane, step = lane_and_step(document, "Customer actions", "Phones to book")
    first = ops.cell_cards(lane, step)[0]
    document.push(EditCardTextCommand(first.id, "Phones surgery\nat 8am"))
    index = index_of(table, "Customer actions", "Phones to book")
    assert table.model.data(index).splitlines()[0] == f"Phones surgery{LINE_BREAK}at 8am"
    click_cell(qtbot, table, "Customer actions", "Phones to book")
    QTest.keyClick(table.view, Qt.Key.Key_F2)
    editor = open_editor(qtbot, table)
    QTest.keyClicks(editor, " again")
    QTest.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: no_editor(table))
    assert cell_texts(document, "Customer actions", "Phones to book") == [
        "Phones surgery\nat 8am",
        "Waits on hold again",
    ]


# -- following the document -------------------------------------------------------------


def test_follows_changes_made_elsewhere(table: BlueprintTable, document: EditingDocument) -> None:
    model = table.model
    lane, step = lane_and_step(document, "Frontstage", "Eligible patients found")
    document.push(AddCardCommand(lane.id, step.id, "Admin rings round"))
    index = index_of(table, "Frontstage", "Eligible patients found")
    assert model.data(index) == "Admin rings round"
    card_id = model.data(index, CARD_IDS_ROLE)[0]
    target = index_of(table, "Frontstage", "Phones to book")
    target_lane, target_step = lane_and_step(document, "Frontstage", "Phones to book")
    document.push(MoveCardsCommand([CardMove(card_id, target_lane.id, target_step.id, 0)]))
    assert model.data(index) == ""
    assert model.data(target).splitlines()[0] == "Admin rings round"
    document.undo()
    assert model.data(index) == "Admin rings round"

    document.push(RenameLaneCommand(lane.id, "What staff do in front"))
    assert model.headerData(index.row(), Qt.Orientation.Vertical) == "What staff do in front"
    columns = model.columnCount()
    document.push(AddStepCommand(as_is(document).id, "Thank-you call"))
    assert model.columnCount() == columns + 1
    assert model.headerData(columns, Qt.Orientation.Horizontal) == "Thank-you call"
    assert model.data(index_of(table, "What staff do in front", "Eligible patients found")) == (
        "Admin rings round"
    )

    document.push(DeleteBlueprintCommand(as_is(document).id))
    assert model.rowCount() == 0 and model.columnCount() == 0


def test_changes_to_another_blueprint_are_ignored(
    table: BlueprintTable, document: EditingDocument
) -> None:
    to_be = document.project.blueprints[1]
    resets = []
    table.model.modelReset.connect(lambda: resets.append(True))
    table.model.dataChanged.connect(lambda *_args: resets.append(False))
    document.push(AddCardCommand(to_be.lanes[0].id, to_be.steps[0].id, "Elsewhere"))
    assert resets == []


# -- refused edits and read-only projects ---------------------------------------------


def test_a_refused_edit_is_shown(qtbot, table: BlueprintTable, document: EditingDocument) -> None:
    # Another program removed the card under the table (no change was announced).
    phones = card_with_text(document, "Phones surgery")
    ops.delete_card(phones)
    document.project_file.commit()
    click_cell(qtbot, table, "Customer actions", "Phones to book")
    QTest.keyClick(table.view, Qt.Key.Key_F2)
    editor = open_editor(qtbot, table)
    editor.selectAll()
    QTest.keyClicks(editor, "Rings")
    with qtbot.waitSignal(table.failed) as failed:
        QTest.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert "no longer exists" in failed.args[0]
    assert table.error.isVisible() and "no longer exists" in table.error.text()
    assert document.undo_stack.count() == 0


def test_read_only_projects_are_shown_but_not_edited(
    qtbot, table: BlueprintTable, sample_file: ProjectFile, tmp_path: Path
) -> None:
    sample_file.save_as(tmp_path / "sample.blueprint")
    read_only = ProjectFile.open(tmp_path / "sample.blueprint", read_only=True)
    try:
        document = EditingDocument(read_only)
        table.set_blueprint(document, as_is(document).id)
        assert "read-only" in table.hint.text()
        index = click_cell(qtbot, table, "Customer actions", "Phones to book")
        assert not table.model.flags(index) & Qt.ItemFlag.ItemIsEditable
        QTest.keyClick(table.view, Qt.Key.Key_F2)
        QTest.keyClick(table.view, "x")
        QTest.keyClick(table.view, Qt.Key.Key_Delete)
        assert no_editor(table)
        assert table.model.data(index) == "Phones surgery\nWaits on hold"
        assert document.undo_stack.count() == 0
    finally:
        table.set_blueprint(None, None)
        read_only.close()


# -- lines into commands --------------------------------------------------------------------


CARDS = [("a", "Receives letter"), ("b", "Phones surgery"), ("c", "Waits on hold")]


def commands_of(edited: str) -> list[tuple[str, object]]:
    group = cell_edit_command("lane", "step", CARDS, edited)
    if group is None:
        return []
    described = []
    for command in group.commands:
        kind = type(command).__name__
        if kind == "EditCardTextCommand":
            described.append(("edit", (command.item_id, command.new["text"])))
        elif kind == "DeleteCardsCommand":
            described.append(("delete", command.item_ids))
        else:
            described.append(("add", (command.index, command.fields["text"])))
    return described


def test_unchanged_lines_make_no_command() -> None:
    assert (
        cell_edit_command("lane", "step", CARDS, "Receives letter\nPhones surgery\nWaits on hold")
        is None
    )
    assert commands_of("Receives letter\nPhones surgery\nWaits on hold\n\n") == []


def test_lines_are_matched_to_cards_in_order() -> None:
    assert commands_of("Receives letter\nWaits on hold") == [("delete", ["b"])]
    assert commands_of("Opens letter\nPhones surgery\nWaits on hold") == [
        ("edit", ("a", "Opens letter"))
    ]
    assert commands_of("Receives letter\nReads it twice\nPhones surgery\nWaits on hold") == [
        ("add", (1, "Reads it twice"))
    ]
    assert commands_of("Receives letter\n\nWaits on hold") == [("delete", ["b"])]
    assert commands_of("First\nReceives letter\nPhones the surgery\nWaits on hold\nLast") == [
        ("edit", ("b", "Phones the surgery")),
        ("add", (0, "First")),
        ("add", (4, "Last")),
    ]
    assert commands_of("") == [("delete", ["a", "b", "c"])]
    assert commands_of(f"Receives{LINE_BREAK}letter\nPhones surgery\nWaits on hold") == [
        ("edit", ("a", "Receives\nletter"))
    ]
