"""draw.io import on broken and hostile files: each gives one ImportFailed line, quickly,
and the project it was meant for is unchanged (reading writes nothing).

The 200,000-cell diagram is refused by the limit (MAX_CELLS, 50,000 shapes and lines),
counted before the XML is parsed."""

from __future__ import annotations

import base64
import os
import time
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.importers import drawio_decode
from app.importers.drawio_import import read_drawio
from app.importers.plan import ImportFailed
from app.model.dump import dump
from app.model.project_file import ProjectFile

LANE = (
    '<mxCell id="l" value="Lane" style="swimlane;horizontal=0;" parent="1" vertex="1">'
    '<mxGeometry width="400" height="100" as="geometry"/></mxCell>'
)


def model(body: str) -> str:
    top = '<mxCell id="0"/><mxCell id="1" parent="0"/>'
    return f"<mxGraphModel><root>{top}{body}</root></mxGraphModel>"


def packed(data: bytes) -> str:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.b64encode(packer.compress(data) + packer.flush()).decode()


def page(text: str) -> str:
    return f'<mxfile><diagram name="Page-1">{text}</diagram></mxfile>'


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
    '<mxfile><diagram name="&lol4;">' + model(LANE) + "</diagram></mxfile>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    + model(LANE.replace('value="Lane"', 'value="&secret;"'))
)
EXTERNAL_DTD = '<?xml version="1.0"?><!DOCTYPE m SYSTEM "file:///etc/passwd">' + model(LANE)


def cells(count: int) -> str:
    return "".join(
        f'<mxCell id="c{n}" value="" parent="l" vertex="1"><mxGeometry x="{n}" width="1" '
        'height="1" as="geometry"/></mxCell>'
        for n in range(count)
    )


# (name, file bytes, words the one-line message must contain)
CASES: list[tuple[str, bytes, str]] = [
    ("random bytes", os.urandom(4096), "not a readable draw.io file"),
    ("empty", b"", "is empty"),
    ("truncated XML", page(model(LANE)).encode()[:-40], "not a readable draw.io file"),
    ("billion laughs", BILLION_LAUGHS.encode(), "contains XML entities"),
    ("external entity", EXTERNAL_ENTITY.encode(), "contains XML entities"),
    ("external DTD", EXTERNAL_DTD.encode(), "contains XML entities"),
    ("not base64", page("this is not base64 !!! @@").encode(), "base64 is broken"),
    (
        "not deflate",
        page(base64.b64encode(b"plain words, not deflate").decode()).encode(),
        "deflate data is broken",
    ),
    (
        "cut-short deflate",
        page(packed(quote(model(LANE + cells(30))).encode())[:80]).encode(),
        "not a compressed draw.io page",
    ),
    (
        "bad URL encoding",
        page(packed(b"%3CmxGraphModel%3E%FF%FE%3C/mxGraphModel%3E")).encode(),
        "not UTF-8",
    ),
    (
        "entity bomb inside a page",
        page(packed(BILLION_LAUGHS.encode())).encode(),
        "contains XML entities",
    ),
    ("no pages", b"<mxfile></mxfile>", "no pages"),
    ("not draw.io", b"<svg><g/></svg>", "is not a draw.io diagram"),
    ("no root", page("<mxGraphModel/>").encode(), "has no <root>"),
    (
        "latin-1 claimed as UTF-8",
        page(model(LANE.replace("Lane", "Caf\xe9"))).encode("latin-1"),
        "not a readable draw.io file",
    ),
    (
        "unknown encoding",
        b'<?xml version="1.0" encoding="x-klingon"?>' + model(LANE).encode(),
        "not a readable draw.io file",
    ),
    ("UTF-16 without swimlanes", model("").encode("utf-16"), "has no swimlanes"),
    (
        "a coordinate that is not a number",
        model(LANE.replace('width="400"', 'width="wide"')).encode(),
        "is not a number",
    ),
    (
        "a coordinate at infinity",
        model(LANE.replace('width="400"', 'width="1e400"')).encode(),
        "impossibly far",
    ),
    (
        "parents in a loop",
        model(
            '<mxCell id="a" parent="b" vertex="1"/><mxCell id="b" parent="a" vertex="1"/>'
        ).encode(),
        "in a loop",
    ),
    ("two cells with one id", model(LANE + LANE).encode(), "for two cells"),
    (
        "a huge label",
        model(LANE.replace('value="Lane"', f'value="{"x" * 200_001}"')).encode(),
        "a label of 200,001 characters",
    ),
]


@pytest.fixture
def project_file():
    made = ProjectFile.new("Hostile")
    yield made
    made.close()


@pytest.mark.parametrize(("name", "data", "words"), CASES, ids=[case[0] for case in CASES])
def test_each_hostile_file_gives_one_line_and_changes_nothing(
    tmp_path: Path, project_file: ProjectFile, name: str, data: bytes, words: str
) -> None:
    before = dump(project_file.session)
    path = tmp_path / "hostile.drawio"
    path.write_bytes(data)
    started = time.perf_counter()
    with pytest.raises(ImportFailed) as raised:
        read_drawio(path)
    assert time.perf_counter() - started < 5
    message = str(raised.value)
    assert words in message
    assert "\n" not in message and message.startswith("hostile.drawio")
    assert len(message) < 300
    assert dump(project_file.session) == before


def test_a_decompression_bomb_is_refused_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that inflates without end stops at MAX_XML_BYTES, a megabyte at a time."""
    monkeypatch.setattr(drawio_decode, "MAX_XML_BYTES", 8 * 1024 * 1024)
    bomb = packed(b"%20" * (40 * 1024 * 1024))  # 120 MB of spaces in about 120 kB
    assert len(bomb) < 200_000
    path = tmp_path / "bomb.drawio"
    path.write_text(page(bomb))
    with pytest.raises(ImportFailed, match=r"^bomb\.drawio unpacks to more than 8 MB"):
        read_drawio(path)


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drawio_decode, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "big.drawio"
    path.write_text(page(model(LANE + cells(40))))
    with pytest.raises(ImportFailed, match=r"^big\.drawio is larger than 0 MB"):
        read_drawio(path)


def test_two_hundred_thousand_cells_are_refused_by_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.drawio"
    path.write_text(page(packed(model(LANE + cells(200_000)).encode())))
    started = time.perf_counter()
    with pytest.raises(ImportFailed, match="more than 50,000 shapes and lines"):
        read_drawio(path)
    assert time.perf_counter() - started < 10


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match=r"^gone\.drawio was not found$"):
        read_drawio(tmp_path / "gone.drawio")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000))
def test_fuzzed_bytes_read_or_fail_in_one_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.drawio"
    path.write_bytes(data)
    try:
        read_drawio(path)
    except ImportFailed as error:
        assert "\n" not in str(error)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=400))
def test_fuzzed_page_text_reads_or_fails_in_one_line(tmp_path: Path, text: str) -> None:
    """Any text in a page, taken as a compressed page, as XML, or between the cells."""
    path = tmp_path / "fuzz.drawio"
    for body in (page(text), page(model(LANE + text)), model(LANE + text)):
        path.write_text(body.replace("\x00", ""), encoding="utf-8", errors="surrogatepass")
        try:
            read_drawio(path)
        except ImportFailed as error:
            assert "\n" not in str(error)
