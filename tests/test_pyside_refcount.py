"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void call until the
process dies with "none_dealloc"; the project pins PySide6 below 6.12 for that reason."""

import sys
from importlib.metadata import version

from PySide6.QtGui import QPainterPath


def test_void_qt_calls_keep_the_none_refcount() -> None:
    path = QPainterPath()
    path.lineTo(1.0, 1.0)  # warm up any one-time caches
    before = sys.getrefcount(None)
    for i in range(10_000):
        path.lineTo(float(i), float(i))
    after = sys.getrefcount(None)
    assert abs(after - before) < 100, f"None refcount moved by {after - before}"


def test_pyside_is_pinned_below_6_12() -> None:
    major, minor = (int(part) for part in version("PySide6-Essentials").split(".")[:2])
    assert (major, minor) < (6, 12)
