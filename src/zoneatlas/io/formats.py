"""Parcel file formats: which extension means which format, the columns each format
carries, and an atomic way to write files.

Columns are the :data:`~zoneatlas.parcels.model.PARCEL_FIELDS` names plus ``area_mu``
(亩, derived from ``area_m2``, written for readers and ignored on import). A Shapefile
(dBASE) field name holds at most 10 characters, so Shapefiles use the short names of
:data:`SHAPEFILE_NAMES`; readers of every format accept either name, case-insensitively.
"""

from __future__ import annotations

import enum
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from zoneatlas.errors import UnsupportedFormat, ZoneAtlasError
from zoneatlas.parcels.model import PARCEL_FIELDS


class ExportFailed(ZoneAtlasError):
    """A parcel file could not be written; any file already at the target is unchanged."""


class FileFormat(enum.Enum):
    """A parcel file format; the value is the name users see in messages."""

    GEOJSON = "GeoJSON"
    GEOPACKAGE = "GeoPackage"
    SHAPEFILE = "Shapefile"
    SHAPEFILE_ZIP = "zipped Shapefile"
    CSV = "CSV"


#: File name endings and their format, longest first so ``.shp.zip`` wins over ``.zip``.
SUFFIXES: tuple[tuple[str, FileFormat], ...] = (
    (".shp.zip", FileFormat.SHAPEFILE_ZIP),
    (".geojson", FileFormat.GEOJSON),
    (".json", FileFormat.GEOJSON),
    (".gpkg", FileFormat.GEOPACKAGE),
    (".shp", FileFormat.SHAPEFILE),
    (".zip", FileFormat.SHAPEFILE_ZIP),
    (".csv", FileFormat.CSV),
)


def format_for(path: Path) -> FileFormat:
    """The format a file name's extension names (case-insensitive); raise UnsupportedFormat.

    >>> format_for(Path("地块.SHP.zip")).value
    'zipped Shapefile'
    """
    name = path.name.casefold()
    for suffix, file_format in SUFFIXES:
        if name.endswith(suffix):
            return file_format
    supported = ", ".join(sorted(suffix for suffix, _ in SUFFIXES))
    raise UnsupportedFormat(
        f"{path.name}: unsupported parcel file type {path.suffix or '(no extension)'}; "
        f"use one of {supported}"
    )


FieldKind = Literal["text", "list", "float", "int", "date", "bool"]

#: Every column a parcel export writes, in order, with the kind of value it holds.
#: ``list`` is written as ``;``-joined text where the format has no lists (all but GeoJSON).
FIELD_KINDS: dict[str, FieldKind] = {
    "code": "text",
    "name_zh": "text",
    "land_use": "text",
    "status": "text",
    "area_m2": "float",
    "name_en": "text",
    "functional_area": "text",
    "far_min": "float",
    "far_max": "float",
    "density_max_pct": "float",
    "green_min_pct": "float",
    "height_max_m": "float",
    "lease_years": "int",
    "development_level": "text",
    "industries": "list",
    "start_price_yuan_m2": "float",
    "source": "text",
    "updated": "date",
    "synthetic": "bool",
    "area_mu": "float",
}
EXPORT_FIELDS: tuple[str, ...] = (*PARCEL_FIELDS, "area_mu")

#: Shapefile (dBASE) column names, at most 10 ASCII characters; used to write and to read.
SHAPEFILE_NAMES: dict[str, str] = {
    "code": "code",
    "name_zh": "name_zh",
    "land_use": "land_use",
    "status": "status",
    "area_m2": "area_m2",
    "name_en": "name_en",
    "functional_area": "func_area",
    "far_min": "far_min",
    "far_max": "far_max",
    "density_max_pct": "dens_max",
    "green_min_pct": "green_min",
    "height_max_m": "height_max",
    "lease_years": "lease_yrs",
    "development_level": "dev_level",
    "industries": "industries",
    "start_price_yuan_m2": "start_prc",
    "source": "source",
    "updated": "updated",
    "synthetic": "synthetic",
    "area_mu": "area_mu",
}

#: The longest text a dBASE field holds, in bytes (UTF-8: about 84 Chinese characters).
SHAPEFILE_TEXT_BYTES = 254

_ALIASES: dict[str, str] = {
    **{short: full for full, short in SHAPEFILE_NAMES.items()},
    **{name: name for name in EXPORT_FIELDS},
}


def field_name(column: str) -> str:
    """The parcel field a file's column stands for (full or Shapefile name, any case);
    other columns keep their name, stripped and lower-cased, and are ignored on import."""
    key = column.strip().casefold()
    return _ALIASES.get(key, key)


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Write ``target`` atomically: yield a path with the same name inside a new hidden
    folder next to it; when the block succeeds, move every file written there next to
    ``target`` (``os.replace``, atomic per file on one file system). On any failure the
    folder is removed and files already at the target are untouched. OSError becomes
    :class:`ExportFailed`.
    """
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder))
    except OSError as exc:
        raise ExportFailed(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        yield stage / target.name
        for produced in sorted(stage.iterdir()):
            if produced.is_file():
                os.replace(produced, folder / produced.name)
    except OSError as exc:
        raise ExportFailed(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
