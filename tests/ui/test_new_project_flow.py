"""File → New: choose a name and a template; unsaved work is asked about first."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QRadioButton

from app.model.project_file import ProjectFile
from app.ui.dialogs.new_project import NewProjectDialog
from app.ui.dialogs.unsaved_changes import UnsavedChangesDialog


def fill_in(qtbot, name: str, template: str):
    def respond(dialog: NewProjectDialog) -> None:
        edit = dialog.findChild(QLineEdit, "nameEdit")
        edit.selectAll()
        qtbot.keyClicks(edit, name)
        radio = dialog.findChild(QRadioButton, f"{template}Template")
        # Click the round indicator: a radio button only takes clicks on it and its text.
        indicator = QPoint(radio.height() // 2, radio.height() // 2)
        qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=indicator)
        assert radio.isChecked()
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    return respond


def test_new_builds_a_project_from_the_chosen_template(qtbot, press, make_window, answers):
    window = make_window()
    answers.expect(NewProjectDialog, fill_in(qtbot, "Carers' hub", "minimal"))
    press(window, Qt.Key.Key_N)

    assert window.windowTitle() == "Carers' hub[*] — Stagecraft"
    assert window.project_file.path is None
    assert window.blueprint_list.rows() == [["As-is service", "as-is", "1", "3", "4", "0"]]


def test_new_with_unsaved_work_asks_first_and_keeps_it_if_new_is_cancelled(
    press, make_window, answers, add_card
) -> None:
    project_file = ProjectFile.new("Clinic")
    add_card(project_file, "Unsaved")
    window = make_window(project_file)

    answers.click(UnsavedChangesDialog, "discardButton")
    answers.click(NewProjectDialog, "cancelButton")
    press(window, Qt.Key.Key_N)

    assert answers.kinds() == [UnsavedChangesDialog, NewProjectDialog]
    assert window.project_file is project_file and project_file.modified


def test_the_name_may_not_be_empty(qtbot) -> None:
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.clear()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Ward round")
    assert dialog.request().name == "Ward round"
    assert dialog.request().template == "standard"
