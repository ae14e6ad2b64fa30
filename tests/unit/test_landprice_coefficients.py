"""The arithmetic kernels: term, plot ratio, date, rounding and threshold grading."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.unit.test_landprice_tables import hand_tables
from zoneatlas.landprice.coefficients import (
    as_days,
    far_ratio,
    grade_levels,
    growth_coefficient,
    index_coefficient,
    months_between,
    round_half_up,
    term_coefficient,
)
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.model import ValuationRequest

pytestmark = pytest.mark.unit


def test_term_formula_r8_m70_n50() -> None:
    # K_y = [1 − 1/1.08^70] / [1 − 1/1.08^50] = (1 − 0.0045744) / (1 − 0.0213212)
    #     = 0.9954256 / 0.9786788 = 1.0171117 → 1.0171
    k = term_coefficient(0.08, 70.0, 50.0)
    assert k[0] == pytest.approx(0.9954256 / 0.9786788, abs=1e-7)
    assert round_half_up(k, 4)[0] == 1.0171
    assert term_coefficient(0.06, 40.0, 40.0)[0] == 1.0


def test_far_interpolation_between_rows_and_ratio_to_base() -> None:
    table_far, table_k = [1.0, 2.0, 3.0, 4.0], [0.8, 1.0, 1.15, 1.25]
    ratio, clamped = far_ratio([2.5, 1.5, 3.2], table_far, table_k, base_far=2.0)
    # K(2.5) = 1.0 + 0.15 × 0.5 = 1.075; K(1.5) = 0.8 + 0.2 × 0.5 = 0.9;
    # K(3.2) = 1.15 + 0.10 × 0.2 = 1.17; base K(2.0) = 1.0
    assert ratio == pytest.approx([1.075, 0.9, 1.17])
    assert not clamped.any()
    # Against base FAR 1.5 (K = 0.9): K(3.0) / K(1.5) = 1.15 / 0.9 = 1.2778
    ratio, _ = far_ratio([3.0], table_far, table_k, base_far=1.5)
    assert round_half_up(ratio, 4)[0] == 1.2778


def test_far_clamped_at_both_ends() -> None:
    ratio, clamped = far_ratio([0.5, 4.0, 6.0], [1.0, 2.0, 4.0], [0.8, 1.0, 1.3], base_far=2.0)
    assert ratio == pytest.approx([0.8, 1.3, 1.3])
    assert clamped.tolist() == [True, False, True]


def test_far_clamp_warns_in_the_valuation() -> None:
    request = ValuationRequest(use="residential", grade="I", area_m2=1, far=0.5)
    valuation = value_parcel(hand_tables(), request)
    # K(0.5) is clamped to K(1.0) = 0.8; K_v = 0.8 / 1.0
    assert valuation.k_far == 0.8
    assert "FAR 0.5 is outside the FAR table (1 to 4); K(FAR) clamped to K(1)" in valuation.warnings
    far_entry = next(e for e in valuation.breakdown if e.key == "far")
    assert far_entry.note == "K(0.5) / K(2); clamped to K(1)"


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2019-01-01", "2019-01-01", 0.0),
        ("2019-01-01", "2020-06-16", 17.5),  # 17 whole months + 15 days / 30
        ("2019-01-15", "2019-03-10", 1 + 23 / 30),  # 1 month to 02-15, then 23 days
        ("2019-01-31", "2019-02-28", 1.0),  # a whole month ends on the shorter month's end
        ("2019-01-31", "2019-03-01", 1.0 + 1 / 30),
        ("2020-06-16", "2019-01-01", -17.5),
    ],
)
def test_months_between(start: str, end: str, months: float) -> None:
    got = months_between(dt.date.fromisoformat(start), as_days(end))[0]
    assert got == pytest.approx(months)


def test_growth_and_index_coefficients() -> None:
    # (1 + 0.005)^2.5 = 1.012547
    assert growth_coefficient(0.005, np.array([2.5]))[0] == pytest.approx(1.0125469)
    dates = [dt.date(2020, 1, 1), dt.date(2020, 7, 1), dt.date(2021, 1, 1)]
    ratio, held = index_coefficient(
        as_days(["2020-10-01", "2021-06-01"]), dates, [100, 104, 110], dt.date(2020, 4, 1)
    )
    # I(base 2020-04-01) = 100 + 4 × 91/182 = 102; I(2020-10-01) = 107 → 107/102 = 1.04902
    assert ratio[0] == pytest.approx(107 / 102)
    assert ratio[1] == pytest.approx(110 / 102)  # after the end: the last index is held
    assert held.tolist() == [False, True]


def test_round_half_up() -> None:
    values = [2.25, 2.35, 1.00005, -2.25, 675.37317, 0.0]
    assert round_half_up(values, 1).tolist() == [2.3, 2.4, 1.0, -2.3, 675.4, 0.0]
    assert round_half_up(1.00005, 4)[0] == 1.0001  # stored as 1.0000499999..., rounds up
    assert round_half_up(675.37317, 0)[0] == 675.0
    per_value = round_half_up([1.23456, 1.23456], np.array([2, -1]))
    assert per_value.tolist() == [1.23, 1.23456]
    assert round_half_up([1.23456], None)[0] == 1.23456


def test_grade_levels_both_directions_and_ties() -> None:
    thresholds = np.array([300.0, 600.0, 1000.0, 1500.0])
    distances = np.array([0.0, 300.0, 300.1, 600.0, 1000.0, 1499.0, 1500.0, 9999.0])
    assert grade_levels(distances, thresholds, True).tolist() == [0, 0, 1, 1, 2, 3, 3, 4]
    widths = np.array([5.0, 10.0, 19.9, 20.0, 30.0, 49.0, 50.0, 80.0])
    cuts = np.array([10.0, 20.0, 30.0, 50.0])
    assert grade_levels(widths, cuts, False).tolist() == [4, 3, 3, 2, 1, 1, 0, 0]
