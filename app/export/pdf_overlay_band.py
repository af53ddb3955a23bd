"""The band above a printed map: key moments (a star, both importances, the sweet spot)
and the emotion curves of the service user and of staff, from -2 to +2 at each step."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from app.export.map_marks import fit_text, map_text, star
from app.layout.fonts import BOLD, REGULAR
from app.layout.overlay import EmotionBand, EmotionCurve, MomentMark

USER_COLOUR = "#1f5fa8"
STAFF_COLOUR = "#2a8c7f"
MOMENT_FILL = "#f2c230"
MOMENT_STROKE = "#8a6400"
BAND_FILL = "#f8f8f6"
BAND_RULE = "#d0d0d0"
GUIDE = "#dddddd"
LABEL = "#555555"
CURVE_STYLE = {
    "service user": (USER_COLOUR, 2.0, None),
    "staff": (STAFF_COLOUR, 1.4, (4, 2.5)),
}


def draw_band(
    canvas: Canvas, band: EmotionBand, moments: list[MomentMark], curves: list[EmotionCurve]
) -> None:
    canvas.saveState()
    canvas.setFillColor(colors.HexColor(BAND_FILL))
    canvas.setStrokeColor(colors.HexColor(BAND_RULE))
    canvas.setLineWidth(0.6)
    canvas.rect(0, band.top, band.x1, band.bottom - band.top, fill=1, stroke=1)
    canvas.restoreState()
    if band.moment_row is not None:
        _moments(canvas, band, moments)
    if band.curve_rows is not None:
        _guides(canvas, band, curves)
        for curve in curves:
            _curve(canvas, curve)


def draw_moment_outlines(canvas: Canvas, moments: list[MomentMark]) -> None:
    """Outline the header of each key-moment step on the map itself."""
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor(MOMENT_FILL))
    for mark in moments:
        canvas.setLineWidth(3.0 if mark.sweet_spot else 1.8)
        header = mark.header
        canvas.rect(header.x + 1.5, header.y + 1.5, header.w - 3, header.h - 3, stroke=1, fill=0)
    canvas.restoreState()


def _moments(canvas: Canvas, band: EmotionBand, moments: list[MomentMark]) -> None:
    top, bottom = band.moment_row
    map_text(canvas, 10, (top + bottom) / 2 + 3.5, "Key moments", BOLD, 9.5, LABEL)
    for mark in moments:
        left = mark.header.x
        radius = 9.0 if mark.sweet_spot else 7.0
        star(canvas, left + 12, mark.y, radius, MOMENT_FILL, MOMENT_STROKE)
        title, ink = ("Sweet spot", MOMENT_STROKE) if mark.sweet_spot else ("Key moment", LABEL)
        scores = f"user {mark.importance_to_user}/5 · provider {mark.importance_to_provider}/5"
        scores = fit_text(scores, REGULAR, 7.5, mark.header.w - 30)
        map_text(canvas, left + 25, mark.y - 1.5, title, BOLD, 8.5, ink)
        map_text(canvas, left + 25, mark.y + 8.5, scores, REGULAR, 7.5, LABEL)


def _guides(canvas: Canvas, band: EmotionBand, curves: list[EmotionCurve]) -> None:
    top, _bottom = band.curve_rows
    map_text(canvas, 10, top + 12, "Emotion", BOLD, 9.5, LABEL)
    y = top + 24
    for curve in curves:
        colour, width, dash = CURVE_STYLE.get(curve.who, (LABEL, 1.0, None))
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(colour))
        canvas.setLineWidth(width)
        if dash:
            canvas.setDash(*dash)
        canvas.line(10, y - 3, 30, y - 3)
        canvas.restoreState()
        map_text(canvas, 34, y, curve.who.capitalize(), REGULAR, 8, LABEL)
        y += 12
    canvas.saveState()
    canvas.setLineWidth(0.5)
    for value in (2, 1, 0, -1, -2):
        y = band.y_of(value)
        canvas.setStrokeColor(colors.HexColor("#aaaaaa" if value == 0 else GUIDE))
        canvas.line(band.x0, y, band.x1, y)
        label = {2: "+2 ☺", 0: "0", -2: "−2 ☹"}.get(value, f"{value:+d}".replace("-", "−"))
        map_text(canvas, band.x0 - 5, y + 3, label, REGULAR, 7.5, LABEL, anchor="end")
    canvas.restoreState()


def _curve(canvas: Canvas, curve: EmotionCurve) -> None:
    colour, width, dash = CURVE_STYLE.get(curve.who, (LABEL, 1.0, None))
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor(colour))
    canvas.setFillColor(colors.HexColor(colour))
    canvas.setLineWidth(width)
    canvas.setLineJoin(1)
    canvas.setLineCap(1)
    if len(curve.points) > 1:
        path = canvas.beginPath()
        path.moveTo(curve.points[0].x, curve.points[0].y)
        for point in curve.points[1:]:
            path.lineTo(point.x, point.y)
        if dash:
            canvas.setDash(*dash)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.setDash()
    for point in curve.points:
        if curve.who == "staff":
            canvas.rect(point.x - 2.6, point.y - 2.6, 5.2, 5.2, stroke=0, fill=1)
        else:
            canvas.circle(point.x, point.y, 3.2, stroke=0, fill=1)
    canvas.restoreState()
