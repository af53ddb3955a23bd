"""The domain model and the project file: plain SQLAlchemy, no Qt.

Importing the package loads every table, so relationships between modules resolve.
"""

from app.model import schema as schema
