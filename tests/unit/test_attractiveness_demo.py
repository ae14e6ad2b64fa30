"""The attractiveness index on the demo zone, read through an in-memory fake of the store."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import shapely
import shapely.affinity

from zoneatlas.attractiveness.factors import nearest_distance, raw_at
from zoneatlas.attractiveness.inputs import project
from zoneatlas.attractiveness.model import default_model, parse_model
from zoneatlas.attractiveness.price import majority_grades
from zoneatlas.attractiveness.report import model_document, parcel_document, ranking_document
from zoneatlas.attractiveness.service import (
    AttractivenessService,
    BundleReader,
    parse_industry,
    rank_order,
)
from zoneatlas.demo import build_demo_bundle
from zoneatlas.errors import InvalidParameter, ParcelNotFound, ZoneNotFound
from zoneatlas.landprice.demo import demo_table_set
from zoneatlas.landprice.grades import grade_for_geometry
from zoneatlas.records import ZoneBundle

pytestmark = pytest.mark.unit
DEMO = "jingyue-2020"
DIGITAL = "digital_economy"


class CountingReader(BundleReader):
    """The fake store, with a data revision the test can bump and a count of loads."""

    def __init__(self, bundle: ZoneBundle) -> None:
        super().__init__(bundle)
        self.current = 1
        self.loads = 0

    def revision(self, zone: str) -> int:
        return self.current

    def get_zone(self, slug: str) -> Any:
        self.loads += 1
        return super().get_zone(slug)


@pytest.fixture(scope="module")
def bundle() -> ZoneBundle:
    return build_demo_bundle()


@pytest.fixture(scope="module")
def service(bundle: ZoneBundle) -> AttractivenessService:
    return AttractivenessService(BundleReader(bundle), lambda _zone: demo_table_set())


def test_agglomeration_is_higher_for_a_digital_parcel_inside_the_digital_area(
    service: AttractivenessService, bundle: ZoneBundle
) -> None:
    parcels = service.reader.parcels(DEMO)
    result = service.score_parcels(DEMO, parcels, DIGITAL)
    values = result.scores.values["agglomeration"]
    area = np.array([p.functional_area for p in parcels])
    digital = (area == "digital") & np.array([DIGITAL in p.industries for p in parcels])
    inputs = service.inputs(DEMO)
    digital_area = next(a for a in bundle.functional_areas if a.code == "digital")
    outline = project([digital_area.geometry], inputs.epsg)[0]
    centres = shapely.centroid(project([p.geometry for p in parcels], inputs.epsg))
    far = shapely.distance(centres, outline) > 3000
    assert digital.sum() > 20 and far.sum() > 20
    # firms cluster in two hot spots of the area (the 99th percentile scores 1)
    assert values[digital].max() == 1.0 and np.percentile(values[digital], 75) > 0.3
    assert np.median(values[digital]) > 0.05 > 0.01 > values[far].max()
    # the same parcel moved 5 km east, out of the digital area, loses its agglomeration
    best = parcels[int(np.argmax(np.where(digital, values, -1)))]
    moved = type(best)(
        **{**vars(best), "geometry": shapely.affinity.translate(best.geometry, 0.07)}
    )
    pair = service.score_parcels(DEMO, [best, moved], DIGITAL).scores.values["agglomeration"]
    assert pair[0] > 0.8 and pair[1] < 0.05


def test_demo_accessibility_never_falls_closer_to_both_road_and_station(
    service: AttractivenessService,
) -> None:
    inputs = service.inputs(DEMO)
    factor = default_model().factor("accessibility")
    rng = np.random.default_rng(7)
    west, south, east, north = shapely.bounds(inputs.boundary).tolist()
    x, y = rng.uniform(west, east, 3000), rng.uniform(south, north, 3000)
    road = nearest_distance(x, y, inputs.features.select(["road"], ["trunk", "main"]))
    stops = np.asarray(shapely.points(*inputs.places.select(["transit"])))
    transit = nearest_distance(x, y, stops)
    value = raw_at(factor, inputs, None, x, y)
    i, j = rng.integers(0, x.size, (2, 300_000))
    dominates = (road[i] <= road[j]) & (transit[i] <= transit[j])
    assert np.all(value[i][dominates] >= value[j][dominates])
    # with the road part switched off, moving straight at the nearest station never
    # lowers the factor itself
    document = default_model().model_dump(mode="json")
    document["factors"][0]["params"]["transit_share"] = 1.0
    transit_factor = parse_model(document).factor("accessibility")
    sx, sy = inputs.places.select(["transit"])
    k = np.argmin(np.hypot(x[:, None] - sx, y[:, None] - sy), axis=1)
    before = raw_at(transit_factor, inputs, None, x, y)
    for t in (0.05, 0.3, 0.6, 1.0):
        nx, ny = x + t * (sx[k] - x), y + t * (sy[k] - y)
        assert np.all(raw_at(transit_factor, inputs, None, nx, ny) >= before)


def test_majority_grades_agree_with_the_land_price_engine(bundle: ZoneBundle) -> None:
    grades_lonlat = {g.grade: g.geometry for g in bundle.land_grades}
    expected = [grade_for_geometry(grades_lonlat, p.geometry) or "" for p in bundle.parcels]
    epsg = bundle.zone.metric_epsg
    metric = dict(zip(grades_lonlat, project(list(grades_lonlat.values()), epsg), strict=True))
    found = majority_grades(metric, project([p.geometry for p in bundle.parcels], epsg))
    assert found.tolist() == expected


def test_top_and_bottom_parcels_for_the_digital_economy(service: AttractivenessService) -> None:
    result = service.ranking(DEMO, DIGITAL)
    order = rank_order(result)
    top = [result.parcels[i].functional_area for i in order[:5]]
    bottom = [result.parcels[i].functional_area for i in order[-5:]]
    assert top == ["digital"] * 5 and bottom == ["health_valley"] * 5
    scores = result.scores.score[order]
    assert np.all(np.diff(scores) <= 0)
    assert rank_order(result, order="asc")[:5] == order[::-1][:5]
    by_value = rank_order(result, "value_index")
    assert np.all(np.diff(result.scores.value_index[by_value]) <= 0)
    with pytest.raises(InvalidParameter, match="sort"):
        rank_order(result, "price")


def test_documents_add_up(service: AttractivenessService) -> None:
    code = service.reader.parcels(DEMO)[0].code
    document = parcel_document(service.parcel(DEMO, code, DIGITAL))
    assert document["score"] == round(sum(f["contribution"] for f in document["factors"]), 2)
    assert sum(f["weight"] for f in document["factors"]) == pytest.approx(1.0)
    assert document["industry"]["name_zh"] == "数字经济"
    land = document["land_price"]
    assert land["use"] == "research" and land["table_use"] == "industrial"
    assert document["value_index"] == pytest.approx(
        document["score"] / land["relative_price"], abs=0.02
    )
    ranking = ranking_document(service.ranking(DEMO, DIGITAL), [0, 1, 2])
    for entry in ranking["parcels"]:
        assert entry["score"] == round(sum(f["contribution"] for f in entry["factors"]), 2)
    method = model_document(default_model(), DIGITAL)
    assert [f["weight"] for f in method["factors"]] == [0.25, 0.35, 0.25, 0.15]
    assert all(f["description_zh"] and f["description_en"] for f in method["factors"])


def test_parcel_without_industry_uses_its_first_planned_industry(
    service: AttractivenessService,
) -> None:
    parcel = next(p for p in service.reader.parcels(DEMO) if p.industries)
    result = service.parcel(DEMO, parcel.code, None)
    assert result.grids.industry == parcel.industries[0]
    with pytest.raises(ParcelNotFound):
        service.parcel(DEMO, "NOPE", DIGITAL)
    with pytest.raises(ZoneNotFound):
        service.parcel("elsewhere", parcel.code, DIGITAL)
    assert parse_industry("数字经济") == parse_industry("Digital economy") == DIGITAL
    with pytest.raises(InvalidParameter, match="industry"):
        parse_industry("mining")


def test_grids_are_cached_per_revision_industry_and_model(bundle: ZoneBundle) -> None:
    reader = CountingReader(bundle)
    service = AttractivenessService(reader, lambda _zone: demo_table_set())
    first = service.grids(DEMO, DIGITAL)
    assert service.grids(DEMO, DIGITAL) is first and reader.loads == 1
    assert service.grids(DEMO, "film_tourism") is not first and reader.loads == 1
    other = default_model().with_weights(
        {"accessibility": 0.4, "agglomeration": 0.3, "public_services": 0.2, "environment": 0.1},
        DIGITAL,
    )
    assert service.grids(DEMO, DIGITAL, other) is not first
    reader.current += 1  # a write to the zone
    assert service.grids(DEMO, DIGITAL) is not first and reader.loads == 2
