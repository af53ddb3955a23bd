"""A new user builds DOMAIN.md's worked example (the physical health check for people with
severe mental illness, as-is) from an empty standard template with mouse and keyboard
alone, saves it, undoes back to the empty template, redoes it all, and reopens the file.

Everything is done through real input: File → New… is answered in its dialog; stages and
steps are inserted, grouped and renamed from the header context menus (right-clicks on
the canvas, the menu item clicked, the name typed into the dialog) and the Blueprint
menu's Add Step; cards are added by double-clicking an empty spot of a cell (or Enter
under a selected card) and typed into the in-place editor; fail and wait points are set
from the card's context menu; connectors are drawn with C on two selected cards or by
dragging from a card's handle, and their kind and label are set from their context menu.

Reopening a file starts a new undo history, so the undo-to-empty and redo checks are done
in the first window, after Save As and before closing; the reopened project is then
checked to hold the same content.

The worked example's pain points and key moment have no gesture on the canvas; where a
pain point is a failure or a wait of the service it is marked as a fail or wait point.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QRadioButton,
)
from sqlalchemy import select

from app.canvas.connector_item import ConnectorItem
from app.canvas.view import BlueprintView
from app.layout.geometry import Rect
from app.model.kinds import LaneKind
from app.model.project_file import ProjectFile
from app.model.structure import Card, Connector, Lane, Stage, Step
from app.ui.dialogs.new_project import NewProjectDialog
from app.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).parents[1] / "canvas"))
from canvas_helpers import aim, aim_at_card

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NONE, CTRL = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier

STANDARD_LANES = [
    "physical evidence",
    "customer actions",
    "frontstage",
    "backstage",
    "support processes",
    "systems",
]
TEMPLATE_STAGES = [
    ("Before", ["Step 1", "Step 2"]),
    ("During", ["Step 3", "Step 4"]),
    ("After", ["Step 5"]),
]

# DOMAIN.md, "A worked example": its five stages, and the journey's steps within them.
STAGES = [
    ("Invitation", ["Eligible patients found", "Invitation letter"]),
    ("Booking", ["Booking call"]),
    ("Attending", ["Journey to surgery", "Waiting room"]),
    ("Check", ["Health check"]),
    ("Follow-up", ["Results", "Missed appointments"]),
]
STEPS = [title for _stage, steps in STAGES for title in steps]

CUSTOMER, FRONTSTAGE = LaneKind.CUSTOMER_ACTIONS, LaneKind.FRONTSTAGE
BACKSTAGE, SYSTEMS = LaneKind.BACKSTAGE, LaneKind.SYSTEMS

# (lane, step, texts top to bottom): every card the worked example lists, in its lane.
CARDS = [
    (BACKSTAGE, "Eligible patients found", ["Admin pulls list of eligible patients from register"]),
    (SYSTEMS, "Eligible patients found", ["GP clinical system", "Mental health trust records"]),
    (CUSTOMER, "Invitation letter", ["Receives letter"]),
    (CUSTOMER, "Booking call", ["Phones surgery", "Waits on hold"]),
    (FRONTSTAGE, "Booking call", ["Receptionist books slot"]),
    (SYSTEMS, "Booking call", ["SMS reminder service"]),
    (CUSTOMER, "Journey to surgery", ["Travels to surgery"]),
    (CUSTOMER, "Waiting room", ["Sits in waiting room"]),
    (CUSTOMER, "Health check", ["Has bloods taken"]),
    (FRONTSTAGE, "Health check", ["Practice nurse runs checks"]),
    (SYSTEMS, "Health check", ["Pathology lab system"]),
    (CUSTOMER, "Results", ["Is told results later (or not)"]),
    (FRONTSTAGE, "Results", ["GP reviews"]),
    (BACKSTAGE, "Results", ["Results filed"]),
    (BACKSTAGE, "Missed appointments", ["Nurse chases missed appointments"]),
]

# Where the worked example's pain points are failures of the service or waits.
FAIL_POINTS = [
    "SMS reminder service",  # no reminder for people without mobiles
    "Is told results later (or not)",
    "Nurse chases missed appointments",  # DNA (did not attend) not followed up
]
WAIT_POINTS = ["Waits on hold", "Sits in waiting room"]

# (source, target, kind, label): the journey's flow, its hand-offs between lanes, and the
# data the systems pass on (the two records holding the same contact details among them).
CONNECTORS = [
    ("Admin pulls list of eligible patients from register", "Receives letter", "hand-off", ""),
    ("Receives letter", "Phones surgery", "flow", ""),
    ("Phones surgery", "Waits on hold", "flow", ""),
    ("Waits on hold", "Receptionist books slot", "hand-off", ""),
    ("Receptionist books slot", "SMS reminder service", "data", ""),
    ("Travels to surgery", "Sits in waiting room", "flow", ""),
    ("Sits in waiting room", "Has bloods taken", "flow", ""),
    ("Practice nurse runs checks", "Pathology lab system", "data", ""),
    ("GP reviews", "Is told results later (or not)", "hand-off", ""),
    ("GP clinical system", "Mental health trust records", "data", "duplicate contact details"),
]
# These are drawn by dragging from the source card's handle; the others with C.
DRAWN_BY_HANDLE = {
    ("Receives letter", "Phones surgery"),
    ("Travels to surgery", "Sits in waiting room"),
}


# -- what the project holds ------------------------------------------------------------------


def content(project_file: ProjectFile) -> dict:
    """The first blueprint's stages, steps, cards, flags and connectors, read from the
    working copy (by text, so two windows' projects compare)."""
    session = project_file.session
    blueprint_id = project_file.project.blueprints[0].id
    steps = session.execute(
        select(Step.id, Step.title, Step.stage_id)
        .where(Step.blueprint_id == blueprint_id)
        .order_by(Step.position)
    ).all()
    stages = [
        (title, [step.title for step in steps if step.stage_id == stage_id])
        for stage_id, title in session.execute(
            select(Stage.id, Stage.title)
            .where(Stage.blueprint_id == blueprint_id)
            .order_by(Stage.position)
        )
    ]
    rows = session.execute(
        select(Lane.kind, Step.title, Card.text, Card.fail_point, Card.wait_point, Card.id)
        .join(Lane, Card.lane_id == Lane.id)
        .join(Step, Card.step_id == Step.id)
        .where(Lane.blueprint_id == blueprint_id)
        .order_by(Lane.position, Step.position, Card.position)
    ).all()
    cells: dict[tuple[str, str], list[str]] = {}
    for kind, step, text, *_rest in rows:
        cells.setdefault((kind.value, step), []).append(text)
    texts = {row.id: row.text for row in rows}
    connectors = sorted(
        (texts[source], texts[target], kind.value, label)
        for source, target, kind, label in session.execute(
            select(Connector.source_id, Connector.target_id, Connector.kind, Connector.label).where(
                Connector.blueprint_id == blueprint_id
            )
        )
    )
    lanes = [
        kind.value
        for kind in session.scalars(
            select(Lane.kind).where(Lane.blueprint_id == blueprint_id).order_by(Lane.position)
        )
    ]
    return {
        "lanes": lanes,
        "stages": stages,
        "steps": [step.title for step in steps],
        "cells": cells,
        "fail points": sorted(row.text for row in rows if row.fail_point),
        "wait points": sorted(row.text for row in rows if row.wait_point),
        "connectors": connectors,
    }


def template_as_created() -> dict:
    return {
        "lanes": STANDARD_LANES,
        "stages": TEMPLATE_STAGES,
        "steps": [title for _stage, steps in TEMPLATE_STAGES for title in steps],
        "cells": {},
        "fail points": [],
        "wait points": [],
        "connectors": [],
    }


def worked_example() -> dict:
    return {
        "lanes": STANDARD_LANES,
        "stages": STAGES,
        "steps": STEPS,
        "cells": {(lane.value, step): texts for lane, step, texts in CARDS},
        "fail points": sorted(FAIL_POINTS),
        "wait points": sorted(WAIT_POINTS),
        "connectors": sorted(CONNECTORS),
    }


# -- the user's gestures ----------------------------------------------------------------------


class User:
    """One person at the window: each method is a gesture made of real input events."""

    def __init__(self, qtbot, window: MainWindow, answers) -> None:
        self.qtbot, self.window, self.answers = qtbot, window, answers

    @property
    def view(self) -> BlueprintView:
        editor = self.window.workspace.current
        assert editor is not None, "no blueprint on the canvas"
        return editor.view

    @property
    def project_file(self) -> ProjectFile:
        return self.window.project_file

    # keyboard shortcuts, menus and dialogs of the window

    def shortcut(self, action: QAction) -> None:
        """Press the action's first shortcut with the window in front."""
        keys = action.shortcuts()[0][0]
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow)
        QTest.keyClick(self.window, keys.key(), keys.keyboardModifiers())

    def new_project_from_template(self, name: str, template: str) -> None:
        """File → New… (Ctrl+N): type the project's name, click the template, press Enter."""

        def respond(dialog: NewProjectDialog) -> None:
            edit = dialog.findChild(QLineEdit, "nameEdit")
            edit.selectAll()
            self.qtbot.keyClicks(edit, name)
            radio = dialog.findChild(QRadioButton, f"{template}Template")
            # A radio button takes clicks on its round indicator and its text.
            indicator = QPoint(radio.height() // 2, radio.height() // 2)
            self.qtbot.mouseClick(radio, LEFT, pos=indicator)
            assert radio.isChecked()
            self.qtbot.keyClick(edit, Qt.Key.Key_Return)

        self.answers.expect(NewProjectDialog, respond)
        self.shortcut(self.window.menu_actions.new)

    def will_type_in_dialog(self, text: str) -> None:
        """The next question asked with a text box is answered by typing ``text``."""

        def respond(dialog: QInputDialog) -> None:
            edit = dialog.findChild(QLineEdit)
            edit.selectAll()
            self.qtbot.keyClicks(edit, text)
            self.qtbot.keyClick(edit, Qt.Key.Key_Return)

        self.answers.expect(QInputDialog, respond)

    # context menus on the canvas

    def right_click(self, pos: QPoint) -> QMenu:
        """A right-click at a viewport point, as the window system delivers it (press and
        release to the window, which turns it into a context menu event)."""
        at = self.view.viewport().mapTo(self.window, pos)
        QTest.mouseMove(self.window.windowHandle(), at + QPoint(8, 8))
        QTest.mouseMove(self.window.windowHandle(), at)
        QTest.mouseClick(self.window.windowHandle(), RIGHT, NONE, at)
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "the right-click opened no menu"
        return menu

    def choose(self, menu: QMenu, text: str) -> None:
        """Move to the menu's item called ``text`` and click it (an item of a submenu: click
        the submenu's entry first, then the item in the submenu that opens)."""
        for action in menu.actions():
            if action.text() == text:
                self.click_menu_item(menu, action)
                return
        for action in menu.actions():
            inner = action.menu()
            if inner is not None and text in [a.text() for a in inner.actions()]:
                self.click_menu_item(menu, action)
                self.qtbot.waitUntil(inner.isVisible)
                self.choose(inner, text)
                return
        raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")

    def click_menu_item(self, menu: QMenu, action: QAction) -> None:
        at = menu.actionGeometry(action).center()
        QTest.mouseMove(menu.windowHandle(), at)
        QTest.mouseClick(menu.windowHandle(), LEFT, NONE, at)

    def header_point(self, step_index: int, row: str) -> QPoint:
        """A viewport point on a step's header ("step") or its stage's header ("stage")."""
        view = self.view
        step = view.blueprint_scene.geometry.steps[step_index]
        column = step.column
        view.reveal(Rect(column.x, column.y, column.w, 10.0))
        panes = view.pane_layout()
        x = panes.dx + (column.x + column.w / 2) * panes.scale
        if row == "stage":
            y = panes.top + panes.stage_height / 2
        else:
            y = panes.top + (panes.stage_height + panes.header_height) / 2
        return QPoint(round(x), round(y))

    def step_menu(self, step_index: int, item: str, answer: str | None = None) -> None:
        if answer is not None:
            self.will_type_in_dialog(answer)
        self.choose(self.right_click(self.header_point(step_index, "step")), item)

    def stage_menu(self, step_index: int, item: str, answer: str | None = None) -> None:
        if answer is not None:
            self.will_type_in_dialog(answer)
        self.choose(self.right_click(self.header_point(step_index, "stage")), item)

    # cards

    def lane_id(self, kind: LaneKind) -> str:
        return next(
            lane.id for lane in self.project_file.project.blueprints[0].lanes if lane.kind == kind
        )

    def step_id(self, title: str) -> str:
        return self.project_file.session.scalars(select(Step.id).where(Step.title == title)).one()

    def card_id(self, text: str) -> str:
        return self.project_file.session.scalars(select(Card.id).where(Card.text == text)).one()

    def type_card_text(self, text: str) -> str:
        view = self.view
        self.qtbot.waitUntil(lambda: view.editor is not None)
        card_id = view.editor.card_id
        QTest.keyClicks(view.editor, text)
        QTest.keyClick(view.editor, Qt.Key.Key_Return)
        assert view.editor is None
        return card_id

    def add_card(self, lane: LaneKind, step: str, text: str) -> str:
        """Double-click an empty spot of the (lane, step) cell, type, press Enter."""
        view = self.view
        cell = view.blueprint_scene.geometry.cells[(self.lane_id(lane), self.step_id(step))]
        QTest.mouseDClick(view.viewport(), LEFT, NONE, aim(view, cell.x + cell.w / 2, cell.y + 12))
        return self.type_card_text(text)

    def add_card_below_selected(self, text: str) -> str:
        """Enter on the canvas with one card selected: a new card under it; type, Enter."""
        QTest.keyClick(self.view.viewport(), Qt.Key.Key_Return)
        return self.type_card_text(text)

    def click_card(self, text: str, modifiers=NONE) -> None:
        QTest.mouseClick(
            self.view.viewport(), LEFT, modifiers, aim_at_card(self.view, self.card_id(text))
        )

    def card_menu(self, text: str, item: str) -> None:
        menu = self.right_click(aim_at_card(self.view, self.card_id(text)))
        self.choose(menu, item)

    # connectors

    def connect_with_c(self, source: str, target: str) -> None:
        """Click the source card, Ctrl+click the target, press C."""
        self.click_card(source)
        self.click_card(target, CTRL)
        assert self.view.selected_card_ids() == [self.card_id(source), self.card_id(target)]
        QTest.keyClick(self.view.viewport(), Qt.Key.Key_C)

    def connect_by_dragging(self, source: str, target: str) -> None:
        """Click the source card, then drag from its edge handle onto the target."""
        view = self.view
        self.click_card(source)
        source_item = view.blueprint_scene.cards[self.card_id(source)]
        target_rect = view.blueprint_scene.geometry.cards[self.card_id(target)].rect
        view.reveal(target_rect)
        view.reveal(view.blueprint_scene.geometry.cards[self.card_id(source)].rect)
        start = view.mapFromScene(source_item.handle_rect().center())
        end = view.mapFromScene(QPointF(*target_rect.center))
        QTest.mousePress(view.viewport(), LEFT, NONE, start)
        for fraction in (0.25, 0.5, 0.75, 1.0):
            point = start + (end - start) * fraction
            QTest.mouseMove(view.viewport(), QPoint(round(point.x()), round(point.y())))
        QTest.mouseRelease(view.viewport(), LEFT, NONE, end)

    def connector_point(self, source: str, target: str) -> QPoint:
        """A viewport point on the connector's route, clear of every card."""
        view = self.view
        scene = view.blueprint_scene
        source_id, target_id = self.card_id(source), self.card_id(target)
        connector = next(
            c
            for c in scene.geometry.connectors.values()
            if (c.source_id, c.target_id) == (source_id, target_id)
        )
        points = [QPointF(x, y) for x, y in connector.points]
        for a, b in itertools.pairwise(points):
            for fraction in (0.5, 0.3, 0.7):
                point = a + (b - a) * fraction
                hits = scene.items(point)
                if scene.card_at(point) is None and any(
                    isinstance(hit, ConnectorItem) and hit.connector_id == connector.id
                    for hit in hits
                ):
                    return aim(view, point.x(), point.y())
        raise AssertionError(f"no clear point on the connector {source!r} → {target!r}")

    def connector_menu(self, source: str, target: str, item: str, answer: str | None = None):
        if answer is not None:
            self.will_type_in_dialog(answer)
        self.choose(self.right_click(self.connector_point(source, target)), item)


# -- the test ---------------------------------------------------------------------------------


def build_structure(user: User) -> None:
    """From Before / During / After with five steps to the worked example's five stages and
    eight steps, through the header menus and the Blueprint menu."""
    user.stage_menu(0, "Rename stage…", "Invitation")
    user.stage_menu(2, "Rename stage…", "Attending")
    user.stage_menu(4, "Rename stage…", "Follow-up")
    # Booking: a step inserted after the letter, grouped into a stage of its own.
    user.step_menu(1, "Insert step after")
    user.step_menu(2, "Group into a new stage…", "Booking")
    # Check: likewise after the waiting room.
    user.step_menu(4, "Insert step after")
    user.step_menu(5, "Group into a new stage…", "Check")
    # Follow-up's second step: Blueprint → Add Step adds one at the end of the last stage.
    user.window.blueprint_actions.add_step.trigger()
    for index, title in enumerate(STEPS):
        user.step_menu(index, "Rename step…", title)


def build_cards(user: User) -> None:
    for lane, step, texts in CARDS:
        user.add_card(lane, step, texts[0])
        for text in texts[1:]:
            user.add_card_below_selected(text)
    for text in FAIL_POINTS:
        user.card_menu(text, "Fail point")
    for text in WAIT_POINTS:
        user.card_menu(text, "Wait point")


def build_connectors(user: User) -> None:
    for source, target, kind, label in CONNECTORS:
        if (source, target) in DRAWN_BY_HANDLE:
            user.connect_by_dragging(source, target)
        else:
            user.connect_with_c(source, target)
        if kind != "flow":
            user.connector_menu(source, target, kind.capitalize())
        if label:
            user.connector_menu(source, target, "Edit label…", label)


def assert_shows(user: User, expected: dict) -> None:
    """The model holds the worked example, and the canvas draws all of it."""
    held = content(user.project_file)
    for key, value in expected.items():
        assert held[key] == value, key
    geometry = user.view.blueprint_scene.geometry
    assert len(geometry.cards) == sum(len(texts) for texts in expected["cells"].values())
    assert len(geometry.connectors) == len(expected["connectors"])


def press_until_disabled(user: User, action: QAction, most: int) -> int:
    """Press the action's shortcut until it is disabled; how many presses it took."""
    presses = 0
    while action.isEnabled():
        assert presses < most, f"{action.text()} is still enabled after {most} presses"
        user.shortcut(action)
        presses += 1
    return presses


def test_a_new_user_builds_the_worked_example_saves_undoes_redoes_and_reopens(
    qtbot, make_window, answers, tmp_path
) -> None:
    window = make_window()
    window.resize(1600, 1000)  # the user makes the window big enough to work in
    user = User(qtbot, window, answers)
    user.new_project_from_template("Physical health check", "standard")
    assert window.windowTitle() == "Physical health check[*] — Stagecraft"
    assert content(user.project_file) == template_as_created()

    expected = worked_example()
    build_structure(user)
    held = content(user.project_file)
    assert (held["stages"], held["steps"], held["cells"]) == (STAGES, STEPS, {})
    build_cards(user)
    held = content(user.project_file)
    for key in ("cells", "fail points", "wait points"):
        assert held[key] == expected[key], key
    assert held["connectors"] == []
    build_connectors(user)
    assert_shows(user, expected)

    target = tmp_path / "physical health check.blueprint"
    answers.choose_file(target)
    user.shortcut(window.menu_actions.save_as)
    assert window.project_file.path == target.absolute()
    assert not window.isWindowModified()

    # Undo with Ctrl+Z until there is nothing left to undo: the template as it was created.
    stack = window.workspace.document.undo_stack
    done = stack.index()
    assert done > 0
    assert press_until_disabled(user, window.edit_actions.undo, done) == done
    assert stack.index() == 0
    assert content(user.project_file) == template_as_created()
    assert not user.view.blueprint_scene.cards
    assert not user.view.blueprint_scene.geometry.connectors
    assert window.isWindowModified()

    # Redo it all: the worked example is back, as it was saved.
    assert press_until_disabled(user, window.edit_actions.redo, done) == done
    assert stack.index() == done
    assert_shows(user, expected)
    assert not window.isWindowModified()

    # Close (nothing to ask: it is saved), then File → Open… the file.
    user.shortcut(window.menu_actions.close)
    assert window.project_file is None
    answers.choose_file(target)
    user.shortcut(window.menu_actions.open)
    assert window.project_file.path == target.absolute()
    assert_shows(user, expected)
    assert not window.edit_actions.undo.isEnabled()  # a reopened file starts a new history
    assert answers.kinds() == [NewProjectDialog, *[QInputDialog] * 14, QFileDialog, QFileDialog]
