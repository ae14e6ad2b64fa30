"""Attractiveness index API (区域综合吸引力指数): a parcel's score, value index and factor
contributions; parcels ranked; the model for the method page.

Thin: parameters are parsed here, the work is done by
:class:`zoneatlas.attractiveness.service.AttractivenessService` (kept on
``app.state.attractiveness``, made on first use from the app's store) and the documents
are built by :mod:`zoneatlas.attractiveness.report`, as for ``zoneatlas attractiveness``.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from zoneatlas.api.deps import ZoneDep
from zoneatlas.attractiveness.model import AttractivenessModel, override_weights
from zoneatlas.attractiveness.report import model_document, parcel_document, ranking_document
from zoneatlas.attractiveness.service import (
    ORDERS,
    SORT_KEYS,
    AttractivenessService,
    parse_industry,
    rank_order,
)
from zoneatlas.errors import InvalidParameter, NotFound
from zoneatlas.landprice.tables import TableSet
from zoneatlas.store import Store
from zoneatlas.valuation import zone_table_set

router = APIRouter(prefix="/api", tags=["attractiveness"])
_LOCK = threading.Lock()

MAX_RANKING = 1000


def _tables(store: Store) -> Any:
    def lookup(zone: str) -> TableSet | None:
        try:
            return zone_table_set(store, zone)
        except NotFound:  # no table set: scores without a value index
            return None

    return lookup


def get_attractiveness(request: Request) -> AttractivenessService:
    """The app's attractiveness service (``app.state.attractiveness``), made once; a model
    on ``app.state.attractiveness_model`` replaces the default one."""
    state = request.app.state
    with _LOCK:
        service = getattr(state, "attractiveness", None)
        if service is None:
            model = getattr(state, "attractiveness_model", None)
            service = AttractivenessService(state.store, _tables(state.store), model)
            state.attractiveness = service
    return service


ServiceDep = Annotated[AttractivenessService, Depends(get_attractiveness)]
IndustryQuery = Annotated[
    str | None,
    Query(description="Investor's industry: key, Chinese or English name (e.g. 数字经济)"),
]
WeightsQuery = Annotated[
    str | None,
    Query(
        description="Replace the weights: key:weight,... for every factor, non-negative, "
        "summing to 1 (e.g. accessibility:0.4,agglomeration:0.3,public_services:0.2,"
        "environment:0.1)"
    ),
]


def _model(
    service: AttractivenessService, weights: str | None, industry: str | None
) -> AttractivenessModel:
    """The service's model, with the request's weights when it gives some (for
    ``industry``, or for every industry when None)."""
    return override_weights(service.model, weights, industry)


@router.get(
    "/parcels/{code}/attractiveness",
    summary="Attractiveness of a parcel for an industry: score, value index, contributions",
)
def parcel_attractiveness(
    code: str,
    service: ServiceDep,
    zone: ZoneDep,
    industry: IndustryQuery = None,
    weights: WeightsQuery = None,
) -> dict[str, Any]:
    key = parse_industry(industry)  # None: the parcel's first planned industry
    result = service.parcel(zone, code, key, _model(service, weights, key))
    return parcel_document(result)


@router.get("/attractiveness/model", summary="The attractiveness model: factors, weights, formulas")
def attractiveness_model(service: ServiceDep, industry: IndustryQuery = None) -> dict[str, Any]:
    return model_document(service.model, parse_industry(industry))


@router.get(
    "/attractiveness/ranking",
    summary="Parcels ranked by attractiveness (or value index) for an industry",
)
def attractiveness_ranking(
    service: ServiceDep,
    zone: ZoneDep,
    industry: IndustryQuery = None,
    limit: Annotated[int, Query(ge=1, le=MAX_RANKING, description="Parcels returned")] = 20,
    sort: Annotated[str, Query(description=f"One of {', '.join(SORT_KEYS)}")] = "score",
    order: Annotated[
        str, Query(description="desc: most attractive first; asc: least attractive first")
    ] = ORDERS[0],
    weights: WeightsQuery = None,
) -> dict[str, Any]:
    key = parse_industry(industry)
    result = service.ranking(zone, key, _model(service, weights, key))
    return ranking_document(result, rank_order(result, sort, order)[:limit])


OVERLAY_LAYERS = ("quality", "value")


def _overlay_grid(
    service: AttractivenessService, zone: str, industry: str | None, layer: str
) -> tuple[Any, Any, float]:
    """(grid, values with NaN → 0, colour-scale maximum) of an overlay layer."""
    import numpy as np

    from zoneatlas.heat.ramps import nice_round

    if layer not in OVERLAY_LAYERS:
        raise InvalidParameter("layer", f"expected one of {', '.join(OVERLAY_LAYERS)}")
    import shapely

    grids = service.grids(zone, parse_industry(industry))
    values = np.nan_to_num(np.asarray(getattr(grids, layer), dtype=np.float64), nan=0.0)
    columns, rows = grids.grid.centres()  # metric CRS, like inputs.boundary
    inside = shapely.contains_xy(service.inputs(zone).boundary, *np.meshgrid(columns, rows))
    values = np.where(inside, values, 0.0)  # cells outside the zone are left transparent
    top = float(np.percentile(values[values > 0], 99)) if (values > 0).any() else 0.0
    # The 99th percentile of the zone, not the theoretical 100: an industry whose best site
    # scores 58 would otherwise show in a band of muted colours.
    vmax = min(nice_round(top), 100.0) if layer == "quality" else nice_round(top)
    return grids.grid, values, vmax


@router.get("/attractiveness/overlay.json", summary="Where and how to draw the attractiveness grid")
def overlay_json(
    request: Request,
    zone: ZoneDep,
    service: Annotated[AttractivenessService, Depends(get_attractiveness)],
    industry: Annotated[str | None, Query(description="Industry key or name")] = None,
    layer: Annotated[str, Query(description="quality (0-100) or value (value index)")] = "quality",
) -> dict[str, Any]:
    from zoneatlas.geo.crs import transformer
    from zoneatlas.heat.ramps import legend

    grid, _values, vmax = _overlay_grid(service, zone, industry, layer)
    west, south, east, north = grid.bounds
    to_lonlat = transformer(f"EPSG:{grid.epsg}", "EPSG:4326")
    corners = [(west, north), (east, north), (east, south), (west, south)]
    coordinates = [list(to_lonlat.transform(x, y)) for x, y in corners]
    unit_zh, unit_en = ("分", "points") if layer == "quality" else ("指数", "index")
    query = request.url.query
    return {
        "image": f"/api/attractiveness/overlay.png?{query}",
        "coordinates": coordinates,
        "layer": layer,
        "industry": parse_industry(industry),
        "cell_m": grid.cell,
        "legend": legend(vmax, "viridis", unit_zh, unit_en).as_json(),
    }


@router.get(
    "/attractiveness/overlay.png",
    summary="The attractiveness grid as one PNG image (north-up in the zone's metric CRS)",
    responses={200: {"content": {"image/png": {}}}},
)
def overlay_png(
    zone: ZoneDep,
    service: Annotated[AttractivenessService, Depends(get_attractiveness)],
    industry: Annotated[str | None, Query(description="Industry key or name")] = None,
    layer: Annotated[str, Query(description="quality (0-100) or value (value index)")] = "quality",
) -> Response:
    import io

    from PIL import Image

    from zoneatlas.heat.ramps import colorize

    _grid, values, vmax = _overlay_grid(service, zone, industry, layer)
    buffer = io.BytesIO()
    Image.fromarray(colorize(values, vmax, "viridis"), "RGBA").save(buffer, format="PNG")
    return Response(
        buffer.getvalue(), media_type="image/png", headers={"Cache-Control": "public, max-age=60"}
    )
