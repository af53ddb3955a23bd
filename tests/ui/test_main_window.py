"""The main window shows one project: its blueprints, a summary, title, notices and path."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolButton, QTreeWidget

from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.ui.dialogs.about import AboutDialog
from app.ui.dialogs.error import ErrorDialog
from app.ui.queries import MAX_STAGES_SHOWN, MAX_STEPS_SHOWN


def test_window_lists_the_blueprints_with_their_counts(make_window) -> None:
    window = make_window(ProjectFile.new("Clinic", template="minimal"))
    assert window.blueprint_list.rows() == [["As-is service", "as-is", "1", "3", "4", "0"]]
    assert window.findChild(QLabel, "projectName").text() == "Clinic"


def test_selecting_a_blueprint_shows_its_stages_steps_and_lanes(make_window) -> None:
    window = make_window(ProjectFile.new("Clinic"))
    stages = window.findChild(QTreeWidget, "stageTree")
    lanes = window.findChild(QTreeWidget, "laneTree")
    assert window.findChild(QLabel, "summaryTitle").text() == "As-is service"
    assert [stages.topLevelItem(i).text(0) for i in range(stages.topLevelItemCount())] == [
        "Before  (2 steps)",
        "During  (2 steps)",
        "After  (1 step)",
    ]
    assert stages.topLevelItem(0).child(1).text(0) == "Step 2"
    assert lanes.topLevelItemCount() == 6
    assert lanes.topLevelItem(1).text(0) == "Customer actions"


def test_title_shows_the_name_and_a_mark_when_modified(make_window, add_card) -> None:
    project_file = ProjectFile.new("Clinic")
    window = make_window(project_file)
    assert window.windowTitle() == "Clinic[*] — Stagecraft"
    assert not window.isWindowModified()

    add_card(project_file, "Phones surgery")
    window.project_edited()

    assert window.isWindowModified()
    assert window.blueprint_list.rows()[0][-1] == "1"


def test_title_and_message_bar_say_when_a_file_is_read_only(make_window, saved_file) -> None:
    window = make_window(ProjectFile.open(saved_file, read_only=True))
    assert window.windowTitle() == "clinic.blueprint (read-only)[*] — Stagecraft"
    assert window.message_bar.isVisible()
    assert any("read-only" in notice for notice in window.message_bar.notices())
    assert window.path_label.text() == str(saved_file)


def test_a_notice_can_be_dismissed(qtbot, make_window, saved_file) -> None:
    window = make_window(ProjectFile.open(saved_file, as_copy=True))
    assert window.message_bar.notices() == [
        "This is a copy of clinic.blueprint; save it under a new name"
    ]
    dismiss = window.message_bar.findChild(QToolButton, "dismissNotice")
    qtbot.mouseClick(dismiss, Qt.MouseButton.LeftButton)
    assert not window.message_bar.isVisible()


def test_every_action_has_a_name_and_the_usual_shortcut(make_window) -> None:
    window = make_window()
    shortcuts = {
        action.objectName(): action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.findChildren(QAction)
        if action.objectName().endswith("Action") and not action.menu()
    }
    assert shortcuts["newAction"] == "Ctrl+N"
    assert shortcuts["openAction"] == "Ctrl+O"
    assert shortcuts["saveAction"] == "Ctrl+S"
    assert shortcuts["saveAsAction"] == "Ctrl+Shift+S"
    assert shortcuts["quitAction"] == "Ctrl+Q"
    assert all(action.objectName() for action in window.menu_actions.all())
    close = window.findChild(QAction, "closeAction").shortcuts()
    assert QKeySequence("Ctrl+W") in close
    assert "aboutAction" in shortcuts


def test_with_nothing_open_the_window_offers_ways_to_start(make_window, settings) -> None:
    settings.remember_recent(Path("/somewhere/ward.blueprint"))
    window = make_window()
    assert window.windowTitle() == "Stagecraft"
    assert window.pages.currentWidget() is window.empty_state
    assert window.empty_state.recent.count() == 1
    assert not window.menu_actions.save.isEnabled()


def test_about_opens_and_closes(make_window, answers) -> None:
    window = make_window()
    answers.click(AboutDialog, "okButton")
    window.menu_actions.about.trigger()
    assert answers.kinds() == [AboutDialog]


def test_a_big_blueprint_is_summarised_not_listed_in_full(make_window) -> None:
    project_file = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session, 3000))
    window = make_window(project_file)
    stages = window.findChild(QTreeWidget, "stageTree")
    shown_steps = sum(
        stages.topLevelItem(i).childCount() for i in range(stages.topLevelItemCount())
    )
    assert stages.topLevelItemCount() == MAX_STAGES_SHOWN + 1
    assert stages.topLevelItem(MAX_STAGES_SHOWN).text(0).startswith("… and ")
    assert shown_steps <= MAX_STEPS_SHOWN + MAX_STAGES_SHOWN
    counts = window.blueprint_list.rows()[0]
    assert int(counts[5].replace(",", "")) > 2800


def test_names_in_messages_are_plain_text_never_markup(qtbot, make_window) -> None:
    dialog = ErrorDialog(None, "<b>clinic</b>.blueprint is damaged", "<i>kept</i>")
    qtbot.addWidget(dialog)
    labels = [label for label in dialog.findChildren(QLabel) if label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert dialog.text() == "<b>clinic</b>.blueprint is damaged."

    window = make_window(ProjectFile.new("<b>Ward</b>"))
    assert window.findChild(QLabel, "projectName").textFormat() == Qt.TextFormat.PlainText
    notice = window.message_bar
    notice.add_notice("<i>odd</i> name")
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText
        for label in notice.findChildren(QLabel, "notice")
    )
