"""The ecosystem map's layered layout: one column per layer, the same picture every time,
crossings reduced by barycentre sweeps, and saved positions in place of computed ones."""

from __future__ import annotations

import itertools

import networkx as nx

from app.analysis.ecosystem import EcosystemGraph, EcosystemNode, Layer, build_ecosystem
from app.analysis.ecosystem_layout import (
    NODE_HEIGHT,
    crossings,
    layered_layout,
    layered_order,
)
from app.model.project_file import ProjectFile


def hand_graph(nodes: list[tuple[str, Layer, int]], edges: list[tuple[str, str]]) -> EcosystemGraph:
    graph = nx.Graph()
    for key, layer, first in nodes:
        node = EcosystemNode(key, layer, key, "process", key, (), first)
        graph.add_node(key, node=node, layer=int(layer))
    for a, b in edges:
        graph.add_edge(a, b, weight=1)
    return EcosystemGraph(None, "hand", graph)


def test_barycentre_sweeps_untangle_crossed_edges() -> None:
    # First seen: a, b among people; x, y among channels; a-y and b-x cross.
    crossed = hand_graph(
        [
            ("a", Layer.PEOPLE, 0),
            ("b", Layer.PEOPLE, 1),
            ("x", Layer.TOUCHPOINTS, 0),
            ("y", Layer.TOUCHPOINTS, 1),
            ("p", Layer.PROCESSES, 0),
            ("q", Layer.PROCESSES, 1),
        ],
        [("a", "y"), ("b", "x"), ("x", "q"), ("y", "p")],
    )
    start = {
        Layer.PEOPLE: ["a", "b"],
        Layer.TOUCHPOINTS: ["x", "y"],
        Layer.PROCESSES: ["p", "q"],
        Layer.SYSTEMS: [],
    }
    assert crossings(crossed.graph, start) == 2
    order = layered_order(crossed.graph)
    assert crossings(crossed.graph, order) == 0
    assert order[Layer.PEOPLE] == ["a", "b"]  # the first layer keeps the journey's order


def test_nodes_stand_in_one_column_per_layer_without_overlapping(
    sample_file: ProjectFile,
) -> None:
    found = build_ecosystem(sample_file.session)
    layout = layered_layout(found)
    columns = {}
    for node in found.nodes:
        x, _y = layout.positions[node.key]
        columns.setdefault(node.layer, set()).add(x)
    assert all(len(xs) == 1 for xs in columns.values())
    xs = [next(iter(columns[layer])) for layer in Layer]
    assert xs == sorted(xs) and len(set(xs)) == 4  # people left, systems right
    for layer in Layer:
        ys = sorted(layout.positions[n.key][1] for n in found.layer(layer))
        assert all(b - a >= NODE_HEIGHT for a, b in itertools.pairwise(ys))
        assert abs(ys[0] + ys[-1]) < 1e-6  # each column centred on the map's middle
    assert layout.placed == frozenset()


def test_the_layout_is_the_same_every_time(sample_file: ProjectFile) -> None:
    first = layered_layout(build_ecosystem(sample_file.session))
    second = layered_layout(build_ecosystem(sample_file.session))
    assert first.positions == second.positions
    assert first.order == second.order


def test_saved_positions_replace_computed_ones(sample_file: ProjectFile) -> None:
    found = build_ecosystem(sample_file.session)
    computed = layered_layout(found)
    layout = layered_layout(found, {"channel:phone": (10.0, -500.0), "channel:gone": (1.0, 2.0)})
    assert layout.positions["channel:phone"] == (10.0, -500.0)
    assert "channel:gone" not in layout.positions  # a node no longer on the map is ignored
    assert layout.placed == {"channel:phone"}
    others = {k: p for k, p in layout.positions.items() if k != "channel:phone"}
    assert others == {k: p for k, p in computed.positions.items() if k != "channel:phone"}
    left, top, _right, _bottom = layout.bounds()
    assert top <= -500.0 - NODE_HEIGHT / 2 and left < 10.0
