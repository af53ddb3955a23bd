"""The scene of one blueprint: one item per lane, header, line, card and connector, kept in
step with the layout's geometry by id, so an edit touches only the items it names.

Cards and connectors live in containers at their lane's top (lane_layers.py): when a lane
grows taller, the lanes below move by moving their containers. Routes that cross the
grown lane are stretched at once where they can be seen, and the rest a few at a time
while the application is idle (or as soon as they are scrolled into view).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QBrush, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene
from shiboken6 import isValid

from app.canvas import palette
from app.canvas.card_item import CardItem
from app.canvas.connector_item import ConnectorItem
from app.canvas.divider_item import DividerLineItem
from app.canvas.far import FarCards, draw_frame, draw_lines, min_side
from app.canvas.fonts import register_fonts
from app.canvas.header_items import (
    COMMENT_INSET,
    HEADER_Z,
    HeaderCornerItem,
    StageHeaderItem,
    StepHeaderItem,
)
from app.canvas.lane_item import LaneItem
from app.canvas.lane_layers import LaneLayers, TileGrid
from app.canvas.lod import FAR, MIN_RENDER_PIXELS, level_of_detail
from app.canvas.marks import CommentMarkItem
from app.canvas.method_headers import MethodCorner, MethodStageHeader, MethodStepHeader
from app.canvas.method_marks import MethodMarks
from app.canvas.qtenums import DEVICE_CACHE, NO_CACHE
from app.canvas.scene_lookups import Cell, SceneLookups
from app.canvas.tooltips import plain_tip
from app.layout.engine import LayoutChange
from app.layout.geometry import BlueprintGeometry, ConnectorGeometry, Rect

SCENE_MARGIN = 40.0  # room around the map, so its edges never stick to the window's
CATCH_UP_SLICE = 0.004  # seconds of idle time spent stretching routes out of sight
CATCH_UP_PAUSE = 5  # ms between slices, so the frame showing an edit is drawn first


class BlueprintScene(SceneLookups, QGraphicsScene):
    """Items drawn from a BlueprintGeometry. The scene never writes the model; the view
    turns gestures into intent signals."""

    changed_geometry = Signal()  # after set_geometry or apply: views refresh what they draw

    def __init__(self, geometry: BlueprintGeometry, parent: object | None = None) -> None:
        super().__init__(parent)
        register_fonts()
        self.setBackgroundBrush(QBrush(palette.CANVAS))
        # No index: items live in tiles that Qt skips when out of sight (lane_layers.py),
        # and a lane that moves takes thousands of items along, which a BSP tree would
        # have to re-index one by one.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setMinimumRenderSize(MIN_RENDER_PIXELS)
        self.geometry = geometry
        # Cards draw straight to the painter unless a view asks for cached drawing: an
        # export renders the scene to SVG or PDF, which must stay vector.
        self.card_cache = NO_CACHE
        self.cards: dict[str, CardItem] = {}
        self.connectors: dict[str, ConnectorItem] = {}
        self.lanes: dict[str, LaneItem] = {}
        self.layers: dict[str, LaneLayers] = {}
        self.steps: dict[str, StepHeaderItem] = {}
        self.stages: dict[str, StageHeaderItem] = {}
        self.lines: dict[str, DividerLineItem] = {}
        self.corner: HeaderCornerItem | None = None
        self.columns: list[float] = []  # x of every column edge, left to right
        self._spacing = 0.0  # the narrowest column's width
        self._header_tiles = self._header_grid()
        self._lane_tops: list[float] = []
        self.step_lefts: list[float] = []  # x of each step's column, left to right
        self.stage_lefts: list[float] = []  # x of each stage, left to right
        self.stage_items: list[StageHeaderItem] = []  # in the same order
        self._cells: dict[Cell, list[str]] = {}
        self._card_cell: dict[str, Cell] = {}
        self._far: FarCards | None = None
        self._smallest = float("inf")  # no card's smaller side is below this
        self._selected: set[CardItem] = set()
        self._found: set[str] = set()
        self._clearing = False
        # What the last change did to the frame: True, rebuilt lanes, headers and lines;
        # "lanes", lanes moved (the headers stayed); False, neither.
        self.frame_changed: bool | str = True
        # The emotion band (app/canvas/emotion_band.py) when shown, and the room above the
        # header rows it takes.
        self.emotion_band: QGraphicsItem | None = None
        self.extra_top = 0.0
        # Connectors still to be stretched to their new shape, with their x ranges.
        self._stale: dict[str, tuple[float, float]] = {}
        # Cards and steps with unresolved comments, each with its tooltip (set_commented).
        self.commented_cards: dict[str, str] = {}
        self.commented_steps: dict[str, str] = {}
        self._step_marks: dict[str, CommentMarkItem] = {}
        self._catch_up = QTimer(self)
        self._catch_up.setSingleShot(True)
        self._catch_up.setInterval(CATCH_UP_PAUSE)
        self._catch_up.timeout.connect(self._catch_up_some)
        self.selectionChanged.connect(self._on_selection)
        self.method = MethodMarks(self)  # pain-point badges and the overlays
        self.set_geometry(geometry)

    # -- keeping up with the layout -----------------------------------------------------

    def set_geometry(self, geometry: BlueprintGeometry) -> None:
        """Follow a whole new geometry (after BlueprintLayout.rebuild), reusing items by id."""
        self.geometry = geometry
        self._stale.clear()
        for card_id in set(self.cards) - set(geometry.cards):
            self._remove_card(card_id)
        for connector_id in set(self.connectors) - set(geometry.connectors):
            self._remove_connector(connector_id)
        self._smallest = min((min_side(card) for card in geometry.cards.values()), default=1e9)
        self._header_tiles.deferred = True
        self._sync_frame(geometry)
        grids = [grid for layers in self.layers.values() for grid in layers.grids]
        for grid in grids:
            grid.deferred = True  # tiles are fitted once, after all their items are in
        self._update_cards(geometry.cards)
        for connector_id in geometry.connectors:
            self._update_connector(connector_id)
        for grid in [*grids, self._header_tiles]:
            grid.fit()
        self._drop_gone_layers(geometry)
        self._set_rect()
        self.method.follow(None)
        self.frame_changed = True
        self.changed_geometry.emit()

    def apply(self, change: LayoutChange, geometry: BlueprintGeometry) -> None:
        """Follow an incremental layout update: only the named items are touched (and the
        lanes, headers and lines when lanes moved)."""
        self.geometry = geometry
        for card_id in change.removed_cards:
            self._remove_card(card_id)
        present = [card_id for card_id in change.cards if card_id in geometry.cards]
        for card_id in set(change.cards) - set(present):
            self._remove_card(card_id)
        self._update_cards(present)
        for connector_id in change.removed_connectors:
            self._remove_connector(connector_id)
        if change.lanes_moved:
            self._sync_frame(geometry, headers=False)
            self._far = None
        for connector_id in change.connectors:
            self._stale.pop(connector_id, None)
            self._update_connector(connector_id)
        if change.stretched_connectors:
            x_range = geometry.connectors.x_range
            for connector_id in change.stretched_connectors:
                if connector_id in self.connectors:
                    self._stale[connector_id] = x_range(connector_id)
            self.catch_up(self._visible_rect())
            if self._stale:
                self._catch_up.start()
        self._set_rect()
        self.method.follow(change)
        self.frame_changed = "lanes" if change.lanes_moved else False
        self.changed_geometry.emit()

    # -- routes stretched out of sight ------------------------------------------------------

    def catch_up(self, rect: QRectF | None = None) -> None:
        """Bring the stretched routes within ``rect``'s columns up to date now (all of
        them without a rectangle)."""
        if not self._stale:
            return
        if rect is None:
            wanted = list(self._stale)
        else:
            left, right = rect.left(), rect.right()
            wanted = [i for i, (x0, x1) in self._stale.items() if x0 <= right and x1 >= left]
        for connector_id in wanted:
            del self._stale[connector_id]
            self._update_connector(connector_id)

    @property
    def catching_up(self) -> bool:
        """Whether some routes out of sight still wait for their new shape."""
        return bool(self._stale)

    def _catch_up_some(self) -> None:
        deadline = time.perf_counter() + CATCH_UP_SLICE
        stale = self._stale
        while stale and time.perf_counter() < deadline:
            for connector_id in list(itertools.islice(stale, 20)):
                del stale[connector_id]
                self._update_connector(connector_id)
        if stale:
            self._catch_up.start()

    def _visible_rect(self) -> QRectF | None:
        """What the views show, a column wider on each side (None without a view: then
        nothing waits)."""
        shown: QRectF | None = None
        for view in self.views():
            rect = view.mapToScene(view.viewport().rect()).boundingRect()
            shown = rect if shown is None else shown.united(rect)
        if shown is None:
            return None
        margin = self.columns[1] - self.columns[0] if len(self.columns) > 1 else 200.0
        return shown.adjusted(-margin, 0.0, margin, 0.0)

    def cache_cards(self) -> None:
        """Keep each card's drawing as a picture at the view's zoom, so a frame copies the
        cards it shows instead of drawing their borders and text again: panning, and an
        edit that moves the lanes below it, redraw the view several times faster. A card
        draws afresh when it changes, is selected or found, or the zoom changes."""
        if self.card_cache != DEVICE_CACHE:
            self.card_cache = DEVICE_CACHE
            for item in self.cards.values():
                item.setCacheMode(DEVICE_CACHE)

    def _update_cards(self, card_ids: Iterable[str]) -> None:
        dirty: set[Cell] = set()
        cards = self.geometry.cards
        relative = cards.relative
        layers = self.layers
        for card_id in card_ids:
            geometry = relative(card_id)
            item = self.cards.get(card_id)
            if item is None:
                tile = layers[geometry.lane_id].cards.tile(geometry.rect.x)
                item = CardItem(geometry, cards, tile)
                item.setCacheMode(self.card_cache)
                self.cards[card_id] = item
                if card_id in self.commented_cards:
                    item.set_comment_note(self.commented_cards[card_id])
            else:
                tile = layers[geometry.lane_id].cards.tile(geometry.rect.x)
                if item.parentItem() is not tile:
                    item.setParentItem(tile)
                item.set_geometry(geometry)
            self._smallest = min(self._smallest, min_side(geometry))
            cell = (geometry.lane_id, geometry.step_id)
            old = self._card_cell.get(card_id)
            if old != cell:
                if old is not None:
                    self._cells[old].remove(card_id)
                self._cells.setdefault(cell, []).append(card_id)
                self._card_cell[card_id] = cell
            dirty.add(cell)
        for cell in dirty:
            self._cells[cell].sort(key=lambda i: relative(i).rect.y)
        self._far = None

    def _remove_card(self, card_id: str) -> None:
        item = self.cards.pop(card_id, None)
        if item is not None:
            self._selected.discard(item)
            self.removeItem(item)
            self._far = None
        cell = self._card_cell.pop(card_id, None)
        if cell is not None:
            self._cells[cell].remove(card_id)

    def _update_connector(self, connector_id: str) -> None:
        table = self.geometry.connectors
        geometry = table.get(connector_id)
        item = self.connectors.get(connector_id)
        if geometry is None:
            self._remove_connector(connector_id)
            return
        layers = self.layers[table.top_lane(connector_id)]
        geometry = _translated(geometry, -layers.top)
        left = table.x_range(connector_id)[0]
        tile, label_tile = layers.links.tile(left), layers.labels.tile(left)
        if item is None:
            item = ConnectorItem(geometry, tile, label_tile)
            self.connectors[connector_id] = item
        else:
            item.move_to_layers(tile, label_tile)
            item.set_geometry(geometry)  # it swaps its label item itself
        layers.links.hold(tile, item)
        if item.label_item is not None:
            layers.labels.hold(label_tile, item.label_item)

    def _remove_connector(self, connector_id: str) -> None:
        item = self.connectors.pop(connector_id, None)
        if item is None:
            return
        if item.label_item is not None and item.label_item.scene() is self:
            self.removeItem(item.label_item)
        self.removeItem(item)

    def _sync_frame(self, geometry: BlueprintGeometry, headers: bool = True) -> None:
        """Lanes, their containers and the three lines (and the header rows, unless only
        lanes moved): few items, so they are all brought up to date."""
        if headers:
            # In place: the lane items share this list.
            self.columns[:] = [step.x for step in geometry.steps]
            if geometry.steps:
                self.columns.append(geometry.steps[-1].x + geometry.steps[-1].w)
            self.step_lefts = [step.x for step in geometry.steps]
            self._spacing = min((step.w for step in geometry.steps), default=0.0)
            self.stage_lefts = [stage.rect.x for stage in geometry.stages]
        self._lane_tops = [lane.rect.y for lane in geometry.lanes]
        _sync(
            self,
            self.lanes,
            {lane.id: (lane, index) for index, lane in enumerate(geometry.lanes)},
            lambda value: LaneItem(value[0], value[1], self.columns, self._spacing),
            lambda item, value: item.set_geometry(value[0], value[1], self.columns, self._spacing),
        )
        for lane in geometry.lanes:
            layers = self.layers.get(lane.id)
            if layers is None:
                layers = self.layers[lane.id] = LaneLayers(self, self.columns)
            elif headers:
                layers.cards.columns_changed()
            layers.place(lane.rect.y, lane.rect.h)
        title_width = self.title_width
        _sync(
            self,
            self.lines,
            {line.kind: line for line in geometry.lines},
            lambda value: DividerLineItem(value, title_width),
            lambda item, value: item.set_geometry(value, title_width),
        )
        if headers:
            for item in self.lanes.values():
                item.update()  # the columns their rules follow may have changed
            self._sync_headers(geometry)

    def _header_grid(self) -> TileGrid:
        container = QGraphicsRectItem()
        container.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        container.setZValue(HEADER_Z)
        self.addItem(container)
        return TileGrid(container, self.columns)

    def _drop_gone_layers(self, geometry: BlueprintGeometry) -> None:
        """Remove the containers of lanes that are gone (once their items have left)."""
        for lane_id in set(self.layers) - {lane.id for lane in geometry.lanes}:
            self.layers.pop(lane_id).remove(self)

    def _sync_headers(self, geometry: BlueprintGeometry) -> None:
        _sync(
            self,
            self.steps,
            {step.id: step for step in geometry.steps},
            MethodStepHeader,
            lambda item, value: item.set_geometry(value),
        )
        for step in geometry.steps:
            self._header_tiles.put(self.steps[step.id], step.x)
        _sync(
            self,
            self.stages,
            {stage_key(stage.id, index): stage for index, stage in enumerate(geometry.stages)},
            MethodStageHeader,
            lambda item, value: item.set_geometry(value),
        )
        self.stage_items = [
            self.stages[stage_key(stage.id, index)] for index, stage in enumerate(geometry.stages)
        ]
        for item, stage in zip(self.stage_items, geometry.stages, strict=True):
            self._header_tiles.put(item, stage.rect.x)
        stage_row, step_row = self.header_rows()
        if self.corner is None:
            self.corner = MethodCorner(stage_row, step_row)
            self.addItem(self.corner)
        else:
            self.corner.set_geometry(stage_row, step_row)
        self._place_step_marks()

    # -- comments ---------------------------------------------------------------------------

    def set_commented(
        self, card_notes: Mapping[str, str], step_notes: Mapping[str, str] | None = None
    ) -> None:
        """Mark the cards and steps with unresolved comments: each id with its tooltip ("2
        comments, latest by Ann"). Only the cards whose mark changed are repainted."""
        old, self.commented_cards = self.commented_cards, dict(card_notes)
        for card_id in old.keys() | self.commented_cards.keys():
            note = self.commented_cards.get(card_id)
            if note != old.get(card_id) and (item := self.cards.get(card_id)) is not None:
                item.set_comment_note(note)
        old_steps, self.commented_steps = self.commented_steps, dict(step_notes or {})
        self._place_step_marks()
        # The headers draw the marks, in the map and in the frozen header rows.
        changed = old_steps.keys() ^ self.commented_steps.keys()
        for step_id in changed:
            if (header := self.steps.get(step_id)) is not None:
                header.update()
        if changed:
            for view in self.views():
                view.viewport().update()

    def _place_step_marks(self) -> None:
        """The tooltip spot of each commented step's mark, in its header's top right
        corner (the header draws the mark)."""
        steps = {step_id: self.geometry.step(step_id) for step_id in self.commented_steps}
        for step_id in [i for i in self._step_marks if steps.get(i) is None]:
            self.removeItem(self._step_marks.pop(step_id))
        inset = COMMENT_INSET
        for step_id, note in self.commented_steps.items():
            step = steps[step_id]
            if step is None:
                continue
            x, y = step.header.right - inset, step.header.y + inset
            mark = self._step_marks.get(step_id)
            if mark is None:
                mark = self._step_marks[step_id] = CommentMarkItem(x, y, note)
                mark.setZValue(HEADER_Z + 0.5)
                self.addItem(mark)
            else:
                mark.place(x, y)
                mark.setToolTip(plain_tip(note))

    def _on_selection(self) -> None:
        if self._clearing:
            return
        selected = {item for item in self.selectedItems() if isinstance(item, CardItem)}
        for item in selected ^ self._selected:
            if isValid(item) and item.scene() is self:
                item.selection_changed()
        self._selected = selected

    def clear(self) -> None:
        """Remove every item (the maps are emptied too; set_geometry fills them again)."""
        self._clearing = True
        self._selected = set()
        self._stale.clear()
        for items in (
            self.cards,
            self.connectors,
            self.lanes,
            self.layers,
            self.steps,
            self.stages,
            self.lines,
            self._step_marks,
        ):
            items.clear()
        self.corner = None
        self.emotion_band, self.extra_top = None, 0.0
        self._cells, self._card_cell, self._far = {}, {}, None
        self.method.forget()
        try:
            super().clear()
        finally:
            self._clearing = False
        self._header_tiles = self._header_grid()

    # -- the background: bands, header rows, and cards too small to paint as items ----------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, palette.CANVAS)
        geometry = self.geometry
        draw_frame(painter, geometry, rect)
        lod = level_of_detail(painter)
        if lod < FAR:
            draw_lines(painter, geometry)
        below = MIN_RENDER_PIXELS / lod if lod > 0 else float("inf")
        if below <= self._smallest:
            return  # every card is big enough for Qt to paint it as an item
        if self._far is None:
            self._far = FarCards(geometry.cards.values())
        self._far.draw(painter, rect, below)
        for item in self._selected:
            card = geometry.cards.get(item.card_id)
            if card is not None and min_side(card) < below:
                painter.fillRect(_qrect(card.rect), palette.SELECTED_BORDER)
        for card_id in self._found:
            card = geometry.cards.get(card_id)
            if card is not None and min_side(card) < below:
                painter.fillRect(_qrect(card.rect), palette.FOUND_BORDER)

    def _set_rect(self) -> None:
        m, top = SCENE_MARGIN, SCENE_MARGIN + self.extra_top
        width, height = self.geometry.width + 2 * m, self.geometry.height + m + top
        self.setSceneRect(QRectF(-m, -top, width, height))

    def set_extra_top(self, extra: float) -> None:
        """Grow the scene above the map's header rows by ``extra`` (the emotion band)."""
        if extra != self.extra_top:
            self.extra_top = extra
            self._set_rect()
            self.changed_geometry.emit()

    # -- what is where ---------------------------------------------------------------------

    @property
    def headers(self) -> dict[str, QGraphicsItem]:
        """Step and stage header items by id (stages without an id get a made-up key)."""
        return {**self.stages, **self.steps}

    def selected_card_ids(self) -> list[str]:
        return [item.card_id for item in self.selectedItems() if isinstance(item, CardItem)]

    def select_cards(self, card_ids: Iterable[str], *, clear: bool = True) -> None:
        wanted = [self.cards[i] for i in card_ids if i in self.cards]
        if clear:
            for item in self.selectedItems():
                if item not in wanted:
                    item.setSelected(False)
        for item in wanted:
            item.setSelected(True)

    def highlight(self, card_ids: Iterable[str]) -> None:
        """Mark the cards Find matched (and unmark the others)."""
        wanted = set(card_ids)
        for card_id in self._found | wanted:
            item = self.cards.get(card_id)
            if item is not None:
                item.set_found(card_id in wanted)
        self._found = wanted & set(self.cards)
        self.update()  # cards drawn by the background when far out show the marks too


def _qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


def stage_key(stage_id: str | None, index: int) -> str:
    """Steps with no stage still get a (blank) stage header; they are keyed by position."""
    return stage_id if stage_id is not None else f"(no stage {index})"


def _sync(scene: QGraphicsScene, items: dict, values: dict, create, update) -> None:
    for key in set(items) - set(values):
        scene.removeItem(items.pop(key))
    for key, value in values.items():
        item = items.get(key)
        if item is None:
            item = create(value)
            items[key] = item
            scene.addItem(item)
        else:
            update(item, value)


def _translated(connector: ConnectorGeometry, dy: float) -> ConnectorGeometry:
    """The route moved down by ``dy`` (into the coordinates of a lane's container)."""
    label_at = connector.label_at
    return ConnectorGeometry(
        connector.id,
        connector.source_id,
        connector.target_id,
        connector.kind,
        tuple((x, y + dy) for x, y in connector.points),
        connector.label,
        None if label_at is None else (label_at[0], label_at[1] + dy),
    )
