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

import shapely
from pyproj import CRS

from zoneatlas.errors import ImportRejected
from zoneatlas.geo.crs import guess_gauss_kruger, parse_crs
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
    """What an import did: parcels added, parcels replaced because their code existed, and
    the CRS inferred from the coordinates when the file named none (else None)."""

    inserted: int
    updated: int
    assumed_crs: str | None = None


def _projected_without_crs(
    geometries: GeometryArray, source: str, near: tuple[float, float] | None
) -> CRS | None:
    """When no geometry can be lon/lat (projected coordinates in a file that names no CRS,
    or a geographic one — GDAL reads every GeoJSON without ``crs`` as EPSG:4326), guess the
    Gauss-Kruger CRS from the coordinates; one clear question for the whole file if the
    guess is ambiguous. None: the coordinates are lon/lat."""
    present = ~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)
    if not present.any() or not out_of_lonlat(geometries)[present].all():
        return None
    minx, miny, maxx, maxy = (float(v) for v in shapely.total_bounds(geometries[present]))
    guess = guess_gauss_kruger((minx, miny, maxx, maxy), near)
    if guess.epsg is None:
        raise ImportRejected(
            source,
            [
                (
                    None,
                    f"coordinates are not longitude/latitude (x from {minx:.0f} to {maxx:.0f}): "
                    f"{guess.reason}",
                )
            ],
        )
    return CRS.from_epsg(guess.epsg)


def _storage_geometries(
    table: RawTable, crs: CRS | None, source: str, near: tuple[float, float] | None = None
) -> tuple[GeometryArray, CRS | None]:
    """The table's geometries in lon/lat (EPSG:4326), in their stored form, and the CRS
    that was inferred from the coordinates (None when the file or the caller named one).

    ``crs`` (the caller's) wins over the file's; with neither, coordinates are lon/lat,
    unless they are clearly Gauss-Kruger metres (see :func:`guess_gauss_kruger`).
    """
    source_crs = crs or table.crs
    inferred = None
    if crs is None and (source_crs is None or source_crs.is_geographic):
        inferred = _projected_without_crs(table.geometries, source, near)
        source_crs = inferred or source_crs
    if source_crs is None:
        return canonical(table.geometries), None
    return canonical(reproject(table.geometries, source_crs)), inferred


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


def read_parcels(
    path: Path, crs: str | None = None, near: tuple[float, float] | None = None
) -> list[Parcel]:
    """Read and validate a parcel file; return parcels in lon/lat (EPSG:4326).

    ``crs`` (``EPSG:4530``, ``4530``, WKT or PROJ) overrides the CRS the file names
    (``.prj``, GeoPackage SRS, legacy GeoJSON ``crs``); CSV and files without a CRS are
    taken as EPSG:4326, unless their coordinates are clearly Gauss-Kruger metres: then the
    zone number in the eastings, or the central meridian that puts the data within 100 km
    of ``near`` (lon, lat), decides, and an ambiguous case is rejected with the question.
    Blank ``source`` becomes the file name and blank ``updated``
    today (see :func:`~zoneatlas.parcels.validate.validate_parcels`).

    Raises UnsupportedFormat for an unknown extension, InvalidParameter for an unknown
    ``crs``, and ImportRejected listing every problem of every row (row 1 is the first
    feature or CSV data line), or saying in one line why the file cannot be read.
    """
    return _read(path, crs, near)[0]


def _read(
    path: Path, crs: str | None, near: tuple[float, float] | None
) -> tuple[list[Parcel], CRS | None]:
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
    geometries, inferred = _storage_geometries(table, user_crs, source, near)
    return _validated(table, geometries, source), inferred


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
    centre = store.get_zone(zone).boundary.centroid  # an unknown zone fails before reading
    parcels, inferred = _read(path, crs, (centre.x, centre.y))
    inserted, updated = store.upsert_parcels(zone, parcels)
    assumed = f"EPSG:{inferred.to_epsg()}" if inferred is not None else None
    return ImportResult(inserted=inserted, updated=updated, assumed_crs=assumed)


def export_parcels(store: Store, zone: str, path: Path) -> int:
    """Write every parcel of ``zone`` to ``path`` (see :func:`write_parcels`); return
    how many were written."""
    parcels = store.parcels(zone)
    write_parcels(path, parcels)
    return len(parcels)
