"""Alembic environment: the engine comes from ``config.attributes['engine']`` (set by
``zoneatlas.store.engine.upgrade``) or from ``ZONEATLAS_DATABASE_URL``."""

from __future__ import annotations

from alembic import context

from zoneatlas.settings import Settings
from zoneatlas.store.engine import make_engine
from zoneatlas.store.schema import metadata

config = context.config
engine = config.attributes.get("engine") or make_engine(Settings().database_url)

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
