"""Bringing work in: CSV (as the CSV export writes it, or as Excel saves it), the JSON
export, draw.io diagrams, and merging a colleague's copy of a project. Plain Python over
the model, no Qt: the window and the command line call the same functions."""
