"""Parcels as columns: what readers hand to validation and what writers get from parcels.

Readers return a :class:`RawTable` (rows of plain Python values, geometries still in the
file's CRS); writers turn parcels into typed numpy columns (GeoPackage, Shapefile) or text
cells (CSV). Geometry work is done on whole arrays with shapely 2 and pyproj.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import CRS

from zoneatlas.geo.crs import STORAGE_EPSG, to_storage
from zoneatlas.io.formats import EXPORT_FIELDS, FIELD_KINDS
from zoneatlas.parcels.model import Parcel

Problem = tuple[int | None, str]
GeometryArray = NDArray[np.object_]


@dataclass
class RawTable:
    """Features as read from a file, before validation.

    ``rows`` map parcel field names to plain Python values (str, float, int, bool,
    date, list or None); ``geometries`` holds a shapely geometry or None per row, in
    ``crs`` (the file's CRS, None when the file does not say). ``problems`` are rows the
    reader could not decode (row numbers start at 1).
    """

    rows: list[dict[str, Any]]
    geometries: GeometryArray
    crs: CRS | None
    problems: list[Problem] = field(default_factory=list)


def geometry_array(parcels: Sequence[Parcel]) -> GeometryArray:
    """The parcels' geometries as a 1-D object array (lon/lat, EPSG:4326)."""
    array = np.empty(len(parcels), dtype=object)
    array[:] = [parcel.geometry for parcel in parcels]
    return array


def export_value(parcel: Parcel, name: str) -> Any:
    """The value of export column ``name``; ``area_mu`` is 亩 rounded to 0.01."""
    if name == "area_mu":
        return round(parcel.area_mu, 2)
    return getattr(parcel, name)


def typed_columns(
    parcels: Sequence[Parcel],
) -> tuple[list[NDArray[Any]], list[NDArray[np.bool_] | None]]:
    """One numpy array per :data:`EXPORT_FIELDS` column, and a null mask for integer
    columns (None is NaN in float columns and NaT in date columns)."""
    arrays: list[NDArray[Any]] = []
    masks: list[NDArray[np.bool_] | None] = []
    for name in EXPORT_FIELDS:
        values = [export_value(parcel, name) for parcel in parcels]
        kind = FIELD_KINDS[name]
        mask: NDArray[np.bool_] | None = None
        array: NDArray[Any]
        if kind == "float":
            array = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        elif kind == "int":
            mask = np.array([v is None for v in values], dtype=np.bool_)
            array = np.array([0 if v is None else v for v in values], dtype=np.int64)
        elif kind == "date":
            array = np.array(
                [np.datetime64("NaT") if v is None else np.datetime64(v, "D") for v in values],
                dtype="datetime64[D]",
            )
        elif kind == "bool":
            array = np.array(values, dtype=np.bool_)
        else:
            array = np.empty(len(values), dtype=object)
            array[:] = [";".join(v) for v in values] if kind == "list" else values
        arrays.append(array)
        masks.append(mask)
    return arrays, masks


def cell_text(value: Any, kind: str) -> str:
    """A value as CSV text: None is empty, floats keep every digit (``repr``), dates
    are ISO 8601, booleans ``true``/``false``, lists ``;``-joined."""
    if value is None:
        return ""
    if kind == "float":
        return repr(float(value))
    if kind == "bool":
        return "true" if value else "false"
    if kind == "date":
        return str(value.isoformat())
    if kind == "list":
        return ";".join(value)
    return str(value)


def _python_values(array: NDArray[Any]) -> list[Any]:
    """A column read by pyogrio as plain Python values; NaN and NaT become None."""
    if array.dtype.kind == "f":
        values = array.astype(object)
        values[np.isnan(array)] = None
        return list(values)
    if array.dtype.kind == "M":
        return list(array.astype(object))  # dates (or datetimes); NaT becomes None
    if array.dtype.kind in "iub":
        return list(array.tolist())
    return [list(v.tolist()) if isinstance(v, np.ndarray) else v for v in array]


def _json_list(value: Any) -> Any:
    """GDAL reads a list property it cannot type (every list empty, or lists mixed with
    text) as JSON text, and GeoPackages keep list fields as JSON text; decode it."""
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        if isinstance(decoded, list):
            return [str(item) for item in decoded]
    return value


def rows_from_columns(
    names: Sequence[str], arrays: Sequence[NDArray[Any]], length: int
) -> list[dict[str, Any]]:
    """``length`` rows of plain values from columns read by pyogrio."""
    columns = [_python_values(array) for array in arrays]
    for index, name in enumerate(names):
        if FIELD_KINDS.get(name) == "list":
            columns[index] = [_json_list(value) for value in columns[index]]
    return [
        {name: column[i] for name, column in zip(names, columns, strict=True)}
        for i in range(length)
    ]


def is_storage_crs(crs: CRS) -> bool:
    """True when ``crs`` is EPSG:4326 in either axis order (e.g. OGC:CRS84)."""
    return bool(crs.equals(CRS.from_epsg(STORAGE_EPSG), ignore_axis_order=True))


def reproject(geometries: GeometryArray, crs: CRS) -> GeometryArray:
    """Geometries from ``crs`` to lon/lat (EPSG:4326), all coordinates in one pyproj call.

    Coordinates pyproj cannot transform become inf, which validation reports as outside
    the longitude/latitude range.
    """
    if is_storage_crs(crs):
        return geometries
    transformer = to_storage(crs)

    def transform(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    result: GeometryArray = shapely.transform(geometries, transform)
    return result


def canonical(geometries: GeometryArray) -> GeometryArray:
    """The stored form of parcel geometries: 2-D, a one-part MultiPolygon as a Polygon,
    exterior rings counter-clockwise and holes clockwise (the RFC 7946 rule).

    Files differ in ring order (Shapefile rings are clockwise) and in single versus
    multi types; one form makes a round trip through any format give equal geometries.
    """
    result: GeometryArray = shapely.force_2d(geometries)
    single = (shapely.get_type_id(result) == shapely.GeometryType.MULTIPOLYGON) & (
        shapely.get_num_geometries(result) == 1
    )
    if single.any():
        result[single] = shapely.get_geometry(result[single], 0)
    oriented: GeometryArray = shapely.orient_polygons(result, exterior_cw=False)
    return oriented


def out_of_lonlat(geometries: GeometryArray) -> NDArray[np.bool_]:
    """Per geometry: True when its bounds leave longitude [-180, 180] / latitude [-90, 90].
    Missing and empty geometries are False."""
    bounds = shapely.bounds(geometries)
    with np.errstate(invalid="ignore"):
        outside = (
            (bounds[:, 0] < -180)
            | (bounds[:, 2] > 180)
            | (bounds[:, 1] < -90)
            | (bounds[:, 3] > 90)
        )
    return np.asarray(outside, dtype=np.bool_)
