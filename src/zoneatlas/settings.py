"""Typed settings. Every field reads from the environment with the prefix ``ZONEATLAS_``.

Nothing is read at import: call :func:`Settings` (or :func:`load_settings`) when you need them.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB_PATH = Path("data/zoneatlas.sqlite")


class Settings(BaseSettings):
    """Runtime settings of a Zone Atlas instance (documented in docs/settings.md)."""

    model_config = SettingsConfigDict(env_prefix="ZONEATLAS_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_DB_PATH}",
        description="SQLAlchemy URL of the database; a plain file path means a SQLite file.",
    )
    zone: str = Field(default="jingyue-2020", description="Slug of the zone the map page shows.")
    default_language: str = Field(default="zh", description="Language of the pages: zh or en.")


def database_url_from(db: str) -> str:
    """Turn a ``--db`` argument (a file path or a SQLAlchemy URL) into a SQLAlchemy URL."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"
