"""Undo commands, one family per module; each changes the model only through its operations."""
