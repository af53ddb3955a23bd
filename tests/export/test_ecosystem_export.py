"""The ecosystem map's exports: a one-page PDF whose text (title, legend, column titles,
every node's label) reads back, in the embedded font, at the saved positions; a PNG of the
expected size that is not blank; the same map for the whole project or one blueprint; and
the PDF made without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage

from app.analysis.ecosystem import LAYER_TITLES, Layer, build_ecosystem
from app.analysis.ecosystem_layout import NODE_HEIGHT, column_x
from app.export.ecosystem_drawing import edge_route, label_lines
from app.export.ecosystem_image import write_ecosystem_png
from app.export.ecosystem_pdf import ecosystem_picture, write_ecosystem_pdf
from app.export.output_file import ExportError
from app.model.ops_ecosystem import set_positions
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME

TO_BE = "Physical health check (to-be)"


def pdf_text(path: Path) -> tuple[str, PdfReader]:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages), reader


def test_the_pdf_names_every_node_with_title_and_legend(
    sample_file: ProjectFile, tmp_path: Path
) -> None:
    out = tmp_path / "map.pdf"
    width, height = write_ecosystem_pdf(sample_file.session, out)
    text, reader = pdf_text(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((width, height), abs=0.01)
    assert "Service ecosystem map: All blueprints" in text
    for title in LAYER_TITLES.values():
        assert text.count(title) >= 2  # in the legend and above its column
    for node in build_ecosystem(sample_file.session).nodes:
        for line in label_lines(node.label):
            assert line in text, line
    assert "GP clinical system" in text and "Sam" in text
    assert reader.metadata.title == "Service ecosystem map: All blueprints"
    assert reader.metadata.subject == SAMPLE_NAME
    fonts = {
        str(font["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].get_object().values()
    }
    assert any("DejaVuSans" in font for font in fonts)


def test_one_blueprint_by_name_on_a_named_paper(sample_file: ProjectFile, tmp_path: Path) -> None:
    out = tmp_path / "to-be.pdf"
    page = write_ecosystem_pdf(sample_file.session, out, TO_BE.upper(), paper="A4")
    assert page == pytest.approx((841.89, 595.28), abs=0.01)  # A4, turned for a wide map
    text, _reader = pdf_text(out)
    assert f"Service ecosystem map: {TO_BE}" in text
    # Only the to-be's processes: the as-is's search for the care plan is not among them.
    assert "Nurse reads the shared" in text and "Nurse looks for" not in text


def test_an_unknown_blueprint_is_refused_and_nothing_written(
    sample_file: ProjectFile, tmp_path: Path
) -> None:
    out = tmp_path / "none.pdf"
    with pytest.raises(ExportError, match="no blueprint is called 'Nope'"):
        write_ecosystem_pdf(sample_file.session, out, "Nope")
    with pytest.raises(ExportError, match="paper must be"):
        write_ecosystem_pdf(sample_file.session, out, paper="B7")
    assert not out.exists()


def test_saved_positions_are_used(sample_file: ProjectFile, tmp_path: Path) -> None:
    session = sample_file.session
    before = write_ecosystem_pdf(session, tmp_path / "a.pdf")
    _graph, layout = ecosystem_picture(session)
    x, y = layout.positions["channel:phone"]
    set_positions(session, None, {"channel:phone": (x, y + 2000.0)})
    after = write_ecosystem_pdf(session, tmp_path / "b.pdf")
    assert after[0] == before[0] and after[1] > before[1] + 1000.0  # the page grew down
    _graph, moved = ecosystem_picture(session)
    assert moved.positions["channel:phone"] == (x, y + 2000.0)


def test_the_png_has_the_maps_size_and_shows_it(
    qapp, sample_file: ProjectFile, tmp_path: Path
) -> None:
    out = tmp_path / "map.png"
    page = write_ecosystem_pdf(sample_file.session, tmp_path / "map.pdf")
    size = write_ecosystem_png(sample_file.session, out, dpi=144)
    assert size == (round(page[0] * 2), round(page[1] * 2))  # 144 dpi: two pixels a point
    image = QImage(str(out))
    assert (image.width(), image.height()) == size
    assert image.pixelColor(2, 2) == QColor("#ffffff")
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20  # nodes, their layers' colours, edges and text, not a blank page
    people = QColor("#e3eefb").rgb()  # a person's node's fill
    assert people in colours


def test_an_edge_that_skips_a_column_passes_between_its_nodes() -> None:
    columns = {layer: column_x(layer) for layer in Layer}
    person, process = (columns[Layer.PEOPLE], 0.0), (columns[Layer.PROCESSES], 0.0)
    layers = (Layer.PEOPLE, Layer.PROCESSES)
    channel = (columns[Layer.TOUCHPOINTS], 10.0)  # right in the way
    first, second = edge_route(person, process, layers, columns, [channel])
    (x, y) = first[3]
    assert x == columns[Layer.TOUCHPOINTS] and second[0] == (x, y)
    assert y <= 10.0 - NODE_HEIGHT / 2 - 6.0  # above the channel's node, clear of it
    assert first[2][1] == y and second[1][1] == y  # level where it passes: a smooth curve
    clear = edge_route(person, process, layers, columns, [(channel[0], 300.0)])
    assert clear[0][3] == (x, 0.0)  # nothing in the way: straight through
    neighbours = (Layer.PEOPLE, Layer.TOUCHPOINTS)
    (only,) = edge_route(person, channel, neighbours, columns, [])  # next column: one curve
    assert only[0][0] < only[3][0]


def test_the_pdf_export_needs_no_qt() -> None:
    code = (
        "import sys, app.export.ecosystem_pdf; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
