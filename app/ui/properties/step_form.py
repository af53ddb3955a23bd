"""The properties dock's page for one step: its title and stage, how the service user and
staff feel there (the emotion curve), and whether it is a key moment, with its importance
to the service user and to the provider. It reads the step and asks for commands; the
panel pushes them. The panel puts the step's pain points under it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.editing.commands.base import EditCommand
from app.editing.commands.method import SetEmotionCommand, SetKeyMomentCommand
from app.layout.overlay import SWEET_SPOT_AT
from app.model.structure import Step
from app.ui.properties.fields import ChoiceBox, PlainTextField, muted, set_quietly

NOT_RECORDED = "Not recorded"
FEELINGS = (  # top to bottom as the curve draws them
    (2, "+2 very positive"),
    (1, "+1 positive"),
    (0, "0 neutral"),
    (-1, "−1 negative"),
    (-2, "−2 very negative"),
)
DEFAULT_IMPORTANCE = 3  # what a newly marked key moment starts with
SWEET_SPOT_TEXT = "★ Sweet spot: optimise first"
EMOTION_HINT = "Drawn as the emotion curve: View → Overlays → Emotion Curve."
MOMENT_HINT = "When it matters to both (4 or more each), it is the sweet spot to optimise first."


def feeling_words(value: int | None) -> str:
    """How an emotion value reads: "−1 negative", or "Not recorded"."""
    return dict(FEELINGS).get(value, NOT_RECORDED) if value is not None else NOT_RECORDED


def feeling_index(value: int | None) -> int:
    """The row of ``value`` in a feeling box (row 0: not recorded)."""
    values = [feeling for feeling, _words in FEELINGS]
    return 0 if value not in values else 1 + values.index(value)


def feeling_at(index: int) -> int | None:
    return FEELINGS[index - 1][0] if 1 <= index <= len(FEELINGS) else None


def is_sweet_spot(to_user: int, to_provider: int) -> bool:
    return to_user >= SWEET_SPOT_AT and to_provider >= SWEET_SPOT_AT


class ImportanceBox(QSpinBox):
    """0 to 5; one edit per change (not one per digit typed), and the wheel turns it only
    when it has focus, so scrolling the panel changes nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 5)
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSuffix(" of 5")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class StepForm(QWidget):
    command_requested = Signal(object)  # an EditCommand on the shown step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepForm")
        self.setAccessibleName("Step")
        self.step_id: str | None = None
        self.shown_note = ""
        self.shown_emotion: tuple[int | None, int | None] = (None, None)

        self.heading = QLabel()
        self.heading.setObjectName("stepHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.heading.setFont(bold)
        self.where = QLabel()
        self.where.setObjectName("stepWhere")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        muted(self.where)
        self.read_only_note = QLabel(
            "This project is open read-only: use Save As to keep a copy you can edit."
        )
        self.read_only_note.setObjectName("stepReadOnlyNote")
        self.read_only_note.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_note.setWordWrap(True)

        self.service_user = self._feeling_box("stepUserEmotionBox", "Service user's emotion")
        self.staff = self._feeling_box("stepStaffEmotionBox", "Staff's emotion")
        emotion_hint = QLabel(EMOTION_HINT)
        emotion_hint.setTextFormat(Qt.TextFormat.PlainText)
        emotion_hint.setWordWrap(True)
        muted(emotion_hint)
        emotion_form = QFormLayout()
        emotion_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, box in (("Ser&vice user", self.service_user), ("Sta&ff", self.staff)):
            caption = QLabel(text)
            caption.setBuddy(box)
            emotion_form.addRow(caption, box)
        self.emotion_group = QGroupBox("Emotion")
        self.emotion_group.setObjectName("stepEmotionGroup")
        emotion_column = QVBoxLayout(self.emotion_group)
        emotion_column.addLayout(emotion_form)
        emotion_column.addWidget(emotion_hint)

        self.key_moment = QCheckBox("&Key moment")
        self.to_user = ImportanceBox()
        self.to_provider = ImportanceBox()
        self.note = PlainTextField(4)
        self.note.setPlaceholderText("Why this moment matters")
        self.sweet_spot = QLabel(SWEET_SPOT_TEXT)
        self.sweet_spot.setObjectName("sweetSpotLabel")
        self.sweet_spot.setTextFormat(Qt.TextFormat.PlainText)
        self.sweet_spot.setStyleSheet(
            "#sweetSpotLabel { color: #6b4e00; background: #fdf3d0; padding: 3px 6px;"
            " border-radius: 3px; font-weight: bold; }"
        )
        for widget, name, accessible, description in (
            (self.key_moment, "stepKeyMomentCheck", "Key moment", "Mark the step as a key moment"),
            (
                self.to_user,
                "stepImportanceToUserBox",
                "Importance to the service user",
                "0 (none) to 5 (decides the experience)",
            ),
            (
                self.to_provider,
                "stepImportanceToProviderBox",
                "Importance to the provider",
                "0 (none) to 5 (decides the service's success)",
            ),
            (self.note, "stepKeyMomentNoteEdit", "Key moment note", "Why this moment matters"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
            widget.setAccessibleDescription(description)
        moment_hint = QLabel(MOMENT_HINT)
        moment_hint.setTextFormat(Qt.TextFormat.PlainText)
        moment_hint.setWordWrap(True)
        muted(moment_hint)
        moment_form = QFormLayout()
        moment_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        moment_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        moment_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for text, field in (
            ("To the service &user", self.to_user),
            ("To the &provider", self.to_provider),
        ):
            caption = QLabel(text)
            caption.setBuddy(field)
            moment_form.addRow(caption, field)
        note_caption = QLabel("N&ote")
        note_caption.setBuddy(self.note)
        moment_form.addRow(note_caption)
        moment_form.addRow(self.note)  # the whole width: the dock is narrow
        sweet_row = QHBoxLayout()
        sweet_row.setContentsMargins(0, 0, 0, 0)
        sweet_row.addWidget(self.sweet_spot)
        sweet_row.addStretch(1)
        self.moment_group = QGroupBox("Key moment")
        self.moment_group.setObjectName("stepKeyMomentGroup")
        moment_column = QVBoxLayout(self.moment_group)
        moment_column.addWidget(self.key_moment)
        moment_column.addLayout(moment_form)
        moment_column.addLayout(sweet_row)
        moment_column.addWidget(moment_hint)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.where)
        column.addWidget(self.read_only_note)
        column.addSpacing(4)
        column.addWidget(self.emotion_group)
        column.addWidget(self.moment_group)

        QWidget.setTabOrder(self.service_user, self.staff)
        QWidget.setTabOrder(self.staff, self.key_moment)
        QWidget.setTabOrder(self.key_moment, self.to_user)
        QWidget.setTabOrder(self.to_user, self.to_provider)
        QWidget.setTabOrder(self.to_provider, self.note)

        self.service_user.activated.connect(lambda _index: self._emotion_chosen())
        self.staff.activated.connect(lambda _index: self._emotion_chosen())
        self.key_moment.clicked.connect(self._key_moment_ticked)
        self.to_user.valueChanged.connect(lambda _value: self._importance_changed())
        self.to_provider.valueChanged.connect(lambda _value: self._importance_changed())
        self.note.left.connect(self._commit_note)

    def _feeling_box(self, name: str, accessible: str) -> ChoiceBox:
        box = ChoiceBox()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setAccessibleDescription("From −2 (very negative) to +2 (very positive)")
        box.addItem(NOT_RECORDED)
        for _value, words in FEELINGS:
            box.addItem(words)
        return box

    # -- showing the step ------------------------------------------------------------------

    def show_step(self, step: Step, read_only: bool) -> None:
        """Show ``step`` as the model has it now (a note being typed is kept)."""
        if step.id != self.step_id:
            self.step_id, self.shown_note = step.id, ""
            self.note.show_text("")
        blueprint = step.blueprint
        self.heading.setText(step.title or "(untitled step)")
        stage = f"Stage: {step.stage.title}" if step.stage is not None else "No stage"
        self.where.setText(f"{stage} · {blueprint.name}")
        emotion = step.emotion
        user = emotion.service_user if emotion is not None else None
        staff = emotion.staff if emotion is not None else None
        set_quietly(self.service_user, "setCurrentIndex", feeling_index(user))
        set_quietly(self.staff, "setCurrentIndex", feeling_index(staff))
        self.shown_emotion = (user, staff)
        moment = step.key_moment
        set_quietly(self.key_moment, "setChecked", moment is not None)
        to_user = moment.importance_to_user if moment is not None else DEFAULT_IMPORTANCE
        to_provider = moment.importance_to_provider if moment is not None else DEFAULT_IMPORTANCE
        set_quietly(self.to_user, "setValue", to_user)
        set_quietly(self.to_provider, "setValue", to_provider)
        note = moment.note if moment is not None else ""
        if self.note.toPlainText() == self.shown_note:
            self.note.show_text(note)
        self.shown_note = note
        self.read_only_note.setVisible(read_only)
        for field in (self.service_user, self.staff, self.key_moment):
            field.setEnabled(not read_only)
        for field in (self.to_user, self.to_provider):
            field.setEnabled(not read_only and moment is not None)
        self.note.setEnabled(moment is not None)
        self.note.setReadOnly(read_only)
        self._show_sweet_spot()

    def _show_sweet_spot(self) -> None:
        sweet = self.key_moment.isChecked() and is_sweet_spot(
            self.to_user.value(), self.to_provider.value()
        )
        self.sweet_spot.setVisible(sweet)

    # -- edits into commands -------------------------------------------------------------------

    def commit_pending(self) -> None:
        """Commit the note typed but not committed yet (before another page is shown)."""
        self.to_user.interpretText()
        self.to_provider.interpretText()
        self._commit_note()

    def _request(self, command: EditCommand) -> None:
        self.command_requested.emit(command)

    def _emotion_chosen(self) -> None:
        chosen = (
            feeling_at(self.service_user.currentIndex()),
            feeling_at(self.staff.currentIndex()),
        )
        if self.step_id is not None and chosen != self.shown_emotion:
            self._request(SetEmotionCommand(self.step_id, *chosen))

    def _key_moment_ticked(self, on: bool) -> None:
        if self.step_id is None:
            return
        if on:
            command = SetKeyMomentCommand(
                self.step_id, self.to_user.value(), self.to_provider.value()
            )
        else:
            command = SetKeyMomentCommand(self.step_id, None, None)
        self._request(command)

    def _importance_changed(self) -> None:
        self._show_sweet_spot()
        if self.step_id is None or not self.key_moment.isChecked():
            return
        command = SetKeyMomentCommand(self.step_id, self.to_user.value(), self.to_provider.value())
        command.setText("Change key moment importance")
        self._request(command)

    def _commit_note(self) -> None:
        note = self.note.toPlainText()
        if (
            self.step_id is None
            or not self.key_moment.isChecked()
            or self.note.isReadOnly()
            or note == self.shown_note
        ):
            return
        command = SetKeyMomentCommand(
            self.step_id, self.to_user.value(), self.to_provider.value(), note
        )
        command.setText("Edit key moment note")
        self._request(command)
