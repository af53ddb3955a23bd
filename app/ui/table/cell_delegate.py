"""Drawing and editing one cell of the table: each card is a bulleted paragraph (a long
card wraps under its own bullet, so it still reads as one card), and the editor is a
plain-text box with one line per card."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.table.model import CARD_LINES_ROLE

Index = QModelIndex | QPersistentModelIndex
PADDING = 7  # around the cell's text
BELOW = PADDING + 3  # under the last line: room for its descenders and a little air
CARD_GAP = 5  # between two cards of a cell
BULLET = "•"
WRAP = Qt.TextFlag.TextWordWrap
EDITOR_MIN_LINES = 4
KEYPAD = Qt.KeyboardModifier.KeypadModifier


class CellMeasure:
    """How tall cells must be to show their lines as the delegate draws them. Line heights
    are remembered, so measuring a big blueprint again (after a lane or step changed)
    measures only lines it has not seen."""

    def __init__(self, metrics: QFontMetrics) -> None:
        self.metrics = metrics
        self.indent = metrics.horizontalAdvance(BULLET + " ")
        self.least = metrics.height() + PADDING + BELOW
        self._lines: dict[tuple[str, int], int] = {}

    def height(self, lines: list[str], width: int) -> int:
        text_width = width - 2 * PADDING - self.indent
        height = CARD_GAP * max(0, len(lines) - 1)
        for line in lines:
            key = (line, text_width)
            if key not in self._lines:
                box = QRect(0, 0, text_width, 100_000)
                self._lines[key] = self.metrics.boundingRect(box, WRAP, line or " ").height()
            height += self._lines[key]
        return max(height + PADDING + BELOW, self.least)


class CellEditor(QPlainTextEdit):
    """One line per card. Enter starts a new card; Ctrl+Enter or clicking elsewhere
    commits; Tab and Shift+Tab commit and go to the next or previous cell; Escape cancels
    (the delegate sees it first)."""

    finished = Signal(int)  # commit, then move this many cells along the row (0, 1, -1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cellEditor")
        self.setAccessibleName("Cards of the cell, one per line")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.Box)

    def event(self, event: QEvent) -> bool:
        # Before QPlainTextEdit turns Tab into a tab character or a focus change.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Backtab or (
                event.key() == Qt.Key.Key_Tab
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.finished.emit(-1)
                return True
            if event.key() == Qt.Key.Key_Tab and not event.modifiers() & ~KEYPAD:
                self.finished.emit(1)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.finished.emit(0)
            return
        super().keyPressEvent(event)


class CellDelegate(QStyledItemDelegate):
    move_requested = Signal(int)  # after Tab or Shift+Tab: cells to move along the row

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Set by the view for each edit: typing into a cell that has cards starts a new
        # card below them rather than changing the last one.
        self.start_new_line = False

    # -- drawing ----------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        lines = index.data(CARD_LINES_ROLE) or []
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        if not lines:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(option.rect)
        painter.setFont(option.font)
        painter.setPen(option.palette.color(role))
        metrics = option.fontMetrics
        indent = metrics.horizontalAdvance(BULLET + " ")
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -BELOW)
        y = rect.top()
        for line in lines:
            if y > rect.bottom():
                break
            text_rect = QRect(rect.left() + indent, y, rect.width() - indent, rect.bottom() - y)
            used = metrics.boundingRect(text_rect, WRAP, line or " ")
            painter.drawText(QRect(rect.left(), y, indent, used.height()), 0, BULLET)
            painter.drawText(text_rect, WRAP, line)
            y += used.height() + CARD_GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        lines = index.data(CARD_LINES_ROLE) or []
        width = max(option.rect.width(), 120)
        return QSize(width, CellMeasure(option.fontMetrics).height(lines, width))

    # -- editing -------------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = CellEditor(parent)
        editor.setFont(option.font)
        editor.finished.connect(lambda step: self._finish(editor, step))
        editor.textChanged.connect(lambda: self._grow(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if not isinstance(editor, CellEditor):
            return super().setEditorData(editor, index)
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if self.start_new_line and text:
            text += "\n"
        editor.setPlainText(text)
        editor.moveCursor(QTextCursor.MoveOperation.End)
        editor.document().setModified(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, CellEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        editor.setGeometry(option.rect)
        if isinstance(editor, CellEditor):
            self._grow(editor)

    def _grow(self, editor: CellEditor) -> None:
        """As tall as its lines (and a few to spare), over the cells below if need be."""
        lines = max(EDITOR_MIN_LINES, int(editor.document().size().height()) + 1)
        frame = 2 * editor.frameWidth() + 2 * int(editor.document().documentMargin())
        wanted = editor.fontMetrics().lineSpacing() * lines + frame
        viewport = editor.parentWidget()
        room = viewport.height() - editor.y() if viewport is not None else wanted
        editor.resize(editor.width(), max(min(wanted, room), editor.height()))

    def _finish(self, editor: CellEditor, step: int) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if step:
            # Only move: typing in the next cell then adds a card there, as it would
            # after clicking it.
            self.move_requested.emit(step)
