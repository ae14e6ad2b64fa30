"""Typed settings. Every field reads from the environment with the prefix ``ZONEATLAS_``.

Nothing is read at import: call :func:`Settings` (or :func:`load_settings`) when you need them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
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
    basemap: Literal["zone", "tianditu", "amap", "osm", "custom"] = Field(
        default="zone",
        description="Basemap under the zone's layers: zone (offline, drawn from the zone's own "
        "layers), tianditu (needs tianditu_key; CGCS2000, no offset), amap (GCJ-02: our layers "
        "are shifted at the display edge), osm, or custom (basemap_url).",
    )
    basemap_url: str = Field(
        default="", description="XYZ raster tile URL template for basemap=custom, {z}/{x}/{y}."
    )
    basemap_offset: Literal["none", "gcj02"] = Field(
        default="none", description="Coordinate offset of a custom basemap: none or gcj02."
    )
    tianditu_key: SecretStr | None = Field(
        default=None,
        description="Tianditu (天地图) browser key for basemap=tianditu. It is sent to browsers "
        "in tile URLs, as Tianditu's browser keys are meant to be; restrict it by domain there.",
    )


def database_url_from(db: str) -> str:
    """Turn a ``--db`` argument (a file path or a SQLAlchemy URL) into a SQLAlchemy URL."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"
