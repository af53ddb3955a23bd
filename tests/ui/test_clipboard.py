"""Cut, Copy, Paste and Duplicate of cards with the keyboard, on a blueprint editor without
the main window: within a blueprint, between two projects, to and from plain text."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlalchemy import select

from app.editing.commands.cards import EditCardTextCommand
from app.editing.document import EditingDocument
from app.model.ops_grid import cell_cards
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.model.structure import Card, Connector, Lane, Step
from app.ui import clipboard
from app.ui.blueprint_editor import BlueprintEditor

sys.path.insert(0, str(Path(__file__).parents[1] / "canvas"))
from canvas_helpers import aim, aim_at_card

LEFT = Qt.MouseButton.LeftButton
CTRL, NONE = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier


class Host(QWidget):
    """A blueprint editor with the clipboard actions wired as the main window wires them."""

    def __init__(self, editor: BlueprintEditor, qtbot) -> None:
        super().__init__()
        self.editor, self.qtbot = editor, qtbot
        self.messages: list[str] = []
        editor.failed.connect(self.messages.append)
        QVBoxLayout(self).addWidget(editor)
        Key = QKeySequence.StandardKey
        for name, keys, slot in (
            ("cutAction", Key.Cut, lambda: clipboard.cut(self.editor)),
            ("copyAction", Key.Copy, lambda: clipboard.copy(self.editor)),
            ("pasteAction", Key.Paste, lambda: clipboard.paste(self.editor)),
            ("duplicateAction", QKeySequence("Ctrl+D"), lambda: clipboard.duplicate(self.editor)),
        ):
            action = QAction(name, self)
            action.setObjectName(name)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            self.addAction(action)

    @property
    def view(self):
        return self.editor.view

    @property
    def session(self):
        return self.editor.document.session

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
        """A shortcut on the canvas (this window is brought to the front first)."""
        self.activateWindow()
        self.qtbot.waitUntil(self.isActiveWindow)
        self.view.setFocus()
        QTest.keyClick(self.view.viewport(), key, modifiers)

    def click_card(self, card_id: str, modifiers: Qt.KeyboardModifier = NONE) -> None:
        QTest.mouseClick(self.view.viewport(), LEFT, modifiers, aim_at_card(self.view, card_id))

    def click_cell(self, lane_id: str, step_id: str) -> None:
        """Click an empty spot of a cell: it becomes the current cell."""
        rect = self.view.blueprint_scene.geometry.cells[(lane_id, step_id)]
        QTest.mouseClick(
            self.view.viewport(), LEFT, NONE, aim(self.view, rect.x + 6, rect.bottom - 4)
        )
        assert self.view.current_cell == (lane_id, step_id)

    def card(self, text: str) -> Card:
        """The card of this blueprint with that text."""
        query = select(Card).join(Lane).where(Card.text == text)
        return self.session.scalars(
            query.where(Lane.blueprint_id == self.editor.blueprint_id)
        ).one()

    def cell_texts(self, lane_id: str, step_id: str) -> list[str]:
        lane, step = self.session.get(Lane, lane_id), self.session.get(Step, step_id)
        return [card.text for card in cell_cards(lane, step)]


@pytest.fixture
def project_files() -> Iterator[list[ProjectFile]]:
    made: list[ProjectFile] = []
    yield made
    for project_file in made:
        project_file.close()


@pytest.fixture
def make_host(qtbot, project_files: list[ProjectFile]) -> Callable[..., Host]:
    """A shown, active editor of a new sample project's blueprint (as-is by default)."""

    def make(
        project_file: ProjectFile | None = None,
        blueprint: int = 0,
        document: EditingDocument | None = None,
    ) -> Host:
        if document is None:
            if project_file is None:
                project_file = ProjectFile.build(SAMPLE_NAME, build_sample)
                project_files.append(project_file)
            document = EditingDocument(project_file)
        project_file = document.project_file
        editor = BlueprintEditor(document, project_file.project.blueprints[blueprint].id)
        host = Host(editor, qtbot)
        host.resize(1200, 800)
        qtbot.addWidget(host)
        host.show()
        qtbot.waitExposed(host)
        host.activateWindow()
        qtbot.waitUntil(host.isActiveWindow)
        host.view.zoom_to_actual()
        return host

    return make


def mime_text() -> str:
    return QGuiApplication.clipboard().mimeData().text()


def empty_cell(host: Host) -> tuple[str, str]:
    blueprint = host.editor.blueprint
    filled = {(card.lane_id, card.step_id) for lane in blueprint.lanes for card in lane.cards}
    return next(
        (lane.id, step.id)
        for lane in blueprint.lanes[1:]
        for step in blueprint.steps
        if (lane.id, step.id) not in filled
    )


def test_copy_two_connected_cards_and_paste_them_into_another_cell(make_host):
    host = make_host()
    phones, waits = host.card("Phones surgery"), host.card("Waits on hold")
    host.click_card(phones.id)
    host.click_card(waits.id, CTRL)
    assert set(host.view.selected_card_ids()) == {phones.id, waits.id}
    host.press(Qt.Key.Key_C)
    assert mime_text() == "Phones surgery\nWaits on hold"
    assert QGuiApplication.clipboard().mimeData().hasFormat(clipboard.MIME_TYPE)

    cell = empty_cell(host)
    host.click_cell(*cell)
    connectors_before = len(host.session.scalars(select(Connector)).all())
    host.press(Qt.Key.Key_V)

    assert host.cell_texts(*cell) == ["Phones surgery", "Waits on hold"]
    copies = cell_cards(host.session.get(Lane, cell[0]), host.session.get(Step, cell[1]))
    assert {c.id for c in copies}.isdisjoint({phones.id, waits.id})
    assert [(c.source_id, c.target_id) for c in copies[0].outgoing] == [
        (copies[0].id, copies[1].id)
    ]
    assert copies[0].actor_id == phones.actor_id and copies[0].channel == phones.channel
    assert len(host.session.scalars(select(Connector)).all()) == connectors_before + 1
    assert sorted(host.view.selected_card_ids()) == sorted(c.id for c in copies)
    assert set(host.view.blueprint_scene.cards) >= {c.id for c in copies}
    assert host.editor.document.undo_stack.undoText() == "Paste 2 cards"

    host.editor.document.undo()
    assert host.cell_texts(*cell) == []
    assert len(host.session.scalars(select(Connector)).all()) == connectors_before
    assert not {c.id for c in copies} & set(host.view.blueprint_scene.cards)
    host.editor.document.redo()
    assert host.cell_texts(*cell) == ["Phones surgery", "Waits on hold"]
    assert len(host.session.scalars(select(Connector)).all()) == connectors_before + 1


def test_paste_after_the_selected_card_or_into_the_first_cell(make_host):
    host = make_host()
    phones = host.card("Phones surgery")
    cell = (phones.lane_id, phones.step_id)
    host.click_card(phones.id)
    host.press(Qt.Key.Key_C)
    host.press(Qt.Key.Key_V)
    assert host.cell_texts(*cell) == ["Phones surgery", "Phones surgery", "Waits on hold"]

    # Nothing selected and no current cell: the first cell of the blueprint.
    host.view.blueprint_scene.clearSelection()
    host.view.set_current_cell(None)
    blueprint = host.editor.blueprint
    first = (blueprint.lanes[0].id, blueprint.steps[0].id)
    before = host.cell_texts(*first)
    host.press(Qt.Key.Key_V)
    assert host.cell_texts(*first) == [*before, "Phones surgery"]


def test_cut_then_undo(make_host):
    host = make_host()
    phones, waits = host.card("Phones surgery"), host.card("Waits on hold")
    cell = (phones.lane_id, phones.step_id)
    connector_count = len(host.session.scalars(select(Connector)).all())
    host.click_card(phones.id)
    host.click_card(waits.id, CTRL)
    host.press(Qt.Key.Key_X)
    assert host.cell_texts(*cell) == []
    assert mime_text() == "Phones surgery\nWaits on hold"
    assert host.editor.document.undo_stack.undoText() == "Cut 2 cards"
    assert phones.id not in host.view.blueprint_scene.cards

    host.editor.document.undo()
    assert host.cell_texts(*cell) == ["Phones surgery", "Waits on hold"]
    assert len(host.session.scalars(select(Connector)).all()) == connector_count
    assert phones.id in host.view.blueprint_scene.cards

    # What was cut pastes back with its connector.
    host.click_cell(*empty_cell(host))
    host.press(Qt.Key.Key_V)
    assert len(host.session.scalars(select(Connector)).all()) == connector_count + 1


def test_duplicate_puts_each_copy_after_its_original_in_one_undo_step(make_host):
    host = make_host()
    phones, waits = host.card("Phones surgery"), host.card("Waits on hold")
    letter = host.card("Receives letter")
    cell = (phones.lane_id, phones.step_id)
    connectors_before = len(host.session.scalars(select(Connector)).all())
    host.click_card(waits.id)
    host.click_card(phones.id, CTRL)
    host.click_card(letter.id, CTRL)
    host.press(Qt.Key.Key_D)

    expected = ["Phones surgery", "Phones surgery", "Waits on hold", "Waits on hold"]
    assert host.cell_texts(*cell) == expected
    assert host.cell_texts(letter.lane_id, letter.step_id).count("Receives letter") == 2
    stack = cell_cards(host.session.get(Lane, cell[0]), host.session.get(Step, cell[1]))
    assert [c.id for c in stack[::2]] == [phones.id, waits.id]
    phones_copy, waits_copy = stack[1], stack[3]
    letter_copy = next(
        card
        for card in cell_cards(letter.lane, letter.step)
        if card.text == "Receives letter" and card.id != letter.id
    )
    # The connectors among the originals (letter -> phones -> waits) join their copies.
    assert [c.target_id for c in phones_copy.outgoing] == [waits_copy.id]
    assert [c.target_id for c in letter_copy.outgoing] == [phones_copy.id]
    assert len(host.session.scalars(select(Connector)).all()) == connectors_before + 2
    assert set(host.view.selected_card_ids()) >= {phones_copy.id, waits_copy.id}
    assert len(host.view.selected_card_ids()) == 3
    assert host.editor.document.undo_stack.undoText() == "Duplicate 3 cards"

    host.editor.document.undo()
    assert host.cell_texts(*cell) == ["Phones surgery", "Waits on hold"]
    assert len(host.session.scalars(select(Connector)).all()) == connectors_before
    host.editor.document.redo()
    assert host.cell_texts(*cell) == expected
    assert len(host.session.scalars(select(Connector)).all()) == connectors_before + 2
    restored = host.session.get(Card, phones_copy.id)
    assert [c.target_id for c in restored.outgoing] == [waits_copy.id]


def test_paste_between_two_projects_keeps_only_the_links_the_target_has(make_host):
    source = make_host()
    other_sample = make_host()
    template = ProjectFile.new("Clinic")
    try:
        empty = make_host(template)
        phones, waits = source.card("Phones surgery"), source.card("Waits on hold")
        assert phones.actor is not None
        source.click_card(phones.id)
        source.click_card(waits.id, CTRL)
        source.press(Qt.Key.Key_C)

        # Another project with an actor of the same name: the copy is linked to that one.
        cell = empty_cell(other_sample)
        other_sample.click_cell(*cell)
        other_sample.press(Qt.Key.Key_V)
        copies = cell_cards(
            other_sample.session.get(Lane, cell[0]), other_sample.session.get(Step, cell[1])
        )
        assert [c.text for c in copies] == ["Phones surgery", "Waits on hold"]
        assert copies[0].actor is not None and copies[0].actor.name == phones.actor.name
        assert copies[0].actor.project_id == other_sample.editor.document.project.id
        assert [c.target_id for c in copies[0].outgoing] == [copies[1].id]

        # A project without that actor: the cards and their connector, no actor.
        blueprint = empty.editor.blueprint
        cell = (blueprint.lanes[1].id, blueprint.steps[0].id)
        empty.click_cell(*cell)
        empty.press(Qt.Key.Key_V)
        copies = cell_cards(empty.session.get(Lane, cell[0]), empty.session.get(Step, cell[1]))
        assert [c.text for c in copies] == ["Phones surgery", "Waits on hold"]
        assert copies[0].actor is None and copies[0].channel == phones.channel
        assert [c.target_id for c in copies[0].outgoing] == [copies[1].id]
        empty.editor.document.undo()
        assert empty.cell_texts(*cell) == []
    finally:
        template.close()


def test_paste_into_another_blueprint_of_the_same_project(make_host):
    as_is = make_host()
    to_be = make_host(blueprint=1, document=as_is.editor.document)
    phones = as_is.card("Phones surgery")
    as_is.click_card(phones.id)
    as_is.press(Qt.Key.Key_C)
    blueprint = to_be.editor.blueprint
    cell = (blueprint.lanes[1].id, blueprint.steps[0].id)
    to_be.click_cell(*cell)
    to_be.press(Qt.Key.Key_V)
    pasted = cell_cards(to_be.session.get(Lane, cell[0]), to_be.session.get(Step, cell[1]))[-1]
    assert pasted.text == "Phones surgery"
    assert pasted.lane.blueprint_id == blueprint.id
    assert pasted.actor_id == phones.actor_id  # the same project: the same actor


def test_plain_text_lines_paste_as_cards(make_host):
    host = make_host()
    QGuiApplication.clipboard().setText("a\nb\n\nc")
    cell = empty_cell(host)
    host.click_cell(*cell)
    host.press(Qt.Key.Key_V)
    assert host.cell_texts(*cell) == ["a", "b", "c"]
    assert host.editor.document.undo_stack.undoText() == "Paste 3 cards"
    assert len(host.view.selected_card_ids()) == 3
    host.editor.document.undo()
    assert host.cell_texts(*cell) == []


def test_the_plain_text_holds_one_line_per_card(make_host):
    host = make_host()
    phones, waits = host.card("Phones surgery"), host.card("Waits on hold")
    host.editor.push(EditCardTextCommand(phones.id, "Phones\nthe surgery\tat 8"))
    host.click_card(waits.id)
    host.click_card(phones.id, CTRL)
    host.press(Qt.Key.Key_C)
    # In the order the cards stand, whatever the order they were selected in.
    assert mime_text() == "Phones the surgery at 8\nWaits on hold"
    payload = json.loads(bytes(QGuiApplication.clipboard().mimeData().data(clipboard.MIME_TYPE)))
    assert payload["project_id"] == host.editor.document.project.id
    assert [card["text"] for card in payload["cards"]] == [
        "Phones\nthe surgery\tat 8",
        "Waits on hold",
    ]


def test_hostile_text_stays_plain_and_too_much_is_refused(make_host):
    host = make_host()
    cell = empty_cell(host)
    host.click_cell(*cell)
    count = len(host.session.scalars(select(Card)).all())

    QGuiApplication.clipboard().setText("<b>bold</b>\x00\x07\n" * 70_000)  # about 1 MB
    host.press(Qt.Key.Key_V)
    assert len(host.session.scalars(select(Card)).all()) == count
    assert host.messages and "70,000 lines" in host.messages[-1]
    assert "at most 500" in host.messages[-1]

    huge = "<script>alert(1)</script> \x1b[31m" + "word " * 200_000
    QGuiApplication.clipboard().setText(f"{huge}\n<i>x</i>\u202e")
    host.click_cell(*cell)
    host.press(Qt.Key.Key_V)
    texts = host.cell_texts(*cell)
    assert len(texts) == 2
    assert texts[0].startswith("<script>alert(1)</script> [31mword word")
    assert len(texts[0]) > 1_000_000
    assert texts[1] == "<i>x</i>\u202e"
    assert not any(ch in "\x00\x07\x1b" for text in texts for ch in text)


def test_damaged_card_data_is_checked(make_host):
    host = make_host()
    cell = empty_cell(host)
    host.click_cell(*cell)

    # Not JSON of ours: the plain text is pasted instead.
    mime = QMimeData()
    mime.setData(clipboard.MIME_TYPE, b"\xff not json")
    mime.setText("fallback")
    QGuiApplication.clipboard().setMimeData(mime)
    host.press(Qt.Key.Key_V)
    assert host.cell_texts(*cell) == ["fallback"]

    # Ours in shape, with junk inside: what is well formed comes in, the rest is dropped.
    payload = {
        "format": clipboard.FORMAT,
        "cards": [
            7,
            {"id": "x", "text": "kept", "connectors": [{"target": "y", "kind": "flow"}, "junk"]},
            {"id": "y", "text": "also kept", "actor_id": ["no"], "system_ids": "no"},
            {"id": "z", "text": "bad link", "connectors": [{"target": ["y"], "kind": "?"}]},
        ],
    }
    mime = QMimeData()
    mime.setData(clipboard.MIME_TYPE, json.dumps(payload).encode())
    QGuiApplication.clipboard().setMimeData(mime)
    host.click_cell(*cell)
    host.press(Qt.Key.Key_V)
    copies = cell_cards(host.session.get(Lane, cell[0]), host.session.get(Step, cell[1]))
    assert [c.text for c in copies] == ["fallback", "kept", "also kept", "bad link"]
    assert [c.target_id for c in copies[1].outgoing] == [copies[2].id]

    # A value the model refuses: the whole paste is refused with its reason.
    payload["cards"] = [{"id": "x", "text": "fine"}, {"id": "y", "text": 5}]
    mime = QMimeData()
    mime.setData(clipboard.MIME_TYPE, json.dumps(payload).encode())
    QGuiApplication.clipboard().setMimeData(mime)
    host.press(Qt.Key.Key_V)
    assert host.messages[-1] == "text must be text, not int"
    assert len(host.cell_texts(*cell)) == 4


def test_nothing_selected_copies_nothing(make_host):
    host = make_host()
    QGuiApplication.clipboard().setText("before")
    host.view.blueprint_scene.clearSelection()
    host.press(Qt.Key.Key_C)
    host.press(Qt.Key.Key_X)
    host.press(Qt.Key.Key_D)
    assert mime_text() == "before"
    assert host.editor.document.undo_stack.count() == 0


def test_a_read_only_project_copies_but_does_not_cut(make_host, project_files, tmp_path):
    sample = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
    sample.save_as(tmp_path / "sample.blueprint")
    sample.close()
    read_only = ProjectFile.open(tmp_path / "sample.blueprint", read_only=True)
    project_files.append(read_only)
    host = make_host(read_only)
    QGuiApplication.clipboard().setText("before")
    phones = host.card("Phones surgery")
    host.click_card(phones.id)
    host.press(Qt.Key.Key_X)
    assert host.messages and "read-only" in host.messages[-1]
    assert mime_text() == "before"
    assert host.session.get(Card, phones.id) is not None
    host.press(Qt.Key.Key_C)
    assert mime_text() == "Phones surgery"


def test_can_paste_follows_the_clipboard(qapp):
    QGuiApplication.clipboard().setText("  \n ")
    assert not clipboard.can_paste()
    QGuiApplication.clipboard().setText("a card")
    assert clipboard.can_paste()
    assert clipboard.cards_from_text("\ta\tb \r\n\x0c\u2028c") == [{"text": "a b"}, {"text": "c"}]


def test_while_typing_in_a_card_the_keys_edit_its_text(make_host, qtbot):
    host = make_host()
    phones = host.card("Phones surgery")
    count = len(host.session.scalars(select(Card)).all())
    QGuiApplication.clipboard().setText("pasted words")
    host.click_card(phones.id)
    host.press(Qt.Key.Key_F2, NONE)
    qtbot.waitUntil(lambda: host.view.editor is not None)
    editor = host.view.editor
    QTest.keyClick(editor, Qt.Key.Key_End)
    QTest.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert editor.toPlainText() == "Phones surgerypasted words"
    QTest.keyClick(editor, Qt.Key.Key_A, CTRL)
    QTest.keyClick(editor, Qt.Key.Key_C, CTRL)
    assert mime_text() == "Phones surgerypasted words"
    assert not QGuiApplication.clipboard().mimeData().hasFormat(clipboard.MIME_TYPE)
    assert len(host.session.scalars(select(Card)).all()) == count
