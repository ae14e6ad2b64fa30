"""The per-parcel engine against values worked out by hand, with the arithmetic written out.

The tables are ``hand_document()`` (tests/unit/test_landprice_tables.py, the same as
docs/landprice-example.yaml) unless a test builds its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from shapely.geometry import Point

from tests.unit.test_landprice_tables import hand_document, hand_tables, levels
from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.distance import distance_inputs
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.grades import to_lonlat
from zoneatlas.landprice.load import parse_table_set
from zoneatlas.landprice.model import Valuation, ValuationRequest
from zoneatlas.landprice.tables import TableSet

pytestmark = pytest.mark.unit


def value(tables: TableSet | None = None, **request: Any) -> Valuation:
    return value_parcel(tables or hand_tables(), ValuationRequest(**request))


def exam_tables(price_decimals: int) -> TableSet:
    """Tables whose factors give exactly ΣK = −13 %, K_t = 1.06, K_y = 0.97, K_v = 1.51."""
    return parse_table_set(
        {
            "name": "exam example",
            "version": "1",
            "source": {
                "document_number": "exam",
                "issuing_body": "土地估价师 exam example",
                "title": "benchmark 500 元/m²",
                "base_date": "2019-01-01",
                "synthetic": True,
            },
            "date_correction": {
                "index": [
                    {"date": "2019-01-01", "index": 100},
                    {"date": "2020-01-01", "index": 106},
                ]
            },
            "uses": {
                "residential": {
                    "grades": {"III": 500},
                    "base_far": 1.0,
                    "base_development": [],
                    "reduction_rate": 0.045,
                    "factors": [
                        {
                            "key": "traffic",
                            "name_zh": "交通条件",
                            "name_en": "Traffic",
                            "levels": levels(8, 4, 0, -4, -8),
                        },
                        {
                            "key": "environment",
                            "name_zh": "环境",
                            "name_en": "Environment",
                            "levels": levels(12, 6, 0, -3, -6),
                        },
                        {
                            "key": "services",
                            "name_zh": "公用设施",
                            "name_en": "Services",
                            "levels": levels(6, 3, 0, -3, -6),
                        },
                    ],
                    "far_table": [
                        {"far": 1.0, "coefficient": 1.0},
                        {"far": 2.0, "coefficient": 1.51},
                        {"far": 3.0, "coefficient": 1.9},
                    ],
                    "options": {"price_decimals": price_decimals},
                }
            },
        }
    )


@pytest.mark.parametrize(("price_decimals", "expected"), [(2, 675.37), (0, 675.0)])
def test_published_exam_example(price_decimals: int, expected: float) -> None:
    # ΣK = −4 (traffic 较劣) − 6 (environment 劣) − 3 (services 较劣) = −13 %  → 1 + ΣK = 0.87
    # K_t = I(2020-01-01) / I(2019-01-01) = 106 / 100 = 1.06
    # K_y = [1 − 1/1.045^59] / [1 − 1/1.045^70] = 0.925503 / 0.954095 = 0.970032 → 0.9700
    # K_v = K(2.0) / K(1.0) = 1.51 / 1.00 = 1.51
    # P = 500 × 0.87 × 1.06 × 0.97 × 1.51 = 435 × 1.06 = 461.1; × 0.97 = 447.267;
    #     × 1.51 = 675.37317 → 675.37 元/m² (2 decimals), reported as 675 元/m²
    valuation = value(
        exam_tables(price_decimals),
        use="residential",
        grade="III",
        area_m2=1000,
        far=2.0,
        term_years=59,
        valuation_date=dt.date(2020, 1, 1),
        levels={"traffic": "较劣", "environment": "劣", "services": "较劣"},
    )
    assert valuation.factor_percent_sum == -13.0
    assert (valuation.k_factors, valuation.k_date, valuation.k_term, valuation.k_far) == (
        0.87,
        1.06,
        0.97,
        1.51,
    )
    assert valuation.unit_price_yuan_m2 == expected
    assert pytest.approx(675.37317) == 500 * 0.87 * 1.06 * 0.97 * 1.51


def test_residential_every_factor_kind_with_distance_from_geometry() -> None:
    tables = hand_tables()
    # The parcel is a point 450 m east of a metro station, drawn in metres (EPSG:4551).
    station = to_lonlat(Point(500_000.0, 4_850_000.0), 4551)
    parcel = to_lonlat(Point(500_450.0, 4_850_000.0), 4551)
    derived = distance_inputs(tables, "residential", parcel, {"metro_station": [station]}, 4551)
    assert derived["metro"] == pytest.approx(450.0, abs=0.01)
    valuation = value(
        tables,
        use="residential",
        grade="II",
        area_m2=10_000,
        far=2.5,
        valuation_date=dt.date(2020, 10, 1),
        derived=derived,
        levels={"schools": "优", "shape": "较劣"},
        development=["basic"],
    )
    # metro 450 m: 300 < 450 ≤ 600 → 较优 +2 %; schools 优 +3 %  → 1 + ΣK = 1.05
    # K_t: 2020-10-01 is 92 of the 184 days from 2020-07-01 (104) to 2021-01-01 (110):
    #      I = 104 + 6 × 92/184 = 107 → K_t = 107 / 100 = 1.07
    # K_y: term 70 = base term 70 → 1
    # K_v: K(2.5) = 1.0 + (1.15 − 1.0) × 0.5 = 1.075; K(2.0) = 1.0 → 1.075
    # ΠK_j: shape 较劣 0.97
    # D: basic (30+20+20+10 = 80) − full (80+15+25 = 120) = −40 元/m²
    # P = 2000 × 1.05 × 1.07 × 1 × 1.075 × 0.97 − 40
    #   = 2100 × 1.07 = 2247; × 1.075 = 2415.525; × 0.97 = 2343.05925; − 40 = 2303.05925
    #   → 2303.1 元/m²
    assert valuation.unit_price_yuan_m2 == 2303.1
    assert (valuation.k_factors, valuation.k_date, valuation.k_far) == (1.05, 1.07, 1.075)
    assert (valuation.k_multiplicative, valuation.development_yuan_m2) == (0.97, -40.0)
    entries = {e.key: e for e in valuation.breakdown}
    assert entries["metro"].input_source == "geometry"
    assert entries["metro"].level == "较优 (good)"
    assert entries["metro"].table == "uses.residential.factors[0].levels"
    assert entries["shape"].coefficient == 0.97
    # totals: 2303.1 × 10 000 m² = 23 031 000 元 = 2303.10 万元;
    # 万元/亩 = 2303.1 × 666.67 / 10 000 = 153.54; floor price = 2303.1 / 2.5 = 921.24 → 921.2
    assert valuation.total_yuan == 23_031_000
    assert valuation.total_wan == 2303.1
    assert valuation.wan_per_mu == 153.54
    assert valuation.floor_price_yuan_m2 == 921.2
    assert valuation.warnings == []


def test_commercial_growth_rate_clamped_far_grade_tables_and_d_before_term() -> None:
    valuation = value(
        use="commercial",
        grade="I",
        area_m2=5000,
        far=5.0,
        term_years=30,
        valuation_date=dt.date(2020, 3, 16),
        inputs={"frontage": 35},
        levels={"footfall": "优", "corner": "superior"},
        development=["basic"],
    )
    # frontage 35 m, higher is better: 30 ≤ 35 < 50 → 较优 +2.5 %; footfall 优, grade I
    # table: +6 %  → 1 + ΣK = 1.085
    # K_t: 2020-01-01 → 2020-03-16 = 2 whole months + 15 days / 30 = 2.5 months;
    #      1.005^2.5 = 1.012547 → 1.013 (this use rounds factors to 3 decimals)
    # K_y: [1 − 1/1.08^30] / [1 − 1/1.08^40] = 0.900623 / 0.953969 = 0.944080 → 0.944
    # K_v: FAR 5 is above grade I's table (1 to 4): clamped K(4) = 1.4; K(2) = 1 → 1.4
    # ΠK_j: corner 优 1.04; D = 80 − 120 = −40
    # before_term: P = (5000 × 1.085 × 1.013 × 1.4 × 1.04 − 40) × 0.944
    #   = (5425 × 1.013 = 5495.525; × 1.4 = 7693.735; × 1.04 = 8001.4844; − 40 = 7961.4844)
    #     × 0.944 = 7515.64 → 7516 元/m² (0 decimals)
    assert (valuation.k_factors, valuation.k_date, valuation.k_term) == (1.085, 1.013, 0.944)
    assert (valuation.k_far, valuation.k_multiplicative) == (1.4, 1.04)
    assert valuation.unit_price_yuan_m2 == 7516.0
    assert valuation.warnings == ["FAR 5 is outside the FAR table (1 to 4); K(FAR) clamped to K(4)"]
    assert valuation.formula.startswith("P = (P_b × (1+ΣK_i) × K_t × K_v × ΠK_j + D) × K_y")


def test_commercial_d_at_end() -> None:
    document = hand_document()
    document["uses"]["commercial"]["options"]["development_position"] = "end"
    valuation = value(
        parse_table_set(document),
        use="business",  # priced by the commercial table (use_mapping), statutory term 40
        grade="I",
        area_m2=5000,
        far=5.0,
        term_years=30,
        valuation_date=dt.date(2020, 3, 16),
        inputs={"frontage": 35},
        levels={"footfall": "优", "corner": "优"},
        development=["basic"],
    )
    # end: P = 5000 × 1.085 × 1.013 × 0.944 × 1.4 × 1.04 − 40 = 8001.4844 × 0.944 − 40
    #        = 7553.4013 − 40 = 7513.4013 → 7513 元/m²
    assert valuation.table_use == "commercial"
    assert valuation.unit_price_yuan_m2 == 7513.0


def test_industrial_without_and_with_k_v_and_the_national_minimum() -> None:
    request = {
        "use": "industrial_1",
        "grade": "II",
        "area_m2": 30_000,
        "far": 1.5,
        "valuation_date": dt.date(2020, 7, 1),
        "inputs": {"road": 250},
        "levels": {"cluster": "劣", "terrain": "较劣"},
    }
    without = value(**request)
    # road 250 m: 100 < 250 ≤ 300 → 较优 +1.5 %; cluster 劣 −4 %  → 1 + ΣK = 0.975
    # K_t = 104 / 100 = 1.04; K_y = 1 (50 = 50); K_v not applied to industrial land
    # ΠK_j = terrain 较劣 0.98; D = 0 (no development given: the benchmark's)
    # P = 600 × 0.975 × 1.04 × 0.98 = 585 × 1.04 = 608.4; × 0.98 = 596.232 → 596.2
    assert without.unit_price_yuan_m2 == 596.2
    assert without.k_far == 1.0
    assert not {e.key: e for e in without.breakdown}["far"].applied
    # national minimum, grade 3: 600 元/m²; priority projects 70 %: 420 元/m²
    assert without.minimum is not None
    assert without.minimum.minimum_yuan_m2 == 600.0
    assert without.minimum.priority_minimum_yuan_m2 == 420.0
    assert without.minimum.below_minimum and not without.minimum.below_priority_minimum
    assert "below the national industrial minimum 600" in without.warnings[0]

    document = hand_document()
    document["uses"]["industrial"]["options"] = {"corrections": {"far": True}}
    with_kv = value(parse_table_set(document), **request)
    # K_v = K(1.5) / K(1.0) = (1.0 + 0.1 × 0.5) / 1.0 = 1.05
    # P = 596.232 × 1.05 = 626.0436 → 626.0, above the minimum
    assert with_kv.k_far == 1.05
    assert with_kv.unit_price_yuan_m2 == 626.0
    assert with_kv.minimum is not None and not with_kv.minimum.below_minimum


def test_rounding_options() -> None:
    request = {"use": "residential", "grade": "I", "area_m2": 1000, "far": 2.0, "term_years": 50}
    rounded = value(**request)
    # K_y = [1 − 1/1.06^50] / [1 − 1/1.06^70] = 0.945712 / 0.983073 = 0.9619957 → 0.9620
    # P = 3000 × 0.9620 = 2886.0
    assert rounded.k_term == 0.962
    assert rounded.unit_price_yuan_m2 == 2886.0
    document = hand_document()
    document["uses"]["residential"]["options"] = {"factor_decimals": None, "price_decimals": 2}
    exact = value(parse_table_set(document), **request)
    # unrounded: P = 3000 × 0.9619957 = 2885.9871 → 2885.99
    assert exact.k_term == pytest.approx(0.9619957, abs=1e-7)
    assert exact.unit_price_yuan_m2 == 2885.99


def test_corrections_can_be_switched_off() -> None:
    document = hand_document()
    document["uses"]["residential"]["options"] = {
        "corrections": {
            "factors": False,
            "multiplicative": False,
            "date": False,
            "term": False,
            "far": False,
            "development": False,
        }
    }
    valuation = value(
        parse_table_set(document),
        use="residential",
        grade="II",
        area_m2=1000,
        far=3.0,
        term_years=40,
        valuation_date=dt.date(2020, 10, 1),
        levels={"schools": "优", "shape": "劣"},
        development=["basic"],
    )
    # Nothing applies: P = P_b = 2000
    assert valuation.unit_price_yuan_m2 == 2000.0
    assert all(not e.applied for e in valuation.breakdown if e.key != "benchmark")


def test_level_precedence_default_warning_and_grade_alias() -> None:
    valuation = value(
        use="residential",
        grade=2,  # the table's grade II
        area_m2=1000,
        far=2.0,
        levels={"metro": "劣"},
        inputs={"metro": 100},  # a given level beats a numeric input
    )
    entries = {e.key: e for e in valuation.breakdown}
    assert valuation.grade == "II"
    assert (entries["metro"].level, entries["metro"].input_source) == ("劣 (inferior)", "level")
    assert entries["schools"].input_source == "default"
    assert valuation.warnings == ["factor(s) not given, assumed 一般 (average): schools, shape"]
    # ΣK = −4 % → 0.96; at the base date, base FAR and term: P = 2000 × 0.96 = 1920.0
    assert valuation.unit_price_yuan_m2 == 1920.0
    assert valuation.valuation_date == dt.date(2020, 1, 1)


def test_index_end_is_held_with_a_warning() -> None:
    valuation = value(use="residential", grade="I", area_m2=1, far=2, valuation_date="2022-06-01")
    assert valuation.k_date == 1.1  # the last index point, 110 / 100
    assert any("ends on 2021-01-01; K_t holds its last value 110" in w for w in valuation.warnings)


@pytest.mark.parametrize(
    ("change", "parameter", "message"),
    [
        ({"far": 0}, "far", "must be a number > 0"),
        ({"far": -1.5}, "far", "must be a number > 0"),
        ({"area_m2": 0}, "area_m2", "must be a number > 0"),
        ({"term_years": 71}, "term_years", "statutory maximum for residential"),
        ({"term_years": 0}, "term_years", "outside (0, 70]"),
        ({"use": "commercial", "term_years": 50}, "term_years", "outside (0, 40]"),
        ({"grade": "VII"}, "grade", "unknown grade 'VII'; the table has: I, II"),
        ({"use": "villa"}, "use", "unknown land use 'villa'"),
        ({"use": "logistics"}, "use", "no table for 'logistics'"),
        ({"valuation_date": "2019-12-31"}, "valuation_date", "before the land price index"),
        ({"levels": {"view": "优"}}, "levels.view", "unknown factor for residential"),
        ({"levels": {"schools": "great"}}, "levels.schools", "unknown level 'great'"),
        ({"inputs": {"schools": 3}}, "inputs.schools", "no thresholds"),
        ({"development": ["fibre"]}, "development", "unknown development item 'fibre'"),
    ],
)
def test_bad_inputs_name_the_field(change: dict[str, Any], parameter: str, message: str) -> None:
    request = {"use": "residential", "grade": "II", "area_m2": 1000, "far": 2.0} | change
    with pytest.raises(InvalidParameter) as caught:
        value(**request)
    assert caught.value.parameter == parameter
    assert message in str(caught.value)
