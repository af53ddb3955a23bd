"""The properties dock: view and edit the selected cards through undoable commands."""

from app.ui.properties.panel import PropertiesPanel

__all__ = ["PropertiesPanel"]
