"""The colours of pain-point severity on printed maps and reports.

The values live in app/layout/severity.py, where the canvas reads them too: a severity
looks the same on screen and on paper.
"""

from __future__ import annotations

from app.layout.severity import (
    SEVERITIES,
    SEVERITY_FILL,
    SEVERITY_INK,
    SEVERITY_NAMES,
    SHADE_BANDS,
    SHADE_OPACITY,
    band_label,
    cell_shade,
    clamp,
    fill,
    ink,
    over,
    shade,
    shade_level,
)

__all__ = [
    "SEVERITIES",
    "SEVERITY_FILL",
    "SEVERITY_INK",
    "SEVERITY_NAMES",
    "SHADE_BANDS",
    "SHADE_OPACITY",
    "band_label",
    "cell_shade",
    "clamp",
    "fill",
    "ink",
    "over",
    "shade",
    "shade_level",
]
