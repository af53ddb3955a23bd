"""The blueprint canvas: a QGraphicsScene of dumb items drawn from app.layout's geometry, a
view for navigating and editing it (gestures become intent signals, never model writes),
and an overview map."""
