"""Land price service: joins the store (parcels, grades, the zone's table set, reference
features) to the pure land price engine in ``zoneatlas.landprice``. The CLI and the API
both value parcels through :func:`price_backend`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from zoneatlas.errors import NotFound, ZoneAtlasError
from zoneatlas.landprice.cli import ParcelFacts, PriceBackend
from zoneatlas.landprice.grades import grade_for_geometry
from zoneatlas.landprice.load import load_table_set, parse_table_set
from zoneatlas.landprice.study import Transaction
from zoneatlas.landprice.tables import TableSet, describe_source
from zoneatlas.records import LandPriceTables
from zoneatlas.store import Store


class NoLandPriceTables(NotFound):
    def __init__(self, zone: str) -> None:
        super().__init__(
            f"zone {zone!r} has no benchmark land price tables; import them with "
            "`zoneatlas import landprice FILE`"
        )


def zone_table_set(store: Store, zone: str) -> TableSet:
    """The table set in force for ``zone``: the most recently imported one."""
    history = store.land_price_table_history(zone)
    if not history:
        raise NoLandPriceTables(zone)
    return _parse_cached(history[-1].document)


@cache
def _parse_cached(document: str) -> TableSet:
    import json

    return parse_table_set(json.loads(document), "stored table set")


def reference_targets(store: Store, zone: str) -> dict[str, list[BaseGeometry]]:
    """Reference features distance factors are measured to, from the zone's own layers:
    ``commercial_centre`` (POIs of category commercial), ``metro_station`` and
    ``bus_stop`` (transit POIs; the demo has no separate bus stops), ``main_road``
    (roads of kind trunk or main)."""
    pois = store.pois(zone)
    transit: list[BaseGeometry] = [Point(p.lon, p.lat) for p in pois if p.category == "transit"]
    roads = [f.geometry for f in store.features(zone, "road") if f.kind in ("trunk", "main")]
    return {
        "commercial_centre": [Point(p.lon, p.lat) for p in pois if p.category == "commercial"],
        "metro_station": transit,
        "bus_stop": transit,
        "main_road": roads,
    }


def price_backend(store: Store, zone: str) -> PriceBackend:
    """Everything ``zoneatlas.landprice`` needs to value the parcels of ``zone``."""
    metric_epsg = store.get_zone(zone).metric_epsg
    grades = {g.grade: g.geometry for g in store.land_grades(zone)}

    def lookup(code: str) -> ParcelFacts:
        parcel = store.parcel(zone, code)
        return ParcelFacts(
            use=parcel.land_use,
            area_m2=parcel.area_m2,
            far=parcel.far_max,
            grade=grade_for_geometry(grades, parcel.geometry),
            geometry=parcel.geometry,
            term_years=parcel.lease_years,
            development=parcel.development_level or None,
        )

    return PriceBackend(
        tables=lambda: zone_table_set(store, zone),
        parcel_lookup=lookup,
        targets=lambda: reference_targets(store, zone),
        transactions=lambda: transactions_for_study(store, zone, grades),
        metric_epsg=metric_epsg,
    )


def transactions_for_study(
    store: Store, zone: str, grades: Mapping[str, BaseGeometry]
) -> Sequence[Transaction]:
    """Recorded transactions with the conditions of their parcel (grade, FAR, term)."""
    result = []
    for record in store.transactions(zone):
        if not record.parcel_code:
            continue
        try:
            parcel = store.parcel(zone, record.parcel_code)
        except NotFound:
            continue
        grade = grade_for_geometry(grades, parcel.geometry)
        if grade is None or parcel.far_max is None:
            continue
        result.append(
            Transaction(
                date=record.date,
                use=parcel.land_use,
                grade=grade,
                area_m2=record.area_m2,
                far=parcel.far_max,
                term_years=parcel.lease_years,
                price_yuan_m2=record.price_yuan_m2,
                parcel_code=record.parcel_code,
                source=record.source,
            )
        )
    return result


def import_table_set(store: Store, zone: str, path: Path) -> TableSet:
    """Validate a table set file and store it as the zone's table set in force."""
    import datetime as dt

    tables = load_table_set(path)
    store.save_land_price_tables(
        zone,
        LandPriceTables(
            version=tables.version,
            source=describe_source(tables),
            document=tables.model_dump_json(),
            imported=dt.date.today(),
        ),
    )
    return tables


def store_backend_factory(db: str | None, zone: str | None) -> PriceBackend:
    """``zoneatlas price`` backend for ``--db``/``--zone`` (see zoneatlas.landprice.cli)."""
    from zoneatlas.service import open_store
    from zoneatlas.settings import Settings, database_url_from

    settings = Settings()
    url = database_url_from(db) if db else settings.database_url
    store = open_store(url)
    slug = zone or settings.zone
    if slug not in [z.slug for z in store.list_zones()]:
        raise ZoneAtlasError(
            f"the database at {url} holds no zone {slug!r}; build the demo "
            "with `zoneatlas demo --no-serve`"
        )
    return price_backend(store, slug)
