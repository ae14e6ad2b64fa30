"""GeoJSON, GeoPackage and (zipped) Shapefile parcel files, through pyogrio (GDAL).

Reading goes through GDAL for every format, so a file's CRS (``.prj``, GeoPackage SRS,
a legacy GeoJSON ``crs`` member) is honoured and a corrupt file is one clear line, not a
GDAL traceback. GeoJSON is written here with :mod:`json` rather than GDAL: RFC 7946
(lon/lat EPSG:4326, no ``crs`` member, counter-clockwise exteriors), every coordinate
with all its digits, and ``industries`` as a JSON array.

Shapefiles are written with UTF-8 text and a ``.cpg`` file, so Chinese names round-trip.
dBASE has no true NULL: GDAL writes an empty numeric or date field as blanks or ``*``
and reads it back as NULL, so None round-trips. Real numbers are written 24 characters
wide (at least 14 decimals below 10⁹), which keeps every value users type exactly.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyogrio
import pyogrio.errors
import shapely
from pyogrio import raw
from pyproj import CRS
from pyproj.exceptions import CRSError

from zoneatlas.errors import ImportRejected
from zoneatlas.io.formats import (
    EXPORT_FIELDS,
    SHAPEFILE_NAMES,
    SHAPEFILE_TEXT_BYTES,
    ExportFailed,
    FileFormat,
    field_name,
)
from zoneatlas.io.table import (
    GeometryArray,
    Problem,
    RawTable,
    canonical,
    geometry_array,
    rows_from_columns,
    typed_columns,
)
from zoneatlas.parcels.model import Parcel

#: The layer name parcel exports use, and the one read first from a multi-layer file.
LAYER = "parcels"

_GDAL_ERRORS = (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError)
_DRIVERS = {FileFormat.GEOPACKAGE: "GPKG", FileFormat.SHAPEFILE: "ESRI Shapefile"}
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def _gdal_message(exc: Exception) -> str:
    """GDAL's message on one line, without the file path and the driver-prefix hint."""
    text = str(exc).split("; It might help", 1)[0]
    text = re.sub(r"^'[^']*'\s*", "", text)
    return " ".join(text.split()).rstrip(".")


def _unreadable(path: Path, file_format: FileFormat, reason: str) -> ImportRejected:
    return ImportRejected(
        path.name, [(None, f"cannot read the file as {file_format.value}: {reason}")]
    )


def _choose_layer(path: Path, file_format: FileFormat) -> str:
    """The layer named ``parcels``, else the only layer with geometry."""
    layers = pyogrio.list_layers(str(path))
    names = [str(name) for name, _ in layers]
    spatial = [str(name) for name, geometry_type in layers if geometry_type is not None]
    if LAYER in names:
        return LAYER
    if len(spatial) == 1:
        return spatial[0]
    if not spatial:
        raise _unreadable(path, file_format, "it holds no layer with geometry")
    raise _unreadable(
        path, file_format, f"it holds layers {', '.join(spatial)}: name the parcel layer {LAYER!r}"
    )


def _file_crs(path: Path, file_format: FileFormat, text: str | None) -> CRS | None:
    if not text:
        return None
    try:
        return CRS.from_user_input(text)
    except CRSError as exc:
        raise _unreadable(
            path, file_format, "its CRS is not understood; give the CRS with --crs"
        ) from exc


def _check_zip(path: Path) -> None:
    """GDAL says a broken archive "does not exist"; say what is wrong instead."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise _unreadable(path, FileFormat.SHAPEFILE_ZIP, "it is not a zip archive") from exc
    if not any(name.casefold().endswith(".shp") for name in names):
        raise _unreadable(path, FileFormat.SHAPEFILE_ZIP, "the archive holds no .shp file")


def read_ogr(path: Path, file_format: FileFormat, *, need_crs: bool = True) -> RawTable:
    """Read a GeoJSON, GeoPackage or (zipped) Shapefile into a :class:`RawTable`.

    Geometries stay in the file's CRS; ``need_crs=False`` skips parsing it (the caller
    overrides it). Raise ImportRejected with one line when GDAL cannot read the file.
    """
    if file_format is FileFormat.SHAPEFILE_ZIP:
        _check_zip(path)
    try:
        layer = _choose_layer(path, file_format)
        meta, _fids, wkb, columns = raw.read(str(path), layer=layer, force_2d=True)
    except _GDAL_ERRORS as exc:
        raise _unreadable(path, file_format, _gdal_message(exc)) from exc
    names = [field_name(str(name)) for name in meta["fields"]]
    rows = rows_from_columns(names, columns, len(wkb))
    geometries: GeometryArray = shapely.from_wkb(wkb, on_invalid="ignore")
    stored = np.fromiter((item is not None for item in wkb), dtype=np.bool_, count=len(wkb))
    problems: list[Problem] = [
        (int(i) + 1, "geometry could not be decoded (curved or unsupported geometry type)")
        for i in np.flatnonzero(shapely.is_missing(geometries) & stored)
    ]
    crs = _file_crs(path, file_format, meta["crs"]) if need_crs else None
    return RawTable(rows=rows, geometries=geometries, crs=crs, problems=problems)


def _check_shapefile_text(parcels: Sequence[Parcel], columns: Sequence[np.ndarray]) -> None:
    """Refuse text a dBASE field would silently truncate (GDAL only warns)."""
    for name, column in zip(EXPORT_FIELDS, columns, strict=True):
        if column.dtype != object:
            continue
        for parcel, value in zip(parcels, column, strict=True):
            size = len(str(value).encode("utf-8"))
            if size > SHAPEFILE_TEXT_BYTES:
                raise ExportFailed(
                    f"{name} of parcel {parcel.code!r} is {size} bytes in UTF-8, more than a "
                    f"Shapefile field holds ({SHAPEFILE_TEXT_BYTES}); export .gpkg or .geojson"
                )


def write_ogr(target: Path, parcels: Sequence[Parcel], file_format: FileFormat) -> None:
    """Write a GeoPackage (layer ``parcels``) or a Shapefile in EPSG:4326.

    All Polygons make a Polygon layer; any MultiPolygon makes a MultiPolygon layer (reading
    turns one-part MultiPolygons back into Polygons, see :func:`~zoneatlas.io.table.canonical`).
    """
    columns, masks = typed_columns(parcels)
    names = list(EXPORT_FIELDS)
    shapefile = file_format is FileFormat.SHAPEFILE
    if shapefile:
        _check_shapefile_text(parcels, columns)
        names = [SHAPEFILE_NAMES[name] for name in names]
    geometries = canonical(geometry_array(parcels))
    multi = bool(np.any(shapely.get_type_id(geometries) == shapely.GeometryType.MULTIPOLYGON))
    try:
        raw.write(
            str(target),
            shapely.to_wkb(geometries),
            columns,
            names,
            field_mask=masks,
            layer=None if shapefile else LAYER,
            driver=_DRIVERS[file_format],
            geometry_type="MultiPolygon" if multi else "Polygon",
            promote_to_multi=multi,
            crs="EPSG:4326",
            encoding="UTF-8" if shapefile else None,
        )
    except _GDAL_ERRORS as exc:
        raise ExportFailed(f"cannot write {target.name}: {_gdal_message(exc)}") from exc


def write_shapefile_zip(target: Path, parcels: Sequence[Parcel]) -> None:
    """Write a zipped Shapefile: ``name.shp``, ``.shx``, ``.dbf``, ``.prj``, ``.cpg`` at
    the root of the archive, ``name`` being the file name without ``.zip``/``.shp.zip``."""
    stem = (
        target.name[: -len(".shp.zip")]
        if target.name.casefold().endswith(".shp.zip")
        else target.stem
    )
    inner = target.parent / "shapefile"
    inner.mkdir()
    write_ogr(inner / f"{stem}.shp", parcels, FileFormat.SHAPEFILE)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for suffix in _SHAPEFILE_PARTS:
            part = inner / f"{stem}{suffix}"
            if part.exists():
                archive.write(part, arcname=part.name)


def write_geojson(target: Path, parcels: Sequence[Parcel]) -> None:
    """Write an RFC 7946 FeatureCollection, one feature per line, UTF-8."""
    geometries = shapely.to_geojson(canonical(geometry_array(parcels)))
    features = [
        '{"type": "Feature", "properties": '
        + json.dumps(parcel.properties(), ensure_ascii=False, allow_nan=False)
        + f', "geometry": {geometry}}}'
        for parcel, geometry in zip(parcels, geometries, strict=True)
    ]
    name = json.dumps(target.name.rsplit(".", 1)[0], ensure_ascii=False)
    text = (
        f'{{"type": "FeatureCollection", "name": {name}, "features": [\n'
        + ",\n".join(features)
        + "\n]}\n"
    )
    target.write_text(text, encoding="utf-8")


def remove_stale_indexes(shp: Path) -> None:
    """Delete spatial index files of an older Shapefile of the same name (QGIS and ArcGIS
    would trust them for the new geometries)."""
    for suffix in (".qix", ".sbn", ".sbx"):
        shp.with_suffix(suffix).unlink(missing_ok=True)
