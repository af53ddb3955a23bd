"""Connector labels: wrapped to two lines at most, and boxed where they cover no card."""

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout.fonts import metrics
from app.layout.geometry import Rect
from app.layout.labels import (
    CANDIDATES_PER_SEGMENT,
    LABEL_GAP,
    LABEL_MAX_LINES,
    LABEL_MAX_WIDTH,
    LABEL_PAD_X,
    LABEL_PAD_Y,
    MAX_CANDIDATES,
    label_block,
    label_text,
    place_label,
)
from app.layout.routing import label_point
from app.layout.style import DEFAULT_STYLE


def cards_block(*cards: Rect):
    return lambda box: any(box.intersects(card) for card in cards)


def never(box: Rect) -> bool:
    return False


def always(box: Rect) -> bool:
    return True


def centred_on_longest(points, width: float, height: float) -> Rect:
    x, y = label_point(tuple(points))
    return Rect(x - width / 2, y - height / 2, width, height)


def segment_distance(box: Rect, a, b) -> float:
    """Distance from an axis-aligned box to the segment a–b (0 when they meet)."""

    def point_to_box(x: float, y: float) -> float:
        dx = max(box.x - x, 0.0, x - box.right)
        dy = max(box.y - y, 0.0, y - box.bottom)
        return (dx * dx + dy * dy) ** 0.5

    def point_to_segment(x: float, y: float) -> float:
        (ax, ay), (bx, by) = a, b
        length = (bx - ax) ** 2 + (by - ay) ** 2
        t = 0.0 if length == 0 else ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length
        t = min(1.0, max(0.0, t))
        px, py = ax + t * (bx - ax), ay + t * (by - ay)
        return ((x - px) ** 2 + (y - py) ** 2) ** 0.5

    # An axis-aligned segment meets the box when its bounding box does.
    if Rect(min(a[0], b[0]), min(a[1], b[1]), abs(b[0] - a[0]), abs(b[1] - a[1])).intersects(
        box
    ) or any(box.contains_point(*p) for p in (a, b)):
        return 0.0
    corners = [(box.x, box.y), (box.right, box.y), (box.x, box.bottom), (box.right, box.bottom)]
    return min(
        [point_to_box(*a), point_to_box(*b)] + [point_to_segment(*corner) for corner in corners]
    )


def route_distance(box: Rect, points) -> float:
    return min(segment_distance(box, a, b) for a, b in pairwise(points))


# --- label_block ------------------------------------------------------------------------


def test_a_short_label_is_one_line_with_its_padding() -> None:
    lines, width, height = label_block("books", DEFAULT_STYLE)
    size = DEFAULT_STYLE.hint_size
    assert lines == ("books",)
    assert width == metrics().width("books", size) + 2 * LABEL_PAD_X
    assert height == DEFAULT_STYLE.hint_line_height + 2 * LABEL_PAD_Y


def test_a_long_label_wraps_to_two_lines_ending_in_an_ellipsis() -> None:
    text = (
        "confirms the appointment by text message and e-mail, then sends a reminder "
        "the day before with directions to the clinic and the documents to bring"
    )
    lines, width, height = label_block(text, DEFAULT_STYLE)
    size = DEFAULT_STYLE.hint_size
    assert len(lines) == LABEL_MAX_LINES == 2
    assert lines[0].startswith("confirms the appointment")
    assert lines[1].endswith("…")
    assert all(metrics().width(line, size) <= LABEL_MAX_WIDTH for line in lines)
    assert width <= LABEL_MAX_WIDTH + 2 * LABEL_PAD_X
    assert width == max(metrics().width(line, size) for line in lines) + 2 * LABEL_PAD_X
    assert height == 2 * DEFAULT_STYLE.hint_line_height + 2 * LABEL_PAD_Y


def test_a_label_of_two_lines_keeps_every_word() -> None:
    text = "confirms the appointment by text message to the patient"
    lines, _, _ = label_block(text, DEFAULT_STYLE)
    assert len(lines) == 2
    assert " ".join(lines) == text


def test_line_breaks_become_spaces_and_a_blank_label_has_no_box() -> None:
    assert label_block("books\n  a slot", DEFAULT_STYLE)[0] == ("books a slot",)
    assert label_block(" \n\t", DEFAULT_STYLE) == ((), 0.0, 0.0)


def test_a_long_word_is_broken_and_elided_within_the_width() -> None:
    lines, width, _ = label_block("x" * 500, DEFAULT_STYLE)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert width <= LABEL_MAX_WIDTH + 2 * LABEL_PAD_X


def test_the_text_sits_inside_the_box() -> None:
    lines, width, height = label_block("confirms the appointment by text message and e-mail")
    box = Rect(10.0, 20.0, width, height)
    block = label_text(lines, box)
    assert block.lines == lines
    assert (block.x, block.y) == (box.x + LABEL_PAD_X, box.y + LABEL_PAD_Y)
    assert block.y + block.height <= box.bottom + 1e-9
    for line in block.lines:
        assert block.x + metrics().width(line, block.size) <= box.right - LABEL_PAD_X + 1e-9


# --- place_label --------------------------------------------------------------------------

# Out of the source card's right side, down a channel, along a lane boundary, into the target.
ROUTE = ((100.0, 50.0), (120.0, 50.0), (120.0, 200.0), (400.0, 200.0), (400.0, 260.0))


def test_a_free_route_gets_the_box_centred_on_its_longest_segment() -> None:
    box = place_label(ROUTE, 60.0, 12.0, never)
    assert box == Rect(260.0 - 30.0, 200.0 - 6.0, 60.0, 12.0)
    assert box == centred_on_longest(ROUTE, 60.0, 12.0)


def test_a_card_over_the_middle_moves_the_box_off_it_and_keeps_it_on_the_route() -> None:
    card = Rect(230.0, 180.0, 60.0, 40.0)  # over (260, 200), the longest segment's middle
    box = place_label(ROUTE, 60.0, 12.0, cards_block(card))
    assert box is not None
    assert not box.intersects(card)
    assert route_distance(box, ROUTE) <= LABEL_GAP + 1e-9
    assert (box.w, box.h) == (60.0, 12.0)


def test_a_box_goes_beside_the_segment_when_along_it_is_blocked() -> None:
    # A thin obstacle all along the horizontal route: only a box above or below is free.
    points = ((0.0, 100.0), (200.0, 100.0))
    strip = Rect(-50.0, 99.0, 300.0, 2.0)
    box = place_label(points, 40.0, 10.0, cards_block(strip))
    assert box == Rect(80.0, 100.0 - LABEL_GAP - 10.0, 40.0, 10.0)  # above, at the middle
    # A vertical route: left of it first, then right.
    points = ((100.0, 0.0), (100.0, 200.0))
    strip = Rect(99.0, -50.0, 2.0, 300.0)
    left = Rect(100.0 - LABEL_GAP - 40.0, 95.0, 40.0, 10.0)
    assert place_label(points, 40.0, 10.0, cards_block(strip)) == left
    assert place_label(points, 40.0, 10.0, cards_block(strip, left)) == Rect(
        100.0 + LABEL_GAP, 95.0, 40.0, 10.0
    )


def test_a_fully_blocked_route_keeps_the_centred_box() -> None:
    assert place_label(ROUTE, 60.0, 12.0, always) == centred_on_longest(ROUTE, 60.0, 12.0)


def test_a_route_of_fewer_than_two_points_has_no_box() -> None:
    assert place_label((), 10.0, 10.0, never) is None
    assert place_label(((1.0, 2.0),), 10.0, 10.0, never) is None
    # A route of one point repeated still gets a box, centred on it.
    assert place_label(((5.0, 5.0), (5.0, 5.0)), 10.0, 4.0, always) == Rect(0.0, 3.0, 10.0, 4.0)


def test_blocked_is_called_a_bounded_number_of_times_and_never_twice_for_a_box() -> None:
    for points in (ROUTE, tuple((float(i * 7 % 13), float(i * 5 % 11)) for i in range(300))):
        calls: list[Rect] = []

        def count(box: Rect, calls=calls) -> bool:
            calls.append(box)
            return True

        place_label(points, 50.0, 12.0, count)
        segments = len(points) - 1
        assert len(calls) <= min(MAX_CANDIDATES, CANDIDATES_PER_SEGMENT * segments)
        assert len(set(calls)) == len(calls)
    calls.clear()
    place_label(((0.0, 0.0), (100.0, 0.0)), 20.0, 8.0, count)
    assert 0 < len(calls) <= CANDIDATES_PER_SEGMENT


coordinate = st.floats(min_value=-500.0, max_value=500.0, allow_nan=False).map(
    lambda v: round(v, 1)
)


@st.composite
def orthogonal_routes(draw) -> tuple[tuple[float, float], ...]:
    x, y = draw(coordinate), draw(coordinate)
    points = [(x, y)]
    for index in range(draw(st.integers(min_value=1, max_value=6))):
        if index % 2 == draw(st.integers(min_value=0, max_value=1)):
            x = draw(coordinate)
        else:
            y = draw(coordinate)
        points.append((x, y))
    return tuple(points)


boxes = st.builds(
    Rect,
    coordinate,
    coordinate,
    st.floats(min_value=1.0, max_value=300.0),
    st.floats(min_value=1.0, max_value=200.0),
)


@settings(max_examples=300, deadline=None)
@given(
    points=orthogonal_routes(),
    cards=st.lists(boxes, max_size=12),
    width=st.floats(min_value=4.0, max_value=140.0),
    height=st.floats(min_value=4.0, max_value=30.0),
)
def test_the_box_covers_no_card_or_is_the_centred_fallback(points, cards, width, height) -> None:
    calls = 0

    def blocked(box: Rect) -> bool:
        nonlocal calls
        calls += 1
        return any(box.intersects(card) for card in cards)

    box = place_label(points, width, height, blocked)
    assert box is not None
    assert (box.w, box.h) == (width, height)
    assert calls <= min(MAX_CANDIDATES, CANDIDATES_PER_SEGMENT * (len(points) - 1))
    fallback = centred_on_longest(points, width, height)
    assert box == fallback or not any(box.intersects(card) for card in cards)
    assert route_distance(box, points) <= LABEL_GAP + 1e-6
    if not cards:
        assert box == fallback
