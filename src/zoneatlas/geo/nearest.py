"""The nearest place of each kind (school, hospital, station ...) to a few parcels.

Distances are metres in a metric CRS (the zone's CGCS2000 Gauss-Kruger zone), from the
parcel's boundary (0 inside it) to the place's point, found with an STRtree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from zoneatlas.geo.crs import STORAGE_EPSG, transformer


@dataclass(frozen=True)
class Nearest:
    """Index of the nearest place in its kind's list and the distance in metres."""

    index: int
    distance_m: float


def _metric(geometries: Sequence[BaseGeometry], epsg: int) -> np.ndarray:
    forward = transformer(f"EPSG:{STORAGE_EPSG}", f"EPSG:{epsg}")
    array = np.empty(len(geometries), dtype=object)
    array[:] = list(geometries)
    return np.asarray(
        shapely.transform(array, lambda xy: np.column_stack(forward.transform(*xy.T)))
    )


def nearest_places(
    parcels_lonlat: Sequence[BaseGeometry],
    places_lonlat: Mapping[str, Sequence[tuple[float, float]]],
    metric_epsg: int,
) -> list[dict[str, Nearest | None]]:
    """Per parcel, kind → the nearest place of that kind (None when the kind has none).

    ``places_lonlat`` maps a kind to (lon, lat) points in EPSG:4326; ``metric_epsg`` is the
    metric CRS the distances are measured in.
    """
    parcels = _metric(parcels_lonlat, metric_epsg)
    result: list[dict[str, Nearest | None]] = [{} for _ in parcels]
    for kind, points in places_lonlat.items():
        if not points:
            for row in result:
                row[kind] = None
            continue
        tree = shapely.STRtree(_metric(shapely.points(list(points)).tolist(), metric_epsg))
        pairs, distances = tree.query_nearest(parcels, return_distance=True, all_matches=False)
        for (parcel, place), distance in zip(pairs.T.tolist(), distances.tolist(), strict=True):
            result[parcel][kind] = Nearest(int(place), round(float(distance), 1))
    return result
