"""Ratio study: how close estimates come to sale prices (IAAO Standard on Ratio Studies, 2013).

For each group of sales, with ratio = estimate / sale price:

- median ratio (level), acceptable 0.90-1.10;
- COD = 100 × mean |ratio − median| / median (uniformity), limits by property type;
- PRD = mean ratio / weighted mean ratio, weighted mean = Σestimate / Σsale, acceptable
  0.98-1.03 (PRD > 1.03 suggests regressivity, < 0.98 progressivity);
- PRB = slope b of the regression (ratio − median)/median = a + b·ln(value)/ln 2, with
  value = 0.5 × estimate/median + 0.5 × sale price; acceptable within ±0.05 (a ratio
  change of b per doubling of value).

COD limits (IAAO 2013, table 1-3, upper bounds): residential 15 (single-family, older or
heterogeneous areas), income-producing (commercial, industrial) 20 (smaller, rural
jurisdictions), residential vacant land 25, other vacant land 30. Land sales are vacant
land in IAAO's terms; pass ``property_types`` to use those limits. The ``all`` group of
mixed types is held to the most lenient limit among them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.coefficients import FloatArray
from zoneatlas.landprice.standards import USE_CATEGORY

IAAO_SOURCE = "IAAO Standard on Ratio Studies (2013), section 9 and table 1-3, appendix B (PRB)"
MEDIAN_RANGE = (0.90, 1.10)
PRD_RANGE = (0.98, 1.03)
PRB_RANGE = (-0.05, 0.05)
#: Upper COD limit by property type (IAAO 2013 table 1-3).
COD_LIMITS: dict[str, float] = {
    "residential": 15.0,
    "commercial": 20.0,
    "industrial": 20.0,
    "residential_vacant_land": 25.0,
    "vacant_land": 30.0,
}
#: A sample smaller than this gives statistics too unreliable to judge (a warning only).
SMALL_SAMPLE = 5


@dataclass(frozen=True)
class RatioStats:
    """Ratio statistics of one group, with the IAAO ranges and whether each is met."""

    group: str
    count: int
    median_ratio: float
    mean_ratio: float
    weighted_mean_ratio: float
    cod: float
    prd: float
    prb: float | None
    property_type: str
    cod_limit: float
    median_ok: bool
    cod_ok: bool
    prd_ok: bool
    prb_ok: bool | None
    small_sample: bool


def _property_type(group: str, property_types: Mapping[str, str]) -> str:
    if group in property_types:
        return property_types[group]
    category = USE_CATEGORY.get(group.split("/")[0], "")
    return category if category in COD_LIMITS else "commercial"


def group_stats(
    group: str, estimates: FloatArray, sales: FloatArray, property_type: str
) -> RatioStats:
    """Statistics of one group of (estimate, sale price) pairs, both 元/m² (or both 元)."""
    ratios = estimates / sales
    median = float(np.median(ratios))
    mean = float(np.mean(ratios))
    weighted = float(estimates.sum() / sales.sum())
    cod = 100.0 * float(np.mean(np.abs(ratios - median))) / median
    prd = mean / weighted
    prb = _prb(estimates, sales, ratios, median)
    limit = COD_LIMITS[property_type]
    return RatioStats(
        group=group,
        count=len(ratios),
        median_ratio=median,
        mean_ratio=mean,
        weighted_mean_ratio=weighted,
        cod=cod,
        prd=prd,
        prb=prb,
        property_type=property_type,
        cod_limit=limit,
        median_ok=MEDIAN_RANGE[0] <= median <= MEDIAN_RANGE[1],
        cod_ok=cod <= limit,
        prd_ok=PRD_RANGE[0] <= prd <= PRD_RANGE[1],
        prb_ok=None if prb is None else PRB_RANGE[0] <= prb <= PRB_RANGE[1],
        small_sample=len(ratios) < SMALL_SAMPLE,
    )


def _prb(
    estimates: FloatArray, sales: FloatArray, ratios: FloatArray, median: float
) -> float | None:
    """PRB: OLS slope of (ratio − median)/median on ln(0.5·A/median + 0.5·S)/ln 2."""
    value = 0.5 * estimates / median + 0.5 * sales
    x = np.log(value) / math.log(2.0)
    y = (ratios - median) / median
    spread = float(np.sum((x - x.mean()) ** 2))
    if len(ratios) < 3 or spread == 0.0:
        return None
    return float(np.sum((x - x.mean()) * (y - y.mean())) / spread)


def ratio_study(
    estimates: ArrayLike,
    sale_prices: ArrayLike,
    groups: Sequence[str] | None = None,
    *,
    property_types: Mapping[str, str] | None = None,
) -> list[RatioStats]:
    """Ratio statistics for all sales (group ``all``) and for every group, sorted by name.

    Parameters
    ----------
    estimates, sale_prices
        Estimated and sale prices of the same parcels in the same unit (元/m²), > 0.
    groups
        A group label per sale, e.g. ``residential/II``; the part before ``/`` picks the
        property type (and COD limit) unless ``property_types`` names the group.
    property_types
        Group (or ``all``) → a key of :data:`COD_LIMITS`.

    Raises
    ------
    InvalidParameter
        Lengths differ, no sales, or a price is not > 0.
    """
    estimate = np.asarray(estimates, dtype=np.float64).ravel()
    sale = np.asarray(sale_prices, dtype=np.float64).ravel()
    labels = list(groups) if groups is not None else ["all"] * len(sale)
    if not len(estimate) == len(sale) == len(labels) or len(sale) == 0:
        raise InvalidParameter("sale_prices", "need one estimate, sale price and group per sale")
    for name, values in (("estimates", estimate), ("sale_prices", sale)):
        if not np.all(np.isfinite(values) & (values > 0)):
            raise InvalidParameter(name, "every price must be a number > 0")
    types = dict(property_types or {})
    label_array = np.asarray(labels)
    overall_type = types.get("all") or _common_type(labels, types)
    result = [group_stats("all", estimate, sale, overall_type)]
    for label in sorted(set(labels) - {"all"}):
        mask = label_array == label
        result.append(group_stats(label, estimate[mask], sale[mask], _property_type(label, types)))
    return result


def _common_type(labels: Sequence[str], types: Mapping[str, str]) -> str:
    """Property type of the ``all`` group: its members' type, or the most lenient of them."""
    found = {_property_type(label, types) for label in labels}
    return max(found, key=lambda kind: COD_LIMITS[kind])
