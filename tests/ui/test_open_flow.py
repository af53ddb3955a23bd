"""Opening files: the Open dialog, recent files, locked files, and files that are not
projects or are damaged."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from app.model.lockfile import lock_path, read_holder
from app.model.project_file import ProjectFile
from app.model.working_copy import recoverable, working_root
from app.ui.dialogs.error import ErrorDialog
from app.ui.dialogs.locked_file import LockedFileDialog
from app.ui.dialogs.unsaved_changes import UnsavedChangesDialog

SAM = {"user": "sam", "machine": "ward-pc", "pid": 4242, "since": "2026-11-23T09:00:00+00:00"}


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def locked_by_sam(path: Path) -> Path:
    lock_path(path).write_text(json.dumps(SAM), encoding="utf-8")
    return path


def test_open_from_the_keyboard_shows_the_file_and_remembers_it(
    press, make_window, answers, saved_file, settings
) -> None:
    window = make_window()
    answers.choose_file(saved_file)
    press(window, Qt.Key.Key_O)

    assert window.project_file.path == saved_file
    assert window.windowTitle() == "clinic.blueprint[*] — Stagecraft"
    assert window.blueprint_list.rows()[0][0] == "As-is service"
    assert read_holder(saved_file).is_mine
    assert settings.recent_files() == [saved_file]


def test_open_recent_opens_the_file(make_window, saved_file, settings) -> None:
    settings.remember_recent(saved_file)
    window = make_window()
    window.recent_menu.refresh()
    window.findChild(QAction, "openRecent1").trigger()
    assert window.project_file.path == saved_file


def test_a_recent_file_that_is_gone_is_explained_and_forgotten(
    make_window, answers, saved_file, settings
) -> None:
    gone = saved_file.with_name("gone.blueprint")
    settings.remember_recent(gone)
    window = make_window()
    answers.click(ErrorDialog, "okButton")
    window.empty_state.recent_requested.emit(gone)
    assert "gone.blueprint" in answers.seen[0].text()
    assert settings.recent_files() == []


def test_a_locked_file_can_be_opened_read_only(make_window, answers, saved_file) -> None:
    locked_by_sam(saved_file)
    before = saved_file.read_bytes()
    window = make_window()

    answers.click(LockedFileDialog, "readOnlyButton")
    window.files.open_path(saved_file)

    (dialog,) = answers.seen
    assert dialog.text().startswith("clinic.blueprint is open by sam on ward-pc (since ")
    assert window.project_file.read_only
    assert "(read-only)" in window.windowTitle()
    assert read_holder(saved_file).user == "sam"
    assert saved_file.read_bytes() == before


def test_a_locked_file_can_be_opened_as_a_copy(make_window, answers, saved_file) -> None:
    locked_by_sam(saved_file)
    window = make_window()

    answers.click(LockedFileDialog, "copyButton")
    window.files.open_path(saved_file)

    assert window.project_file.path is None and not window.project_file.read_only
    assert window.windowTitle() == "Copy of clinic[*] — Stagecraft"
    assert window.message_bar.notices() == [
        "This is a copy of clinic.blueprint; save it under a new name"
    ]
    assert read_holder(saved_file).user == "sam"


def test_cancelling_a_locked_file_opens_nothing_and_leaves_nothing(
    make_window, answers, saved_file
) -> None:
    locked_by_sam(saved_file)
    window = make_window()

    answers.click(LockedFileDialog, "cancelButton")
    window.files.open_path(saved_file)

    assert window.project_file is None
    assert listing(working_root()) == []
    assert listing(saved_file.parent) == [f".~lock.{saved_file.name}#", saved_file.name]


def test_a_file_already_open_in_this_window_is_not_opened_twice(
    make_window, answers, saved_file
) -> None:
    window = make_window(ProjectFile.open(saved_file))
    first = window.project_file
    assert not window.files.open_path(saved_file)
    assert window.project_file is first
    assert answers.seen == []
    assert "clinic.blueprint is already open in this window" in window.message_bar.notices()


def test_a_damaged_file_shows_the_error_and_nothing_is_written_beside_it(
    make_window, answers, tmp_path
) -> None:
    damaged = tmp_path / "damaged.blueprint"
    damaged.write_bytes(os.urandom(8192))
    digest = hashlib.sha256(damaged.read_bytes()).hexdigest()
    window = make_window(ProjectFile.new("Clinic"))
    kept = window.project_file

    answers.click(ErrorDialog, "okButton")
    window.files.open_path(damaged)

    (dialog,) = answers.seen
    assert "damaged.blueprint" in dialog.text()
    assert dialog.informativeText() == "Nothing was changed."
    assert listing(tmp_path) == ["damaged.blueprint"]
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == digest
    assert window.project_file is kept
    assert recoverable() == []


def test_starting_on_a_damaged_file_shows_the_error_and_an_empty_window(
    launch, answers, tmp_path
) -> None:
    damaged = tmp_path / "damaged.blueprint"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    answers.click(ErrorDialog, "okButton")
    window = launch(damaged)
    assert answers.kinds() == [ErrorDialog]
    assert window.project_file is None
    assert window.pages.currentWidget() is window.empty_state
    assert listing(tmp_path) == ["damaged.blueprint"]


def test_open_with_unsaved_work_asks_first_and_cancel_keeps_it(
    press, make_window, answers, add_card
) -> None:
    project_file = ProjectFile.new("Clinic")
    add_card(project_file, "Not saved yet")
    window = make_window(project_file)

    answers.click(UnsavedChangesDialog, "cancelButton")
    press(window, Qt.Key.Key_O)

    assert answers.kinds() == [UnsavedChangesDialog]
    assert window.project_file is project_file and project_file.modified


def test_a_file_open_in_another_window_brings_that_window_up(
    make_window, answers, saved_file
) -> None:
    holder = make_window(ProjectFile.open(saved_file))
    other = make_window()
    assert not other.files.open_path(saved_file)
    assert other.project_file is None
    assert answers.seen == []
    assert "clinic.blueprint is already open in this window" in holder.message_bar.notices()


def test_a_file_with_rows_the_editor_cannot_read_is_refused_and_stays_untouched(
    make_window, answers, saved_file
) -> None:
    connection = sqlite3.connect(saved_file)
    with connection:
        connection.execute("UPDATE lane SET kind = 'bogus'")
    connection.close()
    before = hashlib.sha256(saved_file.read_bytes()).hexdigest()
    window = make_window(ProjectFile.new("Clinic"))
    kept = window.project_file

    answers.click(ErrorDialog, "okButton")
    window.files.open_path(saved_file)

    (dialog,) = answers.seen
    assert "a lane has an unknown kind 'bogus'" in dialog.text()
    assert window.project_file is kept
    assert listing(saved_file.parent) == [saved_file.name]
    assert hashlib.sha256(saved_file.read_bytes()).hexdigest() == before
