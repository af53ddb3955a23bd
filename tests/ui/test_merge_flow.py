"""File → Merge a Copy… in the window: the file dialog, the merge dialog with its
conflicts chosen by keyboard and mouse, one undo step that restores the project exactly,
redo, the canvas following; a project's own file, an unrelated file and a read-only
project are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QRadioButton, QTreeWidget
from sqlalchemy import select

from app.model import ops_grid as ops
from app.model.dump import dump
from app.model.project_file import ProjectFile
from app.model.schema import Card, Comment, PainPoint
from app.ui.dialogs.error import ErrorDialog
from app.ui.main_window import MainWindow
from app.ui.merge_dialog import MergeDialog

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _card(project: ProjectFile, text: str) -> Card:
    return project.session.scalars(select(Card).where(Card.text == text)).one()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """mine.blueprint and theirs.blueprint, copies of one project: theirs adds a card and
    a pain point; both change the same two cards' text (two conflicts)."""
    project = ProjectFile.new("Clinic")
    blueprint = project.project.blueprints[0]
    ops.add_card(blueprint.lanes[1], blueprint.steps[0], "Receives letter")
    ops.add_card(blueprint.lanes[1], blueprint.steps[1], "Phones surgery")
    project.commit()
    project.save_as(tmp_path / "mine.blueprint")
    project.close()
    shutil.copy(tmp_path / "mine.blueprint", tmp_path / "theirs.blueprint")
    mine = ProjectFile.open(tmp_path / "mine.blueprint")
    ops.edit(_card(mine, "Receives letter"), text="Receives invitation letter")
    ops.edit(_card(mine, "Phones surgery"), text="Phones the surgery at 8am")
    mine.commit()
    mine.save()
    mine.close()
    theirs = ProjectFile.open(tmp_path / "theirs.blueprint")
    blueprint = theirs.project.blueprints[0]
    added = ops.add_card(blueprint.lanes[2], blueprint.steps[2], "Nurse runs checks")
    from app.model.ops_method import add_pain_point

    add_pain_point(added, "Nurse cannot see the mental-health record", 4, "staff", "interview")
    ops.edit(_card(theirs, "Receives letter"), text="Gets a letter in the post")
    ops.edit(_card(theirs, "Phones surgery"), text="Phones and waits on hold")
    theirs.commit()
    theirs.save()
    theirs.close()
    return tmp_path / "mine.blueprint", tmp_path / "theirs.blueprint"


@pytest.fixture
def window(make_window, files) -> MainWindow:
    window = make_window(ProjectFile.open(files[0]))
    window.blueprint_list.select(window.project_file.project.blueprints[0].id)
    return window


def _texts(window: MainWindow) -> set[str]:
    return set(window.project_file.session.scalars(select(Card.text)))


def _shown(window: MainWindow) -> set[str]:
    """The texts of the cards the canvas draws."""
    editor = window.workspace.current
    session = window.project_file.session
    return {session.get(Card, card_id).text for card_id in editor.view.blueprint_scene.cards}


def test_merge_a_copy_is_in_the_file_menu_before_import(window: MainWindow) -> None:
    names = [a.objectName() for a in window.menuBar().findChild(QMenu, "fileMenu").actions()]
    assert names.index("mergeCopyAction") == names.index("importAction") - 1
    action = window.findChild(QAction, "mergeCopyAction")
    assert action.text() == "&Merge a Copy…" and action.isEnabled()


def test_conflicts_chosen_by_keyboard_and_mouse_merge_as_one_undo_step(
    qtbot, window: MainWindow, answers, press, files
) -> None:
    session = window.project_file.session
    before = dump(session)
    seen: dict[str, object] = {}

    def choose(dialog: MergeDialog) -> None:
        tree = dialog.findChild(QTreeWidget, "mergeIncomingList")
        seen["incoming"] = [
            tree.topLevelItem(0).child(i).text(0) for i in range(tree.topLevelItem(0).childCount())
        ]
        seen["summaries"] = [row.conflict.summary for row in dialog.rows]
        first = dialog.findChild(QRadioButton, "keepMine0")
        assert first.hasFocus() and first.isChecked()
        qtbot.keyClick(first, Qt.Key.Key_Right)  # arrow keys switch the choice
        assert dialog.findChild(QRadioButton, "takeTheirs0").isChecked()
        second = dialog.findChild(QRadioButton, "takeTheirs1")
        qtbot.mouseClick(second, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QRadioButton, "keepMine1"), Qt.MouseButton.LeftButton)
        dialog.grab().save("/tmp/merge_dialog.png")
        qtbot.mouseClick(dialog.findChild(QPushButton, "mergeButton"), Qt.MouseButton.LeftButton)

    answers.choose_file(files[1])
    answers.expect(MergeDialog, choose)
    window.findChild(QAction, "mergeCopyAction").trigger()

    assert seen["incoming"] == ["card “Nurse runs checks” (Step 3, Frontstage) with 1 pain point"]
    assert sorted(seen["summaries"]) == [
        "card “Phones the surgery at 8am” (Step 2, Customer actions): text different in each copy",
        "card “Receives invitation letter” (Step 1, Customer actions): text different in each copy",
    ]
    first = seen["summaries"][0]
    taken = "Gets a letter in the post" if "Receives" in first else "Phones and waits on hold"
    kept = "Phones the surgery at 8am" if "Receives" in first else "Receives invitation letter"
    assert {taken, kept, "Nurse runs checks"} <= _texts(window)
    assert session.scalars(select(PainPoint)).one().severity == 4
    notes = [c.text for c in session.scalars(select(Comment))]
    assert len(notes) == 2
    assert {taken, kept, "Nurse runs checks"} <= _shown(window)
    after = dump(session)
    stack = window.workspace.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Merge theirs.blueprint"

    press(window, Qt.Key.Key_Z)
    assert dump(session) == before
    assert "Nurse runs checks" not in _shown(window)
    press(window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert dump(session) == after
    assert "Nurse runs checks" in _shown(window)
    assert window.isWindowModified()


def test_take_all_theirs(window: MainWindow, answers, files, qtbot) -> None:
    def all_theirs(dialog: MergeDialog) -> None:
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "takeAllTheirsButton"), Qt.MouseButton.LeftButton
        )
        assert dialog.choices() and set(dialog.choices().values()) == {"theirs"}
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    answers.choose_file(files[1])
    answers.expect(MergeDialog, all_theirs)
    window.findChild(QAction, "mergeCopyAction").trigger()
    assert {"Gets a letter in the post", "Phones and waits on hold"} <= _texts(window)


def test_cancelling_the_merge_dialog_changes_nothing(window: MainWindow, answers, files) -> None:
    before = dump(window.project_file.session)
    answers.choose_file(files[1])
    answers.click(MergeDialog, "cancelButton")
    window.findChild(QAction, "mergeCopyAction").trigger()
    assert dump(window.project_file.session) == before
    assert window.workspace.document.undo_stack.count() == 0


def test_the_projects_own_file_and_an_unrelated_file_are_refused(
    window: MainWindow, answers, files, tmp_path: Path
) -> None:
    other = ProjectFile.new("Other")
    other.save_as(tmp_path / "other.blueprint")
    other.close()
    before = dump(window.project_file.session)
    answers.choose_file(files[0])
    answers.click(ErrorDialog, "okButton")
    window.findChild(QAction, "mergeCopyAction").trigger()
    answers.choose_file(tmp_path / "other.blueprint")
    answers.click(ErrorDialog, "okButton")
    window.findChild(QAction, "mergeCopyAction").trigger()
    own, unrelated = answers.seen[1], answers.seen[3]
    assert own.text().startswith("mine.blueprint is the file this project is open from")
    assert "not copied from the same project" in unrelated.text()
    assert dump(window.project_file.session) == before


def test_a_read_only_project_cannot_merge(make_window, files) -> None:
    window = make_window(ProjectFile.open(files[0], read_only=True))
    assert not window.findChild(QAction, "mergeCopyAction").isEnabled()


def test_every_view_follows_a_merge_of_the_sample(
    qtbot, make_window, answers, press, tmp_path: Path
) -> None:
    """The sample with every dock open and both blueprints shown: a copy that grew a
    blueprint, a system and a pain point merges, undoes and redoes without a fault."""
    from app.model import ops_catalogue as catalogue
    from app.model.ops_method import add_pain_point
    from app.model.schema import Blueprint

    mine_path, theirs_path = tmp_path / "sample.blueprint", tmp_path / "sam.blueprint"
    from app.model.sample import SAMPLE_NAME, build_sample

    sample = ProjectFile.build(SAMPLE_NAME, build_sample)
    sample.save_as(mine_path)
    sample.close()
    shutil.copy(mine_path, theirs_path)
    theirs = ProjectFile.open(theirs_path)
    project = theirs.project
    new = ops.add_blueprint(project, "Follow-up (sam)")
    ops.add_lane(new, "customer actions")
    ops.add_step(new, "Call back")
    ops.add_card(new.lanes[0], new.steps[0], "Trusted contact calls")
    first = project.blueprints[0]
    card = ops.add_card(first.lanes[1], first.steps[0], "Reads the easy-read leaflet")
    add_pain_point(card, "Leaflet only in English", 3, "service user", "workshop")
    catalogue.add_system(project, "Community text service", ["mobile number"])
    theirs.commit()
    theirs.save()
    theirs.close()

    window = make_window(ProjectFile.open(mine_path))
    from PySide6.QtWidgets import QDockWidget

    for dock in window.findChildren(QDockWidget):
        dock.show()
    blueprints = window.project_file.project.blueprints
    for blueprint in blueprints:
        window.blueprint_list.select(blueprint.id)
    session = window.project_file.session
    before = dump(session)

    answers.choose_file(theirs_path)
    answers.click(MergeDialog, "mergeButton")
    window.findChild(QAction, "mergeCopyAction").trigger()
    names = [row[0] for row in window.blueprint_list.rows()]
    assert "Follow-up (sam)" in names
    new_id = session.scalars(select(Blueprint.id).where(Blueprint.name == "Follow-up (sam)")).one()
    window.blueprint_list.select(new_id)
    assert _shown(window) == {"Trusted contact calls"}
    window.blueprint_list.select(blueprints[0].id)
    assert "Reads the easy-read leaflet" in _shown(window)
    after = dump(session)

    window.blueprint_list.select(new_id)
    press(window, Qt.Key.Key_Z)
    assert dump(session) == before
    assert "Follow-up (sam)" not in [row[0] for row in window.blueprint_list.rows()]
    assert new_id not in window.workspace.editors
    press(window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert dump(session) == after
    window.blueprint_list.select(blueprints[0].id)
    assert "Reads the easy-read leaflet" in _shown(window)
