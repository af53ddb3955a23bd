"""The properties dock's "Pain points" section: it lists the pain points of the selected
card (or of a step) with the numbers of their badges on the map, and adds, edits and
deletes them through the dialog and undoable commands."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.editing.commands.method import AddPainPointCommand, EditPainPointCommand
from app.editing.document import EditingDocument
from app.layout.overlay import numbered_pain_points
from app.model.method import PainPoint
from app.model.project_file import ProjectFile
from app.model.structure import Card, Lane
from app.ui.main_window import MainWindow
from app.ui.method.pain_point_dialog import PainPointDialog
from app.ui.properties import PropertiesPanel
from app.ui.properties.pain_points_section import PainPointsSection, badge_numbers

sys.path.insert(0, str(Path(__file__).parents[2] / "canvas"))
from canvas_helpers import aim_at_card

LEFT = Qt.MouseButton.LeftButton
NONE, CTRL = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def document(qapp, sample_file: ProjectFile) -> EditingDocument:
    return EditingDocument(sample_file)


@pytest.fixture
def panel(qtbot) -> PropertiesPanel:
    panel = PropertiesPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1400, 900)
    return made


def card_named(document: EditingDocument, text: str) -> Card:
    as_is = document.project.blueprints[0]
    query = select(Card).join(Lane).where(Lane.blueprint_id == as_is.id, Card.text == text)
    return document.session.scalars(query).one()


def listed(section: PainPointsSection) -> list[str]:
    return [section.list.item(row).text() for row in range(section.list.count())]


def item_point(section: PainPointsSection, row: int) -> QPoint:
    return section.list.visualItemRect(section.list.item(row)).center()


def open_dialog(qtbot, section: PainPointsSection) -> PainPointDialog:
    dialog = section.dialog
    assert isinstance(dialog, PainPointDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


# -- the numbers -------------------------------------------------------------------------


def test_badge_numbers_are_the_overlays(document: EditingDocument) -> None:
    for blueprint in document.project.blueprints:
        owners = [*blueprint.steps, *(card for lane in blueprint.lanes for card in lane.cards)]
        want = {entry.id: entry.number for entry in numbered_pain_points(blueprint)}
        got: dict[str, int] = {}
        for owner in owners:
            got.update(badge_numbers(owner))
        assert got == want
    # Resolving one renumbers those after it, as on the map.
    as_is = document.project.blueprints[0]
    first = numbered_pain_points(as_is)[0]
    document.push(EditPainPointCommand(first.id, resolved=True))
    last = numbered_pain_points(as_is)[-1]
    owner = document.session.get(Card, last.card_id) if last.card_id else None
    owner = owner or next(s for s in as_is.steps if s.id == last.step_id)
    assert badge_numbers(owner)[last.id] == last.number


# -- listing -------------------------------------------------------------------------------


def test_lists_the_cards_pain_points(panel: PropertiesPanel, document: EditingDocument) -> None:
    card = card_named(document, "Sits in waiting room")
    document.push(AddPainPointCommand("card", card.id, description="No quiet corner", severity=2))
    panel.show_cards(document, [card.id])
    section = panel.pain_points
    assert section.isVisible() and section.heading.text() == "Pain points (2)"
    numbers = {entry.id: entry.number for entry in numbered_pain_points(card.lane.blueprint)}
    anxiety = next(p for p in card.pain_points if p.severity == 5)
    assert listed(section) == [
        f"{anxiety.description}\n5 critical · Service user",
        "No quiet corner\n2 moderate · Service user",
    ]
    assert [section.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(2)] == [
        anxiety.id,
        next(p.id for p in card.pain_points if p.severity == 2),
    ]
    assert badge_numbers(card)[anxiety.id] == numbers[anxiety.id]

    quiet = card_named(document, "Travels to surgery")
    panel.show_cards(document, [quiet.id])
    assert not section.list.isVisible() and section.empty_hint.text() == (
        "No pain points on this card yet."
    )
    assert section.add_button.isEnabled() and not section.delete_button.isEnabled()
    panel.show_cards(document, [card.id, quiet.id])
    assert not section.isVisible()  # several cards: no section


def test_shows_a_steps_pain_points(qtbot, document: EditingDocument) -> None:
    """Another page of the dock (a step's) reuses the section with show_for."""
    step = document.project.blueprints[0].steps[4]
    section = PainPointsSection()
    qtbot.addWidget(section)
    section.show()
    pushed: list = []
    section.command_requested.connect(lambda command: pushed.append(document.push(command)))
    section.show_for(document, step)
    assert section.empty_hint.text() == "No pain points on this step yet."
    qtbot.mouseClick(section.add_button, LEFT)
    dialog = open_dialog(qtbot, section)
    assert dialog.heading.text() == f"On the step “{step.title}”"
    qtbot.keyClicks(dialog.description, "Two queues and no signs")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert len(pushed) == 1
    section.show_for(document, step)
    assert listed(section) == ["Two queues and no signs\n3 serious · Service user"]


# -- editing in the window -------------------------------------------------------------------


def test_add_edit_and_delete_from_the_properties_dock(qtbot, window: MainWindow) -> None:
    document = window.workspace.document
    card = card_named(document, "Phones surgery")
    view = window.workspace.current.view
    qtbot.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, card.id))
    section = window.properties.pain_points
    assert section.isVisible() and section.list.count() == len(card.pain_points) == 0

    qtbot.mouseClick(section.add_button, LEFT)
    dialog = open_dialog(qtbot, section)
    assert dialog.heading.text() == "On the card “Phones surgery”"
    qtbot.keyClicks(dialog.description, "Nobody answers before 8am")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    [pain] = card.pain_points
    assert (pain.description, pain.severity) == ("Nobody answers before 8am", 2)
    assert listed(section) == ["Nobody answers before 8am\n2 moderate · Service user"]
    assert document.undo_stack.undoText() == "Add pain point"

    # Double-click edits it.
    qtbot.mouseClick(section.list.viewport(), LEFT, NONE, item_point(section, 0))
    qtbot.mouseDClick(section.list.viewport(), LEFT, NONE, item_point(section, 0))
    dialog = open_dialog(qtbot, section)
    assert dialog.windowTitle() == "Edit Pain Point"
    qtbot.mouseClick(dialog.resolved, LEFT, pos=QPoint(6, dialog.resolved.height() // 2))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert pain.resolved
    assert listed(section) == ["Nobody answers before 8am\n2 moderate · Service user · resolved"]
    assert section.list.item(0).isSelected()  # the selection survives the refresh

    # Delete in the list deletes the pain point, not the card.
    second = AddPainPointCommand("card", card.id, description="Engaged tone", severity=4)
    document.push(second)
    assert section.list.count() == 2
    qtbot.mouseClick(section.list.viewport(), LEFT, NONE, item_point(section, 0))
    qtbot.mouseClick(section.list.viewport(), LEFT, CTRL, item_point(section, 1))
    steps = document.undo_stack.index()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    section.list.setFocus()
    QTest.keyClick(section.list, Qt.Key.Key_Delete)
    assert document.session.get(Card, card.id) is not None
    assert not card.pain_points and document.session.get(PainPoint, pain.id) is None
    assert document.undo_stack.index() == steps + 1
    assert section.empty_hint.isVisible()
    document.undo()
    assert section.list.count() == 2


def test_buttons_are_off_in_a_read_only_project(
    qtbot, panel: PropertiesPanel, sample_file: ProjectFile, tmp_path: Path
) -> None:
    sample_file.save_as(tmp_path / "sample.blueprint")
    read_only = ProjectFile.open(tmp_path / "sample.blueprint", read_only=True)
    try:
        document = EditingDocument(read_only)
        card = card_named(document, "Sits in waiting room")
        panel.show_cards(document, [card.id])
        section = panel.pain_points
        section.list.item(0).setSelected(True)
        assert section.list.count() == 1
        for button in (section.add_button, section.edit_button, section.delete_button):
            assert not button.isEnabled()
        section.add()
        section.delete()
        assert section.dialog is None and document.undo_stack.count() == 0
    finally:
        panel.clear()
        read_only.close()
