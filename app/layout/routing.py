"""Orthogonal connector routes that run in the empty channels between columns and between
lanes, so that they do not cross cards."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from app.layout.geometry import Rect

Point = tuple[float, float]


def _simplify(points: list[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle one of three in a straight line."""
    out: list[Point] = []
    for point in points:
        if out and abs(out[-1][0] - point[0]) < 1e-6 and abs(out[-1][1] - point[1]) < 1e-6:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 1e-6 and abs(bx - point[0]) < 1e-6) or (
                abs(ay - by) < 1e-6 and abs(by - point[1]) < 1e-6
            ):
                out[-1] = point
                continue
        out.append(point)
    return tuple(out)


def route(
    source: Rect,
    target: Rect,
    source_column: Rect,
    target_column: Rect,
    channel_y: float,
    column_is_clear: bool,
) -> tuple[Point, ...]:
    """The route from ``source`` to ``target``.

    ``channel_y`` is a lane boundary next to the target's lane (a horizontal channel);
    ``column_is_clear`` says no card stands between the two in a shared column.
    """
    sx, sy = source.center
    tx, ty = target.center
    if abs(source_column.x - target_column.x) < 1e-6:
        if column_is_clear:
            if ty > sy:
                return _simplify([(sx, source.bottom), (tx, target.y)])
            return _simplify([(sx, source.y), (tx, target.bottom)])
        lane_x = source_column.right
        return _simplify([(source.right, sy), (lane_x, sy), (lane_x, ty), (target.right, ty)])
    if target_column.x > source_column.x:
        out_x, in_x = source_column.right, target_column.x
        start, end = (source.right, sy), (target.x, ty)
    else:
        out_x, in_x = source_column.x, target_column.right
        start, end = (source.x, sy), (target.right, ty)
    if abs(out_x - in_x) < 1e-6:
        return _simplify([start, (out_x, sy), (out_x, ty), end])
    return _simplify([start, (out_x, sy), (out_x, channel_y), (in_x, channel_y), (in_x, ty), end])


def label_point(points: tuple[Point, ...], boundaries: Sequence[float]) -> Point | None:
    """Where a label reads best without covering a card: centred on the route where it
    runs along a lane boundary (cards keep a cell's padding away from those), else where
    it first crosses one, else (a route within one lane) the middle of its longest
    segment. ``boundaries`` are the heights of the lane boundaries, top to bottom.

    Each choice keeps its place within its lane when lanes grow taller, so a label never
    has to be placed again because another lane changed height.
    """
    segments = list(itertools.pairwise(points))
    for (ax, ay), (bx, by) in segments:
        if abs(ay - by) < 1e-6 and _on_boundary(ay, boundaries):
            return ((ax + bx) / 2, ay)
    for (ax, ay), (_bx, by) in segments:
        top, bottom = sorted((ay, by))
        index = bisect.bisect_right(boundaries, top + 1e-6)
        if index < len(boundaries) and boundaries[index] < bottom - 1e-6:
            return (ax, boundaries[index])
    best: tuple[float, Point] | None = None
    for (ax, ay), (bx, by) in segments:
        length = abs(bx - ax) + abs(by - ay)
        if best is None or length > best[0]:
            best = (length, ((ax + bx) / 2, (ay + by) / 2))
    return best[1] if best else None


def _on_boundary(y: float, boundaries: Sequence[float]) -> bool:
    index = bisect.bisect_left(boundaries, y - 1e-6)
    return index < len(boundaries) and abs(boundaries[index] - y) < 1e-6
