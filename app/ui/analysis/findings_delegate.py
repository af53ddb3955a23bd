"""Draws a finding's row as its title (bold) over its sentence, wrapped to the column's
width, as plain text; other rows (families, items) are drawn as usual."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

SENTENCE_ROLE = Qt.ItemDataRole.UserRole + 10  # the finding's sentence, on finding rows
PAD = 4
GAP = 2
WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)

Index = QModelIndex | QPersistentModelIndex


class FindingDelegate(QStyledItemDelegate):
    """Title and wrapped sentence for rows that carry ``SENTENCE_ROLE``."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def _width(self, option: QStyleOptionViewItem, index: Index) -> int:
        width = option.rect.width()
        if width <= 0:  # asked for a size before the row is laid out
            depth = 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            width = self.view.columnWidth(0) - self.view.indentation() * (depth + 1)
        return max(80, width - 2 * PAD)

    @staticmethod
    def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        body = QFont(option.font)
        title = QFont(option.font)
        title.setBold(True)
        return title, body

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        sentence = index.data(SENTENCE_ROLE)
        if not sentence:
            return super().sizeHint(option, index)
        title_font, body_font = self._fonts(option)
        width = self._width(option, index)
        title = QFontMetrics(title_font).boundingRect(
            QRect(0, 0, width, 10_000), WRAP, index.data(Qt.ItemDataRole.DisplayRole) or ""
        )
        body = QFontMetrics(body_font).boundingRect(QRect(0, 0, width, 10_000), WRAP, sentence)
        return QSize(width + 2 * PAD, title.height() + GAP + body.height() + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        sentence = index.data(SENTENCE_ROLE)
        if not sentence:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        title_font, body_font = self._fonts(option)
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setFont(title_font)
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        used = painter.boundingRect(rect, WRAP, title)
        painter.drawText(rect, WRAP, title)
        rest = rect.adjusted(0, used.height() + GAP, 0, 0)
        painter.setFont(body_font)
        painter.drawText(rest, WRAP, sentence)
        painter.restore()
