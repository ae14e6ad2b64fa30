"""What the attractiveness model reads, as arrays in the zone's metric CRS.

:class:`AttractivenessInputs` holds the zone boundary, the basemap features (roads, parks,
water), the POIs, the enterprises, the benchmark land grade polygons and the land price
table set of one zone, every geometry in metres of the zone's Gauss-Kruger CRS.
:func:`inputs_from_records` builds it from the store's record types (plain dataclasses;
this module never touches the store).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from zoneatlas.geo.crs import STORAGE_EPSG, transformer
from zoneatlas.heat.points import PointLayer, make_layer
from zoneatlas.landprice.tables import TableSet
from zoneatlas.records import Enterprise, LandGrade, MapFeature, Poi

FloatArray = npt.NDArray[np.float64]
StrArray = npt.NDArray[np.str_]
ObjectArray = npt.NDArray[np.object_]


@dataclass(frozen=True)
class Features:
    """Basemap features: ``layer`` (road, park, water ...), ``kind`` (trunk, lake ...) and
    shapely geometries in metres, one entry per feature."""

    layer: StrArray
    kind: StrArray
    geometry: ObjectArray

    def select(self, layers: Sequence[str], kinds: Sequence[str] | None = None) -> ObjectArray:
        """Geometries of the given layers (and kinds, when given)."""
        mask = np.isin(self.layer, list(layers))
        if kinds is not None:
            mask &= np.isin(self.kind, list(kinds))
        return np.asarray(self.geometry[mask])


@dataclass(frozen=True)
class Places:
    """POIs: ``category`` (school, hospital, transit, park ...) and x, y in metres."""

    category: StrArray
    x: FloatArray
    y: FloatArray

    def select(self, categories: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        mask = np.isin(self.category, list(categories))
        return self.x[mask], self.y[mask]


@dataclass(frozen=True)
class AttractivenessInputs:
    """Everything the model reads for one zone; geometries in metres of ``epsg``.

    ``grades`` maps a benchmark land grade label to its polygon; ``tables`` is the zone's
    benchmark land price table set in force (None: the zone has none, and the value index
    is then undefined). ``version`` identifies the data (the store's revision).
    """

    zone: str
    epsg: int
    boundary: BaseGeometry
    features: Features
    places: Places
    firms: PointLayer
    grades: Mapping[str, BaseGeometry] = field(default_factory=dict)
    tables: TableSet | None = None
    version: str = ""


def project(geometries: Sequence[BaseGeometry], epsg: int) -> ObjectArray:
    """Lon/lat geometries to metres of ``epsg``, in one vectorized call."""
    forward = transformer(f"EPSG:{STORAGE_EPSG}", f"EPSG:{epsg}")
    array = np.empty(len(geometries), dtype=object)
    array[:] = list(geometries)
    if len(array) == 0:
        return array
    return np.asarray(
        shapely.transform(array, lambda xy: np.column_stack(forward.transform(*xy.T)))
    )


def project_xy(lon: FloatArray, lat: FloatArray, epsg: int) -> tuple[FloatArray, FloatArray]:
    """Lon/lat arrays to x, y metres of ``epsg``."""
    x, y = transformer(f"EPSG:{STORAGE_EPSG}", f"EPSG:{epsg}").transform(
        np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    )
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def firm_layer(enterprises: Sequence[Enterprise], epsg: int) -> PointLayer:
    """Enterprises as a heat :class:`~zoneatlas.heat.points.PointLayer`."""
    return make_layer(
        "enterprises",
        epsg,
        np.array([e.lon for e in enterprises], dtype=np.float64),
        np.array([e.lat for e in enterprises], dtype=np.float64),
        {
            "employees": np.array([e.employees for e in enterprises], dtype=np.float64),
            "output_wan": np.array([e.output_wan for e in enterprises], dtype=np.float64),
        },
        {"industry": [e.industry for e in enterprises]},
    )


def inputs_from_records(
    zone: str,
    epsg: int,
    boundary_lonlat: BaseGeometry,
    records: tuple[Sequence[MapFeature], Sequence[Poi], Sequence[Enterprise]],
    grades: Sequence[LandGrade] = (),
    tables: TableSet | None = None,
    version: str = "",
) -> AttractivenessInputs:
    """Project a zone's records (lon/lat) to ``epsg`` and hold them as arrays.

    ``records`` is (basemap features, POIs, enterprises) as the store returns them.
    """
    features, pois, enterprises = records
    boundary = project([boundary_lonlat], epsg)[0]
    px, py = project_xy(
        np.array([p.lon for p in pois], dtype=np.float64),
        np.array([p.lat for p in pois], dtype=np.float64),
        epsg,
    )
    grade_shapes = project([g.geometry for g in grades], epsg)
    return AttractivenessInputs(
        zone=zone,
        epsg=epsg,
        boundary=boundary,
        features=Features(
            layer=np.array([f.layer for f in features], dtype=np.str_),
            kind=np.array([f.kind for f in features], dtype=np.str_),
            geometry=project([f.geometry for f in features], epsg),
        ),
        places=Places(np.array([p.category for p in pois], dtype=np.str_), px, py),
        firms=firm_layer(enterprises, epsg),
        grades={g.grade: shape for g, shape in zip(grades, grade_shapes, strict=True)},
        tables=tables,
        version=version,
    )
