"""The method's docks fit a normal window: with the Pain Points, Opportunities and
prioritisation matrix docks all open, the window can still be as narrow as a laptop's
screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDockWidget

from app.model.project_file import ProjectFile
from app.ui.main_window import MainWindow

LAPTOP_WIDTH = 1366


@pytest.fixture
def window(qtbot, make_window, sample_file: ProjectFile) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1300, 800)
    return made


def test_all_method_docks_open_fit_a_laptop_screen(window: MainWindow) -> None:
    for name in ("painPointsDock", "opportunitiesDock", "priorityMatrixDock"):
        dock = window.findChild(QDockWidget, name)
        assert dock is not None, name
        dock.show()
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= LAPTOP_WIDTH
    window.resize(LAPTOP_WIDTH, 768)
    QApplication.processEvents()
    assert window.width() <= LAPTOP_WIDTH
