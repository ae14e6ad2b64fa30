"""Estimated land cost of candidate parcels, from the land price engine in one batch.

:class:`LandCostInputs` holds what :func:`zoneatlas.landprice.value_batch` needs for every
parcel (use, grade, area, plot ratio, term, development level, distances derived from
geometry); :meth:`LandCostInputs.estimate` values any subset of parcels on a date in one
vectorized call. Parcels the engine cannot value (no table for their use, no grade, no plot
ratio) fall back to their published starting price when they have one, else NaN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.batch import Coded, value_batch
from zoneatlas.landprice.lookup import resolve_grade, table_use
from zoneatlas.landprice.standards import USE_CATEGORY, statutory_max_term
from zoneatlas.landprice.tables import TableSet
from zoneatlas.matching.arrays import BoolArray, FloatArray, IntArray

#: ``LandCost.method`` codes.
NONE, BENCHMARK, START_PRICE = 0, 1, 2
METHODS = ("none", "benchmark", "start_price")


@dataclass(frozen=True)
class LandCost:
    """Per parcel of a subset: total in 万元, unit price in 元/m², method code (NaN/NONE
    when neither the engine nor a starting price gives one)."""

    total_wan: FloatArray
    unit_yuan_m2: FloatArray
    method: IntArray


@dataclass(frozen=True)
class LandCostInputs:
    """Engine inputs for n parcels (arrays of length n); ``tables`` None = no tables."""

    tables: TableSet | None
    use: Coded
    grade: Coded  # "" = the parcel lies in no grade polygon
    area_m2: FloatArray
    far: FloatArray  # NaN = not given
    term_years: FloatArray  # NaN = the statutory maximum of the use
    development: Coded  # "" = the benchmark's development level
    start_price_yuan_m2: FloatArray  # NaN = none published
    derived: Mapping[str, FloatArray] = field(default_factory=dict)

    @cached_property
    def valuable(self) -> BoolArray:
        """Parcels the engine can value: a table for the use, a known grade, a FAR > 0."""
        n = len(self.use.codes)
        if self.tables is None or n == 0:
            return np.zeros(n, dtype=bool)
        width = len(self.grade.labels)
        ok = np.zeros(len(self.use.labels) * width, dtype=bool)
        pairs = self.use.codes * width + self.grade.codes
        for pair in np.unique(pairs).tolist():
            use, grade = self.use.labels[pair // width], self.grade.labels[pair % width]
            ok[pair] = bool(grade) and _known(self.tables, use, grade)
        with np.errstate(invalid="ignore"):
            positive = (self.far > 0) & (self.area_m2 > 0)
        return np.asarray(ok[pairs] & positive)

    def estimate(self, index: IntArray, date: dt.date) -> LandCost:
        """Land cost of the parcels ``index`` on ``date`` (one value_batch call)."""
        m = len(index)
        total, unit = np.full(m, np.nan), np.full(m, np.nan)
        method = np.zeros(m, dtype=np.int64)
        can = self.valuable[index] if m else np.zeros(0, dtype=bool)
        if can.any() and self.tables is not None:
            rows = index[can]
            use = Coded(self.use.labels, self.use.codes[rows])
            result = value_batch(
                self.tables,
                use=use,
                grade=Coded(self.grade.labels, self.grade.codes[rows]),
                area_m2=self.area_m2[rows],
                far=self.far[rows],
                term_years=self._terms(use, self.term_years[rows]),
                valuation_date=date,
                derived={key: values[rows] for key, values in self.derived.items()},
                development=Coded(self.development.labels, self.development.codes[rows]),
            )
            total[can] = result.total_yuan / 1e4
            unit[can] = result.unit_price_yuan_m2
            method[can] = BENCHMARK
        price = self.start_price_yuan_m2[index]
        fallback = ~can & np.isfinite(price)
        total[fallback] = price[fallback] * self.area_m2[index][fallback] / 1e4
        unit[fallback] = price[fallback]
        method[fallback] = START_PRICE
        return LandCost(total, unit, method)

    @staticmethod
    def _terms(use: Coded, terms: FloatArray) -> FloatArray:
        maximum = np.asarray(
            [statutory_max_term(u) if u in USE_CATEGORY else 50 for u in use.labels], dtype=float
        )[use.codes]
        usable = np.isfinite(terms) & (terms > 0)
        return np.where(usable, np.minimum(terms, maximum), maximum)


def _known(tables: TableSet, use: str, grade: str) -> bool:
    try:
        resolve_grade(tables.uses[table_use(tables, use)], grade)
    except InvalidParameter:
        return False
    return True
