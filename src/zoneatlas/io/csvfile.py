"""CSV parcel files: one parcel per line, polygon geometry as WKT.

Written as UTF-8 with a byte-order mark (``utf-8-sig``) so that Excel shows Chinese
correctly when the file is double-clicked; columns are every parcel field, ``area_mu``,
the centroid's ``lon``/``lat`` (EPSG:4326, 7 decimals, for spreadsheets and point tools)
and ``wkt`` last. Empty cells are None.

Read: UTF-8 with or without a BOM; a file that is not UTF-8 is read as GB18030, the
encoding Excel on Chinese Windows saves "CSV" in. The geometry column is ``wkt`` or
``geometry`` (any case, as QGIS writes ``WKT``); ``lon``/``lat`` are ignored, because a
point cannot be a parcel. Coordinates are EPSG:4326 unless the caller gives a CRS.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from zoneatlas.errors import ImportRejected
from zoneatlas.io.formats import EXPORT_FIELDS, FIELD_KINDS, field_name
from zoneatlas.io.table import (
    GeometryArray,
    Problem,
    RawTable,
    cell_text,
    export_value,
    geometry_array,
)
from zoneatlas.parcels.model import Parcel

GEOMETRY_COLUMNS = ("wkt", "geometry")
LONLAT_ONLY = "CSV has lon/lat columns but parcels need polygon geometry: add a wkt column"
NO_GEOMETRY = "CSV has no wkt column: parcels need polygon geometry as WKT in a column named wkt"
#: Largest cell read, in characters (the csv module's default of 128 KiB is too small
#: for a detailed MultiPolygon's WKT).
MAX_CELL = 16 * 1024 * 1024


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            path.name, [(None, "the file is neither UTF-8 nor GB18030 text; save it as CSV UTF-8")]
        ) from exc


def _geometry_index(path: Path, names: list[str]) -> int:
    for wanted in GEOMETRY_COLUMNS:
        if wanted in names:
            return names.index(wanted)
    lonlat = {"lon", "lat"} <= set(names) or {"longitude", "latitude"} <= set(names)
    raise ImportRejected(path.name, [(None, LONLAT_ONLY if lonlat else NO_GEOMETRY)])


def _records(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header (as parcel field names) and data records, without trailing blank lines."""
    # Raising the limit only ever grows it, so concurrent readers cannot undo each other.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
    try:
        records = list(csv.reader(io.StringIO(_decode(path), newline="")))
    except csv.Error as exc:
        raise ImportRejected(path.name, [(None, f"the file is not valid CSV: {exc}")]) from exc
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()
    if not records:
        return [], []
    return [field_name(cell) for cell in records[0]], records[1:]


def read_csv(path: Path) -> RawTable:
    """Read a CSV parcel file into a :class:`RawTable` (CRS None: the caller decides)."""
    names, records = _records(path)
    if not names:
        return RawTable(rows=[], geometries=np.empty(0, dtype=object), crs=None)
    geometry_at = _geometry_index(path, names)
    rows: list[dict[str, Any]] = []
    texts = np.empty(len(records), dtype=object)
    for number, record in enumerate(records):
        cells = dict(zip(names, record, strict=False))
        texts[number] = record[geometry_at].strip() if geometry_at < len(record) else ""
        rows.append({name: value for name, value in cells.items() if name not in GEOMETRY_COLUMNS})
    geometries: GeometryArray = shapely.from_wkt(texts, on_invalid="ignore")
    problems: list[Problem] = [
        (int(i) + 1, f"{names[geometry_at]} is not valid WKT: {str(texts[i])[:40]!r}")
        for i in np.flatnonzero(shapely.is_missing(geometries) & (texts != ""))
    ]
    return RawTable(rows=rows, geometries=geometries, crs=None, problems=problems)


def _centroids(geometries: GeometryArray) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Centroid lon, lat per geometry; NaN where a geometry is missing or empty."""
    lons = np.full(len(geometries), np.nan)
    lats = np.full(len(geometries), np.nan)
    present = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    centroids = shapely.centroid(geometries[present])
    lons[present], lats[present] = shapely.get_x(centroids), shapely.get_y(centroids)
    return lons, lats


def _degrees(value: float) -> str:
    return "" if np.isnan(value) else f"{value:.7f}"


def write_csv(target: Path, parcels: Sequence[Parcel]) -> None:
    """Write parcels as CSV (UTF-8 with BOM, RFC 4180 CRLF lines), coordinates EPSG:4326."""
    geometries = geometry_array(parcels)
    lons, lats = _centroids(geometries)
    wkts = shapely.to_wkt(geometries, rounding_precision=-1)  # -1: every digit, exact
    with target.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([*EXPORT_FIELDS, "lon", "lat", "wkt"])
        for parcel, lon, lat, wkt in zip(parcels, lons, lats, wkts, strict=True):
            cells = [cell_text(export_value(parcel, n), FIELD_KINDS[n]) for n in EXPORT_FIELDS]
            writer.writerow([*cells, _degrees(lon), _degrees(lat), wkt])
