"""The overview shows the whole map with the main view's visible area, and moves the main
view when clicked or dragged."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt

from app.canvas.overview import Overview
from app.canvas.view import BlueprintView


def _overview(qtbot, view: BlueprintView) -> Overview:
    overview = Overview(view)
    overview.resize(400, 140)
    qtbot.addWidget(overview)
    overview.show()
    qtbot.waitExposed(overview)
    return overview


def _visible_centre(view: BlueprintView) -> QPointF:
    return view.mapToScene(view.viewport().rect().center())


def test_the_frame_is_the_main_views_visible_area(qtbot, view: BlueprintView) -> None:
    overview = _overview(qtbot, view)
    view.zoom_to_fit()
    whole = overview.target_rect()
    assert overview.frame_rect().adjusted(-2, -2, 2, 2).contains(whole)
    view.set_zoom(3.0)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    frame = overview.frame_rect()
    assert frame.width() < whole.width() / 3
    assert abs(frame.left() - whole.left()) < 2 and abs(frame.top() - whole.top()) < 2


def test_clicking_and_dragging_moves_the_main_view(qtbot, view: BlueprintView) -> None:
    overview = _overview(qtbot, view)
    view.set_zoom(2.0)
    whole = overview.target_rect()
    target = QPoint(int(whole.left() + whole.width() * 0.6), int(whole.center().y()))
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=target)
    wanted = overview._to_scene(QPointF(target))
    centre = _visible_centre(view)
    assert abs(centre.x() - wanted.x()) < 3
    before = view.horizontalScrollBar().value()
    frame_centre = overview.frame_rect().center().toPoint()
    qtbot.mousePress(overview, Qt.MouseButton.LeftButton, pos=frame_centre)
    qtbot.mouseMove(overview, frame_centre + QPoint(40, 0))
    qtbot.mouseRelease(overview, Qt.MouseButton.LeftButton, pos=frame_centre + QPoint(40, 0))
    assert view.horizontalScrollBar().value() > before


def test_the_overview_follows_a_new_scene_and_edits(qtbot, view: BlueprintView, layout) -> None:
    overview = _overview(qtbot, view)
    first = overview._pixmap
    assert first is not None
    view.blueprint_scene.set_geometry(layout.geometry)
    qtbot.waitUntil(lambda: overview._pixmap is not first, timeout=2000)
