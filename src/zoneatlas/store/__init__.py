"""Storage: SQLAlchemy 2 schema, Alembic migrations and the one repository the domain calls."""

from zoneatlas.store.engine import make_engine
from zoneatlas.store.repository import ParcelFilter, Store

__all__ = ["ParcelFilter", "Store", "make_engine"]
