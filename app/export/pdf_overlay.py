"""The pain-point overlay on a printed blueprint (a Decoration, app/export/decoration.py).

Under the cards: each step with pain points is shaded by their summed severity, and each
cell with pain points again by its own sum; the steps with no evidence or only assumed
pain points are hatched. Over the map: numbered badges coloured by severity on the cards
and step headers, the summed severity and the evidence gap in each step's header, the
wait points outlined with their waiting time, each stage's waiting time in its header and
the whole journey's in the corner, the key moments' outlines, and (in the band above the
headers) key-moment stars and the emotion curves. After the map: the key, a table of
every number with its pain point, flowing over as many pages as it needs. The canvas
draws the same data (app/canvas/method_*.py).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.export.map_marks import fit_text, map_text
from app.export.pdf_key import draw_key_pages
from app.export.pdf_marks import draw_wait_marks
from app.export.pdf_overlay_band import (
    MOMENT_FILL,
    STAFF_COLOUR,
    USER_COLOUR,
    draw_band,
    draw_moment_outlines,
)
from app.export.report_styles import register_fonts
from app.export.severity_colours import (
    SEVERITIES,
    SEVERITY_NAMES,
    SHADE_BANDS,
    band_label,
    cell_shade,
    fill,
    ink,
    shade,
    shade_level,
)
from app.layout.fonts import BOLD, REGULAR
from app.layout.geometry import BlueprintGeometry, Rect
from app.layout.overlay import (
    BADGE_RADIUS,
    STEP_BADGE_INSET,
    Badge,
    OverlayData,
    WaitTotal,
    build_overlay,
    format_minutes,
)
from app.model.kinds import Perspective
from app.model.structure import Blueprint

BADGE_FONT_SIZE = 8.0
BADGE_RING = "#ffffff"
BADGE_OUTLINE = "#5a1f00"
CAP_HEIGHT = 0.73  # DejaVu Sans Bold's capital and figure height, in ems
TOTAL_COLOUR = "#7a2400"
SHADE_INSET = 0.6  # half a rule and a little more
CELL_INSET = 3.0
GAP_HATCH = "#b4bfcc"  # as the canvas's (app/canvas/palette.py)
GAP_TEXT = "#4b5968"
HATCH_STEP = 6.0
WAIT_INK = "#a15c00"
WAIT_FILL = "#fff1d6"
WAIT_OUTLINE = "#e8a33d"
LABEL_SIZE = 7.0


class PainPointOverlay:
    """Numbered pain-point badges, step shading, key moments and the emotion curve."""

    def __init__(
        self,
        blueprint: Blueprint,
        geometry: BlueprintGeometry,
        *,
        perspective: Perspective | str | None = None,
        include_resolved: bool = False,
        severity_legend: bool = True,
    ) -> None:
        """``severity_legend=False`` leaves the five severity colours out of legend(), for
        a legend that shows them already."""
        self.data: OverlayData = build_overlay(
            blueprint, geometry, perspective=perspective, include_resolved=include_resolved
        )
        self.name = self.data.name
        self.blueprint_name = blueprint.name
        self.severity_legend = severity_legend

    @classmethod
    def from_data(cls, data: OverlayData, blueprint_name: str = "") -> PainPointOverlay:
        overlay = cls.__new__(cls)
        overlay.data, overlay.name, overlay.blueprint_name = data, data.name, blueprint_name
        overlay.severity_legend = True
        return overlay

    # -- the Decoration protocol ----------------------------------------------------------

    def extra_top(self) -> float:
        return self.data.extra_top

    def draw_under(self, canvas: Canvas) -> None:
        """Each cell of a step with pain points in its shade, inset so the column rules and
        lane borders drawn before stay in sight (opaque: no transparency, see
        severity_colours.SHADE_OPACITY)."""
        canvas.saveState()
        levels: dict[str, int] = {}
        for step in self.data.shades:
            levels[step.step_id] = level = shade_level(step.total)
            canvas.setFillColor(colors.HexColor(shade(level)))
            for cell in step.cells:
                inset = SHADE_INSET
                w, h = cell.w - 2 * inset, cell.h - 2 * inset
                canvas.rect(cell.x + inset, cell.y + inset, w, h, stroke=0, fill=1)
        for cell in self.data.cells:
            colour = cell_shade(levels.get(cell.step_id, 1), shade_level(cell.total))
            canvas.setFillColor(colors.HexColor(colour))
            r, inset = cell.rect, CELL_INSET
            canvas.rect(
                r.x + inset, r.y + inset, r.w - 2 * inset, r.h - 2 * inset, stroke=0, fill=1
            )
        canvas.restoreState()
        draw_hatching(canvas, [gap.column for gap in self.data.gaps])

    def draw_over(self, canvas: Canvas) -> None:
        register_fonts()
        data = self.data
        if data.band is not None:
            draw_band(canvas, data.band, data.moments, data.curves)
        draw_moment_outlines(canvas, data.moments)
        draw_wait_highlights(canvas, data)
        label_x: dict[str, float] = {}
        for step in data.shades:
            x, y = step.header.x + 6, step.header.bottom - 3
            label = f"Σ {step.total}"
            map_text(canvas, x, y, label, BOLD, 7.5, TOTAL_COLOUR)
            label_x[step.step_id] = x + stringWidth(label, BOLD, 7.5) + 6
        step_badges: dict[str, int] = {}
        for badge in data.badges:
            if badge.card_id is None:
                step_badges[badge.step_id] = step_badges.get(badge.step_id, 0) + 1
        for gap in data.gaps:
            header = gap.header
            right = header.right - STEP_BADGE_INSET - 4.0
            right -= step_badges.get(gap.step_id, 0) * (2 * BADGE_RADIUS + 1.5)
            x = label_x.get(gap.step_id, header.x + 6)
            draw_tag(canvas, x, header.bottom - 12.5, gap.label, right - x)
        for stage in data.stage_waits:
            draw_wait_tag(canvas, stage.rect, stage.total)
        if data.corner is not None and data.journey_wait.count:
            draw_journey_wait(canvas, data.corner, data.journey_wait)
        for badge in data.badges:
            draw_badge(canvas, badge)

    def legend(self) -> list[tuple[str, str]]:
        entries = [
            (fill(level), f"Pain point severity {level} ({SEVERITY_NAMES[level]})")
            for level in SEVERITIES
            if self.severity_legend
        ]
        bands = ", ".join(band_label(level) for level in range(1, len(SHADE_BANDS) + 1))
        entries.append((shade(3), f"Steps shaded by summed severity (Σ): {bands}"))
        if self.data.cells:
            entries.append((cell_shade(3, 3), "Cells with pain points shaded again by their own Σ"))
        if self.data.moments:
            entries.append((MOMENT_FILL, "Key moment ★; sweet spot: matters to user and provider"))
        whose = {curve.who for curve in self.data.curves}
        if "service user" in whose:
            entries.append((USER_COLOUR, "Emotion curve: service user (−2 … +2)"))
        if "staff" in whose:
            entries.append((STAFF_COLOUR, "Emotion curve: staff (dashed)"))
        return entries

    def key_pages(self, canvas: Canvas, page_size: tuple[float, float]) -> int:
        heading = f"{self.name}: key"
        if self.blueprint_name:
            heading = f"{self.name} in {self.blueprint_name}: key"
        count = len(self.data.entries)
        note = f"{count} pain point{'s' if count != 1 else ''}, numbered step by step as on the map"
        return draw_key_pages(canvas, page_size, heading, self.data.entries, subheading=note)


def draw_badge(canvas: Canvas, badge: Badge) -> None:
    """A circle in the severity's colour with a white ring, the number centred in it."""
    canvas.saveState()
    canvas.setLineWidth(0.6)
    canvas.setStrokeColor(colors.HexColor(BADGE_OUTLINE))
    canvas.setFillColor(colors.HexColor(BADGE_RING))
    canvas.circle(badge.x, badge.y, badge.radius + 1.2, stroke=1, fill=1)
    canvas.setFillColor(colors.HexColor(fill(badge.severity)))
    canvas.circle(badge.x, badge.y, badge.radius, stroke=0, fill=1)
    canvas.restoreState()
    text = str(badge.number)
    size = BADGE_FONT_SIZE
    room = 2 * badge.radius - 2.5
    width = stringWidth(text, BOLD, size)
    if width > room:
        size *= room / width
    baseline = badge.y + CAP_HEIGHT * size / 2
    map_text(canvas, badge.x, baseline, text, BOLD, size, ink(badge.severity), anchor="middle")


def draw_hatching(canvas: Canvas, columns: list[Rect]) -> None:
    """Thin diagonal lines over these columns (the evidence gaps): one set of lines
    across the map, clipped to all the columns at once."""
    if not columns:
        return
    canvas.saveState()
    clip = canvas.beginPath()
    for r in columns:
        clip.rect(r.x, r.y, r.w, r.h)
    canvas.clipPath(clip, stroke=0, fill=0)
    top = min(r.y for r in columns)
    bottom = max(r.bottom for r in columns)
    left = min(r.x for r in columns)
    right = max(r.right for r in columns)
    lines = canvas.beginPath()
    height = bottom - top
    x = left - height
    while x < right:
        lines.moveTo(x, bottom)
        lines.lineTo(x + height, top)
        x += HATCH_STEP
    canvas.setStrokeColor(colors.HexColor(GAP_HATCH))
    canvas.setLineWidth(0.5)
    canvas.drawPath(lines, stroke=1, fill=0)
    canvas.restoreState()


def draw_tag(canvas: Canvas, x: float, top: float, text: str, room: float) -> None:
    """A short label in a dashed box (an evidence gap), cut to ``room`` points."""
    label = fit_text(text, REGULAR, LABEL_SIZE, room - 7.0)
    if not label or label == "…":
        return
    width = stringWidth(label, REGULAR, LABEL_SIZE) + 7.0
    canvas.saveState()
    canvas.setFillColor(colors.HexColor("#ffffff"))
    canvas.setStrokeColor(colors.HexColor(GAP_HATCH))
    canvas.setLineWidth(0.7)
    canvas.setDash(2, 1.5)
    canvas.roundRect(x, top, width, 11.0, 3.0, stroke=1, fill=1)
    canvas.restoreState()
    map_text(canvas, x + 3.5, top + 8.2, label, REGULAR, LABEL_SIZE, GAP_TEXT)


def draw_wait_highlights(canvas: Canvas, data: OverlayData) -> None:
    """Each wait point's card outlined in amber, its waiting time on its bottom edge."""
    if not data.wait_cards:
        return
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor(WAIT_OUTLINE))
    canvas.setLineWidth(2.4)
    for wait in data.wait_cards:
        r = wait.rect
        canvas.roundRect(r.x - 1, r.y - 1, r.w + 2, r.h + 2, 5.0, stroke=1, fill=0)
    canvas.restoreState()
    for wait in data.wait_cards:
        r = wait.rect
        label = format_minutes(wait.minutes) if wait.minutes is not None else "no time"
        width = stringWidth(label, REGULAR, LABEL_SIZE) + 8.0
        x, top = r.right - width - 8.0, r.bottom - 5.5
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(WAIT_FILL))
        canvas.setStrokeColor(colors.HexColor(WAIT_INK))
        canvas.setLineWidth(0.8)
        canvas.roundRect(x, top, width, 11.0, 4.0, stroke=1, fill=1)
        canvas.restoreState()
        map_text(canvas, x + 4.0, top + 8.0, label, REGULAR, LABEL_SIZE, WAIT_INK)


def draw_wait_tag(canvas: Canvas, stage: Rect, total: WaitTotal) -> None:
    """A stage's waiting time in an amber tag at the right end of its header."""
    label = total.time
    width = stringWidth(label, BOLD, 7.5) + 22.0
    if width > stage.w - 8.0:
        return
    right, cy = stage.right - 4.0, stage.y + stage.h / 2
    canvas.saveState()
    canvas.setFillColor(colors.HexColor(WAIT_FILL))
    canvas.setStrokeColor(colors.HexColor(WAIT_INK))
    canvas.setLineWidth(0.8)
    canvas.roundRect(right - width, cy - 7.0, width, 14.0, 7.0, stroke=1, fill=1)
    draw_wait_marks(canvas, [(right - width + 8.5, cy)], 4.6)
    canvas.restoreState()
    map_text(canvas, right - width + 16.0, cy + 2.8, label, BOLD, 7.5, WAIT_INK)


def draw_journey_wait(canvas: Canvas, corner: Rect, total: WaitTotal) -> None:
    """The whole journey's waiting time in the corner above the lane titles."""
    left = corner.x + 10.0
    canvas.saveState()
    draw_wait_marks(canvas, [(left + 5.0, corner.y + 13.0)], 5.0)
    canvas.restoreState()
    room = corner.w - 26.0
    title = fit_text(f"Waiting {total.time}", BOLD, 8.0, room)
    map_text(canvas, left + 14.0, corner.y + 16.0, title, BOLD, 8.0, WAIT_INK)
    points = f"across {total.count} wait point{'s' if total.count != 1 else ''}"
    map_text(
        canvas,
        left + 14.0,
        corner.y + 28.0,
        fit_text(points, REGULAR, 7.0, room),
        REGULAR,
        7.0,
        "#34404f",
    )
