"""Find (Ctrl+F): a slim bar over the canvas that marks every card of the blueprint whose
text, notes, channel or actor holds what is typed, and steps through them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget
from shiboken6 import isValid
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.editing.document import EditingDocument
from app.model.catalogue import Actor
from app.model.changes import ChangeSet
from app.model.structure import Card, Lane, Step
from app.ui.blueprint_editor import BlueprintEditor

STYLE = """
#findBar { background: palette(window); border-top: 1px solid palette(mid); }
#findBar QToolButton { padding: 2px 6px; }
"""


def find_cards(session: Session, blueprint_id: str, wanted: str) -> list[str]:
    """The ids of the blueprint's cards whose text, notes, channel or actor name holds
    ``wanted``, ignoring case and how the words are spaced or broken over lines; in
    reading order: step by step, each from the top lane down."""
    needle = _folded(wanted)
    if not needle:
        return []
    rows = session.execute(
        select(Card.id, Card.text, Card.notes, Card.channel, Actor.name)
        .join(Lane, Card.lane_id == Lane.id)
        .join(Step, Card.step_id == Step.id)
        .outerjoin(Actor, Card.actor_id == Actor.id)
        .where(Lane.blueprint_id == blueprint_id)
        .order_by(Step.position, Lane.position, Card.position)
    )
    return [
        card_id
        for card_id, *fields in rows
        if any(field and needle in _folded(field) for field in fields)
    ]


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


class FindBar(QFrame):
    """Finds cards in the blueprint editor it is given. Typing marks every match and goes to
    the first; Enter (or Next, F3) goes to the next, Shift+Enter (Previous, Shift+F3) back;
    the current match is selected and centred. Escape closes the bar and clears the marks."""

    closed = Signal()
    current_changed = Signal(str)  # the card id of the current match

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find cards")
        self.setStyleSheet(STYLE)
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find cards")
        self.field.setAccessibleName("Text to find")
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.previous_button = self._button("findPreviousButton", "Previous", "Previous match")
        self.next_button = self._button("findNextButton", "Next", "Next match")
        self.count_label = QLabel()
        self.count_label.setObjectName("findCountLabel")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 of 0000"))
        self.close_button = self._button("findCloseButton", "✕", "Close the find bar")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.setSpacing(4)
        row.addWidget(self.field, 1)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.count_label)
        row.addStretch(2)
        row.addWidget(self.close_button)

        self.editor: BlueprintEditor | None = None
        self._document: EditingDocument | None = None
        self.matches: list[str] = []
        self.index = -1  # of the current match in ``matches``; -1: none yet
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)  # one search after a burst of changes
        self._refresh_timer.timeout.connect(self.refresh)
        self.field.textChanged.connect(self._typed)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        self._show_count()
        self.hide()

    def _button(self, name: str, text: str, accessible: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(accessible)
        button.setAccessibleName(accessible)
        button.setAutoRaise(True)
        return button

    # -- what it searches ------------------------------------------------------------------

    def set_editor(self, editor: BlueprintEditor | None) -> None:
        """Search this blueprint editor from now on (None: no blueprint is shown)."""
        if editor is self.editor:
            return
        self._highlight([])
        if self.editor is not None and isValid(self.editor):
            self.editor.destroyed.disconnect(self._editor_gone)
        if self._document is not None and isValid(self._document):
            self._document.changed.disconnect(self._document_changed)
        self.editor, self._document = editor, None
        if editor is not None:
            self._document = editor.document
            self._document.changed.connect(self._document_changed)
            editor.destroyed.connect(self._editor_gone)
        self.matches, self.index = [], -1
        if self.isVisible():
            self.refresh()
        else:
            self._show_count()

    @property
    def current(self) -> str | None:
        """The card id of the current match."""
        return self.matches[self.index] if 0 <= self.index < len(self.matches) else None

    # -- actions ---------------------------------------------------------------------------

    def open(self) -> None:
        """Show the bar (Ctrl+F), put the cursor in it with its text selected, and mark the
        matches of that text again."""
        was_visible = self.isVisible()
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if not was_visible:
            self.refresh()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def close_bar(self) -> None:
        """Hide the bar and clear the marks; the keyboard goes back to the canvas."""
        self._refresh_timer.stop()
        had_focus = self.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        self.hide()
        self._highlight([])
        if self._editor_alive() and had_focus:
            self.editor.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def refresh(self) -> None:
        """Search again (the blueprint changed), keeping the current match where it still
        matches; the canvas is not scrolled."""
        current = self.current
        self.matches = self._search()
        self.index = self.matches.index(current) if current in self.matches else -1
        self._highlight(self.matches)
        self._show_count()

    # -- inside ------------------------------------------------------------------------------

    def _search(self) -> list[str]:
        if not self._editor_alive() or self.editor.blueprint is None:
            return []
        return find_cards(self.editor.document.session, self.editor.blueprint_id, self.field.text())

    def _typed(self, _text: str) -> None:
        self.matches = self._search()
        self.index = -1
        self._highlight(self.matches)
        if self.matches:
            self._go(0)
        else:
            self._show_count()

    def _step(self, direction: int) -> None:
        if not self.isVisible():
            self.open()
        if not self.matches:
            return
        if self.index < 0:
            self._go(0 if direction > 0 else len(self.matches) - 1)
        else:
            self._go((self.index + direction) % len(self.matches))

    def _go(self, index: int) -> None:
        self.index = index
        card_id = self.matches[index]
        if self._editor_alive():
            view = self.editor.view
            view.blueprint_scene.select_cards([card_id])
            view.center_on_card(card_id)
        self._show_count()
        self.current_changed.emit(card_id)

    def _highlight(self, card_ids: list[str]) -> None:
        if self._editor_alive() and self.editor.view.blueprint_scene is not None:
            self.editor.view.highlight(card_ids)

    def _show_count(self) -> None:
        if not self.field.text().strip():
            text = ""
        elif not self.matches:
            text = "No matches"
        elif self.index < 0:
            count = len(self.matches)
            text = f"{count} match" if count == 1 else f"{count} matches"
        else:
            text = f"{self.index + 1} of {len(self.matches)}"
        self.count_label.setText(text)

    def _document_changed(self, changes: ChangeSet) -> None:
        editor = self.editor
        if not self.isVisible() or not self._editor_alive():
            return
        if changes.blueprint_id in (None, editor.blueprint_id):
            self._refresh_timer.start()

    def _editor_gone(self) -> None:
        self.editor, self._document = None, None
        self.matches, self.index = [], -1
        self._show_count()

    def _editor_alive(self) -> bool:
        return self.editor is not None and isValid(self.editor)

    # -- keys -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            event.accept()
            return
        super().keyPressEvent(event)
