"""Ratio study (IAAO 2013) on a hand-computed example, and against transactions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_landprice_tables import hand_tables
from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.demo import demo_table_set, demo_transactions
from zoneatlas.landprice.ratio import COD_LIMITS, ratio_study
from zoneatlas.landprice.study import Transaction, load_transactions, transaction_ratio_study

pytestmark = pytest.mark.unit


def test_hand_computed_ratio_study() -> None:
    sales = [100.0, 200.0, 400.0, 800.0, 1600.0]
    estimates = [90.0, 200.0, 440.0, 840.0, 1520.0]
    stats = ratio_study(estimates, sales, ["residential/I"] * 5)
    overall, group = stats
    assert overall.group == "all" and group.group == "residential/I"
    # ratios 0.90, 1.00, 1.10, 1.05, 0.95 → median 1.00
    assert group.median_ratio == pytest.approx(1.0)
    # COD = 100 × mean(|0.10|, 0, 0.10, 0.05, 0.05) / 1.00 = 100 × 0.06 = 6.0
    assert group.cod == pytest.approx(6.0)
    # PRD = mean ratio / (Σ estimates / Σ sales) = 1.00 / (3090 / 3100) = 1.003236
    assert group.prd == pytest.approx(3100 / 3090)
    # PRB: value = 0.5 × estimate / median + 0.5 × sale = 95, 200, 420, 820, 1560;
    # x = log2(value) = 6.5699, 7.6439, 8.7142, 9.6795, 10.6073 (mean 8.64295);
    # y = (ratio − median) / median = −0.10, 0, 0.10, 0.05, −0.05 (mean 0);
    # slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² = 0.168046 / 10.234177 = 0.016420
    assert group.prb == pytest.approx(0.016420, abs=1e-6)
    assert (group.median_ok, group.cod_ok, group.prd_ok, group.prb_ok) == (True,) * 4
    assert (group.property_type, group.cod_limit) == ("residential", 15.0)
    assert overall == group.__class__(**{**group.__dict__, "group": "all"})


def test_ranges_flag_problems_and_property_types() -> None:
    sales = [100.0] * 6
    estimates = [70.0, 80.0, 85.0, 120.0, 75.0, 78.0]
    (overall,) = ratio_study(estimates, sales, property_types={"all": "vacant_land"})
    # ratios .70 .80 .85 1.20 .75 .78 → median (.78 + .80)/2 = 0.79: below 0.90
    assert overall.median_ratio == pytest.approx(0.79)
    assert not overall.median_ok
    assert overall.cod_limit == COD_LIMITS["vacant_land"] == 30.0
    # COD = 100 × mean(.09, .01, .06, .41, .04, .01) / 0.79 = 100 × 0.62 / 6 / 0.79 = 13.08
    assert overall.cod == pytest.approx(100 * 0.62 / 6 / 0.79)
    assert overall.prb is not None and not overall.prb_ok  # the dear estimate is an outlier
    assert ratio_study([1.0, 2.0], [1.0, 2.0], ["industrial/I", "residential/I"])[0].cod_limit == 20


def test_small_samples_and_bad_input() -> None:
    (_, group) = ratio_study([1.0, 2.0], [1.0, 2.0], ["commercial/I"] * 2)
    assert group.small_sample and group.prb is None
    with pytest.raises(InvalidParameter, match="sale_prices"):
        ratio_study([1.0], [1.0, 2.0])
    with pytest.raises(InvalidParameter, match="estimates: every price must be a number > 0"):
        ratio_study([0.0], [1.0])


def test_transaction_ratio_study_values_each_sale_at_its_own_conditions() -> None:
    sales = [
        # hand example (residential II, FAR 2.5, 2020-10-01, schools 优, shape 较劣, metro 一般)
        # without D: 2000 × 1.03 × 1.07 × 1.075 × 0.97 = 2298.424 → 2298.4; sold at 2400
        Transaction(
            date="2020-10-01",
            use="residential",
            grade="II",
            area_m2=1000,
            far=2.5,
            price_yuan_m2=2400,
            levels={"schools": "优", "shape": "较劣", "metro": "一般"},
        ),
        # industrial II at the base date, everything average: 600; sold at 500
        Transaction(
            date="2020-01-01",
            use="industrial_1",
            grade="II",
            area_m2=1000,
            far=1.0,
            price_yuan_m2=500,
        ),
    ]
    stats = {s.group: s for s in transaction_ratio_study(hand_tables(), sales)}
    assert list(stats) == ["all", "industrial", "residential", "industrial/II", "residential/II"]
    assert stats["residential/II"].median_ratio == pytest.approx(2298.4 / 2400)
    assert stats["industrial"].median_ratio == pytest.approx(600 / 500)


def test_demo_transactions_study() -> None:
    stats = transaction_ratio_study(demo_table_set(), demo_transactions())
    overall = stats[0]
    assert overall.count == 60
    assert overall.median_ok and overall.cod_ok and overall.prd_ok


def test_load_transactions(tmp_path: Path) -> None:
    rows = [
        {
            "date": "2020-10-01",
            "use": "residential",
            "grade": "II",
            "area_m2": 1000,
            "far": 2.5,
            "price_yuan_m2": 2400,
            "levels": {"schools": "优"},
        },
    ]
    (tmp_path / "sales.json").write_text(json.dumps(rows), encoding="utf-8")
    (tmp_path / "sales.csv").write_text(
        "date,use,grade,area_m2,far,price_yuan_m2,levels\n"
        "2020-10-01,residential,II,1000,2.5,2400,schools=优\n",
        encoding="utf-8",
    )
    assert load_transactions(tmp_path / "sales.json") == load_transactions(tmp_path / "sales.csv")
    (tmp_path / "bad.json").write_text(json.dumps([{"date": "x"}]), encoding="utf-8")
    with pytest.raises(InvalidParameter, match="row 1: date"):
        load_transactions(tmp_path / "bad.json")
