"""Orthogonal connector routes that run in the empty channels between columns and between
lanes, so that they do not cross cards."""

from __future__ import annotations

import itertools

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


def label_point(points: tuple[Point, ...]) -> Point | None:
    """The middle of the longest segment, where a label reads best."""
    best: tuple[float, Point] | None = None
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        length = abs(bx - ax) + abs(by - ay)
        if best is None or length > best[0]:
            best = (length, ((ax + bx) / 2, (ay + by) / 2))
    return best[1] if best else None
