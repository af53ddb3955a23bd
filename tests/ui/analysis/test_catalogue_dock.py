"""The Systems Catalogue dock on the sample, driven by keys and the mouse: Ctrl+Shift+Y shows
it, data held by two systems is said in words, Insert adds a system through the dialog,
Enter edits one, F2 renames (the canvas and the card's properties follow), Delete deletes
with the count of cards losing the link, undo gives everything back, and "Show Cards Using
It" selects those cards on the map. A read-only project disables the edits."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QLineEdit,
    QListWidget,
    QMenu,
    QToolButton,
    QTreeWidgetItem,
)
from sqlalchemy import select

from app.editing.commands.card_links import SetCardSystemsCommand
from app.editing.commands.catalogue import AddSystemCommand
from app.model import ops_grid
from app.model.catalogue import DataItem, System, card_system
from app.model.project_file import ProjectFile
from app.model.structure import Card
from app.ui.analysis.catalogue import catalogue_of
from app.ui.analysis.catalogue_dock import NOTE_ROLE
from app.ui.analysis.system_dialog import SystemDialog
from app.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).parents[2] / "canvas"))
from canvas_helpers import aim_at_card

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
SPOKEN = Qt.ItemDataRole.AccessibleTextRole


@pytest.fixture
def window(qtbot, make_window, sample_file: ProjectFile, press) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1400, 900)
    qtbot.waitUntil(lambda: made.workspace.current.view.viewport().width() > 600)
    press(made, Qt.Key.Key_Y, CTRL_SHIFT)
    tree = catalogue_of(made).panel.tree
    qtbot.waitUntil(lambda: tree.isVisible() and tree.topLevelItemCount() == 4)
    return made


def session(window: MainWindow):
    return window.workspace.document.session


def system_named(window: MainWindow, name: str) -> System:
    return session(window).scalars(select(System).where(System.name == name)).one()


def row(window: MainWindow, name: str, data_item: str = "") -> QTreeWidgetItem:
    tree = catalogue_of(window).panel.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.text(0) == name:
            if not data_item:
                return item
            for j in range(item.childCount()):
                if item.child(j).text(0) == data_item:
                    return item.child(j)
    raise AssertionError(f"{name} {data_item} is not listed")


def click_row(qtbot, window: MainWindow, item: QTreeWidgetItem) -> None:
    tree = catalogue_of(window).panel.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), LEFT, NONE, tree.visualItemRect(item).center())
    assert tree.currentItem() is item


def type_over(qtbot, view: QAbstractItemView, text: str) -> None:
    """Type ``text`` over the name in the item editor open in ``view``, and press Enter."""

    def editor() -> QLineEdit | None:
        focus = QApplication.focusWidget()
        return focus if isinstance(focus, QLineEdit) and view.isAncestorOf(focus) else None

    qtbot.waitUntil(lambda: editor() is not None)
    line = editor()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor() is None)


def links(window: MainWindow) -> set[tuple[str, str]]:
    return set(session(window).execute(select(card_system.c.card_id, card_system.c.system_id)))


def hint(window: MainWindow, card_id: str) -> str:
    return window.workspace.current.layout_engine.shape.cards[card_id].hint


def as_is_card(window: MainWindow, text: str) -> str:
    return session(window).scalars(select(Card.id).where(Card.text == text)).first()


def test_ctrl_shift_y_lists_systems_with_owner_cards_and_duplicated_data(
    qtbot, window: MainWindow, tmp_path: Path, press
):
    dock = window.findChild(QDockWidget, "catalogueDock")
    panel = catalogue_of(window).panel
    assert dock.isVisible() and dock.accessibleName() == "Systems Catalogue"
    assert panel.tree.hasFocus()
    show = window.findChild(QAction, "showCatalogueAction")
    assert show.shortcut() == QKeySequence("Ctrl+Shift+Y")
    assert show in window.menuBar().findChild(QMenu, "analysisMenu").actions()
    # Behind the properties' tab, the key brings it to the front again, not away.
    window.properties_dock.raise_()
    qtbot.waitUntil(lambda: panel.tree.visibleRegion().isEmpty())  # Qt keeps it "visible"
    press(window, Qt.Key.Key_Y, CTRL_SHIFT)
    qtbot.waitUntil(lambda: not panel.tree.visibleRegion().isEmpty())
    assert dock.isVisible() and panel.tree.hasFocus()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    names = [panel.tree.topLevelItem(i).text(0) for i in range(4)]
    assert names == [
        "GP clinical system",
        "Mental health trust records",
        "Pathology lab system",
        "SMS reminder service",
    ]
    gp = system_named(window, "GP clinical system")
    used = len({card for card, system in links(window) if system == gp.id})
    assert row(window, "GP clinical system").data(0, NOTE_ROLE) == (
        f"Owner: GP practice · used by {used} cards"
    )
    duplicated = row(window, "GP clinical system", "patient contact details")
    assert duplicated.data(0, NOTE_ROLE) == "⚠ Also held in: Mental health trust records"
    assert "duplicated, also held in: Mental health trust records" in duplicated.data(0, SPOKEN)
    other = row(window, "Mental health trust records", "patient contact details")
    assert other.data(0, NOTE_ROLE) == "⚠ Also held in: GP clinical system"
    assert row(window, "Mental health trust records", "care plan").data(0, NOTE_ROLE) is None
    assert "held in more than one system" in panel.summary.text()
    for child in panel.findChildren(QToolButton):
        assert child.accessibleName(), child.objectName()
    window.grab().save(str(tmp_path / "catalogue_window.png"))  # to look at when it changes
    dock.grab().save(str(tmp_path / "catalogue_dock.png"))


def test_insert_adds_a_system_through_the_dialog_and_undo_removes_it(
    qtbot, window: MainWindow, answers, press
):
    tree = catalogue_of(window).panel.tree

    def fill(dialog: SystemDialog) -> None:
        qtbot.keyClicks(dialog.name, "Shared care record")
        qtbot.keyClicks(dialog.owner, "Integrated care board")
        qtbot.mouseClick(dialog.add_item, LEFT)
        type_over(qtbot, dialog.data_items, "patient contact details")
        qtbot.keyClick(dialog.data_items, Qt.Key.Key_Insert)  # as the + button
        type_over(qtbot, dialog.data_items, "care plan")
        qtbot.mouseClick(dialog.ok, LEFT)

    answers.expect(SystemDialog, fill)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 5)
    added = system_named(window, "Shared care record")
    assert added.owner == "Integrated care board"
    assert [item.name for item in added.data_items] == ["patient contact details", "care plan"]
    note = row(window, "Shared care record", "patient contact details").data(0, NOTE_ROLE)
    assert note == "⚠ Also held in: GP clinical system, Mental health trust records"
    assert row(window, "GP clinical system", "patient contact details").data(0, NOTE_ROLE) == (
        "⚠ Also held in: Mental health trust records, Shared care record"
    )
    assert tree.currentItem().text(0) == "Shared care record"
    press(window, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 4)
    assert session(window).scalar(select(System).where(System.id == added.id)) is None
    press(window, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 5)
    assert session(window).get(System, added.id).name == "Shared care record"


def test_enter_edits_every_field_in_one_undo_step(qtbot, window: MainWindow, answers, press):
    tree = catalogue_of(window).panel.tree
    sms = system_named(window, "SMS reminder service")
    items = [(item.id, item.name) for item in sms.data_items]
    click_row(qtbot, window, row(window, "SMS reminder service"))

    def edit(dialog: SystemDialog) -> None:
        assert dialog.name.text() == "SMS reminder service"
        assert [dialog.data_items.item(i).text() for i in range(2)] == [
            "mobile numbers",
            "appointment reminders",
        ]
        dialog.owner.selectAll()
        qtbot.keyClicks(dialog.owner, "Text messaging supplier")
        dialog.description.setFocus()
        qtbot.keyClick(dialog.description, Qt.Key.Key_End, CTRL)
        qtbot.keyClicks(dialog.description, " Only mobiles.")
        dialog.data_items.setFocus()
        dialog.data_items.setCurrentRow(1)
        qtbot.mouseClick(dialog.move_up, LEFT)
        dialog.data_items.setCurrentRow(1)
        qtbot.keyClick(dialog.data_items, Qt.Key.Key_Delete)
        assert dialog.data_items.count() == 1
        qtbot.mouseClick(dialog.ok, LEFT)

    answers.expect(SystemDialog, edit)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sms.owner == "Text messaging supplier")
    assert sms.description.endswith("Only mobiles.")
    assert [item.name for item in sms.data_items] == ["appointment reminders"]
    assert window.workspace.document.undo_stack.undoText() == "Edit system “SMS reminder service”"
    press(window, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: row(window, "SMS reminder service").childCount() == 2)
    session(window).expire_all()
    sms = system_named(window, "SMS reminder service")
    assert sms.owner == "GP practice (contracted supplier)"
    assert [(item.id, item.name) for item in sms.data_items] == items


def test_f2_renames_and_the_canvas_and_the_card_s_properties_follow(
    qtbot, window: MainWindow, press
):
    tree = catalogue_of(window).panel.tree
    sms = system_named(window, "SMS reminder service")
    used = links(window)
    card_id = next(
        c for c in window.workspace.current.layout_engine.shape.cards if (c, sms.id) in used
    )
    view = window.workspace.current.view
    qtbot.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, card_id))
    systems = window.properties.card_form.systems
    qtbot.waitUntil(lambda: window.properties.card_form.card_id == card_id)
    listed = [systems.item(i).text() for i in range(systems.count())]
    assert "SMS reminder service" in listed
    assert "SMS reminder service" in hint(window, card_id)

    click_row(qtbot, window, row(window, "SMS reminder service"))
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    type_over(qtbot, tree, "Text reminder service")
    qtbot.waitUntil(lambda: sms.name == "Text reminder service")
    assert "Text reminder service" in hint(window, card_id)
    assert "Text reminder service" in [systems.item(i).text() for i in range(systems.count())]
    assert tree.currentItem().text(0) == "Text reminder service"
    press(window, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: "SMS reminder service" in hint(window, card_id))
    assert [systems.item(i).text() for i in range(systems.count())] == listed

    # F2 on a data item renames the data item.
    click_row(qtbot, window, row(window, "SMS reminder service", "mobile numbers"))
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    type_over(qtbot, tree, "mobile phone numbers")
    qtbot.waitUntil(lambda: sms.data_items[0].name == "mobile phone numbers")


def test_delete_key_deletes_with_the_count_and_undo_gives_back_links_and_data(
    qtbot, window: MainWindow, press
):
    tree = catalogue_of(window).panel.tree
    gp = system_named(window, "GP clinical system")
    gp_id = gp.id
    data = [(item.id, item.name, item.position) for item in gp.data_items]
    before = links(window)
    used = len({card for card, system in before if system == gp_id})
    card_id = next(
        c for c in window.workspace.current.layout_engine.shape.cards if (c, gp_id) in before
    )
    assert "GP clinical system" in hint(window, card_id)
    click_row(qtbot, window, row(window, "GP clinical system"))
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 3)
    stack = window.workspace.document.undo_stack
    assert stack.undoText() == f"Delete system “GP clinical system” ({used} cards lose the link)"
    assert f"{used} cards lose the link" in window.statusBar().currentMessage()
    assert session(window).get(System, gp_id) is None
    assert "GP clinical system" not in hint(window, card_id)
    # The duplicated mark went with it.
    assert (
        row(window, "Mental health trust records", "patient contact details").data(0, NOTE_ROLE)
        is None
    )
    press(window, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 4)
    assert links(window) == before
    restored = session(window).get(System, gp_id)
    assert [(item.id, item.name, item.position) for item in restored.data_items] == data
    assert "GP clinical system" in hint(window, card_id)

    # Delete on a data item deletes only that data item.
    click_row(qtbot, window, row(window, "GP clinical system", "medication list"))
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: row(window, "GP clinical system").childCount() == 4)
    assert stack.undoText() == "Delete data item “medication list”"
    assert session(window).get(DataItem, data[-1][0]) is None


def test_show_cards_using_it_selects_them_on_the_canvas(qtbot, window: MainWindow):
    lab = system_named(window, "Pathology lab system")
    editor = window.workspace.current
    expected = {
        c for c, s in links(window) if s == lab.id
    } & editor.layout_engine.shape.cards.keys()
    assert expected
    click_row(qtbot, window, row(window, "Pathology lab system"))
    button = catalogue_of(window).panel.findChild(QToolButton, "showCardsUsingSystemActionButton")
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: set(editor.view.selected_card_ids()) == expected)
    assert "Pathology lab system" in window.statusBar().currentMessage()


def test_a_read_only_project_disables_the_edits(
    qtbot, make_window, sample_file: ProjectFile, tmp_path, press
):
    sample_file.save_as(tmp_path / "sample.blueprint")
    window = make_window(ProjectFile.open(tmp_path / "sample.blueprint", read_only=True))
    press(window, Qt.Key.Key_Y, CTRL_SHIFT)
    part = catalogue_of(window)
    qtbot.waitUntil(lambda: part.panel.tree.topLevelItemCount() == 4)
    click_row(qtbot, window, row(window, "GP clinical system"))
    assert not part.add.isEnabled() and not part.edit.isEnabled()
    assert not part.delete.isEnabled() and part.show_cards.isEnabled()
    count = window.workspace.document.undo_stack.count()
    qtbot.keyClick(part.panel.tree, Qt.Key.Key_Delete)
    qtbot.keyClick(part.panel.tree, Qt.Key.Key_F2)
    assert (
        part.panel.tree.findChild(QLineEdit) is None
        or not part.panel.tree.findChild(QLineEdit).isVisible()
    )
    assert window.workspace.document.undo_stack.count() == count
    assert part.panel.tree.topLevelItemCount() == 4
    assert isinstance(window.properties.card_form.systems, QListWidget)


def test_the_plus_button_adds_the_first_system_and_the_card_s_properties_list_it(
    qtbot, make_window, answers, press
):
    project_file = ProjectFile.new("Clinic")
    blueprint = project_file.project.blueprints[0]
    ops_grid.add_card(blueprint.lanes[-1], blueprint.steps[0], "Looks up record")
    project_file.commit()
    window = make_window(project_file)
    press(window, Qt.Key.Key_Y, CTRL_SHIFT)
    part = catalogue_of(window)
    qtbot.waitUntil(part.panel.isVisible)
    assert part.panel.empty.isVisible() and part.panel.tree.topLevelItemCount() == 0
    assert not part.edit.isEnabled() and not part.show_cards.isEnabled()
    card_id = as_is_card(window, "Looks up record")
    view = window.workspace.current.view
    qtbot.mouseClick(view.viewport(), LEFT, NONE, aim_at_card(view, card_id))
    form = window.properties.card_form
    qtbot.waitUntil(lambda: form.card_id == card_id)
    assert form.systems.count() == 0

    def fill(dialog: SystemDialog) -> None:
        assert not dialog.ok.isEnabled()  # a system needs a name
        qtbot.keyClicks(dialog.name, "Patient record")
        qtbot.mouseClick(dialog.ok, LEFT)

    answers.expect(SystemDialog, fill)
    button = part.panel.findChild(QToolButton, "addSystemActionButton")
    assert button.text() == "+ Add…"
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: part.panel.tree.topLevelItemCount() == 1)
    assert not part.panel.empty.isVisible()
    assert [form.systems.item(i).text() for i in range(form.systems.count())] == ["Patient record"]
    press(window, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: form.systems.count() == 0)
    assert part.panel.empty.isVisible()


def test_show_cards_goes_to_the_blueprint_whose_cards_use_it(qtbot, window: MainWindow):
    document = window.workspace.document
    to_be = document.project.blueprints[1]
    card = next(card for lane in to_be.lanes for card in lane.cards)
    add = AddSystemCommand("Shared care record", "ICB")
    document.push(add)
    document.push(SetCardSystemsCommand(card.id, [add.system_id]))
    item = row(window, "Shared care record")
    assert item.data(0, NOTE_ROLE) == "Owner: ICB · used by 1 card"
    click_row(qtbot, window, item)
    button = catalogue_of(window).panel.findChild(QToolButton, "showCardsUsingSystemActionButton")
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: window.workspace.current.blueprint_id == to_be.id)
    qtbot.waitUntil(lambda: window.workspace.current.view.selected_card_ids() == [card.id])
    assert "Shared care record" in hint(window, card.id)
