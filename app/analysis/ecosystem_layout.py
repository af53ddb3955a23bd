"""The ecosystem map laid out in layers: one column per layer, left to right (people,
touchpoints and channels, processes, systems), each column centred on the map's middle.

The order within each column starts as the order the nodes first appear in the journey
and is then improved by barycentre sweeps (each node moves towards the mean height of
its neighbours, weighted by the edges' weights), keeping the order with the fewest edge
crossings. Positions the user saved replace the computed ones. One unit is one point, as
on the canvas and in PDFs; positions are node centres, y grows downwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from app.analysis.ecosystem import EcosystemGraph, Layer

Point = tuple[float, float]

NODE_WIDTH = 176.0
NODE_HEIGHT = 50.0
COLUMN_GAP = 170.0  # between two columns' nodes
ROW_GAP = 16.0  # between two nodes of a column
SWEEPS = 12
# Above this many edges between two layers the crossings are not counted (each sweep
# is still done): counting is quadratic, and a map that big is rearranged by hand anyway.
COUNT_LIMIT = 4000


@dataclass(frozen=True)
class EcosystemLayout:
    positions: dict[str, Point]  # node centres
    columns: dict[Layer, float]  # each layer column's centre x
    order: dict[Layer, list[str]]  # the computed order of each column, top to bottom
    placed: frozenset[str]  # nodes at a position the user saved

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the nodes and the column titles' places."""
        xs = [x for x, _y in self.positions.values()] + list(self.columns.values())
        ys = [y for _x, y in self.positions.values()] or [0.0]
        return (
            min(xs) - NODE_WIDTH / 2,
            min(min(ys), column_top(self)) - NODE_HEIGHT / 2,
            max(xs) + NODE_WIDTH / 2,
            max(ys) + NODE_HEIGHT / 2,
        )


def column_x(layer: Layer) -> float:
    return int(layer) * (NODE_WIDTH + COLUMN_GAP)


def column_top(layout: EcosystemLayout) -> float:
    """The centre y of the highest computed node of any column (the titles go above)."""
    tallest = max((len(keys) for keys in layout.order.values()), default=0)
    return -(max(tallest, 1) - 1) * (NODE_HEIGHT + ROW_GAP) / 2


def layered_layout(
    map_graph: EcosystemGraph, saved: Mapping[str, Point] | None = None
) -> EcosystemLayout:
    """Where each node goes: its column and place in the column, or where it was saved."""
    order = layered_order(map_graph.graph)
    positions: dict[str, Point] = {}
    for layer, keys in order.items():
        for key, y in zip(keys, _heights(len(keys)), strict=True):
            positions[key] = (column_x(layer), y)
    placed = set()
    for key, point in (saved or {}).items():
        if key in positions:
            positions[key] = (float(point[0]), float(point[1]))
            placed.add(key)
    columns = {layer: column_x(layer) for layer in Layer}
    return EcosystemLayout(positions, columns, order, frozenset(placed))


def _heights(count: int) -> list[float]:
    pitch = NODE_HEIGHT + ROW_GAP
    return [(index - (count - 1) / 2) * pitch for index in range(count)]


def layered_order(graph: nx.Graph) -> dict[Layer, list[str]]:
    """Each layer's nodes top to bottom: first appearance, then crossings reduced."""
    order: dict[Layer, list[str]] = {layer: [] for layer in Layer}
    for key, data in graph.nodes(data=True):
        order[Layer(data["layer"])].append(key)
    for keys in order.values():
        keys.sort(key=lambda key: (graph.nodes[key]["node"].first_seen, key))
    best = {layer: list(keys) for layer, keys in order.items()}
    best_crossings = crossings(graph, best)
    layers = list(Layer)
    for sweep in range(SWEEPS):
        downwards = sweep % 2 == 0
        sequence = layers[1:] if downwards else layers[-2::-1]
        for layer in sequence:
            placed = _placed(order)
            fixed = {other for other in layers if (other < layer if downwards else other > layer)}
            order[layer] = _by_barycentre(graph, order[layer], placed, fixed)
        found = crossings(graph, order)
        if best_crossings is not None and found is not None and found < best_crossings:
            best, best_crossings = {k: list(v) for k, v in order.items()}, found
        elif best_crossings is None:
            best = {k: list(v) for k, v in order.items()}
    return best


def _placed(order: dict[Layer, list[str]]) -> dict[str, float]:
    heights: dict[str, float] = {}
    for keys in order.values():
        heights.update(zip(keys, _heights(len(keys)), strict=True))
    return heights


def _by_barycentre(
    graph: nx.Graph, keys: list[str], heights: dict[str, float], fixed: set[Layer]
) -> list[str]:
    """``keys`` sorted by the weighted mean height of their neighbours in ``fixed``
    layers; a node with no such neighbour keeps its own height."""
    wanted: dict[str, float] = {}
    for key in keys:
        total = weight_sum = 0.0
        for other, data in graph[key].items():
            if Layer(graph.nodes[other]["layer"]) in fixed:
                weight = float(data.get("weight", 1))
                total += heights[other] * weight
                weight_sum += weight
        wanted[key] = total / weight_sum if weight_sum else heights[key]
    position = {key: index for index, key in enumerate(keys)}
    return sorted(keys, key=lambda key: (wanted[key], position[key]))


def crossings(graph: nx.Graph, order: dict[Layer, list[str]]) -> int | None:
    """How many pairs of edges cross when each column is drawn in ``order`` (straight
    edges between columns; None when the map is too big to count)."""
    heights = _placed(order)
    by_pair: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for a, b in graph.edges():
        la, lb = graph.nodes[a]["layer"], graph.nodes[b]["layer"]
        if la > lb:
            a, b, la, lb = b, a, lb, la
        by_pair.setdefault((la, lb), []).append((heights[a], heights[b]))
    total = 0
    for edges in by_pair.values():
        if len(edges) > COUNT_LIMIT:
            return None
        total += sum(
            1 for (a1, b1), (a2, b2) in combinations(edges, 2) if (a1 - a2) * (b1 - b2) < 0
        )
    return total
