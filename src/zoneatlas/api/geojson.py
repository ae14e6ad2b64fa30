"""GeoJSON (RFC 7946) serialisation of zone records. Coordinates are rounded to 7
decimals (about 1 cm), which keeps responses small without visible loss."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from zoneatlas.parcels.model import Parcel
from zoneatlas.records import Enterprise, Poi

PRECISION = 1e-7


def geometry_json(geometry: BaseGeometry) -> dict[str, Any]:
    return dict(mapping(shapely.set_precision(geometry, PRECISION, mode="pointwise")))


def feature(
    geometry: BaseGeometry, properties: Mapping[str, Any], fid: str | None = None
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "type": "Feature",
        "geometry": geometry_json(geometry),
        "properties": dict(properties),
    }
    if fid is not None:
        result["id"] = fid
    return result


def collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def point(lon: float, lat: float, properties: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": dict(properties),
        "geometry": {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]},
    }


def parcel_feature(parcel: Parcel) -> dict[str, Any]:
    return feature(parcel.geometry, parcel.properties(), fid=parcel.code)


def enterprise_feature(e: Enterprise) -> dict[str, Any]:
    props = {k: v for k, v in vars(e).items() if k not in ("lon", "lat")}
    return point(e.lon, e.lat, props)


def poi_feature(p: Poi) -> dict[str, Any]:
    props = {k: v for k, v in vars(p).items() if k not in ("lon", "lat")}
    return point(p.lon, p.lat, props)
