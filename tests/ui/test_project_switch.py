"""Closing the project, or opening another, while blueprints are shown with the method's
docks open: no part of the window reads the closed project, and nothing is logged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget

from app.model.project_file import ProjectFile
from app.ui.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
DOCKS = ("painPointsDock", "opportunitiesDock", "commentsDock")


@pytest.fixture
def window(qtbot, make_window, sample_file: ProjectFile, press) -> MainWindow:
    """The sample with both blueprints drawn, a card selected on the to-be and a step on
    the as-is, and the Pain Points, Opportunities and Comments docks open."""
    made = make_window(sample_file)
    made.resize(1400, 900)
    as_is, to_be = (blueprint.id for blueprint in sample_file.project.blueprints[:2])
    made.blueprint_list.select(as_is)
    qtbot.waitUntil(lambda: made.workspace.current.blueprint_id == as_is)
    view = made.workspace.current.view
    step = view.blueprint_scene.geometry.steps[1]
    view.reveal(step.header)
    at = view.mapFromScene(QPointF(step.header.x + step.header.w / 3, step.header.y + 12))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), at)
    qtbot.waitUntil(lambda: view.selected_step == step.id)
    made.blueprint_list.select(to_be)
    qtbot.waitUntil(lambda: made.workspace.current.blueprint_id == to_be)
    scene = made.workspace.current.view.blueprint_scene
    scene.select_cards([next(iter(scene.cards))])
    made.blueprint_list.select(as_is)
    qtbot.waitUntil(lambda: made.workspace.current.blueprint_id == as_is)
    for key in (Qt.Key.Key_P, Qt.Key.Key_O, Qt.Key.Key_M):
        press(made, key, CTRL_SHIFT)
    for name in DOCKS:
        assert made.findChild(QDockWidget, name).isVisible(), name
    return made


class CurrentSpy:
    """Each canvas the stack shows, and whether its project was still the open one."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.stale: list[str] = []
        window.workspace.stack.currentChanged.connect(self._changed)

    def _changed(self, _index: int) -> None:
        editor = self.window.workspace.current
        if editor is None:
            return
        document = self.window.workspace.document
        open_now = (
            document is not None
            and editor.document is document
            and document.project_file is self.window.project_file
        )
        if not open_now:
            self.stale.append(editor.blueprint_id)


def test_closing_the_project_touches_no_closed_canvas(
    qtbot, window: MainWindow, press, answers, caplog
) -> None:
    spy = CurrentSpy(window)
    caplog.set_level(logging.WARNING)
    press(window, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: window.project_file is None)
    QApplication.processEvents()
    assert spy.stale == []
    assert window.workspace.current is None and window.workspace.editors == {}
    assert window.pages.currentWidget() is window.empty_state
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_opening_another_project_touches_no_closed_canvas(
    qtbot, window: MainWindow, answers, caplog, saved_file: Path
) -> None:
    spy = CurrentSpy(window)
    caplog.set_level(logging.WARNING)
    assert window.files.open_path(saved_file)
    QApplication.processEvents()
    assert spy.stale == []
    assert window.project_file.path == saved_file
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    # The docks follow the new project.
    first = window.project_file.project.blueprints[0].id
    window.blueprint_list.select(first)
    qtbot.waitUntil(lambda: window.workspace.current is not None)
    assert window.workspace.current.document is window.workspace.document
