"""The pain-point overlay on a printed blueprint (a Decoration, app/export/decoration.py).

Under the cards: each step with pain points is shaded by their summed severity. Over the
map: numbered badges coloured by severity on the cards and step headers, the summed
severity in each shaded step's header, the key moments' outlines, and (in the band above
the headers) key-moment stars and the emotion curves. After the map: the key, a table of
every number with its pain point, flowing over as many pages as it needs.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.export.map_marks import map_text
from app.export.pdf_key import draw_key_pages
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
    fill,
    ink,
    shade,
    shade_level,
)
from app.layout.fonts import BOLD
from app.layout.geometry import BlueprintGeometry
from app.layout.overlay import Badge, OverlayData, build_overlay
from app.model.kinds import Perspective
from app.model.structure import Blueprint

BADGE_FONT_SIZE = 8.0
BADGE_RING = "#ffffff"
BADGE_OUTLINE = "#5a1f00"
CAP_HEIGHT = 0.73  # DejaVu Sans Bold's capital and figure height, in ems
TOTAL_COLOUR = "#7a2400"
SHADE_INSET = 0.6  # half a rule and a little more


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
        for step in self.data.shades:
            canvas.setFillColor(colors.HexColor(shade(shade_level(step.total))))
            for cell in step.cells:
                inset = SHADE_INSET
                w, h = cell.w - 2 * inset, cell.h - 2 * inset
                canvas.rect(cell.x + inset, cell.y + inset, w, h, stroke=0, fill=1)
        canvas.restoreState()

    def draw_over(self, canvas: Canvas) -> None:
        register_fonts()
        data = self.data
        if data.band is not None:
            draw_band(canvas, data.band, data.moments, data.curves)
        draw_moment_outlines(canvas, data.moments)
        for step in data.shades:
            x, y = step.header.x + 6, step.header.bottom - 3
            map_text(canvas, x, y, f"Σ {step.total}", BOLD, 7.5, TOTAL_COLOUR)
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
