"""The cells of one draw.io page as plain records: what each is (swimlane, shape, line),
its text with the HTML taken out, and where it is on the page.

draw.io stores a child's geometry relative to its parent (a card inside a lane, a lane
inside a pool), so absolute positions are summed up the parent chain. A ``UserObject`` or
``object`` element wraps a cell that carries custom properties: its label is the text.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from app.importers.plan import ImportFailed

MAX_LABEL_CHARS = 100_000
"""The longest label read; longer ones are refused rather than cut (a card's text matters)."""
_COORDINATE_LIMIT = 10_000_000.0
_BREAK = re.compile(r"<\s*(?:br|/?div|/?p|/?li|/?tr|/?h[1-6])\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


@dataclass
class Cell:
    id: str
    parent: str | None
    text: str = ""
    style: dict[str, str] = field(default_factory=dict)
    shape: str = ""
    vertex: bool = False
    edge: bool = False
    source: str | None = None
    target: str | None = None
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    relative: bool = False
    # Filled by ``place``: the absolute top-left corner.
    left: float = 0.0
    top: float = 0.0

    @property
    def swimlane(self) -> bool:
        return self.vertex and self.shape == "swimlane"

    @property
    def centre_x(self) -> float:
        return self.left + self.width / 2

    @property
    def centre_y(self) -> float:
        return self.top + self.height / 2

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.left + self.width and self.top <= y <= self.top + self.height


def plain_text(value: str, html_label: bool = True) -> str:
    """A label as plain text: line breaks and blocks become spaces, tags go, entities are
    unescaped, runs of spaces become one. A label not marked as HTML keeps its text."""
    if html_label:
        value = _TAG.sub("", _BREAK.sub(" ", value))
        value = html.unescape(value)
    return _SPACES.sub(" ", value.replace("\u00a0", " ")).strip()


def parse_style(style: str) -> tuple[str, dict[str, str]]:
    """A draw.io style: its shape name (the first bare word, or ``shape=``) and its values."""
    shape = ""
    values: dict[str, str] = {}
    for part in style.split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        if sep:
            values[key.strip()] = value.strip()
        elif not shape:
            shape = key
    return values.get("shape", shape), values


def read_cells(model: Element, name: str) -> dict[str, Cell]:
    """Every cell of a page's ``<mxGraphModel>``, by id, with absolute positions."""
    root = model.find("root")
    if root is None:
        raise ImportFailed(f"{name} is not a draw.io page (it has no <root>)")
    cells: dict[str, Cell] = {}
    for element in root:
        cell = _cell(element, name)
        if cell is None:
            continue
        if cell.id in cells:
            raise ImportFailed(f"{name} uses the id {cell.id[:40]!r} for two cells")
        cells[cell.id] = cell
    _place(cells, name)
    return cells


def _cell(element: Element, name: str) -> Cell | None:
    if element.tag in ("UserObject", "object"):
        inner = element.find("mxCell")
        if inner is None:
            return None
        label = element.get("label") or ""
        cell_id = element.get("id")
    elif element.tag == "mxCell":
        inner = element
        label = element.get("value") or ""
        cell_id = element.get("id")
    else:
        return None
    if cell_id is None:
        raise ImportFailed(f"{name} has a cell without an id")
    if len(label) > MAX_LABEL_CHARS:
        raise ImportFailed(
            f"{name} has a label of {len(label):,} characters; Stagecraft reads labels of "
            f"up to {MAX_LABEL_CHARS:,}"
        )
    shape, style = parse_style(inner.get("style") or "")
    cell = Cell(
        id=cell_id,
        parent=inner.get("parent"),
        text=plain_text(label, style.get("html") == "1"),
        style=style,
        shape=shape,
        vertex=inner.get("vertex") == "1",
        edge=inner.get("edge") == "1",
        source=inner.get("source"),
        target=inner.get("target"),
    )
    geometry = inner.find("mxGeometry")
    if geometry is not None:
        cell.x = _number(geometry, "x", name)
        cell.y = _number(geometry, "y", name)
        cell.width = max(0.0, _number(geometry, "width", name))
        cell.height = max(0.0, _number(geometry, "height", name))
        cell.relative = geometry.get("relative") == "1"
    return cell


def _number(geometry: Element, key: str, name: str) -> float:
    raw = geometry.get(key)
    if raw is None or raw == "":
        return 0.0
    try:
        value = float(raw)
    except ValueError:
        raise ImportFailed(
            f"{name} has a shape whose {key} is not a number ({raw[:20]!r})"
        ) from None
    if not math.isfinite(value) or abs(value) > _COORDINATE_LIMIT:
        raise ImportFailed(f"{name} has a shape placed impossibly far away ({key}={raw[:20]})")
    return value


def _place(cells: dict[str, Cell], name: str) -> None:
    """Absolute positions: each vertex's geometry plus its parents' (layers and the root
    sit at the origin). A parent chain that loops is a broken file."""
    done: set[str] = set()
    for start in cells.values():
        chain: list[Cell] = []
        seen: set[str] = set()
        cell: Cell | None = start
        while cell is not None and cell.id not in done:
            if cell.id in seen:
                raise ImportFailed(f"{name} has cells that contain each other in a loop")
            seen.add(cell.id)
            chain.append(cell)
            cell = cells.get(cell.parent) if cell.parent is not None else None
        left, top = (cell.left, cell.top) if cell is not None and cell.vertex else (0.0, 0.0)
        for link in reversed(chain):
            if link.vertex and not link.relative:
                link.left, link.top = left + link.x, top + link.y
                left, top = link.left, link.top
            else:
                # Layers, lines and labels riding on lines add nothing to their children.
                link.left, link.top = left, top
                left, top = (0.0, 0.0) if not link.vertex else (left, top)
            done.add(link.id)
