"""Paper names and sizes, orientation, scale, margins and overlap: each parsed, or refused
with one line saying what to use; and the 14,400-point page limit."""

import math

import pytest

from app.export.paper import (
    MAX_PAGE_SIDE,
    MM,
    PaperError,
    check_page,
    margin_points,
    overlap_points,
    parse_orientation,
    parse_paper,
    parse_tile_paper,
    scale_factor,
)

SIZES_IN_POINTS = {
    "A0": (2384, 3370),
    "A1": (1684, 2384),
    "A2": (1191, 1684),
    "A3": (842, 1191),
    "A4": (595, 842),
    "letter": (612, 792),
    "tabloid": (792, 1224),
}


@pytest.mark.parametrize("name", SIZES_IN_POINTS)
def test_standard_papers_are_their_sizes_in_points(name):
    paper = parse_paper(name)
    assert paper.name == name
    assert tuple(round(side) for side in paper.size) == SIZES_IN_POINTS[name]


def test_paper_names_ignore_case_and_spaces():
    assert parse_paper(" a3 ").name == "A3"
    assert parse_paper("LETTER").name == "letter"
    assert parse_paper("Fit").fit
    assert parse_paper(None).fit


@pytest.mark.parametrize("text", ["600x400mm", "600 x 400 mm", "600×400MM", "600.0x400mm"])
def test_custom_sizes_are_millimetres(text):
    paper = parse_paper(text)
    assert paper.name == "600x400mm"
    assert paper.size == pytest.approx((600 * MM, 400 * MM))


@pytest.mark.parametrize("text", ["B5", "600x400", "600mm", "x400mm", "A4 landscape", ""])
def test_an_unknown_paper_says_what_to_use(text):
    if text == "":
        assert parse_paper(text).fit  # empty means the default, a page sized to the map
        return
    with pytest.raises(PaperError) as caught:
        parse_paper(text)
    message = str(caught.value)
    assert "\n" not in message
    assert "A4" in message and "600x400mm" in message and "fit" in message


def test_a_custom_paper_too_small_is_refused():
    with pytest.raises(PaperError, match="at least 50 mm"):
        parse_paper("20x300mm")


def test_a_custom_paper_larger_than_a_pdf_page_suggests_tiles():
    parse_paper("5080x900mm")  # 14,400 points: the largest page a viewer shows
    with pytest.raises(PaperError, match="--tile"):
        parse_paper("6000x900mm")


def test_orientations_are_in_either_order_of_the_sides():
    a4 = parse_paper("A4")
    assert a4.candidates("landscape") == [("landscape", (a4.size[1], a4.size[0]))]
    assert a4.candidates("portrait") == [("portrait", a4.size)]
    assert [name for name, _size in a4.candidates("auto")] == ["landscape", "portrait"]
    wide = parse_paper("600x400mm")
    assert wide.candidates("portrait")[0][1] == pytest.approx((400 * MM, 600 * MM))


def test_orientation_names():
    assert parse_orientation(None) == "auto"
    assert parse_orientation(" Landscape") == "landscape"
    with pytest.raises(PaperError, match="auto, landscape or portrait"):
        parse_orientation("sideways")


@pytest.mark.parametrize(
    ("value", "factor"), [(None, None), (100, 1.0), (50, 0.5), ("25%", 0.25), (" 12.5 ", 0.125)]
)
def test_scale_is_a_percentage(value, factor):
    assert scale_factor(value) == factor


@pytest.mark.parametrize("value", [0, -5, 1001, "abc", math.nan, math.inf, "", True])
def test_a_scale_out_of_range_is_refused(value):
    with pytest.raises(PaperError, match="percentage above 0"):
        scale_factor(value)


def test_margins_and_overlaps_are_millimetres_in_range():
    assert margin_points(10) == pytest.approx(10 * MM)
    assert margin_points(0) == 0
    assert overlap_points(15) == pytest.approx(15 * MM)
    with pytest.raises(PaperError, match="margin must be between 0 and 100 mm"):
        margin_points(-1)
    with pytest.raises(PaperError, match="overlap must be between 0 and 50 mm"):
        overlap_points(80)
    with pytest.raises(PaperError, match="overlap"):
        overlap_points("wide")


def test_tiles_go_on_a4_a3_or_letter():
    assert parse_tile_paper("a4").name == "A4"
    assert parse_tile_paper("Letter").name == "letter"
    for bad in ("A0", "tabloid", "300x300mm"):
        with pytest.raises(PaperError, match="A4, A3 or letter"):
            parse_tile_paper(bad)


def test_a_page_side_over_14400_points_is_refused_with_the_tile_option_named():
    check_page(MAX_PAGE_SIDE, 100.0)
    check_page(100.0, MAX_PAGE_SIDE)
    with pytest.raises(PaperError) as caught:
        check_page(MAX_PAGE_SIDE + 1, 100.0)
    message = str(caught.value)
    assert "--tile A4|A3|letter" in message
    assert "14,401 x 100 pt" in message and "5,080 mm" in message
    assert "\n" not in message
