"""Editing gestures on the view's viewport end in intent signals with the right cards,
cells and indexes; the canvas itself never writes the model."""

from __future__ import annotations

from canvas_helpers import aim, aim_at_card, cards_in, empty_cells
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from app.canvas.view import BlueprintView
from app.layout.engine import BlueprintLayout

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _card_with_text(view: BlueprintView, text: str) -> str:
    for card in view.blueprint_scene.geometry.cards.values():
        if " ".join(card.text.lines).startswith(text):
            return card.id
    raise AssertionError(f"no card starting {text!r}")


def test_double_click_on_an_empty_cell_asks_for_a_card_there(qtbot, view: BlueprintView) -> None:
    geometry = view.blueprint_scene.geometry
    lane_id, step_id = empty_cells(geometry)[0]
    cell = geometry.cells[(lane_id, step_id)]
    pos = aim(view, cell.x + cell.w / 2, cell.y + cell.h / 2)
    with qtbot.waitSignal(view.add_card_requested) as signal:
        QTest.mouseDClick(view.viewport(), LEFT, NONE, pos)
    assert signal.args == [lane_id, step_id, 0]


def test_double_click_below_a_stack_adds_at_its_end(qtbot, view: BlueprintView) -> None:
    geometry = view.blueprint_scene.geometry
    stacked = next(cell for cell in geometry.cells if len(cards_in(geometry, *cell)) >= 2)
    ids = cards_in(geometry, *stacked)
    cell, last = geometry.cells[stacked], geometry.cards[ids[-1]].rect
    below, expected = (last.bottom + cell.bottom) / 2, len(ids)
    if cell.bottom - last.bottom < 8:  # no room below: aim between the first two cards
        first, second = geometry.cards[ids[0]].rect, geometry.cards[ids[1]].rect
        below, expected = (first.bottom + second.y) / 2, 1
    pos = aim(view, cell.x + cell.w / 2, below)
    with qtbot.waitSignal(view.add_card_requested) as signal:
        QTest.mouseDClick(view.viewport(), LEFT, NONE, pos)
    assert signal.args == [*stacked, expected]


def test_enter_on_a_selected_cell_asks_for_a_card_at_its_end(qtbot, view: BlueprintView) -> None:
    geometry = view.blueprint_scene.geometry
    lane_id, step_id = empty_cells(geometry)[1]
    cell = geometry.cells[(lane_id, step_id)]
    pos = aim(view, cell.x + cell.w / 2, cell.y + cell.h / 2)
    QTest.mouseClick(view.viewport(), LEFT, NONE, pos)
    assert view.current_cell == (lane_id, step_id)
    with qtbot.waitSignal(view.add_card_requested) as signal:
        QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert signal.args == [lane_id, step_id, 0]


def test_double_click_on_a_card_edits_it_and_enter_commits(qtbot, view: BlueprintView) -> None:
    card_id = _card_with_text(view, "Receives letter")
    QTest.mouseDClick(view.viewport(), LEFT, NONE, aim_at_card(view, card_id))
    editor = view.editor
    assert editor is not None and editor.isVisible()
    assert editor.card_id == card_id
    QTest.keyClicks(editor, "Gets a letter")  # the text starts selected: typing replaces it
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(editor, "in clinical <b>wording</b>")
    with qtbot.waitSignal(view.card_text_committed) as signal:
        QTest.keyClick(editor, Qt.Key.Key_Return)
    assert signal.args == [card_id, "Gets a letter\nin clinical <b>wording</b>"]
    assert view.editor is None


def test_the_editor_starts_from_the_text_the_window_gives(qtbot, view: BlueprintView) -> None:
    card_id = _card_with_text(view, "Receives letter")
    view.card_text = lambda cid: {card_id: "Receives letter\n(two pages)"}[cid]
    view.blueprint_scene.select_cards([card_id])
    QTest.keyClick(view.viewport(), Qt.Key.Key_F2)
    assert view.editor is not None
    assert view.editor.toPlainText() == "Receives letter\n(two pages)"


def test_escape_cancels_the_edit(qtbot, view: BlueprintView) -> None:
    card_id = _card_with_text(view, "Receives letter")
    committed: list = []
    view.card_text_committed.connect(lambda *args: committed.append(args))
    assert view.edit_card(card_id)
    QTest.keyClicks(view.editor, "something else")
    with qtbot.waitSignal(view.card_edit_cancelled) as signal:
        QTest.keyClick(view.editor, Qt.Key.Key_Escape)
    assert signal.args == [card_id]
    assert view.editor is None and committed == []


def test_clicking_away_commits_the_edit(qtbot, view: BlueprintView) -> None:
    card_id = _card_with_text(view, "Receives letter")
    view.edit_card(card_id)
    qtbot.waitUntil(lambda: view.editor is not None and view.editor.hasFocus())
    QTest.keyClicks(view.editor, "Letter arrives")
    geometry = view.blueprint_scene.geometry
    cell = geometry.cells[empty_cells(geometry)[0]]
    with qtbot.waitSignal(view.card_text_committed) as signal:
        view.setFocus()  # what a click elsewhere does first
        QTest.mouseClick(view.viewport(), LEFT, NONE, aim(view, cell.x + 20, cell.y + 20))
    assert signal.args == [card_id, "Letter arrives"]


def _drag(qtbot, view: BlueprintView, start: QPoint, end: QPoint) -> None:
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, pos=start)
    for i in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * (i / 5))
    qtbot.mouseRelease(viewport, LEFT, pos=end)


def test_dragging_a_card_to_another_cell_asks_to_move_it(
    qtbot, view: BlueprintView, layout: BlueprintLayout
) -> None:
    geometry = view.blueprint_scene.geometry
    card_id = _card_with_text(view, "Receives letter")
    card = geometry.cards[card_id]
    # A cell of the same lane two steps on, its cards stacked: drop between the first two.
    step_ids = [step.id for step in geometry.steps]
    target_step = step_ids[step_ids.index(card.step_id) + 1]
    ids = cards_in(geometry, card.lane_id, target_step)
    assert len(ids) >= 2
    first, second = geometry.cards[ids[0]].rect, geometry.cards[ids[1]].rect
    start = aim_at_card(view, card_id)
    end = view.mapFromScene(QPointF(first.x + 40, (first.bottom + second.y) / 2))
    with qtbot.waitSignal(view.cards_move_requested) as signal:
        _drag(qtbot, view, start, end)
    assert signal.args == [[card_id], card.lane_id, target_step, 1]
    # Nobody moved it in the model, so it snaps back to where the geometry says.
    item = view.blueprint_scene.cards[card_id]
    assert (item.scenePos().x(), item.scenePos().y()) == (card.rect.x, card.rect.y)
    assert item.zValue() < 5


def test_dragging_selected_cards_moves_them_together(qtbot, view: BlueprintView) -> None:
    geometry = view.blueprint_scene.geometry
    a = _card_with_text(view, "Receives letter")
    b = _card_with_text(view, "Phones surgery")
    view.blueprint_scene.select_cards([a, b])
    lane_id, step_id = empty_cells(geometry)[0]
    cell = geometry.cells[(lane_id, step_id)]
    start = aim_at_card(view, b)
    seen: list = []
    view.cards_move_requested.connect(lambda *args: seen.append(args))
    end_scene = QPointF(cell.x + cell.w / 2, cell.y + cell.h / 2)
    view.reveal(cell)
    start = view.mapFromScene(QPointF(*geometry.cards[b].rect.center))
    _drag(qtbot, view, start, view.mapFromScene(end_scene))
    assert seen == [([a, b], lane_id, step_id, 0)]


def test_escape_during_a_drag_cancels_it(qtbot, view: BlueprintView) -> None:
    geometry = view.blueprint_scene.geometry
    card_id = _card_with_text(view, "Receives letter")
    start = aim_at_card(view, card_id)
    seen: list = []
    view.cards_move_requested.connect(lambda *args: seen.append(args))
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, pos=start)
    for i in range(1, 4):
        qtbot.mouseMove(viewport, start + QPoint(60 * i, 30 * i))
    item = view.blueprint_scene.cards[card_id]
    assert item.scenePos().x() > geometry.cards[card_id].rect.x + 100  # it follows the pointer
    QTest.keyClick(viewport, Qt.Key.Key_Escape)
    assert (item.scenePos().x(), item.scenePos().y()) == (
        geometry.cards[card_id].rect.x,
        geometry.cards[card_id].rect.y,
    )
    qtbot.mouseRelease(viewport, LEFT, pos=start + QPoint(180, 90))
    assert seen == []


def test_ctrl_arrows_ask_to_move_the_selection(qtbot, view: BlueprintView) -> None:
    card_id = _card_with_text(view, "Receives letter")
    QTest.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, card_id))
    assert view.selected_card_ids() == [card_id]
    with qtbot.waitSignal(view.move_selection_requested) as signal:
        QTest.keyClick(view.viewport(), Qt.Key.Key_Right, CTRL)
    assert signal.args == [1, 0]
    with qtbot.waitSignal(view.move_selection_requested) as signal:
        QTest.keyClick(view.viewport(), Qt.Key.Key_Up, CTRL)
    assert signal.args == [0, -1]


def test_arrows_move_the_selection_to_the_nearest_card(qtbot, view: BlueprintView) -> None:
    receives = _card_with_text(view, "Receives letter")
    phones = _card_with_text(view, "Phones surgery")
    waits = _card_with_text(view, "Waits on hold")
    QTest.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, receives))
    QTest.keyClick(view.viewport(), Qt.Key.Key_Right)
    assert view.selected_card_ids() == [phones]
    QTest.keyClick(view.viewport(), Qt.Key.Key_Down)
    assert view.selected_card_ids() == [waits]
    QTest.keyClick(view.viewport(), Qt.Key.Key_Up)
    QTest.keyClick(view.viewport(), Qt.Key.Key_Left)
    assert view.selected_card_ids() == [receives]


def test_delete_asks_to_delete_the_selected_cards(qtbot, view: BlueprintView) -> None:
    a = _card_with_text(view, "Receives letter")
    b = _card_with_text(view, "Phones surgery")
    QTest.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, a))
    QTest.mouseClick(view.viewport(), LEFT, CTRL, aim_at_card(view, b))
    with qtbot.waitSignal(view.delete_requested) as signal:
        QTest.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert signal.args == [[a, b]]


def test_ctrl_click_toggles_and_shift_click_adds(qtbot, view: BlueprintView) -> None:
    a = _card_with_text(view, "Receives letter")
    b = _card_with_text(view, "Phones surgery")
    c = _card_with_text(view, "Waits on hold")
    viewport = view.viewport()
    QTest.mouseClick(viewport, LEFT, NONE, aim_at_card(view, a))
    with qtbot.waitSignal(view.selection_changed) as signal:
        QTest.mouseClick(viewport, LEFT, Qt.KeyboardModifier.ShiftModifier, aim_at_card(view, b))
    assert signal.args == [[a, b]]
    QTest.mouseClick(viewport, LEFT, CTRL, aim_at_card(view, c))
    assert view.selected_card_ids() == [a, b, c]
    QTest.mouseClick(viewport, LEFT, CTRL, aim_at_card(view, a))
    assert view.selected_card_ids() == [b, c]
    QTest.mouseClick(viewport, LEFT, NONE, aim_at_card(view, c))
    assert view.selected_card_ids() == [c]


def test_rubber_band_selects_the_cards_inside(qtbot, view: BlueprintView) -> None:
    geometry = view.blueprint_scene.geometry
    receives = geometry.cards[_card_with_text(view, "Receives letter")]
    waits = geometry.cards[_card_with_text(view, "Waits on hold")]
    # From the empty top-left of Receives letter's cell to the bottom right of Waits on hold.
    top_left = QPointF(receives.rect.x - 5, receives.rect.y - 5)
    bottom_right = QPointF(waits.rect.right + 5, waits.rect.bottom + 5)
    expected = {
        card.id
        for card in geometry.cards.values()
        if card.rect.x >= top_left.x()
        and card.rect.y >= top_left.y()
        and card.rect.right <= bottom_right.x()
        and card.rect.bottom <= bottom_right.y()
    }
    assert len(expected) >= 3
    start, end = view.mapFromScene(top_left), view.mapFromScene(bottom_right)
    _drag(qtbot, view, start, end)
    assert set(view.selected_card_ids()) == expected


def test_rubber_band_leaves_cards_it_only_touches(qtbot, view: BlueprintView) -> None:
    """The band selects the cards wholly inside it; a card it cuts through stays out, and
    with Ctrl the cards selected before stay selected."""
    geometry = view.blueprint_scene.geometry
    receives_id = _card_with_text(view, "Receives letter")
    waits_id = _card_with_text(view, "Waits on hold")
    evidence_id = _card_with_text(view, "Two-page invitation letter in clinical wording")
    receives, waits = geometry.cards[receives_id].rect, geometry.cards[waits_id].rect
    start = view.mapFromScene(QPointF(receives.x - 5, receives.y - 5))
    end = view.mapFromScene(QPointF(waits.right + 5, (waits.y + waits.bottom) / 2))
    QTest.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, evidence_id))
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, CTRL, pos=start)
    for i in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * (i / 5))
    qtbot.mouseRelease(viewport, LEFT, CTRL, pos=end)
    selected = set(view.selected_card_ids())
    assert receives_id in selected and evidence_id in selected
    assert waits_id not in selected  # the band cut through it


def test_c_with_two_cards_selected_asks_for_a_connector(qtbot, view: BlueprintView) -> None:
    a = _card_with_text(view, "Receives letter")
    b = _card_with_text(view, "Waits on hold")
    QTest.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, b))
    QTest.mouseClick(view.viewport(), LEFT, CTRL, aim_at_card(view, a))
    with qtbot.waitSignal(view.connector_requested) as signal:
        QTest.keyClick(view.viewport(), Qt.Key.Key_C)
    assert signal.args == [b, a]  # from the first selected to the second


def test_dragging_from_the_handle_onto_a_card_asks_for_a_connector(
    qtbot, view: BlueprintView
) -> None:
    scene = view.blueprint_scene
    source = _card_with_text(view, "Receives letter")
    target = _card_with_text(view, "Waits on hold")
    QTest.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, source))
    handle = scene.cards[source].handle_rect().center()
    start = view.mapFromScene(handle)
    end = view.mapFromScene(QPointF(*scene.geometry.cards[target].rect.center))
    with qtbot.waitSignal(view.connector_requested) as signal:
        _drag(qtbot, view, start, end)
    assert signal.args == [source, target]
    assert view.selected_card_ids() == [source]  # drawing a connector moved nothing


def test_context_menu_names_what_is_under_the_pointer(qtbot, view: BlueprintView) -> None:
    geometry = view.blueprint_scene.geometry
    card_id = _card_with_text(view, "Receives letter")
    pos = aim_at_card(view, card_id)
    with qtbot.waitSignal(view.context_menu_requested) as signal:
        view.contextMenuEvent(_context_event(view, pos))
    kind, ident, _global = signal.args
    assert (kind, ident) == ("card", card_id)
    assert view.selected_card_ids() == [card_id]
    cell = empty_cells(geometry)[0]
    rect = geometry.cells[cell]
    pos = aim(view, rect.x + rect.w / 2, rect.y + rect.h / 2)
    with qtbot.waitSignal(view.context_menu_requested) as signal:
        view.contextMenuEvent(_context_event(view, pos))
    assert signal.args[:2] == ["cell", cell]
    lane = geometry.lanes[2]
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    pos = view.mapFromScene(QPointF(30, lane.rect.y + lane.rect.h / 2))
    pos.setX(20)  # the frozen lane titles, wherever the map is scrolled
    with qtbot.waitSignal(view.context_menu_requested) as signal:
        view.contextMenuEvent(_context_event(view, pos))
    assert signal.args[:2] == ["lane", lane.id]


def _context_event(view: BlueprintView, pos: QPoint):
    from PySide6.QtGui import QContextMenuEvent

    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
