"""Public JSON API: zones, basemap layers, parcels, enterprises, POIs, indicators, timeline."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from zoneatlas import __version__
from zoneatlas.api import geojson
from zoneatlas.api.deps import ParcelFilterDep, StoreDep, ZoneDep, vocabulary_term
from zoneatlas.parcels import vocab
from zoneatlas.records import Zone
from zoneatlas.units import m2_to_mu

router = APIRouter(prefix="/api")

GEOJSON: dict[int | str, dict[str, Any]] = {200: {"content": {"application/geo+json": {}}}}


def zone_json(zone: Zone) -> dict[str, Any]:
    minx, miny, maxx, maxy = zone.boundary.bounds
    centre = zone.boundary.centroid
    return {
        "slug": zone.slug,
        "name_zh": zone.name_zh,
        "name_en": zone.name_en,
        "bbox": [minx, miny, maxx, maxy],
        "center": [round(centre.x, 6), round(centre.y, 6)],
        "metric_epsg": zone.metric_epsg,
        "source": zone.source,
        "notice_zh": zone.notice_zh,
        "notice_en": zone.notice_en,
    }


@router.get("/zones", summary="Zones served by this instance")
def list_zones(store: StoreDep) -> list[dict[str, Any]]:
    return [zone_json(z) for z in store.list_zones()]


@router.get(
    "/vocab", summary="Vocabularies (land use, status, industry, development level) in zh and en"
)
def vocabularies() -> dict[str, list[dict[str, str]]]:
    return {name: [asdict(term) for term in terms] for name, terms in vocab.VOCABULARIES.items()}


@router.get(
    "/basemap", summary="The zone's own layers drawn as the offline basemap", responses=GEOJSON
)
def basemap(store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    z = store.get_zone(zone)
    features = [
        geojson.feature(
            z.boundary, {"layer": "boundary", "name_zh": z.name_zh, "name_en": z.name_en}
        )
    ]
    for area in store.functional_areas(zone):
        features.append(
            geojson.feature(
                area.geometry,
                {
                    "layer": "functional_area",
                    "code": area.code,
                    "name_zh": area.name_zh,
                    "name_en": area.name_en,
                    "color": area.color,
                    "industries": area.industries,
                    "synthetic": area.synthetic,
                },
            )
        )
    for f in store.features(zone):
        features.append(
            geojson.feature(
                f.geometry,
                {
                    "layer": f.layer,
                    "kind": f.kind,
                    "name_zh": f.name_zh,
                    "name_en": f.name_en,
                    "synthetic": f.synthetic,
                },
            )
        )
    return geojson.collection(features)


@router.get("/parcels", summary="Key investment parcels as GeoJSON", responses=GEOJSON)
def list_parcels(store: StoreDep, zone: ZoneDep, filters: ParcelFilterDep) -> dict[str, Any]:
    return geojson.collection(geojson.parcel_feature(p) for p in store.parcels(zone, filters))


@router.get("/parcels/stats", summary="Count and total area (m², 亩) of the matching parcels")
def parcel_stats(store: StoreDep, zone: ZoneDep, filters: ParcelFilterDep) -> dict[str, Any]:
    count, area_m2 = store.parcel_stats(zone, filters)
    return {
        "count": count,
        "total": store.count_parcels(zone),
        "area_m2": round(area_m2, 2),
        "area_mu": round(m2_to_mu(area_m2), 2),
    }


@router.get("/parcels/{code}", summary="One parcel as a GeoJSON Feature", responses=GEOJSON)
def get_parcel(code: str, store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    return geojson.parcel_feature(store.parcel(zone, code))


@router.get("/enterprises", summary="Enterprises as GeoJSON points", responses=GEOJSON)
def list_enterprises(
    store: StoreDep,
    zone: ZoneDep,
    industry: Annotated[str | None, Query(description="Industry key or name")] = None,
) -> dict[str, Any]:
    key = vocabulary_term("industry", "industry", industry)
    return geojson.collection(geojson.enterprise_feature(e) for e in store.enterprises(zone, key))


@router.get("/pois", summary="Points of interest as GeoJSON", responses=GEOJSON)
def list_pois(store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    return geojson.collection(geojson.poi_feature(p) for p in store.pois(zone))


@router.get("/indicators", summary="Published indicators, with year-on-year growth in %")
def list_indicators(
    store: StoreDep,
    zone: ZoneDep,
    year: Annotated[int | None, Query(ge=1949, le=2100, description="Year, e.g. 2020")] = None,
) -> list[dict[str, Any]]:
    return [asdict(i) for i in store.indicators(zone, year)]


@router.get("/timeline", summary="Dated highlights")
def list_timeline(
    store: StoreDep,
    zone: ZoneDep,
    year: Annotated[int | None, Query(ge=1949, le=2100)] = None,
) -> list[dict[str, Any]]:
    return [{**asdict(e), "date": e.date.isoformat()} for e in store.timeline(zone, year)]


@router.get("/transactions", summary="Land transactions (元/m², m², 万元)")
def list_transactions(store: StoreDep, zone: ZoneDep) -> list[dict[str, Any]]:
    return [
        {**asdict(x), "date": x.date.isoformat(), "total_wan": round(x.total_wan, 2)}
        for x in store.transactions(zone)
    ]


health_router = APIRouter()


@health_router.get("/healthz", summary="Liveness and database check")
def healthz(store: StoreDep) -> dict[str, Any]:
    zones = store.list_zones()
    return {"status": "ok", "version": __version__, "zones": [z.slug for z in zones]}
