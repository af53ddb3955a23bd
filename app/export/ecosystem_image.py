"""The ecosystem map drawn with QPainter: the painting of nodes, edges and the sheet (title,
legend, column titles) that the window's items use, and the PNG export made with the
same painting, so the picture saved is the one on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication
from sqlalchemy.orm import Session

from app.analysis.ecosystem import EcosystemGraph, Layer
from app.analysis.ecosystem_layout import EcosystemLayout, Point
from app.canvas.fonts import glyph_run
from app.export.ecosystem_drawing import (
    BACKGROUND,
    BAND_HEIGHT,
    EDGE,
    SELECTED,
    STYLES,
    Segment,
    Sheet,
    TextItem,
    edge_route,
    edge_width,
    heaviest,
    label_baselines,
    label_lines,
    node_box,
    sheet,
)
from app.export.ecosystem_pdf import ecosystem_picture
from app.export.output_file import ExportError, write_bytes_atomically

DEFAULT_DPI = 150
MAX_SIDE = 16_000  # pixels a side: a map this big is better as a PDF

_application: QApplication | None = None


# -- painting, shared with the window's items --------------------------------------------------


def draw_text(painter: QPainter, item: TextItem) -> None:
    run = glyph_run(item.text, item.size, item.bold)
    if run is None:
        return
    painter.setPen(QColor(item.colour))
    painter.drawGlyphRun(QPointF(item.x, item.baseline), run)


def node_shape(layer: Layer, centre: Point = (0.0, 0.0)) -> QPainterPath:
    x, y, width, height = node_box(centre)
    radius = STYLES[layer].radius
    path = QPainterPath()
    path.addRoundedRect(QRectF(x, y, width, height), radius, radius)
    return path


def paint_node(
    painter: QPainter,
    layer: Layer,
    lines: tuple[str, ...],
    centre: Point = (0.0, 0.0),
    *,
    selected: bool = False,
) -> None:
    """One node: its box in its layer's shape and colours, its label centred in it."""
    style = STYLES[layer]
    shape = node_shape(layer, centre)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillPath(shape, QColor(style.fill))
    if style.band:
        x, y, width, _height = node_box(centre)
        painter.save()
        painter.setClipPath(shape)
        painter.fillRect(QRectF(x, y, width, BAND_HEIGHT), QColor(style.border))
        painter.restore()
    pen = QPen(QColor(SELECTED if selected else style.border), 3.0 if selected else 1.4)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shape)
    for item in label_baselines(centre, lines):
        draw_text(painter, item)


def edge_path(segments: list[Segment]) -> QPainterPath:
    path = QPainterPath(QPointF(*segments[0][0]))
    for _start, first, second, end in segments:
        path.cubicTo(QPointF(*first), QPointF(*second), QPointF(*end))
    return path


def map_route(
    graph: EcosystemGraph, layout: EcosystemLayout, source: str, target: str
) -> list[Segment]:
    """The route of one edge of the map as laid out."""
    positions = layout.positions
    others = [centre for key, centre in positions.items() if key not in (source, target)]
    layers = (graph.node(source).layer, graph.node(target).layer)
    return edge_route(positions[source], positions[target], layers, layout.columns, others)


def edge_pen(width: float, highlighted: bool = False) -> QPen:
    colour = QColor(SELECTED if highlighted else EDGE)
    colour.setAlphaF(0.95 if highlighted else 0.7)
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def paint_sheet(painter: QPainter, drawn: Sheet) -> None:
    """The title, the legend (a swatch of each layer's node and its name) and the
    column titles."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw_text(painter, drawn.title)
    for entry in drawn.legend:
        x, y, width, height = entry.swatch
        style = STYLES[entry.layer]
        radius = min(style.radius, height / 2)
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, y, width, height), radius, radius)
        painter.fillPath(path, QColor(style.fill))
        if style.band:
            painter.save()
            painter.setClipPath(path)
            painter.fillRect(QRectF(x, y, width, 4.0), QColor(style.border))
            painter.restore()
        painter.setPen(QPen(QColor(style.border), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        draw_text(painter, entry.label)
    draw_text(painter, drawn.note)
    for title in drawn.column_titles:
        draw_text(painter, title)


def paint_map(painter: QPainter, graph: EcosystemGraph, layout: EcosystemLayout) -> None:
    """The whole map: sheet, edges under nodes, nodes."""
    paint_sheet(painter, sheet(graph, layout))
    top = heaviest(graph)
    for edge in graph.edges:
        painter.setPen(edge_pen(edge_width(edge.weight, top)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(edge_path(map_route(graph, layout, edge.source, edge.target)))
    for node in graph.nodes:
        paint_node(painter, node.layer, label_lines(node.label), layout.positions[node.key])


# -- the PNG export ------------------------------------------------------------------------------


def render_map(graph: EcosystemGraph, layout: EcosystemLayout, dpi: float = DEFAULT_DPI) -> QImage:
    """The map as an image at ``dpi`` (one point is ``dpi / 72`` pixels)."""
    _ensure_application()
    left, top, right, bottom = sheet(graph, layout).bounds
    scale = dpi / 72.0
    width, height = round((right - left) * scale), round((bottom - top) * scale)
    if not 0 < dpi <= 1200:
        raise ExportError(f"the resolution must be from 1 to 1200 dpi, not {dpi:g}")
    if max(width, height) > MAX_SIDE:
        raise ExportError(
            f"the image would be {width:,} × {height:,} pixels; use a lower resolution "
            "or export a PDF"
        )
    image = QImage(max(width, 1), max(height, 1), QImage.Format.Format_RGB32)
    image.fill(QColor(BACKGROUND))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-left, -top)
        paint_map(painter, graph, layout)
    finally:
        painter.end()
    return image


def write_ecosystem_png(
    session: Session,
    path: Path | str,
    blueprint: str | None = None,
    *,
    dpi: float = DEFAULT_DPI,
) -> tuple[int, int]:
    """Write the ecosystem map of the whole project (``blueprint`` None) or of one
    blueprint (its name or id) as a PNG, with the positions saved for that map; return
    its size in pixels."""
    graph, layout = ecosystem_picture(session, blueprint)
    image = render_map(graph, layout, dpi)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError("could not encode the image as PNG")
    write_bytes_atomically(path, bytes(buffer.data()))
    return image.width(), image.height()


def _ensure_application() -> None:
    """Glyph runs need a QGuiApplication; a command-line export makes one without a screen."""
    global _application
    if QApplication.instance() is None:
        _application = QApplication(["stagecraft", "-platform", "offscreen"])
