"""Break text into lines that fit a width, measured with the shipped font's metrics.

Lines break at spaces; a word longer than the width is broken between characters, so
text never overflows its card. Explicit line breaks are kept. Control characters are
shown as spaces (card text is plain text, never markup).
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.layout.fonts import BOLD, REGULAR, metrics

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_CHARS = 2000  # a card shows at most this much text; the rest is in the properties


def clean(text: str) -> str:
    """Text as drawn: control and bidirectional override characters become spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1] + "…"
    return _CONTROL.sub(" ", text)


@lru_cache(maxsize=65536)
def wrap(text: str, width: float, size: float, font: str = REGULAR) -> tuple[str, ...]:
    """The lines of ``text`` that each fit ``width`` at ``size`` points."""
    measure = metrics(font).width
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if measure(candidate, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while measure(word, size) > width:
                cut = _fit(word, width, size, measure)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return tuple(lines)


def _fit(word: str, width: float, size: float, measure) -> int:
    """How many leading characters of ``word`` fit ``width`` (at least one)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle], size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def elide(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut to fit ``width`` at ``size``, ending in an ellipsis when cut: for short
    labels and titles the layout gives as one string (the canvas and the PDF agree)."""
    measure = metrics(BOLD if bold else REGULAR).width
    if measure(text, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + "…", size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…" if low else ""
