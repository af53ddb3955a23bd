"""Reading a draw.io file down to its pages' ``<mxGraphModel>`` elements, safely.

A draw.io file comes from anyone: it is parsed only with defusedxml (no entities, no
outside references), and its sizes are checked before and while it is unpacked: the file,
each compressed page (base64, then raw deflate, then URL-encoded XML) as it inflates, and
the number of shapes and lines. Every failure is one ImportFailed line naming the file.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from app.importers.plan import ImportFailed

MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest draw.io file read; its template gallery's biggest diagrams are under 1 MB."""
MAX_XML_BYTES = 64 * 1024 * 1024
"""The most XML all pages may unpack to, together (a zip bomb stops here)."""
MAX_CELLS = 50_000
"""The most shapes and lines a file may hold, on all pages together: five times the
largest blueprint Stagecraft is measured with (10,000 cards)."""
MAX_PAGES = 200
_CHUNK = 1024 * 1024
_CELL = re.compile(r"<(?:mxCell|UserObject|object)\b")


@dataclass
class Page:
    """One page (``<diagram>``) of the file: its name and its graph."""

    name: str
    model: Element


class _Budget:
    """What is left of the limits while the pages are unpacked."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.xml_bytes = MAX_XML_BYTES
        self.cells = MAX_CELLS

    def spend_xml(self, size: int) -> None:
        self.xml_bytes -= size
        if self.xml_bytes < 0:
            raise ImportFailed(
                f"{self.name} unpacks to more than {MAX_XML_BYTES // (1024 * 1024)} MB of "
                "diagram; Stagecraft does not read draw.io files that large"
            )

    def spend_cells(self, xml: str) -> None:
        self.cells -= sum(1 for _match in _CELL.finditer(xml))
        if self.cells < 0:
            raise ImportFailed(
                f"{self.name} has more than {MAX_CELLS:,} shapes and lines; Stagecraft "
                f"imports draw.io diagrams of up to {MAX_CELLS:,}"
            )


def read_pages(path: Path) -> list[Page]:
    """The pages of the draw.io file at ``path``, each with its ``<mxGraphModel>``."""
    name = path.name
    data = _read_bytes(path)
    budget = _Budget(name)
    budget.spend_xml(len(data))
    budget.spend_cells(data.decode("latin-1"))
    root = parse_xml(data, name)
    if root.tag == "mxGraphModel":
        return [Page("", root)]
    if root.tag != "mxfile":
        raise ImportFailed(f"{name} is not a draw.io diagram (it holds <{_short(root.tag)}>)")
    diagrams = root.findall("diagram")
    if not diagrams:
        raise ImportFailed(f"{name} is a draw.io file with no pages")
    if len(diagrams) > MAX_PAGES:
        raise ImportFailed(
            f"{name} has {len(diagrams):,} pages; Stagecraft reads up to {MAX_PAGES}"
        )
    pages = []
    for number, diagram in enumerate(diagrams, start=1):
        model = diagram.find("mxGraphModel")
        if model is None:
            where = name if len(diagrams) == 1 else f"{name} (page {number})"
            model = _unpack(diagram.text or "", where, budget)
        pages.append(Page(diagram.get("name") or "", model))
    return pages


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ImportFailed(f"{path.name} was not found") from None
    except IsADirectoryError:
        raise ImportFailed(f"{path.name} is a folder, not a draw.io file") from None
    except OSError as error:
        raise ImportFailed(f"{path.name} cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailed(
            f"{path.name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; Stagecraft "
            "does not read draw.io files that large"
        )
    if not data.strip():
        raise ImportFailed(f"{path.name} is empty")
    return data


def parse_xml(data: bytes | str, name: str) -> Element:
    """``data`` parsed by defusedxml. draw.io never writes a document type declaration,
    so none is read: no entities (a billion laughs), no outside files (an external entity
    naming file:///etc/passwd)."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ImportFailed(
            f"{name} contains XML entities or a document type declaration, which Stagecraft "
            "does not read"
        ) from None
    except ParseError as error:
        raise ImportFailed(f"{name} is not a readable draw.io file ({_where(error)})") from None
    except (ValueError, LookupError, UnicodeError) as error:
        # Unknown encodings and text that is not in the encoding it claims.
        raise ImportFailed(f"{name} is not a readable draw.io file ({error})") from None


def _where(error: ParseError) -> str:
    message = str(error).split(":")[0].strip() or "broken XML"
    line, column = getattr(error, "position", (0, 0))
    return f"{message} at line {line}, column {column + 1}" if line else message


def _unpack(text: str, name: str, budget: _Budget) -> Element:
    """A compressed page: base64, then raw deflate, then URL-encoded XML. A page whose
    text is already XML (some tools write it so) is parsed as it is."""
    text = text.strip()
    if not text:
        raise ImportFailed(f"{name} is empty")
    if text.startswith("<"):
        return parse_xml(text, name)
    try:
        packed = base64.b64decode(text, validate=False)
    except (binascii.Error, ValueError):
        raise ImportFailed(
            f"{name} is not a compressed draw.io page (its base64 is broken)"
        ) from None
    xml = _inflate(packed, name, budget)
    try:
        decoded = urllib.parse.unquote(xml.decode("ascii"), encoding="utf-8", errors="strict")
    except UnicodeError:
        raise ImportFailed(
            f"{name} is not a compressed draw.io page (its text is not UTF-8)"
        ) from None
    budget.spend_cells(decoded)
    model = parse_xml(decoded, name)
    if model.tag != "mxGraphModel":
        raise ImportFailed(f"{name} is not a draw.io page (it holds <{_short(model.tag)}>)")
    return model


def _inflate(packed: bytes, name: str, budget: _Budget) -> bytes:
    """Raw deflate, unpacked a megabyte at a time so a bomb is stopped at the limit."""
    inflater = zlib.decompressobj(-15)
    parts: list[bytes] = []
    pending = packed
    try:
        while not inflater.eof:
            part = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            if not part and not pending:
                break
            budget.spend_xml(len(part))
            parts.append(part)
    except zlib.error:
        raise ImportFailed(
            f"{name} is not a compressed draw.io page (its deflate data is broken)"
        ) from None
    if not inflater.eof:
        raise ImportFailed(
            f"{name} is not a compressed draw.io page (its deflate data is cut short)"
        )
    return b"".join(parts)


def _short(tag: str) -> str:
    return tag.rsplit("}", 1)[-1][:40]
