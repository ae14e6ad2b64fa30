"""The vectorized batch engine gives the per-parcel engine's numbers exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from tests.unit.test_landprice_tables import hand_document, hand_tables
from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.batch import Coded, value_batch
from zoneatlas.landprice.demo import demo_table_set
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.load import parse_table_set
from zoneatlas.landprice.lookup import table_use
from zoneatlas.landprice.model import ValuationRequest
from zoneatlas.landprice.standards import LEVELS, statutory_max_term
from zoneatlas.landprice.tables import TableSet

pytestmark = pytest.mark.unit


def random_parcels(tables: TableSet, uses: list[str], n: int, seed: int) -> dict[str, Any]:
    """Random parcels with every kind of input; factors only where the parcel's use has them."""
    rng = np.random.default_rng(seed)
    use = rng.choice(uses, n)
    table_of = [tables.uses[table_use(tables, u)] for u in use]
    grade = np.asarray([rng.choice(list(t.grades)) for t in table_of])
    term = np.asarray([statutory_max_term(u) for u in use]) * rng.uniform(0.1, 1.0, n)
    keys = sorted({f.key for t in tables.uses.values() for f in t.factors})
    levels, inputs, derived = {}, {}, {}
    for key in keys:
        factor_of = [next((f for f in t.factors if f.key == key), None) for t in table_of]
        has = np.asarray([f is not None for f in factor_of])
        numeric = np.asarray([f is not None and f.numeric is not None for f in factor_of])
        levels[key] = np.where(has & (rng.random(n) < 0.4), rng.integers(0, 5, n), -1)
        inputs[key] = np.where(numeric & (rng.random(n) < 0.4), rng.uniform(0, 3000, n), np.nan)
        derived[key] = np.where(rng.random(n) < 0.5, rng.uniform(0, 3000, n), np.nan)
    return {
        "use": use,
        "grade": grade,
        "area_m2": rng.uniform(500, 200_000, n).round(1),
        "far": rng.uniform(0.2, 7.0, n).round(2),
        "term_years": term,
        "valuation_date": np.datetime64("2020-01-01") + rng.integers(0, 900, n),
        "levels": levels,
        "inputs": inputs,
        "derived": derived,
        "development": rng.choice(["", "basic", "full", "road+power"], n),
    }


def request_of(parcels: dict[str, Any], i: int, development_ok: bool) -> ValuationRequest:
    def given(source: dict[str, Any], keep: Any) -> dict[str, Any]:
        return {k: keep(v[i]) for k, v in source.items() if not _missing(v[i])}

    development = str(parcels["development"][i]) if development_ok else ""
    return ValuationRequest(
        use=str(parcels["use"][i]),
        grade=str(parcels["grade"][i]),
        area_m2=float(parcels["area_m2"][i]),
        far=float(parcels["far"][i]),
        term_years=float(parcels["term_years"][i]),
        valuation_date=parcels["valuation_date"][i].item(),
        levels=given(parcels["levels"], lambda x: LEVELS[int(x)]),
        inputs=given(parcels["inputs"], float),
        derived=given(parcels["derived"], float),
        development=development.split("+") if development else None,
    )


def _missing(value: Any) -> bool:
    return bool(np.isnan(value)) if isinstance(value, float) else int(value) < 0


def assert_batch_equals_scalar(
    tables: TableSet, parcels: dict[str, Any], development: bool
) -> None:
    if not development:
        parcels = parcels | {"development": None}
    batch = value_batch(tables, **parcels)
    for i in range(len(parcels["use"])):
        single = value_parcel(tables, request_of(parcels, i, development))
        got = (
            batch.unit_price_yuan_m2[i],
            batch.total_yuan[i],
            batch.floor_price_yuan_m2[i],
            batch.wan_per_mu[i],
            batch.k_factors[i],
            batch.k_date[i],
            batch.k_term[i],
            batch.k_far[i],
            batch.k_multiplicative[i],
            batch.development_yuan_m2[i],
        )
        expected = (
            single.unit_price_yuan_m2,
            single.total_yuan,
            single.floor_price_yuan_m2,
            single.wan_per_mu,
            single.k_factors,
            single.k_date,
            single.k_term,
            single.k_far,
            single.k_multiplicative,
            single.development_yuan_m2,
        )
        assert got == expected, f"parcel {i}: {parcels['use'][i]} {parcels['grade'][i]}"
        clamped = any("outside the FAR table" in w for w in single.warnings)
        assert batch.far_clamped[i] == clamped
        below = single.minimum is not None and single.minimum.below_minimum
        assert batch.below_minimum[i] == below


def test_batch_equals_scalar_on_hand_tables() -> None:
    tables = hand_tables()
    uses = ["residential", "commercial", "business", "industrial", "industrial_1"]
    assert_batch_equals_scalar(tables, random_parcels(tables, uses, 2500, seed=7), True)


def test_batch_equals_scalar_on_demo_tables() -> None:
    tables = demo_table_set()
    uses = ["residential", "commercial", "entertainment", "industrial_2", "research", "logistics"]
    assert_batch_equals_scalar(tables, random_parcels(tables, uses, 2500, seed=11), False)


def test_batch_options_rounding_and_industrial_k_v() -> None:
    document = hand_document()
    document["uses"]["industrial"]["options"] = {
        "corrections": {"far": True, "date": False},
        "factor_decimals": None,
        "price_decimals": 2,
    }
    document["uses"]["residential"]["options"] = {"development_position": "before_term"}
    tables = parse_table_set(document)
    parcels = random_parcels(tables, ["residential", "industrial_1", "commercial"], 1500, seed=3)
    assert_batch_equals_scalar(tables, parcels, True)


def test_batch_takes_coded_arrays_level_names_and_one_date() -> None:
    tables = hand_tables()
    batch = value_batch(
        tables,
        use=Coded(("commercial", "residential"), np.array([1, 1, 0])),
        grade=["II", "2", "I"],
        area_m2=[10_000.0, 10_000.0, 5000.0],
        far=[2.5, 2.5, 5.0],
        term_years=[70, 70, 30],
        valuation_date=dt.date(2020, 10, 1),
        levels={"schools": ["优", "", ""], "shape": Coded(("", "较劣"), np.array([1, 0, 0]))},
        derived={"metro": [450.0, np.nan, 10.0]},  # ignored for the commercial parcel
    )
    # parcel 0 is the hand-worked residential example without D: 2343.05925 → 2343.1
    assert batch.unit_price_yuan_m2[0] == 2343.1
    assert batch.k_far.tolist()[:2] == [1.075, 1.075]
    assert batch.far_clamped.tolist() == [False, False, True]


@pytest.mark.parametrize(
    ("change", "parameter", "message"),
    [
        ({"far": [2.0, 0.0]}, "far", "1 parcel(s) must be a number > 0 (first: parcel 1)"),
        ({"term_years": [70, 71]}, "term_years", "1 parcel(s) have a term outside"),
        ({"grade": ["I", "IX"]}, "grade", "unknown grade 'IX'"),
        ({"use": ["residential", "villa"]}, "use", "unknown land use 'villa'"),
        ({"valuation_date": ["2020-01-01", "2019-01-01"]}, "valuation_date", "before the index"),
        ({"levels": {"view": [0, 0]}}, "levels.view", "unknown factor"),
        ({"levels": {"schools": [9, 0]}}, "levels.schools", "level indices are 0 (优) to 4"),
        ({"levels": {"schools": ["great", ""]}}, "levels.schools", "unknown level 'great'"),
        ({"inputs": {"schools": [1.0, np.nan]}}, "inputs.schools", "has no thresholds"),
        (
            {"use": ["commercial", "residential"], "levels": {"footfall": [-1, 0]}},
            "levels.footfall",
            "1 parcel(s) give a factor that is not in their use's table (first: parcel 1)",
        ),
    ],
)
def test_batch_errors_name_the_field(change: dict[str, Any], parameter: str, message: str) -> None:
    arrays: dict[str, Any] = {
        "use": ["residential", "residential"],
        "grade": ["I", "II"],
        "area_m2": [1000.0, 1000.0],
        "far": [2.0, 2.0],
    }
    with pytest.raises(InvalidParameter) as caught:
        value_batch(hand_tables(), **(arrays | change))
    assert caught.value.parameter == parameter
    assert message in str(caught.value)
