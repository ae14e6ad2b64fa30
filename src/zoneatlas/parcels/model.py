"""The parcel record and its conversion to and from flat properties (files, GeoJSON)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from shapely.geometry.base import BaseGeometry

from zoneatlas.units import m2_to_mu


@dataclass
class Parcel:
    """A key investment parcel (重点招商引资地块) with its planning conditions.

    Geometry is a shapely (Multi)Polygon in lon/lat (EPSG:4326). Areas are m², heights
    metres, lease terms years, prices 元/m²; densities and green ratios are percent.
    """

    code: str
    name_zh: str
    land_use: str
    status: str
    geometry: BaseGeometry
    area_m2: float
    name_en: str = ""
    functional_area: str = ""
    far_min: float | None = None
    far_max: float | None = None
    density_max_pct: float | None = None
    green_min_pct: float | None = None
    height_max_m: float | None = None
    lease_years: int | None = None
    development_level: str = ""
    industries: list[str] = field(default_factory=list)
    start_price_yuan_m2: float | None = None
    source: str = ""
    updated: dt.date | None = None
    synthetic: bool = False

    @property
    def area_mu(self) -> float:
        """Area in 亩 (1 亩 = 666.67 m²)."""
        return m2_to_mu(self.area_m2)

    def properties(self) -> dict[str, Any]:
        """Flat properties for GeoJSON and files; lists are joined with ``;`` by writers
        that cannot store them, dates are ISO strings."""
        props: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "geometry":
                continue
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            props[f.name] = value
        props["area_mu"] = round(self.area_mu, 2)
        return props


#: Property names a parcel file may carry, in the order exports write them.
PARCEL_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Parcel) if f.name != "geometry")
REQUIRED_FIELDS: tuple[str, ...] = ("code", "name_zh", "land_use", "status")
