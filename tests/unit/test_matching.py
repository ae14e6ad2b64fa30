"""Site matching on hand-made parcels with a fake land cost: hard constraints and their
exclusion reasons, near misses, ranking by the soft score, intensity checks, reasons in
both languages, and request validation (adversarial inputs included)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError
from shapely.geometry import box

from zoneatlas.landprice.demo import demo_table_set
from zoneatlas.matching import LandCost, LandCostInputs, MatchRequest, ParcelArrays, match_parcels
from zoneatlas.matching.arrays import IntArray
from zoneatlas.matching.constraints import AREA_SMALL, INDUSTRY, LAND_USE, STATUS, hard_failures
from zoneatlas.matching.landcost import BENCHMARK, NONE, START_PRICE
from zoneatlas.matching.match import top_rows
from zoneatlas.matching.reasons import Explainer, unmet_indicators
from zoneatlas.messages import Bi
from zoneatlas.parcels.model import Parcel
from zoneatlas.records import FunctionalArea, IntensityRule
from zoneatlas.units import mu_to_m2

pytestmark = pytest.mark.unit
SQUARE = box(0, 0, 1, 1)
AREAS = [
    FunctionalArea(
        "digital", "数字产业功能区", "Digital Industry Area", SQUARE, ["digital_economy"]
    ),
    FunctionalArea("film", "国际影都核心区", "Film Core", SQUARE, ["film_tourism"]),
]
NAMES = {a.code: Bi(a.name_zh, a.name_en) for a in AREAS}


def parcel(code: str, area_m2: float, **kw: Any) -> Parcel:
    fields: dict[str, Any] = {
        "name_zh": code,
        "land_use": "industrial_1",
        "status": "available",
        "geometry": SQUARE,
        "functional_area": "digital",
        "industries": ["digital_economy"],
        "far_min": 1.0,
        "far_max": 2.0,
    }
    fields.update(kw)
    return Parcel(code=code, area_m2=area_m2, **fields)


#: code, area m², cost 万元, other fields
ZONE = [
    ("A-fits", 30_000, 1000, {}),
    ("B-pricey", 30_000, 1500, {}),
    ("C-small", 17_000, 500, {}),
    (
        "D-film",
        30_000,
        1000,
        {"functional_area": "film", "industries": ["digital_economy", "film_tourism"]},
    ),
    ("E-signed", 30_000, 900, {"status": "signed"}),
    ("F-talks", 30_000, 900, {"status": "negotiating"}),
    ("G-housing", 30_000, 900, {"land_use": "residential", "industries": []}),
    ("H-tiny", 5_000, 100, {}),
    ("I-other-industry", 30_000, 900, {"industries": ["life_health"]}),
    ("J-reserved", 30_000, 1000, {"status": "reserved"}),
]
RULES = [
    IntensityRule("A-fits", investment_wan_per_mu=300, tax_wan_per_mu=20, energy_tce_per_wan=0.3)
]


@pytest.fixture(scope="module")
def arrays() -> ParcelArrays:
    parcels = [parcel(code, area, **kw) for code, area, _, kw in ZONE]
    return ParcelArrays.from_records(parcels, AREAS, RULES)


COSTS = np.asarray([cost for _, _, cost, _ in ZONE], dtype=float)


def fake_cost(index: IntArray) -> LandCost:
    return LandCost(COSTS[index], COSTS[index] * 1e4 / 30_000, np.full(len(index), BENCHMARK))


def request(**kw: Any) -> MatchRequest:
    base: dict[str, Any] = {
        "industry": "digital_economy",
        "area_min_m2": 20_000,
        "area_max_m2": 40_000,
    }
    base.update(kw)
    return MatchRequest(**base)


def codes(arrays: ParcelArrays, index: np.ndarray) -> list[str]:
    return [arrays.codes[i] for i in index.tolist()]


def test_hard_constraints(arrays: ParcelArrays) -> None:
    failed = dict(
        zip(
            arrays.codes,
            hard_failures(arrays, request(land_use="industrial_1")).tolist(),
            strict=True,
        )
    )
    assert failed["A-fits"] == 0
    assert failed["E-signed"] == STATUS
    assert failed["G-housing"] == LAND_USE | INDUSTRY
    assert failed["H-tiny"] == AREA_SMALL
    assert failed["I-other-industry"] == INDUSTRY
    assert failed["C-small"] == 0  # 17,000 m² is below 20,000 but above half of it


def test_ranking_and_near_misses(arrays: ParcelArrays) -> None:
    result = match_parcels(arrays, request(budget_wan=1200, functional_area="digital"), fake_cost)
    ranked = codes(arrays, result.ranked.index)
    assert ranked[0] == "A-fits"
    assert set(ranked) == {"A-fits", "B-pricey", "C-small", "D-film", "J-reserved"}
    scores = result.ranked.scores.score
    assert list(scores) == sorted(scores, reverse=True)
    assert ranked.index("B-pricey") > ranked.index("A-fits")  # over budget
    assert ranked.index("D-film") > ranked.index("A-fits")  # outside the preferred area
    near = codes(arrays, result.near.index)
    assert set(near) == {"F-talks", "G-housing", "H-tiny", "I-other-industry"}  # never signed
    assert result.candidates == 5 and result.searched == len(ZONE)


def test_ties_go_to_the_cheaper_parcel() -> None:
    rows = top_rows(np.array([90.0, 90.0, 95.0]), np.array([500.0, 400.0, 900.0]), np.arange(3), 3)
    assert rows.tolist() == [2, 1, 0]
    rows = top_rows(np.array([90.0, 90.0]), np.array([np.nan, 400.0]), np.arange(2), 1)
    assert rows.tolist() == [1]


def test_without_budget_only_the_shown_parcels_are_valued(arrays: ParcelArrays) -> None:
    valued: list[int] = []

    def counting(index: IntArray) -> LandCost:
        valued.extend(index.tolist())
        return fake_cost(index)

    result = match_parcels(arrays, request(limit=2, near_misses=1), counting)
    assert len(valued) == 3
    assert np.isfinite(result.ranked.cost.total_wan).all()


def test_reasons_for_and_against(arrays: ParcelArrays) -> None:
    wanted = request(
        budget_wan=1200,
        functional_area="digital",
        investment_wan=20_000,
        annual_tax_wan=100,
        far_min=2.5,
    )
    explainer = Explainer(arrays, wanted, NAMES)
    pro, con = explainer.reasons(arrays.codes.index("A-fits"), 1000.0)
    keys = [r["key"] for r in pro]
    assert "match.industry_fits_area" in keys and "match.cost_within_budget" in keys
    assert any(r["zh"] == "行业符合数字产业功能区的主导产业" for r in pro)
    assert any(r["en"] == "industry fits the Digital Industry Area" for r in pro)
    area = next(r for r in pro if r["key"] == "match.area_within")
    assert area["zh"] == "面积3.0公顷(45.0亩)在所需范围2.0–4.0公顷内"
    against = {r["key"]: r for r in con}
    assert against["match.far_too_low"]["en"] == "maximum plot ratio 2.0 is below the 2.5 needed"
    # 100 万元 tax on 45 亩 is 2.2 万元/亩, short of 20; investment 444 万元/亩 meets 300
    assert against["match.intensity_missed"]["zh"] == "亩均税收2.22万元/亩未达到控制指标20万元/亩"
    assert "match.intensity_unchecked" in against  # energy cap given, no energy plan
    assert unmet_indicators(arrays, wanted, arrays.codes.index("A-fits")) == ["tax_wan_per_mu"]
    _, con = explainer.reasons(arrays.codes.index("B-pricey"), 1500.0)
    over = next(r for r in con if r["key"] == "match.cost_over_budget")
    assert over["en"] == "estimated land cost 1,500万元 is 25 % over budget"
    assert over["zh"] == "估算地价1,500万元超出预算25%"


def test_exclusion_reasons(arrays: ParcelArrays) -> None:
    wanted = request(land_use="industrial_1")
    explainer = Explainer(arrays, wanted, NAMES)
    failed = hard_failures(arrays, wanted)
    reasons = {
        code: explainer.exclusion(i, int(failed[i]))
        for i, code in enumerate(arrays.codes)
        if failed[i]
    }
    assert reasons["E-signed"]["zh"] == "地块状态为已签约,不可出让"
    assert reasons["E-signed"]["en"] == "the parcel is signed, not on offer"
    assert reasons["G-housing"]["key"] == "exclude.land_use"  # the first of its two failures
    assert "城镇住宅用地" in reasons["G-housing"]["zh"]
    assert reasons["H-tiny"]["en"] == "area 0.5 ha is far below the minimum of 2.0 ha"
    assert reasons["I-other-industry"]["zh"] == "地块规划不允许数字经济产业"


def test_intensity_lowers_the_score(arrays: ParcelArrays) -> None:
    rich = match_parcels(arrays, request(investment_wan=20_000, annual_tax_wan=2_000), fake_cost)
    poor = match_parcels(arrays, request(investment_wan=20_000, annual_tax_wan=10), fake_cost)

    def score(result: Any, code: str) -> float:
        rows = codes(arrays, result.ranked.index)
        return float(result.ranked.scores.score[rows.index(code)])

    assert score(rich, "A-fits") > score(poor, "A-fits")
    assert score(rich, "B-pricey") == score(poor, "B-pricey")  # no indicators there


def test_area_in_mu_equals_area_in_m2(arrays: ParcelArrays) -> None:
    in_m2 = match_parcels(arrays, request(), fake_cost)
    in_mu = match_parcels(
        arrays,
        MatchRequest(industry="digital_economy", area_min_mu=30, area_max_mu=60),
        fake_cost,
    )
    assert mu_to_m2(30) == pytest.approx(20_000)
    assert codes(arrays, in_m2.ranked.index) == codes(arrays, in_mu.ranked.index)


def test_empty_zone() -> None:
    empty = ParcelArrays.from_records([], AREAS, [])
    result = match_parcels(empty, request(budget_wan=100), fake_cost)
    assert result.candidates == 0 and len(result.ranked.index) == 0


def test_land_cost_falls_back_to_the_starting_price() -> None:
    from zoneatlas.landprice.batch import Coded

    inputs = LandCostInputs(
        tables=demo_table_set(),
        use=Coded.from_values(["industrial_1", "industrial_1", "commercial"]),
        grade=Coded.from_values(["II", "", ""]),
        area_m2=np.array([10_000.0, 10_000.0, 10_000.0]),
        far=np.array([1.5, 1.5, np.nan]),
        term_years=np.array([50.0, np.nan, np.nan]),
        development=Coded.from_values(["", "", ""]),
        start_price_yuan_m2=np.array([np.nan, 600.0, np.nan]),
    )
    cost = inputs.estimate(np.arange(3), dt.date(2020, 12, 31))
    assert cost.method.tolist() == [BENCHMARK, START_PRICE, NONE]
    assert cost.total_wan[1] == pytest.approx(600.0)
    assert np.isnan(cost.total_wan[2])


# -- request validation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"area_min_m2": 100, "area_min_mu": 1}, "area_min_mu"),
        ({"area_max_m2": 100, "area_max_mu": 1}, "area_max_mu"),
        ({"area_min_m2": 500, "area_max_m2": 100}, "area_max_m2"),
        ({"area_min_mu": 50, "area_max_mu": 10}, "area_max_mu"),
        ({"area_min_m2": 50_000, "area_max_mu": 10}, "area_max_mu"),
        ({"area_max_m2": 5_000, "area_min_mu": 10}, "area_min_mu"),
        ({"far_min": 3, "far_max": 1}, "far_max"),
        ({"far_min": 0}, "far_min"),
        ({"far_max": 99}, "far_max"),
        ({"budget_wan": -5}, "budget_wan"),
        ({"budget_wan": "a lot"}, "budget_wan"),
        ({"budget_wan": float("inf")}, "budget_wan"),
        ({"budget_wan": 1e20}, "budget_wan"),
        ({"industry": "steel"}, "industry"),
        ({"industry": "__import__('os')"}, "industry"),
        ({"land_use": "moon base"}, "land_use"),
        ({"enterprise_type": "pirate"}, "enterprise_type"),
        ({"limit": 0}, "limit"),
        ({"limit": 10_000}, "limit"),
        ({"functional_area": "x" * 65}, "functional_area"),
        ({"functional_area": "<script>alert(1)</script>"}, "functional_area"),
        ({"headcount": -1}, "headcount"),
        ({"date": "yesterday"}, "date"),
        ({"drop_table": "parcels"}, "drop_table"),
    ],
)
def test_bad_requests_name_the_field(body: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        MatchRequest(**body)
    assert caught.value.errors()[0]["loc"][0] == field


def test_names_and_units_are_accepted() -> None:
    wanted = MatchRequest(
        industry="数字经济", land_use="一类工业用地", area_min_mu=30, area_max_mu=60
    )
    assert (wanted.industry, wanted.land_use) == ("digital_economy", "industrial_1")
    assert wanted.area_range_m2 == pytest.approx((20_000, 40_000))
    assert wanted.project().industry == "digital_economy"
