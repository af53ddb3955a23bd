"""The pain-point overlay drawn on a PDF: badges where the geometry says, in their
severity's colour; the legend; the key flowing over pages with its header repeated; and
markup in pain-point and card texts printed as the characters typed."""

import re
import shutil
import subprocess

import pytest
from overlay_helpers import MARGIN, MARKUP_SAMPLE, build_project, geometry_of, write_overlay_pdf
from pypdf import PdfReader
from reportlab.lib.pagesizes import A0, A4, landscape

from app.export.pdf_key import KEY_HEADER
from app.export.pdf_overlay import PainPointOverlay
from app.export.severity_colours import SEVERITY_FILL
from app.model.ops_grid import add_card
from app.model.ops_method import add_pain_point
from app.model.structure import Blueprint

MARKUP = MARKUP_SAMPLE


def page_texts(path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_the_sample_overlay_prints_badges_totals_moments_and_its_key(sample_file, tmp_path):
    blueprint = sample_file.project.blueprints[0]
    geometry = geometry_of(sample_file, blueprint)
    overlay = PainPointOverlay(blueprint, geometry)
    path = tmp_path / "overlay.pdf"
    key_pages = write_overlay_pdf(path, geometry, overlay)
    texts = page_texts(path)
    assert key_pages == 1 and len(texts) == 2
    map_text, key_text = texts
    assert "Sweet spot" in map_text and "Emotion" in map_text and "Key moments" in map_text
    for total in overlay.data.step_totals.values():
        assert f"Σ {total}" in map_text
    assert overlay.name in key_text and blueprint.name in key_text
    for entry in overlay.data.entries:
        assert " ".join(entry.text.split()) in key_text
        assert f"{entry.severity} " in key_text
    for word in KEY_HEADER:
        assert word in key_text


def test_the_overlay_uses_no_transparency_so_it_survives_a_form_xobject(sample_file, tmp_path):
    # reportlab leaves graphics states (transparency) out of a form's resources, and the
    # tiled poster is drawn once as a form: the overlay must draw without them.
    blueprint = sample_file.project.blueprints[0]
    geometry = geometry_of(sample_file, blueprint)
    path = tmp_path / "opaque.pdf"
    write_overlay_pdf(path, geometry, PainPointOverlay(blueprint, geometry))
    assert b"/ExtGState" not in path.read_bytes()


def test_the_legend_names_the_five_severity_colours_and_what_is_drawn(sample_file) -> None:
    blueprint = sample_file.project.blueprints[0]
    overlay = PainPointOverlay(blueprint, geometry_of(sample_file, blueprint))
    legend = overlay.legend()
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour, _text in legend)
    assert [colour for colour, _text in legend[:5]] == [SEVERITY_FILL[k] for k in range(1, 6)]
    assert all(f"severity {level}" in text for level, (_c, text) in enumerate(legend[:5], 1))
    texts = " ".join(text for _colour, text in legend)
    assert "Key moment" in texts and "service user" in texts and "staff" in texts
    assert overlay.extra_top() == overlay.data.extra_top > 0
    plain = PainPointOverlay(blueprint, geometry_of(sample_file, blueprint), severity_legend=False)
    assert plain.legend() == legend[5:]


def test_a_map_without_pain_points_has_no_key_pages(tmp_path) -> None:
    project_file = build_project(lambda blueprint: None)
    try:
        blueprint = project_file.project.blueprints[0]
        geometry = geometry_of(project_file, blueprint)
        overlay = PainPointOverlay(blueprint, geometry)
        path = tmp_path / "empty.pdf"
        assert write_overlay_pdf(path, geometry, overlay) == 0
        assert len(PdfReader(path).pages) == 1
        assert overlay.extra_top() == 0
        assert [text for _c, text in overlay.legend()][5:] == [
            "Steps shaded by summed severity (Σ): 1–3, 4–6, 7–9, 10–14, 15+"
        ]
    finally:
        project_file.close()


def many_pain_points(blueprint: Blueprint) -> None:
    for index, step in enumerate(blueprint.steps):
        for lane in blueprint.lanes:
            card = add_card(lane, step, f"Card {index} in {lane.title}")
            for k in range(12):
                text = f"Pain {index}-{lane.title}-{k}: " + "waits and repeats itself " * (k % 4)
                add_pain_point(card, text, 1 + k % 5, ("service user", "staff")[k % 2], "data")


@pytest.mark.parametrize("page", [A4, landscape(A4)])
def test_a_long_key_flows_over_pages_with_its_header_on_each(tmp_path, page) -> None:
    project_file = build_project(many_pain_points)
    try:
        blueprint = project_file.project.blueprints[0]
        geometry = geometry_of(project_file, blueprint)
        overlay = PainPointOverlay(blueprint, geometry)
        path = tmp_path / "long.pdf"
        key_pages = write_overlay_pdf(path, geometry, overlay, key_page=page)
        reader = PdfReader(path)
        assert key_pages >= 3 and len(reader.pages) == 1 + key_pages
        numbers: list[int] = []
        for index, page_obj in enumerate(reader.pages[1:], start=1):
            width, height = float(page_obj.mediabox.width), float(page_obj.mediabox.height)
            assert (width, height) == pytest.approx(page)
            text = page_obj.extract_text()
            assert all(word in text for word in KEY_HEADER)
            assert f"Key, page {index}" in text
            assert ("(continued)" in text) == (index > 1)
            numbers += [int(n) for n in re.findall(r"(\d+)\s+Pain \d+-", text)]
        assert numbers == list(range(1, len(overlay.data.entries) + 1)) == list(range(1, 109))
    finally:
        project_file.close()


def test_a_key_on_a_poster_page_is_larger_and_still_complete(tmp_path) -> None:
    project_file = build_project(many_pain_points)
    try:
        blueprint = project_file.project.blueprints[0]
        geometry = geometry_of(project_file, blueprint)
        path = tmp_path / "poster.pdf"
        overlay = PainPointOverlay(blueprint, geometry, perspective="staff")
        pages = write_overlay_pdf(path, geometry, overlay, key_page=A0)
        text = " ".join(page_texts(path)[1:])
        assert pages >= 1 and "Pain points (staff)" in text
        assert len(re.findall(r"Pain \d-", text)) == len(overlay.data.entries) == 54
        assert "service user" not in text.replace("Customer actions", "")
    finally:
        project_file.close()


def test_markup_in_pain_points_and_cards_prints_literally(tmp_path) -> None:
    def fill(blueprint: Blueprint) -> None:
        card = add_card(blueprint.lanes[0], blueprint.steps[0], MARKUP)
        add_pain_point(card, MARKUP, 5, "service user", "interview", underserved_group=MARKUP)
        add_pain_point(blueprint.steps[1], "Fish & chips <i>", 2, "partner", "assumption")

    project_file = build_project(fill)
    try:
        blueprint = project_file.project.blueprints[0]
        geometry = geometry_of(project_file, blueprint)
        path = tmp_path / "markup.pdf"
        write_overlay_pdf(path, geometry, PainPointOverlay(blueprint, geometry))
        key = page_texts(path)[1]
        flat = " ".join(MARKUP.split())
        assert key.count(flat) >= 1
        assert "Fish & chips <i>" in key
        assert f"underserved: {flat}" in key
        assert "“" + flat[:20] in key  # the card text, cut, in the Where column
        data = path.read_bytes()
        assert b"/Subtype /Image" not in data and b"root:" not in data
    finally:
        project_file.close()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_badges_are_drawn_at_their_places_in_their_colours(sample_file, tmp_path) -> None:
    blueprint = sample_file.project.blueprints[0]
    geometry = geometry_of(sample_file, blueprint)
    overlay = PainPointOverlay(blueprint, geometry)
    path = tmp_path / "badges.pdf"
    write_overlay_pdf(path, geometry, overlay)
    # 72 dpi: one pixel per point
    subprocess.run(
        ["pdftoppm", "-r", "72", "-f", "1", "-l", "1", str(path), str(tmp_path / "map")],
        check=True,
    )
    width, _height, pixels = read_ppm(next(tmp_path.glob("map*.ppm")).read_bytes())
    top = MARGIN + overlay.extra_top()
    for badge in overlay.data.badges:
        # left of the digits, inside the circle
        x, y = round(MARGIN + badge.x - badge.radius * 0.7), round(top + badge.y)
        offset = 3 * (y * width + x)
        found = pixels[offset : offset + 3]
        expected = bytes.fromhex(SEVERITY_FILL[badge.severity][1:])
        assert all(abs(a - b) <= 24 for a, b in zip(found, expected, strict=True)), badge


def read_ppm(data: bytes) -> tuple[int, int, bytes]:
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P6"
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][-(width * height * 3) :]
