"""Make the demo's synthetic land transactions consistent with its benchmark land price
tables, so that a ratio study of the demo says something sensible: each synthetic sale is
the tables' estimate for its parcel on its date, times a log-normal market spread. The two
published record auctions (6830 and 7214 元/m²) keep their published prices."""

from __future__ import annotations

import dataclasses

import numpy as np
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from zoneatlas.landprice.distance import distance_inputs
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.grades import grade_for_geometry
from zoneatlas.landprice.model import ValuationRequest
from zoneatlas.landprice.tables import TableSet
from zoneatlas.parcels.model import Parcel
from zoneatlas.records import LandTransaction, MapFeature, Poi

#: Log-normal sigma of sale prices around the tables' estimate (about ±12 %).
MARKET_SPREAD = 0.12
#: Synthetic sales stay below the published record of 6830 元/m², which they must not beat.
RECORD_FLOOR = 6830.0


def _targets(pois: list[Poi], features: list[MapFeature]) -> dict[str, list[BaseGeometry]]:
    transit: list[BaseGeometry] = [Point(p.lon, p.lat) for p in pois if p.category == "transit"]
    return {
        "commercial_centre": [Point(p.lon, p.lat) for p in pois if p.category == "commercial"],
        "metro_station": transit,
        "bus_stop": transit,
        "main_road": [
            f.geometry for f in features if f.layer == "road" and f.kind in ("trunk", "main")
        ],
    }


def align_transactions(
    transactions: list[LandTransaction],
    parcels: list[Parcel],
    tables: TableSet,
    grades: dict[str, BaseGeometry],
    context: tuple[list[Poi], list[MapFeature], int],
    rng: np.random.Generator,
) -> list[LandTransaction]:
    """Reprice every synthetic transaction from the tables (元/m², rounded to 10 元)."""
    pois, features, metric_epsg = context
    targets = _targets(pois, features)
    by_code = {p.code: p for p in parcels}
    result = []
    for record in transactions:
        parcel = by_code.get(record.parcel_code)
        grade = grade_for_geometry(grades, parcel.geometry) if parcel else None
        if not record.synthetic or parcel is None or grade is None or parcel.far_max is None:
            result.append(record)
            continue
        estimate = value_parcel(
            tables,
            ValuationRequest(
                use=parcel.land_use,
                grade=grade,
                area_m2=parcel.area_m2,
                far=parcel.far_max,
                term_years=parcel.lease_years,
                valuation_date=record.date,
                derived=distance_inputs(
                    tables, parcel.land_use, parcel.geometry, targets, metric_epsg
                ),
            ),
        ).unit_price_yuan_m2
        price = min(estimate * float(np.exp(rng.normal(0.0, MARKET_SPREAD))), RECORD_FLOOR - 130)
        result.append(dataclasses.replace(record, price_yuan_m2=round(price, -1)))
    return result
