"""A BlueprintGeometry drawn onto a reportlab canvas in map coordinates (points, y down,
the map's top-left at (0, 0)), as the canvas draws it on screen: lanes with their title
column, the stage and step header rows, the three lines, connectors, cards and labels.

The caller sets the transform once (``apply_map_transform``); text lines flip back
upright one by one (app/export/pdf_text.py). Decorations draw under the cards and over
everything, in the same coordinates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from app.export import palette
from app.export.decoration import Decoration
from app.export.pdf_cards import draw_cards
from app.export.pdf_connectors import draw_connector_labels, draw_connectors
from app.export.pdf_path import MapPath
from app.export.pdf_text import Line, draw_blocks, draw_lines, text_width
from app.layout.geometry import BlueprintGeometry, LaneGeometry, Rect
from app.layout.lane_kind import KIND_SIZE, kind_block

STRIPE = 4.0  # the lane kind's colour bar at the left of the title column
RULE = 1.0
LINE_WIDTH = 1.2
LINE_DASH = [5.0, 3.0]
LINE_LABEL_SIZE = 7.0
LINE_LABEL_HEIGHT = 11.0
LINE_LABEL_X = 8.0  # from the left of the title column


def apply_map_transform(
    canvas: Canvas, left: float, top: float, scale: float, extra_top: float = 0.0
) -> None:
    """Make map coordinates current: the room above the map (``extra_top``) starts at the
    page point (left, top), y pointing down, ``scale`` page points per map point."""
    canvas.translate(left, top)
    canvas.scale(scale, -scale)
    canvas.translate(0.0, extra_top)


def draw_map(
    canvas: Canvas, geometry: BlueprintGeometry, decorations: Sequence[Decoration] = ()
) -> None:
    """Everything of the map, in the order the canvas stacks it."""
    draw_lanes(canvas, geometry)
    for decoration in decorations:
        _isolated(canvas, decoration.draw_under)
    draw_dividers(canvas, geometry)
    connectors = list(geometry.connectors.values())
    draw_connectors(canvas, connectors)
    draw_cards(canvas, list(geometry.cards.values()))
    draw_connector_labels(canvas, connectors)
    draw_headers(canvas, geometry)
    for decoration in decorations:
        _isolated(canvas, decoration.draw_over)


def _isolated(canvas: Canvas, draw: Callable[[Canvas], None]) -> None:
    """A decoration's colours, widths and transforms stay its own."""
    canvas.saveState()
    try:
        draw(canvas)
    finally:
        canvas.restoreState()


def _fill_rects(canvas: Canvas, rects: Sequence[Rect], colour: Color) -> None:
    if not rects:
        return
    path = MapPath()
    for r in rects:
        path.rect(r.x, r.y, r.w, r.h)
    canvas.setFillColor(colour)
    canvas.drawPath(path, stroke=0, fill=1)


def _stroke_lines(
    canvas: Canvas, lines: Sequence[tuple[float, float, float, float]], colour: Color, width: float
) -> None:
    if not lines:
        return
    path = MapPath()
    for x0, y0, x1, y1 in lines:
        path.line(x0, y0, x1, y1)
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)
    canvas.drawPath(path, stroke=1, fill=0)


def column_edges(geometry: BlueprintGeometry) -> list[float]:
    edges = [step.x for step in geometry.steps]
    if geometry.steps:
        edges.append(geometry.steps[-1].x + geometry.steps[-1].w)
    return edges


# -- lanes ------------------------------------------------------------------------------


def draw_lanes(canvas: Canvas, geometry: BlueprintGeometry) -> None:
    """Bands, column rules, borders, and the title column with its stripe and titles."""
    lanes = geometry.lanes
    if not lanes:
        return
    canvas.setLineCap(0)
    for parity in (0, 1):
        _fill_rects(canvas, [lane.rect for lane in lanes[parity::2]], palette.LANE_BANDS[parity])
    top, bottom = lanes[0].rect.y, lanes[-1].rect.bottom
    rules = [(x, top, x, bottom) for x in column_edges(geometry)]
    _stroke_lines(canvas, rules, palette.COLUMN_RULE, RULE)
    borders = [(lane.rect.x, lane.rect.bottom, lane.rect.right, lane.rect.bottom) for lane in lanes]
    _stroke_lines(canvas, borders, palette.LANE_BORDER, RULE)
    for parity in (0, 1):
        titles = [lane.title_rect for lane in lanes[parity::2]]
        _fill_rects(canvas, titles, palette.LANE_TITLE_BANDS[parity])
    for lane in lanes:
        t = lane.title_rect
        _fill_rects(canvas, [Rect(t.x, t.y, STRIPE, t.h)], palette.kind_colour(lane.kind))
    title_borders = []
    for lane in lanes:
        t = lane.title_rect
        title_borders += [(t.right, t.y, t.right, t.bottom), (t.x, t.bottom, t.right, t.bottom)]
    _stroke_lines(canvas, title_borders, palette.LANE_BORDER, RULE)
    draw_blocks(canvas, (lane.title for lane in lanes), palette.LANE_TITLE_TEXT)
    kinds = [line for line in map(kind_line, lanes) if line is not None]
    draw_lines(canvas, kinds, KIND_SIZE, palette.LANE_KIND_TEXT)


def kind_line(lane: LaneGeometry) -> Line | None:
    """The kind under the lane's title, where there is room for it."""
    block = kind_block(lane)
    if block is None:
        return None
    return block.x, block.y + block.ascent, block.lines[0]


# -- the three lines --------------------------------------------------------------------


def draw_dividers(canvas: Canvas, geometry: BlueprintGeometry) -> None:
    """Each line dashed across the map, its name on a white pill in the title column."""
    if not geometry.lines:
        return
    path = MapPath()
    for line in geometry.lines:
        path.line(line.x0, line.y, line.x1, line.y)
    canvas.setStrokeColor(palette.DIVIDER)
    canvas.setLineWidth(LINE_WIDTH)
    canvas.setLineCap(0)
    canvas.setDash(LINE_DASH)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setDash([])
    title_width = geometry.lanes[0].title_rect.w if geometry.lanes else 0.0
    labels: list[Line] = []
    pills = MapPath()
    for line in geometry.lines:
        width = text_width(line.label, LINE_LABEL_SIZE)
        if LINE_LABEL_X + width + 8.0 > title_width:
            continue
        left = line.x0 + LINE_LABEL_X
        radius = LINE_LABEL_HEIGHT / 2
        pills.round_rect(left, line.y - radius, width + 8.0, LINE_LABEL_HEIGHT, radius)
        labels.append((left + 4.0, line.y + 0.36 * LINE_LABEL_SIZE, line.label))
    if labels:
        canvas.setLineWidth(0.8)
        canvas.setFillColor(palette.WHITE)
        canvas.drawPath(pills, stroke=1, fill=1)
        draw_lines(canvas, labels, LINE_LABEL_SIZE, palette.DIVIDER_TEXT)


# -- header rows ------------------------------------------------------------------------


def draw_headers(canvas: Canvas, geometry: BlueprintGeometry) -> None:
    """The stage row and the step row, and the corner above the lane titles."""
    steps = geometry.steps
    if not steps:
        return
    header = steps[0].header
    title_width = geometry.lanes[0].title_rect.w if geometry.lanes else steps[0].x
    stage_rects = [stage.rect for stage in geometry.stages]
    _fill_rects(canvas, [*stage_rects, Rect(0.0, 0.0, title_width, header.y)], palette.STAGE_BAND)
    step_rects = [step.header for step in steps]
    _fill_rects(
        canvas, [*step_rects, Rect(0.0, header.y, title_width, header.h)], palette.STEP_BAND
    )
    canvas.setLineCap(0)
    _stroke_lines(
        canvas, [(r.right, r.y, r.right, r.bottom) for r in stage_rects], palette.STAGE_RULE, RULE
    )
    step_rules = [(r.right, r.y, r.right, r.bottom) for r in step_rects]
    step_rules += [
        (0.0, header.bottom, steps[-1].header.right, header.bottom),
        (title_width, header.y, title_width, header.bottom),
    ]
    _stroke_lines(canvas, step_rules, palette.STEP_RULE, RULE)
    draw_blocks(canvas, (stage.title for stage in geometry.stages), palette.STAGE_TEXT)
    draw_blocks(canvas, (step.title for step in steps), palette.STEP_TEXT)
