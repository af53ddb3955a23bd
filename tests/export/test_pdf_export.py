"""A blueprint printed to one PDF page, read back with pypdf: page count and size in
points, every card's text as text, the title block and legend, the page limit refused
before anything is written, markup printed literally, decorations called in their place,
and the preview's plan matching what is written."""

import shutil
import subprocess
from datetime import date

import pytest
from pdf_helpers import (
    OVER_COLOUR,
    UNDER_COLOUR,
    RecordingDecoration,
    as_is,
    card_lines,
    folder_is_clean,
    page_sizes,
    page_texts,
)
from pypdf import PdfReader

from app.export.paper import MAX_PAGE_SIDE, MM, PaperError
from app.export.pdf_export import PdfOptions, blueprint_geometry, export_pdf, plan_pdf
from app.model.ops_grid import (
    add_blueprint,
    add_card,
    add_connector,
    add_lane,
    add_stage,
    add_step,
    create_project,
)
from app.model.project_file import ProjectFile

MARKUP = (
    '<b>bold</b> <font color="red" size="40">red</font> &amp; &lt; <br/> '
    '<img src="/etc/passwd"/> <a href="http://example.com">link</a> <para>x</para>'
)


def test_the_sample_on_a0_has_every_card_the_title_block_and_the_legend(sample_project, tmp_path):
    blueprint = as_is(sample_project)
    out = tmp_path / "wall.pdf"
    result = export_pdf(
        sample_project.session, blueprint, out, PdfOptions(paper="A0"), file_name="sample.blueprint"
    )
    assert result.pages == 1 and result.tiles is None
    assert page_sizes(out) == [pytest.approx((3370.39, 2383.94), abs=0.01)]  # A0 landscape
    assert result.page_size == pytest.approx(page_sizes(out)[0])
    text = page_texts(out)[0]
    geometry = blueprint_geometry(sample_project.session, blueprint)
    missing = [line for line in card_lines(geometry) if line not in text]
    assert missing == []
    for title in (blueprint.name, blueprint.project.name, "As-is blueprint"):
        assert title in text
    today = date.today()
    assert f"{today.day} {today:%B %Y}" in text
    assert "File: sample.blueprint" in text
    assert "A0 landscape, map at" in text
    for entry in ("Customer actions", "Line of visibility", "Hand-off", "Fail point", "Wait point"):
        assert entry in text
    assert "Pain-point severity 1 (minor) to 5 (critical)" in text
    for step in geometry.steps:
        assert " ".join(step.title.lines) in text


def test_the_font_is_embedded_and_the_document_is_titled(sample_project, tmp_path):
    out = tmp_path / "map.pdf"
    export_pdf(sample_project.session, as_is(sample_project), out, PdfOptions(paper="A3"))
    reader = PdfReader(out)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    fonts = [font.get_object() for font in fonts.values()]
    assert {str(font["/BaseFont"]).split("+")[-1] for font in fonts} <= {
        "DejaVuSans",
        "DejaVuSans-Bold",
    }
    assert all("/FontFile2" in font["/FontDescriptor"] for font in fonts)  # embedded
    assert reader.metadata.title == "Physical health check (as-is)"
    assert reader.metadata.creator == "Stagecraft"


@pytest.mark.parametrize(
    ("paper", "orientation", "size"),
    [
        ("A0", "portrait", (2383.94, 3370.39)),
        ("A1", "landscape", (2383.94, 1683.78)),
        ("A2", "auto", (1683.78, 1190.55)),
        ("A3", "portrait", (841.89, 1190.55)),
        ("A4", "auto", (841.89, 595.28)),
        ("letter", "landscape", (792.0, 612.0)),
        ("tabloid", "portrait", (792.0, 1224.0)),
        ("900x600mm", "auto", (900 * MM, 600 * MM)),
    ],
)
def test_each_paper_gives_its_page_size(sample_project, tmp_path, paper, orientation, size):
    out = tmp_path / "map.pdf"
    options = PdfOptions(paper=paper, orientation=orientation)
    result = export_pdf(sample_project.session, as_is(sample_project), out, options)
    assert page_sizes(out) == [pytest.approx(size, abs=0.01)]
    assert result.page_size == pytest.approx(size, abs=0.01)


def test_fit_is_the_map_at_true_size_inside_the_margins(sample_project, tmp_path):
    blueprint = as_is(sample_project)
    geometry = blueprint_geometry(sample_project.session, blueprint)
    out = tmp_path / "fit.pdf"
    result = export_pdf(sample_project.session, blueprint, out, PdfOptions(margin_mm=10))
    width, height = page_sizes(out)[0]
    assert width == pytest.approx(geometry.width + 20 * MM)
    assert height > geometry.height + 20 * MM  # and the title block under it
    assert result.page_size == pytest.approx((width, height))
    assert "Map at 100% (true size)" in page_texts(out)[0]


def test_a_given_scale_is_kept_or_refused_when_it_does_not_fit(sample_project, tmp_path):
    session, blueprint = sample_project.session, as_is(sample_project)
    plan = plan_pdf(session, blueprint, PdfOptions(paper="A3", scale=20))
    assert plan.scale == pytest.approx(0.2)
    assert plan.orientation == "landscape"
    fitted = plan_pdf(session, blueprint, PdfOptions(paper="A3"))
    width = blueprint_geometry(session, blueprint).width
    assert fitted.scale == pytest.approx((420 * MM - 20 * MM) / width)  # the map is wide
    out = tmp_path / "big.pdf"
    with pytest.raises(PaperError) as caught:
        export_pdf(session, blueprint, out, PdfOptions(paper="A3", scale=100))
    assert "--scale" in str(caught.value) and "--tile" in str(caught.value)
    assert not out.exists()


def test_a_page_larger_than_viewers_show_is_refused_and_nothing_is_written(grown_project, tmp_path):
    blueprint = as_is(grown_project)
    geometry = blueprint_geometry(grown_project.session, blueprint)
    assert geometry.width > MAX_PAGE_SIDE
    out = tmp_path / "wall.pdf"
    out.write_bytes(b"the old export")
    with pytest.raises(PaperError) as caught:
        export_pdf(grown_project.session, blueprint, out, PdfOptions(), geometry=geometry)
    message = str(caught.value)
    assert "--tile A4|A3|letter" in message and "14,400" not in message.split("(")[0]
    assert "\n" not in message
    assert out.read_bytes() == b"the old export"
    assert folder_is_clean(tmp_path, "wall.pdf")
    with pytest.raises(PaperError, match="--tile"):
        plan_pdf(grown_project.session, blueprint, PdfOptions(scale=100), geometry=geometry)
    # Scaled to a named paper it fits, however long the journey.
    result = export_pdf(grown_project.session, blueprint, out, PdfOptions(paper="A0"))
    assert max(result.page_size) <= MAX_PAGE_SIDE


def _markup_project() -> ProjectFile:
    def builder(session) -> None:
        project = create_project(session, "Markup & <b>project</b>")
        blueprint = add_blueprint(project, "<i>Clinic</i> & co")
        customer = add_lane(blueprint, "customer actions")
        front = add_lane(blueprint, "frontstage", title="<u>Desk</u> & front")
        stage = add_stage(blueprint, "<b>Stage</b>")
        step = add_step(blueprint, "Arrive <br/> & wait", stage=stage)
        first = add_card(customer, step, MARKUP)
        second = add_card(front, step, "Fish &amp; chips <strike>old</strike> (brackets) \\ end")
        add_connector(first, second, "hand-off", label="<img src='x.png'/> & go")

    return ProjectFile.build("Markup", builder)


def test_markup_in_texts_prints_literally_and_reads_nothing(tmp_path):
    project = _markup_project()
    try:
        blueprint = project.project.blueprints[0]
        out = tmp_path / "markup.pdf"
        export_pdf(project.session, blueprint, out, PdfOptions())
        text = page_texts(out)[0]
        geometry = blueprint_geometry(project.session, blueprint)
        for line in card_lines(geometry):
            assert line in text
        joined = " ".join(card_lines(geometry))
        for literal in ("<b>bold</b>", "&amp;", '<img src="/etc/passwd"/>', "<strike>old</strike>"):
            assert literal in joined
        assert "<img src='x.png'/> & go" in text
        assert "<i>Clinic</i> & co" in text
        assert "Markup & <b>project</b>" in text
        assert "<u>Desk</u> & front" in text
        reader = PdfReader(out)
        xobjects = reader.pages[0]["/Resources"].get("/XObject", {})
        assert len(xobjects) == 0  # no image was read from anywhere
        assert b"/URI" not in out.read_bytes() and b"/Link" not in out.read_bytes()
    finally:
        project.close()


def test_decorations_are_called_in_their_place(sample_project, tmp_path):
    decoration = RecordingDecoration(room=40.0, keys=2)
    blueprint = as_is(sample_project)
    out = tmp_path / "decorated.pdf"
    plain = plan_pdf(sample_project.session, blueprint, PdfOptions())
    result = export_pdf(
        sample_project.session, blueprint, out, PdfOptions(decorations=(decoration,))
    )
    assert decoration.calls == ["extra_top", "legend", "draw_under", "draw_over", "key_pages"]
    assert result.pages == 3
    texts = page_texts(out)
    assert "UNDERMARK" in texts[0] and "OVERMARK" in texts[0]
    assert "Test legend entry" in texts[0] and "Entry with a bad colour" in texts[0]
    assert texts[1] == "KEY PAGE 1" and texts[2] == "KEY PAGE 2"
    sizes = page_sizes(out)
    assert sizes[0][1] == pytest.approx(plain.page_size[1] + 40.0)  # room above the map
    assert sizes[1] == pytest.approx((595.28, 841.89), abs=0.01)  # keys of a fit page: A4
    order = _fill_order(out, UNDER_COLOUR, OVER_COLOUR, (0x2F, 0x3E, 0x50), (0xE9, 0xED, 0xF2))
    under, over, stage_band, lane_title = order
    card_border = _stroke_index(out, (0xB4, 0xBF, 0xCC))
    assert lane_title < under < card_border < stage_band < over


def _colour_ops(path, operator):
    operations = PdfReader(path).pages[0].get_contents().operations
    return [
        (index, [float(value) for value in operands])
        for index, (operands, op) in enumerate(operations)
        if op == operator
    ]


def _matches(values, colour):
    rgb = [c / 255 if isinstance(c, int) else c for c in colour]
    return len(values) == 3 and all(abs(a - b) < 2e-3 for a, b in zip(values, rgb, strict=True))


def _fill_order(path, *colours):
    fills = _colour_ops(path, b"rg")
    return [next(i for i, values in fills if _matches(values, colour)) for colour in colours]


def _stroke_index(path, colour):
    return next(i for i, values in _colour_ops(path, b"RG") if _matches(values, colour))


@pytest.mark.parametrize(
    "options",
    [
        PdfOptions(),
        PdfOptions(paper="A2", orientation="portrait"),
        PdfOptions(tile="A4"),
        PdfOptions(paper="A1", tile="A3", overlap_mm=15),
    ],
)
def test_the_plan_is_what_is_written(sample_project, tmp_path, options):
    session, blueprint = sample_project.session, as_is(sample_project)
    options.decorations = (RecordingDecoration(keys=1),)
    plan = plan_pdf(session, blueprint, options)
    options.decorations = (RecordingDecoration(keys=1),)
    result = export_pdf(session, blueprint, tmp_path / "out.pdf", options)
    assert (plan.pages, plan.page_size, plan.tiles) == (
        result.pages,
        result.page_size,
        result.tiles,
    )
    assert len(PdfReader(tmp_path / "out.pdf").pages) == result.pages


def test_a_failed_export_leaves_the_old_file_and_nothing_else(sample_project, tmp_path):
    out = tmp_path / "map.pdf"
    out.write_bytes(b"the old export")
    decoration = RecordingDecoration(fail_in="draw_over")
    with pytest.raises(RuntimeError, match="on purpose"):
        export_pdf(
            sample_project.session,
            as_is(sample_project),
            out,
            PdfOptions(paper="A3", decorations=(decoration,)),
        )
    assert out.read_bytes() == b"the old export"
    assert folder_is_clean(tmp_path, "map.pdf")


def test_bad_options_are_refused_before_anything_is_written(sample_project, tmp_path):
    session, blueprint = sample_project.session, as_is(sample_project)
    out = tmp_path / "map.pdf"
    for options, words in [
        (PdfOptions(paper="B5"), "unknown paper"),
        (PdfOptions(orientation="diagonal"), "orientation"),
        (PdfOptions(scale=0), "scale"),
        (PdfOptions(margin_mm=-2), "margin"),
        (PdfOptions(tile="A0"), "A4, A3 or letter"),
        (PdfOptions(tile="A4", overlap_mm=90), "overlap"),
        (PdfOptions(paper="A4", margin_mm=100), "margins"),
    ]:
        with pytest.raises(PaperError, match=words):
            export_pdf(session, blueprint, out, options)
    assert folder_is_clean(tmp_path)


def test_a_missing_folder_is_one_line_error(sample_project, tmp_path):
    from app.model.errors import StagecraftError

    with pytest.raises(StagecraftError, match="does not exist"):
        export_pdf(sample_project.session, as_is(sample_project), tmp_path / "gone" / "map.pdf")


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
@pytest.mark.parametrize("options", [PdfOptions(paper="A0"), PdfOptions(tile="A4")])
def test_qpdf_finds_the_file_sound(sample_project, tmp_path, options):
    out = tmp_path / "map.pdf"
    export_pdf(sample_project.session, as_is(sample_project), out, options)
    checked = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors" in checked.stdout
