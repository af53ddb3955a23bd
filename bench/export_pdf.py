"""PDF export times on the sample grown to 500, 2,000 and 10,000 cards: the blueprint on one A0
page, and the same poster at true scale over A4 sheets.

Each export is timed from the laid-out geometry to the written file (drawing, font
subsetting, compression, the atomic write); laying out is the canvas's figure, not this
one. The floor, measured in the same run, is raw reportlab drawing the same card
rectangles and text lines (same font, same scale, same stream encoding) on one A0 page
with nothing else.
The tiles are compared with the single A0 page: their time, and their file size.

The three are timed in turn, round after round (after a garbage collection each), and each
figure is the median of its rounds; the fastest round of each is printed beside the file
sizes, as what the code costs when nothing else runs on the machine.

Run: ``python -m bench.export_pdf [--quick] [--no-record]``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from app.export.paper import PAPERS
from app.export.pdf_export import PdfOptions, export_pdf, plan_pdf
from app.export.pdf_text import register_fonts
from app.layout.engine import BlueprintLayout
from app.layout.fonts import REGULAR
from app.layout.geometry import BlueprintGeometry
from app.layout.source import shape_from_blueprint
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint
from bench.harness import Figure, bench_main, interleaved, make_project

A0_TARGET = 1.0  # seconds, 2,000 cards on one A0 page
A0_FLOOR_RATIO = 2.5
TILES_TIME_RATIO = 1.3  # tiles against the single page
TILES_SIZE_RATIO = 1.5


def biggest(project: ProjectFile) -> Blueprint:
    """The grown as-is blueprint (the to-be stays the sample's size)."""
    blueprints = load_blueprints(project.session)
    return max(blueprints, key=lambda bp: sum(len(lane.cards) for lane in bp.lanes))


def floor_pdf(geometry: BlueprintGeometry, path: Path, scale: float) -> None:
    """Raw reportlab: each card's rectangle and its text lines, at the scale the export
    puts the map on A0, on one A0 landscape page."""
    register_fonts()
    width, height = sorted(PAPERS["A0"], reverse=True)
    canvas = Canvas(str(path), pagesize=(width, height), initialFontName=REGULAR)
    canvas.translate(0, height)
    canvas.scale(scale, scale)
    canvas.setFont(REGULAR, 9.5)
    for card in geometry.cards.values():
        r = card.rect
        canvas.rect(r.x, -r.bottom, r.w, r.h, stroke=1, fill=0)
        block = card.text
        for index, line in enumerate(block.lines):
            baseline = block.y + index * block.line_height + block.ascent
            canvas.drawString(block.x, -baseline, line)
    canvas.showPage()
    saved, rl_config.useA85 = rl_config.useA85, 0  # as the exporter writes its streams
    try:
        canvas.save()
    finally:
        rl_config.useA85 = saved


def measure(folder: Path, cards: int, runs: int) -> tuple[list[Figure], str]:
    """The figures for one size, and its row of the file-size table."""
    project = ProjectFile.open(make_project(folder, cards, "export"))
    blueprint = biggest(project)
    session = project.session
    geometry = BlueprintLayout(shape_from_blueprint(session, blueprint)).geometry
    count = len(geometry.cards)
    a0, tiles = PdfOptions(paper="A0"), PdfOptions(tile="A4")
    page_out, tiles_out, floor_out = (folder / f"{n}.pdf" for n in ("a0", "tiles", "floor"))

    def export(options: PdfOptions, out: Path) -> None:
        export_pdf(session, blueprint, out, options, geometry=geometry)

    scale = plan_pdf(session, blueprint, a0, geometry=geometry).scale
    rounds = interleaved(
        [
            lambda: floor_pdf(geometry, floor_out, scale),
            lambda: export(a0, page_out),
            lambda: export(tiles, tiles_out),
        ],
        runs,
    )
    floor, page, tiled = (statistics.median(found) for found in rounds)
    fastest = [min(found) for found in rounds]
    rows, columns = plan_pdf(session, blueprint, tiles, geometry=geometry).tiles
    project.close()

    target = cards == 2_000
    page_size, tiles_size = page_out.stat().st_size, tiles_out.stat().st_size
    ratio = tiles_size / page_size
    figures = [
        Figure(
            f"PDF on one A0 page, {count:,} cards",
            page,
            "raw reportlab: card rectangles and text on one page",
            floor,
            f"< {A0_TARGET:.0f} s and <= {A0_FLOOR_RATIO}x floor" if target else "",
            (page < A0_TARGET and page <= A0_FLOOR_RATIO * floor) if target else None,
            cost="PDF, one A0 page",
            cards=count,
        ),
        Figure(
            f"PDF over A4 sheets at 100%, {count:,} cards ({rows} x {columns} sheets)",
            tiled,
            "the same map on one A0 page",
            page,
            f"<= {TILES_TIME_RATIO}x the A0 page, file <= {TILES_SIZE_RATIO}x",
            tiled <= TILES_TIME_RATIO * page and ratio <= TILES_SIZE_RATIO,
            cost="PDF, A4 tiles",
            cards=count,
        ),
    ]
    row = (
        f"| {count:,} cards | {page_size / 1e6:.2f} MB | {tiles_size / 1e6:.2f} MB "
        f"({rows * columns + 1} pages) | {ratio:.2f}x | <= {TILES_SIZE_RATIO}x "
        f"| {'yes' if ratio <= TILES_SIZE_RATIO else 'NO'} "
        f"| {fastest[0] * 1000:,.0f} / {fastest[1] * 1000:,.0f} / {fastest[2] * 1000:,.0f} ms "
        f"({fastest[1] / fastest[0]:.1f}x floor, tiles {fastest[2] / fastest[1]:.2f}x page) |"
    )
    return figures, row


def run(sizes: list[int], runs: int) -> list[Figure]:
    """Time each size's exports; print the file sizes of the A0 page and the tiles."""
    figures: list[Figure] = []
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for cards in sizes:
            found, row = measure(Path(folder), cards, runs)
            figures += found
            rows.append(row)
    print(
        "| file size | A0 page | A4 tiles | ratio | target | met "
        "| fastest round: floor / A0 page / tiles |"
    )
    print("| --- | ---: | ---: | ---: | --- | --- | --- |")
    print("\n".join(rows))
    print()
    return figures


def main() -> int:
    return bench_main(
        "python -m bench.export_pdf",
        __doc__,
        "PDF export: one A0 page and A4 tiles",
        run,
        [500, 2_000, 10_000],
    )


if __name__ == "__main__":
    sys.exit(main())
