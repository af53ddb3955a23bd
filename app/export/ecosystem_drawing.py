"""What the ecosystem map looks like, worked out once for the window and the PDF: each
node's box, shape, colours and label lines, each edge's curve and thickness, the title,
the legend and the column titles. No Qt and no reportlab: the view draws this sheet with
QPainter, the PDF with reportlab, so what is printed is what is on screen.

Units are points, y grows downwards, as in the layout. Labels are broken with the shipped
font's metrics (app.layout.wrap), never re-wrapped by the renderers.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.analysis.ecosystem import LAYER_TITLES, EcosystemGraph, Layer
from app.analysis.ecosystem_layout import NODE_HEIGHT, NODE_WIDTH, EcosystemLayout, Point
from app.layout.fonts import BOLD, REGULAR, metrics
from app.layout.wrap import elide, wrap

LABEL_SIZE = 10.0
LABEL_LEADING = 12.5
LABEL_PADDING = 10.0
MAX_LABEL_LINES = 3
TITLE_SIZE = 18.0
COLUMN_TITLE_SIZE = 12.0
LEGEND_SIZE = 10.0
SWATCH = (30.0, 18.0)
MARGIN = 24.0

BACKGROUND = "#ffffff"
TEXT = "#1f2933"
MUTED_TEXT = "#52606d"
EDGE = "#7b8794"
SELECTED = "#f0b429"


@dataclass(frozen=True)
class LayerStyle:
    fill: str
    border: str
    radius: float  # corner radius of the node's box
    band: bool = False  # a band across the top: how a system is told from a process


# The canvas's lane colours: people as customer actions, touchpoints as frontstage,
# processes as backstage, systems as the systems lane.
STYLES: dict[Layer, LayerStyle] = {
    Layer.PEOPLE: LayerStyle("#e3eefb", "#3b7dd8", NODE_HEIGHT / 2),
    Layer.TOUCHPOINTS: LayerStyle("#dcf2ef", "#2a9d8f", 14.0),
    Layer.PROCESSES: LayerStyle("#ebe6f6", "#7b61b8", 3.0),
    Layer.SYSTEMS: LayerStyle("#e6ecef", "#5e7c8a", 3.0, band=True),
}
BAND_HEIGHT = 7.0

EDGE_NOTE = "Lines join what works together: the thicker the line, the more cards and connectors"


@dataclass(frozen=True)
class TextItem:
    x: float  # left
    baseline: float
    text: str
    size: float
    bold: bool = False
    colour: str = TEXT


@dataclass(frozen=True)
class LegendEntry:
    layer: Layer
    swatch: tuple[float, float, float, float]  # x, y, width, height
    label: TextItem


@dataclass(frozen=True)
class Sheet:
    """Everything drawn apart from the nodes and edges, which follow their positions."""

    title: TextItem
    legend: tuple[LegendEntry, ...]
    note: TextItem
    column_titles: tuple[TextItem, ...]
    bounds: tuple[float, float, float, float]  # left, top, right, bottom, margin included


def label_lines(label: str) -> tuple[str, ...]:
    """The lines of a node's label: at most three, the last cut with an ellipsis."""
    width = NODE_WIDTH - 2 * LABEL_PADDING
    lines = wrap(" ".join(label.split()) or " ", width, LABEL_SIZE)
    if len(lines) <= MAX_LABEL_LINES:
        return lines
    rest = " ".join(lines[MAX_LABEL_LINES - 1 :])
    cut = elide(rest, width, LABEL_SIZE)
    if cut == rest:  # it fits whole: still show that more was cut
        cut = elide(rest + " …", width, LABEL_SIZE)
    return (*lines[: MAX_LABEL_LINES - 1], cut)


def label_baselines(centre: Point, lines: tuple[str, ...]) -> list[TextItem]:
    """Each label line centred in the node's box."""
    ascent = metrics(REGULAR).ascent * LABEL_SIZE
    descent = metrics(REGULAR).descent * LABEL_SIZE
    block = (len(lines) - 1) * LABEL_LEADING + ascent + descent
    top = centre[1] - block / 2
    items = []
    for index, line in enumerate(lines):
        width = metrics(REGULAR).width(line, LABEL_SIZE)
        baseline = top + ascent + index * LABEL_LEADING
        items.append(TextItem(centre[0] - width / 2, baseline, line, LABEL_SIZE))
    return items


def node_box(centre: Point) -> tuple[float, float, float, float]:
    return (centre[0] - NODE_WIDTH / 2, centre[1] - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)


def edge_width(weight: int, heaviest: int) -> float:
    """From 1.2 points for one card to 7 for the heaviest edge of the map."""
    if heaviest <= 1:
        return 1.6
    return 1.2 + 5.8 * math.sqrt((weight - 1) / (heaviest - 1))


def edge_curve(a: Point, b: Point) -> tuple[Point, Point, Point, Point]:
    """A cubic curve from the side of node ``a`` that faces ``b`` to the facing side of
    ``b``, leaving and arriving level (the columns read left to right)."""
    if abs(a[0] - b[0]) < NODE_WIDTH:  # one above the other: top and bottom instead
        sign = 1.0 if b[1] >= a[1] else -1.0
        start = (a[0], a[1] + sign * NODE_HEIGHT / 2)
        end = (b[0], b[1] - sign * NODE_HEIGHT / 2)
        pull = max(abs(end[1] - start[1]) / 2, 20.0) * sign
        return start, (start[0], start[1] + pull), (end[0], end[1] - pull), end
    sign = 1.0 if b[0] >= a[0] else -1.0
    start = (a[0] + sign * NODE_WIDTH / 2, a[1])
    end = (b[0] - sign * NODE_WIDTH / 2, b[1])
    pull = max(abs(end[0] - start[0]) / 2, 20.0) * sign
    return start, (start[0] + pull, start[1]), (end[0] - pull, end[1]), end


Segment = tuple[Point, Point, Point, Point]  # a cubic curve: start, two controls, end
PASSING_CLEARANCE = 6.0  # points kept between a node and an edge passing it


def edge_route(
    a: Point,
    b: Point,
    layers: tuple[Layer, Layer],
    columns: Mapping[Layer, float],
    others: Iterable[Point],
) -> list[Segment]:
    """The curve of an edge between nodes centred at ``a`` and ``b`` in ``layers``. An
    edge that skips a column (a person to a process) passes each column between through
    the gap between its nodes (``others``: the centres of every other node) nearest its
    way, so it never seems to end at a node it only passes."""
    curve = edge_curve(a, b)
    low, high = sorted(layers)
    start, end = curve[0], curve[3]
    if high - low < 2 or abs(a[0] - b[0]) < NODE_WIDTH:
        return [curve]
    xs = [
        columns[layer]
        for layer in Layer
        if low < layer < high and min(start[0], end[0]) < columns[layer] < max(start[0], end[0])
    ]
    xs.sort(reverse=start[0] > end[0])
    boxes = [node_box(centre) for centre in others]
    points = [start]
    for x in xs:
        along = (x - start[0]) / (end[0] - start[0])
        points.append((x, _free_y(x, start[1] + along * (end[1] - start[1]), boxes)))
    points.append(end)
    return [_level_curve(p, q) for p, q in itertools.pairwise(points)]


def _level_curve(p: Point, q: Point) -> Segment:
    pull = (q[0] - p[0]) / 2
    return p, (p[0] + pull, p[1]), (q[0] - pull, q[1]), q


def _free_y(x: float, y: float, boxes: list[tuple[float, float, float, float]]) -> float:
    """``y``, or the nearest height at ``x`` clear of every node box."""
    taken = [
        (top - PASSING_CLEARANCE, top + height + PASSING_CLEARANCE)
        for left, top, width, height in boxes
        if left <= x <= left + width
    ]

    def free(value: float) -> bool:
        return not any(low < value < high for low, high in taken)

    if free(y):
        return y
    edges = [value for pair in taken for value in pair if free(value)]
    return min(edges, key=lambda value: abs(value - y)) if edges else y


def edge_words(graph: EcosystemGraph, source: str, target: str) -> str:
    """What an edge stands for, in a sentence: "Sam uses Phone: 2 cards"."""
    edge = graph.edge(source, target)
    counts = []
    if edge.cards:
        counts.append(f"{edge.cards} card" + ("s" if edge.cards != 1 else ""))
    if edge.connectors:
        counts.append(f"{edge.connectors} connector" + ("s" if edge.connectors != 1 else ""))
    upper, lower = graph.node(edge.source).label, graph.node(edge.target).label
    return f"{upper} {edge.relation} {lower}: {' and '.join(counts)}"


def heaviest(graph: EcosystemGraph) -> int:
    return max((edge.weight for edge in graph.edges), default=1)


def map_title(graph: EcosystemGraph) -> str:
    return f"Service ecosystem map: {graph.title}" if graph.title else "Service ecosystem map"


def sheet(graph: EcosystemGraph, layout: EcosystemLayout) -> Sheet:
    """The title, legend and column titles above the nodes, and the bounds of it all."""
    positions = [layout.positions[node.key] for node in graph.nodes]
    xs = [x for x, _y in positions] + list(layout.columns.values())
    ys = [y for _x, y in positions]
    computed_top = min(
        (layout.positions[keys[0]][1] for keys in layout.order.values() if keys), default=0.0
    )
    nodes_top = min([*ys, computed_top]) - NODE_HEIGHT / 2
    left = min(xs) - NODE_WIDTH / 2
    right = max(xs) + NODE_WIDTH / 2
    bottom = max(ys, default=0.0) + NODE_HEIGHT / 2

    titles_baseline = nodes_top - 16.0
    column_titles = []
    for layer in Layer:
        text = LAYER_TITLES[layer]
        width = metrics(BOLD).width(text, COLUMN_TITLE_SIZE)
        x = layout.columns[layer] - width / 2
        column_titles.append(TextItem(x, titles_baseline, text, COLUMN_TITLE_SIZE, True, TEXT))

    note_baseline = titles_baseline - 34.0
    legend_top = note_baseline - 18.0 - SWATCH[1]
    legend: list[LegendEntry] = []
    x = left
    for layer in Layer:
        swatch = (x, legend_top, SWATCH[0], SWATCH[1])
        text = LAYER_TITLES[layer]
        baseline = legend_top + SWATCH[1] / 2 + metrics(REGULAR).ascent * LEGEND_SIZE * 0.38
        label = TextItem(x + SWATCH[0] + 6.0, baseline, text, LEGEND_SIZE, False, TEXT)
        legend.append(LegendEntry(layer, swatch, label))
        x = label.x + metrics(REGULAR).width(text, LEGEND_SIZE) + 22.0
    note = TextItem(left, note_baseline, f"{EDGE_NOTE}.", LEGEND_SIZE, False, MUTED_TEXT)
    title = TextItem(left, legend_top - 16.0, map_title(graph), TITLE_SIZE, True, TEXT)

    widest = max(
        x,
        note.x + metrics(REGULAR).width(note.text, LEGEND_SIZE),
        title.x + metrics(BOLD).width(title.text, TITLE_SIZE),
        right,
    )
    top = title.baseline - metrics(BOLD).ascent * TITLE_SIZE
    bounds = (left - MARGIN, top - MARGIN, widest + MARGIN, bottom + MARGIN)
    return Sheet(title, tuple(legend), note, tuple(column_titles), bounds)
