"""The lane, step, stage and connector menus of the canvas change the grid through
undoable commands."""

from PySide6.QtWidgets import QMenu

from app.editing.document import EditingDocument
from app.model.project_file import ProjectFile
from app.model.structure import Card
from app.ui.blueprint_editor import BlueprintEditor
from app.ui.grid_menus import connector_menu, lane_menu, stage_menu, step_menu


def trigger(menu: QMenu, text: str) -> None:
    for action in menu.actions():
        if action.text() == text:
            action.trigger()
            return
        if action.menu() is not None:
            for inner in action.menu().actions():
                if inner.text() == text:
                    inner.trigger()
                    return
    raise AssertionError(f"no action {text!r} in {[a.text() for a in menu.actions()]}")


def answer(text: str | None):
    return lambda _title, _label, _current: text


def make_editor(qtbot, project_file: ProjectFile):
    document = EditingDocument(project_file)
    blueprint = project_file.project.blueprints[0]
    editor = BlueprintEditor(document, blueprint.id)
    qtbot.addWidget(editor)
    return document, blueprint, editor


def test_lane_menu_inserts_renames_moves_and_deletes(qtbot, sample_file) -> None:
    document, blueprint, editor = make_editor(qtbot, sample_file)
    titles = lambda: [lane.title for lane in blueprint.lanes]  # noqa: E731
    before = titles()
    lane = blueprint.lanes[1]
    menu = QMenu()
    lane_menu(menu, blueprint, lane, editor.push, answer("Carers"))
    trigger(menu, "Rename lane…")
    assert titles()[1] == "Carers"
    trigger(menu, "Insert lane below")
    assert len(titles()) == len(before) + 1 and titles()[2] == "Lane"
    trigger(menu, "Move lane up")
    assert titles()[0] == "Carers"
    assert len(editor.view.blueprint_scene.lanes) == len(before) + 1
    for _ in range(3):
        document.undo()
    assert titles() == before
    menu = QMenu()
    lane_menu(menu, blueprint, blueprint.lanes[0], editor.push, answer(None))
    trigger(menu, "Delete lane")
    assert len(titles()) == len(before) - 1
    document.undo()
    assert titles() == before


def test_step_and_stage_menus(qtbot, sample_file) -> None:
    document, blueprint, editor = make_editor(qtbot, sample_file)
    steps = lambda: [step.title for step in blueprint.steps]  # noqa: E731
    before = steps()
    menu = QMenu()
    step_menu(menu, blueprint, blueprint.steps[0], [], editor.push, answer("Sees poster"))
    trigger(menu, "Insert step before")
    assert steps()[0] == "New step"
    trigger(menu, "Rename step…")
    assert "Sees poster" in steps()
    stage = blueprint.stages[0]
    stage_title = stage.title
    menu = QMenu()
    stage_menu(menu, blueprint, stage, editor.push, answer("Invitations"))
    trigger(menu, "Rename stage…")
    assert blueprint.stages[0].title == "Invitations"
    trigger(menu, "Ungroup stage")
    assert all(s.title != "Invitations" for s in blueprint.stages)
    while document.undo_stack.canUndo():
        document.undo()
    assert steps() == before and blueprint.stages[0].title == stage_title


def test_connector_menu_changes_kind_and_label_and_deletes(qtbot, sample_file) -> None:
    document, blueprint, editor = make_editor(qtbot, sample_file)
    connector = blueprint.connectors[0]
    menu = QMenu()
    connector_menu(menu, connector, editor.push, answer(None))
    trigger(menu, "Data")
    assert connector.kind.value == "data"
    trigger(menu, "Delete connector")
    assert connector.id not in editor.layout_engine.geometry.connectors
    document.undo()
    assert connector.id in editor.layout_engine.geometry.connectors


def test_card_menu_marks_fail_and_wait_points_and_deletes(qtbot, sample_file) -> None:
    document, blueprint, editor = make_editor(qtbot, sample_file)
    card = next(c for c in blueprint.lanes[1].cards if not c.fail_point)
    menu = QMenu()
    editor._card_menu(menu, card.id)
    trigger(menu, "Fail point")
    assert card.fail_point
    assert editor.view.blueprint_scene.geometry.cards[card.id].fail_point
    trigger(menu, "Delete\tDel")
    assert card.id not in editor.layout_engine.geometry.cards
    document.undo()
    document.undo()
    restored = document.session.get(Card, card.id)
    assert restored is not None and not restored.fail_point
    assert card.id in editor.layout_engine.geometry.cards
