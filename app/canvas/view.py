"""The blueprint view: navigate (zoom, pan, frozen headers) and edit by gestures.

Every edit gesture ends in an intent signal (add_card_requested, card_text_committed,
cards_move_requested …); the window turns each into an undoable command, the layout
updates, and BlueprintScene.apply moves the items. The view never writes the model.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QMetaObject,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPen, QPixmapCache, QResizeEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from app.canvas import palette
from app.canvas.card_editor import CardEditor
from app.canvas.card_item import CardItem
from app.canvas.emotion_band import label_strip_rects, paint_frozen_labels
from app.canvas.frozen_panes import FrozenPanes, PaneLayout
from app.canvas.interactions import Interaction
from app.canvas.keys import KeysMixin
from app.canvas.mouse import MouseMixin
from app.canvas.scene import BlueprintScene, Cell
from app.canvas.zoom import ZoomMixin
from app.layout.geometry import Rect

REVEAL_MARGIN = 16.0


CARD_CACHE_KB = 64 * 1024


class BlueprintView(KeysMixin, MouseMixin, ZoomMixin, QGraphicsView):
    """Shows a BlueprintScene. Connect once: the signals stay when setScene switches
    blueprints."""

    zoom_changed = Signal(float)  # the new scale, 1.0 = 100%
    viewport_changed = Signal()  # scrolled, zoomed or resized (the overview follows)
    selection_changed = Signal(list)  # card ids, in the order they were selected
    add_card_requested = Signal(str, str, int)  # lane id, step id, index in the cell
    card_text_committed = Signal(str, str)  # card id, text (even if unchanged)
    card_edit_cancelled = Signal(str)  # card id (a new card left empty may be removed)
    cards_move_requested = Signal(list, str, str, int)  # card ids, lane id, step id, index
    move_selection_requested = Signal(int, int)  # steps right, lanes down
    delete_requested = Signal(list)  # card ids
    connector_requested = Signal(str, str)  # source card id, target card id
    context_menu_requested = Signal(str, object, QPoint)  # kind, id, global position
    lane_move_requested = Signal(str, int)  # lane id, index among the other lanes
    step_move_requested = Signal(str, int)  # step id, index among the other steps
    lane_height_requested = Signal(str, object)  # lane id, height (None: fit its cards)
    step_selected = Signal(str)  # step id ("" when no step is selected any more)
    emotion_requested = Signal(str, object, object)  # step id, service user, staff (-2..2|None)

    def __init__(self, scene: BlueprintScene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintView")
        self.setAccessibleName("Blueprint")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        # Qt finds the cards a band touches (the lanes' containers hide cards from a
        # "contains" search); _on_selection keeps those wholly inside the band.
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self._band: QRectF | None = None  # the rubber band in scene coordinates, if any
        self._band_kept: set[str] = set()  # selected before the band started (Ctrl)
        self.rubberBandChanged.connect(self._on_rubber_band)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        # The cards' cached pictures (scene.cache_cards): room for a full screen of them
        # on a high-density display, well above Qt's default of 10 MB.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), CARD_CACHE_KB))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)  # hover cursors: lane edges, connector handles
        self.card_text: Callable[[str], str] | None = None  # the window's way to a card's text
        self.current_cell: Cell | None = None
        self.selected_step: str | None = None  # a step chosen by its header (not a card)
        self._panes = FrozenPanes(self)
        self._interaction: Interaction | None = None
        self._editor: CardEditor | None = None
        self._order: list[str] = []
        self._anchor: str | None = None
        self._space = False
        self._connections: list[QMetaObject.Connection] = []
        self.viewport_changed.connect(self._catch_up)
        if scene is not None:
            self.setScene(scene)

    # -- the scene ---------------------------------------------------------------------

    @property
    def blueprint_scene(self) -> BlueprintScene | None:
        scene = self.scene()
        return scene if isinstance(scene, BlueprintScene) else None

    def setScene(self, scene: BlueprintScene | None) -> None:
        if self.scene() is scene:
            return
        self._drop_interaction(cancel=True)
        self._close_editor(commit=True)
        for connection in self._connections:
            QObject.disconnect(connection)
        self._connections = []
        super().setScene(scene)
        self._order, self._anchor, self.current_cell = [], None, None
        self.selected_step = None
        if scene is not None:
            scene.cache_cards()
            self._connections = [
                scene.selectionChanged.connect(self._on_selection),
                scene.changed_geometry.connect(self._on_geometry),
            ]
            self.update_scroll_rect()
            self._on_selection()
        self.viewport_changed.emit()

    def _catch_up(self) -> None:
        """Routes stretched out of sight are brought up to date before they are seen."""
        scene = self.blueprint_scene
        if scene is not None and scene.catching_up:
            scene.catch_up(self.mapToScene(self.viewport().rect()).boundingRect())

    def _on_rubber_band(self, rect: QRect, start: QPointF, end: QPointF) -> None:
        scene = self.blueprint_scene
        if rect.isNull() or scene is None:
            self._band = None
            return
        if self._band is None:
            self._band_kept = set(scene.selected_card_ids())
        # The rectangle, not the points: Qt passes the previous pointer position.
        self._band = self.mapToScene(rect).boundingRect()

    def _on_selection(self) -> None:
        scene = self.blueprint_scene
        if not isinstance(scene, BlueprintScene):
            return  # the scene is being torn down
        band = self._band
        if band is not None:
            touched = [
                item
                for item in scene.selectedItems()
                if isinstance(item, CardItem)
                and item.card_id not in self._band_kept
                and not band.contains(item.sceneBoundingRect())
            ]
            if touched:
                self._band = None  # the deselections below call this again: no filter then
                for item in touched:
                    item.setSelected(False)
                self._band = band
                return
        ids = scene.selected_card_ids()
        chosen = set(ids)
        kept = [i for i in self._order if i in chosen]
        self._order = kept + [i for i in ids if i not in set(kept)]
        if self._anchor not in chosen:
            self._anchor = self._order[-1] if self._order else None
        if self._order:
            self.set_current_cell(None)
            self.select_step(None)
        self.selection_changed.emit(list(self._order))

    def _on_geometry(self) -> None:
        scene = self.blueprint_scene
        if self._editor is not None and self._editor.card_id not in scene.cards:
            self._close_editor(commit=False)
        if self.current_cell is not None and self.current_cell not in scene.geometry.cells:
            self.current_cell = None
        if self.selected_step is not None and scene.geometry.step(self.selected_step) is None:
            self.select_step(None)
        self.update_scroll_rect()
        self._place_editor()
        # Items repaint themselves; the panes (the lane titles when lanes moved, all of them
        # after a rebuild) and the cell cursor are the view's to redo.
        if scene.frame_changed == "lanes":
            titles = self._panes.lane_titles_rect()
            if titles is not None:
                self.viewport().update(titles.toAlignedRect())
        elif scene.frame_changed:
            for rect in self._panes.rects():
                self.viewport().update(rect.toAlignedRect())
        self._update_cell_cursor()
        self.viewport_changed.emit()

    def selected_card_ids(self) -> list[str]:
        return list(self._order)

    # -- find ------------------------------------------------------------------------------

    def highlight(self, card_ids: list[str]) -> None:
        """Mark the cards Find matched; an empty list clears the marks."""
        self.blueprint_scene.highlight(card_ids)

    def center_on_card(self, card_id: str) -> None:
        card = self.blueprint_scene.geometry.cards.get(card_id)
        if card is not None:
            self.reveal(card.rect, centre=True)

    def reveal(self, rect: Rect, centre: bool = False) -> None:
        """Scroll the least (or to the middle) so ``rect`` shows clear of the frozen panes."""
        layout = self._panes.layout()
        view = QRectF(self.viewport().rect())
        if layout is not None:
            view.setLeft(layout.title_width)
            view.setTop(layout.header_height)
        target = self.viewportTransform().mapRect(QRectF(rect.x, rect.y, rect.w, rect.h))
        if centre:
            delta = target.center() - view.center()
            dx, dy = delta.x(), delta.y()
        else:
            m = REVEAL_MARGIN
            dx = _shift(target.left(), target.right(), view.left() + m, view.right() - m)
            dy = _shift(target.top(), target.bottom(), view.top() + m, view.bottom() - m)
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

    # -- the current cell (a spot with no card, where Enter adds one) -----------------------

    def set_current_cell(self, cell: Cell | None) -> None:
        if cell != self.current_cell:
            self._update_cell_cursor()
            self.current_cell = cell
            self._update_cell_cursor()

    def _update_cell_cursor(self) -> None:
        scene = self.blueprint_scene
        if scene is None or self.current_cell is None:
            return
        cell = scene.geometry.cells.get(self.current_cell)
        if cell is not None:
            rect = self.viewportTransform().mapRect(QRectF(cell.x, cell.y, cell.w, cell.h))
            self.viewport().update(rect.toAlignedRect().adjusted(-3, -3, 3, 3))

    # -- the selected step (its header clicked: the properties show the step) -----------------

    def select_step(self, step_id: str | None) -> None:
        """Select a step (its cards' selection is cleared first) or, with None, no step;
        step_selected says so."""
        if step_id is None and self.selected_step is None:
            return
        scene = self.blueprint_scene
        if step_id is not None:
            if scene is None or scene.geometry.step(step_id) is None:
                return
            scene.clearSelection()
            self.set_current_cell(None)
        self.selected_step = step_id
        self.viewport().update()  # the step's whole column is tinted
        self.step_selected.emit(step_id or "")

    def _paint_step_mark(self, painter: QPainter, over_panes: bool) -> None:
        """The selected step's column tinted (under the panes), and its header outlined
        where the header row is drawn, frozen or not (over the panes)."""
        scene = self.blueprint_scene
        step = scene.geometry.step(self.selected_step) if self.selected_step else None
        if step is None:
            return
        if not over_panes:
            top = -scene.extra_top
            height = scene.geometry.height - top
            painter.fillRect(QRectF(step.x, top, step.w, height), palette.STEP_SELECTED)
            return
        layout = self._panes.layout()
        if layout is None:
            return
        header = step.header
        painter.save()
        painter.setPen(QPen(palette.SELECTED_BORDER, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.resetTransform()
        s = layout.scale
        x, w = header.x * s + layout.dx, header.w * s
        if layout.covers_rows or layout.covers_column:  # the panes drew the header row
            painter.setClipRect(layout.header_rows)
            top, bottom = layout.top + layout.stage_height, layout.top + layout.header_height
        else:
            top, bottom = header.y * s + layout.dy, header.bottom * s + layout.dy
        painter.drawRect(QRectF(x + 1, top + 1, w - 2, bottom - top - 2))
        painter.restore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._interaction is None:
            self.select_step(None)
        super().keyPressEvent(event)

    # -- inline editing ----------------------------------------------------------------------

    def edit_card(self, card_id: str, text: str | None = None) -> bool:
        """Open the inline editor on a card (the window calls this right after adding one).
        ``text`` defaults to ``card_text(card_id)`` or, failing that, the drawn lines."""
        scene = self.blueprint_scene
        item = scene.cards.get(card_id) if scene is not None else None
        if item is None:
            return False
        self._close_editor(commit=True)
        if text is None:
            text = self.card_text(card_id) if self.card_text else " ".join(item.geometry.text.lines)
        scene.select_cards([card_id])
        self._anchor = card_id
        self.reveal(item.geometry.rect)
        editor = CardEditor(card_id, text, self.viewport())
        editor.committed.connect(self._editor_committed)
        editor.cancelled.connect(self._editor_cancelled)
        self._editor = editor
        self._place_editor()
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    @property
    def editor(self) -> CardEditor | None:
        return self._editor

    def _place_editor(self) -> None:
        editor, scene = self._editor, self.blueprint_scene
        if editor is None or scene is None:
            return
        card = scene.geometry.cards.get(editor.card_id)
        if card is None:
            return
        r = card.rect
        rect = self.viewportTransform().mapRect(QRectF(r.x, r.y, r.w, r.h))
        editor.place(rect, self.zoom(), card.text.x - r.x, card.text.size)

    def _editor_committed(self, card_id: str, text: str) -> None:
        self._close_editor(commit=False)
        self.card_text_committed.emit(card_id, text)

    def _editor_cancelled(self, card_id: str) -> None:
        self._close_editor(commit=False)
        self.card_edit_cancelled.emit(card_id)

    def _close_editor(self, commit: bool) -> None:
        editor, self._editor = self._editor, None
        if editor is None:
            return
        if commit:
            editor.commit()
        else:
            editor.cancel() if not editor.finished else None
        had_focus = editor.hasFocus()
        editor.hide()
        editor.deleteLater()
        if had_focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- painting and scrolling ------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawForeground(painter, rect)
        scene = self.blueprint_scene
        if self.current_cell is not None and scene is not None:
            cell = scene.geometry.cells.get(self.current_cell)
            if cell is not None:
                painter.setPen(QPen(palette.CELL_CURSOR, 1.5, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(
                    QRectF(cell.x + 2, cell.y + 2, cell.w - 4, cell.h - 4), 3.0, 3.0
                )
        self._paint_step_mark(painter, over_panes=False)
        self._panes.paint(painter, self.mapFromScene(rect).boundingRect().toRectF())
        self._paint_step_mark(painter, over_panes=True)
        paint_frozen_labels(self, painter)
        if self._interaction is not None:
            self._interaction.paint(painter)  # feedback drawn over the panes

    def update_scroll_rect(self) -> None:
        """The scrollable area: the scene's rectangle, plus room above and left of it for
        panes grown past the map's scale, so that at the top-left they cover nothing."""
        scene = self.blueprint_scene
        if scene is None:
            return
        rect = scene.sceneRect()
        layout = self._panes.layout()
        if layout is not None:
            left, top = layout.overhang()
            rect = rect.adjusted(-left, -top, 0.0, 0.0)
        if rect != self.sceneRect():
            self.setSceneRect(rect)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        # The viewport was scrolled as pixels: repaint the panes where they were and are.
        for rect in self._panes.rects() + label_strip_rects(self):
            self.viewport().update(rect.toAlignedRect())
            self.viewport().update(rect.translated(dx, dy).toAlignedRect())
        self._place_editor()
        self.viewport_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update_scroll_rect()
        self._place_editor()
        self.viewport_changed.emit()

    def pane_hit(self, point: QPointF) -> tuple[str, str | None] | None:
        """What frozen pane (and which lane, step or stage) is at a viewport point."""
        return self._panes.hit(point)

    def pane_layout(self) -> PaneLayout | None:
        """Where the frozen panes are, in viewport pixels (None without lanes)."""
        return self._panes.layout()


def _shift(low: float, high: float, start: float, end: float) -> float:
    """How far to scroll so that [low, high] lies within [start, end] (its start first)."""
    if high - low > end - start or low < start:
        return low - start
    if high > end:
        return high - end
    return 0.0
