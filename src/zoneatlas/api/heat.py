"""Heat map API: PNG heat tiles, their legend, and H3 hexagon aggregates.

Thin: each endpoint parses its parameters into a query and calls
:class:`zoneatlas.heat.service.HeatService`, kept on ``app.state.heat`` (made on first
use from the app's store).
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from zoneatlas.api.deps import vocabulary_term
from zoneatlas.errors import InvalidParameter
from zoneatlas.heat.kernels import DEFAULT_KERNEL, KERNELS, parse_kernel
from zoneatlas.heat.points import RecordPointSource, layer_info
from zoneatlas.heat.ramps import DEFAULT_RAMP, RAMPS
from zoneatlas.heat.service import HeatService, HexQuery
from zoneatlas.heat.spec import MAX_RADIUS_M, MIN_RADIUS_M, checked_radius
from zoneatlas.heat.surface import HeatQuery

router = APIRouter(prefix="/api")

_LOCK = threading.Lock()
PNG: dict[int | str, dict[str, Any]] = {200: {"content": {"image/png": {}}}}
GEOJSON: dict[int | str, dict[str, Any]] = {200: {"content": {"application/geo+json": {}}}}


# The dependencies of the tile endpoint are async on purpose: FastAPI runs plain-def
# dependencies in its thread pool, and each hop there waits for the GIL that the tile
# renderer holds. A cached tile is then served without leaving the event loop.


async def get_heat(request: Request) -> HeatService:
    """The app's heat service, made once from its store (``app.state.heat``)."""
    state = request.app.state
    with _LOCK:
        service = getattr(state, "heat", None)
        if service is None:
            service = HeatService(RecordPointSource(state.store))
            state.heat = service
    return service


async def heat_zone(
    request: Request,
    zone: Annotated[
        str | None, Query(description="Zone slug; default: the instance's zone")
    ] = None,
) -> str:
    return zone or str(request.app.state.settings.zone)


def _renderer(request: Request) -> CapacityLimiter:
    """One tile renders at a time, in arrival order (anyio's limiter is fair).

    Rendering takes a few milliseconds of CPU, mostly under the GIL: threads rendering
    side by side only fight over it (a convoy that multiplies the tail latency), and a
    plain lock would not be fair. Made in the event loop, kept on ``app.state``.
    """
    limiter: CapacityLimiter | None = getattr(request.app.state, "heat_renderer", None)
    if limiter is None:
        limiter = CapacityLimiter(1)
        request.app.state.heat_renderer = limiter
    return limiter


HeatDep = Annotated[HeatService, Depends(get_heat)]
HeatZoneDep = Annotated[str, Depends(heat_zone)]
LayerPath = Annotated[str, Path(description="Point layer: enterprises")]
IndustryQuery = Annotated[
    str | None, Query(description="Only enterprises of this industry (key or name)")
]


def _field(layer: str, name: str | None, parameter: str = "weight") -> str | None:
    info = layer_info(layer)
    if name in (None, "", "none"):
        return None
    if name not in info.weights:
        raise InvalidParameter(
            parameter, f"unknown field {name!r}; expected none or {', '.join(info.weights)}"
        )
    return name


def _where(industry: str | None) -> tuple[str, ...]:
    key = vocabulary_term("industry", "industry", industry)
    return (f"industry={key}",) if key else ()


async def heat_query(
    zone: HeatZoneDep,
    layer: LayerPath,
    kernel: Annotated[str, Query(description=f"One of {', '.join(KERNELS)}")] = DEFAULT_KERNEL,
    radius: Annotated[
        float, Query(description=f"Kernel radius, metres ({MIN_RADIUS_M:g}..{MAX_RADIUS_M:g})")
    ] = 500.0,
    weight: Annotated[
        str | None, Query(description="none (count), employees or output_wan")
    ] = None,
    industry: IndustryQuery = None,
    scaled: Annotated[
        bool, Query(description="true: density per km²; false: raw kernel sums")
    ] = True,
) -> HeatQuery:
    return HeatQuery(
        zone=zone,
        layer=layer_info(layer).name,
        kernel=parse_kernel(kernel),
        radius_m=checked_radius(radius),
        weight=_field(layer, weight),
        where=_where(industry),
        scaled=scaled,
    )


HeatQueryDep = Annotated[HeatQuery, Depends(heat_query)]
RampQuery = Annotated[str, Query(description=f"Colour ramp: {', '.join(RAMPS)}")]


@router.get(
    "/heat/{layer}/{z}/{x}/{y}.png",
    summary="Heat tile (256 px PNG, Web Mercator) on a colour scale fixed per layer and filters",
    response_class=Response,
    responses=PNG,
)
async def heat_tile(
    request: Request,
    heat: HeatDep,
    query: HeatQueryDep,
    z: Annotated[int, Path(ge=0, le=22)],
    x: Annotated[int, Path(ge=0)],
    y: Annotated[int, Path(ge=0)],
    ramp: RampQuery = DEFAULT_RAMP,
) -> Response:
    png = heat.cached_tile(query, z, x, y, ramp)
    if png is None:
        if heat.cached_surface(query) is None:  # seconds of work, in the shared pool
            await run_in_threadpool(heat.surface, query)
        png = await to_thread.run_sync(heat.tile, query, z, x, y, ramp, limiter=_renderer(request))
    return Response(png, media_type="image/png", headers={"Cache-Control": "public, max-age=300"})


@router.get(
    "/heat/{layer}/legend", summary="Breaks, colours and units of a heat layer's colour scale"
)
def heat_legend(
    heat: HeatDep, query: HeatQueryDep, ramp: RampQuery = DEFAULT_RAMP
) -> dict[str, Any]:
    surface = heat.surface(query)
    body = heat.legend(query, ramp).as_json()
    body.update(
        layer=query.layer,
        kernel=query.kernel,
        radius_m=query.radius_m,
        weight=query.weight,
        scaled=query.scaled,
        filters=list(query.where),
        points=surface.points,
        cell_m=surface.grid.cell if surface.grid else None,
        epsg=surface.grid.epsg if surface.grid else None,
    )
    return body


@router.get(
    "/hex/{layer}",
    summary="H3 hexagons: count, sum or mean of a field per cell, as GeoJSON",
    response_class=JSONResponse,
    responses=GEOJSON,
)
def hexagons(
    heat: HeatDep,
    zone: HeatZoneDep,
    layer: LayerPath,
    res: Annotated[int, Query(ge=0, le=15, description="H3 resolution (9: about 0.1 km²)")] = 9,
    stat: Annotated[str, Query(description="count, sum or mean")] = "count",
    field: Annotated[
        str | None, Query(description="Numeric field for sum and mean: employees, output_wan")
    ] = None,
    industry: IndustryQuery = None,
) -> JSONResponse:
    field_name = _field(layer, field, "field")
    query = HexQuery(zone, layer_info(layer).name, res, stat, field_name, _where(industry))
    # already plain JSON types: skip FastAPI's per-value encoder (thousands of rings)
    return JSONResponse(heat.hexagons(query), media_type="application/geo+json")
