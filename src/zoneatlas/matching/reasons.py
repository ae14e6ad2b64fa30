"""Reasons for and against a matched parcel, and why a near miss was excluded, as
sentences in zh and en from the message catalogue (:mod:`zoneatlas.messages`).

Built for the parcels a result shows (the top N and the near misses), one at a time.
Areas are shown in 公顷 (ha) and 亩, money in 万元 with thousands separators.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from zoneatlas.matching.arrays import INDUSTRY_KEYS, INTENSITY_KEYS, ParcelArrays
from zoneatlas.matching.constraints import (
    AREA_LARGE,
    AREA_SMALL,
    HARD,
    INDUSTRY,
    LAND_USE,
    STATUS,
    first_failure,
)
from zoneatlas.matching.request import MatchRequest
from zoneatlas.matching.scoring import intensity_shares, planned_intensity
from zoneatlas.messages import Bi, label, number, reason
from zoneatlas.parcels import vocab
from zoneatlas.units import M2_PER_HECTARE, M2_PER_MU

Reason = dict[str, Any]
#: Unit message key of each intensity indicator column.
INTENSITY_UNITS = ("unit.wan_per_mu", "unit.wan_per_mu", "unit.wan_per_mu", "unit.tce_per_wan")


def term(vocabulary: str, key: str) -> Bi:
    found = vocab.lookup(vocabulary, key) if key else None
    return Bi(found.zh, found.en) if found else Bi(key or "–", key or "–")


def ha(area_m2: float) -> str:
    return number(area_m2 / M2_PER_HECTARE, 1 if area_m2 < 1e6 else 0)


def _pct(value: float) -> str:
    """A share as a percentage: whole numbers, one decimal below 10 % (so 0.4 % is not 0)."""
    pct = abs(value) * 100
    return number(pct, 1 if pct < 10 else 0)


class Explainer:
    """Builds the reasons for one request; ``area_names`` maps area codes to names."""

    def __init__(
        self, parcels: ParcelArrays, request: MatchRequest, area_names: Mapping[str, Bi]
    ) -> None:
        self.parcels = parcels
        self.request = request
        self.area_names = area_names

    def area_name(self, code: str) -> Bi:
        return self.area_names.get(code, Bi(code or "–", code or "–"))

    def _label(self, coded: Any, i: int) -> str:
        return str(coded.labels[coded.codes[i]]) if len(coded.labels) else ""

    def reasons(self, i: int, cost_wan: float) -> tuple[list[Reason], list[Reason]]:
        """(for, against) of parcel ``i`` given its estimated land cost in 万元 (NaN = none)."""
        pro: list[Reason] = []
        con: list[Reason] = []
        self._industry(i, pro)
        self._area(i, pro, con)
        self._budget(cost_wan, pro, con)
        self._far(i, pro, con)
        self._preferred(i, pro, con)
        self._intensity(i, pro, con)
        if self._label(self.parcels.status, i) == "reserved":
            con.append(reason("match.status_reserved"))
        return pro, con

    def _industry(self, i: int, pro: list[Reason]) -> None:
        industry = self.request.industry
        if industry is None:
            return
        area = self._label(self.parcels.functional_area, i)
        if self.parcels.area_industries[i, INDUSTRY_KEYS.index(industry)]:
            pro.append(reason("match.industry_fits_area", area=self.area_name(area)))
        elif self.parcels.industries[i, INDUSTRY_KEYS.index(industry)]:
            pro.append(reason("match.industry_permitted", industry=term("industry", industry)))

    def _area(self, i: int, pro: list[Reason], con: list[Reason]) -> None:
        low, high = self.request.area_range_m2
        if low is None and high is None:
            return
        area = float(self.parcels.area_m2[i])
        if low is not None and area < low:
            con.append(
                reason("match.area_below", area=ha(area), low=ha(low), pct=_pct(1 - area / low))
            )
        elif high is not None and area > high:
            con.append(
                reason("match.area_above", area=ha(area), high=ha(high), pct=_pct(area / high - 1))
            )
        else:
            pro.append(
                reason(
                    "match.area_within",
                    area=ha(area),
                    area_mu=number(area / M2_PER_MU, 1),
                    low=ha(low) if low is not None else "0",
                    high=ha(high) if high is not None else "∞",
                )
            )

    def _budget(self, cost_wan: float, pro: list[Reason], con: list[Reason]) -> None:
        budget = self.request.budget_wan
        if budget is None:
            return
        if math.isnan(cost_wan):
            con.append(reason("match.cost_unknown"))
        elif cost_wan <= budget:
            pro.append(
                reason("match.cost_within_budget", cost=number(cost_wan), budget=number(budget))
            )
        else:
            con.append(
                reason(
                    "match.cost_over_budget", cost=number(cost_wan), pct=_pct(cost_wan / budget - 1)
                )
            )

    def _far(self, i: int, pro: list[Reason], con: list[Reason]) -> None:
        need_min, need_max = self.request.far_min, self.request.far_max
        if need_min is None and need_max is None:
            return
        far_min, far_max = float(self.parcels.far_min[i]), float(self.parcels.far_max[i])
        if math.isnan(far_max):
            con.append(reason("match.far_unknown"))
            return
        fits = True
        if need_min is not None and far_max < need_min:
            con.append(
                reason("match.far_too_low", far_max=number(far_max, 1), need=number(need_min, 1))
            )
            fits = False
        if need_max is not None and not math.isnan(far_min) and far_min > need_max:
            con.append(
                reason("match.far_too_high", far_min=number(far_min, 1), need=number(need_max, 1))
            )
            fits = False
        if fits:
            low = number(far_min, 1) if not math.isnan(far_min) else "–"
            pro.append(reason("match.far_fits", far_min=low, far_max=number(far_max, 1)))

    def _preferred(self, i: int, pro: list[Reason], con: list[Reason]) -> None:
        wanted = self.request.functional_area
        if not wanted:
            return
        if self._label(self.parcels.functional_area, i) == wanted:
            pro.append(reason("match.in_preferred_area", area=self.area_name(wanted)))
        else:
            con.append(reason("match.outside_preferred_area", area=self.area_name(wanted)))

    def _intensity(self, i: int, pro: list[Reason], con: list[Reason]) -> None:
        required = self.parcels.intensity[i : i + 1]
        planned = planned_intensity(self.request, self.parcels.area_m2[i : i + 1])
        shares = intensity_shares(required, planned)[0]
        for column, key in enumerate(INTENSITY_KEYS):
            need = float(required[0, column])
            if math.isnan(need):
                continue
            params: dict[str, Any] = {
                "indicator": label(f"intensity.{key}"),
                "required": number(need, 2 if need < 10 else 0),
                "unit": label(INTENSITY_UNITS[column]),
            }
            plan = float(planned[0, column])
            if math.isnan(plan):
                con.append(reason("match.intensity_unchecked", **params))
                continue
            params["planned"] = number(plan, 2 if plan < 10 else 0)
            energy = key == "energy_tce_per_wan"
            met = bool(shares[column] >= 1.0)
            name = ("match.intensity_energy_" if energy else "match.intensity_") + (
                "met" if met else "missed"
            )
            (pro if met else con).append(reason(name, **params))

    def exclusion(self, i: int, failed: int) -> Reason:
        """Why parcel ``i`` was excluded (the first hard constraint it fails)."""
        bit = first_failure(failed)
        key = HARD[bit]
        low, high = self.request.area_range_m2
        area = float(self.parcels.area_m2[i])
        if bit == STATUS:
            status = term("status", self._label(self.parcels.status, i))
            return reason(key, status=Bi(status.zh, status.en.lower()))
        if bit == LAND_USE:
            return reason(
                key,
                use=term("land_use", self._label(self.parcels.land_use, i)),
                wanted=term("land_use", self.request.land_use or ""),
            )
        if bit == INDUSTRY:
            return reason(key, industry=term("industry", self.request.industry or ""))
        if bit == AREA_SMALL:
            return reason(key, area=ha(area), low=ha(low or 0.0))
        assert bit == AREA_LARGE
        return reason(key, area=ha(area), high=ha(high or 0.0))


def unmet_indicators(parcels: ParcelArrays, request: MatchRequest, i: int) -> list[str]:
    """Keys of the 标准地 indicators the plan misses on parcel ``i``."""
    planned = planned_intensity(request, parcels.area_m2[i : i + 1])
    shares = intensity_shares(parcels.intensity[i : i + 1], planned)[0]
    return [
        key
        for key, share in zip(INTENSITY_KEYS, shares, strict=True)
        if share < 1.0 and not np.isnan(share)
    ]
