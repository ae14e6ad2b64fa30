"""OGC API - Features Part 1 under ``/ogc``: conformance classes core, geojson, oas30 and
html. The collections are the data-driven list in :mod:`zoneatlas.api.ogc_collections`.

Errors here follow the OGC exception format rather than the rest of the API's: a bad query
parameter is ``400`` and an unknown collection, feature or zone ``404``, each with the body
``{"code": ..., "description": ...}``.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.responses import Response

from zoneatlas.api import ogc_html as html
from zoneatlas.api import ogc_render as render
from zoneatlas.api.deps import StoreDep
from zoneatlas.api.ogc_collections import COLLECTIONS, OgcCollection, collection
from zoneatlas.api.ogc_openapi import ZONE, F, items_parameters, ogc_openapi
from zoneatlas.api.ogc_params import items_query, wants_html
from zoneatlas.errors import NotFound, ZoneAtlasError
from zoneatlas.store import Store

TITLE = "投资合作热力图 Zone Atlas · OGC API - Features"
DESCRIPTION = (
    "The zone's layers (parcels, zone boundaries, functional areas, enterprises, points of "
    "interest) as OGC API - Features for GIS clients such as QGIS, ArcGIS, GDAL and OWSLib. "
    "Coordinates are lon/lat (CRS84)."
)


def exception_response(status: int, code: str, description: str) -> JSONResponse:
    """An OGC API exception (``exception.yaml`` of the standard)."""
    return JSONResponse({"code": code, "description": description}, status_code=status)


class OgcRoute(APIRoute):
    """A route that answers errors the OGC way (400/404 with code and description)
    instead of through the application-wide handlers."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except NotFound as exc:
                return exception_response(404, "NotFound", str(exc))
            except ZoneAtlasError as exc:
                return exception_response(400, "InvalidParameterValue", str(exc))
            except RequestValidationError as exc:
                reasons = "; ".join(str(error.get("msg", "invalid")) for error in exc.errors())
                return exception_response(400, "InvalidParameterValue", reasons)

        return handle


router = APIRouter(prefix="/ogc", tags=["OGC API - Features"], route_class=OgcRoute)

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad parameter: OGC exception {code, description}"},
    404: {"description": "No such collection, feature or zone: OGC exception"},
}
JSON_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/html": {}}},
    **_ERRORS,
}
GEOJSON_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/geo+json": {}, "text/html": {}}},
    **_ERRORS,
}
CollectionId = Path(alias="collectionId", description="Collection id, e.g. parcels")


def _zone(request: Request, c: OgcCollection) -> str | None:
    """The zone a collection request is about (None for collections spanning zones)."""
    if not c.per_zone:
        return None
    return request.query_params.get("zone") or str(request.app.state.settings.zone)


def _json(document: dict[str, Any], media_type: str = render.JSON) -> JSONResponse:
    return JSONResponse(document, media_type=media_type)


def _crumbs(urls: render.Urls, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [("OGC API", urls("", f="json")), *extra]


@router.get(
    "",
    summary="Landing page",
    openapi_extra={"parameters": [F, ZONE]},
    responses=JSON_RESPONSES,
)
def landing_page(request: Request) -> Response:
    urls = render.Urls(request)
    document = render.landing(urls, TITLE, DESCRIPTION)
    if wants_html(request.query_params, request.headers.get("accept")):
        return html.render(request, "landing", TITLE, document, _crumbs(urls))
    return _json(document)


router.add_api_route("/", landing_page, methods=["GET"], include_in_schema=False)


@router.get(
    "/conformance",
    summary="Conformance classes this API implements",
    openapi_extra={"parameters": [F, ZONE]},
    responses=JSON_RESPONSES,
)
def conformance(request: Request) -> Response:
    urls = render.Urls(request)
    document = render.conformance()
    if wants_html(request.query_params, request.headers.get("accept")):
        crumbs = _crumbs(urls, ("Conformance", urls("/conformance", f="json")))
        return html.render(request, "conformance", "符合性 Conformance", document, crumbs)
    return _json(document)


@router.get(
    "/api",
    summary="This API's definition in OpenAPI 3.0",
    responses={200: {"content": {render.OPENAPI_JSON: {}}}},
)
def api_definition(request: Request) -> Response:
    """The OGC operations of this application in OpenAPI 3.0.3, with paths relative to
    ``/ogc`` (the whole application's OpenAPI 3.1 document is ``/api/openapi.json``)."""
    cached: dict[str, Any] | None = getattr(request.app.state, "ogc_openapi", None)
    if cached is None:
        cached = ogc_openapi(request.app.openapi())
        request.app.state.ogc_openapi = cached
    document = {**cached, "servers": [{"url": render.Urls(request).root + "/ogc"}]}
    return _json(document, render.OPENAPI_JSON)


def _collection_document(
    request: Request, store: Store, urls: render.Urls, c: OgcCollection
) -> dict[str, Any]:
    extent = store.ogc_extent(c.table, _zone(request, c), c.temporal)
    return render.collection(urls, c, extent)


@router.get(
    "/collections",
    summary="The feature collections",
    openapi_extra={"parameters": [F, ZONE]},
    responses=JSON_RESPONSES,
)
def collections(request: Request, store: StoreDep) -> Response:
    urls = render.Urls(request)
    documents = [_collection_document(request, store, urls, c) for c in COLLECTIONS]
    document = render.collections(urls, documents)
    if wants_html(request.query_params, request.headers.get("accept")):
        crumbs = _crumbs(urls, ("Collections", urls("/collections", f="json")))
        return html.render(request, "collections", "数据集 Collections", document, crumbs)
    return _json(document)


@router.get(
    "/collections/{collectionId}",
    summary="One feature collection: extent, CRS and links",
    openapi_extra={"parameters": [F, ZONE]},
    responses=JSON_RESPONSES,
)
def describe_collection(
    request: Request, store: StoreDep, collection_id: str = CollectionId
) -> Response:
    c = collection(collection_id)
    urls = render.Urls(request)
    document = _collection_document(request, store, urls, c)
    if wants_html(request.query_params, request.headers.get("accept")):
        crumbs = _crumbs(
            urls,
            ("Collections", urls("/collections", f="json")),
            (c.id, urls(f"/collections/{c.id}", f="json")),
        )
        return html.render(
            request, "collection", c.title, document, crumbs, queryables=c.queryables
        )
    return _json(document)


def items_page(request: Request, store: Store, c: OgcCollection) -> Response:
    """A page of the features of ``c`` (GeoJSON or HTML) for the request's parameters."""
    query = items_query(request.query_params, c)
    as_html = wants_html(request.query_params, request.headers.get("accept"))
    rows, matched = store.ogc_page(
        c.table,
        _zone(request, c),
        equals=query.equals,
        bbox=query.bbox,
        dates=(c.temporal, *query.dates) if c.temporal and query.dates else None,
        order_by=c.order_by,
        limit=query.limit,
        offset=query.offset,
    )
    urls = render.Urls(request)
    texts = render.feature_texts(c, rows)
    members = render.items(urls, c, len(rows), matched, query, request.query_params)
    if not as_html:
        body = render.feature_collection_bytes(members, texts)
        return Response(body, media_type=render.GEOJSON)
    document = render.feature_collection(members, texts)
    crumbs = _crumbs(
        urls,
        ("Collections", urls("/collections", f="json")),
        (c.id, urls(f"/collections/{c.id}", f="json")),
        ("items", urls(f"/collections/{c.id}/items", f="json")),
    )
    return html.render(
        request,
        "items",
        c.title,
        document,
        crumbs,
        svg=html.svg_preview([row["geometry"] for row in rows]),
        columns=html.item_columns(document),
        item_href=html.item_href(urls, c),
    )


def _items_route(c: OgcCollection) -> Callable[[Request, StoreDep], Response]:
    def endpoint(request: Request, store: StoreDep) -> Response:
        return items_page(request, store, c)

    endpoint.__doc__ = f"Features of {c.id} ({c.title}). Filters: {', '.join(c.queryables)}" + (
        f"; datetime filters on {c.temporal}." if c.temporal else "."
    )
    return endpoint


for _c in COLLECTIONS:  # one operation per collection, with its own filter parameters
    router.add_api_route(
        f"/collections/{_c.id}/items",
        _items_route(_c),
        methods=["GET"],
        summary=f"Features of {_c.id}",
        operation_id=f"getFeatures_{_c.id}",
        openapi_extra={"parameters": items_parameters(_c)},
        responses=GEOJSON_RESPONSES,
    )


@router.get("/collections/{collectionId}/items", include_in_schema=False)
def unknown_collection_items(collection_id: str = CollectionId) -> Response:
    collection(collection_id)  # raises NotFound: known collections have their own route
    raise AssertionError("unreachable")  # pragma: no cover


@router.get(
    "/collections/{collectionId}/items/{featureId}",
    summary="One feature",
    openapi_extra={"parameters": [F, ZONE]},
    responses=GEOJSON_RESPONSES,
)
def feature(
    request: Request,
    store: StoreDep,
    collection_id: str = CollectionId,
    feature_id: str = Path(alias="featureId", description="Feature id, e.g. a parcel code"),
) -> Response:
    c = collection(collection_id)
    row = store.ogc_item(c.table, _zone(request, c), c.key, feature_id)
    if row is None:
        raise NotFound(f"no feature {feature_id!r} in collection {c.id!r}")
    urls = render.Urls(request)
    document = render.feature(urls, c, row)
    if not wants_html(request.query_params, request.headers.get("accept")):
        return _json(document, render.GEOJSON)
    crumbs = _crumbs(
        urls,
        ("Collections", urls("/collections", f="json")),
        (c.id, urls(f"/collections/{c.id}", f="json")),
        ("items", urls(f"/collections/{c.id}/items", f="json")),
        (str(document["id"]), urls(f"/collections/{c.id}/items/{quote(feature_id, safe='')}")),
    )
    title = f"{c.title_zh} {document['id']}"
    return html.render(
        request, "item", title, document, crumbs, svg=html.svg_preview([row["geometry"]])
    )
