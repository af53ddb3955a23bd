"""Adding pain points in the window: P on the selected card, the card's and the step
header's context menus, the dialog driven by the keyboard and the mouse, its defaults
remembered for the next one, editing with only the changed fields, each one undo step."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy import select

from app.editing.commands.method import AddPainPointCommand
from app.layout.geometry import Rect
from app.model.dump import dump
from app.model.kinds import EvidenceSource, Perspective
from app.model.method import PainPoint
from app.model.project_file import ProjectFile
from app.model.structure import Card, Lane, Step
from app.ui.main_window import MainWindow
from app.ui.method.pain_point_dialog import (
    CaptureDefaults,
    PainPointDialog,
    open_new_pain_point,
    open_pain_point,
)
from app.ui.method.pain_points import PainPoints

sys.path.insert(0, str(Path(__file__).parents[2] / "canvas"))
from canvas_helpers import aim_at_card

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NONE, CTRL = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1400, 900)  # room for the canvas beside the docks
    return made


def controller(window: MainWindow) -> PainPoints:
    found = window.findChild(PainPoints, "painPoints")
    assert found is not None
    return found


def card_named(window: MainWindow, text: str) -> Card:
    document = window.workspace.document
    as_is = document.project.blueprints[0]
    query = select(Card).join(Lane).where(Lane.blueprint_id == as_is.id, Card.text == text)
    return document.session.scalars(query).one()


def click_card(qtbot, window: MainWindow, card_id: str, modifier=NONE) -> None:
    view = window.workspace.current.view
    qtbot.mouseClick(view.viewport(), LEFT, modifier, aim_at_card(view, card_id))
    assert card_id in view.selected_card_ids()


def right_click(window: MainWindow, pos: QPoint) -> QMenu:
    """A right-click on the canvas as the window system delivers it."""
    view = window.workspace.current.view
    at = view.viewport().mapTo(window, pos)
    QTest.mouseMove(window.windowHandle(), at + QPoint(8, 8))
    QTest.mouseMove(window.windowHandle(), at)
    QTest.mouseClick(window.windowHandle(), RIGHT, NONE, at)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu), "the right-click opened no menu"
    return menu


def choose(menu: QMenu, text: str) -> None:
    action = next((a for a in menu.actions() if a.text() == text), None)
    assert action is not None, f"no {text!r} in {[a.text() for a in menu.actions()]}"
    at = menu.actionGeometry(action).center()
    QTest.mouseMove(menu.windowHandle(), at)
    QTest.mouseClick(menu.windowHandle(), LEFT, NONE, at)


def step_header_point(window: MainWindow, step_id: str) -> QPoint:
    view = window.workspace.current.view
    step = view.blueprint_scene.geometry.step(step_id)
    column = step.column
    view.reveal(Rect(column.x, column.y, column.w, 10.0))
    panes = view.pane_layout()
    x = panes.dx + (column.x + column.w / 2) * panes.scale
    y = panes.top + (panes.stage_height + panes.header_height) / 2
    return QPoint(round(x), round(y))


def open_dialog(qtbot, window: MainWindow) -> PainPointDialog:
    dialog = controller(window).dialog
    assert isinstance(dialog, PainPointDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def press(qtbot, widget, key: Qt.Key, modifier=NONE) -> None:
    qtbot.keyClick(widget, key, modifier)


def press_on_canvas(qtbot, window: MainWindow, key: Qt.Key) -> None:
    """A key on the canvas, the window in front (a closed dialog leaves none active)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.workspace.current.view, key)


def focused():
    return QApplication.focusWidget()


def pains_of(owner: Card | Step) -> list[PainPoint]:
    return list(owner.pain_points)


# -- P on the selected card --------------------------------------------------------------------


def test_p_on_a_selected_card_adds_a_pain_point_with_every_field(qtbot, window) -> None:
    document = window.workspace.document
    action = window.findChild(QAction, "addPainPointAction")
    assert not action.isEnabled()  # nothing selected yet
    card = card_named(window, "Phones surgery")
    before, steps = dump(document.session), document.undo_stack.index()
    click_card(qtbot, window, card.id)
    assert action.isEnabled()
    press_on_canvas(qtbot, window, Qt.Key.Key_P)
    dialog = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Add Pain Point"
    assert dialog.heading.text() == "On the card “Phones surgery”"
    assert "Customer actions" in dialog.where.text() and "Booking" in dialog.where.text()
    assert focused() is dialog.description
    assert not dialog.ok_button.isEnabled()  # no description yet

    qtbot.keyClicks(focused(), "Lines are engaged for an hour at 8am")
    press(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.severity.group.button(3)  # severity: 3 unless chosen
    press(qtbot, focused(), Qt.Key.Key_4)
    assert focused() is dialog.severity.group.button(4) and dialog.severity.value == 4
    press(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.perspective
    press(qtbot, focused(), Qt.Key.Key_Down)  # service user -> staff
    press(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.evidence
    qtbot.keyClicks(focused(), "d")  # "Data", typed to find it
    assert dialog.evidence.currentText() == "Data"
    assert "data" in dialog.evidence_hint.text()
    press(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.people.lineEdit() or focused() is dialog.people
    qtbot.keyClicks(focused(), "250")
    press(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.underserved
    assert dialog.underserved.placeholderText().startswith("e.g. people without a mobile")
    qtbot.keyClicks(focused(), "People who work shifts")
    press(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.resolved
    press(qtbot, focused(), Qt.Key.Key_Space)
    assert dialog.resolved.isChecked()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [pain] = pains_of(card)
    assert pain.description == "Lines are engaged for an hour at 8am"
    assert (pain.severity, pain.perspective, pain.evidence) == (4, "staff", "data")
    assert pain.people_affected == 250 and pain.underserved_group == "People who work shifts"
    assert pain.resolved
    assert document.undo_stack.index() == steps + 1
    assert document.undo_stack.undoText() == "Add pain point"
    document.undo()
    assert dump(document.session) == before
    document.redo()
    assert [p.id for p in pains_of(card)] == [pain.id]


def test_ctrl_enter_adds_and_escape_adds_nothing(qtbot, window) -> None:
    document = window.workspace.document
    card = card_named(window, "Waits on hold")
    count = len(card.pain_points)
    click_card(qtbot, window, card.id)
    press_on_canvas(qtbot, window, Qt.Key.Key_P)
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.description, "Music on hold is loud")
    press(qtbot, dialog.description, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(card.pain_points) == count

    press_on_canvas(qtbot, window, Qt.Key.Key_P)
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.description, "Music on hold is loud")
    press(qtbot, dialog.description, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(card.pain_points) == count + 1
    assert document.undo_stack.undoText() == "Add pain point"


def test_p_goes_on_the_first_selected_card(qtbot, window) -> None:
    first, second = card_named(window, "Receives letter"), card_named(window, "Phones surgery")
    click_card(qtbot, window, first.id)
    click_card(qtbot, window, second.id, CTRL)
    window.findChild(QAction, "addPainPointAction").trigger()
    dialog = open_dialog(qtbot, window)
    assert dialog.heading.text() == "On the card “Receives letter”"
    dialog.reject()


def test_p_is_off_without_a_selection(qtbot, window) -> None:
    action = window.findChild(QAction, "addPainPointAction")
    card = card_named(window, "Phones surgery")
    click_card(qtbot, window, card.id)
    assert action.isEnabled()
    press_on_canvas(qtbot, window, Qt.Key.Key_Escape)  # clears the selection
    assert not action.isEnabled()
    press_on_canvas(qtbot, window, Qt.Key.Key_P)
    assert controller(window).dialog is None


def test_p_is_off_in_a_read_only_project(
    qtbot, make_window, sample_file: ProjectFile, tmp_path: Path
) -> None:
    sample_file.save_as(tmp_path / "sample.blueprint")
    window = make_window(ProjectFile.open(tmp_path / "sample.blueprint", read_only=True))
    click_card(qtbot, window, card_named(window, "Phones surgery").id)
    assert not window.findChild(QAction, "addPainPointAction").isEnabled()
    controller(window).add_to("card", card_named(window, "Phones surgery").id)
    assert controller(window).dialog is None


def test_typing_p_into_a_card_types_a_p(qtbot, window) -> None:
    card = card_named(window, "Phones surgery")
    click_card(qtbot, window, card.id)
    view = window.workspace.current.view
    press(qtbot, view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.objectName() == "cardEditor"
    press(qtbot, editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " P")
    assert editor.toPlainText().endswith(" P")
    assert controller(window).dialog is None
    press(qtbot, editor, Qt.Key.Key_Escape)


# -- the context menus -----------------------------------------------------------------------


def test_card_menu_adds_to_the_right_clicked_card(qtbot, window) -> None:
    selected, clicked = card_named(window, "Receives letter"), card_named(window, "Waits on hold")
    had = len(selected.pain_points)
    click_card(qtbot, window, selected.id)
    view = window.workspace.current.view
    menu = right_click(window, aim_at_card(view, clicked.id))
    choose(menu, "Add pain point…\tP")
    dialog = open_dialog(qtbot, window)
    assert dialog.heading.text() == "On the card “Waits on hold”"
    qtbot.keyClicks(dialog.description, "Nobody says how long the wait is")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert [p.description for p in clicked.pain_points][-1] == "Nobody says how long the wait is"
    assert len(selected.pain_points) == had


def test_step_header_menu_adds_to_the_step(qtbot, window) -> None:
    document = window.workspace.document
    step = document.project.blueprints[0].steps[3]
    count = len(step.pain_points)
    menu = right_click(window, step_header_point(window, step.id))
    choose(menu, "Add pain point to this step…")
    dialog = open_dialog(qtbot, window)
    assert dialog.heading.text() == f"On the step “{step.title}”"
    assert step.stage.title in dialog.where.text()
    qtbot.keyClicks(dialog.description, "Nobody owns this step")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert len(step.pain_points) == count + 1
    pain = next(p for p in step.pain_points if p.description == "Nobody owns this step")
    assert pain.card_id is None and pain.step_id == step.id
    document.undo()
    assert len(step.pain_points) == count


# -- defaults and editing --------------------------------------------------------------------


def test_the_last_perspective_and_evidence_are_the_next_defaults(qtbot, window) -> None:
    card = card_named(window, "Phones surgery")
    click_card(qtbot, window, card.id)
    press_on_canvas(qtbot, window, Qt.Key.Key_P)
    dialog = open_dialog(qtbot, window)
    assert dialog.perspective.currentData() == Perspective.SERVICE_USER
    assert dialog.evidence.currentData() == EvidenceSource.ASSUMPTION
    qtbot.keyClicks(dialog.description, "Receptionists cannot see free slots")
    dialog.perspective.setFocus()
    press(qtbot, dialog.perspective, Qt.Key.Key_Down)
    qtbot.keyClicks(dialog.evidence, "w")
    assert dialog.evidence.currentData() == EvidenceSource.WORKSHOP
    qtbot.mouseClick(dialog.ok_button, LEFT)

    press_on_canvas(qtbot, window, Qt.Key.Key_P)
    dialog = open_dialog(qtbot, window)
    assert dialog.perspective.currentData() == Perspective.STAFF
    assert dialog.evidence.currentData() == EvidenceSource.WORKSHOP
    assert dialog.values()["severity"] == 3 and dialog.description.toPlainText() == ""
    dialog.reject()
    # The properties dock's Add starts from the same defaults.
    assert window.properties.pain_points.defaults is controller(window).defaults


def test_editing_pushes_only_the_changed_fields(qtbot, window) -> None:
    document = window.workspace.document
    card = card_named(window, "Waits on hold")
    pain = card.pain_points[0]
    old = (pain.description, pain.severity, pain.perspective, pain.evidence)
    controller(window).edit(pain.id)
    dialog = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Edit Pain Point" and dialog.ok_button.text() == "OK"
    assert dialog.description.toPlainText() == pain.description
    assert dialog.severity.value == pain.severity
    assert dialog.people.minutes == pain.people_affected
    qtbot.mouseClick(dialog.severity.group.button(5), LEFT, pos=QPoint(6, 8))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert pain.severity == 5
    command = document.undo_stack.command(document.undo_stack.index() - 1)
    assert command.text() == "Edit pain point" and command.new == {"severity": 5}
    document.undo()
    assert (pain.description, pain.severity, pain.perspective, pain.evidence) == old

    steps = document.undo_stack.index()
    controller(window).edit(pain.id)
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.ok_button, LEFT)  # nothing changed: no undo step
    assert document.undo_stack.index() == steps


def test_clearing_people_affected_makes_it_not_known(qtbot, window) -> None:
    card = card_named(window, "Waits on hold")
    pain = next(p for p in card.pain_points if p.people_affected is not None)
    controller(window).edit(pain.id)
    dialog = open_dialog(qtbot, window)
    edit = dialog.people.lineEdit()
    edit.selectAll()
    press(qtbot, edit, Qt.Key.Key_Delete)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert pain.people_affected is None


# -- the dialog on its own -------------------------------------------------------------------


def test_dialog_without_a_window(qtbot, sample_file: ProjectFile) -> None:
    """The dialog and its openers take what they need: a parent, the owner, a push."""
    blueprint = sample_file.project.blueprints[0]
    step = blueprint.steps[0]
    pushed: list = []
    defaults = CaptureDefaults(Perspective.PARTNER, EvidenceSource.OBSERVATION)
    dialog = open_new_pain_point(None, step, lambda c: pushed.append(c) or True, defaults)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.description, "  Two teams book the same slot  ")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return, CTRL)
    [command] = pushed
    assert isinstance(command, AddPainPointCommand)
    assert (command.on, command.item_id) == ("step", step.id)
    assert command.fields["description"] == "Two teams book the same slot"
    assert (
        command.fields["perspective"] == "partner" and command.fields["evidence"] == "observation"
    )

    pain = next(p for s in blueprint.steps for p in s.pain_points)
    dialog = open_pain_point(None, pain, lambda c: pushed.append(c) or True)
    qtbot.addWidget(dialog)
    assert dialog.severity.group.button(pain.severity).isChecked()
    qtbot.keyClicks(dialog.underserved, "Carers")
    assert dialog.changes() == {"underserved_group": pain.underserved_group + "Carers"}
    dialog.reject()
    assert len(pushed) == 1


def test_only_spaces_around_the_text_are_no_change(qtbot) -> None:
    initial = CaptureDefaults().fields() | {
        "description": " Hard letter \n",
        "underserved_group": "Carers ",
    }
    dialog = PainPointDialog(None, ("On a card", ""), initial, new=False)
    qtbot.addWidget(dialog)
    assert dialog.changes() == {}
    qtbot.keyClicks(dialog.underserved, "s")
    assert dialog.changes() == {"underserved_group": "Carers s"}
