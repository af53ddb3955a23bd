"""One export request, whatever its format: what the command line and the window both call.

The format comes from the output's extension unless given; the blueprint is found by name
(the first one when none is named). Every failure is an ExportError with one line that
says what to do, raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.export.decoration import Decoration
from app.export.output_file import ExportError
from app.model.lookup import blueprint_named
from app.model.ops_grid import get_project
from app.model.structure import Blueprint

if TYPE_CHECKING:
    from app.export.pdf_export import PdfOptions

FORMATS = ("pdf", "png", "svg", "csv", "json")
OVERLAYS = ("pain-points",)
REPORTS = ("pain-points", "opportunities")

Progress = Callable[[int, int], None]


@dataclass
class ExportRequest:
    """What to export and how; the PDF options mean what PdfOptions says."""

    format: str | None = None  # None: from the output's extension
    blueprint: str | None = None  # a blueprint's name; None: the first
    paper: str = "fit"
    orientation: str = "auto"
    scale: float | None = None
    margin_mm: float = 10
    tile: str | None = None
    overlap_mm: float = 10
    overlay: str | None = None
    perspective: str | None = None
    report: str | None = None
    dpi: float = 150
    ecosystem: bool = False  # the service ecosystem map (of the project, or of blueprint)


def format_of(out: Path, given: str | None) -> str:
    """The export format: the one given, or the output's extension."""
    name = (given or out.suffix.lstrip(".")).lower()
    if name not in FORMATS:
        what = f"the format {given!r}" if given else f"the extension of {out.name}"
        raise ExportError(f"{what} is not one Stagecraft writes; use one of {', '.join(FORMATS)}")
    return name


def find_blueprint(session: Session, name: str | None) -> Blueprint:
    """The blueprint called ``name`` (ignoring case), or the first one."""
    blueprints = list(get_project(session).blueprints)
    if not blueprints:
        raise ExportError("the project has no blueprint to export; add one first")
    if name is None:
        return blueprints[0]
    return blueprint_named(session, name, error=ExportError)


def check_request(request: ExportRequest, kind: str) -> None:
    """Refuse options that do not go with the format (before anything is read or drawn)."""
    if request.ecosystem:
        _check_ecosystem(request, kind)
        return
    if request.overlay is not None and request.overlay not in OVERLAYS:
        raise ExportError(f"--overlay {request.overlay!r}: the overlay is {OVERLAYS[0]!r}")
    if request.report is not None and request.report not in REPORTS:
        raise ExportError(f"--report {request.report!r}: use one of {', '.join(REPORTS)}")
    if kind != "pdf":
        pdf_only = {
            "--tile": request.tile,
            "--overlay": request.overlay,
            "--report": request.report,
            "--scale": request.scale,
        }
        given = [option for option, value in pdf_only.items() if value is not None]
        if request.paper != "fit":
            given.append("--paper")
        if given:
            raise ExportError(f"{', '.join(given)} only go with a PDF; write to a .pdf file")
    elif request.report is not None and (request.tile or request.overlay):
        raise ExportError("a report is a document of its own: leave out --tile and --overlay")
    if not 1 <= request.dpi <= 2400:
        raise ExportError("--dpi must be from 1 to 2400")
    if request.perspective is not None:
        from app.layout.overlay import parse_perspective

        try:
            parse_perspective(request.perspective)
        except ValueError as error:
            raise ExportError(f"--perspective: {error}") from None


def _check_ecosystem(request: ExportRequest, kind: str) -> None:
    if kind not in ("pdf", "png"):
        raise ExportError("the ecosystem map is written as PDF or PNG; write to a .pdf or .png")
    blueprint_only = {
        "--tile": request.tile,
        "--overlay": request.overlay,
        "--report": request.report,
        "--scale": request.scale,
        "--perspective": request.perspective,
    }
    given = [option for option, value in blueprint_only.items() if value is not None]
    if kind == "png" and request.paper != "fit":
        given.append("--paper")
    if given:
        verb = "goes" if len(given) == 1 else "go"
        raise ExportError(f"{', '.join(given)} {verb} with a blueprint, not the ecosystem map")
    if not 1 <= request.dpi <= 2400:
        raise ExportError("--dpi must be from 1 to 2400")


def run_export(
    session: Session,
    out: Path,
    request: ExportRequest,
    *,
    file_name: str = "",
    progress: Progress | None = None,
) -> str:
    """Write the export; return a one-line summary of what was written."""
    kind = format_of(out, request.format)
    check_request(request, kind)
    if not out.absolute().parent.is_dir():
        raise ExportError(f"the folder {out.absolute().parent} does not exist")
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name such as wall.{kind}")
    if request.ecosystem:
        return _ecosystem(session, out, request, kind)
    if kind == "json":
        from app.export.json_export import export_json

        export_json(session, out)
        return f"wrote the whole project to {out}"
    if kind == "csv":
        from app.export.csv_export import export_csv

        chosen = find_blueprint(session, request.blueprint) if request.blueprint else None
        rows = export_csv(session, out, chosen)
        return f"wrote {rows} cards to {out}"
    blueprint = find_blueprint(session, request.blueprint)
    if kind == "png":
        from app.export.image_export import export_png

        width, height = export_png(session, out, blueprint, dpi=request.dpi, progress=progress)
        return f"wrote {blueprint.name!r} to {out} ({width} × {height} pixels)"
    if kind == "svg":
        from app.export.image_export import export_svg

        export_svg(session, out, blueprint)
        return f"wrote {blueprint.name!r} to {out}"
    return _pdf(session, out, blueprint, request, file_name)


def pdf_options(request: ExportRequest, decorations: Sequence[Decoration] = ()) -> PdfOptions:
    """The PDF exporter's options for ``request``."""
    from app.export.pdf_export import PdfOptions

    return PdfOptions(
        paper=request.paper,
        orientation=request.orientation,
        scale=request.scale,
        margin_mm=request.margin_mm,
        tile=request.tile,
        overlap_mm=request.overlap_mm,
        decorations=tuple(decorations),
    )


def _pdf(
    session: Session, out: Path, blueprint: Blueprint, request: ExportRequest, file_name: str
) -> str:
    if request.report == "pain-points":
        from app.export.pdf_reports import pain_point_report

        pages = pain_point_report(session, blueprint, out, perspective=request.perspective)
        return f"wrote the pain-point report of {blueprint.name!r} to {out} ({pages} pages)"
    if request.report == "opportunities":
        from app.export.pdf_reports import opportunities_report

        pages = opportunities_report(session, get_project(session), out)
        return f"wrote the opportunities report to {out} ({pages} pages)"
    from app.export.pdf_export import blueprint_geometry, export_pdf

    geometry = blueprint_geometry(session, blueprint)
    decorations = []
    if request.overlay == "pain-points":
        from app.export.pdf_overlay import PainPointOverlay

        # The page's legend shows the severities already.
        overlay = PainPointOverlay(
            blueprint, geometry, perspective=request.perspective, severity_legend=False
        )
        decorations.append(overlay)
    options = pdf_options(request, decorations)
    result = export_pdf(session, blueprint, out, options, file_name=file_name, geometry=geometry)
    pages = f"{result.pages} page" + ("s" if result.pages != 1 else "")
    if result.tiles is not None:
        rows, columns = result.tiles
        pages += f": {rows} × {columns} sheets and an assembly page"
    return f"wrote {blueprint.name!r} to {out} ({pages})"


def _ecosystem(session: Session, out: Path, request: ExportRequest, kind: str) -> str:
    which = "the project" if request.blueprint is None else repr(request.blueprint)
    if kind == "png":
        from app.export.ecosystem_image import write_ecosystem_png

        width, height = write_ecosystem_png(session, out, request.blueprint, dpi=request.dpi)
        return f"wrote the ecosystem map of {which} to {out} ({width} × {height} pixels)"
    from app.export.ecosystem_pdf import write_ecosystem_pdf

    write_ecosystem_pdf(session, out, request.blueprint, paper=request.paper)
    return f"wrote the ecosystem map of {which} to {out}"
