"""The plain geometry a blueprint is drawn from: rectangles, wrapped text and polylines."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, other: Rect, tolerance: float = 1e-6) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def contains_point(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def intersects(self, other: Rect) -> bool:
        return not (
            other.x >= self.right
            or other.right <= self.x
            or other.y >= self.bottom
            or other.bottom <= self.y
        )

    def moved(self, dx: float = 0.0, dy: float = 0.0) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Lines drawn from the top-left (x, y) of the block, each ``line_height`` apart;
    each line's baseline is ``ascent`` below its top."""

    lines: tuple[str, ...]
    x: float
    y: float
    size: float
    line_height: float
    ascent: float
    bold: bool = False

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height

    def moved(self, dx: float = 0.0, dy: float = 0.0) -> TextBlock:
        return TextBlock(
            self.lines,
            self.x + dx,
            self.y + dy,
            self.size,
            self.line_height,
            self.ascent,
            self.bold,
        )


@dataclass(frozen=True, slots=True)
class CardGeometry:
    id: str
    lane_id: str
    step_id: str
    rect: Rect
    text: TextBlock
    hint: TextBlock | None
    fail_point: bool
    wait_point: bool

    def moved(self, dy: float) -> CardGeometry:
        return CardGeometry(
            self.id,
            self.lane_id,
            self.step_id,
            self.rect.moved(dy=dy),
            self.text.moved(dy=dy),
            self.hint.moved(dy=dy) if self.hint else None,
            self.fail_point,
            self.wait_point,
        )


@dataclass(frozen=True, slots=True)
class LaneGeometry:
    id: str
    kind: str
    rect: Rect  # the whole band, title column included
    title_rect: Rect
    title: TextBlock


@dataclass(slots=True)
class ColumnSpan:
    """How far the columns reach below the headers: one object shared by every step of a
    geometry, so that a lane growing taller lengthens all columns at once."""

    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class StepGeometry:
    id: str
    stage_id: str | None
    x: float
    w: float
    header: Rect
    title: TextBlock
    span: ColumnSpan = field(compare=False, repr=False)

    @property
    def column(self) -> Rect:
        """The whole column below the headers."""
        return Rect(self.x, self.span.top, self.w, self.span.bottom - self.span.top)


@dataclass(frozen=True, slots=True)
class StageGeometry:
    id: str | None
    rect: Rect
    title: TextBlock


@dataclass(frozen=True, slots=True)
class DividerLine:
    """One of the three lines of the method, drawn across the map at ``y``."""

    kind: str  # "interaction", "visibility", "internal interaction"
    label: str
    y: float
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class ConnectorGeometry:
    id: str
    source_id: str
    target_id: str
    kind: str
    points: tuple[tuple[float, float], ...]
    label: str
    label_at: tuple[float, float] | None


class LanePlacement:
    """Where each lane's top is now. Cards and connector routes are kept relative to the
    lanes they sit in, so a lane growing taller moves the lanes below it by changing a few
    numbers here, not every card and route below."""

    END = ""  # the key of the map's bottom edge, a "lane top" below the last lane

    def __init__(self) -> None:
        self.tops: dict[str, float] = {}
        self.order: list[str] = []  # lane ids, top to bottom, then END
        self._heights: list[float] = []  # the tops in that order
        self._index: dict[str, int] = {}
        self.epoch = 0  # counts moves, so cached absolute geometry knows when it is stale

    def set(self, lanes: list[tuple[str, float]], bottom: float) -> None:
        self.order = [lane_id for lane_id, _top in lanes] + [self.END]
        self.tops = dict(lanes)
        self.tops[self.END] = bottom
        self._heights = [self.tops[lane_id] for lane_id in self.order]
        self._index = {lane_id: i for i, lane_id in enumerate(self.order)}
        self.epoch += 1

    def index(self, lane_id: str) -> int:
        return self._index[lane_id]

    def anchor(self, y: float) -> str:
        """The lane a point at height ``y`` belongs to: the last whose top is at or above it
        (a point on a lane's top edge goes with that lane)."""
        return self.order[max(0, bisect_right(self._heights, y + 1e-6) - 1)]


class CardTable(MutableMapping[str, CardGeometry]):
    """The cards by id. Reading gives a card where it is on the map; each card is stored
    relative to its lane's top, and the map positions are worked out when asked for."""

    def __init__(self, placement: LanePlacement) -> None:
        self._placement = placement
        self._relative: dict[str, CardGeometry] = {}
        self._placed: dict[str, dict[str, CardGeometry]] = {}  # lane id -> cached map positions

    def relative(self, card_id: str) -> CardGeometry:
        """The card with its lane's top at y = 0."""
        return self._relative[card_id]

    def set_relative(self, card: CardGeometry) -> None:
        old = self._relative.get(card.id)
        if old is not None:
            self._placed.get(old.lane_id, {}).pop(card.id, None)
        self._relative[card.id] = card
        self._placed.get(card.lane_id, {}).pop(card.id, None)

    def lanes_moved(self, lane_ids: list[str]) -> None:
        for lane_id in lane_ids:
            self._placed.pop(lane_id, None)

    def __getitem__(self, card_id: str) -> CardGeometry:
        card = self._relative[card_id]
        placed = self._placed.get(card.lane_id)
        if placed is None:
            placed = self._placed[card.lane_id] = {}
        found = placed.get(card_id)
        if found is None:
            found = placed[card_id] = card.moved(self._placement.tops[card.lane_id])
        return found

    def __setitem__(self, card_id: str, card: CardGeometry) -> None:
        self.set_relative(card.moved(-self._placement.tops[card.lane_id]))

    def __delitem__(self, card_id: str) -> None:
        card = self._relative.pop(card_id)
        self._placed.get(card.lane_id, {}).pop(card_id, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._relative)

    def __len__(self) -> int:
        return len(self._relative)

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._relative


@dataclass(frozen=True, slots=True)
class _AnchoredRoute:
    geometry: ConnectorGeometry  # points relative to the lanes in ``anchors``
    anchors: tuple[str, ...]  # the lane each point is kept relative to
    label_anchor: str | None
    span: tuple[int, int]  # the first and last lane index among the anchors
    x_range: tuple[float, float]  # the leftmost and rightmost x (lanes never move sideways)


class ConnectorTable(MutableMapping[str, ConnectorGeometry]):
    """The connector routes by id. Reading gives a route where it is on the map; each
    point is stored relative to the top of the lane it lies in, so a route keeps its shape
    when lanes move and only stretches across a lane whose height changed."""

    def __init__(self, placement: LanePlacement) -> None:
        self._placement = placement
        self._anchored: dict[str, _AnchoredRoute] = {}
        self._placed: dict[str, tuple[int, ConnectorGeometry]] = {}
        self._crossing: dict[int, set[str]] = {}  # lane index -> routes across its bottom

    def top_lane(self, connector_id: str) -> str:
        """The highest lane the route touches (its points are all at or below its top)."""
        return self._placement.order[self._anchored[connector_id].span[0]]

    def crossing(self, boundaries: set[int]) -> list[str]:
        """The routes that run across the bottom edge of any of these lanes (by index):
        the ones that change shape, not only place, when those lanes change height."""
        return list(set().union(*(self._crossing.get(k, ()) for k in boundaries)))

    def x_range(self, connector_id: str) -> tuple[float, float]:
        return self._anchored[connector_id].x_range

    def __getitem__(self, connector_id: str) -> ConnectorGeometry:
        placement = self._placement
        cached = self._placed.get(connector_id)
        if cached is not None and cached[0] == placement.epoch:
            return cached[1]
        route = self._anchored[connector_id]
        relative, tops = route.geometry, placement.tops
        label_at = relative.label_at
        if label_at is not None and route.label_anchor is not None:
            label_at = (label_at[0], label_at[1] + tops[route.label_anchor])
        placed = ConnectorGeometry(
            relative.id,
            relative.source_id,
            relative.target_id,
            relative.kind,
            tuple(
                (x, y + tops[lane])
                for (x, y), lane in zip(relative.points, route.anchors, strict=True)
            ),
            relative.label,
            label_at,
        )
        self._placed[connector_id] = (placement.epoch, placed)
        return placed

    def __setitem__(self, connector_id: str, connector: ConnectorGeometry) -> None:
        placement = self._placement
        tops = placement.tops
        anchors = tuple(placement.anchor(y) for _x, y in connector.points)
        label_anchor = None
        label_at = connector.label_at
        if label_at is not None:
            label_anchor = placement.anchor(label_at[1])
            label_at = (label_at[0], label_at[1] - tops[label_anchor])
        indexes = [placement.index(lane_id) for lane_id in anchors] or [0]
        relative = ConnectorGeometry(
            connector.id,
            connector.source_id,
            connector.target_id,
            connector.kind,
            tuple(
                (x, y - tops[lane]) for (x, y), lane in zip(connector.points, anchors, strict=True)
            ),
            connector.label,
            label_at,
        )
        xs = [x for x, _y in connector.points] or [0.0]
        self._forget_crossing(connector_id)
        span = (min(indexes), max(indexes))
        self._anchored[connector_id] = _AnchoredRoute(
            relative, anchors, label_anchor, span, (min(xs), max(xs))
        )
        for k in range(*span):
            self._crossing.setdefault(k, set()).add(connector_id)
        self._placed[connector_id] = (placement.epoch, connector)

    def __delitem__(self, connector_id: str) -> None:
        self._forget_crossing(connector_id)
        del self._anchored[connector_id]
        self._placed.pop(connector_id, None)

    def _forget_crossing(self, connector_id: str) -> None:
        route = self._anchored.get(connector_id)
        if route is not None:
            for k in range(*route.span):
                self._crossing[k].discard(connector_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._anchored)

    def __len__(self) -> int:
        return len(self._anchored)

    def __contains__(self, connector_id: object) -> bool:
        return connector_id in self._anchored


class CellTable(Mapping[tuple[str, str], Rect]):
    """Every (lane id, step id) cell's rectangle, worked out from its lane and column."""

    def __init__(self, geometry: BlueprintGeometry) -> None:
        self._geometry = geometry

    def __getitem__(self, key: tuple[str, str]) -> Rect:
        geometry = self._geometry
        lane_id, step_id = key
        lane = geometry.lane(lane_id)
        step = geometry.step(step_id)
        if lane is None or step is None:
            raise KeyError(key)
        return Rect(step.x, lane.rect.y, step.w, lane.rect.h)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        steps = self._geometry.steps
        return ((lane.id, step.id) for lane in self._geometry.lanes for step in steps)

    def __len__(self) -> int:
        return len(self._geometry.lanes) * len(self._geometry.steps)


class BlueprintGeometry:
    """Everything a blueprint is drawn from, in map coordinates (points, y down)."""

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height
        self.placement = LanePlacement()
        self.lanes: list[LaneGeometry] = []
        self.steps: list[StepGeometry] = []
        self.stages: list[StageGeometry] = []
        self.cards = CardTable(self.placement)
        self.connectors = ConnectorTable(self.placement)
        self.cells = CellTable(self)
        self.lines: list[DividerLine] = []
        self._lane_index: dict[str, int] = {}
        self._step_index: dict[str, int] = {}

    def set_lanes(self, lanes: list[LaneGeometry]) -> None:
        """Put the lanes where they are now (cards and routes follow their lanes)."""
        self.lanes = lanes
        self._lane_index = {lane.id: i for i, lane in enumerate(lanes)}
        self.placement.set([(lane.id, lane.rect.y) for lane in lanes], self.height)
        self.cards.lanes_moved([lane.id for lane in lanes])

    def set_steps(self, steps: list[StepGeometry]) -> None:
        self.steps = steps
        self._step_index = {step.id: i for i, step in enumerate(steps)}

    def lane(self, lane_id: str) -> LaneGeometry | None:
        index = self._lane_index.get(lane_id)
        return None if index is None else self.lanes[index]

    def step(self, step_id: str) -> StepGeometry | None:
        index = self._step_index.get(step_id)
        return None if index is None else self.steps[index]

    @property
    def bounds(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.height)
