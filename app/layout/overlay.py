"""The pain-point overlay of a blueprint, on screen and in print, as plain data in map
coordinates.

From a loaded blueprint and its BlueprintGeometry this works out what the overlay draws,
without drawing anything: the numbered badges (on the top-left corner of a card, or on
the bottom edge of a step header, right-aligned), each step's and each cell's summed
severity for shading, the key's entries, the evidence gaps (steps with no pain point at
all, or only assumed ones), the wait points with their waiting time summed per stage and
for the whole journey, key moments (with the sweet spot where both importances are high)
and the emotion curves, placed in a band of height ``extra_top`` above the map's header
rows (y < 0). Pain points are numbered in reading order: step by step, and within a step
the step's own pain points first, then lane by lane and card by card.

The canvas and the PDF both draw from this, so what is printed is what is on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from app.layout.geometry import BlueprintGeometry, Rect
from app.model.kinds import EvidenceSource, Perspective
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


NO_EVIDENCE = "no evidence"
ASSUMPTIONS_ONLY = "assumptions only"
GAP_LABELS = {NO_EVIDENCE: "No evidence", ASSUMPTIONS_ONLY: "Assumptions only"}


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
class WaitTotal:
    """Waiting summed over some wait points; ``untimed`` of them have no duration."""

    minutes: int = 0
    count: int = 0
    untimed: int = 0

    def __add__(self, other: WaitTotal) -> WaitTotal:
        return WaitTotal(
            self.minutes + other.minutes, self.count + other.count, self.untimed + other.untimed
        )

    @property
    def time(self) -> str:
        """The summed time ("3 h 20 min"), or a question mark when none was recorded."""
        if self.count and self.untimed == self.count:
            return "no time"
        return format_minutes(self.minutes)

    @property
    def summary(self) -> str:
        """One line for the whole journey: "Waiting: 3 h 20 min across 4 wait points"."""
        if not self.count:
            return "No wait points"
        points = f"{self.count} wait point{'s' if self.count != 1 else ''}"
        if self.untimed == self.count:
            return f"Waiting: {points}, no times recorded"
        text = f"Waiting: {format_minutes(self.minutes)} across {points}"
        if self.untimed:
            text += f" ({self.untimed} without a time)"
        return text


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


def format_minutes(minutes: int) -> str:
    """A waiting time in plain words: "45 min", "3 h 20 min", "2 days 4 h"."""
    minutes = max(0, int(minutes))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = f"{days} day{'s' if days != 1 else ''}"
        return f"{text} {hours} h" if hours else text
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


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


@dataclass(slots=True)
class _StepWalk:
    """One step as the overlay reads it: the owners of its pain points in reading order
    (the step itself, then its cards lane by lane, each cell top to bottom) and its
    wait-point cards."""

    step: Step
    stage_title: str
    owners: list[tuple[Card | None, list[PainPoint]]]
    waits: list[Card]


def _walk(blueprint: Blueprint) -> Iterator[_StepWalk]:
    """Each step of the blueprint. A card is looked at once for its pain points and its
    wait point; only cards with pain points are sorted (most cards have none)."""
    lane_order = {lane.id: index for index, lane in enumerate(blueprint.lanes)}
    # By id: step.stage would load each step's stage on its own the first time.
    stages = {stage.id: stage.title for stage in blueprint.stages}
    for step in blueprint.steps:
        pained: list[Card] = []
        waits: list[Card] = []
        for card in step.cards:
            if card.pain_points:
                pained.append(card)
            if card.wait_point:
                waits.append(card)
        if pained:
            pained = [card for card in pained if card.lane_id in lane_order]
            pained.sort(key=lambda card: (lane_order[card.lane_id], card.position))
        if waits:
            waits = [card for card in waits if card.lane_id in lane_order]
            waits.sort(key=lambda card: (lane_order[card.lane_id], card.position))
        owners: list[tuple[Card | None, list[PainPoint]]] = []
        if step.pain_points:
            owners.append((None, step.pain_points))
        owners.extend((card, card.pain_points) for card in pained)
        stage_id = step.stage_id
        yield _StepWalk(step, stages.get(stage_id, "") if stage_id else "", owners, waits)


def _entry(
    number: int,
    pain: PainPoint,
    walk: _StepWalk,
    card: Card | None,
    lane_titles: dict[str, str],
) -> NumberedPainPoint:
    step = walk.step
    return NumberedPainPoint(
        number=number,
        id=pain.id,
        text=pain.description,
        severity=pain.severity,
        perspective=pain.perspective.value,
        evidence=pain.evidence.value,
        step_id=step.id,
        step_title=step.title,
        stage_title=walk.stage_title,
        card_id=card.id if card is not None else None,
        lane_title=lane_titles.get(card.lane_id, "") if card is not None else "",
        card_text=card.text if card is not None else "",
        people_affected=pain.people_affected,
        underserved_group=pain.underserved_group,
        resolved=pain.resolved,
    )


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
    for walk in _walk(blueprint):
        for card, pain_points in walk.owners:
            for pain in _kept(pain_points, wanted, include_resolved):
                numbered.append(_entry(len(numbered) + 1, pain, walk, card, lane_titles))
    return numbered


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
    wanted = parse_perspective(perspective)
    data = OverlayData(wanted)
    lane_titles = {lane.id: lane.title for lane in blueprint.lanes}
    cells: dict[tuple[str, str], list[int]] = {}
    pain_cards: set[str] = set()
    waits: list[WaitCard] = []
    for walk in _walk(blueprint):
        step_id = walk.step.id
        every = 0
        assumed = 0
        for card, pain_points in walk.owners:
            every += len(pain_points)
            assumed += sum(1 for p in pain_points if p.evidence == EvidenceSource.ASSUMPTION)
            if card is not None:
                pain_cards.add(card.id)
            for pain in _kept(pain_points, wanted, True):
                if pain.resolved and not include_resolved:
                    number = 0
                    data.resolved_entries.append(_entry(0, pain, walk, card, lane_titles))
                    continue
                number = len(data.entries) + 1
                data.entries.append(_entry(number, pain, walk, card, lane_titles))
                if card is not None:
                    cells.setdefault((card.lane_id, step_id), []).append(pain.severity)
        placed = geometry.step(step_id)
        if placed is not None and (every == 0 or assumed == every):
            kind = NO_EVIDENCE if every == 0 else ASSUMPTIONS_ONLY
            data.gaps.append(EvidenceGap(step_id, placed.header, placed.column, kind, every))
        for card in walk.waits:
            placed_card = geometry.cards.get(card.id)
            if placed_card is not None:
                waits.append(WaitCard(card.id, step_id, card.duration_minutes, placed_card.rect))
    data.badges = _badges(data.entries, geometry, {})
    seen = {owner: count for owner, count in _owner_counts(data.badges).items()}
    data.resolved_badges = _badges(data.resolved_entries, geometry, seen)
    data.shades = _shades(data.entries, geometry)
    data.cells = _cells(cells, geometry)
    data.pain_cards = frozenset(pain_cards)
    data.wait_cards = waits
    data.stage_waits = _stage_waits(waits, geometry)
    data.journey_wait = sum((stage.total for stage in data.stage_waits), WaitTotal())
    if geometry.steps:
        header = geometry.steps[0].header
        data.corner = Rect(0.0, header.y, geometry.steps[0].x, header.h)
    data.band = _band(blueprint, geometry)
    if data.band is not None:
        data.moments = _moments(blueprint, geometry, data.band, sweet_spot_at)
        data.curves = _curves(blueprint, geometry, data.band)
    return data


def with_moments(
    data: OverlayData,
    blueprint: Blueprint,
    geometry: BlueprintGeometry,
    sweet_spot_at: int = SWEET_SPOT_AT,
) -> OverlayData:
    """``data`` with its key moments and emotion curves made again (after an edit of
    those only): the pain points, gaps and waits are kept as they are."""
    band = _band(blueprint, geometry)
    moments = _moments(blueprint, geometry, band, sweet_spot_at) if band is not None else []
    curves = _curves(blueprint, geometry, band) if band is not None else []
    return replace(data, band=band, moments=moments, curves=curves)


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
    user: list[CurvePoint] = []
    staff: list[CurvePoint] = []
    for step in blueprint.steps:
        emotion = step.emotion
        if emotion is None:
            continue
        placed = geometry.step(step.id)
        if placed is None:
            continue
        x = placed.x + placed.w / 2
        for value, points in ((emotion.service_user, user), (emotion.staff, staff)):
            if value is not None:
                points.append(CurvePoint(step.id, x, band.y_of(value), value))
    return [
        EmotionCurve(who, tuple(points))
        for who, points in (("service user", user), ("staff", staff))
        if points
    ]
