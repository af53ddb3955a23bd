"""The properties panel edits the selected cards with the keyboard and the mouse, each edit
one undo step through the document; it follows changes made elsewhere and says when an
edit is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget
from shiboken6 import isValid
from sqlalchemy import select

from app.editing.commands.cards import DeleteCardsCommand, EditCardCommand, EditCardTextCommand
from app.editing.commands.lanes import RenameLaneCommand
from app.editing.commands.steps import RenameStepCommand
from app.editing.document import EditingDocument
from app.model.dump import dump
from app.model.project_file import ProjectFile
from app.model.structure import Card, Lane
from app.ui.properties import PropertiesPanel
from app.ui.properties.card_form import TYPING_PAUSE_MS

LEFT = Qt.MouseButton.LeftButton
CTRL, NONE = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier


@pytest.fixture
def document(qapp, sample_file: ProjectFile) -> EditingDocument:
    return EditingDocument(sample_file)


@pytest.fixture
def panel(qtbot) -> PropertiesPanel:
    panel = PropertiesPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 760)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    return panel


def card_named(document: EditingDocument, text: str) -> Card:
    """The card with this text in the sample's as-is blueprint."""
    as_is = document.project.blueprints[0]
    query = select(Card).join(Lane).where(Lane.blueprint_id == as_is.id, Card.text == text)
    return document.session.scalars(query).one()


def fresh(document: EditingDocument, card: Card) -> Card:
    document.session.refresh(card)
    return card


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def click_box(box: QCheckBox) -> None:
    """Click a check box on its box (a box in a wide row is not all clickable)."""
    QTest.mouseClick(box, LEFT, NONE, QPoint(box.iconSize().width() // 2 + 2, box.height() // 2))


def one_undo_restores(document: EditingDocument, before: dict, steps_before: int) -> None:
    """The edit was one undo step, and undoing it gives back exactly what was there."""
    assert document.undo_stack.index() == steps_before + 1
    document.undo()
    assert dump(document.session) == before


# -- what it shows ------------------------------------------------------------------------


def test_empty_states(panel: PropertiesPanel, document: EditingDocument) -> None:
    assert panel.current_page is panel.empty
    assert "Open a project" in panel.empty_hint.text()
    panel.show_cards(document, [])
    assert panel.current_page is panel.empty
    assert panel.empty_heading.text() == "No card selected"
    assert "Select a card" in panel.empty_hint.text()
    assert panel.empty_hint.isVisible() and not panel.card_form.isVisible()


def test_one_card_shows_every_field(panel: PropertiesPanel, document: EditingDocument) -> None:
    card = card_named(document, "Blood test ordered through the pathology lab system")
    panel.show_cards(document, [card.id])
    form = panel.card_form
    assert panel.current_page is form and form.isVisible()
    assert form.text.toPlainText() == card.text
    assert form.lane.currentText() == card.lane.title == "Systems"
    assert form.step.currentText() == f"{card.step.stage.title} / {card.step.title}"
    assert form.actor.currentText() == "(no actor)"
    ticked = [
        form.systems.item(row).text()
        for row in range(form.systems.count())
        if form.systems.item(row).checkState() == Qt.CheckState.Checked
    ]
    assert ticked == [system.name for system in card.systems]
    assert form.duration.minutes == card.duration_minutes
    assert form.fail_point.isChecked() == card.fail_point


def test_every_field_has_an_accessible_name_and_a_tab_order(
    qtbot, panel: PropertiesPanel, document: EditingDocument
) -> None:
    panel.show_cards(document, [card_named(document, "Phones surgery").id])
    form = panel.card_form
    fields = [
        form.text,
        form.lane,
        form.step,
        form.actor,
        form.channel,
        form.systems,
        form.duration,
        form.fail_point,
        form.wait_point,
        form.notes,
    ]
    assert all(field.accessibleName() for field in fields)
    focus(qtbot, form.text)
    reached = [QApplication.focusWidget()]
    for _field in fields[1:]:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == fields


def test_text_is_plain(panel: PropertiesPanel, document: EditingDocument) -> None:
    cards = [card_named(document, "Phones surgery"), card_named(document, "Waits on hold")]
    document.push(EditCardTextCommand(cards[0].id, "<b>Phones</b> surgery"))
    panel.show_cards(document, [card.id for card in cards])
    assert panel.several.names.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Phones</b> surgery" in panel.several.names.text()
    panel.show_cards(document, [cards[0].id])
    assert panel.card_form.text.toPlainText() == "<b>Phones</b> surgery"


# -- editing one card ---------------------------------------------------------------------


def test_typing_is_one_undo_step(qtbot, panel: PropertiesPanel, document: EditingDocument) -> None:
    card = card_named(document, "Phones surgery")
    panel.show_cards(document, [card.id])
    before, steps = dump(document.session), document.undo_stack.index()
    box = panel.card_form.text
    focus(qtbot, box)
    box.moveCursor(box.textCursor().MoveOperation.End)
    QTest.keyClicks(box, " at 8am")
    qtbot.wait(TYPING_PAUSE_MS // 2)
    QTest.keyClicks(box, " sharp")  # a pause shorter than the commit delay, then more
    qtbot.waitUntil(lambda: fresh(document, card).text == "Phones surgery at 8am sharp")
    QTest.keyClicks(box, "!")
    QTest.keyClick(box, Qt.Key.Key_Tab)  # leaving the box commits at once
    assert fresh(document, card).text == "Phones surgery at 8am sharp!"
    assert document.undo_stack.undoText() == "Type in card"
    one_undo_restores(document, before, steps)
    assert box.toPlainText() == "Phones surgery"


def test_lane_and_step_by_keyboard_move_the_card(
    qtbot, panel: PropertiesPanel, document: EditingDocument
) -> None:
    card = card_named(document, "Phones surgery")
    blueprint = card.lane.blueprint
    lanes, steps = blueprint.lanes, blueprint.steps
    lane_index, step_index = lanes.index(card.lane), steps.index(card.step)
    panel.show_cards(document, [card.id])
    before, count = dump(document.session), document.undo_stack.index()

    focus(qtbot, panel.card_form.lane)
    QTest.keyClick(panel.card_form.lane, Qt.Key.Key_Down)
    assert fresh(document, card).lane_id == lanes[lane_index + 1].id
    assert document.undo_stack.undoText() == "Move card"
    assert panel.card_form.lane.currentText() == lanes[lane_index + 1].title
    one_undo_restores(document, before, count)
    assert panel.card_form.lane.currentText() == lanes[lane_index].title

    focus(qtbot, panel.card_form.step)
    QTest.keyClick(panel.card_form.step, Qt.Key.Key_Up)
    assert fresh(document, card).step_id == steps[step_index - 1].id
    one_undo_restores(document, before, count)


def test_choosing_the_same_lane_again_changes_nothing(
    qtbot, panel: PropertiesPanel, document: EditingDocument
) -> None:
    card = card_named(document, "Phones surgery")  # the first of two cards in its cell
    panel.show_cards(document, [card.id])
    panel.card_form.lane.activated.emit(panel.card_form.lane.currentIndex())
    assert document.undo_stack.count() == 0


def test_actor_by_typing_its_name(qtbot, panel: PropertiesPanel, document: EditingDocument) -> None:
    card = card_named(document, "Blood test ordered through the pathology lab system")
    panel.show_cards(document, [card.id])
    before, count = dump(document.session), document.undo_stack.index()
    focus(qtbot, panel.card_form.actor)
    QTest.keyClicks(panel.card_form.actor, "Sam")
    assert fresh(document, card).actor.name == "Sam"
    assert document.undo_stack.undoText() == "Set actor"
    one_undo_restores(document, before, count)
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, not "SamGr"
    QTest.keyClicks(panel.card_form.actor, "Gr")  # "G" is the GP, "Gr" Grace: two choices
    assert fresh(document, card).actor.name == "Grace"
    QTest.keyClick(panel.card_form.actor, Qt.Key.Key_Home)
    assert fresh(document, card).actor is None
    assert document.undo_stack.undoText() == "Clear actor"
    for _step in range(3):
        document.undo()
    assert dump(document.session) == before


def test_channel_commits_on_enter(qtbot, panel: PropertiesPanel, document: EditingDocument) -> None:
    card = card_named(document, "Phones surgery")
    panel.show_cards(document, [card.id])
    before, count = dump(document.session), document.undo_stack.index()
    box = panel.card_form.channel
    focus(qtbot, box)
    box.selectAll()
    QTest.keyClicks(box, "text message")
    assert fresh(document, card).channel == "phone"  # not one step per letter
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert fresh(document, card).channel == "text message"
    assert document.undo_stack.undoText() == "Change channel"
    one_undo_restores(document, before, count)
    assert box.text() == card.channel


def test_systems_ticked_with_the_space_bar(
    qtbot, panel: PropertiesPanel, document: EditingDocument
) -> None:
    card = card_named(document, "Phones surgery")
    panel.show_cards(document, [card.id])
    before, count = dump(document.session), document.undo_stack.index()
    systems = panel.card_form.systems
    focus(qtbot, systems)
    QTest.keyClick(systems, Qt.Key.Key_Home)
    QTest.keyClick(systems, Qt.Key.Key_Space)
    QTest.keyClick(systems, Qt.Key.Key_Down)
    QTest.keyClick(systems, Qt.Key.Key_Space)
    names = [system.name for system in fresh(document, card).systems]
    assert names == [systems.item(0).text(), systems.item(1).text()]
    assert document.undo_stack.undoText() == "Set systems"
    assert document.undo_stack.count() == count + 2
    document.undo()
    assert [system.name for system in fresh(document, card).systems] == [systems.item(0).text()]
    assert systems.item(1).checkState() == Qt.CheckState.Unchecked
    document.undo()
    assert dump(document.session) == before


def test_duration_typed_and_cleared(
    qtbot, panel: PropertiesPanel, document: EditingDocument
) -> None:
    card = card_named(document, "Phones surgery")
    panel.show_cards(document, [card.id])
    before, count = dump(document.session), document.undo_stack.index()
    box = panel.card_form.duration
    focus(qtbot, box)
    box.selectAll()
    QTest.keyClicks(box, "25")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert fresh(document, card).duration_minutes == 25
    assert document.undo_stack.undoText() == "Change duration"
    box.selectAll()
    QTest.keyClick(box, Qt.Key.Key_Backspace)
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert fresh(document, card).duration_minutes is None
    assert box.text() == "" and document.undo_stack.undoText() == "Clear duration"
    document.undo()
    assert box.minutes == 25
    one_undo_restores(document, before, count)


def test_flags_by_clicking(qtbot, panel: PropertiesPanel, document: EditingDocument) -> None:
    card = card_named(document, "Phones surgery")
    panel.show_cards(document, [card.id])
    before, count = dump(document.session), document.undo_stack.index()
    was = card.wait_point
    click_box(panel.card_form.wait_point)
    assert fresh(document, card).wait_point is not was
    assert document.undo_stack.undoText() in ("Mark wait point", "Clear wait point")
    one_undo_restores(document, before, count)
    assert panel.card_form.wait_point.isChecked() is was
    was = card.fail_point
    click_box(panel.card_form.fail_point)
    assert fresh(document, card).fail_point is not was
    one_undo_restores(document, before, count)


def test_notes_commit_when_leaving_them(
    qtbot, panel: PropertiesPanel, document: EditingDocument
) -> None:
    card = card_named(document, "Phones surgery")
    panel.show_cards(document, [card.id])
    before, count = dump(document.session), document.undo_stack.index()
    notes = panel.card_form.notes
    focus(qtbot, notes)
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    QTest.keyClick(notes, Qt.Key.Key_Return)
    QTest.keyClicks(notes, "Lines open at 8am")
    QTest.keyClick(notes, Qt.Key.Key_Return)
    QTest.keyClicks(notes, "Busy on Mondays")
    assert fresh(document, card).notes == before_notes(before, card.id)
    QTest.keyClick(notes, Qt.Key.Key_Tab)
    assert fresh(document, card).notes.endswith("Lines open at 8am\nBusy on Mondays")
    assert document.undo_stack.undoText() == "Edit notes"
    one_undo_restores(document, before, count)


def before_notes(before: dict, card_id: str) -> str:
    return next(row["notes"] for row in before["card"] if row["id"] == card_id)


def test_typing_is_committed_before_another_card_is_shown(
    qtbot, panel: PropertiesPanel, document: EditingDocument
) -> None:
    card = card_named(document, "Phones surgery")
    other = card_named(document, "Waits on hold")
    panel.show_cards(document, [card.id])
    box = panel.card_form.text
    focus(qtbot, box)
    box.moveCursor(box.textCursor().MoveOperation.End)
    QTest.keyClicks(box, " twice")
    panel.card_form.channel.setFocus()
    panel.card_form.channel.selectAll()
    QTest.keyClicks(panel.card_form.channel, "by phone")  # not committed yet either
    panel.show_cards(document, [other.id])
    assert fresh(document, card).text == "Phones surgery twice"
    assert fresh(document, card).channel == "by phone"
    assert panel.card_form.text.toPlainText() == "Waits on hold"


# -- several cards ------------------------------------------------------------------------


def test_several_cards_set_a_flag_on_all(
    qtbot, panel: PropertiesPanel, document: EditingDocument
) -> None:
    cards = [card_named(document, text) for text in ("Phones surgery", "Waits on hold")]
    cards.append(card_named(document, "Receives letter"))
    document.push(EditCardCommand(cards[1].id, fail_point=True))
    document.push(EditCardCommand(cards[0].id, fail_point=False))
    document.push(EditCardCommand(cards[2].id, fail_point=False))
    panel.show_cards(document, [card.id for card in cards])
    several = panel.several
    assert panel.current_page is several
    assert several.heading.text() == "3 cards selected"
    assert several.fail_point.checkState() == Qt.CheckState.PartiallyChecked
    before, count = dump(document.session), document.undo_stack.index()

    click_box(several.fail_point)
    assert [fresh(document, card).fail_point for card in cards] == [True, True, True]
    assert several.fail_point.checkState() == Qt.CheckState.Checked
    assert document.undo_stack.undoText() == "Mark 3 fail points"
    click_box(several.fail_point)  # checked: the next click clears them all
    assert [fresh(document, card).fail_point for card in cards] == [False, False, False]
    document.undo()
    one_undo_restores(document, before, count)
    assert several.fail_point.checkState() == Qt.CheckState.PartiallyChecked


# -- following the document ---------------------------------------------------------------


def test_follows_changes_made_elsewhere(panel: PropertiesPanel, document: EditingDocument) -> None:
    card = card_named(document, "Phones surgery")
    panel.show_cards(document, [card.id])
    document.push(EditCardTextCommand(card.id, "Phones the surgery"))
    assert panel.card_form.text.toPlainText() == "Phones the surgery"
    document.push(EditCardCommand(card.id, channel="phone", duration_minutes=20))
    assert panel.card_form.channel.text() == "phone"
    assert panel.card_form.duration.text() == "20"
    document.push(RenameLaneCommand(card.lane_id, "What the patient does"))
    assert panel.card_form.lane.currentText() == "What the patient does"
    document.push(RenameStepCommand(card.step_id, "Rings the practice"))
    assert panel.card_form.step.currentText() == "Booking / Rings the practice"
    document.push(DeleteCardsCommand([card.id]))
    assert panel.current_page is panel.empty
    assert panel.empty_heading.text() == "No card selected"


def test_a_change_elsewhere_keeps_what_is_being_typed(
    qtbot, panel: PropertiesPanel, document: EditingDocument
) -> None:
    card = card_named(document, "Phones surgery")
    panel.show_cards(document, [card.id])
    box = panel.card_form.text
    focus(qtbot, box)
    box.moveCursor(box.textCursor().MoveOperation.End)
    QTest.keyClicks(box, " again")
    document.push(EditCardCommand(card.id, wait_point=True))  # before the typing is committed
    assert box.toPlainText() == "Phones surgery again"
    assert panel.card_form.wait_point.isChecked()
    qtbot.waitUntil(lambda: fresh(document, card).text == "Phones surgery again")


def test_several_cards_follow_deletions(panel: PropertiesPanel, document: EditingDocument) -> None:
    cards = [card_named(document, text) for text in ("Phones surgery", "Waits on hold")]
    panel.show_cards(document, [card.id for card in cards])
    document.push(DeleteCardsCommand([cards[0].id]))
    assert panel.current_page is panel.card_form
    assert panel.card_form.text.toPlainText() == "Waits on hold"


def test_a_closed_document_leaves_the_empty_state(
    qtbot, panel: PropertiesPanel, sample_file: ProjectFile
) -> None:
    document = EditingDocument(sample_file)
    panel.show_cards(document, [card_named(document, "Phones surgery").id])
    document.deleteLater()  # as the window drops the document of a closed project
    qtbot.waitUntil(lambda: not isValid(document))
    panel.refresh()
    assert panel.document is None and panel.current_page is panel.empty
    assert "Open a project" in panel.empty_hint.text()


# -- refused edits and read-only projects -----------------------------------------------


def test_a_refused_edit_is_shown(qtbot, panel: PropertiesPanel, document: EditingDocument) -> None:
    card = card_named(document, "Phones surgery")
    panel.show_cards(document, [card.id])
    box = panel.card_form.channel
    focus(qtbot, box)
    box.selectAll()
    QTest.keyClicks(box, "x" * 201)
    with qtbot.waitSignal(panel.failed) as failed:
        QTest.keyClick(box, Qt.Key.Key_Return)
    assert "longer than 200 characters" in failed.args[0]
    assert panel.error.isVisible()
    assert panel.error.text() == "Channel is longer than 200 characters."
    assert fresh(document, card).channel == "phone"
    assert document.undo_stack.count() == 0
    box.selectAll()
    QTest.keyClicks(box, "by phone")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert not panel.error.isVisible()


def test_read_only_projects_show_but_do_not_edit(
    qtbot, panel: PropertiesPanel, sample_file: ProjectFile, tmp_path: Path
) -> None:
    sample_file.save_as(tmp_path / "sample.blueprint")
    read_only = ProjectFile.open(tmp_path / "sample.blueprint", read_only=True)
    try:
        document = EditingDocument(read_only)
        card = card_named(document, "Phones surgery")
        panel.show_cards(document, [card.id])
        form = panel.card_form
        assert form.read_only_note.isVisible()
        assert form.text.isReadOnly() and form.channel.isReadOnly() and form.notes.isReadOnly()
        for field in (form.lane, form.step, form.actor, form.systems, form.duration):
            assert not field.isEnabled()
        assert not form.fail_point.isEnabled() and not form.wait_point.isEnabled()
        QTest.keyClicks(form.text, "more")
        form.commit_pending()
        assert form.text.toPlainText() == "Phones surgery"
        assert document.undo_stack.count() == 0
        other = card_named(document, "Waits on hold")
        panel.show_cards(document, [card.id, other.id])
        assert not panel.several.fail_point.isEnabled()
    finally:
        panel.clear()
        read_only.close()
