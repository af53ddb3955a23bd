"""A poster at true scale over sheets, read back with pypdf: the assembly page first, the
sheet count for an A0 poster on A4 and on A3, each sheet's label, the overlap between
neighbours as the offsets of the one poster form placed on every sheet, and the clip to
the printed area."""

import math

import pytest
from pdf_helpers import RecordingDecoration, as_is, page_sizes, page_texts
from pypdf import PdfReader
from reportlab.pdfbase import pdfdoc

from app.export.paper import MAX_PAGE_SIDE, MM, PAPERS, PaperError, parse_paper
from app.export.pdf_export import PdfOptions, blueprint_geometry, export_pdf, plan_pdf
from app.export.pdf_streams import ascii_form_content
from app.export.pdf_tiles import plan_tiles, row_letter

A0_LANDSCAPE = (1189 * MM, 841 * MM)
NAME = "Physical health check (as-is)"


def expected_grid(poster, sheet, margin_mm=10, overlap_mm=10):
    """Rows and columns of sheets (of ``sheet`` size, as oriented) covering ``poster``."""
    content = (sheet[0] - 2 * margin_mm * MM, sheet[1] - 2 * margin_mm * MM)
    overlap = overlap_mm * MM
    columns = math.ceil((poster[0] - overlap) / (content[0] - overlap))
    rows = math.ceil((poster[1] - overlap) / (content[1] - overlap))
    return rows, columns


def placements(path):
    """Per sheet page: the clip rectangle and the (x, y) offset the poster form is placed
    at (the translation just before the form is drawn)."""
    found = []
    for page in PdfReader(path).pages[1:]:
        operations = page.get_contents().operations
        names = [op for _operands, op in operations]
        if b"Do" not in names:
            continue
        do = names.index(b"Do")
        clip = max(i for i in range(do) if names[i] == b"re")
        assert names[clip + 1] in (b"W", b"W*") and names[clip + 2] == b"n"
        move = max(i for i in range(do) if names[i] == b"cm")
        found.append(
            (
                [float(v) for v in operations[clip][0]],
                tuple(float(v) for v in operations[move][0][4:6]),
            )
        )
    return found


def test_row_letters_run_on_past_z():
    assert [row_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


@pytest.mark.parametrize(
    ("tile", "orientation", "grid"),
    [("A4", "landscape", (5, 5)), ("A3", "portrait", (3, 5))],
)
def test_an_a0_poster_over_sheets(sample_project, tmp_path, tile, orientation, grid):
    """--paper A0 --tile A4: the A0 page as a poster, cut into the fewest sheets."""
    out = tmp_path / "poster.pdf"
    result = export_pdf(
        sample_project.session, as_is(sample_project), out, PdfOptions(paper="A0", tile=tile)
    )
    short, long = PAPERS[tile]
    sheet = (long, short) if orientation == "landscape" else (short, long)
    assert result.tiles == grid == expected_grid(A0_LANDSCAPE, sheet)
    rows, columns = grid
    assert result.pages == 1 + rows * columns
    sizes = page_sizes(out)
    assert len(sizes) == result.pages
    assert sizes[0] == pytest.approx((long, short))  # the assembly page, turned as the poster
    assert all(size == pytest.approx(sheet) for size in sizes[1:])
    assert result.page_size == pytest.approx(sheet)
    texts = page_texts(out)
    assert texts[0].startswith(f"Assembly: {NAME}")
    assert f"{rows} rows x {columns} columns = {rows * columns} sheets of {tile}" in texts[0]
    for index, text in enumerate(texts[1:]):
        row, column = divmod(index, columns)
        label = f"{row_letter(row)}{column + 1}"
        assert (
            f"{label} · {NAME} · row {row_letter(row)} of {rows}, "
            f"column {column + 1} of {columns} · overlap 10 mm"
        ) in text
        assert label in texts[0]  # on its cell of the assembly page's grid


@pytest.mark.parametrize("overlap_mm", [10, 25])
def test_neighbouring_sheets_overlap_by_the_overlap(sample_project, tmp_path, overlap_mm):
    out = tmp_path / "poster.pdf"
    options = PdfOptions(paper="A0", tile="A4", overlap_mm=overlap_mm, margin_mm=12)
    result = export_pdf(sample_project.session, as_is(sample_project), out, options)
    rows, columns = result.tiles
    margin, overlap = 12 * MM, overlap_mm * MM
    width, height = result.page_size[0] - 2 * margin, result.page_size[1] - 2 * margin
    placed = placements(out)
    assert len(placed) == rows * columns
    for clip, _offset in placed:
        assert clip == pytest.approx([margin, margin, width, height], abs=0.01)
    offsets = [offset for _clip, offset in placed]
    for index, (x, y) in enumerate(offsets):
        row, column = divmod(index, columns)
        if column + 1 < columns:  # the next sheet to the right shows the poster further right
            assert offsets[index + 1][0] == pytest.approx(x - (width - overlap))
            assert offsets[index + 1][1] == pytest.approx(y)
        if row + 1 < rows:  # the sheet below shows the poster further down (y up in PDF)
            assert offsets[index + columns][1] == pytest.approx(y + (height - overlap))
            assert offsets[index + columns][0] == pytest.approx(x)
    # The sheets cover the whole poster: each region's left and bottom edge on the poster
    # is where the form's origin is moved to, seen from the printed area's corner.
    poster_w, poster_h = A0_LANDSCAPE
    lefts = [margin - x for x, _y in offsets]
    bottoms = [margin - y for _x, y in offsets]
    assert lefts[0] <= 1e-6 and bottoms[0] + height >= poster_h - 1e-6  # top left
    assert lefts[columns - 1] + width >= poster_w - 1e-6  # right
    assert bottoms[-1] <= 1e-6  # bottom


def test_the_poster_is_one_form_placed_on_every_sheet(sample_project, tmp_path):
    out = tmp_path / "poster.pdf"
    export_pdf(sample_project.session, as_is(sample_project), out, PdfOptions(tile="A4"))
    reader = PdfReader(out)
    posters, marks = set(), set()
    for page in reader.pages[1:]:
        xobjects = page["/Resources"]["/XObject"]
        posters |= {ref.idnum for name, ref in xobjects.items() if "poster" in name}
        marks |= {ref.idnum for name, ref in xobjects.items() if "marks" in name}
        assert len(xobjects) == 2  # the poster, and the marks of this kind of sheet
    assert len(posters) == 1
    assert 1 <= len(marks) <= 9  # corners, edges and middles share theirs
    poster = reader.get_object(posters.pop())
    assert poster["/Subtype"] == "/Form"
    # The form holds the cards; a sheet holds where it goes, and its label.
    sheet_stream = reader.pages[1].get_contents().get_data()
    assert len(sheet_stream) < 600 < len(poster.get_data()) / 20


def test_tiles_of_a_page_sized_to_the_map_are_at_true_scale(sample_project, tmp_path):
    session, blueprint = sample_project.session, as_is(sample_project)
    geometry = blueprint_geometry(session, blueprint)
    plan = plan_pdf(session, blueprint, PdfOptions(tile="letter"))
    assert plan.scale == 1.0
    assert plan.poster_size[0] == pytest.approx(geometry.width)  # no margin of its own
    rows, columns = plan.tiles
    assert (rows, columns) == expected_grid(plan.poster_size, plan.page_size)
    assert len(plan.sheets) == rows * columns == plan.pages - 1
    assert [s.label for s in plan.sheets[:2]] == ["A1", "A2"]
    half = plan_pdf(session, blueprint, PdfOptions(tile="letter", scale=50))
    assert half.scale == 0.5
    assert half.poster_size[0] == pytest.approx(plan.poster_size[0] / 2)


def test_tiles_are_never_refused_for_size(grown_project, tmp_path):
    """A map too wide for any page prints at true scale over sheets."""
    out = tmp_path / "wall.pdf"
    options = PdfOptions(tile="A3", decorations=(RecordingDecoration(keys=1),))
    result = export_pdf(grown_project.session, as_is(grown_project), out, options)
    rows, columns = result.tiles
    plan = plan_pdf(grown_project.session, as_is(grown_project), PdfOptions(tile="A3"))
    assert plan.poster_size[0] > MAX_PAGE_SIDE and plan.scale == 1.0
    assert columns == expected_grid(plan.poster_size, result.page_size)[1]
    assert result.pages == 1 + rows * columns + 1
    assert PdfReader(out).pages[-1].extract_text().strip() == "KEY PAGE 1"


def test_orientation_chooses_the_sheets_of_a_poster_sized_to_the_map(sample_project):
    session, blueprint = sample_project.session, as_is(sample_project)
    for orientation in ("landscape", "portrait"):
        plan = plan_pdf(session, blueprint, PdfOptions(tile="A4", orientation=orientation))
        assert plan.orientation == orientation
        wide = plan.page_size[0] > plan.page_size[1]
        assert wide == (orientation == "landscape")


def test_too_many_sheets_or_too_wide_an_overlap_are_refused():
    a4 = parse_paper("A4")
    with pytest.raises(PaperError, match="sheets of A4; use a smaller --scale"):
        plan_tiles((400_000.0, 40_000.0), a4, "auto", 10 * MM, 10 * MM)
    with pytest.raises(PaperError, match="smaller --overlap or --margin"):
        plan_tiles((2000.0, 2000.0), a4, "auto", 100 * MM, 10 * MM)


def test_the_poster_form_content_is_the_bytes_reportlab_would_write():
    original = pdfdoc.pdfdocEnc
    samples = ["q 1 0 0 1 2.5 3 cm (A\\(b\\)\\351) Tj Q\n", "café", "\x18 no byte", b"raw"]

    def encoded(encode, sample):
        try:
            return encode(sample)
        except UnicodeEncodeError as error:
            return type(error)

    expected = [encoded(original, sample) for sample in samples]
    with ascii_form_content():
        assert pdfdoc.pdfdocEnc is not original
        assert [encoded(pdfdoc.pdfdocEnc, sample) for sample in samples] == expected
    assert pdfdoc.pdfdocEnc is original
