"""A facilitator runs DOMAIN.md's workshop on the worked example's as-is map, with mouse and
keyboard alone: the pain points of the service users and of the staff go on their cards
(P), the health check appointment is marked as the key moment (K) and shows as the sweet
spot, opportunities are made from pain points chosen in the Pain Points dock and scored in
their form, the Opportunities dock lists them in the order of the priority rule and the
matrix plots the ranked ones, and a comment goes on a card. Then everything is undone with
Ctrl+Z back to the bare map, redone, saved, and the reopened file holds it all.

The project starts as the bundled sample's as-is map without any of the method: no pain
points, emotions, key moments, opportunities or comments (and no to-be yet).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.analysis.priority import PREPARE, prioritise
from app.layout.geometry import Rect
from app.model.catalogue import Comment
from app.model.dump import dump
from app.model.method import Emotion, KeyMoment, Opportunity, PainPoint
from app.model.ops_grid import delete_blueprint
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, SAMPLE_PATH, build_sample
from app.model.structure import Card, Step
from app.ui.main_window import MainWindow
from app.ui.method.comment_dialog import AuthorDialog, CommentDialog
from app.ui.method.key_moment_dialog import KeyMomentDialog
from app.ui.method.opportunities import OpportunityActions
from app.ui.method.opportunities_model import COLUMN
from app.ui.method.opportunity_dialog import OpportunityDialog
from app.ui.method.pain_point_dialog import PainPointDialog
from app.ui.method.pain_points import PainPoints
from app.ui.method.priority_matrix import PriorityMatrix

sys.path.insert(0, str(Path(__file__).parents[1] / "canvas"))
from canvas_helpers import aim_at_card

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
METHOD = (PainPoint, Emotion, KeyMoment, Opportunity, Comment)


# -- the workshop's material (DOMAIN.md, "A worked example") --------------------------------


@dataclass(frozen=True)
class Pain:
    card: str
    description: str
    severity: int
    perspective: str  # as the dialog's list says it
    evidence: str
    people: int | None = None
    underserved: str = ""


SERVICE_USER, STAFF = "Service user", "Staff"
LETTER = Pain("Receives letter", "Letter is hard to understand", 3, SERVICE_USER, "Interview", 120)
WAITING_ROOM = Pain(
    "Sits in waiting room",
    "Anxiety about the waiting room and meeting someone known",
    5,
    SERVICE_USER,
    "Interview",
    180,
    "People with severe mental illness",
)
NO_REMINDER = Pain(
    "Gets a text reminder (only with a mobile number on record)",
    "No reminder for people without mobiles",
    4,
    SERVICE_USER,
    "Assumption",
    60,
    "People without a mobile phone",
)
NURSE_CANNOT_SEE = Pain(
    "Nurse looks for mental-health medication and care plan",
    "Nurse cannot see mental-health record",
    4,
    STAFF,
    "Workshop",
)
DNA = Pain(
    "Nurse chases missed appointments",
    "DNA (did not attend) not followed up",
    4,
    STAFF,
    "Data",
    95,
)
PAIN_POINTS = [LETTER, WAITING_ROOM, NO_REMINDER, NURSE_CANNOT_SEE, DNA]

KEY_MOMENT_STEP = "Health check appointment"
KEY_MOMENT_NOTE = "The appointment itself: the one face-to-face contact in the year."

SCORES = ("management_interest", "operational_capacity", "capability", "impact", "effort")
# The form's mnemonic for each score, as its label underlines it.
SCORE_KEYS = {
    "management_interest": Qt.Key.Key_M,
    "operational_capacity": Qt.Key.Key_W,
    "capability": Qt.Key.Key_C,
    "impact": Qt.Key.Key_I,
    "effort": Qt.Key.Key_F,
}


@dataclass(frozen=True)
class Change:
    title: str
    answers: tuple[Pain, ...]
    scores: tuple[int, int, int, int, int]  # in the order of SCORES
    quick_win: bool = False


TRUSTED_CONTACT = Change(
    "Reminder by a trusted contact", (NO_REMINDER, DNA), (3, 4, 4, 4, 2), quick_win=True
)
QUIET_TIMES = Change("Quieter appointment times", (WAITING_ROOM,), (4, 3, 5, 4, 1), quick_win=True)
# The operational teams have no capacity for it yet: it must prepare the ground first.
SHARED_RECORD = Change(
    "Shared record with the mental health trust", (NURSE_CANNOT_SEE,), (5, 2, 3, 5, 5)
)
FOLLOW_UP_CALL = Change("Follow-up call after a missed check", (DNA,), (4, 3, 4, 4, 2))
PLAIN_LETTER = Change("Plain-English invitation letter", (LETTER,), (3, 5, 5, 2, 1), quick_win=True)
CHANGES = [TRUSTED_CONTACT, QUIET_TIMES, SHARED_RECORD, FOLLOW_UP_CALL, PLAIN_LETTER]
# The order of the priority rule: the trusted contact (60 people without a mobile, an
# underserved group) comes before the follow-up call (95 people); the shared record waits.
IN_ORDER = [QUIET_TIMES, TRUSTED_CONTACT, FOLLOW_UP_CALL, PLAIN_LETTER, SHARED_RECORD]

UNDO_STEPS = [
    *["Add pain point"] * len(PAIN_POINTS),
    "Mark key moment",
    *["Add opportunity"] * len(CHANGES),
    "Add comment",
]

COMMENT_AUTHOR = "Amira Hassan (user researcher)"
COMMENT_CARD = "Sits in waiting room"
COMMENT_TEXT = (
    "Four of six interviewees named the waiting room as the reason they nearly did not come."
)


# -- the project: the as-is map and nothing of the method -----------------------------------


def as_is_map_source(folder: Path) -> Path:
    """The sample's source with the as-is map only: the method's parts and the to-be's
    changes taken out."""
    data = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    as_is = data["as_is"]
    as_is.pop("pain_points", None)
    for stage in as_is["stages"]:
        for step in stage["steps"]:
            step.pop("emotion", None)
            step.pop("key_moment", None)
    data["opportunities"], data["comments"] = [], []
    data["to_be"] = {"name": "unused", "changes": []}
    source = folder / "as_is_map.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    return source


@pytest.fixture
def as_is_map(tmp_path: Path) -> Iterator[ProjectFile]:
    source = as_is_map_source(tmp_path)

    def build(session: Session) -> None:
        project = build_sample(session, source=source)
        delete_blueprint(project.blueprints[1])

    project_file = ProjectFile.build(SAMPLE_NAME, build)
    yield project_file
    project_file.close()


def method_counts(session: Session) -> dict[str, int]:
    return {kind.__name__: session.scalar(select(func.count(kind.id))) for kind in METHOD}


NOTHING = {kind.__name__: 0 for kind in METHOD}


# -- the facilitator's gestures ------------------------------------------------------------------


class Facilitator:
    """One person at the window: each method is a gesture made of real input events."""

    def __init__(self, qtbot, window: MainWindow, answers) -> None:
        self.qtbot, self.window, self.answers = qtbot, window, answers

    @property
    def session(self) -> Session:
        return self.window.workspace.document.session

    @property
    def view(self):
        return self.window.workspace.current.view

    @property
    def opportunities(self) -> OpportunityActions:
        return self.window.findChild(OpportunityActions, "opportunityActions")

    @property
    def pain_points(self) -> PainPoints:
        return self.window.findChild(PainPoints, "painPoints")

    def card(self, text: str) -> Card:
        return self.session.scalars(select(Card).where(Card.text == text)).one()

    def step(self, title: str) -> Step:
        return self.session.scalars(select(Step).where(Step.title == title)).one()

    def pain_point(self, pain: Pain) -> PainPoint:
        return self.session.scalars(
            select(PainPoint).where(PainPoint.description == pain.description)
        ).one()

    def opportunity(self, change: Change) -> Opportunity:
        return self.session.scalars(
            select(Opportunity).where(Opportunity.title == change.title)
        ).one()

    # keys and clicks

    def press(self, key: Qt.Key, modifiers=NONE, widget: QWidget | None = None) -> None:
        """A key pressed with the window in front (a closed dialog leaves none active)."""
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow)
        QTest.keyClick(widget or self.window, key, modifiers)

    def shortcut(self, action: QAction) -> None:
        keys = action.shortcuts()[0][0]
        self.press(keys.key(), keys.keyboardModifiers())

    def click_card(self, text: str) -> Card:
        card = self.card(text)
        QTest.mouseClick(self.view.viewport(), LEFT, NONE, aim_at_card(self.view, card.id))
        assert self.view.selected_card_ids() == [card.id]
        return card

    def click_step_header(self, title: str) -> Step:
        step = self.step(title)
        view = self.view
        geometry = view.blueprint_scene.geometry.step(step.id)
        view.reveal(Rect(geometry.x, geometry.header.bottom + 10, geometry.w, 20))
        panes = view.pane_layout()
        x = panes.dx + (geometry.header.x + geometry.header.w / 2) * panes.scale
        y = panes.top + (panes.stage_height + panes.header_height) / 2
        QTest.mouseClick(view.viewport(), LEFT, NONE, QPoint(round(x), round(y)))
        assert view.selected_step == step.id
        return step

    # the workshop

    def add_pain_point(self, pain: Pain) -> PainPoint:
        """Click the card, press P, fill in the dialog from the keyboard, Ctrl+Enter."""
        card = self.click_card(pain.card)
        self.press(Qt.Key.Key_P, widget=self.view)
        dialog = self.pain_points.dialog
        assert isinstance(dialog, PainPointDialog) and dialog.isVisible()
        self.qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.heading.text() == f"On the card “{pain.card}”"
        bot = self.qtbot
        bot.keyClicks(focused(), pain.description)
        bot.keyClick(focused(), Qt.Key.Key_Tab)
        bot.keyClick(focused(), Qt.Key(Qt.Key.Key_0 + pain.severity))
        bot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is dialog.perspective
        bot.keyClicks(focused(), pain.perspective.split()[0])  # a space opens the list
        bot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is dialog.evidence
        bot.keyClicks(focused(), pain.evidence)
        bot.keyClick(focused(), Qt.Key.Key_Tab)
        if pain.people is not None:
            bot.keyClicks(focused(), str(pain.people))
        bot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is dialog.underserved
        bot.keyClicks(focused(), pain.underserved)
        assert (dialog.perspective.currentText(), dialog.evidence.currentText()) == (
            pain.perspective,
            pain.evidence,
        )
        bot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
        self.qtbot.waitUntil(lambda: not dialog.isVisible())
        [added] = [p for p in card.pain_points if p.description == pain.description]
        return added

    def mark_key_moment(self, title: str, to_user: int, to_provider: int, note: str) -> list[bool]:
        """Click the step's header, press K, type both importances and the note, click
        Mark key moment; whether the dialog showed the sweet spot before and after."""
        seen: list[bool] = []

        def respond(dialog: KeyMomentDialog) -> None:
            assert focused() is dialog.to_user.lineEdit() or focused() is dialog.to_user
            seen.append(dialog.sweet_spot.isVisible())
            self.qtbot.keyClicks(focused(), str(to_user))
            self.qtbot.keyClick(focused(), Qt.Key.Key_Tab)
            self.qtbot.keyClicks(focused(), str(to_provider))
            seen.append(dialog.sweet_spot.isVisible())
            self.qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)
            assert focused() is dialog.note
            self.qtbot.keyClicks(dialog.note, note)
            self.qtbot.mouseClick(dialog.findChild(QWidget, "okButton"), LEFT)

        self.answers.expect(KeyMomentDialog, respond)
        self.click_step_header(title)
        self.press(Qt.Key.Key_K, widget=self.view)
        return seen

    def show_pain_points_dock(self) -> None:
        if not self.pain_points.dock.isVisible():
            self.shortcut(self.pain_points.show_dock)
        self.qtbot.waitUntil(self.pain_points.dock.isVisible)

    def show_opportunities_dock(self) -> None:
        self.shortcut(self.opportunities.show_dock)
        self.qtbot.waitUntil(self.opportunities.dock.isVisible)

    def choose_pain_points(self, pains: tuple[Pain, ...]) -> list[str]:
        """Click the pain points' rows in the Pain Points dock (Ctrl+click for the others)."""
        table = self.pain_points.dock.table
        ids = [self.pain_point(pain).id for pain in pains]
        proxy = table.model()
        rows = {
            proxy.index(row, 0).data(Qt.ItemDataRole.UserRole): row
            for row in range(proxy.rowCount())
        }
        for number, pain_id in enumerate(ids):
            index = proxy.index(rows[pain_id], 1)
            table.scrollTo(index)
            at = table.visualRect(index).center()
            QTest.mouseClick(table.viewport(), LEFT, CTRL if number else NONE, at)
        assert sorted(self.pain_points.dock.selected_pain_point_ids()) == sorted(ids)
        return ids

    def new_opportunity_from_pain_points(self, change: Change) -> tuple[Opportunity, str]:
        """Choose the pain points it answers in the dock, click the Opportunities dock's
        From Pain Points…, type its title and score it from the keyboard, press Enter; the
        opportunity, and what the form said of the three conditions."""
        chosen = self.choose_pain_points(change.answers)
        hints: list[str] = []

        def respond(dialog: OpportunityDialog) -> None:
            assert dialog.windowTitle() == "New Opportunity"
            assert sorted(dialog.linked_ids()) == sorted(chosen)
            assert focused() is dialog.title
            self.qtbot.keyClicks(dialog.title, change.title)
            for field, score in zip(SCORES, change.scores, strict=True):
                self.qtbot.keyClick(focused(), SCORE_KEYS[field], ALT)
                assert focused() is dialog.scores[field], field
                self.qtbot.keyClick(focused(), Qt.Key(Qt.Key.Key_0 + score))
                assert dialog.scores[field].score == score
            if change.quick_win:
                self.qtbot.keyClick(focused(), Qt.Key.Key_Q, ALT)
                assert focused() is dialog.quick_win
                self.qtbot.keyClick(focused(), Qt.Key.Key_Space)
            hints.append(dialog.conditions_hint.text())
            self.qtbot.keyClick(dialog.title, Qt.Key.Key_Return)  # the default button: OK

        self.answers.expect(OpportunityDialog, respond)
        button = self.opportunities.panel.findChild(
            QWidget, "newOpportunityFromPainPointsActionButton"
        )
        QTest.mouseClick(button, LEFT)
        return self.opportunity(change), hints[0]

    def comment_on_card(self, text: str, author: str, comment: str) -> None:
        """Click the card, Ctrl+Alt+M; say who you are the first time; type; Ctrl+Enter."""

        def name(dialog: AuthorDialog) -> None:
            self.qtbot.keyClicks(dialog.name_edit, author)
            self.qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

        def write(dialog: CommentDialog) -> None:
            assert dialog.author_edit.text() == author
            self.qtbot.keyClicks(dialog.text_edit, comment)
            self.qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, CTRL)

        self.answers.expect(AuthorDialog, name)
        self.answers.expect(CommentDialog, write)
        self.click_card(text)
        self.press(Qt.Key.Key_M, CTRL | ALT, widget=self.view)

    def press_until_disabled(self, action: QAction, most: int) -> int:
        presses = 0
        while action.isEnabled():
            assert presses < most, f"{action.text()} is still enabled after {most} presses"
            self.shortcut(action)
            presses += 1
        return presses


def focused() -> QWidget:
    return QApplication.focusWidget()


# -- what the window shows ------------------------------------------------------------------


def dock_titles(user: Facilitator) -> list[str]:
    proxy = user.opportunities.panel.proxy
    return [proxy.index(row, COLUMN["title"]).data() for row in range(proxy.rowCount())]


def dock_standings(user: Facilitator) -> list[str]:
    proxy = user.opportunities.panel.proxy
    return [proxy.index(row, COLUMN["rank"]).data() for row in range(proxy.rowCount())]


def matrix(user: Facilitator) -> PriorityMatrix:
    return user.window.findChild(PriorityMatrix, "priorityMatrix")


def method_content(session: Session) -> dict:
    """The method's content by text, so two windows' projects compare."""
    pains = session.scalars(select(PainPoint)).all()
    moments = session.scalars(select(KeyMoment)).all()
    opportunities = session.scalars(select(Opportunity)).all()
    comments = session.scalars(select(Comment)).all()
    return {
        "pain points": sorted(
            (
                p.card.text,
                p.description,
                p.severity,
                p.perspective.value,
                p.evidence.value,
                p.people_affected,
                p.underserved_group,
            )
            for p in pains
        ),
        "key moments": sorted(
            (m.step.title, m.importance_to_user, m.importance_to_provider, m.note) for m in moments
        ),
        "opportunities": sorted(
            (
                o.title,
                tuple(getattr(o, field) for field in SCORES),
                o.quick_win,
                tuple(sorted(p.description for p in o.pain_points)),
            )
            for o in opportunities
        ),
        "comments": sorted((c.item_kind, c.author, c.text) for c in comments),
    }


def expected_content() -> dict:
    return {
        "pain points": sorted(
            (
                p.card,
                p.description,
                p.severity,
                p.perspective.lower(),
                p.evidence.lower(),
                p.people,
                p.underserved,
            )
            for p in PAIN_POINTS
        ),
        "key moments": [(KEY_MOMENT_STEP, 5, 5, KEY_MOMENT_NOTE)],
        "opportunities": sorted(
            (
                c.title,
                c.scores,
                c.quick_win,
                tuple(sorted(p.description for p in c.answers)),
            )
            for c in CHANGES
        ),
        "comments": [("Card", COMMENT_AUTHOR, COMMENT_TEXT)],
    }


# -- the test ---------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, make_window, as_is_map: ProjectFile) -> MainWindow:
    made = make_window(as_is_map)
    made.resize(1600, 1000)  # the facilitator makes the window big enough to work in
    qtbot.waitUntil(lambda: made.workspace.current.view.viewport().width() > 600)
    return made


def test_the_workshop_from_the_as_is_map_to_ranked_opportunities_undone_redone_and_saved(
    qtbot, window: MainWindow, answers, tmp_path: Path
) -> None:
    user = Facilitator(qtbot, window, answers)
    document = window.workspace.document
    stack = document.undo_stack
    at_start = dump(document.session)
    assert method_counts(document.session) == NOTHING
    assert stack.index() == 0

    # 1. Pain points from both perspectives, on their cards; the dock lists them.
    user.show_pain_points_dock()
    for pain in PAIN_POINTS:
        added = user.add_pain_point(pain)
        assert (added.severity, added.perspective.value, added.evidence.value) == (
            pain.severity,
            pain.perspective.lower(),
            pain.evidence.lower(),
        )
        assert (added.people_affected, added.underserved_group) == (pain.people, pain.underserved)
        assert stack.undoText() == "Add pain point"
        assert user.pain_points.dock.selected_pain_point_ids() == [added.id]
    assert stack.index() == len(PAIN_POINTS)
    assert user.pain_points.dock.panel.count.text() == "5 pain points"
    assert {p.perspective.value for p in user.session.scalars(select(PainPoint))} == {
        "service user",
        "staff",
    }

    # 2. The appointment is the key moment: it matters to both, the sweet spot.
    sweet_spot_shown = user.mark_key_moment(KEY_MOMENT_STEP, 5, 5, KEY_MOMENT_NOTE)
    assert sweet_spot_shown == [False, True]  # not at 3 and 3, as the dialog opens
    moment = user.step(KEY_MOMENT_STEP).key_moment
    assert moment is not None and moment.is_sweet_spot
    assert (moment.importance_to_user, moment.importance_to_provider) == (5, 5)
    assert moment.note == KEY_MOMENT_NOTE
    step_page = window.properties.step_form
    assert window.properties.current_page is step_page
    assert step_page.key_moment.isChecked()
    assert step_page.sweet_spot.isVisible()
    assert step_page.sweet_spot.text() == "★ Sweet spot: optimise first"
    assert stack.index() == len(PAIN_POINTS) + 1

    # 3. Opportunities from the pain points chosen in the dock, scored in their form.
    user.show_opportunities_dock()
    user.show_pain_points_dock()
    for change in CHANGES:
        made, conditions = user.new_opportunity_from_pain_points(change)
        assert tuple(getattr(made, field) for field in SCORES) == change.scores
        assert made.quick_win == change.quick_win
        assert sorted(p.description for p in made.pain_points) == sorted(
            p.description for p in change.answers
        )
        assert stack.undoText() == "Add opportunity"
        assert user.opportunities.panel.selected_ids() == [made.id]
        if change is SHARED_RECORD:
            assert conditions.startswith(
                "Prepare the ground first: needs operational willingness and capacity (low)"
            )
        else:
            assert conditions == "All three conditions are met: it is ranked."
    assert stack.index() == len(PAIN_POINTS) + 1 + len(CHANGES)

    # 4. The order is the priority rule's; the matrix plots the ranked ones.
    ranking = prioritise(document.project.opportunities)
    assert dock_titles(user) == [p.title for p in ranking] == [c.title for c in IN_ORDER]
    assert dock_standings(user) == [
        "1",
        "2",
        "3",
        "4",
        f"{PREPARE}: needs operational willingness and capacity",
    ]
    assert dock_titles(user)[-1] == SHARED_RECORD.title
    plot = matrix(user)
    assert plot.isVisible()
    ranked = [p for p in ranking if p.ranked]
    for priority in ranked:
        assert plot.point_position(priority.id) is not None, priority.title
    assert plot.point_position(user.opportunity(SHARED_RECORD).id) is None
    assert user.opportunities.matrix_panel.prepare.ids() == [user.opportunity(SHARED_RECORD).id]
    # A click on a point selects its opportunity in the dock.
    first = ranked[0]
    QTest.mouseClick(plot, LEFT, NONE, plot.point_position(first.id).toPoint())
    assert user.opportunities.panel.selected_ids() == [first.id]

    # 5. A comment on the waiting room card.
    user.comment_on_card(COMMENT_CARD, COMMENT_AUTHOR, COMMENT_TEXT)
    [comment] = user.session.scalars(select(Comment)).all()
    assert (comment.item_id, comment.author) == (user.card(COMMENT_CARD).id, COMMENT_AUTHOR)
    assert stack.undoText() == "Add comment"
    assert method_content(document.session) == expected_content()
    done = stack.index()
    assert done == len(PAIN_POINTS) + 1 + len(CHANGES) + 1
    workshop = dump(document.session)
    assert [stack.text(i) for i in range(done)] == UNDO_STEPS

    # 6. Undo it all with Ctrl+Z: the bare as-is map again, docks emptied.
    assert user.press_until_disabled(window.edit_actions.undo, done) == done
    assert stack.index() == 0
    assert method_counts(document.session) == NOTHING
    assert dump(document.session) == at_start
    assert dock_titles(user) == []
    assert user.pain_points.dock.panel.model.rowCount() == 0
    assert not plot.priorities

    # 7. Redo it all: the workshop is back, in the same order.
    assert user.press_until_disabled(window.edit_actions.redo, done) == done
    assert dump(document.session) == workshop
    assert dock_titles(user) == [p.title for p in ranking]
    assert user.pain_points.dock.panel.model.rowCount() == len(PAIN_POINTS)

    # 8. Save (an untitled project asks where), close, open: it all survived.
    target = tmp_path / "workshop.blueprint"
    answers.choose_file(target)
    user.shortcut(window.menu_actions.save)
    assert window.project_file.path == target.absolute()
    assert not window.isWindowModified()
    user.shortcut(window.menu_actions.close)
    assert window.project_file is None
    answers.choose_file(target)
    user.shortcut(window.menu_actions.open)
    assert window.project_file.path == target.absolute()
    reopened = window.workspace.document.session
    assert method_content(reopened) == expected_content()
    assert dump(reopened) == workshop
    assert dock_titles(user) == [p.title for p in ranking]
    assert answers.kinds() == [
        KeyMomentDialog,
        *[OpportunityDialog] * len(CHANGES),
        AuthorDialog,
        CommentDialog,
        QFileDialog,
        QFileDialog,
    ]
