"""Zoom, pan and the frozen headers, driven by real keys, wheel and mouse events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.canvas import palette
from app.canvas.view import BlueprintView
from app.canvas.zoom import MAX_ZOOM

CTRL = Qt.KeyboardModifier.ControlModifier


def _wheel(view: BlueprintView, pos: QPoint, dy: int, modifiers=Qt.KeyboardModifier.NoModifier):
    event = QWheelEvent(
        QPointF(pos),
        QPointF(view.viewport().mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_zoom_shortcuts_change_the_transform(qtbot, view: BlueprintView) -> None:
    viewport = view.viewport()
    assert view.zoom() == pytest.approx(1.0)
    with qtbot.waitSignal(view.zoom_changed) as signal:
        QTest.keyClick(viewport, Qt.Key.Key_Equal, CTRL)
    assert signal.args == [pytest.approx(1.25)]
    assert view.transform().m11() == pytest.approx(1.25)
    QTest.keyClick(viewport, Qt.Key.Key_Minus, CTRL)
    QTest.keyClick(viewport, Qt.Key.Key_Minus, CTRL)
    assert view.zoom() == pytest.approx(0.8)
    QTest.keyClick(viewport, Qt.Key.Key_1, CTRL)
    assert view.zoom() == pytest.approx(1.0)


def test_fit_shows_the_whole_scene(qtbot, view: BlueprintView) -> None:
    view.set_zoom(3.0)
    QTest.keyClick(view.viewport(), Qt.Key.Key_0, CTRL)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    scene_rect = view.blueprint_scene.sceneRect()
    assert shown.adjusted(-1, -1, 1, 1).contains(scene_rect)
    # and it fills the view in one direction at least
    assert scene_rect.width() >= shown.width() - 4 or scene_rect.height() >= shown.height() - 4
    assert view.horizontalScrollBar().maximum() == view.horizontalScrollBar().minimum()


def test_zoom_stays_within_limits(qtbot, view: BlueprintView) -> None:
    for _ in range(40):
        QTest.keyClick(view.viewport(), Qt.Key.Key_Equal, CTRL)
    assert view.zoom() == pytest.approx(MAX_ZOOM)
    for _ in range(80):
        QTest.keyClick(view.viewport(), Qt.Key.Key_Minus, CTRL)
    assert view.zoom() == pytest.approx(view.min_zoom())
    assert view.min_zoom() <= view.fit_scale()


def test_ctrl_wheel_zooms_around_the_pointer(qtbot, view: BlueprintView) -> None:
    view.set_zoom(2.0)
    geometry = view.blueprint_scene.geometry
    card = min(
        geometry.cards.values(),
        key=lambda c: abs(c.rect.x - geometry.width / 2) + abs(c.rect.y - geometry.height / 2),
    )
    view.center_on_card(card.id)
    pos = view.mapFromScene(QPointF(card.rect.x, card.rect.y))
    before = view.mapToScene(pos)
    _wheel(view, pos, 120, CTRL)
    assert view.zoom() == pytest.approx(2.5)
    after = view.mapToScene(pos)
    assert abs(after.x() - before.x()) < 2 and abs(after.y() - before.y()) < 2


def test_wheel_scrolls_and_shift_wheel_scrolls_sideways(qtbot, view: BlueprintView) -> None:
    view.set_zoom(2.0)
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()
    h.setValue(h.minimum())
    v.setValue(v.minimum())
    centre = view.viewport().rect().center()
    _wheel(view, centre, -120)
    assert v.value() > v.minimum() and h.value() == h.minimum()
    _wheel(view, centre, -120, Qt.KeyboardModifier.ShiftModifier)
    assert h.value() > h.minimum()


def test_middle_button_and_space_drag_pan(qtbot, view: BlueprintView) -> None:
    view.set_zoom(2.0)
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()
    h.setValue(h.maximum() // 2)
    v.setValue(v.maximum() // 2)
    viewport = view.viewport()
    start = QPoint(600, 400)
    x0, y0 = h.value(), v.value()
    qtbot.mousePress(viewport, Qt.MouseButton.MiddleButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(-100, -50))
    qtbot.mouseRelease(viewport, Qt.MouseButton.MiddleButton, pos=start + QPoint(-100, -50))
    assert (h.value(), v.value()) == (x0 + 100, y0 + 50)
    selected_before = view.selected_card_ids()
    QTest.keyPress(viewport, Qt.Key.Key_Space)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(100, 50))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(100, 50))
    QTest.keyRelease(viewport, Qt.Key.Key_Space)
    assert (h.value(), v.value()) == (x0, y0)
    assert view.selected_card_ids() == selected_before


def _grab(view: BlueprintView) -> QImage:
    return view.viewport().grab().toImage()


def test_lane_titles_stay_in_view_when_scrolled_right(qtbot, view: BlueprintView) -> None:
    geometry = view.blueprint_scene.geometry
    h = view.horizontalScrollBar()
    h.setValue(h.maximum())
    layout = view.pane_layout()
    assert layout.left == 0.0 and layout.covers_column
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.left() > geometry.lanes[0].title_rect.right  # the map's own titles are gone
    image = _grab(view)
    for index, lane in enumerate(geometry.lanes):
        y = int(view.mapFromScene(QPointF(0, lane.rect.y + lane.rect.h - 4)).y())
        x = int(layout.title_width) - 8
        assert image.pixelColor(x, y) == palette.LANE_TITLE_BANDS[index % 2]
        # and its title is written there: dark pixels in the first line
        top = int(view.mapFromScene(QPointF(0, lane.title.y)).y())
        dark = [
            (px, py)
            for px in range(0, int(layout.title_width))
            for py in range(top, top + 12)
            if image.pixelColor(px, py).lightness() < 110
        ]
        assert len(dark) > 20, lane.title.lines
    hit = view.pane_hit(
        QPointF(20, view.mapFromScene(QPointF(0, geometry.lanes[1].rect.y + 5)).y())
    )
    assert hit == ("lane", geometry.lanes[1].id)


def test_header_rows_stay_in_view_when_scrolled_down(qtbot, view: BlueprintView) -> None:
    view.set_zoom(3.0)
    v = view.verticalScrollBar()
    v.setValue(v.maximum())
    layout = view.pane_layout()
    assert layout.top == 0.0 and layout.covers_rows
    image = _grab(view)
    x = int(layout.title_width) + 40
    assert image.pixelColor(x, 3) == palette.STAGE_BAND
    step_row_y = int(layout.stage_height + (layout.header_height - layout.stage_height) / 2)
    assert image.pixelColor(x, step_row_y + 8) == palette.STEP_BAND
    step = view.pane_hit(QPointF(x, step_row_y))
    assert step is not None and step[0] == "step"


def test_panes_stay_readable_when_zoomed_out(qtbot, view: BlueprintView) -> None:
    view.set_zoom(0.3)
    layout = view.pane_layout()
    if layout.pane_scale == layout.scale:  # the whole map fits: its own headers show
        assert not layout.covers_column and not layout.covers_rows
    else:
        assert layout.pane_scale >= 0.65


def test_center_on_card_and_highlight(qtbot, view: BlueprintView) -> None:
    view.set_zoom(3.0)
    scene = view.blueprint_scene
    card = max(scene.geometry.cards.values(), key=lambda c: c.rect.x + c.rect.y)
    view.highlight([card.id])
    view.center_on_card(card.id)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(QPointF(*card.rect.center))
    assert scene.cards[card.id].found
    view.highlight([])
    assert not scene.cards[card.id].found
