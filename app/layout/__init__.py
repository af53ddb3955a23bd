"""Geometry of a blueprint (lanes, steps, cards, connectors, the three lines) as plain data,
shared by the canvas and the PDF exporter so print matches screen. No Qt, no reportlab
drawing: only the font's metrics."""
