"""Connector labels: their wrapped text, the size of their box, and a place for the box
along the route where it does not cover a card.

``label_block`` measures a label with the shipped font's metrics (at most two lines, the
second one elided with "…" when the text is longer). ``place_label`` tries a short,
fixed list of boxes along the route and keeps the first one that the caller's ``blocked``
test accepts:

1. centred on the middle of each segment, longest segments first;
2. centred on the segment at other points along it (``SLIDE_FRACTIONS``), longest first;
3. beside the segment, ``LABEL_GAP`` away from it (above then below a horizontal segment,
   left then right of a vertical one), first at the middle of every segment, then at the
   other points along them.

Should every one of them be blocked, the label keeps the box centred on the middle of the
longest segment, the point ``routing.label_point`` gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

from app.layout.fonts import metrics
from app.layout.geometry import Rect, TextBlock
from app.layout.style import DEFAULT_STYLE, LayoutStyle
from app.layout.wrap import clean, wrap

Point = tuple[float, float]

LABEL_MAX_WIDTH = 130.0  # widest line of a label, in points
LABEL_MAX_LINES = 2
LABEL_PAD_X = 3.0  # white ground left and right of the text
LABEL_PAD_Y = 1.5  # white ground above and below the text
LABEL_GAP = 1.5  # between the route and a box set beside it
ELLIPSIS = "…"

# Where a box is centred along a segment when its middle is blocked (0 and 1 are the ends),
# nearest the middle first.
SLIDE_FRACTIONS = (1 / 3, 2 / 3, 1 / 6, 5 / 6, 0.0, 1.0)
# Points along a segment where a box is tried beside it: the middle, then some of the above.
SIDE_FRACTIONS = (0.5, 1 / 3, 2 / 3, 1 / 6, 5 / 6)
# Boxes tried on one segment, and on a whole route whatever its length: ``blocked`` is
# called at most min(MAX_CANDIDATES, CANDIDATES_PER_SEGMENT * segments) times.
CANDIDATES_PER_SEGMENT = 1 + len(SLIDE_FRACTIONS) + 2 * len(SIDE_FRACTIONS)
MAX_CANDIDATES = 64


def label_block(
    text: str, style: LayoutStyle = DEFAULT_STYLE
) -> tuple[tuple[str, ...], float, float]:
    """The label's lines and the width and height of its box, padding included.

    Line breaks and runs of white space in ``text`` become single spaces; the text is
    wrapped to ``LABEL_MAX_WIDTH`` (times ``style.text_slack``) at ``style.hint_size``, keeping
    at most ``LABEL_MAX_LINES`` lines, the last ending in "…" when text was left out. Lines are
    ``style.hint_line_height`` apart. A blank label has no lines and a 0 × 0 box.
    """
    words = " ".join(clean(text).split())
    if not words:
        return (), 0.0, 0.0
    size = style.hint_size
    limit = LABEL_MAX_WIDTH * style.text_slack
    lines = wrap(words, limit, size)
    if len(lines) > LABEL_MAX_LINES:
        lines = (*lines[: LABEL_MAX_LINES - 1], _elide(lines[LABEL_MAX_LINES - 1], limit, size))
    measure = metrics().width
    width = max(measure(line, size) for line in lines) + 2 * LABEL_PAD_X
    height = len(lines) * style.hint_line_height + 2 * LABEL_PAD_Y
    return lines, width, height


def label_text(lines: Sequence[str], box: Rect, style: LayoutStyle = DEFAULT_STYLE) -> TextBlock:
    """The lines of ``label_block`` drawn in ``box`` (a box of its size), inside the padding."""
    size = style.hint_size
    return TextBlock(
        tuple(lines),
        box.x + LABEL_PAD_X,
        box.y + LABEL_PAD_Y,
        size,
        style.hint_line_height,
        metrics().ascent * size,
    )


def _elide(line: str, width: float, size: float) -> str:
    """``line`` cut short enough that it fits ``width`` with an ellipsis after it."""
    measure = metrics().width
    if measure(line + ELLIPSIS, size) <= width:
        return line + ELLIPSIS
    low, high = 0, len(line)  # the longest prefix that fits is line[:low]
    while low < high:
        middle = (low + high + 1) // 2
        if measure(line[:middle].rstrip() + ELLIPSIS, size) <= width:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + ELLIPSIS


def place_label(
    points: Sequence[Point],
    width: float,
    height: float,
    blocked: Callable[[Rect], bool],
) -> Rect | None:
    """The box, ``width`` × ``height``, where the label of the route ``points`` goes.

    ``blocked(box)`` says whether a box would cover a card (or anything else it must not);
    the first box it accepts is returned, in the order told in the module's docstring, and
    no box is tested twice. When it accepts none, the box centred on the middle of the
    longest segment is returned (the first segment of the longest, as ``label_point``).
    None only when the route has fewer than two points.
    """
    if len(points) < 2:
        return None
    # Longest first; sorted() is stable, so of equal lengths the earlier in the route wins.
    segments = sorted(
        (
            ((float(ax), float(ay)), (float(bx), float(by)))
            for (ax, ay), (bx, by) in pairwise(points)
        ),
        key=lambda segment: -_length(segment),
    )
    fallback = _centred(_along(segments[0], 0.5), width, height)
    tried: set[Rect] = set()
    for box in _candidates([s for s in segments if _length(s) > 1e-9], width, height):
        if len(tried) >= MAX_CANDIDATES:
            break
        if box in tried:
            continue
        tried.add(box)
        if not blocked(box):
            return box
    return fallback


def _length(segment: tuple[Point, Point]) -> float:
    (ax, ay), (bx, by) = segment
    return abs(bx - ax) + abs(by - ay)


def _along(segment: tuple[Point, Point], t: float) -> Point:
    (ax, ay), (bx, by) = segment
    return ((1 - t) * ax + t * bx, (1 - t) * ay + t * by)


def _centred(centre: Point, width: float, height: float) -> Rect:
    return Rect(centre[0] - width / 2, centre[1] - height / 2, width, height)


def _beside(segment: tuple[Point, Point], t: float, width: float, height: float) -> Iterator[Rect]:
    """The two boxes next to the segment at ``t``: above, below (or left, right)."""
    (ax, ay), (bx, by) = segment
    x, y = _along(segment, t)
    if abs(bx - ax) >= abs(by - ay):
        yield Rect(x - width / 2, y - LABEL_GAP - height, width, height)
        yield Rect(x - width / 2, y + LABEL_GAP, width, height)
    else:
        yield Rect(x - LABEL_GAP - width, y - height / 2, width, height)
        yield Rect(x + LABEL_GAP, y - height / 2, width, height)


def _candidates(segments: list[tuple[Point, Point]], width: float, height: float) -> Iterator[Rect]:
    for segment in segments:
        yield _centred(_along(segment, 0.5), width, height)
    for segment in segments:
        for t in SLIDE_FRACTIONS:
            yield _centred(_along(segment, t), width, height)
    for segment in segments:
        yield from _beside(segment, SIDE_FRACTIONS[0], width, height)
    for segment in segments:
        for t in SIDE_FRACTIONS[1:]:
            yield from _beside(segment, t, width, height)
