"""Soft constraints: how well each candidate fits, as components in [0, 1] and a score.

Components (computed only when the request gives what they need, then weighted by
:data:`WEIGHTS` renormalised over the components present; the score is 0–100):

- ``area``: 1 inside the wanted range, falling linearly to 0 at the hard limits (half the
  minimum, twice the maximum);
- ``budget``: 1 when the estimated land cost is within budget, falling linearly to 0 at
  :data:`BUDGET_ZERO_OVER` over it; :data:`UNKNOWN` when the cost cannot be estimated;
- ``far``: the share of the needed plot ratio the parcel allows (and of the planned one
  its minimum leaves), :data:`UNKNOWN` when the parcel gives no plot ratio;
- ``preferred_area``: 1 in the preferred functional area, else 0;
- ``industry``: 1 when the parcel's functional area leads in the investor's industry,
  else 0.5;
- ``intensity``: the mean share of each 标准地 indicator the plan reaches (planned per 亩 /
  required, capped at 1; for energy, the cap / planned), 1 when the parcel sets none.

Every component is an array operation over all candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zoneatlas.matching.arrays import INDUSTRY_KEYS, FloatArray, IntArray, ParcelArrays
from zoneatlas.matching.constraints import AREA_HARD_HIGH, AREA_HARD_LOW
from zoneatlas.matching.request import MatchRequest
from zoneatlas.units import M2_PER_MU

WEIGHTS: dict[str, float] = {
    "area": 0.25,
    "budget": 0.25,
    "far": 0.15,
    "preferred_area": 0.15,
    "industry": 0.10,
    "intensity": 0.10,
}
#: Share over budget at which the budget component reaches 0.
BUDGET_ZERO_OVER = 0.5
#: Component value when the parcel lacks the data to judge it.
UNKNOWN = 0.5


@dataclass(frozen=True)
class Scores:
    """Score 0–100 and components of the parcels ``index`` (same order)."""

    index: IntArray
    score: FloatArray
    components: dict[str, FloatArray]


def planned_intensity(request: MatchRequest, area_m2: FloatArray) -> FloatArray:
    """The plan per parcel as the 4 indicator columns: 万元/亩 for investment, tax and
    output on each parcel's area; 吨标煤/万元 for energy (the same on every parcel)."""
    area_mu = area_m2 / M2_PER_MU
    energy = np.nan
    if request.energy_tce is not None and request.annual_output_wan:
        energy = request.energy_tce / request.annual_output_wan
    totals = (request.investment_wan, request.annual_tax_wan, request.annual_output_wan)
    columns = [(np.nan if total is None else total) / area_mu for total in totals]
    columns.append(np.full(len(area_m2), energy))
    return np.column_stack(columns) if len(area_m2) else np.empty((0, 4))


def intensity_shares(required: FloatArray, planned: FloatArray) -> FloatArray:
    """Share of each indicator reached, capped at 1; NaN where not both are known."""
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.empty_like(required)
        shares[:, :3] = planned[:, :3] / required[:, :3]
        shares[:, 3] = np.where(planned[:, 3] > 0, required[:, 3] / planned[:, 3], 1.0)
    shares = np.minimum(shares, 1.0)
    shares[np.isnan(required) | np.isnan(planned)] = np.nan
    return shares


def _area(area: FloatArray, low: float | None, high: float | None) -> FloatArray:
    fit = np.ones(len(area))
    if low is not None:
        hard = low * AREA_HARD_LOW
        fit = np.where(area < low, np.clip((area - hard) / (low - hard), 0.0, 1.0), fit)
    if high is not None:
        hard = high * AREA_HARD_HIGH
        fit = np.where(area > high, np.clip((hard - area) / (hard - high), 0.0, 1.0), fit)
    return fit


def _budget(cost_wan: FloatArray, budget: float) -> FloatArray:
    over = (cost_wan - budget) / budget
    fit = np.clip(1.0 - over / BUDGET_ZERO_OVER, 0.0, 1.0)
    return np.where(np.isnan(cost_wan), UNKNOWN, np.where(over <= 0, 1.0, fit))


def _far(far_min: FloatArray, far_max: FloatArray, request: MatchRequest) -> FloatArray:
    fit = np.ones(len(far_min))
    with np.errstate(invalid="ignore", divide="ignore"):
        if request.far_min is not None:
            fit = fit * np.where(
                np.isnan(far_max), UNKNOWN, np.minimum(far_max / request.far_min, 1.0)
            )
        if request.far_max is not None:
            fit = fit * np.where(np.isnan(far_min), 1.0, np.minimum(request.far_max / far_min, 1.0))
    return fit


def soft_scores(
    parcels: ParcelArrays, request: MatchRequest, index: IntArray, cost_wan: FloatArray
) -> Scores:
    """Scores of the parcels ``index``; ``cost_wan`` is their estimated land cost (万元)."""
    components: dict[str, FloatArray] = {}
    area = parcels.area_m2[index]
    low, high = request.area_range_m2
    if low is not None or high is not None:
        components["area"] = _area(area, low, high)
    if request.budget_wan is not None:
        components["budget"] = _budget(cost_wan, request.budget_wan)
    if request.far_min is not None or request.far_max is not None:
        components["far"] = _far(parcels.far_min[index], parcels.far_max[index], request)
    if request.functional_area:
        codes = parcels.functional_area
        wanted = [i for i, label in enumerate(codes.labels) if label == request.functional_area]
        components["preferred_area"] = np.isin(codes.codes[index], wanted).astype(float)
    if request.industry is not None:
        leads = parcels.area_industries[index, INDUSTRY_KEYS.index(request.industry)]
        components["industry"] = np.where(leads, 1.0, 0.5)
    planned = planned_intensity(request, area)
    if not np.isnan(planned).all():
        shares = intensity_shares(parcels.intensity[index], planned)
        judged = ~np.isnan(shares)
        total = np.where(judged, shares, 0.0).sum(axis=1)
        count = judged.sum(axis=1)
        components["intensity"] = np.where(count > 0, total / np.maximum(count, 1), 1.0)
    weight = sum(WEIGHTS[name] for name in components)
    if weight == 0:
        return Scores(index, np.full(len(index), 100.0), components)
    score = sum(WEIGHTS[name] * values for name, values in components.items())
    return Scores(index, np.round(100.0 * np.asarray(score) / weight, 2), components)
