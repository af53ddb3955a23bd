"""How reportlab writes the exporter's content streams: two settings, each in force only
while it matters, that make a big map's PDF quicker to write without changing a page.

- ``binary_streams``: compressed streams without reportlab's ASCII85 wrapping, a quarter
  smaller and without a pure-Python encoder that took a third of a big map's export time.
  reportlab reads the setting while it writes the document.
- ``ascii_form_content``: reportlab encodes a form XObject's content through its
  PDFDocEncoding codec, a character at a time through a table (70 ms for a poster of 2,000
  cards, four times that for 10,000), where a page's content goes through UTF-8. The
  exporter's content is plain ASCII (text is written as escaped bytes), which both
  encodings turn into the same bytes; so while the poster form is closed, ASCII content is
  encoded as ASCII, and anything else still goes through reportlab's own codec.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

# The ASCII characters the PDFDocEncoding codec has no byte for; it writes the others as
# ASCII does.
_NOT_PDFDOC = bytes(range(0x18, 0x20))


@contextmanager
def binary_streams() -> Iterator[None]:
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


@contextmanager
def ascii_form_content() -> Iterator[None]:
    encode: Callable[[object], object] | None = getattr(pdfdoc, "pdfdocEnc", None)
    if encode is None:  # a reportlab that works otherwise: leave it be
        yield
        return

    def ascii_first(content: object) -> object:
        if isinstance(content, str) and content.isascii():
            data = content.encode("ascii")
            if len(data.translate(None, _NOT_PDFDOC)) == len(data):
                return data
        return encode(content)

    pdfdoc.pdfdocEnc = ascii_first
    try:
        yield
    finally:
        pdfdoc.pdfdocEnc = encode
