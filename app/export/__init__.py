"""Exports: PDF blueprints, posters and reports (reportlab), PNG and SVG images (Qt),
CSV and JSON (the model)."""
