"""The form for one card: text, lane, step, actor, channel, systems, duration, flags and
notes. It reads the card and asks for commands; the panel pushes them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.canvas.tooltips import plain_tip
from app.editing.commands.base import EditCommand
from app.editing.commands.card_links import SetCardActorCommand, SetCardSystemsCommand
from app.editing.commands.cards import (
    CardMove,
    EditCardCommand,
    EditCardTextCommand,
    MoveCardsCommand,
    set_card_flag,
)
from app.model.catalogue import System
from app.model.sessions import session_of
from app.model.structure import Card, Stage, Step
from app.ui.properties.fields import (
    ChoiceBox,
    MinutesBox,
    PlainTextField,
    set_quietly,
)

ID_ROLE = Qt.ItemDataRole.UserRole
TYPING_PAUSE_MS = 400  # typed text reaches the model (and the canvas) after this pause
SYSTEM_ROWS_SHOWN = 6


def step_choices(session: Session, blueprint_id: str) -> list[tuple[str, str]]:
    """(id, "Stage / Step") of every step, in order; one query, as a blueprint may have
    thousands of steps."""
    rows = session.execute(
        select(Step.id, Stage.title, Step.title)
        .outerjoin(Stage, Step.stage_id == Stage.id)
        .where(Step.blueprint_id == blueprint_id)
        .order_by(Step.position)
    )
    return [(step_id, f"{stage} / {title}" if stage else title) for step_id, stage, title in rows]


def edit_card(card_id: str, text: str, **changes: object) -> EditCommand:
    """EditCardCommand whose undo text names the field ("Undo Change channel")."""
    command = EditCardCommand(card_id, **changes)
    command.setText(text)
    return command


class CardForm(QWidget):
    command_requested = Signal(object)  # an EditCommand on the shown card

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardForm")
        self.card_id: str | None = None
        # The model's values as last shown; a field that differs holds the user's edit
        # that is not committed yet, and a refresh leaves it alone.
        self.shown: dict[str, Any] = {}
        self._choices: dict[str, list[tuple[str, str]]] = {}
        self._steps_of: str | None = None  # the blueprint whose steps the step box lists
        self._systems_listed: list[tuple[str, str, str]] = []  # (id, name, tip) shown

        self.heading = QLabel()
        self.heading.setObjectName("cardHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)

        self.text = PlainTextField(3)
        self.lane = ChoiceBox()
        self.step = ChoiceBox()
        self.actor = ChoiceBox()
        self.channel = QLineEdit()
        self.channel.setPlaceholderText("phone, letter, in person, online…")
        self.systems = QListWidget()
        self.systems.setSpacing(1)
        self.duration = MinutesBox()
        self.fail_point = QCheckBox("Fa&il point")
        self.wait_point = QCheckBox("&Wait point")
        self.notes = PlainTextField(4)
        for widget, name, accessible, description in (
            (self.text, "cardTextEdit", "Card text", "What happens at this card"),
            (self.lane, "cardLaneBox", "Lane", "Choosing another lane moves the card there"),
            (self.step, "cardStepBox", "Step", "Choosing another step moves the card there"),
            (self.actor, "cardActorBox", "Actor", "The persona, staff role or partner"),
            (self.channel, "cardChannelEdit", "Channel", "How it happens"),
            (self.systems, "cardSystemsList", "Systems", "Systems used; Space ticks one"),
            (self.duration, "cardDurationBox", "Duration in minutes", "Empty: not recorded"),
            (self.fail_point, "cardFailPointCheck", "Fail point", "Where the service fails"),
            (self.wait_point, "cardWaitPointCheck", "Wait point", "Where someone waits"),
            (self.notes, "cardNotesEdit", "Notes", "Notes on this card"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
            widget.setAccessibleDescription(description)

        minutes = QHBoxLayout()
        minutes.setContentsMargins(0, 0, 0, 0)
        minutes.addWidget(self.duration)
        minutes.addWidget(QLabel("minutes"))
        minutes.addStretch(1)
        self.duration.setMinimumWidth(self.duration.fontMetrics().horizontalAdvance("99999") * 2)
        flags = QHBoxLayout()
        flags.setContentsMargins(0, 0, 0, 0)
        flags.addWidget(self.fail_point)
        flags.addSpacing(12)
        flags.addWidget(self.wait_point)
        flags.addStretch(1)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for label, field in (
            ("Te&xt", self.text),
            ("&Lane", self.lane),
            ("S&tep", self.step),
            ("&Actor", self.actor),
            ("Cha&nnel", self.channel),
            ("S&ystems", self.systems),
            ("D&uration", minutes),
            ("Flags", flags),
            ("N&otes", self.notes),
        ):
            caption = QLabel(label)
            if isinstance(field, QWidget):
                caption.setBuddy(field)
            else:
                caption.setBuddy(self.duration if field is minutes else self.fail_point)
            form.addRow(caption, field)

        self.read_only_note = QLabel(
            "This project is open read-only: use Save As to keep a copy you can edit."
        )
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_note.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.read_only_note)
        column.addLayout(form)
        column.addStretch(1)

        order = [
            self.text,
            self.lane,
            self.step,
            self.actor,
            self.channel,
            self.systems,
            self.duration,
            self.fail_point,
            self.wait_point,
            self.notes,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._commit_text)
        self.text.textChanged.connect(self._typing.start)
        self.text.left.connect(self._commit_text)
        self.lane.activated.connect(lambda _index: self._move())
        self.step.activated.connect(lambda _index: self._move())
        self.actor.activated.connect(self._actor_chosen)
        self.channel.editingFinished.connect(self._commit_channel)
        self.systems.itemChanged.connect(lambda _item: self._systems_ticked())
        self.duration.valueChanged.connect(lambda _value: self._commit_duration())
        self.fail_point.clicked.connect(lambda on: self._flag("fail_point", on))
        self.wait_point.clicked.connect(lambda on: self._flag("wait_point", on))
        self.notes.left.connect(self._commit_notes)

    # -- showing the card -----------------------------------------------------------------

    def show_card(self, card: Card, read_only: bool) -> None:
        """Show ``card`` as the model has it now; a field with an edit not yet committed
        keeps it (a change made elsewhere must not eat what is being typed)."""
        if card.id != self.card_id:
            self.card_id, self.shown = card.id, {}
        blueprint = card.lane.blueprint
        project = blueprint.project
        self.heading.setText(f"Card in {blueprint.name}")
        self._show_field("text", card.text, self.text.toPlainText, self.text.show_text)
        self._show_field(
            "channel",
            card.channel,
            self.channel.text,
            lambda v: set_quietly(self.channel, "setText", v),
        )
        self._show_field("notes", card.notes, self.notes.toPlainText, self.notes.show_text)
        self._show_field(
            "duration",
            card.duration_minutes,
            lambda: self.duration.minutes,
            self.duration.show_minutes,
        )
        self._fill(self.lane, "lane", [(lane.id, lane.title) for lane in blueprint.lanes])
        if self._steps_of != blueprint.id:
            self._fill(self.step, "step", step_choices(session_of(card), blueprint.id))
            self._steps_of = blueprint.id
        actors = [("", "(no actor)")] + [
            (actor.id, f"{actor.name} ({actor.kind.value})") for actor in project.actors
        ]
        self._fill(self.actor, "actor", actors)
        self._choose(self.lane, card.lane_id)
        self._choose(self.step, card.step_id)
        self._choose(self.actor, card.actor_id or "")
        self.shown.update(lane=card.lane_id, step=card.step_id, actor=card.actor_id or "")
        self._show_systems(project.systems, {system.id for system in card.systems})
        set_quietly(self.fail_point, "setChecked", card.fail_point)
        set_quietly(self.wait_point, "setChecked", card.wait_point)
        self._set_read_only(read_only)

    def structure_changed(self) -> None:
        """Lanes, steps or stages changed: list them again at the next show_card."""
        self._steps_of = None

    def _show_field(
        self, name: str, value: Any, current: Callable[[], Any], show: Callable[[Any], None]
    ) -> None:
        if name not in self.shown or current() == self.shown[name]:
            show(value)
        self.shown[name] = value

    def _fill(self, box: ChoiceBox, name: str, choices: list[tuple[str, str]]) -> None:
        if self._choices.get(name) == choices:
            return  # rebuilding would close an open list under the user's pointer
        self._choices[name] = choices
        box.blockSignals(True)
        try:
            box.clear()
            for item_id, label in choices:
                box.addItem(label, item_id)
        finally:
            box.blockSignals(False)

    def _choose(self, box: ChoiceBox, item_id: str) -> None:
        set_quietly(box, "setCurrentIndex", box.findData(item_id))

    def _show_systems(self, systems: Sequence[System], ticked: set[str]) -> None:
        # Listed again when the catalogue changed (a system added, renamed, deleted or
        # brought back by undo); in name order, as a rename may leave the loaded list not.
        listed = [
            (system.id, system.name, "\n".join(p for p in (system.owner, system.description) if p))
            for system in sorted(systems, key=lambda system: (system.name.casefold(), system.id))
        ]
        self.systems.blockSignals(True)
        try:
            if self._systems_listed != listed:
                self._systems_listed = listed
                self.systems.clear()
                for system_id, name, tip in listed:
                    item = QListWidgetItem(name)
                    item.setData(ID_ROLE, system_id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setToolTip(plain_tip(tip))
                    self.systems.addItem(item)
            for row in range(self.systems.count()):
                item = self.systems.item(row)
                on = item.data(ID_ROLE) in ticked
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self.systems.blockSignals(False)
        rows = max(1, min(self.systems.count(), SYSTEM_ROWS_SHOWN))
        row_height = self.systems.sizeHintForRow(0) if self.systems.count() else 20
        row_height += 2 * self.systems.spacing()
        self.systems.setFixedHeight(row_height * rows + 2 * self.systems.frameWidth() + 2)
        self.systems.setEnabled(self.systems.count() > 0)
        self.systems.setToolTip(
            "" if self.systems.count() else "The project's systems catalogue is empty"
        )

    def _set_read_only(self, read_only: bool) -> None:
        self.read_only_note.setVisible(read_only)
        # Text stays selectable and readable by screen readers; choices are disabled.
        for field in (self.text, self.channel, self.notes):
            field.setReadOnly(read_only)
        for field in (self.lane, self.step, self.actor, self.duration):
            field.setEnabled(not read_only)
        for field in (self.fail_point, self.wait_point):
            field.setEnabled(not read_only)
        if read_only:
            self.systems.setEnabled(False)

    # -- edits into commands ----------------------------------------------------------------

    def commit_pending(self) -> None:
        """Commit what is typed but not committed yet (before another card is shown)."""
        if self.card_id is None:
            return
        self._commit_text()
        self._commit_channel()
        self._commit_notes()
        self.duration.interpretText()  # commits through valueChanged when it changed
        self._commit_duration()

    def _request(self, command: EditCommand) -> None:
        self.command_requested.emit(command)

    def _commit_text(self) -> None:
        self._typing.stop()
        text = self.text.toPlainText()
        if self.card_id and not self.text.isReadOnly() and text != self.shown.get("text"):
            self._request(EditCardTextCommand(self.card_id, text))

    def _commit_channel(self) -> None:
        channel = self.channel.text()
        if self.card_id and not self.channel.isReadOnly() and channel != self.shown.get("channel"):
            self._request(edit_card(self.card_id, "Change channel", channel=channel))

    def _commit_notes(self) -> None:
        notes = self.notes.toPlainText()
        if self.card_id and not self.notes.isReadOnly() and notes != self.shown.get("notes"):
            self._request(edit_card(self.card_id, "Edit notes", notes=notes))

    def _commit_duration(self) -> None:
        minutes = self.duration.minutes
        if self.card_id and self.duration.isEnabled() and minutes != self.shown.get("duration"):
            text = "Clear duration" if minutes is None else "Change duration"
            self._request(edit_card(self.card_id, text, duration_minutes=minutes))

    def _move(self) -> None:
        if self.card_id is None:
            return
        lane_id, step_id = self.lane.currentData(), self.step.currentData()
        if (lane_id, step_id) == (self.shown.get("lane"), self.shown.get("step")):
            return  # the same cell chosen again: moving would only put the card last
        self._request(MoveCardsCommand([CardMove(self.card_id, lane_id, step_id, None)]))

    def _actor_chosen(self, index: int) -> None:
        actor_id = self.actor.itemData(index) or ""
        if self.card_id is not None and actor_id != self.shown.get("actor"):
            self._request(SetCardActorCommand(self.card_id, actor_id or None))

    def _systems_ticked(self) -> None:
        if self.card_id is None:
            return
        ticked = [
            self.systems.item(row).data(ID_ROLE)
            for row in range(self.systems.count())
            if self.systems.item(row).checkState() == Qt.CheckState.Checked
        ]
        self._request(SetCardSystemsCommand(self.card_id, ticked))

    def _flag(self, flag: str, on: bool) -> None:
        if self.card_id is not None:
            self._request(set_card_flag([self.card_id], flag, on))
