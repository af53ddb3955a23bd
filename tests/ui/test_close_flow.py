"""Closing a project or the window with unsaved work asks first: Save, Don't save, Cancel."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt

from app.model.project_file import ProjectFile
from app.model.working_copy import recoverable, working_root
from app.ui.dialogs.unsaved_changes import UnsavedChangesDialog


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_closing_without_changes_does_not_ask(press, make_window, answers, saved_file) -> None:
    window = make_window(ProjectFile.open(saved_file))
    press(window, Qt.Key.Key_W)
    assert window.project_file is None
    assert answers.seen == []
    assert window.pages.currentWidget() is window.empty_state
    assert list(working_root().iterdir()) == []


def test_close_with_unsaved_work_asks_and_cancel_keeps_it(
    press, make_window, answers, add_card, saved_file
) -> None:
    window = make_window(ProjectFile.open(saved_file))
    add_card(window.project_file, "Mine")
    window.project_edited()

    answers.click(UnsavedChangesDialog, "cancelButton")
    press(window, Qt.Key.Key_W)

    assert answers.seen[0].text() == "Save the changes to clinic.blueprint?"
    assert window.project_file is not None and window.project_file.modified


def test_dont_save_drops_the_work_and_leaves_the_file(
    press, make_window, answers, add_card, saved_file
) -> None:
    before = digest(saved_file)
    window = make_window(ProjectFile.open(saved_file))
    add_card(window.project_file, "Mine")

    answers.click(UnsavedChangesDialog, "discardButton")
    press(window, Qt.Key.Key_W)

    assert window.project_file is None
    assert digest(saved_file) == before
    assert list(working_root().iterdir()) == []
    assert recoverable() == []


def test_quitting_with_unsaved_work_can_save_it_first(
    qtbot, press, make_window, answers, add_card, saved_file
) -> None:
    window = make_window(ProjectFile.open(saved_file))
    add_card(window.project_file, "Saved on the way out")

    answers.click(UnsavedChangesDialog, "saveButton")
    press(window, Qt.Key.Key_Q)

    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.project_file is None
    reopened = ProjectFile.open(saved_file)
    texts = [card.text for lane in reopened.project.blueprints[0].lanes for card in lane.cards]
    assert "Saved on the way out" in texts
    reopened.close()


def test_cancelling_the_file_name_keeps_the_window_open(
    press, make_window, answers, add_card
) -> None:
    project_file = ProjectFile.new("Clinic")
    add_card(project_file, "Untitled work")
    window = make_window(project_file)

    answers.click(UnsavedChangesDialog, "saveButton")
    answers.cancel_file()
    window.close()

    assert window.isVisible()
    assert window.project_file is project_file and project_file.modified


def test_closing_the_window_remembers_its_geometry(make_window, settings) -> None:
    window = make_window()
    window.resize(700, 480)
    window.close()
    assert not settings.window_geometry().isEmpty()
    again = make_window()
    assert (again.width(), again.height()) == (700, 480)
