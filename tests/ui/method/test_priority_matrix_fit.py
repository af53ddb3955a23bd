"""The prioritisation matrix in a low, narrow dock (as in a workshop, beside the Pain
Points and Opportunities docks): the Prepare the ground first list under it leaves its
key uncovered, and the benefit axis's title is shortened rather than cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QBoxLayout, QDockWidget

from app.model.project_file import ProjectFile
from app.ui.main_window import MainWindow
from app.ui.method.opportunities import OpportunityActions
from app.ui.method.priority_matrix import (
    BENEFIT_TITLE,
    SHORT_BENEFIT_TITLE,
    PriorityMatrix,
    PriorityMatrixPanel,
)

NARROW = 500  # under PriorityMatrixPanel.SIDE_BY_SIDE: the list goes under the matrix


@pytest.fixture
def window(qtbot, make_window, sample_file: ProjectFile, press) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1400, 900)
    press(
        made, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    part = made.findChild(OpportunityActions)
    qtbot.waitUntil(part.matrix_dock.isVisible)
    return made


def benefit_title_fits(matrix: PriorityMatrix) -> bool:
    bold = matrix.font()
    bold.setPointSizeF(max(7.5, bold.pointSizeF() - 1))
    bold.setBold(True)
    width = QFontMetricsF(bold).horizontalAdvance(matrix.benefit_title())
    return width <= matrix.plot_rect().height()


def test_a_narrow_panel_at_its_smallest_keeps_the_matrix_and_the_list_apart(qtbot) -> None:
    """The list goes under a narrow matrix; made as low as it goes (as a dock is dragged),
    the list starts below the matrix, whose last line is its key."""
    panel = PriorityMatrixPanel()
    qtbot.addWidget(panel)
    panel.resize(NARROW, 600)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.box.direction() == QBoxLayout.Direction.TopToBottom
    lowest = panel.minimumSizeHint().height()
    panel.resize(NARROW, lowest)
    qtbot.waitUntil(lambda: panel.height() == lowest)
    panel.layout().activate()
    matrix, side = panel.matrix, panel.side
    assert matrix.height() >= matrix.minimumHeight()
    assert matrix.geometry().bottom() < side.geometry().top()


def test_the_benefit_title_is_shortened_when_the_plot_is_low(window, qtbot) -> None:
    part = window.findChild(OpportunityActions)
    dock = window.findChild(QDockWidget, "priorityMatrixDock")
    matrix = part.matrix_panel.matrix
    window.resizeDocks([dock], [1], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: matrix.height() == matrix.minimumHeight())
    assert matrix.benefit_title() == SHORT_BENEFIT_TITLE
    assert benefit_title_fits(matrix)
    # Given room, the whole title.
    window.resizeDocks([dock], [600], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: matrix.height() > 320)
    assert matrix.benefit_title() == BENEFIT_TITLE
    assert benefit_title_fits(matrix)
