"""Factor sums of the batch engine: ΣK_i (percent) and ΠK_j for every parcel.

For each factor key (in key order, as the per-parcel engine sums them) the tables become
per-group arrays of five level values; a parcel's level picks its value with one gather.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.coefficients import (
    BoolArray,
    FloatArray,
    IntArray,
    grade_levels,
    round_half_up,
)
from zoneatlas.landprice.standards import AVERAGE_LEVEL, LEVELS, level_index
from zoneatlas.landprice.tables import TableSet

if TYPE_CHECKING:
    from zoneatlas.landprice.batch import Coded, Groups


@dataclass(frozen=True)
class _FactorArrays:
    """One factor key across the groups: level values and thresholds, shape (groups, ...)."""

    percent: FloatArray  # (G, 5), 0 where absent or not applied
    coefficient: FloatArray  # (G, 5), 1 where absent or not applied
    present: BoolArray  # (G,)
    thresholds: FloatArray  # (G, 4), NaN without thresholds
    lower_better: BoolArray  # (G,)
    numeric: BoolArray  # (G,)
    distance: BoolArray  # (G,) numeric with source "distance"


def factor_sums(
    tables: TableSet,
    groups: Groups,
    levels: Mapping[str, Coded | ArrayLike],
    inputs: Mapping[str, ArrayLike],
    derived: Mapping[str, ArrayLike],
) -> tuple[FloatArray, FloatArray]:
    """ΣK_i in percent and ΠK_j of every parcel.

    A level beats a numeric input, which beats a derived distance; else 一般. Derived
    distances of factors a parcel's use does not grade by distance are ignored.
    """
    keys = sorted({f.key for use_key in groups.table_uses for f in tables.uses[use_key].factors})
    for field, given in (("levels", levels), ("inputs", inputs)):
        for key in given:
            if key not in keys:
                raise InvalidParameter(
                    f"{field}.{key}", f"unknown factor; known: {', '.join(keys)}"
                )
    g = groups.group.astype(np.int64)
    percent_sum, product = np.zeros(len(g)), np.ones(len(g))
    for key in keys:
        arrays = _factor_arrays(tables, groups, key)
        sources = (levels.get(key), inputs.get(key), derived.get(key))
        if all(x is None for x in sources):  # everyone at 一般: one gather per array
            percent_sum = percent_sum + arrays.percent[:, AVERAGE_LEVEL][g]
            product = product * arrays.coefficient[:, AVERAGE_LEVEL][g]
            continue
        flat = g * 5 + _levels(key, arrays, g, *sources)
        percent_sum = percent_sum + arrays.percent.ravel()[flat]
        product = product * arrays.coefficient.ravel()[flat]
    return percent_sum, product


def _factor_arrays(tables: TableSet, groups: Groups, key: str) -> _FactorArrays:
    count = len(groups.group_use)
    arrays = _FactorArrays(
        percent=np.zeros((count, 5)),
        coefficient=np.ones((count, 5)),
        present=np.zeros(count, dtype=bool),
        thresholds=np.full((count, 4), np.nan),
        lower_better=np.ones(count, dtype=bool),
        numeric=np.zeros(count, dtype=bool),
        distance=np.zeros(count, dtype=bool),
    )
    for i in range(count):
        table = tables.uses[groups.table_uses[int(groups.group_use[i])]]
        factor = next((f for f in table.factors if f.key == key), None)
        if factor is None:
            continue
        arrays.present[i] = True
        values = factor.levels_by_grade.get(groups.group_grade[i], factor.levels)
        row = [values[name] for name in LEVELS]
        corrections = table.options.corrections
        if factor.kind == "additive" and corrections.factors:
            arrays.percent[i] = row
        elif factor.kind == "multiplicative" and corrections.multiplicative:
            arrays.coefficient[i] = round_half_up(row, table.options.factor_decimals)
        if factor.numeric is not None:
            arrays.thresholds[i] = factor.numeric.thresholds
            arrays.lower_better[i] = factor.numeric.direction == "lower_better"
            arrays.numeric[i] = True
            arrays.distance[i] = factor.numeric.source == "distance"
    return arrays


def _levels(
    key: str,
    arrays: _FactorArrays,
    g: IntArray,
    given_levels: Coded | ArrayLike | None,
    given_inputs: ArrayLike | None,
    given_derived: ArrayLike | None,
) -> IntArray:
    level = np.full(len(g), AVERAGE_LEVEL, dtype=np.int64)
    if given_derived is not None:
        values = np.asarray(given_derived, dtype=np.float64).ravel()
        usable = ~np.isnan(values)
        if not arrays.distance.all():
            usable &= arrays.distance[g]
        level = np.where(usable, _graded(values, arrays, g), level)
    if given_inputs is not None:
        values = np.asarray(given_inputs, dtype=np.float64).ravel()
        given = ~np.isnan(values)
        _check_present(f"inputs.{key}", given, g, arrays.present)
        _check_present(f"inputs.{key}", given, g, arrays.numeric, "has no thresholds; give a level")
        level = np.where(given, _graded(values, arrays, g), level)
    if given_levels is not None:
        codes = _level_codes(key, given_levels)
        given = codes >= 0
        _check_present(f"levels.{key}", given, g, arrays.present)
        level = np.where(given, codes, level)
    return level


def _graded(values: FloatArray, arrays: _FactorArrays, g: IntArray) -> IntArray:
    """Levels of every value by its group's thresholds (NaN thresholds give junk that the
    caller masks out)."""
    lower = arrays.lower_better[g] if not arrays.lower_better.all() else True
    return grade_levels(values, arrays.thresholds[g], lower)


def _check_present(
    name: str,
    given: BoolArray,
    g: IntArray,
    ok: BoolArray,
    what: str = "is not in their use's table",
) -> None:
    if ok.all():
        return
    bad = given & ~ok[g]
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise InvalidParameter(
            name, f"{int(bad.sum())} parcel(s) give a factor that {what} (first: parcel {first})"
        )


def _level_codes(key: str, given: Coded | ArrayLike) -> IntArray:
    labels = getattr(given, "labels", None)
    if labels is not None:
        lookup = []
        for label in labels:
            index = -1 if label == "" else level_index(label)
            if index is None:
                raise InvalidParameter(f"levels.{key}", f"unknown level {label!r}")
            lookup.append(index)
        return np.asarray(lookup, dtype=np.int64)[given.codes]  # type: ignore[union-attr]
    array = np.asarray(given)
    if array.dtype.kind in "iu":
        codes = np.asarray(array, dtype=np.int64).ravel()
        if len(codes) and (codes.min() < -1 or codes.max() > 4):
            raise InvalidParameter(
                f"levels.{key}", "level indices are 0 (优) to 4 (劣), -1 = not given"
            )
        return codes
    from zoneatlas.landprice.batch import Coded

    return _level_codes(key, Coded.from_values(array))
