"""After a crash, the next start offers the unsaved work: Restore, Discard or Not now."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget

from app.model.lockfile import lock_path
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME
from app.model.working_copy import recoverable
from app.ui.dialogs.recovery import RecoveryDialog

DEAD_PID = 2**22 + 11  # above Linux's largest pid: no such process


def crash(project_file: ProjectFile) -> None:
    """Leave a project as a crash would: no close(), and its process gone."""
    project_file.session.close()
    project_file.engine.dispose()
    project_file.working.record.pid = DEAD_PID
    project_file.working.write_record()
    if project_file.lock is not None:
        holder = json.loads(lock_path(project_file.path).read_text())
        lock_path(project_file.path).write_text(json.dumps({**holder, "pid": DEAD_PID}))


def card_texts(project_file: ProjectFile) -> list[str]:
    return [c.text for lane in project_file.project.blueprints[0].lanes for c in lane.cards]


def test_restore_brings_back_the_unsaved_work(press, launch, answers, add_card, saved_file) -> None:
    crashed = ProjectFile.open(saved_file)
    add_card(crashed, "Typed before the crash")
    crash(crashed)
    rows = []

    def restore(dialog: RecoveryDialog) -> None:
        table = dialog.findChild(QTreeWidget, "recoveryList")
        rows.extend(
            [table.topLevelItem(i).text(c) for c in range(3)]
            for i in range(table.topLevelItemCount())
        )
        dialog.restore_button.click()

    answers.expect(RecoveryDialog, restore)
    window = launch()

    ((name, origin, changed),) = rows
    assert (name, origin) == ("clinic", str(saved_file))
    assert changed[:2] == "20"
    project_file = window.project_file
    assert project_file.path == saved_file and project_file.modified
    assert "Typed before the crash" in card_texts(project_file)
    assert window.isWindowModified()
    assert "Recovered unsaved work from the last session" in window.message_bar.notices()

    press(window, Qt.Key.Key_S)
    assert not window.isWindowModified()
    assert recoverable() == []


def test_discard_drops_the_work_and_opens_the_sample(launch, answers, add_card) -> None:
    crashed = ProjectFile.new("Ward round")
    add_card(crashed, "Never saved")
    crash(crashed)

    answers.click(RecoveryDialog, "discardButton")
    window = launch()

    assert recoverable() == []
    assert window.project_file.display_name == SAMPLE_NAME
    assert window.project_file.path is None
    assert [row[1] for row in window.blueprint_list.rows()] == ["as-is", "to-be"]


def test_not_now_keeps_the_work_for_the_next_start(launch, answers, add_card) -> None:
    crashed = ProjectFile.new("Ward round")
    add_card(crashed, "Never saved")
    crash(crashed)

    answers.click(RecoveryDialog, "notNowButton")
    window = launch()

    assert [copy.record.name for copy in recoverable()] == ["Ward round"]
    assert window.project_file.display_name == SAMPLE_NAME


def test_work_whose_file_someone_else_has_open_comes_back_as_a_copy(
    launch, answers, add_card, saved_file
) -> None:
    crashed = ProjectFile.open(saved_file)
    add_card(crashed, "Typed before the crash")
    crash(crashed)
    lock_path(saved_file).write_text(
        json.dumps({"user": "sam", "machine": "ward-pc", "pid": 7, "since": "2026-11-23T09:00"})
    )

    answers.click(RecoveryDialog, "restoreButton")
    window = launch()

    assert window.project_file.path is None
    assert "Typed before the crash" in card_texts(window.project_file)
    assert any("open by sam on ward-pc" in n for n in window.message_bar.notices())
