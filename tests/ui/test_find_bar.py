"""Find (Ctrl+F) on a blueprint editor without the main window: typing marks and counts the
matching cards, Enter and F3 step through them, Escape clears the marks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlalchemy import select

from app.editing.commands.cards import AddCardCommand, EditCardCommand
from app.editing.document import EditingDocument
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.model.structure import Card, Lane, Step
from app.ui.blueprint_editor import BlueprintEditor
from app.ui.find_bar import FindBar, find_cards

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
Key = QKeySequence.StandardKey


class Host(QWidget):
    """A blueprint editor with the find bar under the canvas and its actions wired as the
    main window wires them."""

    def __init__(self, editor: BlueprintEditor) -> None:
        super().__init__()
        self.editor = editor
        self.find_bar = FindBar()
        column = QVBoxLayout(self)
        column.addWidget(editor, 1)
        column.addWidget(self.find_bar)
        self.find_bar.set_editor(editor)
        for name, keys, slot in (
            ("findAction", QKeySequence.keyBindings(Key.Find), self.find_bar.open),
            ("findNextAction", [QKeySequence("F3")], self.find_bar.find_next),
            ("findPreviousAction", [QKeySequence("Shift+F3")], self.find_bar.find_previous),
        ):
            action = QAction(name, self)
            action.setObjectName(name)
            action.setShortcuts(keys)
            action.triggered.connect(slot)
            self.addAction(action)


@pytest.fixture
def sample() -> Iterator[ProjectFile]:
    project_file = ProjectFile.build(SAMPLE_NAME, build_sample)
    yield project_file
    project_file.close()


@pytest.fixture
def host(qtbot, sample: ProjectFile) -> Host:
    editor = BlueprintEditor(EditingDocument(sample), sample.project.blueprints[0].id)
    host = Host(editor)
    host.resize(1200, 800)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    editor.view.zoom_to_actual()
    editor.view.setFocus()
    return host


def expected(session, blueprint_id: str, word: str) -> list[str]:
    """The matching cards found the slow way, in reading order."""
    cards = session.scalars(
        select(Card).join(Lane).join(Step).where(Lane.blueprint_id == blueprint_id)
    ).all()
    cards.sort(key=lambda c: (c.step.position, c.lane.position, c.position))
    word = word.casefold()
    return [
        c.id
        for c in cards
        if any(word in (field or "").casefold() for field in (c.text, c.notes, c.channel))
        or (c.actor is not None and word in c.actor.name.casefold())
    ]


def found(host: Host) -> set[str]:
    return {i for i, item in host.editor.view.blueprint_scene.cards.items() if item.found}


def test_typing_marks_and_counts_enter_steps_escape_clears(host, qtbot):
    bar, view = host.find_bar, host.editor.view
    session, blueprint_id = host.editor.document.session, host.editor.blueprint_id
    matches = expected(session, blueprint_id, "letter")
    assert len(matches) >= 3

    QTest.keyClick(view.viewport(), Qt.Key.Key_F, CTRL)
    assert bar.isVisible()
    qtbot.waitUntil(bar.field.hasFocus)
    QTest.keyClicks(bar.field, "LeTTer")
    assert bar.matches == matches
    assert found(host) == set(matches)
    assert bar.count_label.text() == f"1 of {len(matches)}"
    assert view.selected_card_ids() == [matches[0]]

    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count_label.text() == f"2 of {len(matches)}"
    assert view.selected_card_ids() == [matches[1]]
    assert bar.field.hasFocus()  # Enter again goes on
    rect = view.blueprint_scene.geometry.cards[matches[1]].rect
    centre = view.mapFromScene(rect.x + rect.w / 2, rect.y + rect.h / 2)
    assert view.viewport().rect().contains(centre)

    QTest.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert view.selected_card_ids() == [matches[0]]
    QTest.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)  # round to the last
    assert bar.count_label.text() == f"{len(matches)} of {len(matches)}"
    QTest.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.count_label.text() == f"1 of {len(matches)}"
    QTest.keyClick(host, Qt.Key.Key_F3)
    assert bar.current == matches[1]
    QTest.keyClick(host, Qt.Key.Key_F3, SHIFT)
    assert bar.current == matches[0]

    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert found(host) == set()
    assert view.hasFocus()
    assert view.selected_card_ids() == [matches[0]]  # the card found stays selected


def test_no_match_and_empty_text(host):
    bar = host.find_bar
    bar.open()
    QTest.keyClicks(bar.field, "zzqx")
    assert bar.matches == [] and bar.count_label.text() == "No matches"
    QTest.keyClick(bar.field, Qt.Key.Key_Return)  # nothing to go to
    bar.field.clear()
    assert bar.count_label.text() == "" and found(host) == set()


def test_notes_channel_and_actor_match_too(host):
    bar, document = host.find_bar, host.editor.document
    card = document.session.scalars(
        select(Card).join(Lane).where(Lane.blueprint_id == host.editor.blueprint_id)
    ).first()
    host.editor.push(EditCardCommand(card.id, notes="ask about the\nPARKING permit"))
    bar.open()
    QTest.keyClicks(bar.field, "parking permit")
    assert bar.matches == [card.id]
    actor = next(c for c in host.editor.blueprint.lanes[1].cards if c.actor is not None).actor
    bar.field.clear()
    QTest.keyClicks(bar.field, actor.name.upper())
    ids = expected(document.session, host.editor.blueprint_id, actor.name)
    assert bar.matches == ids and ids


def test_matches_follow_edits_undo_and_the_blueprint_shown(host, qtbot, sample):
    bar, document = host.find_bar, host.editor.document
    session, blueprint_id = document.session, host.editor.blueprint_id
    before = expected(session, blueprint_id, "letter")
    bar.open()
    QTest.keyClicks(bar.field, "letter")
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    current = bar.current

    blueprint = host.editor.blueprint
    host.editor.push(AddCardCommand(blueprint.lanes[1].id, blueprint.steps[-1].id, "Lost letter"))
    qtbot.waitUntil(lambda: len(bar.matches) == len(before) + 1)
    assert bar.current == current  # the canvas did not jump
    assert bar.count_label.text() == f"2 of {len(before) + 1}"
    assert found(host) == set(bar.matches)
    document.undo()
    qtbot.waitUntil(lambda: bar.matches == before)
    assert found(host) == set(before)

    # Another blueprint shown: its cards are searched and the old marks go.
    other = BlueprintEditor(document, sample.project.blueprints[1].id)
    bar.set_editor(other)
    assert found(host) == set()
    assert bar.matches == expected(session, other.blueprint_id, "letter")
    assert {i for i, item in other.view.blueprint_scene.cards.items() if item.found} == set(
        bar.matches
    )
    other.deleteLater()
    qtbot.waitUntil(lambda: bar.editor is None)
    bar.find_next()  # no editor: nothing happens
    assert bar.matches == []


def test_find_cards_spacing_and_order(host):
    session, blueprint_id = host.editor.document.session, host.editor.blueprint_id
    assert find_cards(session, blueprint_id, "   ") == []
    assert find_cards(session, blueprint_id, "phones  SURGERY") == expected(
        session, blueprint_id, "phones surgery"
    )
