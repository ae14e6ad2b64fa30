"""The arithmetic of the benchmark land price method, as numpy kernels.

The per-parcel engine and the batch engine both call these on arrays (the per-parcel
engine on arrays of one), so the two produce bit-identical numbers.

>>> float(round_half_up(term_coefficient(0.08, 70.0, 50.0), 4)[0])
1.0171
>>> float(round_half_up(2.25, 1)[0]), float(round_half_up(675.37317, 0)[0])
(2.3, 675.0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

#: Half a unit of the last kept digit is nudged up by this share of a unit, so that a
#: decimal tie such as 1.00005 (stored as 1.0000499999...) rounds up as 四舍五入 expects.
TIE_TOLERANCE = 1e-6
#: Days per month in "whole months + remaining days / 30".
DAYS_PER_MONTH = 30.0


#: 10**d for every supported number of decimals, built once so every path scales alike.
SCALES: tuple[float, ...] = tuple(10.0**d for d in range(11))


def round_half_up(values: ArrayLike, decimals: int | IntArray | None) -> FloatArray:
    """Round half away from zero (四舍五入) to ``decimals`` places.

    ``decimals`` is one count for all values, or an array with one count per value in
    which -1 means "do not round"; None leaves the values as they are.
    """
    array = np.atleast_1d(np.asarray(values, dtype=np.float64))
    if decimals is None:
        return array
    if isinstance(decimals, int):
        scale: float | FloatArray = SCALES[decimals]
        keep = None
    else:
        scale = np.asarray(SCALES, dtype=np.float64)[np.maximum(decimals, 0)]
        keep = decimals < 0
    rounded = np.sign(array) * np.floor(np.abs(array) * scale + (0.5 + TIE_TOLERANCE)) / scale
    return rounded if keep is None else np.where(keep, array, rounded)


def term_coefficient(rate: ArrayLike, term: ArrayLike, base_term: ArrayLike) -> FloatArray:
    """Term correction K_y = [1 − 1/(1+r)^m] / [1 − 1/(1+r)^n] (unrounded).

    Parameters
    ----------
    rate
        Land reduction rate r (土地还原率) as a fraction, e.g. 0.06.
    term
        The parcel's term m in years.
    base_term
        The benchmark term n in years.
    """
    growth = 1.0 + np.asarray(rate, dtype=np.float64)
    numerator = 1.0 - 1.0 / np.power(growth, np.asarray(term, dtype=np.float64))
    denominator = 1.0 - 1.0 / np.power(growth, np.asarray(base_term, dtype=np.float64))
    return np.atleast_1d(numerator / denominator)


def far_ratio(
    far: ArrayLike, table_far: Sequence[float], table_k: Sequence[float], base_far: float
) -> tuple[FloatArray, BoolArray]:
    """K(FAR) / K(FAR_base), linear between table rows, clamped at the ends (unrounded).

    Returns
    -------
    ratio, clamped
        The ratio, and True where the parcel's FAR lay outside the table and was clamped.
    """
    values = np.atleast_1d(np.asarray(far, dtype=np.float64))
    xs, ys = np.asarray(table_far, dtype=np.float64), np.asarray(table_k, dtype=np.float64)
    at_base = np.interp(np.asarray([base_far]), xs, ys)[0]
    clamped = (values < xs[0]) | (values > xs[-1])
    return np.interp(values, xs, ys) / at_base, clamped


def as_days(dates: Any) -> NDArray[np.datetime64]:
    """Dates (``datetime.date``, ISO strings or datetime64) as a datetime64[D] array."""
    return np.atleast_1d(np.asarray(dates, dtype="datetime64[D]"))


def months_between(start: dt.date, end: NDArray[np.datetime64]) -> FloatArray:
    """Months from ``start`` to each of ``end``: whole months + remaining days / 30.

    A whole month ends on the same day of a later month, or on that month's last day when
    it is shorter (31 Jan → 28 Feb is one month). Negative when ``end`` is before ``start``.
    """
    first = np.datetime64(start, "D")
    sign = np.where(end >= first, 1.0, -1.0)
    low, high = np.minimum(end, first), np.maximum(end, first)
    low_month, high_month = low.astype("datetime64[M]"), high.astype("datetime64[M]")
    low_day = (low - low_month.astype("datetime64[D]")).astype(np.int64)
    high_day = (high - high_month.astype("datetime64[D]")).astype(np.int64)
    high_len = _month_length(high_month)
    whole = (high_month - low_month).astype(np.int64) - (
        high_day < np.minimum(low_day, high_len - 1)
    )
    anchor_month = low_month + whole
    anchor_day = np.minimum(low_day, _month_length(anchor_month) - 1)
    anchor = anchor_month.astype("datetime64[D]") + anchor_day
    remaining = (high - anchor).astype(np.int64)
    return np.asarray(sign * (whole + remaining / DAYS_PER_MONTH), dtype=np.float64)


def _month_length(months: NDArray[np.datetime64]) -> IntArray:
    start = months.astype("datetime64[D]")
    return np.asarray(((months + 1).astype("datetime64[D]") - start).astype(np.int64))


def growth_coefficient(rate: float, months: FloatArray) -> FloatArray:
    """Date correction from a monthly growth rate: K_t = (1 + g)^months (unrounded)."""
    return np.asarray(np.power(1.0 + rate, months), dtype=np.float64)


def index_coefficient(
    dates: NDArray[np.datetime64],
    index_dates: Sequence[dt.date],
    index_values: Sequence[float],
    base_date: dt.date,
) -> tuple[FloatArray, BoolArray]:
    """Date correction I(t) / I(base date), linear between index points (unrounded).

    Returns
    -------
    ratio, held
        The ratio, and True where the date is after the last point (the last index is held).
        Dates before the first point are the caller's to reject.
    """
    xs = as_days(list(index_dates)).astype(np.int64).astype(np.float64)
    ys = np.asarray(index_values, dtype=np.float64)
    days = dates.astype(np.int64).astype(np.float64)
    base = np.interp(np.asarray([float(np.datetime64(base_date, "D").astype(np.int64))]), xs, ys)
    return np.interp(days, xs, ys) / base[0], days > xs[-1]


def grade_levels(values: FloatArray, thresholds: FloatArray, lower_better: ArrayLike) -> IntArray:
    """Level index (0 = 优 ... 4 = 劣) of numeric values graded by four thresholds.

    ``thresholds`` has shape (4,) or (n, 4), ``lower_better`` is one flag or n flags; a
    value on a threshold gets the better level.

    >>> grade_levels(np.array([300.0, 500.0, 5000.0]), np.array([500.0, 1e3, 2e3, 3e3]), True)
    array([0, 0, 4])
    """
    table = np.atleast_2d(thresholds)
    lower = np.asarray(lower_better, dtype=bool)
    above = np.zeros(len(values), dtype=np.int64)  # thresholds the value exceeds
    at_least = np.zeros(len(values), dtype=np.int64)  # thresholds the value reaches
    for k in range(4):
        column = table[:, k]
        if lower.any():
            above += values > column
        if not lower.all():
            at_least += values >= column
    return np.asarray(np.where(lower, above, 4 - at_least), dtype=np.int64)


def combine(
    benchmark: FloatArray,
    k_factors: FloatArray,
    k_date: FloatArray,
    k_term: FloatArray,
    k_far: FloatArray,
    k_multiplicative: FloatArray,
    development: FloatArray,
    before_term: ArrayLike,
) -> FloatArray:
    """Unrounded unit price in 元/m².

    ``end``: P = P_b × (1+ΣK_i) × K_t × K_y × K_v × ΠK_j + D;
    ``before_term``: P = (P_b × (1+ΣK_i) × K_t × K_v × ΠK_j + D) × K_y.
    """
    at_end = benchmark * k_factors * k_date * k_term * k_far * k_multiplicative + development
    early = (benchmark * k_factors * k_date * k_far * k_multiplicative + development) * k_term
    return np.asarray(np.where(before_term, early, at_end), dtype=np.float64)
