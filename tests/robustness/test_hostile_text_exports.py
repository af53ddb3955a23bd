"""Text that tries to be code, exported: the PDF (map, overlay, both reports, ecosystem map)
holds it as literal text with no link, action or image; the SVG escapes it, with no image
or reference outside the file; the CSV guards every cell a spreadsheet would read as a
formula; the JSON keeps every string exactly; nothing is fetched or read meanwhile."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hostile_text import BIG, CONTROL, HTML, LITERAL, NUL, RTL, TITLES, hostile_project
from hostile_text import nothing_loaded as watching
from pypdf import PdfReader

from app.cli import main
from app.export.csv_export import FORMULA_STARTS
from app.model.project_file import ProjectFile

# (file name, extra options, fragments of LITERAL the document must hold)
PDFS = [
    ("map.pdf", [], LITERAL),
    ("overlay.pdf", ["--overlay", "pain-points"], LITERAL),
    ("pain-points.pdf", ["--report", "pain-points"], LITERAL),
    ("opportunities.pdf", ["--report", "opportunities"], ["<a href=", "<img src=", "%(name)s"]),
    ("ecosystem.pdf", ["--ecosystem"], ["<b>bold</b>", "<para>"]),
]
ACTIONS = (b"/URI", b"/Launch", b"/GoToR", b"/JavaScript", b"/JS", b"/SubmitForm", b"/XObject")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.blueprint"
    project_file = ProjectFile.build("Hostile <b>project</b>", hostile_project)
    project_file.save_as(path)
    project_file.close()
    return path


def export(project: Path, out: Path, *options: str) -> str:
    """Run `stagecraft export`, watched; the line it printed."""
    printed = io.StringIO()
    with watching() as attempts, contextlib.redirect_stdout(printed):
        status = main(["export", str(project), "--out", str(out), *options])
    assert status == 0
    assert attempts == []
    return printed.getvalue()


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("name", "options", "fragments"), PDFS, ids=[p[0] for p in PDFS])
def test_the_pdf_holds_the_text_literally_and_nothing_to_follow(
    project: Path, tmp_path: Path, name: str, options: list[str], fragments: list[str]
) -> None:
    out = tmp_path / name
    export(project, out, *options)
    reader = PdfReader(out)
    text = flat("".join(page.extract_text() for page in reader.pages))
    assert [f for f in fragments if flat(f) not in text] == []
    for page in reader.pages:
        assert "/Annots" not in page, "a link or other annotation"
    raw = out.read_bytes()
    assert [action for action in ACTIONS if action in raw] == []


def test_the_svg_escapes_the_text_and_refers_to_nothing_outside(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "map.svg"
    export(project, out)
    root = ElementTree.parse(out).getroot()  # well-formed: the text was escaped
    text = flat("".join(element.text or "" for element in root.iter()))
    assert [f for f in LITERAL if flat(f) not in text] == []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in ("script", "foreignObject", "a"), tag
        for key, value in element.attrib.items():
            if key.rsplit("}", 1)[-1] == "href":
                assert value.startswith(("data:image/png;base64,", "#")), value
            assert "http:" not in value and "file:" not in value, (key, value[:80])
        if tag == "image":
            assert element.get("{http://www.w3.org/1999/xlink}href", "").startswith("data:")


def test_the_csv_guards_formulas_and_keeps_the_text(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards.csv"
    export(project, out)
    csv.field_size_limit(64 * 1024 * 1024)
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    heading, body = rows[0], rows[1:]
    numeric = {heading.index(n) for n in heading if "emotion" in n or "minutes" in n.lower()}
    cells = [cell for row in body for i, cell in enumerate(row) if i not in numeric]
    assert [c for c in cells if c.startswith(FORMULA_STARTS)] == []
    card = heading.index("Card")
    texts = [row[card] for row in body]
    for title in TITLES:
        shown = "'" + title if title.startswith(FORMULA_STARTS) else title
        assert shown in texts, title
    assert BIG in texts and NUL in texts and CONTROL in texts and RTL in texts


def test_the_json_keeps_every_string_exactly(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "project.json"
    export(project, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    texts = {card["text"] for b in document["blueprints"] for card in b["cards"]}
    assert {BIG, NUL, CONTROL, RTL} <= texts
    assert any(text.startswith(HTML) for text in texts)
    lanes = {lane["title"] for b in document["blueprints"] for lane in b["lanes"]}
    assert HTML[:200] in lanes
