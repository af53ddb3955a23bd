"""Analyse → Compare As-is and To-be…: opened with Ctrl+Shift+K on the sample, the two
blueprints picked, items shown on the map by double-click and Enter, edits followed while
the window is shown, and Export Report… writing a PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTreeWidget, QTreeWidgetItem

from app.editing.commands.cards import EditCardCommand
from app.model.duplicate import duplicate_as_to_be
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint
from app.ui.analysis.compare import GONE, KEYS, NEED_TWO, SAME, CompareWindow, comparer_of
from app.ui.main_window import MainWindow

AS_IS = "Physical health check (as-is)"
TO_BE = "Physical health check (to-be)"


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    return make_window(sample_file)


def blueprint(window: MainWindow, name: str) -> Blueprint:
    return next(b for b in window.project_file.project.blueprints if b.name == name)


def open_compare(qtbot, window: MainWindow, press) -> CompareWindow:
    press(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    comparer = comparer_of(window)
    qtbot.waitUntil(
        lambda: comparer.compare_window is not None and comparer.compare_window.isVisible()
    )
    return comparer.compare_window


def group(tree: QTreeWidget, title: str) -> QTreeWidgetItem:
    for n in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(n)
        if item.text(0).startswith(f"{title} ("):
            return item
    raise AssertionError(f"no group {title!r}")


def child(parent: QTreeWidgetItem, text: str) -> QTreeWidgetItem:
    for n in range(parent.childCount()):
        if parent.child(n).text(0).startswith(text):
            return parent.child(n)
    raise AssertionError(f"no item {text!r} under {parent.text(0)!r}")


def double_click(qtbot, tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    tree.scrollToItem(item)
    centre = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_the_action_is_in_the_analyse_menu_with_its_key(window: MainWindow) -> None:
    menu = window.menuBar().findChild(QMenu, "analysisMenu")
    action = next(a for a in menu.actions() if a.objectName() == "compareAction")
    assert action.text() == "&Compare As-is and To-be…"
    assert action.shortcut() == QKeySequence(KEYS)


def test_opens_with_the_to_be_and_its_as_is(qtbot, window: MainWindow, press) -> None:
    window.blueprint_list.select(blueprint(window, AS_IS).id)  # the as-is shown: its to-be
    shown = open_compare(qtbot, window, press)
    view = shown.view
    assert (view.before.currentText(), view.after.currentText()) == (AS_IS, TO_BE)
    assert view.headline.text().startswith("8 pain points resolved, 2 remain; ")
    assert view.counts.text() == "Cards: 7 added, 2 removed, 9 changed, 0 moved (47 → 52 cards)."
    assert not view.note.isVisibleTo(shown)
    cards = view.trees["cards"]
    assert group(cards, "Added").text(0) == "Added (7)"
    assert (
        child(group(cards, "Removed"), "Waits on hold").text(1)
        == "Customer actions, Phones to book"
    )
    pains = view.trees["pain points"]
    assert group(pains, "Resolved").childCount() == 8
    assert (
        child(group(pains, "Resolved"), "[4] Long wait on hold").text(2) == "its card was removed"
    )
    journey = view.trees["journey"]
    assert group(journey, "Hand-offs in the to-be").childCount() == len(
        comparer_of(window).comparison.after.hand_offs
    )
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shown.isVisible())


def test_picking_the_blueprints(qtbot, window: MainWindow, press) -> None:
    view = open_compare(qtbot, window, press).view
    view.after.setFocus()
    qtbot.keyClick(view.after, Qt.Key.Key_Up)  # the as-is in both pickers
    assert view.after.currentText() == AS_IS
    assert view.headline.text() == SAME
    assert not view.export.isEnabled()
    qtbot.keyClick(view.after, Qt.Key.Key_Down)
    qtbot.mouseClick(view.swap, Qt.MouseButton.LeftButton)
    assert (view.before.currentText(), view.after.currentText()) == (TO_BE, AS_IS)
    assert view.note.isVisibleTo(view)
    assert "the other way round" in view.note.text()
    assert view.export.isEnabled()


def test_double_click_and_enter_show_the_item_on_the_map(qtbot, window: MainWindow, press) -> None:
    as_is, to_be = blueprint(window, AS_IS), blueprint(window, TO_BE)
    view = open_compare(qtbot, window, press).view
    cards = view.trees["cards"]
    removed = child(group(cards, "Removed"), "Waits on hold")
    double_click(qtbot, cards, removed)
    editor = window.workspace.current
    assert editor.blueprint_id == as_is.id
    (selected,) = editor.view.blueprint_scene.selected_card_ids()
    assert (
        window.workspace.document.session.get(type(as_is.lanes[0].cards[0]), selected).text
        == "Waits on hold"
    )
    added = child(group(cards, "Added"), "Shared care record")
    cards.setFocus()
    cards.setCurrentItem(added)
    qtbot.keyClick(cards, Qt.Key.Key_Return)
    editor = window.workspace.current
    assert editor.blueprint_id == to_be.id
    assert editor.view.blueprint_scene.selected_card_ids() == [
        added.data(0, Qt.ItemDataRole.UserRole)[1]
    ]
    view.tabs.setCurrentIndex(1)
    pains = view.trees["pain points"]
    remaining = child(group(pains, "Remaining"), "[3] Letter is hard")
    double_click(qtbot, pains, remaining)
    editor = window.workspace.current
    assert editor.blueprint_id == to_be.id
    (selected,) = editor.view.blueprint_scene.selected_card_ids()
    card = window.workspace.document.session.get(type(to_be.lanes[0].cards[0]), selected)
    assert card.text == "Receives letter"


def test_follows_edits_while_shown(qtbot, window: MainWindow, press) -> None:
    to_be = blueprint(window, TO_BE)
    comparer = comparer_of(window)
    shown = open_compare(qtbot, window, press)
    cards = shown.view.trees["cards"]
    post = next(c for lane in to_be.lanes for c in lane.cards if c.text == "Receives letter")
    window._push(EditCardCommand(post.id, text="Gets an easy-read letter"))
    qtbot.waitUntil(lambda: group(cards, "Changed").text(0) == "Changed (10)")
    assert "Gets an easy-read letter" in [
        group(cards, "Changed").child(n).text(0) for n in range(10)
    ]
    assert shown.view.headline.text().startswith("9 pain points resolved, 1 remains; ")
    # Hidden, it does not compare on every edit; shown again, it is up to date.
    shown.close()
    before = comparer.comparison
    press(window, Qt.Key.Key_Z)  # undo
    qtbot.waitUntil(lambda: post.text == "Receives letter")
    qtbot.wait(comparer.timer.interval() + 100)
    assert comparer.comparison is before
    shown = open_compare(qtbot, window, press)
    assert group(shown.view.trees["cards"], "Changed").text(0) == "Changed (9)"


def test_export_report_writes_a_pdf(
    qtbot, window: MainWindow, press, answers, tmp_path: Path
) -> None:
    view = open_compare(qtbot, window, press).view
    out = tmp_path / "what changes.pdf"
    answers.choose_file(out)
    qtbot.mouseClick(view.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages)
    assert "What the to-be changes" in text
    assert "8 pain points resolved, 2 remain" in text
    assert "Waits on hold" in text
    assert str(out) in window.statusBar().currentMessage()


def test_with_one_blueprint_it_says_what_to_do(qtbot, make_window, press) -> None:
    project_file = ProjectFile.new("Clinic")
    assert len(project_file.project.blueprints) == 1
    window = make_window(project_file)
    view = open_compare(qtbot, window, press).view
    assert view.headline.text() == NEED_TWO
    assert not view.export.isEnabled()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())


def test_the_current_to_be_is_picked_with_its_as_is(
    qtbot, make_window, sample_file: ProjectFile, press
) -> None:
    as_is = sample_file.project.blueprints[0]
    duplicate_as_to_be(as_is, "Second to-be")  # placed before the sample's to-be
    sample_file.commit()
    window = make_window(sample_file)
    to_be = blueprint(window, TO_BE)
    assert [b.name for b in window.project_file.project.blueprints][1] == "Second to-be"
    window.blueprint_list.select(to_be.id)
    qtbot.waitUntil(lambda: window.workspace.current.blueprint_id == to_be.id)
    shown = open_compare(qtbot, window, press)
    assert shown.view.chosen() == (as_is.id, to_be.id)
    assert shown.view.headline.text().startswith("8 pain points resolved, 2 remain; ")


def test_an_item_gone_from_the_project_is_said_to_be_gone(qtbot, window: MainWindow, press) -> None:
    open_compare(qtbot, window, press)
    assert not comparer_of(window).jump(("card", "not-a-card"))
    assert window.statusBar().currentMessage() == GONE
