"""Tooltips that show people's text as they typed it.

Qt renders a tooltip (a widget's, a graphics item's, an item's ToolTipRole) as rich text
when the string looks like HTML (``Qt.mightBeRichText``: a known tag, or ``&lt;``, early
in its first line). A card text such as ``<img src="file:///etc/passwd">`` would then be
drawn as markup and the image it names read. Such text is handed to Qt escaped instead.
"""

from __future__ import annotations

from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt, not QtCore's


def plain_tip(text: str | None) -> str:
    """``text`` as a tooltip that Qt shows literally, line breaks and spaces kept."""
    if not text or not GuiQt.mightBeRichText(text):
        return text or ""
    return GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpaceNormal)
