"""Land grade polygons (土地级别范围): the demo's rings and finding a parcel's grade.

Geometries are lon/lat (EPSG:4326); rings are drawn in a metric CRS (the CGCS2000
Gauss-Kruger zone of the centre unless an EPSG code is given) and transformed back.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from zoneatlas.geo.crs import STORAGE_EPSG, gauss_kruger_3deg_epsg, transformer
from zoneatlas.landprice.tables import TableSet

DEFAULT_RADII_M: tuple[float, ...] = (1200.0, 2500.0, 4200.0, 6500.0)
DEFAULT_LABELS: tuple[str, ...] = ("I", "II", "III", "IV", "V")


def to_metric(geometry: BaseGeometry, epsg: int) -> BaseGeometry:
    """``geometry`` from lon/lat to the metric CRS ``epsg`` (metres)."""
    forward = transformer(f"EPSG:{STORAGE_EPSG}", f"EPSG:{epsg}")
    return shapely.transform(geometry, lambda xy: np.column_stack(forward.transform(*xy.T)))


def to_lonlat(geometry: BaseGeometry, epsg: int) -> BaseGeometry:
    """``geometry`` from the metric CRS ``epsg`` back to lon/lat."""
    back = transformer(f"EPSG:{epsg}", f"EPSG:{STORAGE_EPSG}")
    return shapely.transform(geometry, lambda xy: np.column_stack(back.transform(*xy.T)))


def _wobbly_disc(centre: Point, radius_m: float, ring: int, vertices: int = 180) -> Polygon:
    """A disc whose radius varies smoothly with the angle, so rings look surveyed, not drawn
    with a compass; deterministic (no random numbers)."""
    angles = np.linspace(0.0, 2.0 * math.pi, vertices, endpoint=False)
    factor = 1.0 + 0.12 * np.sin(3.0 * angles + ring) + 0.06 * np.cos(5.0 * angles + 2.0 * ring)
    xs = centre.x + radius_m * factor * np.cos(angles)
    ys = centre.y + radius_m * factor * np.sin(angles)
    return Polygon(np.column_stack([xs, ys]))


def demo_grade_polygons(
    boundary_lonlat: BaseGeometry,
    centre_lonlat: tuple[float, float],
    radii_m: Sequence[float] = DEFAULT_RADII_M,
    labels: Sequence[str] = DEFAULT_LABELS,
    metric_epsg: int | None = None,
) -> dict[str, BaseGeometry]:
    """Grade polygons as rings around the zone's commercial centre, clipped to its boundary.

    Parameters
    ----------
    boundary_lonlat
        The zone boundary, lon/lat.
    centre_lonlat
        (longitude, latitude) of the commercial centre; grade I surrounds it.
    radii_m
        Outer radius in metres of every grade but the last (strictly increasing).
    labels
        Grade labels, best first; one more than ``radii_m`` (the last fills the rest).
    metric_epsg
        Metric CRS for drawing; default the Gauss-Kruger zone of the centre.

    Returns
    -------
    dict
        Grade label → (Multi)Polygon in lon/lat; grades that fall outside the boundary are
        left out.
    """
    if len(labels) != len(radii_m) + 1:
        raise ValueError("labels must be one longer than radii_m")
    epsg = metric_epsg or gauss_kruger_3deg_epsg(centre_lonlat[0])
    boundary = to_metric(boundary_lonlat, epsg)
    centre = to_metric(Point(centre_lonlat), epsg)
    assert isinstance(centre, Point)
    result: dict[str, BaseGeometry] = {}
    inner: BaseGeometry = Polygon()
    for ring, (label, radius) in enumerate(zip(labels, radii_m, strict=False)):
        disc = _wobbly_disc(centre, radius, ring)
        part = disc.difference(inner).intersection(boundary)
        inner = inner.union(disc)
        if not part.is_empty:
            result[label] = to_lonlat(part, epsg)
    rest = boundary.difference(inner)
    if not rest.is_empty:
        result[labels[-1]] = to_lonlat(rest, epsg)
    return result


def grade_for_geometry(
    grade_polygons: Mapping[str, BaseGeometry], geometry: BaseGeometry
) -> str | None:
    """The grade whose polygon holds most of ``geometry`` (lon/lat), or None if none does.

    A point takes the grade of the polygon containing it.

    >>> from shapely.geometry import box
    >>> grade_for_geometry({"I": box(0, 0, 1, 1), "II": box(1, 0, 3, 1)}, box(0.5, 0, 1.2, 1))
    'I'
    """
    best, best_area = None, 0.0
    for label, polygon in grade_polygons.items():
        if geometry.geom_type == "Point":
            if polygon.covers(geometry):
                return label
            continue
        area = polygon.intersection(geometry).area
        if area > best_area:
            best, best_area = label, area
    return best


def grade_features(
    tables: TableSet, grade_polygons: Mapping[str, BaseGeometry]
) -> list[dict[str, Any]]:
    """GeoJSON features of the grade polygons with the benchmark price of every use.

    Properties: ``grade`` and ``price_<use>`` in 元/m² for each use table that has the grade,
    plus ``base_date`` and ``source`` of the table set, for the map's grade layer.
    """
    features = []
    for label, polygon in grade_polygons.items():
        properties: dict[str, Any] = {
            "grade": label,
            "base_date": tables.source.base_date.isoformat(),
            "source": tables.source.document_number,
            "synthetic": tables.source.synthetic,
        }
        for use_key, table in tables.uses.items():
            if label in table.grades:
                properties[f"price_{use_key}"] = table.grades[label]
        features.append({"type": "Feature", "geometry": mapping(polygon), "properties": properties})
    return features
