"""draw.io import: a ``.drawio`` or ``.xml`` file (plain or compressed pages, or a bare
``<mxGraphModel>``) read into an import plan, one blueprint per page that has swimlanes.

    plan = read_drawio(Path("clinic.drawio"))

Reading writes nothing; build.build_plan writes the plan. Broken or hostile files raise
ImportFailed with one line (see drawio_decode for the limits)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.importers.drawio_cells import read_cells
from app.importers.drawio_decode import Page, read_pages
from app.importers.drawio_page import PageReader
from app.importers.plan import ImportFailed, ImportPlan

Progress = Callable[[int, int], None]  # (cells read, cells in all); may raise ImportCancelled
_TICK_EVERY = 500


def read_drawio(path: Path, progress: Progress | None = None) -> ImportPlan:
    """The import plan of the draw.io file at ``path``."""
    path = Path(path)
    pages = read_pages(path)
    plan = ImportPlan(source=path.name)
    names = _page_names(pages, path)
    read = [
        (read_cells(page.model, _where(path, number, len(pages))), name)
        for number, (page, name) in enumerate(zip(pages, names, strict=True), start=1)
    ]
    counter = _Counter(progress, 2 * sum(len(cells) for cells, _name in read))
    for cells, name in read:
        blueprint = PageReader(cells, name, plan.skipped, counter.tick).read()
        if blueprint is not None:
            plan.blueprints.append(blueprint)
    counter.finish()
    if not plan.blueprints:
        raise ImportFailed(
            f"{path.name} has no swimlanes to bring in; Stagecraft imports draw.io diagrams "
            "drawn with swimlanes (lanes become lanes, the shapes in them cards)"
        )
    return plan


def _page_names(pages: list[Page], path: Path) -> list[str]:
    """Each page's name; an unnamed page is named after the file (and its number when
    the file has several)."""
    if len(pages) == 1:
        return [pages[0].name.strip() or path.stem]
    return [
        page.name.strip() or f"{path.stem} (page {number})"
        for number, page in enumerate(pages, start=1)
    ]


def _where(path: Path, number: int, count: int) -> str:
    """How a message names a page: the file, and the page's number when it has several."""
    return path.name if count == 1 else f"{path.name} (page {number})"


class _Counter:
    """Reports progress every few hundred cells, so a large diagram keeps the window alive."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = max(1, total)
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % _TICK_EVERY == 0:
            self.progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)
