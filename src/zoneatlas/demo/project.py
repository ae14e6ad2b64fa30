"""Reprojection of the demo's EPSG:4551 metric geometry to storage lon/lat (EPSG:4326)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from zoneatlas.demo.layout import METRIC_EPSG
from zoneatlas.geo.crs import STORAGE_EPSG, transformer

FloatArray = npt.NDArray[np.float64]


def _to_lonlat() -> Transformer:
    return transformer(f"EPSG:{METRIC_EPSG}", f"EPSG:{STORAGE_EPSG}")


def xy_to_lonlat(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    """EPSG:4551 metres to longitude and latitude in degrees (arrays in, arrays out)."""
    lon, lat = _to_lonlat().transform(x, y)
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def _transform_coords(coords: FloatArray) -> FloatArray:
    lon, lat = xy_to_lonlat(coords[:, 0], coords[:, 1])
    return np.column_stack([lon, lat])


def to_lonlat(geometry: BaseGeometry) -> BaseGeometry:
    """One EPSG:4551 geometry to lon/lat."""
    result: BaseGeometry = shapely.transform(geometry, _transform_coords)
    return result


def many_to_lonlat(geometries: list[BaseGeometry]) -> list[BaseGeometry]:
    """EPSG:4551 geometries to lon/lat in one pyproj call (all coordinates at once)."""
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    return list(shapely.transform(array, _transform_coords))
