"""Mutated import sources for the fuzzing runs: CSV, JSON and draw.io files damaged at the
byte level (bit flips, cuts, inserted and repeated runs, stray syntax) or changed in their
structure (a JSON value of another type or size, a CSV cell or heading, a draw.io cell's
attribute, parent or id), each written as a file the importers read.

``mutate(rng, index, target)`` rewrites ``target`` (a copy of a base file whose extension
names its format) and returns the name of what was done.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import random
import zlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, unquote
from xml.etree import ElementTree

TOKENS = {
    ".csv": [
        b'"',
        b",",
        b";",
        b"\t",
        b"\r",
        b"\n",
        b"\r\n",
        b'""',
        b"\x00",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"=cmd|' /C calc'!A0",
        b"\xe9",
        b"\x80",
    ],
    ".json": [
        b"{",
        b"}",
        b"[",
        b"]",
        b'"',
        b",",
        b":",
        b"null",
        b"1e999",
        b"-0",
        b"NaN",
        b'"\\ud800"',
        b"\\u0000",
        b"true",
        b"[" * 50,
        b"\xff",
    ],
    ".drawio": [
        b"<",
        b">",
        b"&",
        b"&lol;",
        b"<!DOCTYPE x [<!ENTITY lol 'lol'>]>",
        b"]]>",
        b"<![CDATA[",
        b'"',
        b"\x00",
        b'<mxCell id="1"/>',
        b'parent="',
        b"\xff",
    ],
}
WEIRD_TEXT = [
    "",
    " ",
    "x" * 131_073,
    "x" * 70_000,
    "=1+1",
    "@SUM(A1)",
    "<b>bold</b><img src='http://example.invalid/x.png'>",
    "{0} %s {card.__class__}",
    "\u202etxt.exe",
    "a\x00b",
    "\ud7ff\ue000\U0010ffff",
    "line\rbreak",
    "1e309",
    "NaN",
    "-1",
]
WEIRD_JSON = [
    None,
    True,
    0,
    -1,
    1e308,
    -(2**63),
    2**64,
    "",
    "x" * 300_000,
    [],
    {},
    [[[[[]]]]],
    {"id": None},
    "nowhere",
    0.5,
    "2024-02-30",
]
WEIRD_ATTRIBUTES = [
    "",
    "-1",
    "1e400",
    "nan",
    "inf",
    "-0",
    "x",
    "99999999999999999999",
    "swimlane;horizontal=0;",
    "<b>x</b>",
    "&amp;",
    "1",
    "0",
    "edge",
    "vertex",
]


# -- bytes, for every format ----------------------------------------------------------------


def bit_flips(rng: random.Random, data: bytes, _suffix: str) -> tuple[bytes, str]:
    changed = bytearray(data)
    for _ in range(rng.choice((1, 2, 8, 32))):
        spot = rng.randrange(len(changed))
        changed[spot] ^= 1 << rng.randrange(8)
    return bytes(changed), "bit flips"


def cut(rng: random.Random, data: bytes, _suffix: str) -> tuple[bytes, str]:
    return data[: rng.randrange(len(data))], "truncated"


def inserted(rng: random.Random, data: bytes, suffix: str) -> tuple[bytes, str]:
    spot = rng.randrange(len(data) + 1)
    if rng.random() < 0.6:
        extra = b"".join(rng.choice(TOKENS[suffix]) for _ in range(rng.randrange(1, 6)))
        name = "stray syntax"
    else:
        extra = rng.randbytes(rng.choice((1, 16, 512)))
        name = "random bytes inserted"
    return data[:spot] + extra + data[spot:], name


def removed_run(rng: random.Random, data: bytes, _suffix: str) -> tuple[bytes, str]:
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.choice((1, 8, 64, 1024)))
    return data[:start] + data[end:], "run removed"


def repeated_run(rng: random.Random, data: bytes, _suffix: str) -> tuple[bytes, str]:
    start = rng.randrange(len(data))
    run = data[start : start + rng.choice((4, 64, 512))]
    return data[:start] + run * rng.choice((2, 10, 200)) + data[start:], "run repeated"


BYTE_MUTATIONS = [bit_flips, cut, inserted, removed_run, repeated_run]


# -- structure ------------------------------------------------------------------------------


def csv_structure(rng: random.Random, data: bytes, _suffix: str) -> tuple[bytes, str]:
    text = data.decode("utf-8-sig", "replace")
    rows = list(csv.reader(io.StringIO(text)))
    row = rng.randrange(len(rows))
    choice = rng.randrange(6)
    if choice == 0 and rows[row]:
        rows[row][rng.randrange(len(rows[row]))] = rng.choice(WEIRD_TEXT)
        name = "a cell changed"
    elif choice == 1:
        rows[0][rng.randrange(len(rows[0]))] = rng.choice(("", "Card", "Lane", "x" * 1000, "Step"))
        name = "a heading changed"
    elif choice == 2:
        column = rng.randrange(len(rows[0]))
        rows = [r[:column] + r[column + 1 :] for r in rows]
        name = "a column removed"
    elif choice == 3:
        rows[row] = rows[row] + ["extra"] * rng.choice((1, 50, 5000))
        name = "a long row"
    elif choice == 4:
        rows = rows[:1] + rows[1:] * rng.choice((2, 20))
        name = "rows repeated"
    else:
        rows = [rows[0]] + [[] for _ in range(rng.choice((1, 100)))] + rows[1:]
        name = "empty rows"
    out = io.StringIO()
    delimiter = rng.choice((",", ";", "\t", "|"))
    csv.writer(out, delimiter=delimiter).writerows(rows)
    encoding = rng.choice(("utf-8", "utf-8-sig", "utf-16", "cp1252", "utf-8"))
    return out.getvalue().encode(encoding, "replace"), f"CSV: {name}"


def _nodes(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:20]):
            found += _nodes(item, (*path, index))
    return found


def json_structure(rng: random.Random, data: bytes, _suffix: str) -> tuple[bytes, str]:
    document = json.loads(data)
    for _ in range(rng.choice((1, 1, 3))):
        path = rng.choice(_nodes(document)[1:])
        *parents, last = path
        holder = document
        for step in parents:
            holder = holder[step]
        choice = rng.randrange(5)
        if choice == 0:
            holder[last] = rng.choice(WEIRD_JSON)
        elif choice == 1 and isinstance(holder, dict):
            del holder[last]
        elif choice == 2 and isinstance(holder, list):
            holder.append(holder[last])  # the same id twice
        elif choice == 3 and isinstance(holder, dict):
            holder[f"{last}_unknown"] = rng.choice(WEIRD_JSON)
        else:
            holder[last] = rng.choice(WEIRD_TEXT)
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5, allow_nan=True)
    return text.encode("utf-8", "surrogatepass"), "JSON: values changed"


def _model(data: bytes) -> ElementTree.Element:
    """The first page's mxGraphModel, unpacked when it is compressed."""
    root = ElementTree.fromstring(data)
    diagram = root.find("diagram")
    if diagram is None:
        return root
    inner = diagram.find("mxGraphModel")
    if inner is not None:
        return inner
    packed = base64.b64decode(diagram.text or "")
    xml = unquote(zlib.decompress(packed, -15).decode("utf-8"))
    return ElementTree.fromstring(xml)


def drawio_structure(rng: random.Random, data: bytes, _suffix: str) -> tuple[bytes, str]:
    model = _model(data)
    cells = list(model.iter("mxCell")) + list(model.iter("mxGeometry"))
    for _ in range(rng.choice((1, 2, 5))):
        cell = rng.choice(cells)
        choice = rng.randrange(5)
        if choice == 0 and cell.attrib:
            del cell.attrib[rng.choice(sorted(cell.attrib))]
        elif choice == 1:
            name = rng.choice(sorted(cell.attrib) or ["value"])
            cell.set(name, rng.choice(WEIRD_ATTRIBUTES + WEIRD_TEXT))
        elif choice == 2:
            others = [c.get("id") for c in model.iter("mxCell") if c.get("id")]
            cell.set("parent", rng.choice([*others, "missing", ""]))
        elif choice == 3:
            target = rng.choice(list(model.iter("root")) or [model])
            target.append(cell)  # the same cell, and its id, twice
        else:
            for parent in model.iter():
                if cell in list(parent):
                    parent.remove(cell)
                    break
    xml = ElementTree.tostring(model, encoding="unicode")
    if rng.random() < 0.5:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        body = base64.b64encode(packer.compress(quote(xml).encode()) + packer.flush()).decode()
        return f'<mxfile><diagram name="Page-1">{body}</diagram></mxfile>'.encode(), (
            "draw.io: cells changed, packed"
        )
    return f'<mxfile><diagram name="Page-1">{xml}</diagram></mxfile>'.encode(), (
        "draw.io: cells changed"
    )


STRUCTURE: dict[str, Callable[[random.Random, bytes, str], tuple[bytes, str]]] = {
    ".csv": csv_structure,
    ".json": json_structure,
    ".drawio": drawio_structure,
}


def mutate(rng: random.Random, index: int, target: Path) -> str:
    suffix = target.suffix
    data = target.read_bytes()
    names = []
    for _ in range(rng.choice((1, 1, 1, 2))):
        if rng.random() < 0.45:
            try:
                data, name = STRUCTURE[suffix](rng, data, suffix)
            except Exception:  # already too broken to parse: damage the bytes instead
                data, name = bit_flips(rng, data or b" ", suffix)
        else:
            data, name = rng.choice(BYTE_MUTATIONS)(rng, data or b" ", suffix)
        names.append(name)
    target.write_bytes(data)
    return " + ".join(names)
