"""A blueprint as a picture: PNG at a chosen resolution, or SVG.

Both are drawn by the canvas's own scene (app.canvas.scene), so they look like the
screen: lanes with their titles, the header rows, cards, marks, connectors and the three
lines, as scene items draw them (the frozen panes are the view's, not drawn here). One
scene unit is one point; a PNG at ``dpi`` is the map's size in points × dpi / 72 pixels,
drawn in horizontal bands into one image. At 72 dpi and above every card shows its
text; far below, the scene's simpler far-out drawing is used, as on screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.canvas import palette
from app.canvas.scene import BlueprintScene
from app.export.output_file import ExportError, write_bytes_atomically
from app.export.svg_text import TextPainter
from app.layout.engine import BlueprintLayout
from app.layout.source import shape_from_blueprint
from app.model.structure import Blueprint

# QPainter's raster engine and many viewers stop at 32,767 pixels a side; and an image of
# 250 megapixels already takes a gigabyte of memory while it is drawn.
MAX_SIDE = 32_767
MAX_PIXELS = 250_000_000
MIN_DPI, MAX_DPI = 1, 2400
DEFAULT_DPI = 150
BAND_ROWS = 2048  # pixel rows drawn per pass; progress is reported after each
MARGIN = 12.0  # points of the canvas's background around the map, as on screen

Progress = Callable[[int, int], None]  # (rows drawn, rows in all)

_application: QApplication | None = None


def export_png(
    session: Session,
    out_path: Path | str,
    blueprint: Blueprint | None = None,
    *,
    dpi: float = DEFAULT_DPI,
    progress: Progress | None = None,
) -> tuple[int, int]:
    """Write ``blueprint`` (the first blueprint when None) as a PNG at ``dpi``; return its
    size in pixels. Refuses, with the largest resolution that fits, an image too big."""
    scene = blueprint_scene(session, chosen_blueprint(session, blueprint))
    try:
        image = render_image(scene, dpi, progress)
    finally:
        scene.clear()
    write_bytes_atomically(out_path, _encoded(image, "PNG"))
    return image.width(), image.height()


def export_svg(
    session: Session,
    out_path: Path | str,
    blueprint: Blueprint | None = None,
    *,
    outline_text: bool = False,
) -> None:
    """Write ``blueprint`` (the first blueprint when None) as an SVG one point per unit.
    Text is SVG text in the layout's font (DejaVu Sans), or glyph outlines that need no
    font when ``outline_text``."""
    chosen = chosen_blueprint(session, blueprint)
    scene = blueprint_scene(session, chosen)
    try:
        data = render_svg(scene, chosen.name, outline_text=outline_text)
    finally:
        scene.clear()
    write_bytes_atomically(out_path, data)


def png_size(width: float, height: float, dpi: float) -> tuple[int, int]:
    """The pixels of a map ``width`` × ``height`` points at ``dpi``."""
    scale = dpi / 72.0
    return max(1, round(width * scale)), max(1, round(height * scale))


def largest_dpi(width: float, height: float) -> int:
    """The highest whole resolution at which a map of this size fits the limits (0 if
    none does)."""
    dpi = int(min(MAX_DPI, 72.0 * MAX_SIDE / max(width, height, 1.0)))
    dpi = min(dpi, int(72.0 * math.sqrt(MAX_PIXELS / max(width * height, 1.0))))
    while dpi >= MIN_DPI and not _fits(*png_size(width, height, dpi)):
        dpi -= 1
    return max(dpi, 0)


def check_png_size(width: float, height: float, dpi: float) -> tuple[int, int]:
    """The PNG's size in pixels, or an ExportError saying why it cannot be made."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ExportError(f"the resolution must be from {MIN_DPI} to {MAX_DPI} dpi, not {dpi:g}")
    pixels = png_size(width, height, dpi)
    if _fits(*pixels):
        return pixels
    best = largest_dpi(width, height)
    size = f"{pixels[0]:,} × {pixels[1]:,} pixels at {dpi:g} dpi"
    limit = f"more than {MAX_SIDE:,} pixels a side or {MAX_PIXELS // 1_000_000} megapixels"
    advice = (
        f"use --dpi {best} or lower, or export a PDF or SVG"
        if best
        else "export a PDF or SVG instead"
    )
    raise ExportError(f"the image would be {size}, {limit}; {advice}")


def _fits(width: int, height: int) -> bool:
    return width <= MAX_SIDE and height <= MAX_SIDE and width * height <= MAX_PIXELS


def chosen_blueprint(session: Session, blueprint: Blueprint | None) -> Blueprint:
    """``blueprint``, or the project's first when None."""
    if blueprint is None:
        blueprint = session.scalars(select(Blueprint).order_by(Blueprint.position)).first()
        if blueprint is None:
            raise ExportError("the project has no blueprint to export")
    return blueprint


def blueprint_scene(session: Session, blueprint: Blueprint) -> BlueprintScene:
    """The canvas's scene of ``blueprint``, laid out as the editor lays it out."""
    _ensure_application()
    layout = BlueprintLayout(shape_from_blueprint(session, blueprint))
    return BlueprintScene(layout.geometry)


def export_area(scene: BlueprintScene) -> QRectF:
    """What an image shows, in points: the map with a margin, and whatever hangs out of
    it (a route along the last column's edge, its label), in whole points."""
    geometry = scene.geometry
    area = QRectF(-MARGIN, -MARGIN, geometry.width + 2 * MARGIN, geometry.height + 2 * MARGIN)
    area = area.united(scene.itemsBoundingRect())
    left, top = math.floor(area.left()), math.floor(area.top())
    return QRectF(left, top, math.ceil(area.right()) - left, math.ceil(area.bottom()) - top)


def render_image(scene: BlueprintScene, dpi: float, progress: Progress | None = None) -> QImage:
    """The map at ``dpi``, drawn band by band into one image."""
    area = export_area(scene)
    width, height = check_png_size(area.width(), area.height(), dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    if image.isNull():
        raise ExportError(
            f"not enough memory for an image of {width:,} × {height:,} pixels; use a lower --dpi"
        )
    image.fill(palette.CANVAS)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    scale = dpi / 72.0
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for top in range(0, height, BAND_ROWS):
            rows = min(BAND_ROWS, height - top)
            target = QRectF(0.0, top, width, rows)
            source = QRectF(area.left(), area.top() + top / scale, width / scale, rows / scale)
            scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
            if progress is not None:
                progress(top + rows, height)
    finally:
        painter.end()
    return image


def render_svg(scene: BlueprintScene, title: str = "", *, outline_text: bool = False) -> bytes:
    """The map as an SVG document, one user unit per point."""
    area = export_area(scene)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(area.width()), round(area.height())))
    generator.setViewBox(area)
    generator.setResolution(72)  # so the document's size is the map's in points
    generator.setTitle(title)
    generator.setDescription("Made with Stagecraft")
    painter = QPainter(generator) if outline_text else TextPainter(generator)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render(painter, area, area, Qt.AspectRatioMode.IgnoreAspectRatio)
    finally:
        painter.end()
    return bytes(buffer.data())


def _encoded(image: QImage, kind: str) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, kind):
        raise ExportError(f"could not encode the image as {kind}")
    return bytes(buffer.data())


def _ensure_application() -> None:
    """Scenes need a QApplication; a command-line export makes one that needs no screen."""
    global _application
    if QApplication.instance() is None:
        _application = QApplication(["stagecraft", "-platform", "offscreen"])
