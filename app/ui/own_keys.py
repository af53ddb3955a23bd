"""Lists in docks that keep some plain keys (Delete, F2, Enter) for themselves while they
have the focus: the window's actions with those shortcuts act on the canvas's cards."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def claims_key(event: QEvent, keys: Collection[Qt.Key]) -> bool:
    """Accept a shortcut override for one of ``keys`` pressed without modifiers, so the
    key goes to the focused widget's keyPressEvent instead of a window action; call from
    ``event`` and return True when it does."""
    if (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and event.modifiers() in PLAIN
        and event.key() in keys
    ):
        event.accept()
        return True
    return False
