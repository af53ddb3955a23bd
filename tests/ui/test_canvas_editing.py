"""Editing a blueprint in the window with mouse and keyboard: add, type, move, delete,
undo and redo through the Edit menu's actions, save and reopen."""

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from app.model.project_file import ProjectFile
from app.model.structure import Card

sys.path.insert(0, str(Path(__file__).parents[1] / "canvas"))
from canvas_helpers import aim, aim_at_card

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def texts(project_file: ProjectFile) -> list[str]:
    return sorted(project_file.session.scalars(select(Card.text)))


def open_editor(window):
    window.blueprint_list.setFocus()
    blueprint = window.project_file.project.blueprints[0]
    editor = window.workspace.show_blueprint(blueprint.id)
    assert editor is window.workspace.current
    return blueprint, editor, editor.view


def double_click_cell(view, lane_id: str, step_id: str) -> None:
    cell = view.blueprint_scene.geometry.cells[(lane_id, step_id)]
    QTest.mouseDClick(view.viewport(), LEFT, NONE, aim(view, cell.x + cell.w / 2, cell.y + 12))


def test_build_cards_by_mouse_and_keyboard_then_undo_to_empty(make_window, qtbot, tmp_path):
    window = make_window(ProjectFile.new("Clinic"))
    blueprint, _editor, view = open_editor(window)
    customer, frontstage = blueprint.lanes[1], blueprint.lanes[2]
    first_step, second_step = blueprint.steps[0], blueprint.steps[1]

    double_click_cell(view, customer.id, first_step.id)
    qtbot.waitUntil(lambda: view.editor is not None)
    QTest.keyClicks(view.editor, "Receives letter")
    QTest.keyClick(view.editor, Qt.Key.Key_Return)
    double_click_cell(view, frontstage.id, second_step.id)
    qtbot.waitUntil(lambda: view.editor is not None)
    QTest.keyClicks(view.editor, "Receptionist books slot")
    QTest.keyClick(view.editor, Qt.Key.Key_Return)

    project_file = window.project_file
    assert texts(project_file) == ["Receives letter", "Receptionist books slot"]
    assert window.isWindowModified()
    assert window.edit_actions.undo.text() == "Undo Type in card"

    # Drag the first card into the frontstage lane's second step, under the other card.
    card = project_file.session.scalars(select(Card).where(Card.text == "Receives letter")).one()
    start = aim_at_card(view, card.id)
    target = view.blueprint_scene.geometry.cells[(frontstage.id, second_step.id)]
    QTest.mousePress(view.viewport(), LEFT, NONE, start)
    end = view.mapFromScene(QPointF(target.x + target.w / 2, target.bottom - 8))
    for fraction in (0.25, 0.5, 0.75, 1.0):
        point = start + (end - start) * fraction
        QTest.mouseMove(view.viewport(), QPoint(round(point.x()), round(point.y())))
    QTest.mouseRelease(view.viewport(), LEFT, NONE, end)
    project_file.session.refresh(card)
    assert (card.lane_id, card.step_id) == (frontstage.id, second_step.id)
    assert window.edit_actions.undo.text() == "Undo Move card"

    # Delete it with the Delete key on the canvas, then undo everything from the Edit menu.
    view.blueprint_scene.select_cards([card.id])
    view.setFocus()
    QTest.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert texts(project_file) == ["Receptionist books slot"]
    while window.edit_actions.undo.isEnabled():
        window.edit_actions.undo.trigger()
    assert texts(project_file) == []
    assert not view.blueprint_scene.cards
    assert not window.isWindowModified()
    while window.edit_actions.redo.isEnabled():
        window.edit_actions.redo.trigger()
    assert texts(project_file) == ["Receptionist books slot"]
    assert len(view.blueprint_scene.cards) == 1


def test_escape_leaves_no_empty_card(make_window, qtbot):
    window = make_window(ProjectFile.new("Clinic"))
    blueprint, _editor, view = open_editor(window)
    double_click_cell(view, blueprint.lanes[1].id, blueprint.steps[0].id)
    qtbot.waitUntil(lambda: view.editor is not None)
    QTest.keyClick(view.editor, Qt.Key.Key_Escape)
    assert texts(window.project_file) == []
    assert not view.blueprint_scene.cards


def test_saved_edits_come_back_when_reopened(make_window, qtbot, answers, tmp_path):
    window = make_window(ProjectFile.new("Clinic"))
    blueprint, _editor, view = open_editor(window)
    double_click_cell(view, blueprint.lanes[1].id, blueprint.steps[0].id)
    qtbot.waitUntil(lambda: view.editor is not None)
    QTest.keyClicks(view.editor, "Phones surgery")
    QTest.keyClick(view.editor, Qt.Key.Key_Return)
    target = tmp_path / "clinic.blueprint"
    answers.choose_file(target)
    window.menu_actions.save.trigger()
    assert not window.isWindowModified()
    window.files.close_project()
    reopened = ProjectFile.open(target)
    assert texts(reopened) == ["Phones surgery"]
    reopened.close()


def test_zoom_actions_change_the_view(make_window):
    window = make_window(ProjectFile.new("Clinic"))
    _blueprint, _editor, view = open_editor(window)
    window.edit_actions.zoom_actual.trigger()
    assert abs(view.zoom() - 1.0) < 1e-6
    window.edit_actions.zoom_in.trigger()
    assert view.zoom() > 1.0
    window.edit_actions.zoom_fit.trigger()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.width() >= view.blueprint_scene.geometry.width - 1


def test_copy_paste_and_find_from_the_edit_menu(make_window, qtbot):
    from app.model.sample import SAMPLE_NAME, build_sample

    window = make_window(ProjectFile.build(SAMPLE_NAME, lambda s: build_sample(s)))
    blueprint, _editor, view = open_editor(window)
    project_file = window.project_file
    count = len(texts(project_file))
    card = blueprint.lanes[1].cards[0]
    view.blueprint_scene.select_cards([card.id])
    window.edit_actions.copy.trigger()
    window.edit_actions.paste.trigger()
    assert len(texts(project_file)) == count + 1
    assert window.edit_actions.undo.text().startswith("Undo Paste")
    window.edit_actions.undo.trigger()
    assert len(texts(project_file)) == count
    window.edit_actions.find.trigger()
    assert window.find_bar.isVisible()
    QTest.keyClicks(window.find_bar.field, "letter")
    assert window.find_bar.matches
