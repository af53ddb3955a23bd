"""Editing: undo commands over the model's operations, the undo stack and change signals."""
