"""Import and export of zone data files (GeoJSON, GeoPackage, Shapefile, CSV)."""

from zoneatlas.io.formats import SHAPEFILE_NAMES, ExportFailed, FileFormat, format_for
from zoneatlas.io.parcels import (
    ImportResult,
    export_parcels,
    import_parcels,
    read_parcels,
    write_parcels,
)

__all__ = [
    "SHAPEFILE_NAMES",
    "ExportFailed",
    "FileFormat",
    "ImportResult",
    "export_parcels",
    "format_for",
    "import_parcels",
    "read_parcels",
    "write_parcels",
]
