"""Slow storage (a network drive, a dying USB stick): a save that takes long shows that the
window is busy, leaves the user's file whole for anyone reading it meanwhile, and loses no
edit made while it ran.

The save runs on the window's thread, so an edit made meanwhile (here a command sent from
a timer, as a key press would be) waits in Qt's queue and lands after the save: in the
working copy and marked unsaved, not in the file just written.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.editing.commands.cards import AddCardCommand
from app.model import atomic
from app.model import ops_grid as ops
from app.model.project_file import ProjectFile
from tests.ui.conftest import answers, make_window, press, settings, windows

__all__ = ["answers", "make_window", "press", "settings", "windows"]

CTRL = Qt.KeyboardModifier.ControlModifier
SLOW = 0.5  # seconds the flush of the new copy takes


def cards_in_file(path: Path) -> set[str]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {text for (text,) in connection.execute("SELECT text FROM card")}
    finally:
        connection.close()


def texts(project_file: ProjectFile) -> set[str]:
    return {c.text for lane in project_file.project.blueprints[0].lanes for c in lane.cards}


def test_a_slow_save_shows_progress_keeps_the_file_whole_and_loses_no_edit(
    qtbot, press, make_window, tmp_path, monkeypatch
) -> None:
    project_file = ProjectFile.new("Clinic", template="minimal")
    blueprint = project_file.project.blueprints[0]
    ops.add_card(blueprint.lanes[0], blueprint.steps[0], "Phones surgery")
    project_file.commit()
    target = tmp_path / "clinic.blueprint"
    project_file.save_as(target)
    lane_id, step_id = blueprint.lanes[0].id, blueprint.steps[0].id
    window = make_window(project_file)
    window._push(AddCardCommand(lane_id, step_id, "Before the save"))

    seen: dict[str, object] = {}
    real_fsync = atomic.os.fsync

    def slow_fsync(fd: int) -> None:
        if "cursor" not in seen:
            cursor = QApplication.overrideCursor()
            seen["cursor"] = cursor.shape() if cursor is not None else None
            seen["status"] = window.statusBar().currentMessage()
            # Someone reading the file meanwhile finds the old version, whole.
            seen["file"] = cards_in_file(target)
            # The user goes on editing: the edit waits for the save to finish.
            QTimer.singleShot(
                0, lambda: window._push(AddCardCommand(lane_id, step_id, "Meanwhile"))
            )
            time.sleep(SLOW)
        real_fsync(fd)

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "fsync", slow_fsync)
        press(window, Qt.Key.Key_S, CTRL)

    assert seen["cursor"] == Qt.CursorShape.WaitCursor
    assert seen["status"] == "Saving clinic.blueprint…"
    assert seen["file"] == {"Phones surgery"}
    assert QApplication.overrideCursor() is None
    qtbot.waitUntil(lambda: "Meanwhile" in texts(window.project_file))
    # The save wrote what there was when it began; the later edit is kept, and unsaved.
    assert cards_in_file(target) == {"Phones surgery", "Before the save"}
    assert window.isWindowModified() and window.project_file.modified
    press(window, Qt.Key.Key_S, CTRL)
    assert window.statusBar().currentMessage() == "Saved clinic.blueprint"
    assert not window.isWindowModified()
    assert cards_in_file(target) == {"Phones surgery", "Before the save", "Meanwhile"}
