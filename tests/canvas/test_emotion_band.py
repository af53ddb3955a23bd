"""The emotion band above the header rows: where it is and what it draws, dragging its
points (snapped to −2 … +2, Escape puts them back), clicks that select a step, and the
labels kept in view when the map scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from canvas_helpers import aim, aim_at_card
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from app.canvas import palette
from app.canvas.emotion_band import (
    HANDLE_SHIFT,
    SERVICE_USER,
    STAFF,
    BandData,
    EmotionBandItem,
    band_data,
    show_band,
)
from app.canvas.scene import SCENE_MARGIN, BlueprintScene
from app.canvas.view import BlueprintView
from app.layout.engine import BlueprintLayout
from app.layout.overlay import build_overlay
from app.layout.source import shape_from_blueprint
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def blueprint(sample_file: ProjectFile) -> Blueprint:
    return sample_file.project.blueprints[0]


@pytest.fixture
def layout(blueprint: Blueprint, sample_file: ProjectFile) -> BlueprintLayout:
    return BlueprintLayout(shape_from_blueprint(sample_file.session, blueprint))


@pytest.fixture
def data(blueprint: Blueprint, layout: BlueprintLayout) -> BandData:
    return band_data(blueprint, layout.geometry)


@pytest.fixture
def scene(qapp, layout: BlueprintLayout) -> Iterator[BlueprintScene]:
    scene = BlueprintScene(layout.geometry)
    yield scene
    scene.clear()


@pytest.fixture
def view(qtbot, scene: BlueprintScene, data: BandData) -> BlueprintView:
    view = BlueprintView(scene)
    view.resize(1200, 800)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_to_actual()
    show_band(scene, data)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    view.setFocus()
    return view


def step_titled(blueprint: Blueprint, title: str):
    return next(step for step in blueprint.steps if step.title == title)


def handle_point(view: BlueprintView, step_id: str, who: str) -> QPoint:
    data = view.blueprint_scene.emotion_band.data
    step = data.step(step_id)
    value = step.value(who)
    return aim(view, step.handle_x(who), data.band.y_of(0 if value is None else value))


def drag(qtbot, view: BlueprintView, start: QPoint, end: QPoint) -> None:
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, pos=start)
    for i in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * (i / 5))
    qtbot.mouseRelease(viewport, LEFT, pos=end)


# -- where it is and what it shows -------------------------------------------------------------


def test_the_band_lies_above_the_header_rows_and_grows_the_scene(
    view: BlueprintView, data: BandData, layout: BlueprintLayout
) -> None:
    scene = view.blueprint_scene
    band = data.band
    assert band.bottom < 0 and band.top < band.moment_row[0] < band.curve_rows[0]
    assert scene.extra_top == data.height == -band.top
    assert scene.sceneRect().top() == pytest.approx(-SCENE_MARGIN - data.height)
    # Nothing of the band reaches the map: its items all lie above y = 0.
    assert scene.emotion_band.sceneBoundingRect().bottom() < 1.0
    # At the top of the view the map is drawn below the band, not under it.
    top_of_map = view.mapFromScene(QPointF(0, 0)).y()
    assert top_of_map >= (band.bottom - band.top) * view.zoom()
    show_band(scene, None)
    assert scene.emotion_band is None and scene.extra_top == 0.0
    assert scene.sceneRect().top() == pytest.approx(-SCENE_MARGIN)


def test_curves_follow_the_model_where_the_printed_overlay_puts_them(
    blueprint: Blueprint, data: BandData, layout: BlueprintLayout
) -> None:
    printed = build_overlay(blueprint, layout.geometry)
    assert printed.band.curve_rows == data.band.curve_rows  # the sample has both rows
    assert printed.band.moment_row == data.band.moment_row
    for curve in data.curves:
        same = next(c for c in printed.curves if c.who == curve.who)
        assert [(p.step_id, p.value, p.y) for p in curve.points] == [
            (p.step_id, p.value, p.y) for p in same.points
        ]
        shift = -HANDLE_SHIFT if curve.who == SERVICE_USER else HANDLE_SHIFT
        assert [p.x for p in curve.points] == [p.x + shift for p in same.points]
    appointment = step_titled(blueprint, "Health check appointment")
    [moment] = data.moments
    assert moment.step_id == appointment.id and moment.sweet_spot
    assert data.step(appointment.id).service_user == appointment.emotion.service_user == 1


def test_a_blueprint_without_emotions_still_gets_a_band_with_hollow_handles(
    blueprint: Blueprint, layout: BlueprintLayout
) -> None:
    for step in blueprint.steps:
        step.emotion = None
        step.key_moment = None
    data = band_data(blueprint, layout.geometry)
    assert data.band.curve_rows is not None and data.band.moment_row is not None
    assert all(not curve.points for curve in data.curves) and not data.moments
    item = EmotionBandItem(data, editable=True)
    first = data.steps[0]
    zero = QPointF(first.handle_x(STAFF), data.band.zero_y)
    assert item.handle_at(zero, 5.0) == (first, STAFF)
    read_only = EmotionBandItem(data, editable=False)
    assert read_only.handle_at(zero, 5.0) is None  # nothing to grab in a read-only project


def test_the_value_snaps_to_whole_steps_between_minus_two_and_plus_two(data: BandData) -> None:
    band = data.band
    assert data.value_at(band.y_of(1) + band.unit * 0.4) == 1
    assert data.value_at(band.y_of(-1) - band.unit * 0.6) == 0
    assert data.value_at(band.top - 200) == 2
    assert data.value_at(200) == -2


# -- dragging points ---------------------------------------------------------------------------


def test_dragging_a_point_asks_for_each_new_value_and_release_ends_it(
    qtbot, view: BlueprintView, blueprint: Blueprint
) -> None:
    step = step_titled(blueprint, "Phones to book")  # service user −2, staff −1
    asked: list[tuple] = []
    view.emotion_requested.connect(lambda *args: asked.append(args))
    band = view.blueprint_scene.emotion_band.data.band
    start = handle_point(view, step.id, SERVICE_USER)
    end = start + QPoint(0, round(-3 * band.unit * view.zoom()))  # three steps up
    drag(qtbot, view, start, end)
    assert asked[-1] == (step.id, 1, -1)  # the staff's value is kept
    assert [args[1] for args in asked] == [-1, 0, 1]  # one request per new value
    assert view._interaction is None
    asked.clear()
    QTest.mouseMove(view.viewport(), end + QPoint(0, -30))
    assert not asked  # released: moving the mouse asks nothing


def test_a_hollow_handle_on_the_zero_line_sets_a_value_when_dragged(
    qtbot, view: BlueprintView, blueprint: Blueprint, layout: BlueprintLayout
) -> None:
    step = step_titled(blueprint, "Reminder")
    step.emotion.staff = None
    show_band(view.blueprint_scene, band_data(blueprint, layout.geometry))
    asked: list[tuple] = []
    view.emotion_requested.connect(lambda *args: asked.append(args))
    band = view.blueprint_scene.emotion_band.data.band
    start = handle_point(view, step.id, STAFF)
    assert view.mapToScene(start).y() == pytest.approx(band.zero_y, abs=1.0)
    drag(qtbot, view, start, start + QPoint(0, round(2 * band.unit * view.zoom())))
    assert asked == [(step.id, 0, -1), (step.id, 0, -2)]  # the service user's 0 is kept


def test_escape_while_dragging_puts_the_values_back(
    qtbot, view: BlueprintView, blueprint: Blueprint
) -> None:
    step = step_titled(blueprint, "Travels to surgery")  # −1, 0
    asked: list[tuple] = []
    view.emotion_requested.connect(lambda *args: asked.append(args))
    band = view.blueprint_scene.emotion_band.data.band
    start = handle_point(view, step.id, STAFF)
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, pos=start)
    for i in range(1, 4):
        qtbot.mouseMove(viewport, start + QPoint(0, round(-i * band.unit * view.zoom() * 0.7)))
    assert asked[-1][2] == 2
    QTest.keyClick(viewport, Qt.Key.Key_Escape)
    assert asked[-1] == (step.id, -1, 0)
    qtbot.mouseRelease(viewport, LEFT, pos=start)
    assert asked[-1] == (step.id, -1, 0)


def test_a_click_in_the_band_selects_the_step_below_it(
    qtbot, view: BlueprintView, blueprint: Blueprint
) -> None:
    card = next(iter(view.blueprint_scene.cards))
    QTest.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, card))
    assert view.selected_card_ids() == [card]
    step = step_titled(blueprint, "Bloods taken")
    data = view.blueprint_scene.emotion_band.data
    placed = data.step(step.id)
    with qtbot.waitSignal(view.step_selected) as selected:
        point = aim(view, placed.left + 12, sum(data.band.moment_row) / 2)
        QTest.mouseClick(view.viewport(), LEFT, NONE, point)
    assert selected.args == [step.id]
    assert view.selected_step == step.id and view.selected_card_ids() == []


# -- selecting a step by its header ------------------------------------------------------------


def header_point(view: BlueprintView, step_id: str, row: str = "step") -> QPoint:
    step = view.blueprint_scene.geometry.step(step_id)
    aim(view, step.x + step.w / 2, step.header.bottom + 20)  # its column in view
    layout = view.pane_layout()
    x = (step.header.x + step.header.w / 2) * layout.scale + layout.dx
    if row == "step":
        y = layout.top + (layout.stage_height + layout.header_height) / 2
    else:
        y = layout.top + layout.stage_height / 2
    return QPoint(round(x), round(y))


def test_clicking_a_step_header_selects_the_step_and_escape_clears_it(
    qtbot, view: BlueprintView, blueprint: Blueprint
) -> None:
    card = next(iter(view.blueprint_scene.cards))
    view.blueprint_scene.select_cards([card])
    step = step_titled(blueprint, "Checks in and waits")
    with qtbot.waitSignal(view.step_selected) as selected:
        QTest.mouseClick(view.viewport(), LEFT, NONE, header_point(view, step.id))
    assert selected.args == [step.id]
    assert view.selected_step == step.id
    assert view.selected_card_ids() == []  # the cards were deselected
    with qtbot.waitSignal(view.step_selected) as cleared:
        QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert cleared.args == [""] and view.selected_step is None


def test_a_click_on_a_stage_header_selects_the_step_under_the_pointer(
    qtbot, view: BlueprintView, blueprint: Blueprint
) -> None:
    step = step_titled(blueprint, "Results come back")
    with qtbot.waitSignal(view.step_selected) as selected:
        QTest.mouseClick(view.viewport(), LEFT, NONE, header_point(view, step.id, "stage"))
    assert selected.args == [step.id]


def test_dragging_a_step_header_still_moves_the_step_and_selects_nothing(
    qtbot, view: BlueprintView, blueprint: Blueprint
) -> None:
    step = blueprint.steps[1]
    start = header_point(view, step.id)
    moves: list[tuple] = []
    view.step_move_requested.connect(lambda *args: moves.append(args))
    width = view.blueprint_scene.geometry.step(step.id).w * view.zoom()
    drag(qtbot, view, start, start + QPoint(round(width * 1.6), 0))
    assert moves and moves[0][0] == step.id
    assert view.selected_step is None


def test_a_press_on_an_empty_cell_clears_the_selected_step(
    qtbot, view: BlueprintView, blueprint: Blueprint
) -> None:
    view.select_step(blueprint.steps[0].id)
    geometry = view.blueprint_scene.geometry
    filled = {(card.lane_id, card.step_id) for card in geometry.cards.values()}
    cell = geometry.cells[next(c for c in geometry.cells if c not in filled)]
    with qtbot.waitSignal(view.step_selected) as cleared:
        QTest.mouseClick(view.viewport(), LEFT, NONE, aim(view, cell.x + 10, cell.y + 10))
    assert cleared.args == [""]


# -- what it looks like ------------------------------------------------------------------------


def pixel(view: BlueprintView, point: QPoint) -> QColor:
    return view.viewport().grab().toImage().pixelColor(point)


def test_the_labels_stay_in_view_when_the_map_scrolls_sideways(
    qtbot, view: BlueprintView, data: BandData
) -> None:
    band = data.band
    key_y = band.curve_rows[0] + 21  # the service user's line in the key to the lines
    assert pixel(view, view.mapFromScene(QPointF(20, key_y))) == palette.EMOTION_USER
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 700)
    qtbot.wait(20)
    assert view.mapFromScene(QPointF(0, 0)).x() < -600  # the label column scrolled away…
    at_left = QPoint(round(20 * view.zoom()), view.mapFromScene(QPointF(20, key_y)).y())
    assert pixel(view, at_left) == palette.EMOTION_USER  # …and is painted at the left again
    # The curve keeps scrolling with its steps.
    curve = data.curves[0].points[-1]
    assert view.mapFromScene(QPointF(curve.x, curve.y)).x() < curve.x - 600


def test_the_sample_band_renders(qtbot, view: BlueprintView, tmp_path: Path) -> None:
    """The band at 100%, as a picture (kept in the test's folder to look at)."""
    image = view.viewport().grab().toImage()
    image.save(str(tmp_path / "emotion_band.png"))
    data = view.blueprint_scene.emotion_band.data
    point = data.curves[0].points[0]
    at = view.mapFromScene(QPointF(point.x, point.y))
    assert image.pixelColor(at) == palette.EMOTION_USER  # the service user's first dot
