"""Dragging the frozen panes of a blueprint editor: a lane title up or down and a step header
left or right reorder them, a lane title's bottom edge sets the lane's height; each drop is
one undoable command, Escape cancels, and a plain click changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from app.canvas import palette
from app.canvas.frozen_panes import PaneLayout
from app.canvas.view import BlueprintView
from app.editing.document import EditingDocument
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint
from app.ui.blueprint_editor import BlueprintEditor

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def editor(qtbot, sample_file: ProjectFile) -> Iterator[BlueprintEditor]:
    document = EditingDocument(sample_file)
    editor = BlueprintEditor(document, sample_file.project.blueprints[0].id)
    editor.resize(1200, 800)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    view = editor.view
    view.zoom_to_actual()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    view.setFocus()
    yield editor


def lane_ids(blueprint: Blueprint) -> list[str]:
    return [lane.id for lane in blueprint.lanes]


def step_ids(blueprint: Blueprint) -> list[str]:
    return [step.id for step in blueprint.steps]


def panes(view: BlueprintView) -> PaneLayout:
    layout = view.pane_layout()
    assert layout is not None
    return layout


def on_lane_title(view: BlueprintView, index: int, fraction: float = 0.5) -> QPoint:
    """A viewport point in a lane's title, ``fraction`` of the way down the lane."""
    layout, lane = panes(view), view.blueprint_scene.geometry.lanes[index]
    y = (lane.rect.y + lane.rect.h * fraction) * layout.scale + layout.dy
    return QPoint(round(layout.left + layout.title_width / 2), round(y))


def on_step_header(view: BlueprintView, index: int, fraction: float = 0.5) -> QPoint:
    layout, header = panes(view), view.blueprint_scene.geometry.steps[index].header
    x = (header.x + header.w * fraction) * layout.scale + layout.dx
    y = layout.top + (layout.stage_height + layout.header_height) / 2
    return QPoint(round(x), round(y))


def on_lane_edge(view: BlueprintView, index: int) -> QPoint:
    layout, lane = panes(view), view.blueprint_scene.geometry.lanes[index]
    y = lane.rect.bottom * layout.scale + layout.dy
    return QPoint(round(layout.left + layout.title_width / 2), round(y))


def press_and_move(qtbot, view: BlueprintView, start: QPoint, end: QPoint) -> None:
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, pos=start)
    for i in range(1, 6):
        point = QPointF(start) + QPointF(end - start) * (i / 5)
        qtbot.mouseMove(viewport, point.toPoint())


def drag(qtbot, view: BlueprintView, start: QPoint, end: QPoint) -> None:
    press_and_move(qtbot, view, start, end)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=end)


def test_dragging_a_lane_title_below_another_moves_the_lane(qtbot, editor) -> None:
    view, document, blueprint = editor.view, editor.document, editor.blueprint
    before = lane_ids(blueprint)
    # Scrolled to the right, the lane titles are the frozen column over the map.
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert panes(view).covers_column
    drag(qtbot, view, on_lane_title(view, 1), on_lane_title(view, 3, 0.75))
    assert lane_ids(blueprint) == [before[0], before[2], before[3], before[1], *before[4:]]
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Move lane"
    geometry = view.blueprint_scene.geometry
    assert [lane.id for lane in geometry.lanes] == lane_ids(blueprint)
    document.undo()
    assert lane_ids(blueprint) == before
    assert [lane.id for lane in view.blueprint_scene.geometry.lanes] == before


def test_dragging_a_lane_title_up_moves_it_above(qtbot, editor) -> None:
    view, blueprint = editor.view, editor.blueprint
    before = lane_ids(blueprint)
    drag(qtbot, view, on_lane_title(view, 3), on_lane_title(view, 1, 0.25))
    assert lane_ids(blueprint) == [before[0], before[3], before[1], before[2], *before[4:]]


def test_dragging_a_step_header_right_moves_the_step(qtbot, editor) -> None:
    view, document, blueprint = editor.view, editor.document, editor.blueprint
    before = step_ids(blueprint)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    drag(qtbot, view, on_step_header(view, 0), on_step_header(view, 2, 0.7))
    assert step_ids(blueprint) == [before[1], before[2], before[0], *before[3:]]
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Move step"
    document.undo()
    assert step_ids(blueprint) == before
    document.redo()
    assert step_ids(blueprint) == [before[1], before[2], before[0], *before[3:]]


def test_a_line_shows_where_a_dragged_lane_will_go(qtbot, editor) -> None:
    view = editor.view
    target = on_lane_title(view, 3, 0.75)
    press_and_move(qtbot, view, on_lane_title(view, 1), target)
    layout, lane = panes(view), view.blueprint_scene.geometry.lanes[3]
    gap = round(lane.rect.bottom * layout.scale + layout.dy)  # between lanes 3 and 4
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    x = round((layout.left + layout.title_width + 40) * ratio)
    colours = {image.pixelColor(x, round(y * ratio)).name() for y in range(gap - 2, gap + 3)}
    assert palette.DROP_MARK.name() in colours
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=target)


def test_escape_cancels_a_lane_or_step_drag(qtbot, editor) -> None:
    view, document, blueprint = editor.view, editor.document, editor.blueprint
    lanes, steps = lane_ids(blueprint), step_ids(blueprint)
    for start, end in (
        (on_lane_title(view, 1), on_lane_title(view, 3, 0.75)),
        (on_step_header(view, 0), on_step_header(view, 2, 0.7)),
        (on_lane_edge(view, 1), on_lane_edge(view, 1) + QPoint(0, 80)),
    ):
        press_and_move(qtbot, view, start, end)
        QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
        qtbot.mouseRelease(view.viewport(), LEFT, pos=end)
    assert (lane_ids(blueprint), step_ids(blueprint)) == (lanes, steps)
    assert blueprint.lanes[1].height is None
    assert document.undo_stack.count() == 0


def test_a_click_on_a_lane_title_or_step_header_changes_nothing(qtbot, editor) -> None:
    view, document, blueprint = editor.view, editor.document, editor.blueprint
    lanes, steps = lane_ids(blueprint), step_ids(blueprint)
    for point in (on_lane_title(view, 2), on_step_header(view, 1), on_lane_title(view, 0)):
        QTest.mouseClick(view.viewport(), LEFT, NONE, point)
    # A press that wobbles less than a drag distance is still a click.
    point = on_lane_title(view, 2)
    qtbot.mousePress(view.viewport(), LEFT, pos=point)
    qtbot.mouseMove(view.viewport(), point + QPoint(1, 2))
    qtbot.mouseRelease(view.viewport(), LEFT, pos=point + QPoint(1, 2))
    assert (lane_ids(blueprint), step_ids(blueprint)) == (lanes, steps)
    assert document.undo_stack.count() == 0
    assert view.selected_card_ids() == []


def test_dragging_a_lane_edge_down_sets_its_height(qtbot, editor) -> None:
    view, document, blueprint = editor.view, editor.document, editor.blueprint
    lane = blueprint.lanes[1]
    old = view.blueprint_scene.geometry.lanes[1].rect
    below = view.blueprint_scene.geometry.lanes[2].rect
    edge = on_lane_edge(view, 1)
    QTest.mouseMove(view.viewport(), edge)
    assert view.viewport().cursor().shape() == Qt.CursorShape.SizeVerCursor
    drag(qtbot, view, edge, edge + QPoint(0, 80))
    grown = 80 / panes(view).scale
    assert lane.height == pytest.approx(old.h + grown, abs=1.0)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Resize lane"
    geometry = view.blueprint_scene.geometry
    assert geometry.lanes[1].rect.h == pytest.approx(old.h + grown, abs=1.0)
    assert geometry.lanes[2].rect.y == pytest.approx(below.y + grown, abs=1.0)
    document.undo()
    assert lane.height is None
    assert view.blueprint_scene.geometry.lanes[1].rect.h == pytest.approx(old.h)


def test_a_lane_never_gets_shorter_than_its_cards(qtbot, editor) -> None:
    view, document, blueprint = editor.view, editor.document, editor.blueprint
    lane = blueprint.lanes[1]
    old = view.blueprint_scene.geometry.lanes[1].rect
    edge = on_lane_edge(view, 1)
    drag(qtbot, view, edge, edge + QPoint(0, 120))
    tall = lane.height
    assert tall is not None and tall > old.h
    # Dragged far above its cards, the lane fits them again: its height is automatic.
    edge = on_lane_edge(view, 1)
    drag(qtbot, view, edge, edge - QPoint(0, round((tall - 10) * panes(view).scale)))
    assert lane.height is None
    assert view.blueprint_scene.geometry.lanes[1].rect.h == pytest.approx(old.h)
    assert document.undo_stack.count() == 2
    document.undo()
    assert lane.height == tall


def test_double_clicking_a_lane_edge_fits_the_lane_again(qtbot, editor) -> None:
    view, document, blueprint = editor.view, editor.document, editor.blueprint
    lane = blueprint.lanes[2]
    old = view.blueprint_scene.geometry.lanes[2].rect
    edge = on_lane_edge(view, 2)
    drag(qtbot, view, edge, edge + QPoint(0, 60))
    assert lane.height is not None
    QTest.mouseDClick(view.viewport(), LEFT, NONE, on_lane_edge(view, 2))
    assert lane.height is None
    assert view.blueprint_scene.geometry.lanes[2].rect.h == pytest.approx(old.h)
    assert document.undo_stack.count() == 2
    document.undo()
    assert lane.height is not None
    # On a lane already fitted to its cards, double-clicking pushes nothing.
    document.redo()
    QTest.mouseDClick(view.viewport(), LEFT, NONE, on_lane_edge(view, 2))
    assert document.undo_stack.count() == 2
