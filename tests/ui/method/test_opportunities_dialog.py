"""The opportunity form: opened from the dock, every field typed or clicked, the pain
points linked and unlinked, and OK as one undo step that the dock's order follows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QPushButton, QToolButton

from app.model.dump import dump
from app.model.kinds import OpportunityStatus, Scale
from app.model.method import Opportunity
from app.model.project_file import ProjectFile
from app.ui.dialogs.error import ErrorDialog
from app.ui.main_window import MainWindow
from app.ui.method.opportunities import OpportunityActions
from app.ui.method.opportunities_model import COLUMN
from app.ui.method.opportunity_dialog import OpportunityDialog, PainPointPicker

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    window = make_window(sample_file)
    window.findChild(OpportunityActions).show_docks()
    return window


def part(window: MainWindow) -> OpportunityActions:
    return window.findChild(OpportunityActions)


def titles(window: MainWindow) -> list[str]:
    proxy = part(window).panel.proxy
    return [proxy.index(row, COLUMN["title"]).data() for row in range(proxy.rowCount())]


def opportunity(window: MainWindow, title: str) -> Opportunity:
    return next(o for o in window.workspace.document.project.opportunities if o.title == title)


def double_click_row(window: MainWindow, qtbot, title: str) -> None:
    table = part(window).panel.table
    index = table.model().index(titles(window).index(title), COLUMN["title"])
    centre = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), LEFT, pos=centre)
    qtbot.mouseDClick(table.viewport(), LEFT, pos=centre)


def click_box(box: QCheckBox) -> None:
    QTest.mouseClick(box, LEFT, NONE, QPoint(box.iconSize().width() // 2 + 2, box.height() // 2))


def test_scoring_a_condition_with_the_keyboard_ranks_the_candidate(window, answers, qtbot) -> None:
    document = window.workspace.document
    letter = opportunity(window, "Plain-English invitation letter")
    before = dump(document.session)
    hints: list[str] = []

    def respond(dialog: OpportunityDialog) -> None:
        hints.append(dialog.conditions_hint.text())
        box = dialog.scores["management_interest"]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_5)
        hints.append(dialog.conditions_hint.text())
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)  # the default button: OK

    answers.expect(OpportunityDialog, respond)
    double_click_row(window, qtbot, "Plain-English invitation letter")
    assert hints == [
        "Prepare the ground first: needs senior management interest (low). Each is met at 3 "
        "or more.",
        "All three conditions are met: it is ranked.",
    ]
    assert letter.management_interest == 5
    # Score 13.9 × 3/6 × 0.9 = 6.2: ranked, after the three already ranked.
    assert titles(window)[3] == "Plain-English invitation letter"
    proxy = part(window).panel.proxy
    assert proxy.index(3, COLUMN["rank"]).data() == "4"
    assert document.undo_stack.undoText() == "Edit opportunity"
    document.undo()
    assert dump(document.session) == before
    assert letter.management_interest == 2


def test_every_field_of_a_new_opportunity(window, answers, qtbot) -> None:
    document = window.workspace.document

    def respond(dialog: OpportunityDialog) -> None:
        assert not dialog.ok_button.isEnabled()  # no title yet
        qtbot.keyClicks(dialog.title, "Peer worker at the door")
        assert dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.description, "Meets people on arrival.")
        for field, key in (
            ("management_interest", Qt.Key.Key_3),
            ("operational_capacity", Qt.Key.Key_4),
            ("capability", Qt.Key.Key_3),
            ("impact", Qt.Key.Key_4),
            ("effort", Qt.Key.Key_2),
        ):
            qtbot.keyClick(dialog.scores[field], key)
        dialog.people.setFocus()
        dialog.people.selectAll()
        qtbot.keyClicks(dialog.people, "45")
        qtbot.keyClicks(dialog.underserved, "People with learning disabilities")
        click_box(dialog.quick_win)
        click_box(dialog.exemplar)
        dialog.scale.setCurrentIndex(dialog.scale.findData("organisational"))
        dialog.status.setCurrentIndex(dialog.status.findData("shortlisted"))
        qtbot.keyClicks(dialog.owner, "Peer support lead")
        qtbot.keyClicks(dialog.measure, "Arrivals who stay to be seen")
        dialog.target.setFocus()
        dialog.target.setDate(QDate(2026, 9, 30))
        qtbot.mouseClick(dialog.ok_button, LEFT)

    answers.expect(OpportunityDialog, respond)
    part(window).new.trigger()
    made = opportunity(window, "Peer worker at the door")
    assert (made.description, made.people_affected) == ("Meets people on arrival.", 45)
    assert (
        made.management_interest,
        made.operational_capacity,
        made.capability,
        made.impact,
        made.effort,
    ) == (3, 4, 3, 4, 2)
    assert made.underserved_group == "People with learning disabilities"
    assert made.quick_win and made.exemplar
    assert made.scale == Scale.ORGANISATIONAL
    assert made.status == OpportunityStatus.SHORTLISTED
    assert (made.owner, made.measure) == ("Peer support lead", "Arrivals who stay to be seen")
    assert made.target_date == date(2026, 9, 30)
    assert document.undo_stack.undoText() == "Add opportunity"
    assert made.id in part(window).panel.selected_ids()


def test_clearing_the_target_date_and_the_people_count(window, answers, qtbot) -> None:
    quiet = opportunity(window, "Quieter appointment times")
    assert quiet.target_date is not None and quiet.people_affected == 180

    def respond(dialog: OpportunityDialog) -> None:
        assert dialog.target.day == date(2026, 3, 31)
        qtbot.mouseClick(dialog.findChild(QToolButton, "clearTargetDateButton"), LEFT)
        assert dialog.target.text() == "none"
        dialog.people.setFocus()
        dialog.people.selectAll()
        qtbot.keyClick(dialog.people, Qt.Key.Key_Delete)
        qtbot.keyClick(dialog.people, Qt.Key.Key_Tab)
        assert dialog.people.count is None
        qtbot.mouseClick(dialog.ok_button, LEFT)

    answers.expect(OpportunityDialog, respond)
    part(window).edit_opportunity(quiet.id)
    assert quiet.target_date is None and quiet.people_affected is None


def test_linking_and_unlinking_pain_points_is_one_undo_step(window, answers, qtbot) -> None:
    document = window.workspace.document
    letter = opportunity(window, "Plain-English invitation letter")
    (old,) = letter.pain_points
    before = dump(document.session)
    chosen: list[str] = []

    def pick(picker: PainPointPicker) -> None:
        qtbot.keyClicks(picker.filter, "hold")
        shown = [
            picker.choices.item(row)
            for row in range(picker.choices.count())
            if not picker.choices.item(row).isHidden()
        ]
        assert shown and all("hold" in item.text().casefold() for item in shown)
        item = shown[0]
        chosen.append(item.data(Qt.ItemDataRole.UserRole))
        picker.choices.setCurrentItem(item)
        qtbot.keyClick(picker.choices, Qt.Key.Key_Space)
        assert item.checkState() == Qt.CheckState.Checked
        qtbot.mouseClick(picker.findChild(QPushButton, "linkButton"), LEFT)

    def respond(dialog: OpportunityDialog) -> None:
        assert dialog.linked_ids() == [old.id]
        dialog.linked.item(0).setSelected(True)
        qtbot.mouseClick(dialog.unlink_button, LEFT)
        assert dialog.linked_ids() == []
        answers.expect(PainPointPicker, pick)
        qtbot.mouseClick(dialog.link_button, LEFT)
        qtbot.waitUntil(lambda: len(dialog.linked_ids()) == 1)
        qtbot.mouseClick(dialog.ok_button, LEFT)

    answers.expect(OpportunityDialog, respond)
    part(window).edit_opportunity(letter.id)
    assert [p.id for p in letter.pain_points] == chosen
    assert document.undo_stack.undoText() == "Edit opportunity"
    document.undo()
    assert dump(document.session) == before


def test_cancel_changes_nothing(window, answers, qtbot) -> None:
    document = window.workspace.document
    steps = document.undo_stack.count()

    def respond(dialog: OpportunityDialog) -> None:
        qtbot.keyClicks(dialog.title, " and more")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answers.expect(OpportunityDialog, respond)
    double_click_row(window, qtbot, "Quieter appointment times")
    assert document.undo_stack.count() == steps
    assert opportunity(window, "Quieter appointment times") is not None


def test_ok_with_nothing_changed_pushes_nothing(window, answers, qtbot) -> None:
    document = window.workspace.document
    steps = document.undo_stack.count()
    answers.expect(OpportunityDialog, lambda d: qtbot.mouseClick(d.ok_button, LEFT))
    table = part(window).panel.table
    qtbot.mouseClick(
        table.viewport(),
        LEFT,
        pos=table.visualRect(table.model().index(0, COLUMN["title"])).center(),
    )
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert answers.kinds() == [OpportunityDialog]
    assert document.undo_stack.count() == steps


def test_a_read_only_project_shows_the_form_but_changes_nothing(
    make_window, sample_file: ProjectFile, tmp_path, answers, qtbot
) -> None:
    sample_file.save_as(tmp_path / "sample.blueprint")
    read_only = ProjectFile.open(tmp_path / "sample.blueprint", read_only=True)
    window = make_window(read_only)
    part(window).show_docks()
    closed: list[str] = []

    def look(dialog: OpportunityDialog) -> None:
        assert dialog.windowTitle() == "Opportunity (read-only)"
        assert dialog.title.isReadOnly() and not dialog.scores["impact"].isEnabled()
        assert not dialog.ok_button.isVisible() and not dialog.link_button.isEnabled()
        closed.append(dialog.title.text())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answers.expect(OpportunityDialog, look)
    double_click_row(window, qtbot, "Quieter appointment times")
    assert closed == ["Quieter appointment times"]
    answers.click(ErrorDialog, "okButton")
    part(window).new.trigger()
    assert "read-only" in answers.seen[-1].text()
    assert window.workspace.document.undo_stack.count() == 0
