"""The jingyue-2020 demo generator: published figures exact, geometry consistent, output
deterministic. Geometric checks run in EPSG:4551 metres, computed here independently of
the generator's own metric geometry (from the lon/lat records it returns)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from zoneatlas.demo import build_demo_bundle
from zoneatlas.demo.layout import ORIGIN_X_M, ORIGIN_Y_M, ROAD_HALF_WIDTH_M
from zoneatlas.demo.project import xy_to_lonlat
from zoneatlas.geo.crs import metric_transformer
from zoneatlas.parcels import vocab
from zoneatlas.parcels.validate import metric_area_m2, validate_parcels
from zoneatlas.records import ZoneBundle

pytestmark = pytest.mark.unit

REPORT = "长春日报 2021-01-12"
LON_RANGE = (125.40, 125.60)
LAT_RANGE = (43.70, 43.85)
TOLERANCE_M2 = 1.0  # reprojection bends straight edges by millimetres


@pytest.fixture(scope="module")
def bundle() -> ZoneBundle:
    return build_demo_bundle()


def metric(geometry: BaseGeometry) -> BaseGeometry:
    """lon/lat to EPSG:4551 metres, with pyproj directly."""
    to_metric = metric_transformer(125.5)

    def project(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(to_metric.transform(coords[:, 0], coords[:, 1]))

    return shapely.transform(geometry, project)


def area_by_code(bundle: ZoneBundle) -> dict[str, BaseGeometry]:
    return {a.code: metric(a.geometry) for a in bundle.functional_areas}


def fingerprint(bundle: ZoneBundle) -> list[Any]:
    """Every field of every record, geometries as WKB, so equal means byte-identical."""

    def flat(record: Any) -> tuple[Any, ...]:
        values = []
        for field in dataclasses.fields(record):
            value = getattr(record, field.name)
            values.append(shapely.to_wkb(value) if isinstance(value, BaseGeometry) else value)
        return tuple(values)

    records: list[Any] = [bundle.zone]
    for name in ("functional_areas", "features", "parcels", "enterprises", "pois",
                 "indicators", "timeline", "transactions"):  # fmt: skip
        records += getattr(bundle, name)
    return [flat(record) for record in records]


# -- determinism -------------------------------------------------------------------------


def test_same_seed_gives_identical_bundle(bundle: ZoneBundle) -> None:
    assert fingerprint(build_demo_bundle(2020)) == fingerprint(bundle)


def test_another_seed_gives_other_parcels_on_the_same_map(bundle: ZoneBundle) -> None:
    other = build_demo_bundle(7)
    assert len(other.parcels) == 328
    assert [shapely.to_wkb(p.geometry) for p in other.parcels] != [
        shapely.to_wkb(p.geometry) for p in bundle.parcels
    ]
    assert shapely.to_wkb(other.zone.boundary) == shapely.to_wkb(bundle.zone.boundary)


# -- zone, areas, basemap ----------------------------------------------------------------


def test_zone_record(bundle: ZoneBundle) -> None:
    zone = bundle.zone
    assert zone.slug == "jingyue-2020"
    assert zone.name_zh == "长春净月高新技术产业开发区"
    assert zone.metric_epsg == 4551
    assert "净月高新区:奋斗为笔 书写高质量发展答卷" in zone.source
    for fact in ("328", "6830", "7214"):
        assert fact in zone.notice_zh and fact in zone.notice_en
    assert "示意" in zone.notice_zh and "illustrative" in zone.notice_en


def test_local_frame_origin_is_where_the_layout_says() -> None:
    lon, lat = xy_to_lonlat(np.array([ORIGIN_X_M]), np.array([ORIGIN_Y_M]))
    assert (lon[0], lat[0]) == pytest.approx((125.50, 43.775), abs=1e-7)


def test_boundary_is_an_irregular_polygon_12_to_15_km_across(bundle: ZoneBundle) -> None:
    boundary = metric(bundle.zone.boundary)
    assert isinstance(boundary, Polygon) and boundary.is_valid
    minx, miny, maxx, maxy = boundary.bounds
    assert 12_000 <= maxx - minx <= 15_000 and 12_000 <= maxy - miny <= 15_000
    assert boundary.area < 0.95 * boundary.envelope.area  # not a rectangle


def test_everything_lies_in_the_real_location(bundle: ZoneBundle) -> None:
    geometries = [bundle.zone.boundary]
    geometries += [a.geometry for a in bundle.functional_areas]
    geometries += [f.geometry for f in bundle.features]
    geometries += [p.geometry for p in bundle.parcels]
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    assert LON_RANGE[0] <= minx and maxx <= LON_RANGE[1]
    assert LAT_RANGE[0] <= miny and maxy <= LAT_RANGE[1]
    points = [(e.lon, e.lat) for e in bundle.enterprises] + [(p.lon, p.lat) for p in bundle.pois]
    lon, lat = np.array(points).T
    assert ((lon > LON_RANGE[0]) & (lon < LON_RANGE[1])).all()
    assert ((lat > LAT_RANGE[0]) & (lat < LAT_RANGE[1])).all()


def test_three_disjoint_functional_areas_inside_the_boundary(bundle: ZoneBundle) -> None:
    areas = area_by_code(bundle)
    assert list(areas) == ["film_core", "digital", "health_valley"]
    assert len({a.color for a in bundle.functional_areas}) == 3
    assert [a.industries for a in bundle.functional_areas] == [
        ["film_tourism"], ["digital_economy"], ["life_health"],
    ]  # fmt: skip
    boundary = metric(bundle.zone.boundary)
    shapes = list(areas.values())
    for i, shape in enumerate(shapes):
        assert shape.difference(boundary).area < TOLERANCE_M2
        for other in shapes[i + 1 :]:
            assert shape.intersection(other).area < TOLERANCE_M2
    # geographic logic: film core north of the health valley, lake east of the film core
    lake = next(f for f in bundle.features if f.name_zh == "净月潭")
    assert areas["film_core"].centroid.y > areas["health_valley"].centroid.y
    assert metric(lake.geometry).centroid.x > areas["film_core"].centroid.x


def test_basemap_layers(bundle: ZoneBundle) -> None:
    by_layer: dict[str, list[Any]] = {}
    for feature in bundle.features:
        by_layer.setdefault(feature.layer, []).append(feature)
        assert feature.synthetic and feature.geometry.is_valid and feature.name_en
    assert set(by_layer) == {"axis", "road", "water", "park"}
    roads = by_layer["road"]
    assert 15 <= len(roads) <= 30
    assert all(isinstance(r.geometry, LineString) for r in roads)
    assert {r.kind for r in roads} == {"trunk", "main", "secondary"}
    road_names = {r.name_zh for r in roads}
    assert {"生态大街", "聚业大街", "净月大街", "福祉大路", "临河街", "东滨河路"} <= road_names
    axes = by_layer["axis"]
    assert sorted(a.name_zh for a in axes) == ["生态大街影视文旅发展轴", "聚业大街数字科创发展轴"]
    assert all(isinstance(a.geometry, LineString) for a in axes)
    water = {w.name_zh: metric(w.geometry) for w in by_layer["water"]}
    assert set(water) == {"净月潭", "新立城水库", "伊通河"}
    assert water["净月潭"].area > 2e6  # a sizeable lake, m²
    boundary = metric(bundle.zone.boundary)
    reservoir = water["新立城水库"]
    assert 0 < reservoir.intersection(boundary).area < reservoir.area  # partly in the zone
    assert "净月潭国家森林公园" in {p.name_zh for p in by_layer["park"]}


# -- parcels -----------------------------------------------------------------------------


def test_exactly_328_parcels_with_unique_codes(bundle: ZoneBundle) -> None:
    codes = [p.code for p in bundle.parcels]
    assert codes == [f"JY-2020-{n:03d}" for n in range(1, 329)]
    assert len({p.name_zh for p in bundle.parcels}) == 328


def test_parcels_round_trip_through_validation(bundle: ZoneBundle) -> None:
    rows = [(p.properties(), p.geometry) for p in bundle.parcels]
    validated = validate_parcels(rows, source="demo")
    assert [p.properties() for p in validated] == [p.properties() for p in bundle.parcels]


def test_parcel_areas_are_metric_and_realistic(bundle: ZoneBundle) -> None:
    for parcel in bundle.parcels:
        assert 8_000 <= parcel.area_m2 <= 150_000
        assert parcel.area_m2 == pytest.approx(metric_area_m2(parcel.geometry), abs=0.5)
        assert parcel.area_m2 == round(parcel.area_m2, 2)


def test_parcels_do_not_overlap(bundle: ZoneBundle) -> None:
    shapes = np.array([metric(p.geometry) for p in bundle.parcels])
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    pairs = left < right
    overlaps = shapely.area(shapely.intersection(shapes[left[pairs]], shapes[right[pairs]]))
    assert (overlaps < TOLERANCE_M2).all()


def test_parcels_keep_clear_of_roads_and_water(bundle: ZoneBundle) -> None:
    corridors = [
        metric(f.geometry).buffer(ROAD_HALF_WIDTH_M[f.kind])
        for f in bundle.features
        if f.layer == "road"
    ]
    water = [metric(f.geometry) for f in bundle.features if f.layer == "water"]
    blocked = shapely.union_all(corridors + water)
    shapes = np.array([metric(p.geometry) for p in bundle.parcels])
    assert not shapely.intersects(shapes, blocked).any()


def test_parcels_lie_inside_the_boundary_and_their_area(bundle: ZoneBundle) -> None:
    boundary = metric(bundle.zone.boundary)
    areas = area_by_code(bundle)
    for parcel in bundle.parcels:
        shape = metric(parcel.geometry)
        assert shape.difference(boundary).area < TOLERANCE_M2, parcel.code
        if parcel.functional_area:
            assert shape.difference(areas[parcel.functional_area]).area < TOLERANCE_M2
        else:
            assert all(shape.intersection(a).area < TOLERANCE_M2 for a in areas.values())
    per_area = Counter(p.functional_area for p in bundle.parcels)
    assert min(per_area[code] for code in areas) >= 80 and 0 < per_area[""] <= 20


AREA_USES = {
    "film_core": {"commercial", "entertainment", "business", "residential"},
    "digital": {"business", "research", "industrial_1", "commercial"},
    "health_valley": {"research", "industrial_1", "industrial_2", "residential"},
}
LEASE = {"residential": 70, "commercial": 40, "business": 40, "entertainment": 40,
         "research": 50, "industrial_1": 50, "industrial_2": 50, "logistics": 50}  # fmt: skip
FAR = {"residential": (1.2, 2.5), "commercial": (2.0, 4.5), "business": (2.0, 5.0),
       "entertainment": (1.0, 2.5), "research": (1.2, 3.0), "industrial_1": (1.0, 2.0),
       "industrial_2": (1.0, 2.0), "logistics": (0.8, 1.5)}  # fmt: skip


def test_parcel_planning_conditions_fit_use_and_area(bundle: ZoneBundle) -> None:
    industry_keys = set(vocab.keys("industry"))
    for p in bundle.parcels:
        assert p.land_use in AREA_USES.get(p.functional_area, set(vocab.keys("land_use")))
        assert p.lease_years == LEASE[p.land_use]
        assert p.far_min is not None and p.far_max is not None
        assert FAR[p.land_use][0] <= p.far_min <= p.far_max <= FAR[p.land_use][1]
        assert set(p.industries) <= industry_keys
        leading = {a.code: a.industries for a in bundle.functional_areas}.get(p.functional_area)
        if leading and p.land_use != "residential":
            assert leading[0] in p.industries
        assert p.synthetic and p.updated is not None and p.updated.year == 2020
        assert "示意" in p.source


def test_parcel_status_mix_and_prices(bundle: ZoneBundle) -> None:
    statuses = Counter(p.status for p in bundle.parcels)
    assert statuses.most_common(1)[0][0] == "available"
    assert set(statuses) == set(vocab.keys("status"))
    assert Counter(p.development_level for p in bundle.parcels).most_common(1)[0][0] == "seven_one"
    priced = [p for p in bundle.parcels if p.start_price_yuan_m2 is not None]
    assert priced and all(p.status == "available" for p in priced)
    for p in priced:
        assert p.start_price_yuan_m2 is not None
        if p.land_use.startswith("industrial") or p.land_use == "logistics":
            assert 300 <= p.start_price_yuan_m2 <= 600
        elif p.land_use in ("commercial", "residential", "business", "entertainment"):
            assert 2000 <= p.start_price_yuan_m2 <= 7500


# -- published figures -------------------------------------------------------------------

PUBLISHED = {
    "fiscal_revenue_total": (60.1, "亿元", 17.5),
    "fiscal_revenue_local": (12.7, "亿元", 26.8),
    "industrial_output_above_scale": (125.3, "亿元", 9.18),
    "new_high_tech_enterprises": (93, "户", None),
    "new_urban_jobs": (4687, "人", None),
    "new_school_places": (7435, "个", None),
    "urban_green_ratio": (42.5, "%", None),
    "projects_signed": (99, "个", None),
    "signed_amount": (1272, "亿元", None),
    "projects_planned_50m": (121, "个", None),
    "projects_started": (170, "个", None),
    "start_rate": (140, "%", None),
    "infrastructure_investment": (25.4, "亿元", None),
    "urban_roads_built": (40, "条", None),
    "rural_roads_km": (46.7, "公里", None),
    "pipelines_km": (92, "公里", None),
    "houses_expropriated": (2455, "户", None),
    "land_expropriated_ha": (1003, "公顷", None),
    "outbound_promotion_trips": (77, "次", None),
    "firms_visited": (220, "家", None),
    "inbound_delegations": (386, "个", None),
    "guidance_fund": (2, "亿元", None),
    "relief_funds": (2000, "万元", None),
    "enterprises_supported": (33, "家", None),
    "new_public_green": (230, "万平方米", None),
    "new_parks": (76, "万平方米", None),
    "enterprises_resumed": (981, "家", None),
    "head_firms_digital_park": (13, "家", None),
    "approval_items": (584, "项", None),
    "provincial_little_giants": (16, "户", None),
    "municipal_little_giants": (16, "户", None),
    "new_school_enrolment": (7039, "名", None),
    "record_land_price_1": (6830, "元/平方米", None),
    "record_land_price_2": (7214, "元/平方米", None),
}


def test_indicators_have_the_published_values(bundle: ZoneBundle) -> None:
    by_key = {i.key: i for i in bundle.indicators}
    assert len(by_key) == len(bundle.indicators)  # keys unique
    for key, (value, unit_zh, yoy) in PUBLISHED.items():
        indicator = by_key[key]
        assert (indicator.value, indicator.unit_zh, indicator.yoy_pct) == (value, unit_zh, yoy)
    for indicator in bundle.indicators:
        assert indicator.year == 2020 and not indicator.synthetic
        assert indicator.source == REPORT
        assert indicator.name_zh and indicator.name_en and indicator.unit_en
        assert len(indicator.unit_zh) <= 32 and len(indicator.unit_en) <= 32  # column widths


def test_timeline_covers_the_highlights_of_2020(bundle: ZoneBundle) -> None:
    dates = [e.date for e in bundle.timeline]
    assert dates == sorted(dates) and len(dates) == 16
    assert dates[0] == dt.date(2020, 1, 4) and dates[-1] == dt.date(2020, 12, 29)
    launch = [e for e in bundle.timeline if e.date == dt.date(2020, 6, 24)]
    assert len(launch) == 1 and "净月投资合作热力图" in launch[0].title_zh
    for event in bundle.timeline:
        assert event.source == REPORT
        assert event.title_zh and event.title_en and event.body_zh and event.body_en


def test_transactions_hold_the_two_record_auctions(bundle: ZoneBundle) -> None:
    transferred = {p.code: p for p in bundle.parcels if p.status == "transferred"}
    records = [t for t in bundle.transactions if not t.synthetic]
    assert sorted(t.price_yuan_m2 for t in records) == [6830.0, 7214.0]
    assert all(t.source == REPORT and "示意" in t.note_zh for t in records)
    synthetic = [t for t in bundle.transactions if t.synthetic]
    assert 20 <= len(synthetic) <= 30
    assert all(t.price_yuan_m2 < 6830 for t in synthetic)  # the records stay records
    for t in bundle.transactions:
        parcel = transferred[t.parcel_code]
        assert t.date.year == 2020 and t.land_use == parcel.land_use
        assert t.area_m2 == parcel.area_m2


# -- enterprises and POIs ----------------------------------------------------------------


def test_no_enterprise_or_poi_in_water(bundle: ZoneBundle) -> None:
    water = shapely.union_all([f.geometry for f in bundle.features if f.layer == "water"])
    for points in (bundle.enterprises, bundle.pois):
        lon = np.array([p.lon for p in points])
        lat = np.array([p.lat for p in points])
        assert not shapely.intersects_xy(water, lon, lat).any()


def test_enterprises(bundle: ZoneBundle) -> None:
    firms = bundle.enterprises
    assert 2_000 <= len(firms) <= 3_000
    assert {f.industry for f in firms} == set(vocab.keys("industry"))
    assert len({f.name_zh for f in firms}) == len(firms)
    assert all(f.employees >= 1 and f.output_wan > 0 and f.synthetic for f in firms)
    employees = np.array([f.employees for f in firms])
    assert employees.mean() > np.median(employees)  # skewed, as firm sizes are
    areas = {a.code: a.geometry for a in bundle.functional_areas}
    home = {"film_tourism": "film_core", "digital_economy": "digital",
            "life_health": "health_valley"}  # fmt: skip
    for industry, code in home.items():
        group = [f for f in firms if f.industry == industry and not f.head_firm]
        inside = shapely.contains_xy(areas[code], [f.lon for f in group], [f.lat for f in group])
        assert inside.mean() > 0.5, industry  # clustered in their functional area


def test_head_firms_of_the_digital_economy_park(bundle: ZoneBundle) -> None:
    heads = [f for f in bundle.enterprises if f.head_firm]
    assert len(heads) == 13
    assert {"盘石", "紫光", "易启科技", "京东云", "达闼科技"} <= {f.name_zh for f in heads}
    assert all(f.park == "数字经济产业园" and f.industry == "digital_economy" for f in heads)
    unnamed = [f for f in heads if "示意" in f.name_zh]
    assert len(unnamed) == 8


def test_pois(bundle: ZoneBundle) -> None:
    categories = {"school", "hospital", "exhibition", "scenic", "studio", "park", "transit",
                  "government", "commercial"}  # fmt: skip
    assert {p.category for p in bundle.pois} == categories
    names = {p.name_zh for p in bundle.pois}
    assert {"华蕴学校", "净月第一实验学校", "玉潭小学", "净月潭实验校", "明泽学校",
            "新城大街学校", "慧泽学校", "长春市急救中心", "长春市疾控中心",
            "净月潭国家森林公园", "长春野生动物园"} <= names  # fmt: skip
    assert all(p.name_en and p.synthetic for p in bundle.pois)
    film_core = next(a.geometry for a in bundle.functional_areas if a.code == "film_core")
    studios = [p for p in bundle.pois if p.category == "studio"]
    assert len(studios) == 20
    assert shapely.contains_xy(film_core, [s.lon for s in studios], [s.lat for s in studios]).all()
    parcels = shapely.union_all([p.geometry for p in bundle.parcels])
    lon, lat = np.array([(p.lon, p.lat) for p in bundle.pois]).T
    assert not shapely.intersects_xy(parcels, lon, lat).any()  # landmarks are not for sale
