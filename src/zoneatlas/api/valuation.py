"""Land price endpoints: value a stored parcel or an ad-hoc one by the benchmark land price
method, and the land grade layer. Both return the same JSON as ``zoneatlas price --json``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from zoneatlas.api import geojson
from zoneatlas.api.deps import StoreDep, ZoneDep
from zoneatlas.landprice.cli import price_command
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.grades import grade_features
from zoneatlas.landprice.model import ValuationRequest
from zoneatlas.landprice.render import valuation_to_dict
from zoneatlas.landprice.tables import describe_source
from zoneatlas.valuation import price_backend, zone_table_set

router = APIRouter(prefix="/api", tags=["land price"])


@router.get("/parcels/{code}/valuation", summary="Land price of a parcel, every correction shown")
def parcel_valuation(
    code: str,
    store: StoreDep,
    zone: ZoneDep,
    date: Annotated[dt.date | None, Query(description="Valuation date (default today)")] = None,
    far: Annotated[float | None, Query(description="Plot ratio (default the parcel's max)")] = None,
    term: Annotated[float | None, Query(description="Term in years (default the parcel's)")] = None,
) -> dict[str, Any]:
    valuation = price_command(
        price_backend(store, zone),
        code=code,
        date=date or dt.date.today(),
        far=far,
        term_years=term,
    )
    return valuation_to_dict(valuation)


@router.post("/valuation", summary="Land price of an ad-hoc parcel (use, grade, area, FAR ...)")
def adhoc_valuation(request: ValuationRequest, store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    return valuation_to_dict(value_parcel(zone_table_set(store, zone), request))


@router.get(
    "/land-grades",
    summary="Benchmark land grades with their prices (元/m²)",
    responses={200: {"content": {"application/geo+json": {}}}},
)
def land_grades(store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    tables = zone_table_set(store, zone)
    polygons = {g.grade: g.geometry for g in store.land_grades(zone)}
    features = grade_features(tables, polygons)
    for feature in features:
        feature["geometry"] = geojson.geometry_json(polygons[feature["properties"]["grade"]])
    return geojson.collection(features)


@router.get("/landprice/tables", summary="The benchmark land price table set in force")
def table_set(store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    tables = zone_table_set(store, zone)
    return {
        "version": tables.version,
        "source_text": describe_source(tables),
        "document": tables.model_dump(mode="json"),
    }
