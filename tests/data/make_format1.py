"""Regenerate tests/data/format1.blueprint: a project saved in file format 1 (Alembic
revision 0001_initial), before blueprints had a position. Run from the repository root:
``.venv/bin/python tests/data/make_format1.py``."""

import sqlite3
from pathlib import Path

from app.model.base import APPLICATION_ID
from app.model.migrate import upgrade

TARGET = Path(__file__).with_name("format1.blueprint")

ROWS = """
INSERT INTO project VALUES ('Physical health check', 'Format 1 fixture',
    '2025-06-01 09:00:00', '0.0.9', 'p0000000-0000-4000-8000-000000000000');
INSERT INTO blueprint (project_id, name, kind, description, derived_from_id, id) VALUES
    ('p0000000-0000-4000-8000-000000000000', 'Zeta to-be', 'to-be', '', NULL,
     'b0000000-0000-4000-8000-000000000003'),
    ('p0000000-0000-4000-8000-000000000000', 'Alpha as-is', 'as-is', '', NULL,
     'b0000000-0000-4000-8000-000000000001'),
    ('p0000000-0000-4000-8000-000000000000', 'Middle', 'as-is', '', NULL,
     'b0000000-0000-4000-8000-000000000002');
INSERT INTO lane (blueprint_id, kind, title, position, height, derived_from, id) VALUES
    ('b0000000-0000-4000-8000-000000000001', 'customer actions', 'Customer actions', 0,
     NULL, NULL, 'l0000000-0000-4000-8000-000000000001');
INSERT INTO step (blueprint_id, stage_id, title, position, derived_from, id) VALUES
    ('b0000000-0000-4000-8000-000000000001', NULL, 'Receives letter', 0, NULL,
     's0000000-0000-4000-8000-000000000001');
INSERT INTO card (lane_id, step_id, position, text, actor_id, channel, duration_minutes,
    fail_point, wait_point, notes, derived_from, id) VALUES
    ('l0000000-0000-4000-8000-000000000001', 's0000000-0000-4000-8000-000000000001', 0,
     'Receives a letter they find hard to read', NULL, 'post', NULL, 1, 0, '', NULL,
     'c0000000-0000-4000-8000-000000000001');
"""


def main() -> None:
    TARGET.unlink(missing_ok=True)
    sqlite3.connect(TARGET).close()
    upgrade(TARGET, to="0001_initial")
    connection = sqlite3.connect(TARGET)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.executescript(ROWS)
    connection.commit()
    connection.execute("VACUUM")
    connection.close()
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
