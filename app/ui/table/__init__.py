"""The table view of a blueprint: lanes as rows, steps as columns, cards as lines."""

from app.ui.table.widget import BlueprintTable

__all__ = ["BlueprintTable"]
