"""The Comments dock: every comment of the project, newest first, with what it is on, who
wrote it and when. Search, show or hide resolved ones, show one item's comments; jump to
what a comment is on, reply, resolve or reopen, delete. Every change is a command."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlalchemy import func, select

from app.editing.commands.base import CommandGroup, EditCommand
from app.editing.commands.method import DeleteCommentsCommand, EditCommentCommand
from app.editing.document import EditingDocument
from app.model.base import Base
from app.model.catalogue import Comment
from app.model.changes import ChangeSet
from app.ui.method.comments_model import (
    KIND_NAMES,
    ROW_ROLE,
    CommentRow,
    CommentsFilter,
    CommentsModel,
    comment_rows,
    counted,
)
from app.ui.own_keys import claims_key

Index = QModelIndex | QPersistentModelIndex
PAD = 8  # around each comment in the list
GAP = 3  # between its lines
EMPTY = (
    "No comments yet.\n\nSelect a card and choose Method → Add Comment… (Ctrl+Alt+M), "
    "or right-click a card or a step header."
)
NO_MATCH = "No comment matches."


class CommentDelegate(QStyledItemDelegate):
    """Draws a comment as a small note: author and time, what it is on, then its text.
    Resolved comments are drawn muted, with "Resolved" beside the time."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        body = QFont(option.font)
        bold = QFont(body)
        bold.setBold(True)
        small = QFont(body)
        small.setPointSizeF(max(6.0, body.pointSizeF() * 0.9))
        return bold, small, body

    def _text_rect(self, option: QStyleOptionViewItem, width: int, body: QFont) -> QRect:
        row: CommentRow = option.index.data(ROW_ROLE) if option.index.isValid() else None
        text = row.text if row is not None else ""
        return QFontMetrics(body).boundingRect(
            QRect(0, 0, max(40, width - 2 * PAD), 100_000), Qt.TextFlag.TextWordWrap, text
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        bold, small, body = self._fonts(option)
        width = option.rect.width()
        view = option.widget
        if isinstance(view, QListView):
            width = view.viewport().width()
        text = self._text_rect(option, width, body)
        height = (
            PAD
            + QFontMetrics(bold).height()
            + GAP
            + QFontMetrics(small).height()
            + GAP
            + text.height()
            + PAD
        )
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row: CommentRow | None = index.data(ROW_ROLE)
        if row is None:
            return
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        painter.save()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
            ink = palette.color(QPalette.ColorRole.HighlightedText)
            faint = ink
        else:
            ink = palette.color(QPalette.ColorRole.Text)
            faint = palette.color(QPalette.ColorRole.PlaceholderText)
            if row.resolved:
                ink = faint
        bold, small, body = self._fonts(option)
        box = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        # Author, and the time at the right.
        painter.setFont(small)
        when = f"Resolved · {row.when}" if row.resolved else row.when
        when_width = QFontMetrics(small).horizontalAdvance(when)
        top = box.top()
        bold_height = QFontMetrics(bold).height()
        painter.setPen(faint)
        painter.drawText(
            QRect(box.right() - when_width, top, when_width, bold_height),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            when,
        )
        painter.setFont(bold)
        painter.setPen(ink)
        author_width = max(0, box.width() - when_width - PAD)
        author = QFontMetrics(bold).elidedText(
            row.author, Qt.TextElideMode.ElideRight, author_width
        )
        painter.drawText(
            QRect(box.left(), top, author_width, bold_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            author,
        )
        # What it is on, and in which blueprint.
        top += bold_height + GAP
        small_height = QFontMetrics(small).height()
        where = f"On {row.on}" + (f" · {row.blueprint}" if row.blueprint else "")
        if row.gone:
            where = f"On a {row.kind_name} that was deleted"
        painter.setFont(small)
        painter.setPen(faint)
        painter.drawText(
            QRect(box.left(), top, box.width(), small_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(small).elidedText(where, Qt.TextElideMode.ElideRight, box.width()),
        )
        # The comment.
        top += small_height + GAP
        painter.setFont(body)
        painter.setPen(ink)
        painter.drawText(
            QRect(box.left(), top, box.width(), box.bottom() - top + 1),
            Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            row.text,
        )
        if not selected:
            painter.setPen(palette.color(QPalette.ColorRole.Midlight))
            painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()


class CommentsList(QListView):
    """The list of comments. Delete deletes the selected comments here (not the cards of
    the canvas, which Edit → Delete deletes elsewhere); Enter or a double-click jumps."""

    delete_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        return claims_key(event, (Qt.Key.Key_Delete,)) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_delete(event):
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def _is_delete(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Delete,)


class CommentsPanel(QWidget):
    """The dock's contents. It reads the comments of ``document`` and pushes commands; what
    a jump or a reply does is the caller's (``jump``, ``reply``)."""

    def __init__(
        self,
        jump: Callable[[CommentRow], None],
        reply: Callable[[CommentRow], None],
        push: Callable[[EditCommand], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commentsPanel")
        self.setAccessibleName("Comments")
        self.document: EditingDocument | None = None
        self._jump, self._reply, self._push = jump, reply, push
        self._stale = True

        self.search = QLineEdit()
        self.search.setObjectName("commentsSearch")
        self.search.setPlaceholderText("Search comments")
        self.search.setAccessibleName("Search comments")
        self.search.setClearButtonEnabled(True)
        self.show_resolved = QCheckBox("Show resolved")
        self.show_resolved.setObjectName("showResolvedBox")

        self.item_label = QLabel()
        self.item_label.setObjectName("commentsItemLabel")
        self.item_label.setTextFormat(Qt.TextFormat.PlainText)
        self.item_label.setWordWrap(True)
        self.show_all = QPushButton("Show All")
        self.show_all.setObjectName("showAllCommentsButton")
        self.item_bar = QWidget()
        item_row = QHBoxLayout(self.item_bar)
        item_row.setContentsMargins(0, 0, 0, 0)
        item_row.addWidget(self.item_label, 1)
        item_row.addWidget(self.show_all)
        self.item_bar.hide()

        self.model = CommentsModel(self)
        self.proxy = CommentsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list = CommentsList()
        self.list.setObjectName("commentsList")
        self.list.setAccessibleName("Comments, newest first")
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(CommentDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.empty = QLabel(EMPTY)
        self.empty.setObjectName("commentsEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(6, 12, 6, 6)
        self.empty.setStyleSheet("color: palette(placeholder-text);")

        self.count = QLabel()
        self.count.setObjectName("commentsCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.reply_button = QPushButton("Reply…")
        self.reply_button.setObjectName("replyCommentButton")
        self.resolve_button = QPushButton("Resolve")
        self.resolve_button.setObjectName("resolveCommentButton")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteCommentButton")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.reply_button, self.resolve_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.show_resolved)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(top)
        column.addWidget(self.item_bar)
        column.addWidget(self.list, 1)
        column.addWidget(self.empty, 1)
        column.addWidget(self.count)
        column.addLayout(buttons)

        self.search.textChanged.connect(self._filter_changed)
        self.show_resolved.toggled.connect(self._filter_changed)
        self.show_all.clicked.connect(lambda: self.show_item(None))
        self.list.activated.connect(self._activated)
        self.list.delete_pressed.connect(self.delete_selected)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reply_button.clicked.connect(self.reply_selected)
        self.resolve_button.clicked.connect(self.toggle_resolved)
        self.delete_button.clicked.connect(self.delete_selected)
        self._show_state()

    # -- what it shows ------------------------------------------------------------------

    def set_document(self, document: EditingDocument | None) -> None:
        self.document = document
        self.show_item(None)
        self.mark_stale()

    def follow(self, changes: ChangeSet) -> None:
        """Any edit may rename what a comment is on, so the list is read again (at once
        when it is shown, else when it is next shown)."""
        self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        document = self.document
        if document is not None and not isValid(document):
            self.document = document = None
        selected = self.selected_ids()
        self.model.set_rows(comment_rows(document.session) if document is not None else [])
        self.select(selected)
        self._show_state()

    def show_item(self, item: tuple[str, str] | None) -> None:
        """Show only the comments on one item (``(what, item id)``, e.g. ``('card “Phones
        surgery”', id)``), or all of them (None)."""
        if item is None:
            self.proxy.set_item(None)
            self.item_bar.hide()
        else:
            self.item_label.setText(f"Comments on the {item[0]}")
            self.proxy.set_item(item[1])
            self.item_bar.show()
        self._show_state()

    def rows_shown(self) -> list[CommentRow]:
        return [self.proxy.index(n, 0).data(ROW_ROLE) for n in range(self.proxy.rowCount())]

    def selected_rows(self) -> list[CommentRow]:
        indexes = sorted(self.list.selectionModel().selectedIndexes(), key=lambda i: i.row())
        return [index.data(ROW_ROLE) for index in indexes]

    def selected_ids(self) -> list[str]:
        return [row.id for row in self.selected_rows()]

    def select(self, comment_ids: list[str]) -> None:
        """Select these comments (those shown), the first one current."""
        selection = self.list.selectionModel()
        selection.clearSelection()
        first = True
        for comment_id in comment_ids:
            number = self.model.row_of(comment_id)
            if number is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(number, 0))
            if not index.isValid():
                continue
            flags = selection.SelectionFlag.Select
            if first:
                selection.setCurrentIndex(index, flags)
                self.list.scrollTo(index)
                first = False
            else:
                selection.select(index, flags)
        self._update_buttons()

    def _filter_changed(self) -> None:
        self.proxy.set_search(self.search.text())
        self.proxy.set_show_resolved(self.show_resolved.isChecked())
        self._show_state()

    def _show_state(self) -> None:
        shown, total = self.proxy.rowCount(), len(self.model.rows)
        hidden_resolved = sum(row.resolved for row in self.model.rows)
        self.list.setVisible(shown > 0)
        self.empty.setVisible(shown == 0)
        self.empty.setText(EMPTY if total == 0 else NO_MATCH)
        if total == 0:
            self.count.setText("")
        elif shown == total:
            self.count.setText(counted(total, "comment"))
        else:
            text = f"{shown} of {counted(total, 'comment')}"
            if hidden_resolved and not self.show_resolved.isChecked():
                text += f" ({hidden_resolved} resolved hidden)"
            self.count.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        writable = self.document is not None and not self.document.read_only
        self.reply_button.setEnabled(writable and len(rows) == 1 and not rows[0].gone)
        self.delete_button.setEnabled(writable and bool(rows))
        self.resolve_button.setEnabled(writable and bool(rows))
        reopen = bool(rows) and all(row.resolved for row in rows)
        self.resolve_button.setText("Reopen" if reopen else "Resolve")

    # -- doing ----------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None and not row.gone:
            self._jump(row)

    def reply_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self._reply(rows[0])

    def toggle_resolved(self) -> None:
        """Resolve the selected comments, or reopen them when all are resolved: one undo
        step either way."""
        rows = self.selected_rows()
        if not rows:
            return
        resolve = not all(row.resolved for row in rows)
        changing = [row for row in rows if row.resolved != resolve]
        verb = "Resolve" if resolve else "Reopen"
        commands: list[EditCommand] = []
        for row in changing:
            command = EditCommentCommand(row.id, resolved=resolve)
            command.setText(f"{verb} comment")
            commands.append(command)
        if len(commands) == 1:
            self._push(commands[0])
        elif commands:
            self._push(CommandGroup(f"{verb} {counted(len(commands), 'comment')}", commands))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._push(DeleteCommentsCommand(ids))

    def _context_menu(self, position) -> None:
        index = self.list.indexAt(position)
        if not index.isValid():
            return
        if not self.list.selectionModel().isSelected(index):
            self.select([index.data(ROW_ROLE).id])
        rows = self.selected_rows()
        menu = QMenu(self)
        menu.setObjectName("commentsContextMenu")
        go = menu.addAction("Go to")
        go.setEnabled(len(rows) == 1 and not rows[0].gone)
        go.triggered.connect(lambda: self._jump(rows[0]))
        menu.addSeparator()
        for button in (self.reply_button, self.resolve_button, self.delete_button):
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        menu.popup(self.list.viewport().mapToGlobal(position))


class CommentsLink(QPushButton):
    """A one-line link under an item's properties: "2 comments" opens the Comments dock on
    that item's comments (hidden while the item has none)."""

    requested = Signal(object, str)  # the item's class, its id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentsLink")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            "#commentsLink { color: palette(link); text-align: left; padding: 2px 0; border: 0; }"
        )
        self.item: tuple[type[Base], str] | None = None
        self.clicked.connect(self._clicked)
        self.hide()

    def show_for(self, document: EditingDocument | None, item: Base | None) -> None:
        """Count the comments on ``item`` (None: show nothing)."""
        count = resolved = 0
        if document is not None and item is not None:
            query = select(func.count(), func.sum(Comment.resolved)).where(
                Comment.item_id == item.id
            )
            count, resolved = document.session.execute(query).one()
            resolved = int(resolved or 0)
        self.item = (type(item), item.id) if count else None
        if count:
            text = counted(count, "comment")
            if resolved:
                text += f" ({resolved} resolved)"
            self.setText(text)
            kind = KIND_NAMES.get(type(item).__name__, "item")
            self.setAccessibleName(f"Show the {text} on this {kind}")
            self.setToolTip(f"Show the comments on this {kind} in the Comments list")
        self.setVisible(bool(count))

    def _clicked(self) -> None:
        if self.item is not None:
            self.requested.emit(*self.item)
