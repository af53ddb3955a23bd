"""The Findings dock: Ctrl+Shift+I shows what the analysis finds in the blueprint shown,
family by family; Enter or a double-click shows the first item on the map (a system: the
first card that uses it); the context menu goes to each item; Ctrl+C copies the
sentences; an edit refreshes the list after a short pause; All blueprints lists them all."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDockWidget, QMenu, QTreeWidgetItem
from sqlalchemy import select

from app.analysis.findings import FindingKind, ItemRef
from app.editing.commands.cards import EditCardTextCommand
from app.model.catalogue import card_system
from app.model.project_file import ProjectFile
from app.model.structure import Card
from app.ui.analysis.findings import findings_of
from app.ui.analysis.findings_dock import FindingsPanel
from app.ui.analysis.findings_jump import place_of
from app.ui.main_window import MainWindow

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NONE, CTRL = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
SCREENSHOT = os.environ.get("FINDINGS_SCREENSHOT")  # a path: save the dock there


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1400, 900)
    return made


@pytest.fixture
def panel(qtbot, window: MainWindow) -> FindingsPanel:
    """The dock, shown with Ctrl+Shift+I."""
    dock = window.findChild(QDockWidget, "findingsDock")
    assert not dock.isVisible()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.waitUntil(dock.isVisible)
    return dock.widget()


def rows(panel: FindingsPanel) -> list[QTreeWidgetItem]:
    """Every finding's row, in the order listed."""
    tree = panel.tree
    return [
        tree.topLevelItem(n).child(m)
        for n in range(tree.topLevelItemCount())
        for m in range(tree.topLevelItem(n).childCount())
    ]


def row_of(panel: FindingsPanel, kind: FindingKind) -> QTreeWidgetItem:
    return next(r for r in rows(panel) if panel.finding_of(r).kind == kind)


def double_click(qtbot, panel: FindingsPanel, row: QTreeWidgetItem) -> None:
    tree = panel.tree
    tree.scrollToItem(row)
    centre = tree.visualItemRect(row).center()
    qtbot.mouseClick(tree.viewport(), LEFT, NONE, centre)
    qtbot.mouseDClick(tree.viewport(), LEFT, NONE, centre)


def selected_cards(window: MainWindow) -> list[str]:
    return window.workspace.current.view.selected_card_ids()


def test_ctrl_shift_i_lists_the_findings_of_the_blueprint_shown(qtbot, window, panel) -> None:
    tree = panel.tree
    families = [tree.topLevelItem(n).text(0) for n in range(tree.topLevelItemCount())]
    assert families[0] == "Duplicated data (2)"
    assert "Key moments (1)" in families
    names = {panel.finding_of(r).blueprint_name for r in rows(panel)}
    assert names == {None, "Physical health check (as-is)"}
    assert panel.count.text() == f"{len(rows(panel))} findings"
    assert "Physical health check (as-is): 47 cards" in panel.summary.text()
    contact = rows(panel)[0]
    assert "“patient contact details”, is held in 2 systems" in contact.toolTip(0)
    assert tree.hasFocus()
    if SCREENSHOT:
        window.findChild(QDockWidget, "findingsDock").grab().save(SCREENSHOT)
        window.grab().save(SCREENSHOT.replace(".png", "-window.png"))


def test_enter_and_double_click_show_the_first_item_on_the_map(qtbot, window, panel) -> None:
    session = window.workspace.document.session
    orphans = row_of(panel, FindingKind.ORPHAN_CARDS)
    first = panel.finding_of(orphans).items[0]
    double_click(qtbot, panel, orphans)
    qtbot.waitUntil(lambda: selected_cards(window) == [first.id])
    # A system's first card that uses it: the duplicated contact details' first system.
    contact = rows(panel)[0]
    panel.tree.setFocus()
    panel.tree.setCurrentItem(contact)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return, NONE)
    system_id = panel.finding_of(contact).items[0].id
    qtbot.waitUntil(lambda: len(selected_cards(window)) == 1)
    [card_id] = selected_cards(window)
    users = {
        c
        for (c,) in session.execute(
            card_system.select()
            .with_only_columns(card_system.c.card_id)
            .where(card_system.c.system_id == system_id)
        )
    }
    assert card_id in users


def test_the_context_menu_goes_to_each_item_of_a_finding(qtbot, window, panel) -> None:
    row = row_of(panel, FindingKind.UNSUPPORTED_FRONTSTAGE)
    [item] = panel.finding_of(row).items
    tree = panel.tree
    tree.scrollToItem(row)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    at = tree.viewport().mapTo(window, tree.visualItemRect(row).center())
    QTest.mouseMove(window.windowHandle(), at)
    QTest.mouseClick(window.windowHandle(), RIGHT, NONE, at)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0].startswith("Show card “Receptionist confirms arrival")
    assert texts[-1].startswith("&Copy Findings")
    first = menu.actions()[0]
    point = menu.actionGeometry(first).center()
    QTest.mouseMove(menu.windowHandle(), point)
    QTest.mouseClick(menu.windowHandle(), LEFT, NONE, point)
    qtbot.waitUntil(lambda: selected_cards(window) == [item.id])


def test_ctrl_c_copies_the_selected_sentences(qtbot, window, panel) -> None:
    tree = panel.tree
    contact = rows(panel)[0]
    tree.setFocus()
    tree.setCurrentItem(contact)
    qtbot.keyClick(tree, Qt.Key.Key_C, CTRL)
    text = QApplication.clipboard().text()
    finding = panel.finding_of(contact)
    assert text == f"{finding.title}\n{finding.sentence}\n"


def test_an_edit_refreshes_the_findings_after_a_pause(qtbot, window, panel) -> None:
    row = row_of(panel, FindingKind.UNSUPPORTED_FRONTSTAGE)
    card_id = panel.finding_of(row).items[0].id
    document = window.workspace.document
    card = document.session.get(Card, card_id)
    document.push(EditCardTextCommand(card.id, "Receptionist says hello"))
    timer = findings_of(window).timer
    assert timer.isActive()  # not at once: after a pause
    qtbot.waitUntil(
        lambda: (
            "“Receptionist says hello”"
            in row_of(panel, FindingKind.UNSUPPORTED_FRONTSTAGE).data(
                0, Qt.ItemDataRole.ToolTipRole
            )
        )
    )
    document.undo_stack.undo()
    qtbot.waitUntil(
        lambda: (
            "Receptionist confirms" in row_of(panel, FindingKind.UNSUPPORTED_FRONTSTAGE).toolTip(0)
        )
    )


def test_all_blueprints_lists_the_to_be_too(qtbot, window, panel) -> None:
    combo = panel.findChild(QComboBox, "findingsScopeCombo")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down, NONE)
    qtbot.waitUntil(lambda: combo.currentText() == "All blueprints")
    names = {panel.finding_of(r).blueprint_name for r in rows(panel)}
    assert names == {None, "Physical health check (as-is)", "Physical health check (to-be)"}
    titled = [r.text(0) for r in rows(panel) if panel.finding_of(r).blueprint_name]
    assert all(t.startswith("Physical health check (") for t in titled)


def test_a_hidden_dock_does_not_analyse_after_edits(qtbot, window) -> None:
    findings = findings_of(window)
    document = window.workspace.document
    card_id = document.session.scalar(select(Card.id).limit(1))
    document.push(EditCardTextCommand(card_id, "Edited while hidden"))
    assert not findings.dock.isVisible()
    assert not findings.timer.isActive()
    assert findings.panel.analysis is None


def test_the_findings_follow_the_blueprint_shown(qtbot, window, panel) -> None:
    to_be = next(b for b in window.project_file.project.blueprints if b.kind == "to-be")
    window.blueprint_list.select(to_be.id)
    qtbot.waitUntil(
        lambda: (
            {panel.finding_of(r).blueprint_name for r in rows(panel)}
            == {None, "Physical health check (to-be)"}
        )
    )
    assert panel.summary.text().startswith("Physical health check (to-be): 52 cards")


def test_each_kind_of_item_has_its_place_on_the_map(sample_file: ProjectFile) -> None:
    session = sample_file.session
    project = sample_file.project
    as_is, to_be = project.blueprints
    booking = as_is.stages[1]
    assert place_of(session, ItemRef("stage", booking.id, "Booking")) is booking.steps[0]
    gp = next(s for s in project.systems if s.name == "GP clinical system")
    first = place_of(session, ItemRef("system", gp.id, gp.name, to_be.id))
    assert first.lane.blueprint is to_be and gp in first.systems  # the finding's blueprint
    first = place_of(session, ItemRef("system", gp.id, gp.name), prefer=as_is.id)
    assert first.lane.blueprint is as_is and first.text.startswith("SMI register search")
    item = gp.data_items[0]
    assert place_of(session, ItemRef("data item", item.id, item.name), as_is.id) is first
    nurse = next(a for a in project.actors if a.name == "Practice nurse")
    card = place_of(session, ItemRef("actor", nurse.id, nurse.name, as_is.id))
    assert card.actor is nurse and card.text.startswith("Practice nurse runs checks")
    unused = next(a for a in project.actors if a.name == "Grace")  # on no card
    assert place_of(session, ItemRef("actor", unused.id, unused.name)) is None
    assert place_of(session, ItemRef("card", "gone", "Deleted since")) is None
