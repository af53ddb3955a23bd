"""The inline editor for a card's text: a plain-text box laid over the card.

Enter (or clicking away) commits, Shift+Enter starts a new line, Escape cancels. It is a
QPlainTextEdit, so pasted or dropped rich text arrives as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from app.canvas import palette
from app.canvas.fonts import qfont


class CardEditor(QPlainTextEdit):
    committed = Signal(str, str)  # card id, text
    cancelled = Signal(str)  # card id

    def __init__(self, card_id: str, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("cardEditor")
        self.setAccessibleName("Card text")
        self.card_id = card_id
        self.original = text
        self._finished = False
        self.setPlainText(text)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(
            "QPlainTextEdit#cardEditor {"
            f" background: {palette.CARD_FILL.name()};"
            f" color: {palette.CARD_TEXT.name()};"
            f" border: 2px solid {palette.SELECTED_BORDER.name()};"
            " border-radius: 4px; }"
        )
        self.selectAll()
        self.document().contentsChanged.connect(self._grow)
        self._card_rect = QRectF()
        self._scale = 1.0

    @property
    def finished(self) -> bool:
        return self._finished

    def place(self, viewport_rect: QRectF, scale: float, padding: float, size: float) -> None:
        """Lay the editor over the card (given in viewport pixels) at the view's scale."""
        self._card_rect = viewport_rect
        self._scale = scale
        font = qfont(size * scale)
        if font != self.font():
            self.setFont(font)
        self.document().setDocumentMargin(max(1.0, padding * scale - 2.0))
        self._grow()

    def _grow(self) -> None:
        """As tall as the card, or taller while the text needs it."""
        rect = self._card_rect
        if rect.isEmpty():
            return
        self.setGeometry(
            int(rect.x()) - 1, int(rect.y()) - 1, int(rect.width()) + 3, int(rect.height()) + 3
        )
        height = self.document().size().height() * self.fontMetrics().lineSpacing()
        height += 2 * self.document().documentMargin() + 6
        if height > self.height():
            self.resize(self.width(), int(height))

    def commit(self) -> None:
        if not self._finished:
            self._finished = True
            self.committed.emit(self.card_id, self.toPlainText())

    def cancel(self) -> None:
        if not self._finished:
            self._finished = True
            self.cancelled.emit(self.card_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.commit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # A context menu of the editor itself takes focus without ending the edit.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()
