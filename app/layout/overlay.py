"""The pain-point overlay of a blueprint, on screen and in print, as plain data in map
coordinates.

From a loaded blueprint and its BlueprintGeometry this works out what the overlay draws,
without drawing anything: the numbered badges (on the top-left corner of a card, or on
the bottom edge of a step header, right-aligned), each step's summed severity for
shading, the key's entries, key moments (with the sweet spot where both importances are
high) and the emotion curves, placed in a band of height ``extra_top`` above the map's
header rows (y < 0). Pain points are numbered in reading order: step by step, and within
a step the step's own pain points first, then lane by lane and card by card.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from app.layout.geometry import BlueprintGeometry, Rect
from app.model.kinds import Perspective
from app.model.method import PainPoint
from app.model.structure import Blueprint, Card, Step

BADGE_RADIUS = 7.0
BADGE_GAP = 1.5
STEP_BADGE_INSET = 4.0  # from the header's right edge, and the centre above its bottom edge
SWEET_SPOT_AT = 4
BAND_PADDING = 8.0
MOMENT_ROW = 30.0
CURVE_HEIGHT = 84.0
BAND_GAP = 10.0  # between the band and the map's header rows
WHERE_CARD_CHARS = 60


def parse_perspective(value: Perspective | str | None) -> Perspective | None:
    """A perspective from its name ("service user", "service-user", "staff", "partner");
    None or "all" for every perspective. Raises ValueError naming the choices."""
    if value is None or isinstance(value, Perspective):
        return value
    text = " ".join(str(value).replace("-", " ").replace("_", " ").lower().split())
    if text in ("", "all"):
        return None
    try:
        return Perspective(text)
    except ValueError:
        choices = ", ".join(p.value for p in Perspective)
        raise ValueError(f"unknown perspective {value!r}; choose {choices}") from None


@dataclass(frozen=True, slots=True)
class NumberedPainPoint:
    """One line of the key: a pain point with its number and where it is."""

    number: int
    id: str
    text: str
    severity: int
    perspective: str
    evidence: str
    step_id: str
    step_title: str
    stage_title: str
    card_id: str | None
    lane_title: str
    card_text: str
    people_affected: int | None
    underserved_group: str
    resolved: bool

    @property
    def where(self) -> str:
        step = f"{self.stage_title} › {self.step_title}" if self.stage_title else self.step_title
        if self.card_id is None:
            return f"{step} (the step)"
        return f"{step} · {self.lane_title}: “{shorten(self.card_text, WHERE_CARD_CHARS)}”"


@dataclass(frozen=True, slots=True)
class Badge:
    number: int
    x: float  # the centre, in map coordinates
    y: float
    radius: float
    severity: int
    step_id: str
    card_id: str | None  # None for a pain point on the step itself


@dataclass(frozen=True, slots=True)
class StepShade:
    step_id: str
    rect: Rect  # the step header and the whole column below it
    header: Rect
    cells: tuple[Rect, ...]  # the column's cells, lane by lane (what is shaded)
    total: int  # the summed severity of the step's pain points and its cards'
    count: int


@dataclass(frozen=True, slots=True)
class MomentMark:
    step_id: str
    step_title: str
    x: float  # the centre of the step's column
    y: float  # the middle of the band's key-moment row
    header: Rect
    importance_to_user: int
    importance_to_provider: int
    sweet_spot: bool
    note: str


@dataclass(frozen=True, slots=True)
class CurvePoint:
    step_id: str
    x: float
    y: float
    value: int  # -2 … +2


@dataclass(frozen=True, slots=True)
class EmotionCurve:
    who: str  # "service user" or "staff"
    points: tuple[CurvePoint, ...]


@dataclass(frozen=True, slots=True)
class EmotionBand:
    """The room above the map's headers; its rows are laid out top to bottom."""

    top: float  # = -extra_top
    bottom: float  # the band's lower edge, BAND_GAP above the map's top (y = 0)
    x0: float  # where the steps' columns start (labels go left of it)
    x1: float
    moment_row: tuple[float, float] | None  # (top, bottom) of the key-moment row
    curve_rows: tuple[float, float] | None  # (top, bottom) of the curve's area
    zero_y: float  # where an emotion of 0 sits
    unit: float  # points per step of emotion

    def y_of(self, value: float) -> float:
        return self.zero_y - value * self.unit


@dataclass
class OverlayData:
    perspective: Perspective | None
    entries: list[NumberedPainPoint] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    shades: list[StepShade] = field(default_factory=list)
    moments: list[MomentMark] = field(default_factory=list)
    curves: list[EmotionCurve] = field(default_factory=list)
    band: EmotionBand | None = None

    @property
    def extra_top(self) -> float:
        return 0.0 if self.band is None else -self.band.top

    @property
    def step_totals(self) -> dict[str, int]:
        return {shade.step_id: shade.total for shade in self.shades}

    @property
    def name(self) -> str:
        if self.perspective is None:
            return "Pain points"
        return f"Pain points ({self.perspective.value})"


def shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _kept(
    pain_points: list[PainPoint], perspective: Perspective | None, include_resolved: bool
) -> list[PainPoint]:
    kept = [
        p
        for p in pain_points
        if (include_resolved or not p.resolved)
        and (perspective is None or p.perspective == perspective)
    ]
    return sorted(kept, key=lambda p: (-p.severity, p.description, p.id))


def _in_reading_order(blueprint: Blueprint) -> Iterator[tuple[Step, Card | None]]:
    """Each step, then its cards lane by lane (each cell top to bottom)."""
    lane_order = {lane.id: index for index, lane in enumerate(blueprint.lanes)}
    for step in blueprint.steps:
        yield step, None
        cards = [card for card in step.cards if card.lane_id in lane_order]
        cards.sort(key=lambda card: (lane_order[card.lane_id], card.position))
        for card in cards:
            yield step, card


def numbered_pain_points(
    blueprint: Blueprint,
    *,
    perspective: Perspective | str | None = None,
    include_resolved: bool = False,
) -> list[NumberedPainPoint]:
    """The blueprint's pain points, numbered from 1 in reading order (no geometry needed)."""
    wanted = parse_perspective(perspective)
    lane_titles = {lane.id: lane.title for lane in blueprint.lanes}
    numbered: list[NumberedPainPoint] = []
    for step, card in _in_reading_order(blueprint):
        owner = card if card is not None else step
        stage = step.stage.title if step.stage is not None else ""
        for pain in _kept(owner.pain_points, wanted, include_resolved):
            numbered.append(
                NumberedPainPoint(
                    number=len(numbered) + 1,
                    id=pain.id,
                    text=pain.description,
                    severity=pain.severity,
                    perspective=pain.perspective.value,
                    evidence=pain.evidence.value,
                    step_id=step.id,
                    step_title=step.title,
                    stage_title=stage,
                    card_id=card.id if card is not None else None,
                    lane_title=lane_titles.get(card.lane_id, "") if card is not None else "",
                    card_text=card.text if card is not None else "",
                    people_affected=pain.people_affected,
                    underserved_group=pain.underserved_group,
                    resolved=pain.resolved,
                )
            )
    return numbered


def build_overlay(
    blueprint: Blueprint,
    geometry: BlueprintGeometry,
    *,
    perspective: Perspective | str | None = None,
    include_resolved: bool = False,
    sweet_spot_at: int = SWEET_SPOT_AT,
) -> OverlayData:
    """Everything the pain-point overlay draws, in ``geometry``'s map coordinates."""
    wanted = parse_perspective(perspective)
    data = OverlayData(wanted)
    data.entries = numbered_pain_points(
        blueprint, perspective=wanted, include_resolved=include_resolved
    )
    data.badges = _badges(data.entries, geometry)
    data.shades = _shades(data.entries, geometry)
    data.band = _band(blueprint, geometry)
    if data.band is not None:
        data.moments = _moments(blueprint, geometry, data.band, sweet_spot_at)
        data.curves = _curves(blueprint, geometry, data.band)
    return data


def badge_slot(rect: Rect, index: int, *, on_step: bool) -> tuple[float, float]:
    """The centre of the ``index``-th badge of a card (along its top edge from the left
    corner, further rows below) or of a step header (along its bottom edge from the
    right, further rows above, inside the header)."""
    pitch = 2 * BADGE_RADIUS + BADGE_GAP
    per_row = max(1, int((rect.w - BADGE_RADIUS) // pitch))
    column, row = index % per_row, index // per_row
    if on_step:
        x = rect.right - BADGE_RADIUS - STEP_BADGE_INSET - column * pitch
        return x, rect.bottom - STEP_BADGE_INSET - row * pitch
    return rect.x + column * pitch, rect.y + row * pitch


def _badges(entries: list[NumberedPainPoint], geometry: BlueprintGeometry) -> list[Badge]:
    badges: list[Badge] = []
    seen: dict[str, int] = {}
    for entry in entries:
        owner = entry.card_id or entry.step_id
        index = seen.get(owner, 0)
        if entry.card_id is not None:
            card = geometry.cards.get(entry.card_id)
            rect = card.rect if card is not None else None
        else:
            step = geometry.step(entry.step_id)
            rect = step.header if step is not None else None
        if rect is None:
            continue
        x, y = badge_slot(rect, index, on_step=entry.card_id is None)
        seen[owner] = index + 1
        badges.append(
            Badge(entry.number, x, y, BADGE_RADIUS, entry.severity, entry.step_id, entry.card_id)
        )
    return badges


def _shades(entries: list[NumberedPainPoint], geometry: BlueprintGeometry) -> list[StepShade]:
    totals: dict[str, list[int]] = {}
    for entry in entries:
        totals.setdefault(entry.step_id, []).append(entry.severity)
    shades: list[StepShade] = []
    for step in geometry.steps:
        severities = totals.get(step.id)
        if not severities:
            continue
        rect = Rect(step.x, step.header.y, step.w, geometry.height - step.header.y)
        cells = tuple(Rect(step.x, lane.rect.y, step.w, lane.rect.h) for lane in geometry.lanes)
        shades.append(
            StepShade(step.id, rect, step.header, cells, sum(severities), len(severities))
        )
    return shades


def _band(blueprint: Blueprint, geometry: BlueprintGeometry) -> EmotionBand | None:
    steps = blueprint.steps
    has_moments = any(step.key_moment is not None for step in steps)
    has_curve = any(
        step.emotion is not None
        and (step.emotion.service_user is not None or step.emotion.staff is not None)
        for step in steps
    )
    if not (has_moments or has_curve) or not geometry.steps:
        return None
    y = -BAND_GAP
    curve_rows = moment_row = None
    if has_curve:
        curve_rows = (y - CURVE_HEIGHT, y)
        y -= CURVE_HEIGHT
    if has_moments:
        moment_row = (y - MOMENT_ROW, y)
        y -= MOMENT_ROW
    top = y - BAND_PADDING
    if curve_rows is not None:
        zero_y = (curve_rows[0] + curve_rows[1]) / 2
        unit = (CURVE_HEIGHT - 2 * BADGE_RADIUS) / 4
    else:
        zero_y, unit = -BAND_GAP, 0.0
    return EmotionBand(
        top=top,
        bottom=-BAND_GAP,
        x0=geometry.steps[0].x,
        x1=geometry.width,
        moment_row=moment_row,
        curve_rows=curve_rows,
        zero_y=zero_y,
        unit=unit,
    )


def _moments(
    blueprint: Blueprint, geometry: BlueprintGeometry, band: EmotionBand, sweet_spot_at: int
) -> list[MomentMark]:
    if band.moment_row is None:
        return []
    y = sum(band.moment_row) / 2
    marks: list[MomentMark] = []
    for step in blueprint.steps:
        moment, placed = step.key_moment, geometry.step(step.id)
        if moment is None or placed is None:
            continue
        user, provider = moment.importance_to_user, moment.importance_to_provider
        marks.append(
            MomentMark(
                step.id,
                step.title,
                placed.x + placed.w / 2,
                y,
                placed.header,
                user,
                provider,
                user >= sweet_spot_at and provider >= sweet_spot_at,
                moment.note,
            )
        )
    return marks


def _curves(
    blueprint: Blueprint, geometry: BlueprintGeometry, band: EmotionBand
) -> list[EmotionCurve]:
    if band.curve_rows is None:
        return []
    curves: list[EmotionCurve] = []
    for who, attribute in (("service user", "service_user"), ("staff", "staff")):
        points: list[CurvePoint] = []
        for step in blueprint.steps:
            placed = geometry.step(step.id)
            value = getattr(step.emotion, attribute) if step.emotion is not None else None
            if value is None or placed is None:
                continue
            x = placed.x + placed.w / 2
            points.append(CurvePoint(step.id, x, band.y_of(value), value))
        if points:
            curves.append(EmotionCurve(who, tuple(points)))
    return curves
