"""The "Pain points" section of the properties dock: the pain points of one card or step,
each with its badge (severity colour and its number on the map), description and
perspective, and Add, Edit and Delete. Every change is a command it asks the panel to
push; adding and editing go through the pain point dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlalchemy import func, select, tuple_

from app.canvas.tooltips import plain_tip
from app.editing.commands.base import EditCommand
from app.editing.commands.method import DeletePainPointsCommand
from app.editing.document import EditingDocument
from app.model.method import PainPoint
from app.model.sessions import session_of
from app.model.structure import Card, Lane, Step
from app.ui.method.pain_point_dialog import (
    CaptureDefaults,
    PainPointDialog,
    open_new_pain_point,
    open_pain_point,
)
from app.ui.method.pain_points_model import (
    badge_icon,
    evidence_words,
    perspective_words,
    severity_words,
)
from app.ui.own_keys import claims_key
from app.ui.properties.fields import muted

ID_ROLE = Qt.ItemDataRole.UserRole
ROWS_SHOWN = 6
BADGE = 22
OWN_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PainPointList(QListWidget):
    """The list keeps Delete and Enter for itself while it has focus (the window gives
    them to the canvas)."""

    delete_pressed = Signal()
    enter_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        return claims_key(event, OWN_KEYS) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class PainPointsSection(QWidget):
    """Shows the pain points of a card or a step (``show_for``); reusable on any page of
    the properties dock."""

    command_requested = Signal(object)  # an EditCommand to push

    def __init__(
        self, parent: QWidget | None = None, defaults: CaptureDefaults | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("painPointsSection")
        self.setAccessibleName("Pain points")
        self.defaults = defaults or CaptureDefaults()
        self.document: EditingDocument | None = None
        self.owner_kind: type[Card] | type[Step] | None = None
        self.owner_id: str | None = None
        self.dialog: PainPointDialog | None = None  # the one open now, if any
        self._shown: list[tuple] = []

        self.heading = QLabel("Pain points")
        self.heading.setObjectName("painPointsHeading")
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("painPointsEmptyHint")
        self.empty_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_hint.setWordWrap(True)
        muted(self.empty_hint)
        self.list = PainPointList()
        self.list.setObjectName("painPointsList")
        self.list.setAccessibleName("Pain points")
        self.list.setAccessibleDescription("Enter or double-click edits one; Delete removes")
        self.list.setIconSize(QSize(BADGE, BADGE))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(1)

        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        for button, name, accessible in (
            (self.add_button, "addPainPointButton", "Add pain point"),
            (self.edit_button, "editPainPointButton", "Edit pain point"),
            (self.delete_button, "deletePainPointButton", "Delete pain points"),
        ):
            button.setObjectName(name)
            button.setAccessibleName(accessible)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 12, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.empty_hint)
        column.addWidget(self.list)
        column.addLayout(buttons)

        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        self.list.enter_pressed.connect(self.edit)
        self.list.delete_pressed.connect(self.delete)
        self.list.itemSelectionChanged.connect(self._enable)
        self._enable()

    # -- what it shows --------------------------------------------------------------------

    def show_for(self, document: EditingDocument | None, owner: Card | Step | None) -> None:
        """Show the pain points of ``owner`` (a card or a step of ``document``) as the
        model has them now; None shows nothing."""
        self.document = document
        self.owner_kind = type(owner) if owner is not None else None
        self.owner_id = owner.id if owner is not None else None
        pains = sorted_pains(owner) if owner is not None else []
        numbers = badge_numbers(owner) if pains else {}
        rows = [
            (
                pain.id,
                numbers.get(pain.id),
                pain.severity,
                pain.description,
                pain.perspective.value,
                pain.evidence.value,
                pain.resolved,
            )
            for pain in pains
        ]
        if rows != self._shown:
            self._fill(rows)
        what = "card" if isinstance(owner, Card) else "step"
        self.empty_hint.setText(f"No pain points on this {what} yet.")
        self.empty_hint.setVisible(not rows)
        self.list.setVisible(bool(rows))
        self.heading.setText(f"Pain points ({len(rows)})" if rows else "Pain points")
        self._enable()

    def _fill(self, rows: list[tuple]) -> None:
        selected = set(self.selected_ids())
        current = self.list.currentItem()
        current_id = current.data(ID_ROLE) if current is not None else None
        self._shown = rows
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for pain_id, number, severity, description, perspective, evidence, resolved in rows:
                text = " ".join(description.split()) or "(no description)"
                detail = f"{severity_words(severity)} · {perspective_words(perspective)}"
                if resolved:
                    detail += " · resolved"
                item = QListWidgetItem(badge_icon(number, severity, BADGE), f"{text}\n{detail}")
                item.setData(ID_ROLE, pain_id)
                item.setToolTip(
                    plain_tip(
                        f"{description}\n\nSeverity {severity_words(severity)}; "
                        f"{perspective_words(perspective)}; evidence: {evidence_words(evidence)}"
                    )
                )
                self.list.addItem(item)
                item.setSelected(pain_id in selected)
                if pain_id == current_id:
                    self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self.list.blockSignals(False)
        shown = max(1, min(len(rows), ROWS_SHOWN))
        row_height = self.list.sizeHintForRow(0) if rows else BADGE
        row_height += 2 * self.list.spacing()
        self.list.setFixedHeight(row_height * shown + 2 * self.list.frameWidth() + 2)

    def selected_ids(self) -> list[str]:
        return [item.data(ID_ROLE) for item in self.list.selectedItems()]

    def _enable(self) -> None:
        usable = self.document is not None and isValid(self.document) and self.owner_id
        writable = bool(usable) and not self.document.read_only
        selected = len(self.list.selectedItems())
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and selected == 1)
        self.delete_button.setEnabled(writable and selected > 0)

    # -- editing ----------------------------------------------------------------------------

    def _owner(self) -> Card | Step | None:
        if self.document is None or not isValid(self.document) or self.owner_kind is None:
            return None
        return self.document.session.get(self.owner_kind, self.owner_id)

    def _push(self, command: EditCommand) -> bool:
        self.command_requested.emit(command)
        return True

    def add(self) -> None:
        owner = self._owner()
        if owner is not None and self.add_button.isEnabled():
            self.dialog = open_new_pain_point(self.window(), owner, self._push, self.defaults)

    def edit(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1 or self.document is None or not self.edit_button.isEnabled():
            return
        pain = self.document.session.get(PainPoint, ids[0])
        if pain is not None:
            self.dialog = open_pain_point(self.window(), pain, self._push)

    def delete(self) -> None:
        ids = self.selected_ids()
        if ids and self.delete_button.isEnabled():
            self._push(DeletePainPointsCommand(ids))


def sorted_pains(owner: Card | Step) -> list[PainPoint]:
    """The owner's pain points in the order the map numbers them (resolved ones last)."""
    return sorted(owner.pain_points, key=lambda p: (p.resolved, -p.severity, p.description, p.id))


def badge_numbers(owner: Card | Step) -> dict[str, int]:
    """The numbers the overlay's badges give the owner's pain points (as
    ``numbered_pain_points`` in app/layout/overlay.py counts them: unresolved ones, in
    reading order), found by counting those before the owner with two queries instead of
    walking a blueprint that may hold thousands of cards."""
    session = session_of(owner)
    unresolved = PainPoint.resolved.is_(False)
    count = select(func.count()).select_from(PainPoint)
    on_steps = count.join(Step, PainPoint.step_id == Step.id).where(unresolved)
    on_cards = (
        count.join(Card, PainPoint.card_id == Card.id)
        .join(Lane, Card.lane_id == Lane.id)
        .join(Step, Card.step_id == Step.id)
        .where(unresolved)
    )
    if isinstance(owner, Card):
        step = owner.step
        on_steps = on_steps.where(Step.blueprint_id == step.blueprint_id)
        on_steps = on_steps.where(Step.position <= step.position)
        here = (step.position, owner.lane.position, owner.position)
        on_cards = on_cards.where(Lane.blueprint_id == step.blueprint_id)
        on_cards = on_cards.where(tuple_(Step.position, Lane.position, Card.position) < here)
    else:
        on_steps = on_steps.where(Step.blueprint_id == owner.blueprint_id)
        on_steps = on_steps.where(Step.position < owner.position)
        on_cards = on_cards.where(Lane.blueprint_id == owner.blueprint_id)
        on_cards = on_cards.where(Step.position < owner.position)
    before = session.scalar(on_steps) + session.scalar(on_cards)
    own = [pain for pain in sorted_pains(owner) if not pain.resolved]
    return {pain.id: before + index for index, pain in enumerate(own, start=1)}
