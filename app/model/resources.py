"""Where the readable resources (templates, the sample's source, fonts) live."""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
