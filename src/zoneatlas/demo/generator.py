"""Assemble the built-in demo zone "jingyue-2020" (净月高新区, 2020) into a ZoneBundle.

Published figures (indicators, timeline, the parcel count, the two record auction prices,
named firms, POIs and areas) come from the Changchun Daily report of 2021-01-12; geometry
and everything else are generated here, deterministically: the same seed gives the same
bundle, byte for byte, on every run (numpy's PCG64 streams, fixed dates, no clock, no set
ordering). Other GEOS or PROJ versions may move vertices in the last digits.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from shapely.geometry.base import BaseGeometry

from zoneatlas.demo import figures
from zoneatlas.demo.contacts import demo_contacts
from zoneatlas.demo.enterprises import enterprises
from zoneatlas.demo.intensity import demo_intensity_rules
from zoneatlas.demo.layout import METRIC_EPSG, Layout, Shape, build_layout
from zoneatlas.demo.lots import select_lots
from zoneatlas.demo.market import align_transactions
from zoneatlas.demo.planning import plan_parcels
from zoneatlas.demo.pois import pois, reserved_sites
from zoneatlas.demo.policies import demo_policies
from zoneatlas.demo.project import many_to_lonlat, to_lonlat
from zoneatlas.demo.timeline import timeline
from zoneatlas.landprice.demo import demo_table_set
from zoneatlas.records import (
    FunctionalArea,
    LandGrade,
    LandPriceTables,
    MapFeature,
    Poi,
    ZoneBundle,
)

DEFAULT_SEED = 2020


def _features(layout: Layout) -> list[MapFeature]:
    """Basemap features in lon/lat, layers drawn bottom to top: park, water, road, axis."""
    layers: list[tuple[str, Shape]] = [("park", s) for s in layout.parks]
    layers += [("water", s) for s in layout.water]
    layers += [("road", s) for s in layout.roads]
    layers += [("axis", s) for s in layout.axes]
    geometries = many_to_lonlat([shape.geometry for _, shape in layers])
    return [
        MapFeature(
            layer=layer,
            name_zh=shape.name_zh,
            name_en=shape.name_en,
            geometry=geometry,
            kind=shape.kind,
            synthetic=True,
        )
        for (layer, shape), geometry in zip(layers, geometries, strict=True)
    ]


def _functional_areas(layout: Layout) -> list[FunctionalArea]:
    geometries = many_to_lonlat([area.geometry for area in layout.areas])
    return [
        FunctionalArea(
            code=area.code,
            name_zh=area.name_zh,
            name_en=area.name_en,
            geometry=geometry,
            industries=list(area.industries),
            color=area.color,
            synthetic=True,
        )
        for area, geometry in zip(layout.areas, geometries, strict=True)
    ]


def _land_price(
    boundary: BaseGeometry, points: list[Poi]
) -> tuple[list[LandGrade], list[LandPriceTables]]:
    """The synthetic benchmark land price table set and its grade rings, centred on the
    commercial centre POI (the tables measure 距商服中心距离 from it)."""
    from zoneatlas.landprice.grades import demo_grade_polygons
    from zoneatlas.landprice.tables import describe_source

    centre = next(p for p in points if p.category == "commercial")
    polygons = demo_grade_polygons(boundary, (centre.lon, centre.lat), metric_epsg=METRIC_EPSG)
    tables = demo_table_set()
    record = LandPriceTables(
        version=tables.version,
        source=describe_source(tables),
        document=tables.model_dump_json(),
        imported=dt.date(2020, 6, 24),
    )
    return [LandGrade(grade, geometry) for grade, geometry in polygons.items()], [record]


def build_demo_bundle(seed: int = DEFAULT_SEED) -> ZoneBundle:
    """Generate the "jingyue-2020" demo zone: 328 parcels, about 2,400 enterprises, POIs,
    basemap layers, the 2020 indicators, timeline and land transactions.

    Geometry is built in EPSG:4551 (CGCS2000 Gauss-Kruger, CM 126°E) metres and returned
    in lon/lat (EPSG:4326), inside 125.40-125.60°E, 43.70-43.85°N. Parcel areas are m²
    from the metric geometry, prices 元/m², enterprise output 万元/year. The map itself is
    fixed; ``seed`` drives the parcels, their attributes and the enterprises.

    >>> bundle = build_demo_bundle()
    >>> bundle.zone.slug, len(bundle.parcels)
    ('jingyue-2020', 328)
    """
    # Independent streams, so that adding a draw to one part leaves the others unchanged.
    parcel_seed, firm_seed, market_seed = np.random.SeedSequence(seed).spawn(3)
    layout = build_layout()
    parcel_rng = np.random.default_rng(parcel_seed)
    lots = select_lots(layout, reserved_sites(), parcel_rng)
    parcels, transactions = plan_parcels(lots, parcel_rng)
    boundary = to_lonlat(layout.boundary)
    points = pois(layout)
    grades, tables = _land_price(boundary, points)
    features = _features(layout)
    transactions = align_transactions(
        transactions,
        parcels,
        demo_table_set(),
        {g.grade: g.geometry for g in grades},
        (points, features, METRIC_EPSG),
        np.random.default_rng(market_seed),
    )
    areas = _functional_areas(layout)
    return ZoneBundle(
        zone=figures.zone_record(boundary, METRIC_EPSG),
        functional_areas=areas,
        features=features,
        parcels=parcels,
        enterprises=enterprises(layout, np.random.default_rng(firm_seed)),
        pois=points,
        indicators=figures.indicators(),
        timeline=timeline(),
        transactions=transactions,
        land_grades=grades,
        land_price_tables=tables,
        policies=demo_policies(),
        contacts=demo_contacts(areas, parcels),
        intensity_rules=demo_intensity_rules(parcels),
    )
