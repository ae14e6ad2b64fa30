"""Value many parcels at once with numpy: the same numbers as :func:`value_parcel`.

Parcels are grouped by (table use, grade) into small per-group lookup arrays; every
correction is then one array operation over all parcels (a few loops run over the groups
or table uses, never over parcels). Sums and products of factors run in factor-key order
and every coefficient is rounded by the same kernels as the per-parcel engine, so the two
paths agree to the last bit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice import batch_factors
from zoneatlas.landprice.coefficients import (
    BoolArray,
    FloatArray,
    IntArray,
    as_days,
    combine,
    far_ratio,
    growth_coefficient,
    index_coefficient,
    months_between,
    round_half_up,
    term_coefficient,
)
from zoneatlas.landprice.lookup import (
    base_term,
    date_correction,
    development_cost,
    expand_development,
    far_applies,
    far_rows,
    resolve_grade,
    table_use,
)
from zoneatlas.landprice.standards import (
    USE_CATEGORY,
    industrial_minimum,
    is_industrial,
    statutory_max_term,
)
from zoneatlas.landprice.tables import TableSet, UseTable
from zoneatlas.units import M2_PER_MU


@dataclass(frozen=True)
class Coded:
    """A categorical array: ``labels[codes[i]]`` is the value of parcel i.

    Use it for land uses, grades, levels and development levels of many parcels; a store
    or a data frame usually has them in this form already (it avoids sorting strings).
    """

    labels: tuple[str, ...]
    codes: IntArray

    @classmethod
    def from_values(cls, values: ArrayLike) -> Coded:
        """Code an array of strings (sorted unique labels)."""
        labels, codes = np.unique(np.asarray(values).astype(str), return_inverse=True)
        return cls(tuple(str(x) for x in labels), np.asarray(codes, dtype=np.int64).ravel())

    def __len__(self) -> int:
        return len(self.codes)


@dataclass(frozen=True)
class BatchValuation:
    """Per-parcel results of :func:`value_batch`; prices in 元/m², totals in 元."""

    unit_price_yuan_m2: FloatArray
    total_yuan: FloatArray
    wan_per_mu: FloatArray
    floor_price_yuan_m2: FloatArray
    k_factors: FloatArray
    k_date: FloatArray
    k_term: FloatArray
    k_far: FloatArray
    k_multiplicative: FloatArray
    development_yuan_m2: FloatArray
    far_clamped: BoolArray
    index_held: BoolArray
    below_minimum: BoolArray


@dataclass(frozen=True)
class Groups:
    """(table use, grade) groups of the parcels and the per-group parameters."""

    group: IntArray  # per parcel
    table_uses: tuple[str, ...]
    group_use: IntArray  # per group: index into table_uses
    group_grade: tuple[str, ...]
    price: FloatArray
    factor_decimals: IntArray  # -1 = no rounding
    price_decimals: IntArray


def _coded(values: Coded | ArrayLike) -> Coded:
    return values if isinstance(values, Coded) else Coded.from_values(values)


def value_batch(
    tables: TableSet,
    *,
    use: Coded | ArrayLike,
    grade: Coded | ArrayLike,
    area_m2: ArrayLike,
    far: ArrayLike,
    term_years: ArrayLike | None = None,
    valuation_date: dt.date | ArrayLike | None = None,
    levels: Mapping[str, Coded | ArrayLike] | None = None,
    inputs: Mapping[str, ArrayLike] | None = None,
    derived: Mapping[str, ArrayLike] | None = None,
    development: Coded | ArrayLike | None = None,
) -> BatchValuation:
    """Value every parcel of arrays with one length n, vectorized.

    Parameters
    ----------
    tables
        A validated table set.
    use, grade
        Land-use keys and grade labels (a :class:`Coded` or an array of strings).
    area_m2, far
        Land area in m² and plot ratio, arrays of n floats > 0.
    term_years
        Terms in years (default: each use's statutory maximum).
    valuation_date
        One date for all parcels, or an array of dates (default: the base date).
    levels
        Factor key → levels: level names (Coded or strings, "" = not given) or level
        indices 0 (优) ... 4 (劣), -1 = not given.
    inputs
        Factor key → numeric values (distances in metres), NaN = not given.
    derived
        Factor key → distances in metres derived from geometry (see
        :func:`zoneatlas.landprice.distance.derive_distances_batch`), NaN = none; ignored
        for parcels whose use does not grade that factor by distance.
    development
        Development bundle or item per parcel ("" = the benchmark's); items joined by "+".

    Returns
    -------
    BatchValuation
        The same numbers :func:`zoneatlas.landprice.engine.value_parcel` gives each parcel.

    Raises
    ------
    InvalidParameter
        As ``value_parcel``, naming the field and how many parcels are affected.
    """
    uses, grades = _coded(use), _coded(grade)
    area, floor_ratio = _positive("area_m2", area_m2), _positive("far", far)
    groups = _groups(tables, uses, grades)
    n = len(groups.group)
    term = _terms(uses, term_years, n)
    g = groups.group
    percent_sum, k_mult = batch_factors.factor_sums(
        tables, groups, levels or {}, inputs or {}, derived or {}
    )
    on = _flags(tables, groups)
    k_factors = np.where(
        on["factors"][g], round_half_up(1.0 + percent_sum / 100.0, groups.factor_decimals[g]), 1.0
    )
    k_date, held = _date_k(tables, groups, valuation_date, on["date"])
    k_term = _term_k(tables, groups, term, on["term"])
    k_far, clamped = _far_k(tables, groups, floor_ratio)
    d = np.where(on["development"][g], _development(tables, groups, development), 0.0)
    before_term = np.asarray(
        [
            _table(tables, groups, i).options.development_position == "before_term"
            for i in _each(groups)
        ]
    )
    raw = combine(groups.price[g], k_factors, k_date, k_term, k_far, k_mult, d, before_term[g])
    unit = round_half_up(raw, groups.price_decimals[g])
    return BatchValuation(
        unit_price_yuan_m2=unit,
        total_yuan=round_half_up(unit * area, 0),
        wan_per_mu=round_half_up(unit * M2_PER_MU / 1e4, 2),
        floor_price_yuan_m2=round_half_up(unit / floor_ratio, groups.price_decimals[g]),
        k_factors=k_factors,
        k_date=k_date,
        k_term=k_term,
        k_far=k_far,
        k_multiplicative=k_mult,
        development_yuan_m2=d,
        far_clamped=clamped,
        index_held=held,
        below_minimum=_below_minimum(tables, uses, unit),
    )


def _each(groups: Groups) -> range:
    return range(len(groups.group_use))


def _table(tables: TableSet, groups: Groups, group: int) -> UseTable:
    return tables.uses[groups.table_uses[int(groups.group_use[group])]]


def _first_bad(name: str, bad: BoolArray, what: str) -> None:
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise InvalidParameter(name, f"{int(bad.sum())} parcel(s) {what} (first: parcel {first})")


def _positive(name: str, values: ArrayLike) -> FloatArray:
    array = np.asarray(values, dtype=np.float64).ravel()
    _first_bad(name, ~np.isfinite(array) | (array <= 0), "must be a number > 0")
    return array


def _groups(tables: TableSet, uses: Coded, grades: Coded) -> Groups:
    if len(uses) != len(grades):
        raise InvalidParameter("grade", "must have one value per parcel, as use has")
    width = len(grades.labels)
    pair = uses.codes * width + grades.codes
    present = np.flatnonzero(np.bincount(pair, minlength=len(uses.labels) * width))
    pair_group = np.full(len(uses.labels) * width, -1, dtype=np.int64)
    found: dict[tuple[str, str], int] = {}
    for p in present.tolist():
        use_key = table_use(tables, uses.labels[p // width])
        grade = resolve_grade(tables.uses[use_key], grades.labels[p % width])
        pair_group[p] = found.setdefault((use_key, grade), len(found))
    table_uses = tuple(dict.fromkeys(use_key for use_key, _ in found))
    tables_of = [tables.uses[use_key] for use_key, _ in found]
    return Groups(
        group=pair_group[pair].astype(np.int16 if len(found) < 2**15 else np.int64),
        table_uses=table_uses,
        group_use=np.asarray([table_uses.index(u) for u, _ in found], dtype=np.int64),
        group_grade=tuple(grade for _, grade in found),
        price=np.asarray([tables.uses[u].grades[gr] for u, gr in found], dtype=np.float64),
        factor_decimals=np.asarray(
            [
                -1 if t.options.factor_decimals is None else t.options.factor_decimals
                for t in tables_of
            ],
            dtype=np.int64,
        ),
        price_decimals=np.asarray([t.options.price_decimals for t in tables_of], dtype=np.int64),
    )


def _terms(uses: Coded, term_years: ArrayLike | None, n: int) -> FloatArray:
    maximum = np.asarray(
        [statutory_max_term(u) if u in USE_CATEGORY else 0 for u in uses.labels], dtype=np.float64
    )[uses.codes]
    if term_years is None:
        return maximum
    term = np.broadcast_to(np.asarray(term_years, dtype=np.float64), (n,))
    bad = ~np.isfinite(term) | (term <= 0) | (term > maximum)
    _first_bad("term_years", bad, "have a term outside (0, the statutory maximum of their use]")
    return np.asarray(term)


def _flags(tables: TableSet, groups: Groups) -> dict[str, BoolArray]:
    names = ("factors", "multiplicative", "date", "term", "development")
    flags = {
        name: np.asarray(
            [
                bool(getattr(_table(tables, groups, i).options.corrections, name))
                for i in _each(groups)
            ]
        )
        for name in names
    }
    return flags


def _date_k(
    tables: TableSet, groups: Groups, valuation_date: dt.date | ArrayLike | None, on: BoolArray
) -> tuple[FloatArray, BoolArray]:
    n = len(groups.group)
    dates = as_days(tables.source.base_date if valuation_date is None else valuation_date)
    k, held = np.ones(n), np.zeros(n, dtype=bool)
    use_of = groups.group_use[groups.group]
    for u, use_key in enumerate(groups.table_uses):
        mask = use_of == u
        subset = dates if len(dates) == 1 else dates[mask]
        correction, path = date_correction(tables, use_key)
        base = tables.source.base_date
        if correction.index is not None:
            first = np.datetime64(correction.index[0].date, "D")
            _first_bad("valuation_date", subset < first, f"are before the index starts ({path})")
            xs, ys = [p.date for p in correction.index], [p.index for p in correction.index]
            ratio, after = index_coefficient(subset, xs, ys, base)
        else:
            ratio = growth_coefficient(
                correction.monthly_growth_rate or 0.0, months_between(base, subset)
            )
            after = np.zeros(len(subset), dtype=bool)
        table = tables.uses[use_key]
        applied = bool(on[np.flatnonzero(groups.group_use == u)[0]])
        k[mask] = round_half_up(ratio, table.options.factor_decimals) if applied else 1.0
        held[mask] = after
    return k, held


def _term_k(tables: TableSet, groups: Groups, term: FloatArray, on: BoolArray) -> FloatArray:
    tables_of = [_table(tables, groups, i) for i in _each(groups)]
    rate = np.asarray([t.reduction_rate for t in tables_of])
    base = np.asarray(
        [
            base_term(t, groups.table_uses[int(u)])
            for t, u in zip(tables_of, groups.group_use, strict=True)
        ]
    )
    g = groups.group
    ratio = term_coefficient(rate[g], term, base[g])
    return np.where(on[g], round_half_up(ratio, groups.factor_decimals[g]), 1.0)


def _far_k(tables: TableSet, groups: Groups, far: FloatArray) -> tuple[FloatArray, BoolArray]:
    n = len(groups.group)
    k, clamped = np.ones(n), np.zeros(n, dtype=bool)
    order = np.argsort(groups.group, kind="stable")
    ends = np.cumsum(np.bincount(groups.group, minlength=len(groups.group_use)))
    for i in _each(groups):
        table, use_key = _table(tables, groups, i), groups.table_uses[int(groups.group_use[i])]
        if not far_applies(table, use_key):
            continue
        idx = order[(ends[i - 1] if i else 0) : ends[i]]
        rows, _ = far_rows(table, groups.group_grade[i])
        xs, ks = [r.far for r in rows], [r.coefficient for r in rows]
        ratio, outside = far_ratio(far[idx], xs, ks, table.base_far)
        k[idx] = round_half_up(ratio, table.options.factor_decimals)
        clamped[idx] = outside
    return k, clamped


def _development(
    tables: TableSet, groups: Groups, development: Coded | ArrayLike | None
) -> FloatArray:
    n = len(groups.group)
    if development is None:
        return np.zeros(n)
    coded = _coded(development)
    table = np.zeros((len(groups.table_uses), len(coded.labels)))
    for u, use_key in enumerate(groups.table_uses):
        base_items = expand_development(
            tables, tables.uses[use_key].base_development, "base_development"
        )
        for j, label in enumerate(coded.labels):
            names = label.split("+") if label else base_items
            items = expand_development(tables, names, "development")
            table[u, j] = development_cost(tables, items) - development_cost(tables, base_items)
    return np.asarray(table[groups.group_use[groups.group], coded.codes], dtype=np.float64)


def _below_minimum(tables: TableSet, uses: Coded, unit: FloatArray) -> BoolArray:
    grade = tables.national_industrial_grade
    if grade is None:
        return np.zeros(len(unit), dtype=bool)
    industrial = np.asarray([is_industrial(u) for u in uses.labels], dtype=bool)[uses.codes]
    return np.asarray(industrial & (unit < industrial_minimum(grade)))
