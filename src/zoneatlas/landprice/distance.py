"""Distances from parcels to target layers (commercial centres, metro stations, roads ...).

Distances are metres, computed in a metric CRS (the CGCS2000 3-degree Gauss-Kruger zone of
the parcel unless an EPSG code is given) from lon/lat geometries; 0 when they touch. The
engine grades a distance factor's value with the factor's thresholds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from zoneatlas.geo.crs import gauss_kruger_3deg_epsg
from zoneatlas.landprice.grades import to_metric
from zoneatlas.landprice.lookup import table_use
from zoneatlas.landprice.tables import TableSet


def derive_distances(
    parcel_geometry_lonlat: BaseGeometry,
    targets: Mapping[str, Sequence[BaseGeometry]],
    metric_epsg: int | None = None,
) -> dict[str, float]:
    """Distance in metres from one parcel to the nearest geometry of each target layer.

    Parameters
    ----------
    parcel_geometry_lonlat
        The parcel (any geometry) in lon/lat, EPSG:4326.
    targets
        Layer name (``commercial_centre``, ``bus_stop``, ``metro_station``, ``main_road``,
        ...) → geometries in lon/lat. Layers without geometries are left out of the result.
    metric_epsg
        EPSG code of the metric CRS; default the Gauss-Kruger zone of the parcel's centroid.

    Returns
    -------
    dict
        Layer name → distance in metres.
    """
    result = derive_distances_batch([parcel_geometry_lonlat], targets, metric_epsg)
    return {layer: float(values[0]) for layer, values in result.items()}


def derive_distances_batch(
    parcels_lonlat: Sequence[BaseGeometry],
    targets: Mapping[str, Sequence[BaseGeometry]],
    metric_epsg: int | None = None,
) -> dict[str, NDArray[np.float64]]:
    """Distances in metres from many parcels to each target layer (STRtree nearest search).

    Returns layer name → array of distances, one per parcel; see :func:`derive_distances`.
    """
    parcels = np.asarray(parcels_lonlat, dtype=object)
    if metric_epsg is None:
        centroid = shapely.union_all(parcels).centroid
        metric_epsg = gauss_kruger_3deg_epsg(centroid.x)
    metric_parcels = np.asarray([to_metric(p, metric_epsg) for p in parcels], dtype=object)
    result: dict[str, NDArray[np.float64]] = {}
    for layer, geometries in targets.items():
        if not geometries:
            continue
        metric_targets = [to_metric(g, metric_epsg) for g in geometries]
        tree = shapely.STRtree(metric_targets)
        pairs, distances = tree.query_nearest(metric_parcels, return_distance=True)
        nearest = np.full(len(parcels), np.inf)
        np.minimum.at(nearest, pairs[0], distances)
        result[layer] = nearest
    return result


def distance_inputs(
    tables: TableSet,
    use: str,
    parcel_geometry_lonlat: BaseGeometry,
    targets: Mapping[str, Sequence[BaseGeometry]],
    metric_epsg: int | None = None,
) -> dict[str, float]:
    """Factor key → distance in metres for the distance factors of ``use``'s table.

    The result is meant for :attr:`ValuationRequest.derived`; factors whose target layer has
    no geometries are left out (the engine then assumes 一般 and warns).
    """
    table = tables.uses[table_use(tables, use)]
    wanted = {
        f.key: f.numeric.target
        for f in table.factors
        if f.numeric is not None and f.numeric.source == "distance" and f.numeric.target
    }
    layers = {target: targets[target] for target in set(wanted.values()) if target in targets}
    distances = derive_distances(parcel_geometry_lonlat, layers, metric_epsg)
    return {key: distances[target] for key, target in wanted.items() if target in distances}
