"""PNG and SVG exports of the sample blueprint: the size asked for, cards drawn where the
layout puts them (with their text at 72 dpi and above), seamless bands, SVG text as text,
and a clear refusal of an image too big to make."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.canvas import palette
from app.canvas.scene import BlueprintScene
from app.export import image_export
from app.export.image_export import (
    MAX_PIXELS,
    MAX_SIDE,
    check_png_size,
    export_area,
    export_png,
    export_svg,
    largest_dpi,
    png_size,
    render_image,
)
from app.export.output_file import ExportError
from app.layout.geometry import Rect
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.model.structure import Blueprint, Card

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def project(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectFile]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STAGECRAFT_DATA_DIR", str(tmp_path_factory.mktemp("image-data")))
        project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
        yield project
        project.close()


@pytest.fixture(scope="module")
def scene(project: ProjectFile) -> Iterator[BlueprintScene]:
    first = project.session.scalars(select(Blueprint).order_by(Blueprint.position)).first()
    scene = image_export.blueprint_scene(project.session, first)
    yield scene
    scene.clear()


def _pixel_box(area: QRectF, rect: Rect, dpi: float) -> tuple[int, int, int, int]:
    scale = dpi / 72.0
    return (
        round((rect.x - area.left()) * scale),
        round((rect.y - area.top()) * scale),
        round((rect.right - area.left()) * scale),
        round((rect.bottom - area.top()) * scale),
    )


def _ink(image: QImage, box: tuple[int, int, int, int], colour: QColor, tolerance: int) -> int:
    """How many pixels of ``box`` (inset by two pixels) are ``colour``, give or take."""
    x0, y0, x1, y1 = box
    count = 0
    for y in range(y0 + 2, y1 - 2):
        for x in range(x0 + 2, x1 - 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) <= tolerance
                and abs(pixel.green() - colour.green()) <= tolerance
                and abs(pixel.blue() - colour.blue()) <= tolerance
            ):
                count += 1
    return count


@pytest.mark.parametrize("dpi", [72, 100, 150])
def test_png_size_is_the_map_at_the_resolution(
    project: ProjectFile, scene: BlueprintScene, tmp_path: Path, dpi: int
) -> None:
    out = tmp_path / "map.png"
    size = export_png(project.session, out, dpi=dpi)
    image = QImage(str(out))
    assert (image.width(), image.height()) == size
    area = export_area(scene)
    assert abs(image.width() - area.width() * dpi / 72) <= 1
    assert abs(image.height() - area.height() * dpi / 72) <= 1
    assert area.contains(QRectF(0, 0, scene.geometry.width, scene.geometry.height))
    assert abs(image.dotsPerMeterX() - dpi / 0.0254) < 1


@pytest.mark.parametrize("dpi", [72, 100])
def test_cards_are_drawn_with_their_text(
    project: ProjectFile, scene: BlueprintScene, tmp_path: Path, dpi: int
) -> None:
    out = tmp_path / "map.png"
    export_png(project.session, out, dpi=dpi)
    image = QImage(str(out))
    area = export_area(scene)
    for card in scene.geometry.cards.values():
        box = _pixel_box(area, card.rect, dpi)
        assert _ink(image, box, palette.CARD_FILL, 0) > 0, card.text.lines  # the card itself
        assert _ink(image, box, palette.CARD_TEXT, 40) > 5 * dpi / 72, card.text.lines
    # and nothing of a card's text colour between the cards (the lane bands are blank)
    blank = [
        (cell, rect)
        for cell, rect in scene.geometry.cells.items()
        if not any((c.lane_id, c.step_id) == cell for c in scene.geometry.cards.values())
    ]
    assert blank
    for _cell, rect in blank[:10]:
        assert _ink(image, _pixel_box(area, rect, dpi), palette.CARD_TEXT, 10) == 0


def test_bands_join_without_seams(scene: BlueprintScene, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = render_image(scene, 80)
    monkeypatch.setattr(image_export, "BAND_ROWS", 61)
    reported: list[tuple[int, int]] = []
    banded = render_image(scene, 80, lambda done, total: reported.append((done, total)))
    assert len(reported) == -(-whole.height() // 61)
    assert reported[-1] == (whole.height(), whole.height())
    a, b = bytes(whole.constBits()), bytes(banded.constBits())
    assert len(a) == len(b)
    assert max(abs(x - y) for x, y in zip(a, b, strict=True)) <= 2


def test_a_png_too_big_is_refused_with_a_resolution_that_fits(
    project: ProjectFile, scene: BlueprintScene, tmp_path: Path
) -> None:
    out = tmp_path / "huge.png"
    with pytest.raises(ExportError) as caught:
        export_png(project.session, out, dpi=2000)
    message = str(caught.value)
    area = export_area(scene)
    best = largest_dpi(area.width(), area.height())
    assert f"--dpi {best} or lower" in message
    assert "more than 32,767 pixels a side or 250 megapixels" in message
    assert "\n" not in message
    assert not out.exists() and list(tmp_path.iterdir()) == []
    width, height = png_size(area.width(), area.height(), best)
    assert width <= MAX_SIDE and height <= MAX_SIDE and width * height <= MAX_PIXELS
    width, height = png_size(area.width(), area.height(), best + 1)
    assert max(width, height) > MAX_SIDE or width * height > MAX_PIXELS


def test_too_many_megapixels_are_refused_too() -> None:
    side = 72.0 * 20_000 / 300  # 20,000 pixels a side at 300 dpi: 400 megapixels
    with pytest.raises(ExportError, match="250 megapixels; use --dpi 237 or lower"):
        check_png_size(side, side, 300)
    assert check_png_size(side, side, 237) == png_size(side, side, 237)


@pytest.mark.parametrize("dpi", [0, -5, 5000])
def test_a_resolution_out_of_range_is_refused(dpi: float) -> None:
    with pytest.raises(ExportError, match="resolution must be from 1 to 2400 dpi"):
        check_png_size(100, 100, dpi)


def test_the_svg_holds_the_cards_text_as_text(
    project: ProjectFile, scene: BlueprintScene, tmp_path: Path
) -> None:
    out = tmp_path / "map.svg"
    export_svg(project.session, out)
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    area = export_area(scene)
    view_box = [float(v) for v in root.attrib["viewBox"].split()]
    assert view_box == [area.left(), area.top(), area.width(), area.height()]
    assert root.findtext(f"{SVG}title") == "Physical health check (as-is)"
    texts = [element.text or "" for element in root.iter(f"{SVG}text")]
    for card in scene.geometry.cards.values():
        for line in card.text.lines:
            if line.strip():
                assert line in texts, line
    for lane in scene.geometry.lanes:
        assert lane.title.lines[0] in texts


def test_svg_text_can_be_outlines(
    project: ProjectFile, scene: BlueprintScene, tmp_path: Path
) -> None:
    out = tmp_path / "map.svg"
    export_svg(project.session, out, outline_text=True)
    root = ET.parse(out).getroot()
    assert not [e.text for e in root.iter(f"{SVG}text") if (e.text or "").strip()]
    assert len(list(root.iter(f"{SVG}path"))) > len(scene.geometry.cards)


def test_markup_in_a_card_comes_out_literally(
    qapp: QApplication, sample_file: ProjectFile, tmp_path: Path
) -> None:
    session = sample_file.session
    first = session.scalars(select(Blueprint).order_by(Blueprint.position)).first()
    card = first.lanes[1].cards[0]
    card.text = '<b>bold</b> & <a href="file:///etc/passwd">x</a>'
    session.flush()
    out = tmp_path / "map.svg"
    export_svg(session, out)
    data = out.read_text(encoding="utf-8")
    assert "<b>" not in data and "<a href" not in data
    texts = [e.text or "" for e in ET.parse(out).getroot().iter(f"{SVG}text")]
    assert any(text.startswith("<b>bold</b> &") for text in texts)
    assert session.get(Card, card.id).text == card.text  # nothing was changed


def test_a_failed_write_leaves_no_file(
    project: ProjectFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "map.png"
    out.write_bytes(b"old")

    def broken(_image: QImage, _kind: str) -> bytes:
        raise ExportError("could not encode the image as PNG")

    monkeypatch.setattr(image_export, "_encoded", broken)
    with pytest.raises(ExportError):
        export_png(project.session, out, dpi=30)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_a_missing_folder_is_said_plainly(project: ProjectFile, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"could not write map.svg: the folder .* does not exist"):
        export_svg(project.session, tmp_path / "gone" / "map.svg")


def test_exports_without_a_screen_or_an_application(tmp_path: Path) -> None:
    """As the command line runs it: no QApplication yet, no display, no QT_QPA_PLATFORM."""
    code = (
        "import sys\n"
        "from app.model.project_file import ProjectFile\n"
        "from app.model.sample import SAMPLE_NAME, build_sample\n"
        "from app.export.image_export import export_png, export_svg\n"
        "project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))\n"
        "print(export_png(project.session, sys.argv[1] + '/map.png', dpi=30))\n"
        "export_svg(project.session, sys.argv[1] + '/map.svg')\n"
        "project.close()\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"QT_QPA_PLATFORM", "DISPLAY"}}
    env["STAGECRAFT_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(tmp_path / "map.png")).width() == int(result.stdout.strip()[1:].split(",")[0])
    assert ET.parse(tmp_path / "map.svg").getroot().tag == f"{SVG}svg"
