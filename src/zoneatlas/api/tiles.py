"""Vector tiles (Mapbox Vector Tile 2.1) and their TileJSON documents."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from zoneatlas.api.deps import StoreDep, ZoneDep
from zoneatlas.store.tiles import TILE_LAYERS
from zoneatlas.tiles.service import (
    MAX_ZOOM,
    MIN_ZOOM,
    TileCache,
    check_layer,
    render_tile,
    tile_key,
)

router = APIRouter(prefix="/tiles", tags=["tiles"])
MVT = "application/vnd.mapbox-vector-tile"
CACHE_HEADERS = {"Cache-Control": "public, max-age=60"}


def _cache(request: Request) -> TileCache:
    cache: TileCache = request.app.state.tile_cache
    return cache


@router.get(
    "/{layer}/{z}/{x}/{y}.mvt",
    summary="A vector tile of a layer",
    responses={200: {"content": {MVT: {}}}},
)
async def tile(
    layer: str,
    z: int,
    x: int,
    y: int,
    request: Request,
    store: StoreDep,
    zone: ZoneDep,
    offset: Annotated[
        str, Query(description="none, or gcj02 to draw over a GCJ-02 basemap (Amap)")
    ] = "none",
) -> Response:
    # A cached tile is answered on the event loop; only a miss goes to the thread pool.
    cache = _cache(request)
    key = tile_key(store, zone, layer, z, x, y, request.app.state.tile_revisions, offset)
    data = cache.get(key)
    if data is None:
        data = await run_in_threadpool(render_tile, store, cache, key)
    if not data:
        return Response(status_code=204, headers=CACHE_HEADERS)
    return Response(data, media_type=MVT, headers=CACHE_HEADERS)


@router.get("/{layer}.json", summary="TileJSON 3.0.0 of a vector tile layer")
def tilejson(layer: str, request: Request, store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    check_layer(layer)
    z = store.get_zone(zone)
    minx, miny, maxx, maxy = z.boundary.bounds
    base = str(request.base_url).rstrip("/")
    return {
        "tilejson": "3.0.0",
        "name": f"{z.slug} {layer}",
        "tiles": [f"{base}/tiles/{layer}/{{z}}/{{x}}/{{y}}.mvt?zone={z.slug}"],
        "minzoom": MIN_ZOOM,
        "maxzoom": MAX_ZOOM,
        "bounds": [minx, miny, maxx, maxy],
        "center": [z.boundary.centroid.x, z.boundary.centroid.y, 12],
        "vector_layers": [
            {
                "id": layer,
                "fields": {name: "" for name in TILE_LAYERS[layer].fields},
                "minzoom": MIN_ZOOM,
                "maxzoom": MAX_ZOOM,
            }
        ],
    }
