"""The pain-point overlay of a blueprint, on screen and in print, as plain data in map
coordinates.

From a blueprint's overlay index (overlay_index.py: its pain points numbered in reading
order, sums and waits, kept up to date edit by edit) and its BlueprintGeometry this works
out what the overlay draws, without drawing anything: the numbered badges (on the top-left
corner of a card, or on the bottom edge of a step header, right-aligned), each step's and
each cell's summed severity for shading, the key's entries, the evidence gaps (steps with
no pain point at all, or only assumed ones), the wait points with their waiting time summed
per stage and for the whole journey, key moments (with the sweet spot where both
importances are high) and the emotion curves, placed in a band of height ``extra_top``
above the map's header rows (y < 0). Pain points are numbered in reading order: step by
step, and within a step the step's own pain points first, then lane by lane and card by
card.

The canvas and the PDF both draw from this, so what is printed is what is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.layout.geometry import BlueprintGeometry, Rect
from app.layout.overlay_index import BadgeMark, Moment, OverlayIndex, OverlayMarks, PainRecord
from app.layout.overlay_source import index_of_blueprint
from app.layout.overlay_values import (
    ASSUMPTIONS_ONLY,
    GAP_LABELS,
    NO_EVIDENCE,
    SWEET_SPOT_AT,
    WaitTotal,
    parse_perspective,
)
from app.layout.overlay_values import format_minutes as format_minutes
from app.layout.shape import CardShape
from app.model.kinds import EvidenceSource, Perspective
from app.model.loading import gc_paused
from app.model.structure import Blueprint

BADGE_RADIUS = 7.0
BADGE_GAP = 1.5
STEP_BADGE_INSET = 4.0  # from the header's right edge, and the centre above its bottom edge
BAND_PADDING = 8.0
MOMENT_ROW = 30.0
CURVE_HEIGHT = 84.0
BAND_GAP = 10.0  # between the band and the map's header rows
WHERE_CARD_CHARS = 60


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
    pain_point_id: str = ""
    resolved: bool = False  # drawn muted and unnumbered (number 0) where shown at all


@dataclass(frozen=True, slots=True)
class StepShade:
    step_id: str
    rect: Rect  # the step header and the whole column below it
    header: Rect
    cells: tuple[Rect, ...]  # the column's cells, lane by lane (what is shaded)
    total: int  # the summed severity of the step's pain points and its cards'
    count: int


@dataclass(frozen=True, slots=True)
class CellShade:
    """One (lane, step) cell whose cards have pain points: their summed severity."""

    lane_id: str
    step_id: str
    rect: Rect
    total: int
    count: int


@dataclass(frozen=True, slots=True)
class EvidenceGap:
    """A step where research is still owed: no pain point at all on it or its cards (of
    any perspective, resolved or not), or only pain points whose evidence is assumed."""

    step_id: str
    header: Rect
    column: Rect  # the column below the header, down to the map's bottom
    kind: str  # NO_EVIDENCE or ASSUMPTIONS_ONLY
    count: int  # its pain points (all assumptions), 0 for no evidence

    @property
    def label(self) -> str:
        return GAP_LABELS[self.kind]


@dataclass(frozen=True, slots=True)
class WaitCard:
    card_id: str
    step_id: str
    minutes: int | None
    rect: Rect  # the card's, where it was when the overlay was built


@dataclass(frozen=True, slots=True)
class StageWait:
    """The waiting of one stage (steps without a stage count as one stage each run)."""

    stage_id: str | None
    index: int  # the stage's place in BlueprintGeometry.stages
    rect: Rect  # the stage's header
    total: WaitTotal


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
    # Resolved pain points left out of the numbering: unnumbered, muted where shown.
    resolved_entries: list[NumberedPainPoint] = field(default_factory=list)
    resolved_badges: list[Badge] = field(default_factory=list)
    cells: list[CellShade] = field(default_factory=list)
    gaps: list[EvidenceGap] = field(default_factory=list)
    wait_cards: list[WaitCard] = field(default_factory=list)
    stage_waits: list[StageWait] = field(default_factory=list)
    journey_wait: WaitTotal = field(default_factory=WaitTotal)
    # Every card with a pain point of any perspective, resolved or not.
    pain_cards: frozenset[str] = frozenset()
    corner: Rect | None = None  # the step row's part of the corner above the lane titles

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


def _owner_counts(badges: list[Badge]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for badge in badges:
        owner = badge.card_id or badge.step_id
        counts[owner] = counts.get(owner, 0) + 1
    return counts


def _badges(
    entries: list[NumberedPainPoint], geometry: BlueprintGeometry, seen: dict[str, int]
) -> list[Badge]:
    """Badges in the slots after the ``seen`` ones of each owner (card or step)."""
    badges: list[Badge] = []
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
            Badge(
                entry.number,
                x,
                y,
                BADGE_RADIUS,
                entry.severity,
                entry.step_id,
                entry.card_id,
                entry.id,
                entry.resolved and entry.number == 0,
            )
        )
    return badges


def _shades(entries: list[NumberedPainPoint], geometry: BlueprintGeometry) -> list[StepShade]:
    totals: dict[str, list[int]] = {}
    for entry in entries:
        totals.setdefault(entry.step_id, []).append(entry.severity)
    shades: list[StepShade] = []
    rows = [(lane.rect.y, lane.rect.h) for lane in geometry.lanes]
    for step in geometry.steps:
        severities = totals.get(step.id)
        if not severities:
            continue
        rect = Rect(step.x, step.header.y, step.w, geometry.height - step.header.y)
        cells = tuple(Rect(step.x, y, step.w, h) for y, h in rows)
        shades.append(
            StepShade(step.id, rect, step.header, cells, sum(severities), len(severities))
        )
    return shades


def _cells(
    totals: dict[tuple[str, str], list[int]], geometry: BlueprintGeometry
) -> list[CellShade]:
    shades: list[CellShade] = []
    for (lane_id, step_id), severities in totals.items():
        rect = geometry.cells.get((lane_id, step_id))
        if rect is not None:
            shades.append(CellShade(lane_id, step_id, rect, sum(severities), len(severities)))
    return shades


def _stage_waits(waits: list[WaitCard], geometry: BlueprintGeometry) -> list[StageWait]:
    """The wait points summed per stage of the header row, left to right."""
    if not waits:
        return []
    by_step: dict[str, WaitTotal] = {}
    for wait in waits:
        timed = wait.minutes is not None
        one = WaitTotal(wait.minutes or 0, 1, 0 if timed else 1)
        by_step[wait.step_id] = by_step.get(wait.step_id, WaitTotal()) + one
    totals: list[StageWait] = []
    steps = iter(geometry.steps)
    step = next(steps, None)
    for index, stage in enumerate(geometry.stages):
        total = WaitTotal()
        while step is not None and step.x < stage.rect.right - 1e-6:
            total = total + by_step.get(step.id, WaitTotal())
            step = next(steps, None)
        if total.count:
            totals.append(StageWait(stage.id, index, stage.rect, total))
    return totals


def numbered_pain_points(
    blueprint: Blueprint,
    *,
    perspective: Perspective | str | None = None,
    include_resolved: bool = False,
) -> list[NumberedPainPoint]:
    """The blueprint's pain points, numbered from 1 in reading order (no geometry needed)."""
    index = index_of_blueprint(
        blueprint, perspective=parse_perspective(perspective), include_resolved=include_resolved
    )
    return _entries(index)[0]


def build_overlay(
    blueprint: Blueprint,
    geometry: BlueprintGeometry,
    *,
    perspective: Perspective | str | None = None,
    include_resolved: bool = False,
    sweet_spot_at: int = SWEET_SPOT_AT,
) -> OverlayData:
    """Everything the pain-point overlay draws, in ``geometry``'s map coordinates.

    The perspective filter applies to what is numbered, shaded and listed in the key;
    evidence gaps and waiting look at every pain point and every wait point. Without
    ``include_resolved``, resolved pain points are left out of the numbering and the
    shading, and listed apart (``resolved_entries``, ``resolved_badges``)."""
    with gc_paused():  # thousands of small objects, none of them garbage
        index = index_of_blueprint(
            blueprint,
            perspective=parse_perspective(perspective),
            include_resolved=include_resolved,
            sweet_spot_at=sweet_spot_at,
        )
        return _overlay_of(index, geometry)


def overlay_of(index: OverlayIndex, geometry: BlueprintGeometry) -> OverlayData:
    """The overlay's data from a blueprint's index, placed by ``geometry``."""
    with gc_paused():  # thousands of small objects, none of them garbage
        return _overlay_of(index, geometry)


def _overlay_of(index: OverlayIndex, geometry: BlueprintGeometry) -> OverlayData:
    data = OverlayData(index.perspective)
    data.entries, data.resolved_entries, cells = _entries(index)
    for step_id in index.steps:
        placed = geometry.step(step_id)
        every, assumed = index.evidence(step_id)
        if placed is not None and (every == 0 or assumed == every):
            kind = NO_EVIDENCE if every == 0 else ASSUMPTIONS_ONLY
            data.gaps.append(EvidenceGap(step_id, placed.header, placed.column, kind, every))
    waits: list[WaitCard] = []
    for card_id, step_id, minutes in index.wait_cards():
        placed_card = geometry.cards.get(card_id)
        if placed_card is not None:
            waits.append(WaitCard(card_id, step_id, minutes, placed_card.rect))
    data.badges = _badges(data.entries, geometry, {})
    seen = {owner: count for owner, count in _owner_counts(data.badges).items()}
    data.resolved_badges = _badges(data.resolved_entries, geometry, seen)
    data.shades = _shades(data.entries, geometry)
    data.cells = _cells(cells, geometry)
    data.pain_cards = frozenset(owner for owner in index.pains if owner in index.cards)
    data.wait_cards = waits
    data.stage_waits = _stage_waits(waits, geometry)
    data.journey_wait = sum((stage.total for stage in data.stage_waits), WaitTotal())
    if geometry.steps:
        header = geometry.steps[0].header
        data.corner = Rect(0.0, header.y, geometry.steps[0].x, header.h)
    data.band = _band(index, geometry)
    if data.band is not None:
        data.moments = _moments(index, geometry, data.band)
        data.curves = _curves(index, geometry, data.band)
    return data


def with_moments(
    data: OverlayData, index: OverlayIndex, geometry: BlueprintGeometry
) -> OverlayData:
    """``data`` with its key moments and emotion curves made again from ``index`` (after an
    edit of those only): the pain points, gaps and waits are kept as they are."""
    band = _band(index, geometry)
    moments = _moments(index, geometry, band) if band is not None else []
    curves = _curves(index, geometry, band) if band is not None else []
    return replace(data, band=band, moments=moments, curves=curves)


def marks_of(data: OverlayData) -> OverlayMarks:
    """What the canvas draws of ``data``, by card, step and cell (as an index has it)."""
    cards: dict[str, tuple[BadgeMark, ...]] = {}
    steps: dict[str, tuple[BadgeMark, ...]] = {}
    marks = OverlayMarks(card_badges=cards, step_badges=steps)
    for entries in (data.entries, data.resolved_entries):
        for entry in entries:
            table = cards if entry.card_id is not None else steps
            owner = entry.card_id or entry.step_id
            table[owner] = (*table.get(owner, ()), BadgeMark(entry.number, _record(entry)))
            if entry.card_id is not None:
                marks.step_cards.setdefault(entry.step_id, set()).add(entry.card_id)
    marks.step_totals = {shade.step_id: shade.total for shade in data.shades}
    marks.cell_totals = {(cell.lane_id, cell.step_id): cell.total for cell in data.cells}
    marks.gaps = {gap.step_id: gap.kind for gap in data.gaps}
    marks.moments = {
        moment.step_id: Moment(
            moment.importance_to_user, moment.importance_to_provider, moment.note, moment.sweet_spot
        )
        for moment in data.moments
    }
    for wait in data.wait_cards:
        marks.wait_minutes[wait.card_id] = wait.minutes
        one = WaitTotal.of(wait.minutes)
        marks.step_waits[wait.step_id] = marks.step_waits.get(wait.step_id, WaitTotal()) + one
    marks.journey_wait = data.journey_wait
    return marks


def _record(entry: NumberedPainPoint) -> PainRecord:
    return PainRecord(
        entry.id,
        entry.card_id,
        entry.step_id if entry.card_id is None else None,
        entry.text,
        entry.severity,
        Perspective(entry.perspective),
        EvidenceSource(entry.evidence),
        entry.people_affected,
        entry.underserved_group,
        entry.resolved,
    )


def _entries(
    index: OverlayIndex,
) -> tuple[list[NumberedPainPoint], list[NumberedPainPoint], dict[tuple[str, str], list[int]]]:
    """The numbered pain points, the resolved ones left out of the numbering, and the
    severities of the numbered ones on cards, by cell."""
    entries: list[NumberedPainPoint] = []
    resolved: list[NumberedPainPoint] = []
    cells: dict[tuple[str, str], list[int]] = {}
    every_one = index.include_resolved
    for step_id, card, kept, number in index.reading():
        for pain in kept:
            if pain.resolved and not every_one:
                resolved.append(_entry(0, pain, index, step_id, card))
                continue
            entries.append(_entry(number, pain, index, step_id, card))
            number += 1
            if card is not None:
                cells.setdefault((card.lane_id, step_id), []).append(pain.severity)
    return entries, resolved, cells


def _entry(
    number: int, pain: PainRecord, index: OverlayIndex, step_id: str, card: CardShape | None
) -> NumberedPainPoint:
    return NumberedPainPoint(
        number=number,
        id=pain.id,
        text=pain.description,
        severity=pain.severity,
        perspective=pain.perspective.value,
        evidence=pain.evidence.value,
        step_id=step_id,
        step_title=index.step_titles[step_id],
        stage_title=index.stage_titles[step_id],
        card_id=card.id if card is not None else None,
        lane_title=index.lane_titles.get(card.lane_id, "") if card is not None else "",
        card_text=card.text if card is not None else "",
        people_affected=pain.people_affected,
        underserved_group=pain.underserved_group,
        resolved=pain.resolved,
    )


def _band(index: OverlayIndex, geometry: BlueprintGeometry) -> EmotionBand | None:
    has_moments = bool(index.marks.moments)
    has_curve = any(
        user is not None or staff is not None for user, staff in index.emotions.values()
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
    index: OverlayIndex, geometry: BlueprintGeometry, band: EmotionBand
) -> list[MomentMark]:
    if band.moment_row is None:
        return []
    y = sum(band.moment_row) / 2
    marks: list[MomentMark] = []
    moments = index.marks.moments
    for step_id in index.steps:
        moment, placed = moments.get(step_id), geometry.step(step_id)
        if moment is None or placed is None:
            continue
        marks.append(
            MomentMark(
                step_id,
                index.step_titles[step_id],
                placed.x + placed.w / 2,
                y,
                placed.header,
                moment.importance_to_user,
                moment.importance_to_provider,
                moment.sweet_spot,
                moment.note,
            )
        )
    return marks


def _curves(
    index: OverlayIndex, geometry: BlueprintGeometry, band: EmotionBand
) -> list[EmotionCurve]:
    if band.curve_rows is None:
        return []
    user: list[CurvePoint] = []
    staff: list[CurvePoint] = []
    emotions = index.emotions
    for step_id in index.steps:
        emotion = emotions.get(step_id)
        if emotion is None:
            continue
        placed = geometry.step(step_id)
        if placed is None:
            continue
        x = placed.x + placed.w / 2
        for value, points in ((emotion[0], user), (emotion[1], staff)):
            if value is not None:
                points.append(CurvePoint(step_id, x, band.y_of(value), value))
    return [
        EmotionCurve(who, tuple(points))
        for who, points in (("service user", user), ("staff", staff))
        if points
    ]
