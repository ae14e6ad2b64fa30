"""The JSON documents of OGC API - Features (landing page, conformance, collections, one
collection, a page of features, one feature) and the links between them.

Links are absolute (GDAL and OWSLib follow them as given) and keep the request's ``zone``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode

import numpy as np
import shapely
from starlette.requests import Request

from zoneatlas.api.geojson import PRECISION
from zoneatlas.api.ogc_collections import OgcCollection, Row
from zoneatlas.api.ogc_params import ItemsQuery

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.0"
CONFORMANCE: tuple[str, ...] = tuple(
    f"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/{name}"
    for name in ("core", "geojson", "oas30", "html")
)

Extent = tuple[tuple[float, float, float, float] | None, tuple[dt.date, dt.date] | None]


class Urls:
    """Absolute URLs of the OGC pages of this request's server, keeping its ``zone``."""

    def __init__(self, request: Request) -> None:
        self.root = str(request.base_url).rstrip("/")
        self.zone = request.query_params.get("zone")

    def __call__(self, path: str, params: Mapping[str, Any] | None = None, f: str = "") -> str:
        query = {"zone": self.zone} if self.zone else {}
        query.update({k: v for k, v in (params or {}).items() if v is not None})
        if f:
            query["f"] = f
        suffix = f"?{urlencode(query)}" if query else ""
        return f"{self.root}/ogc{path}{suffix}"

    def app(self, path: str) -> str:
        """A URL of the application outside ``/ogc`` (the OpenAPI document, the docs)."""
        return f"{self.root}{path}"


def link(href: str, rel: str, media_type: str, title: str) -> dict[str, str]:
    return {"href": href, "rel": rel, "type": media_type, "title": title}


def self_links(urls: Urls, path: str, title: str, media_type: str = JSON) -> list[dict[str, str]]:
    """The ``self`` link in JSON and its ``alternate`` in HTML."""
    return [
        link(urls(path, f="json"), "self", media_type, f"{title} (JSON)"),
        link(urls(path, f="html"), "alternate", HTML, f"{title} (HTML)"),
    ]


def landing(urls: Urls, title: str, description: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": description,
        "links": [
            *self_links(urls, "", "Landing page 首页"),
            link(urls("/api"), "service-desc", OPENAPI_JSON, "API definition (OpenAPI 3.0)"),
            link(urls.app("/api/docs"), "service-doc", HTML, "API documentation"),
            link(urls("/conformance", f="json"), "conformance", JSON, "Conformance classes"),
            link(urls("/collections", f="json"), "data", JSON, "Collections 数据集"),
        ],
    }


def conformance() -> dict[str, Any]:
    return {"conformsTo": list(CONFORMANCE)}


def _extent_json(extent: Extent) -> dict[str, Any]:
    bbox, dates = extent
    result: dict[str, Any] = {}
    if bbox is not None:
        result["spatial"] = {"bbox": [[round(v, 7) for v in bbox]], "crs": CRS84}
    if dates is not None:
        first, last = dates
        interval = [f"{first.isoformat()}T00:00:00Z", f"{last.isoformat()}T23:59:59Z"]
        result["temporal"] = {"interval": [interval], "trs": GREGORIAN}
    return result


def collection(urls: Urls, c: OgcCollection, extent: Extent) -> dict[str, Any]:
    path = f"/collections/{c.id}"
    return {
        "id": c.id,
        "title": c.title,
        "description": c.description,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": _extent_json(extent),
        "links": [
            *self_links(urls, path, c.title),
            link(urls(f"{path}/items", f="json"), "items", GEOJSON, f"{c.title_en} (GeoJSON)"),
            link(urls(f"{path}/items", f="html"), "items", HTML, f"{c.title_en} (HTML)"),
        ],
    }


def collections(urls: Urls, documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {
        "links": self_links(urls, "/collections", "Collections 数据集"),
        "collections": list(documents),
    }


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def feature_texts(c: OgcCollection, rows: Sequence[Row]) -> list[str]:
    """Each row as the JSON text of a GeoJSON feature. Geometries are written by GEOS in one
    vectorized call, coordinates rounded to 1e-7° (about 1 cm): the hot path of a page of
    1000 features, and the only serializer of features (HTML pages parse its output)."""
    geometries = np.empty(len(rows), dtype=object)
    geometries[:] = [row["geometry"] for row in rows]
    texts = shapely.to_geojson(shapely.set_precision(geometries, PRECISION, mode="pointwise"))
    return [
        f'{{"type":"Feature","id":{_encode(c.feature_id(row))},"geometry":{geometry},'
        f'"properties":{_encode(c.properties(row))}}}'
        for row, geometry in zip(rows, texts, strict=True)
    ]


def timestamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def items(
    urls: Urls,
    c: OgcCollection,
    returned: int,
    matched: int,
    query: ItemsQuery,
    params: Mapping[str, str],
) -> dict[str, Any]:
    """The members of a page of features other than ``type`` and ``features``:
    numberMatched, numberReturned, timeStamp and the self, alternate, collection, next and
    prev links (``params``: the request's query parameters)."""
    path = f"/collections/{c.id}/items"
    page = {k: v for k, v in params.items() if k not in ("f", "zone", "offset", "limit")}
    here = {**page, "limit": query.limit, "offset": query.offset or None}
    links = [
        link(urls(path, here, f="json"), "self", GEOJSON, "This page (GeoJSON)"),
        link(urls(path, here, f="html"), "alternate", HTML, "This page (HTML)"),
        link(urls(f"/collections/{c.id}", f="json"), "collection", JSON, c.title),
    ]
    if query.offset + returned < matched:
        after = {**page, "limit": query.limit, "offset": query.offset + query.limit}
        links.append(link(urls(path, after, f="json"), "next", GEOJSON, "Next page 下一页"))
    if query.offset > 0:
        before = {**page, "limit": query.limit, "offset": max(query.offset - query.limit, 0)}
        links.append(link(urls(path, before, f="json"), "prev", GEOJSON, "Previous page 上一页"))
    return {
        "numberMatched": matched,
        "numberReturned": returned,
        "timeStamp": timestamp(),
        "links": links,
    }


def feature_collection_bytes(members: dict[str, Any], texts: Sequence[str]) -> bytes:
    """A FeatureCollection document from the feature texts and the other members."""
    rest = _encode(members)[1:]
    joiner = "," if rest != "}" else ""
    head = '{"type":"FeatureCollection","features":[' + ",".join(texts) + "]"
    return (head + joiner + rest).encode("utf-8")


def feature_collection(members: dict[str, Any], texts: Sequence[str]) -> dict[str, Any]:
    """The same document as :func:`feature_collection_bytes`, as a dict (HTML pages)."""
    features = [json.loads(text) for text in texts]
    return {"type": "FeatureCollection", "features": features, **members}


def feature(urls: Urls, c: OgcCollection, row: Row) -> dict[str, Any]:
    [text] = feature_texts(c, [row])
    document: dict[str, Any] = json.loads(text)
    path = f"/collections/{c.id}/items/{quote(str(document['id']), safe='')}"
    document["links"] = [
        *self_links(urls, path, str(document["id"]), GEOJSON),
        link(urls(f"/collections/{c.id}", f="json"), "collection", JSON, c.title),
    ]
    return document
