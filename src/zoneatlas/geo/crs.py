"""Coordinate reference systems used in Chinese development zones.

Storage is longitude/latitude (EPSG:4326). CGCS2000 (EPSG:4490) differs from WGS-84 by
centimetres, below map precision, so CGCS2000 geographic coordinates are stored as they are.
Lengths and areas are computed in the CGCS2000 3-degree Gauss-Kruger zone of the data:
EPSG:4534 (CM 75°E) .. EPSG:4554 (CM 135°E) without the zone number in the easting, and
EPSG:4513 (zone 25) .. EPSG:4533 (zone 45) with it.

>>> gauss_kruger_3deg_epsg(125.5)
4551
>>> gauss_kruger_3deg_epsg(125.5, zone_in_easting=True)
4530
"""

from __future__ import annotations

from functools import lru_cache

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from zoneatlas.errors import InvalidParameter

STORAGE_EPSG = 4326


def gauss_kruger_3deg_epsg(longitude: float, *, zone_in_easting: bool = False) -> int:
    """EPSG code of the CGCS2000 3-degree Gauss-Kruger zone that contains ``longitude``."""
    zone = int((longitude + 1.5) // 3)  # zone n has its central meridian at 3n degrees
    zone = min(max(zone, 25), 45)
    return (4513 if zone_in_easting else 4534) + zone - 25


def parse_crs(text: str) -> CRS:
    """Parse a user's CRS (``EPSG:4530``, ``4530``, WKT or PROJ); raise InvalidParameter."""
    value = text.strip()
    if value.isdigit():
        value = f"EPSG:{value}"
    try:
        return CRS.from_user_input(value)
    except CRSError as exc:
        raise InvalidParameter("crs", f"unknown coordinate reference system {text!r}") from exc


@lru_cache(maxsize=64)
def transformer(src: str, dst: str) -> Transformer:
    """A cached always-xy transformer between two CRS given as strings pyproj understands."""
    return Transformer.from_crs(src, dst, always_xy=True)


def to_storage(src: CRS) -> Transformer:
    """Transformer from ``src`` to the storage CRS (lon/lat)."""
    return transformer(src.to_wkt(), f"EPSG:{STORAGE_EPSG}")


def metric_transformer(longitude: float) -> Transformer:
    """Transformer from lon/lat to the 3-degree Gauss-Kruger zone of ``longitude`` (metres)."""
    return transformer(f"EPSG:{STORAGE_EPSG}", f"EPSG:{gauss_kruger_3deg_epsg(longitude)}")
