"""The window's default dock layout: the right-hand docks keep the full height beside the
lists docked at the bottom, and the properties have most of that height."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from app.model.project_file import ProjectFile

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_bottom_docks_leave_the_right_hand_docks_their_height(
    qtbot, make_window, sample_file: ProjectFile, press
) -> None:
    window = make_window(sample_file)
    window.resize(1400, 900)
    properties = window.findChild(QDockWidget, "propertiesDock")
    overview = window.findChild(QDockWidget, "overviewDock")
    pain_points = window.findChild(QDockWidget, "painPointsDock")
    press(window, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(pain_points.isVisible)
    qtbot.waitUntil(lambda: window.width() == 1400 and window.height() == 900)

    # The Pain Points dock stops at the right-hand column instead of running under it.
    assert window.dockWidgetArea(pain_points) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert pain_points.geometry().right() < properties.geometry().left()
    assert pain_points.geometry().right() < overview.geometry().left()
    # The column reaches down beside it, to the bottom dock's foot.
    assert overview.geometry().bottom() >= pain_points.geometry().bottom() - 2
    assert properties.geometry().top() < pain_points.geometry().top()
    # The properties have the larger share of the column, and room for their fields.
    assert properties.height() > overview.height()
    assert properties.height() >= 500
    assert properties.width() >= 280
