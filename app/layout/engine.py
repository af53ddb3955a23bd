"""Turn a BlueprintShape into BlueprintGeometry, and keep it up to date cheaply.

Columns have one width; each card's height follows its wrapped text; a lane is as tall as
its fullest cell, so no cell ever clips its cards. A change to some cards re-lays out only
their cells. Cards and routes are kept relative to their lanes (see LanePlacement), so
when a lane's height changes the lanes below move as a whole by changing their tops: no
card below is touched, and only connectors touching changed cards are re-routed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.layout.fonts import BOLD, REGULAR, metrics
from app.layout.geometry import (
    BlueprintGeometry,
    CardGeometry,
    ColumnSpan,
    ConnectorGeometry,
    LaneGeometry,
    Rect,
    StageGeometry,
    StepGeometry,
    TextBlock,
)
from app.layout.lines import divider_lines
from app.layout.routing import label_point, route
from app.layout.shape import BlueprintShape, CardShape, ConnectorShape
from app.layout.style import DEFAULT_STYLE, LayoutStyle
from app.layout.wrap import wrap


@dataclass
class LayoutChange:
    """What an update moved or re-drew, so the canvas touches only those items."""

    cards: set[str] = field(default_factory=set)
    removed_cards: set[str] = field(default_factory=set)
    connectors: set[str] = field(default_factory=set)
    removed_connectors: set[str] = field(default_factory=set)
    lanes_moved: bool = False
    # Routes that cross the bottom edge of a lane whose height changed: their shape changed
    # even though none of their cards did.
    stretched_connectors: set[str] = field(default_factory=set)


class BlueprintLayout:
    """The geometry of one blueprint, kept in step with its shape."""

    def __init__(self, shape: BlueprintShape, style: LayoutStyle = DEFAULT_STYLE) -> None:
        self.style = style
        self.shape = shape
        self._ascent = metrics(REGULAR).ascent
        self.geometry = self._full()

    # -- keeping up with edits ------------------------------------------------------------

    def rebuild(self, shape: BlueprintShape | None = None) -> None:
        """Lay out everything again (after lanes, steps or stages changed)."""
        if shape is not None:
            self.shape = shape
        self.geometry = self._full()

    def update_cells(self, cells: dict[tuple[str, str], list[CardShape]]) -> LayoutChange:
        """Give some cells their new cards, in order; cards that were in these cells and are
        in none of them now are gone. Only these cells are laid out again, and lanes below
        move as a whole when a lane's height changes."""
        change = LayoutChange()
        geometry, before = self.geometry, set()
        placed: set[str] = set()
        for key, cards in cells.items():
            before.update(self._cell_cards.get(key, []))
            self._cell_cards[key] = [card.id for card in cards]
            for card in cards:
                self.shape.cards[card.id] = card
                self._card_sizes[card.id] = self._card_size(card)
                placed.add(card.id)
        for lane_id, step_id in cells:
            self._measure_cell(lane_id, step_id)
        for card_id in before - placed:
            self.shape.cards.pop(card_id, None)
            self._card_sizes.pop(card_id, None)
            geometry.cards.pop(card_id, None)
            change.removed_cards.add(card_id)
        lanes = {lane_id for lane_id, _step in cells}
        resized: set[int] = set()
        for lane_id in sorted(lanes, key=self._lane_index.__getitem__):
            index = self._lane_index[lane_id]
            lane = geometry.lanes[index]
            height = self._lane_height(lane_id, self._lanes[lane_id].height)
            if abs(height - lane.rect.h) > 1e-6:
                geometry.lanes[index] = self._lane_geometry(lane_id, lane.rect.y, height)
                self._shift_below(index, height - lane.rect.h)
                resized.add(index)
        for lane_id, step_id in cells:
            self._place_cell(geometry, lane_id, step_id)
            change.cards.update(self._cell_cards.get((lane_id, step_id), []))
        if resized:
            geometry.set_lanes(geometry.lanes)
            self._boundaries = [lane.rect.y for lane in geometry.lanes[1:]] + [geometry.height]
            self._span.bottom = geometry.height
            geometry.lines = divider_lines(geometry.lanes, 0.0, geometry.width)
            change.lanes_moved = True
        self._reindex_columns(placed | change.removed_cards)
        self._reroute_touching(change.cards | change.removed_cards, change)
        if resized:
            stretched = set(geometry.connectors.crossing(resized)) - change.connectors
            change.stretched_connectors = stretched
        self._reroute_within_columns({step_id for _lane, step_id in cells}, change)
        return change

    def update_connectors(
        self, connectors: list[ConnectorShape], removed: set[str] = frozenset()
    ) -> LayoutChange:
        change = LayoutChange()
        for connector_id in removed:
            self.shape.connectors.pop(connector_id, None)
            self.geometry.connectors.pop(connector_id, None)
            change.removed_connectors.add(connector_id)
        for connector in connectors:
            self.shape.connectors[connector.id] = connector
            self._route(self.geometry, connector.id)
            change.connectors.add(connector.id)
        self._index_connectors()
        return change

    def _shift_below(self, index: int, dy: float) -> None:
        """Move the lanes below ``index`` (their cards and routes go with them)."""
        geometry = self.geometry
        for below in range(index + 1, len(geometry.lanes)):
            lane = geometry.lanes[below]
            geometry.lanes[below] = LaneGeometry(
                lane.id,
                lane.kind,
                lane.rect.moved(dy=dy),
                lane.title_rect.moved(dy=dy),
                lane.title.moved(dy=dy),
            )
        geometry.height += dy

    def _index_connectors(self) -> None:
        touching: dict[str, set[str]] = {}
        column: dict[str, set[str]] = {}
        column_of: dict[str, str] = {}
        cards = self.shape.cards
        for connector in self.shape.connectors.values():
            touching.setdefault(connector.source_id, set()).add(connector.id)
            touching.setdefault(connector.target_id, set()).add(connector.id)
            source, target = cards.get(connector.source_id), cards.get(connector.target_id)
            if source and target and source.step_id == target.step_id:
                column.setdefault(source.step_id, set()).add(connector.id)
                column_of[connector.id] = source.step_id
        self._touching, self._column_links, self._column_of = touching, column, column_of

    def _reindex_columns(self, card_ids: set[str]) -> None:
        """Cards that moved may have joined or left a column shared with a linked card."""
        cards = self.shape.cards
        for connector_id in set().union(*(self._touching.get(i, ()) for i in card_ids)):
            step_id = self._column_of.pop(connector_id, None)
            if step_id is not None:
                self._column_links[step_id].discard(connector_id)
            connector = self.shape.connectors.get(connector_id)
            if connector is None:
                continue
            source, target = cards.get(connector.source_id), cards.get(connector.target_id)
            if source and target and source.step_id == target.step_id:
                self._column_links.setdefault(source.step_id, set()).add(connector_id)
                self._column_of[connector_id] = source.step_id

    def _reroute_within_columns(self, step_ids: set[str], change: LayoutChange) -> None:
        """A connector between two cards of one column runs straight only while no card
        stands between them, so a change in that column can re-route it."""
        for step_id in step_ids:
            for connector_id in self._column_links.get(step_id, ()):
                self._route(self.geometry, connector_id)
                if connector_id in self.geometry.connectors:
                    change.connectors.add(connector_id)

    def _reroute_touching(self, card_ids: set[str], change: LayoutChange) -> None:
        connector_ids = set().union(*(self._touching.get(i, ()) for i in card_ids))
        for connector_id in connector_ids:
            if connector_id in self.shape.connectors:
                self._route(self.geometry, connector_id)
                if connector_id in self.geometry.connectors:
                    change.connectors.add(connector_id)
                else:
                    change.removed_connectors.add(connector_id)

    # -- the whole layout ---------------------------------------------------------------

    def _full(self) -> BlueprintGeometry:
        s, shape = self.style, self.shape
        self._lanes = {lane.id: lane for lane in shape.lanes}
        x0 = s.lane_title_width
        width = x0 + s.column_width * len(shape.steps)
        self._columns = {
            step.id: Rect(x0 + i * s.column_width, 0.0, s.column_width, 0.0)
            for i, step in enumerate(shape.steps)
        }
        cells = shape.cells()
        self._cell_cards = {key: [c.id for c in cards] for key, cards in cells.items()}
        card_sizes = {card.id: self._card_size(card) for card in shape.cards.values()}
        self._card_sizes = card_sizes
        self._cell_heights: dict[str, dict[str, float]] = {}
        for lane_id, step_id in self._cell_cards:
            self._measure_cell(lane_id, step_id)
        y = s.header_height
        lanes: list[LaneGeometry] = []
        for lane in shape.lanes:
            height = self._lane_height(lane.id, lane.height)
            lanes.append(self._lane_geometry(lane.id, y, height))
            y += height
        geometry = BlueprintGeometry(width=max(width, x0 + s.column_width), height=y)
        geometry.set_lanes(lanes)
        self._boundaries = [lane.rect.y for lane in lanes[1:]] + [y]  # y: the map's bottom
        self._lane_index = {lane.id: i for i, lane in enumerate(lanes)}
        for lane in lanes:
            for step in shape.steps:
                self._place_cell(geometry, lane.id, step.id)
        self._span = ColumnSpan(s.header_height, y)
        steps, geometry.stages = self._headers()
        geometry.set_steps(steps)
        geometry.lines = divider_lines(lanes, 0.0, geometry.width)
        self._index_connectors()
        for connector_id in shape.connectors:
            self._route(geometry, connector_id)
        return geometry

    def _card_size(self, card: CardShape) -> tuple[tuple[str, ...], tuple[str, ...], float]:
        s = self.style
        lines = wrap(card.text, s.text_width, s.font_size) if card.text else ("",)
        hint = wrap(card.hint, s.text_width, s.hint_size)[:2] if card.hint else ()
        height = 2 * s.card_padding + len(lines) * s.line_height
        if hint:
            height += 2 + len(hint) * s.hint_line_height
        return lines, hint, max(s.min_card_height, height)

    def _cell_height(self, lane_id: str, step_id: str) -> float:
        s = self.style
        ids = self._cell_cards.get((lane_id, step_id), [])
        if not ids:
            return 0.0
        heights = sum(self._card_sizes[i][2] for i in ids)
        return 2 * s.cell_padding + heights + s.card_gap * (len(ids) - 1)

    def _lane_height(self, lane_id: str, least: float | None) -> float:
        s = self.style
        title = self._lane_title_lines(lane_id)
        cells = self._cell_heights.get(lane_id, {})
        return max(
            s.min_lane_height,
            least or 0.0,
            2 * s.cell_padding + len(title) * s.line_height,
            max(cells.values(), default=0.0),
        )

    def _measure_cell(self, lane_id: str, step_id: str) -> None:
        """Remember one cell's height (each lane's tallest cell sets the lane's height)."""
        height = self._cell_height(lane_id, step_id)
        cells = self._cell_heights.setdefault(lane_id, {})
        if height:
            cells[step_id] = height
        else:
            cells.pop(step_id, None)

    def _lane_title_lines(self, lane_id: str) -> tuple[str, ...]:
        s = self.style
        lane = self._lanes[lane_id]
        return wrap(lane.title, s.lane_title_width - 2 * s.cell_padding, s.lane_title_size, BOLD)

    def _lane_geometry(self, lane_id: str, y: float, height: float) -> LaneGeometry:
        s = self.style
        lane = self._lanes[lane_id]
        lines = self._lane_title_lines(lane_id)
        title = TextBlock(
            lines,
            s.cell_padding,
            y + s.cell_padding,
            s.lane_title_size,
            s.line_height,
            metrics(BOLD).ascent * s.lane_title_size,
            bold=True,
        )
        width = s.lane_title_width + s.column_width * len(self.shape.steps)
        return LaneGeometry(
            lane_id,
            lane.kind,
            Rect(0.0, y, max(width, s.lane_title_width + s.column_width), height),
            Rect(0.0, y, s.lane_title_width, height),
            title,
        )

    def _place_cell(self, geometry: BlueprintGeometry, lane_id: str, step_id: str) -> None:
        """Stack a cell's cards, relative to the top of their lane."""
        s = self.style
        y = s.cell_padding
        x = self._columns[step_id].x + s.cell_padding
        cards = geometry.cards
        for card_id in self._cell_cards.get((lane_id, step_id), []):
            card = self.shape.cards[card_id]
            lines, hint_lines, height = self._card_sizes[card_id]
            rect = Rect(x, y, s.card_width, height)
            text = TextBlock(
                lines,
                x + s.card_padding,
                y + s.card_padding,
                s.font_size,
                s.line_height,
                self._ascent * s.font_size,
            )
            hint = None
            if hint_lines:
                hint = TextBlock(
                    hint_lines,
                    x + s.card_padding,
                    text.y + text.height + 2,
                    s.hint_size,
                    s.hint_line_height,
                    self._ascent * s.hint_size,
                )
            cards.set_relative(
                CardGeometry(
                    card_id, lane_id, step_id, rect, text, hint, card.fail_point, card.wait_point
                )
            )
            y += height + s.card_gap

    def _headers(self) -> tuple[list[StepGeometry], list[StageGeometry]]:
        s = self.style
        steps: list[StepGeometry] = []
        stages: list[StageGeometry] = []
        titles = {stage.id: stage.title for stage in self.shape.stages}
        for step in self.shape.steps:
            column = self._columns[step.id]
            header = Rect(column.x, s.stage_header_height, column.w, s.step_header_height)
            lines = wrap(step.title, column.w - 2 * s.card_padding, s.header_size, BOLD)[:2]
            title = TextBlock(
                lines,
                column.x + s.card_padding,
                header.y + 4,
                s.header_size,
                s.line_height,
                metrics(BOLD).ascent * s.header_size,
                bold=True,
            )
            steps.append(
                StepGeometry(step.id, step.stage_id, column.x, column.w, header, title, self._span)
            )
            if stages and stages[-1].id == step.stage_id:
                last = stages[-1]
                stages[-1] = StageGeometry(
                    last.id, Rect(last.rect.x, 0.0, last.rect.w + column.w, last.rect.h), last.title
                )
                continue
            stage_title = titles.get(step.stage_id or "", "")
            stages.append(
                StageGeometry(
                    step.stage_id,
                    Rect(column.x, 0.0, column.w, s.stage_header_height),
                    TextBlock(
                        (stage_title,) if stage_title else (),
                        column.x + s.card_padding,
                        5.0,
                        s.stage_size,
                        s.line_height,
                        metrics(BOLD).ascent * s.stage_size,
                        bold=True,
                    ),
                )
            )
        # A stage title is cut to its span's width once all its columns are known.
        for index, stage in enumerate(stages):
            if stage.title.lines:
                fitted = wrap(
                    stage.title.lines[0], stage.rect.w - 2 * s.card_padding, s.stage_size, BOLD
                )[:1]
                stages[index] = StageGeometry(
                    stage.id, stage.rect, TextBlock(fitted, *_rest(stage.title))
                )
        return steps, stages

    def _route(self, geometry: BlueprintGeometry, connector_id: str) -> None:
        connector = self.shape.connectors[connector_id]
        source = geometry.cards.get(connector.source_id)
        target = geometry.cards.get(connector.target_id)
        if source is None or target is None:
            geometry.connectors.pop(connector_id, None)
            return
        source_column = self._columns[source.step_id]
        target_column = self._columns[target.step_id]
        target_lane = geometry.lanes[self._lane_index[target.lane_id]]
        channel = target_lane.rect.y if source.rect.y < target.rect.y else target_lane.rect.bottom
        clear = self._column_clear(geometry, source, target)
        points = route(source.rect, target.rect, source_column, target_column, channel, clear)
        geometry.connectors[connector_id] = ConnectorGeometry(
            connector.id,
            connector.source_id,
            connector.target_id,
            connector.kind,
            points,
            connector.label,
            label_point(points, self._boundaries) if connector.label else None,
        )

    def _column_clear(
        self, geometry: BlueprintGeometry, source: CardGeometry, target: CardGeometry
    ) -> bool:
        if source.step_id != target.step_id:
            return False
        top, bottom = sorted((source.rect.bottom, target.rect.y))
        for lane in geometry.lanes:
            for card_id in self._cell_cards.get((lane.id, source.step_id), []):
                rect = geometry.cards[card_id].rect
                if card_id not in (source.id, target.id) and rect.y < bottom and rect.bottom > top:
                    return False
        return True


def _rest(block: TextBlock) -> tuple:
    return (block.x, block.y, block.size, block.line_height, block.ascent, block.bold)


def layout_blueprint(
    shape: BlueprintShape, style: LayoutStyle = DEFAULT_STYLE
) -> BlueprintGeometry:
    return BlueprintLayout(shape, style).geometry
