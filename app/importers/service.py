"""One entry for every importer: the format of a file from its extension (or as given),
and its import plan. The window's File → Import… and `stagecraft import` call these."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.importers.plan import ImportFailed, ImportPlan

FORMATS = ("csv", "json", "drawio")
_EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".json": "json",
    ".drawio": "drawio",
    ".xml": "drawio",
}
Progress = Callable[[int, int], None]


def format_of(path: Path | str, given: str | None = None) -> str:
    """``given`` when it is one of FORMATS, else the format the file's extension names."""
    if given:
        if given.lower() not in FORMATS:
            raise ImportFailed(
                f"{given!r} is not a format Stagecraft imports; use one of: {', '.join(FORMATS)}"
            )
        return given.lower()
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise ImportFailed(
            f"cannot tell the format of {Path(path).name} from its name; name it .csv, .json "
            "or .drawio, or give the format (--format csv|json|drawio)"
        )
    return _EXTENSIONS[suffix]


def read_plan(
    path: Path | str, format: str | None = None, progress: Progress | None = None
) -> ImportPlan:
    """The import plan of ``path``; ImportFailed with one line when it cannot be read."""
    path = Path(path)
    kind = format_of(path, format)
    if not path.is_file():
        raise ImportFailed(f"{path.name} does not exist or is not a file")
    if kind == "csv":
        from app.importers.csv_import import read_csv

        return read_csv(path, progress)
    if kind == "json":
        from app.importers.json_import import read_json

        return read_json(path)
    from app.importers.drawio_import import read_drawio  # the draw.io importer's own module

    return read_drawio(path, progress)
