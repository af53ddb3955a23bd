"""The plain geometry a blueprint is drawn from: rectangles, wrapped text and polylines."""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class StepGeometry:
    id: str
    stage_id: str | None
    column: Rect  # the whole column below the headers
    header: Rect
    title: TextBlock


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


@dataclass
class BlueprintGeometry:
    width: float
    height: float
    lanes: list[LaneGeometry] = field(default_factory=list)
    steps: list[StepGeometry] = field(default_factory=list)
    stages: list[StageGeometry] = field(default_factory=list)
    cards: dict[str, CardGeometry] = field(default_factory=dict)
    cells: dict[tuple[str, str], Rect] = field(default_factory=dict)
    lines: list[DividerLine] = field(default_factory=list)
    connectors: dict[str, ConnectorGeometry] = field(default_factory=dict)

    @property
    def bounds(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.height)
