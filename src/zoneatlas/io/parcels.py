"""Import and export parcels as GeoJSON, GeoPackage, Shapefile (plain or zipped) and CSV.

The format follows the file name's extension (:func:`~zoneatlas.io.formats.format_for`).
Files are read in their own CRS and reprojected to lon/lat (EPSG:4326) for storage;
exports are always EPSG:4326. Every row is validated and every problem is reported at
once (:class:`~zoneatlas.errors.ImportRejected`); an import stores all rows or none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely
from pyproj import CRS

from zoneatlas.errors import ImportRejected
from zoneatlas.geo.crs import parse_crs
from zoneatlas.io.csvfile import read_csv, write_csv
from zoneatlas.io.formats import FileFormat, format_for, staged
from zoneatlas.io.ogr import (
    read_ogr,
    remove_stale_indexes,
    write_geojson,
    write_ogr,
    write_shapefile_zip,
)
from zoneatlas.io.table import (
    GeometryArray,
    RawTable,
    canonical,
    out_of_lonlat,
    reproject,
)
from zoneatlas.parcels.model import Parcel
from zoneatlas.parcels.validate import validate_parcels

if TYPE_CHECKING:
    from zoneatlas.store.repository import Store

_WRITERS: dict[FileFormat, Callable[[Path, Sequence[Parcel]], None]] = {
    FileFormat.GEOJSON: write_geojson,
    FileFormat.GEOPACKAGE: partial(write_ogr, file_format=FileFormat.GEOPACKAGE),
    FileFormat.SHAPEFILE: partial(write_ogr, file_format=FileFormat.SHAPEFILE),
    FileFormat.SHAPEFILE_ZIP: write_shapefile_zip,
    FileFormat.CSV: write_csv,
}


@dataclass(frozen=True)
class ImportResult:
    """What an import did: parcels added, and parcels replaced because their code existed."""

    inserted: int
    updated: int


def _crs_hint(geometries: GeometryArray) -> str:
    """A guess at a Gauss-Kruger CRS from the eastings (metres), or ''."""
    bounds = shapely.bounds(geometries)
    minx, maxx = float(np.nanmin(bounds[:, 0])), float(np.nanmax(bounds[:, 2]))
    zone = int(minx // 1_000_000)
    if zone == int(maxx // 1_000_000) and 25 <= zone <= 45:
        return (
            f" (eastings starting with {zone} suggest CGCS2000 3-degree Gauss-Kruger "
            f"zone {zone}: --crs EPSG:{4513 + zone - 25})"
        )
    if zone == int(maxx // 1_000_000) and 13 <= zone <= 23:
        return (
            f" (eastings starting with {zone} suggest CGCS2000 6-degree Gauss-Kruger "
            f"zone {zone}: --crs EPSG:{4491 + zone - 13})"
        )
    if minx > 0 and maxx < 1_000_000:
        return (
            " (eastings below 1,000,000 m suggest Gauss-Kruger without the zone number, "
            "e.g. --crs EPSG:4551 for CGCS2000 3-degree, central meridian 126°E)"
        )
    return ""


def _reject_if_not_lonlat(geometries: GeometryArray, source: str) -> None:
    """One message for the whole file, instead of one per row, when no geometry can be
    lon/lat: the usual cause is projected coordinates in a file that names no CRS or a
    geographic one (GDAL reads every GeoJSON without a ``crs`` member as EPSG:4326)."""
    present = ~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)
    if not present.any() or not out_of_lonlat(geometries)[present].all():
        return
    minx, _, maxx, _ = shapely.total_bounds(geometries[present])
    raise ImportRejected(
        source,
        [
            (
                None,
                f"coordinates are not longitude/latitude (x from {minx:.0f} to {maxx:.0f}): "
                f"give the file's CRS with --crs{_crs_hint(geometries[present])}",
            )
        ],
    )


def _storage_geometries(table: RawTable, crs: CRS | None, source: str) -> GeometryArray:
    """The table's geometries in lon/lat (EPSG:4326), in their stored form.

    ``crs`` (the caller's) wins over the file's; with neither, coordinates are lon/lat.
    """
    source_crs = crs or table.crs
    if crs is None and (source_crs is None or source_crs.is_geographic):
        _reject_if_not_lonlat(table.geometries, source)
    if source_crs is None:
        return canonical(table.geometries)
    return canonical(reproject(table.geometries, source_crs))


def _validated(table: RawTable, geometries: GeometryArray, source: str) -> list[Parcel]:
    """Validate every row; merge the reader's problems (e.g. bad WKT) with validation's."""
    try:
        parcels = validate_parcels(zip(table.rows, geometries, strict=True), source=source)
    except ImportRejected as exc:
        problems = list(exc.problems)
    else:
        if not table.problems:
            return parcels
        problems = []
    decoded_badly = {row for row, _ in table.problems}
    problems = [
        (row, message)
        for row, message in problems
        if not (row in decoded_badly and message.startswith("geometry is missing"))
    ]
    merged = sorted([*table.problems, *problems], key=lambda p: 0 if p[0] is None else p[0])
    raise ImportRejected(source, merged)


def read_parcels(path: Path, crs: str | None = None) -> list[Parcel]:
    """Read and validate a parcel file; return parcels in lon/lat (EPSG:4326).

    ``crs`` (``EPSG:4530``, ``4530``, WKT or PROJ) overrides the CRS the file names
    (``.prj``, GeoPackage SRS, legacy GeoJSON ``crs``); CSV and files without a CRS are
    taken as EPSG:4326. Blank ``source`` becomes the file name and blank ``updated``
    today (see :func:`~zoneatlas.parcels.validate.validate_parcels`).

    Raises UnsupportedFormat for an unknown extension, InvalidParameter for an unknown
    ``crs``, and ImportRejected listing every problem of every row (row 1 is the first
    feature or CSV data line), or saying in one line why the file cannot be read.
    """
    path = Path(path)
    file_format = format_for(path)
    source = path.name
    user_crs = parse_crs(crs) if crs else None
    if not path.is_file():
        raise ImportRejected(source, [(None, f"no such file: {path}")])
    if file_format is FileFormat.CSV:
        table = read_csv(path)
    else:
        table = read_ogr(path, file_format, need_crs=user_crs is None)
    geometries = _storage_geometries(table, user_crs, source)
    return _validated(table, geometries, source)


def write_parcels(path: Path, parcels: Sequence[Parcel]) -> None:
    """Write parcels to ``path`` in lon/lat (EPSG:4326), replacing any file there.

    GeoJSON follows RFC 7946; GeoPackage has one layer ``parcels``; a Shapefile uses the
    short column names of :data:`~zoneatlas.io.formats.SHAPEFILE_NAMES` and UTF-8 text;
    ``.zip``/``.shp.zip`` is a zipped Shapefile; CSV has a ``wkt`` column. The file is
    written next to the target and moved into place, so a failed export leaves nothing
    half-written. Raises UnsupportedFormat, or ExportFailed with the reason.
    """
    path = Path(path)
    file_format = format_for(path)
    with staged(path) as target:
        _WRITERS[file_format](target, parcels)
    if file_format is FileFormat.SHAPEFILE:
        remove_stale_indexes(path)


def import_parcels(store: Store, zone: str, path: Path, crs: str | None = None) -> ImportResult:
    """Read ``path`` (see :func:`read_parcels`) and upsert its parcels into ``zone`` by
    code, in one transaction: every parcel is stored, or (on any problem) none is."""
    store.get_zone(zone)  # an unknown zone is reported before the file is read
    parcels = read_parcels(path, crs)
    inserted, updated = store.upsert_parcels(zone, parcels)
    return ImportResult(inserted=inserted, updated=updated)


def export_parcels(store: Store, zone: str, path: Path) -> int:
    """Write every parcel of ``zone`` to ``path`` (see :func:`write_parcels`); return
    how many were written."""
    parcels = store.parcels(zone)
    write_parcels(path, parcels)
    return len(parcels)
