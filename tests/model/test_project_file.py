"""The project-file life cycle: working copy, atomic save, lock, recovery, external change."""

import errno
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from app.model import atomic
from app.model import ops_grid as ops
from app.model.base import APPLICATION_ID, SCHEMA_VERSION
from app.model.datadir import working_root
from app.model.dump import dump
from app.model.errors import ChangedOnDiskError, FileLockedError, ReadOnlyError, SaveError
from app.model.lockfile import lock_path, read_holder
from app.model.project_file import ProjectFile
from app.model.working_copy import recoverable


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def first_cell(project_file: ProjectFile):
    blueprint = project_file.project.blueprints[0]
    return blueprint.lanes[1], blueprint.steps[0]


@pytest.fixture
def saved(tmp_path) -> Path:
    """A saved project with one card."""
    project_file = ProjectFile.new("Clinic")
    ops.add_card(*first_cell(project_file), "Phones surgery")
    project_file.commit()
    target = tmp_path / "clinic.blueprint"
    project_file.save_as(target)
    project_file.close()
    return target


def test_new_project_uses_the_template_and_lives_in_the_data_folder(data_dir) -> None:
    standard = ProjectFile.new("Clinic")
    minimal = ProjectFile.new("Clinic", template="minimal")
    assert [lane.kind.value for lane in standard.project.blueprints[0].lanes] == [
        "physical evidence",
        "customer actions",
        "frontstage",
        "backstage",
        "support processes",
        "systems",
    ]
    assert len(minimal.project.blueprints[0].lanes) == 4
    assert standard.path is None and not standard.modified
    assert standard.working.database.is_relative_to(data_dir)
    standard.close()
    minimal.close()
    assert listing(working_root()) == []


def test_save_then_reopen_gives_the_identical_model(tmp_path) -> None:
    project_file = ProjectFile.new("Clinic")
    lane, step = first_cell(project_file)
    a = ops.add_card(lane, step, "Receives letter", fail_point=True, duration_minutes=3)
    b = ops.add_card(lane, project_file.project.blueprints[0].steps[1], "Phones <b>surgery</b>")
    ops.add_connector(a, b, "hand-off", "calls")
    project_file.commit()
    before = dump(project_file.session)
    target = tmp_path / "clinic.blueprint"
    project_file.save_as(target)
    project_file.close()

    reopened = ProjectFile.open(target)
    after = dump(reopened.session)
    reopened.close()
    for table in before:
        if table != "project":
            assert after[table] == before[table], table
    assert [row["name"] for row in after["project"]] == ["Clinic"]


def test_the_original_is_never_edited_in_place(saved) -> None:
    before = sha256(saved)
    project_file = ProjectFile.open(saved)
    ops.add_card(*first_cell(project_file), "Unsaved edit")
    project_file.commit()
    assert project_file.modified
    assert sha256(saved) == before
    assert listing(saved.parent) == ["." + f"~lock.{saved.name}#", saved.name]
    project_file.close()
    assert sha256(saved) == before
    assert listing(saved.parent) == [saved.name]


def test_save_writes_atomically_and_leaves_nothing_beside_the_file(saved) -> None:
    project_file = ProjectFile.open(saved)
    ops.add_card(*first_cell(project_file), "Second card")
    project_file.commit()
    project_file.save()
    assert not project_file.modified
    assert listing(saved.parent) == [f".~lock.{saved.name}#", saved.name]
    project_file.close()
    connection = sqlite3.connect(f"{saved.as_uri()}?mode=ro", uri=True)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert connection.execute("SELECT COUNT(*) FROM card").fetchone() == (2,)
    connection.close()
    assert listing(saved.parent) == [saved.name]


def test_save_as_moves_the_lock_and_refuses_to_replace_when_asked(saved, tmp_path) -> None:
    project_file = ProjectFile.open(saved)
    other = tmp_path / "copy.blueprint"
    project_file.save_as(other)
    assert project_file.path == other
    assert read_holder(saved) is None and read_holder(other).is_mine
    with pytest.raises(SaveError, match="already exists; choose another name"):
        project_file.save_as(saved, replace=False)
    project_file.close()
    assert listing(tmp_path) == ["clinic.blueprint", "copy.blueprint"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "no permission to write"),
        (errno.EIO, "input/output error"),
    ],
)
def test_a_failed_save_keeps_the_old_file_and_the_work(saved, monkeypatch, code, message) -> None:
    before = sha256(saved)
    project_file = ProjectFile.open(saved)
    ops.add_card(*first_cell(project_file), "Precious work")
    project_file.commit()
    calls = {"n": 0}
    real_write = os.write

    def failing_write(fd: int, data) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(code, os.strerror(code))
        return real_write(fd, data[:4096])

    monkeypatch.setattr(atomic.os, "write", failing_write)
    with pytest.raises(SaveError, match=message):
        project_file.save()
    monkeypatch.undo()
    assert sha256(saved) == before
    assert listing(saved.parent) == [f".~lock.{saved.name}#", saved.name]
    assert project_file.modified
    texts = [c.text for c in first_cell(project_file)[0].cards]
    assert "Precious work" in texts
    project_file.save()
    project_file.close()
    reopened = ProjectFile.open(saved)
    assert "Precious work" in [c.text for c in first_cell(reopened)[0].cards]
    reopened.close()


def test_saving_into_a_folder_that_is_gone(tmp_path) -> None:
    folder = tmp_path / "shared-drive"
    folder.mkdir()
    project_file = ProjectFile.new("Clinic")
    project_file.save_as(folder / "clinic.blueprint")
    ops.add_card(*first_cell(project_file), "Work")
    project_file.commit()
    for entry in folder.iterdir():
        entry.unlink()
    folder.rmdir()
    with pytest.raises(SaveError, match="no longer exists; use Save As"):
        project_file.save()
    assert project_file.modified
    project_file.save_as(tmp_path / "rescued.blueprint")
    project_file.close()
    assert (tmp_path / "rescued.blueprint").exists()


def test_a_file_deleted_while_open_is_written_again(saved) -> None:
    project_file = ProjectFile.open(saved)
    saved.unlink()
    project_file.save()
    project_file.close()
    assert saved.exists()


def test_a_second_opener_learns_who_has_it(saved) -> None:
    first = ProjectFile.open(saved)
    with pytest.raises(FileLockedError) as raised:
        ProjectFile.open(saved)
    holder = raised.value.holder
    assert holder.is_mine and holder.pid == os.getpid()
    assert holder.user in str(raised.value)
    read_only = ProjectFile.open(saved, read_only=True)
    assert read_only.read_only and read_only.lock is None
    with pytest.raises(ReadOnlyError, match="read-only; use Save As"):
        read_only.save()
    copy = ProjectFile.open(saved, as_copy=True)
    assert copy.path is None and copy.display_name == "Copy of clinic"
    for project_file in (copy, read_only, first):
        project_file.close()
    assert not lock_path(saved).exists()


def test_a_stale_lock_is_cleared(saved) -> None:
    lock_path(saved).write_text(
        json.dumps(
            {"user": "ghost", "machine": os.uname().nodename, "pid": 2**22 + 7, "since": "x"}
        )
    )
    project_file = ProjectFile.open(saved)
    assert read_holder(saved).is_mine
    project_file.close()


def test_a_lock_from_another_machine_is_respected(saved) -> None:
    lock_path(saved).write_text(
        json.dumps({"user": "sam", "machine": "ward-pc", "pid": 1, "since": "2026-11-23T09:00"})
    )
    with pytest.raises(FileLockedError, match="open by sam on ward-pc"):
        ProjectFile.open(saved)
    assert read_holder(saved).user == "sam"


def test_a_change_on_disk_is_detected_before_saving(saved, tmp_path) -> None:
    project_file = ProjectFile.open(saved)
    ops.add_card(*first_cell(project_file), "Mine")
    project_file.commit()
    # A colleague's program replaces the file while it is open here.
    theirs = ProjectFile.open(saved, as_copy=True)
    ops.add_card(*first_cell(theirs), "Theirs")
    theirs.commit()
    theirs.save_as(tmp_path / "theirs.blueprint")
    theirs.close()
    os.replace(tmp_path / "theirs.blueprint", saved)
    their_bytes = sha256(saved)

    assert project_file.changed_on_disk()
    with pytest.raises(ChangedOnDiskError, match="changed on disk by someone else"):
        project_file.save()
    assert sha256(saved) == their_bytes
    project_file.save_as(tmp_path / "mine.blueprint")
    assert sha256(saved) == their_bytes
    project_file.close()


def test_overwrite_after_a_change_on_disk_when_the_user_chooses(saved) -> None:
    project_file = ProjectFile.open(saved)
    os.utime(saved, ns=(1, 1))  # touched but not changed: not a conflict
    assert not project_file.changed_on_disk()
    saved.write_bytes(saved.read_bytes() + b"\0" * 4096)
    assert project_file.changed_on_disk()
    project_file.save(overwrite=True)
    assert not project_file.changed_on_disk()
    project_file.close()


def test_crashed_session_is_offered_for_recovery(saved) -> None:
    project_file = ProjectFile.open(saved)
    ops.add_card(*first_cell(project_file), "Typed before the crash")
    project_file.commit()
    # Simulate a crash: the process is gone without closing.
    project_file.session.close()
    project_file.engine.dispose()
    project_file.working.record.pid = 2**22 + 11
    project_file.working.write_record()
    holder = json.loads(lock_path(saved).read_text())
    lock_path(saved).write_text(json.dumps({**holder, "pid": 2**22 + 11}))

    (found,) = recoverable()
    assert found.record.origin == str(saved)
    restored = ProjectFile.recover(found)
    assert restored.modified and restored.path == saved
    texts = [c.text for c in first_cell(restored)[0].cards]
    assert "Typed before the crash" in texts
    restored.save()
    restored.close()
    assert recoverable() == []


def test_clean_sessions_left_behind_are_not_offered(saved) -> None:
    project_file = ProjectFile.open(saved)
    project_file.session.close()
    project_file.engine.dispose()
    project_file.working.record.pid = 2**22 + 13
    project_file.working.write_record()
    assert recoverable() == []
    assert listing(working_root()) == []


def test_a_newer_file_opens_read_only(saved) -> None:
    connection = sqlite3.connect(saved)
    connection.execute("PRAGMA user_version = 7")
    connection.execute("UPDATE project SET saved_with = '3.1.0'")
    connection.commit()
    connection.close()
    before = sha256(saved)
    project_file = ProjectFile.open(saved)
    assert project_file.read_only and project_file.lock is None
    (notice,) = project_file.notices
    assert "newer Stagecraft (3.1.0) in file format 7" in notice
    assert f"reads format {SCHEMA_VERSION} at most" in notice
    with pytest.raises(ReadOnlyError):
        project_file.save()
    with pytest.raises(ReadOnlyError, match="open read-only"):
        ops.add_card(*first_cell(project_file), "not allowed")
    project_file.session.rollback()
    project_file.close()
    assert sha256(saved) == before


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS])
def test_a_file_in_a_folder_you_cannot_write_opens_read_only(saved, monkeypatch, code) -> None:
    def refuse(target: Path) -> None:
        raise OSError(code, os.strerror(code), str(lock_path(target)))

    monkeypatch.setattr("app.model.project_file.ProjectLock.acquire", refuse)
    project_file = ProjectFile.open(saved)
    assert project_file.read_only and project_file.lock is None
    assert "its folder does not let you write there" in project_file.notices[0]
    with pytest.raises(ReadOnlyError):
        project_file.save()
    project_file.close()


def test_save_as_turns_a_read_only_project_into_an_editable_copy(saved, tmp_path) -> None:
    holder = ProjectFile.open(saved)
    viewer = ProjectFile.open(saved, read_only=True)
    mine = tmp_path / "mine.blueprint"
    viewer.save_as(mine)
    assert not viewer.read_only and viewer.path == mine
    ops.add_card(*first_cell(viewer), "Now editable")
    viewer.commit()
    viewer.save()
    viewer.close()
    holder.close()
    reopened = ProjectFile.open(mine)
    assert "Now editable" in [c.text for c in first_cell(reopened)[0].cards]
    reopened.close()
