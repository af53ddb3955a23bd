"""``stagecraft export``, run as a separate process as the user runs it: every format from
the output's extension, the options of the PDF, and one-line refusals that write nothing
and leave the project file as it was."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_cli import ERROR, stagecraft


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    done = stagecraft("sample", "plan.blueprint", cwd=folder, env=_data(folder))
    assert done.returncode == 0, done.stderr
    return folder / "plan.blueprint"


def _data(folder: Path) -> dict[str, str]:
    return {"STAGECRAFT_DATA_DIR": str(folder / "data")}


def _export(sample: Path, *args: str) -> tuple[int, str, str]:
    done = stagecraft("export", sample.name, *args, cwd=sample.parent, env=_data(sample.parent))
    return done.returncode, done.stdout, done.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_format_from_the_extension(sample: Path) -> None:
    before = _digest(sample)
    folder = sample.parent
    for name in ("map.pdf", "map.png", "map.svg", "cards.csv", "project.json"):
        status, out, err = _export(sample, "--out", name, "--dpi", "40")
        assert status == 0 and err == "", err
        assert out.startswith("stagecraft: wrote") and name in out
    assert len(PdfReader(folder / "map.pdf").pages) == 1
    assert (folder / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (folder / "map.svg").read_bytes()[:2000]
    rows = list(csv.reader((folder / "cards.csv").open(encoding="utf-8-sig")))
    assert len(rows) > 40
    document = json.loads((folder / "project.json").read_text(encoding="utf-8"))
    assert document["format"] == "stagecraft-json"
    assert _digest(sample) == before  # an export never touches the project file
    assert not list(folder.glob("plan.blueprint.*"))  # nor leaves anything beside it


def test_a0_with_the_overlay_and_a4_tiles(sample: Path) -> None:
    folder = sample.parent
    status, _out, err = _export(
        sample, "--out", "wall.pdf", "--paper", "A0", "--overlay", "pain-points"
    )
    assert status == 0, err
    wall = PdfReader(folder / "wall.pdf")
    width, height = (float(v) for v in wall.pages[0].mediabox.upper_right)
    assert sorted((round(width), round(height))) == [2384, 3370]
    text = wall.pages[0].extract_text()
    assert "Physical health check (as-is)" in text and "Receives letter" in text
    assert len(wall.pages) >= 2  # the map, then the pain points' key
    status, out, err = _export(
        sample, "--out", "tiles.pdf", "--tile", "A4", "--overlay", "pain-points"
    )
    assert status == 0, err
    assert "sheets and an assembly page" in out
    tiles = PdfReader(folder / "tiles.pdf")
    width, height = (float(v) for v in tiles.pages[1].mediabox.upper_right)
    assert sorted((round(width), round(height))) == [595, 842]


def test_reports(sample: Path) -> None:
    for report in ("pain-points", "opportunities"):
        status, _out, err = _export(sample, "--out", f"{report}.pdf", "--report", report)
        assert status == 0, err
        assert len(PdfReader(sample.parent / f"{report}.pdf").pages) >= 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--out", "x.docx"), "is not one Stagecraft writes"),
        (("--out", "x.png", "--tile", "A4"), "only go with a PDF"),
        (("--out", "x.pdf", "--blueprint", "Nope"), "no blueprint is called 'Nope'"),
        (("--out", "x.pdf", "--paper", "B7"), "unknown paper 'B7'"),
        (("--out", "x.pdf", "--overlay", "pain-points", "--perspective", "cats"), "perspective"),
        (("--out", "x.png", "--dpi", "0"), "--dpi must be from 1 to 2400"),
        (("--out", "missing/x.pdf"), "does not exist"),
        (("--out", "plan.blueprint", "--format", "pdf", "--force"), "project file itself"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(
    sample: Path, args: tuple[str, ...], message: str
) -> None:
    before = _digest(sample)
    status, out, err = _export(sample, *args)
    assert status != 0 and out == ""
    assert err.startswith(ERROR) and err.count("\n") == 1 and "Traceback" not in err
    assert message in err
    assert not (sample.parent / "x.pdf").exists() and not (sample.parent / "x.png").exists()
    assert _digest(sample) == before


def test_an_existing_output_is_kept_without_force(sample: Path) -> None:
    target = sample.parent / "keep.csv"
    target.write_text("mine", encoding="utf-8")
    status, _out, err = _export(sample, "--out", "keep.csv")
    assert status != 0 and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    status, _out, err = _export(sample, "--out", "keep.csv", "--force")
    assert status == 0, err
    assert target.read_text(encoding="utf-8-sig").startswith("Blueprint")


def test_a_page_past_the_pdf_limit_is_refused_with_a_hint_to_tile(tmp_path: Path) -> None:
    big = stagecraft(
        "sample", "big.blueprint", "--scale", "2000", cwd=tmp_path, env=_data(tmp_path)
    )
    assert big.returncode == 0, big.stderr
    done = stagecraft(
        "export", "big.blueprint", "--out", "big.pdf", cwd=tmp_path, env=_data(tmp_path)
    )
    assert done.returncode != 0
    assert done.stderr.startswith(ERROR) and "--tile" in done.stderr
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "big.pdf").exists()


def test_the_ecosystem_map_as_pdf_and_png(sample: Path) -> None:
    before = _digest(sample)
    folder = sample.parent
    status, out, err = _export(sample, "--out", "eco.pdf", "--ecosystem", "--paper", "A3")
    assert status == 0 and err == "", err
    assert out == "stagecraft: wrote the ecosystem map of the project to eco.pdf\n"
    [page] = PdfReader(folder / "eco.pdf").pages
    assert round(max(page.mediabox.width, page.mediabox.height)) == 1191  # A3 turned
    text = page.extract_text()
    assert "GP clinical system" in text and "Practice nurse" in text
    status, out, err = _export(
        sample, "--out", "eco.png", "--ecosystem", "--blueprint", "physical health check (to-be)"
    )
    assert status == 0 and err == "", err
    assert (folder / "eco.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _digest(sample) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--out", "eco.svg", "--ecosystem"), "PDF or PNG"),
        (("--out", "eco-tiles.pdf", "--ecosystem", "--tile", "A4"), "--tile goes with a blueprint"),
        (("--out", "eco-nope.pdf", "--ecosystem", "--blueprint", "Nope"), "no blueprint is called"),
    ],
)
def test_ecosystem_refusals_write_nothing(sample: Path, args, words) -> None:
    status, out, err = _export(sample, *args)
    assert status == 2 and out == ""
    assert err.startswith(ERROR) and err.count("\n") == 1 and words in err
    assert not (sample.parent / args[1]).exists()
