"""Open a spreadsheet's text file whatever Excel or LibreOffice saved it as: UTF-8 with or
without a byte-order mark, UTF-16 with one ("Unicode text"), or Windows-1252 (a Western
European "CSV" from an older Excel); refuse a file that is not text at all. Bytes are
counted as they are read, so a long import can say how far it has got."""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import BinaryIO

from app.importers.plan import ImportFailed

SAMPLE = 64 * 1024
WINDOWS_1252_NOTE = (
    "the file is not UTF-8, so it was read as Windows-1252 (Western European); "
    "check accented letters, or save it from the spreadsheet as CSV UTF-8"
)


class CountingReader(io.RawIOBase):
    """A binary file that remembers how many bytes were read from it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


def choose_encoding(path: Path) -> tuple[str, str]:
    """The encoding to read ``path`` with, and a note for the plan ("" when none)."""
    with path.open("rb") as stream:
        head = stream.read(SAMPLE)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", ""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", ""
    if _looks_binary(head):
        raise ImportFailed(
            f"{path.name} is not a text file (it looks like binary data); "
            "save the sheet as CSV and import that"
        )
    if _is_utf8(path):
        return "utf-8", ""
    return "cp1252", WINDOWS_1252_NOTE


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13))
    return controls > max(8, len(head) // 100)


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def open_text(path: Path, encoding: str) -> tuple[io.TextIOWrapper, CountingReader]:
    """``path`` as text for the csv module (newline="" keeps quoted line breaks), and the
    counter of bytes read under it."""
    counter = CountingReader(path.open("rb"))
    # Windows-1252 leaves five bytes undefined; they become U+FFFD rather than failing.
    errors = "replace" if encoding == "cp1252" else "strict"
    buffered = io.BufferedReader(counter, buffer_size=1 << 16)
    return io.TextIOWrapper(buffered, encoding=encoding, errors=errors, newline=""), counter
