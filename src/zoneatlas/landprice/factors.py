"""Regional and individual factors of one parcel: level → percent (ΣK_i) or coefficient (ΠK_j).

A factor's level comes, in this order, from the level the request gives, from a numeric
input graded by the factor's thresholds, from a distance derived from the parcel's geometry
(``request.derived``), or else 一般 (average) with a warning. Percentages are summed and
coefficients multiplied in the order of the factor keys, as the batch engine does, so both
give the same bits.
"""

from __future__ import annotations

import math

import numpy as np

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.coefficients import grade_levels, round_half_up
from zoneatlas.landprice.model import BreakdownEntry, InputSource, ValuationRequest
from zoneatlas.landprice.standards import AVERAGE_LEVEL, LEVELS, LEVELS_EN, level_index
from zoneatlas.landprice.tables import Factor, UseTable


def apply_factors(
    table: UseTable,
    use_key: str,
    grade: str,
    request: ValuationRequest,
    breakdown: list[BreakdownEntry],
    warnings: list[str],
) -> tuple[float, float]:
    """Grade every factor of the use, append its breakdown entry, return (ΣK_i %, ΠK_j).

    Raises
    ------
    InvalidParameter
        A level or input names a factor the use does not have, or a level that does not
        exist, or a numeric input for a factor without thresholds.
    """
    known = {factor.key for factor in table.factors}
    for field, given in (("levels", request.levels), ("inputs", request.inputs)):
        for key in given:
            if key not in known:
                reason = f"unknown factor for {use_key}; known: {', '.join(sorted(known))}"
                raise InvalidParameter(f"{field}.{key}", reason)
    flags = table.options.corrections
    assumed: list[str] = []
    by_key: dict[str, BreakdownEntry] = {}
    for i, factor in enumerate(table.factors):
        level, shown, source = _level(factor, request)
        if source == "default":
            assumed.append(factor.key)
        by_grade = grade in factor.levels_by_grade
        values = factor.levels_by_grade[grade] if by_grade else factor.levels
        path = f"uses.{use_key}.factors[{i}]." + (
            f"levels_by_grade.{grade}" if by_grade else "levels"
        )
        applied = flags.factors if factor.kind == "additive" else flags.multiplicative
        entry = _entry(factor, values[LEVELS[level]], level, shown, source, path, applied, table)
        by_key[factor.key] = entry
        breakdown.append(entry)
    if assumed:
        warnings.append(f"factor(s) not given, assumed 一般 (average): {', '.join(assumed)}")
    percent_sum, product = 0.0, 1.0
    for key in sorted(by_key):
        entry = by_key[key]
        if entry.applied and entry.kind == "additive" and entry.percent is not None:
            percent_sum += entry.percent
        if entry.applied and entry.kind == "multiplicative" and entry.coefficient is not None:
            product *= entry.coefficient
    return percent_sum, product


def _level(
    factor: Factor, request: ValuationRequest
) -> tuple[int, str | float | None, InputSource]:
    key = factor.key
    if key in request.levels:
        text = request.levels[key]
        index = level_index(text)
        if index is None:
            choices = ", ".join(f"{zh} ({en})" for zh, en in zip(LEVELS, LEVELS_EN, strict=True))
            raise InvalidParameter(f"levels.{key}", f"unknown level {text!r}; use one of {choices}")
        return index, text, "level"
    numeric = factor.numeric
    if key in request.inputs:
        value = request.inputs[key]
        if numeric is None:
            raise InvalidParameter(f"inputs.{key}", "this factor has no thresholds; give a level")
        if not math.isfinite(value):
            raise InvalidParameter(f"inputs.{key}", "must be a finite number")
        return _graded(factor, value), value, "input"
    if key in request.derived and numeric is not None and numeric.source == "distance":
        value = request.derived[key]
        return _graded(factor, value), value, "geometry"
    return AVERAGE_LEVEL, None, "default"


def _graded(factor: Factor, value: float) -> int:
    assert factor.numeric is not None
    numeric = factor.numeric
    thresholds = np.asarray(numeric.thresholds, dtype=np.float64)
    lower = numeric.direction == "lower_better"
    return int(grade_levels(np.asarray([value], dtype=np.float64), thresholds, lower)[0])


def _entry(
    factor: Factor,
    value: float,
    level: int,
    shown: str | float | None,
    source: InputSource,
    path: str,
    applied: bool,
    table: UseTable,
) -> BreakdownEntry:
    numeric_input = factor.numeric is not None and source in ("input", "geometry")
    unit = factor.numeric.unit if factor.numeric is not None and numeric_input else ""
    note = _threshold_note(factor) if source in ("input", "geometry") else ""
    common: dict[str, object] = {
        "key": factor.key,
        "name_zh": factor.name_zh,
        "name_en": factor.name_en,
        "input": shown,
        "input_source": source,
        "unit": unit,
        "level": f"{LEVELS[level]} ({LEVELS_EN[level]})",
        "applied": applied,
        "table": path,
        "note": note,
    }
    if factor.kind == "additive":
        return BreakdownEntry.model_validate({**common, "kind": "additive", "percent": value})
    coefficient = float(round_half_up(value, table.options.factor_decimals)[0])
    return BreakdownEntry.model_validate(
        {**common, "kind": "multiplicative", "coefficient": coefficient}
    )


def _threshold_note(factor: Factor) -> str:
    assert factor.numeric is not None
    numeric = factor.numeric
    sign = "≤" if numeric.direction == "lower_better" else "≥"
    ordered = numeric.thresholds if sign == "≤" else list(reversed(numeric.thresholds))
    parts = [f"{LEVELS[i]} {sign} {t:g}" for i, t in enumerate(ordered)]
    return f"thresholds ({numeric.unit}): " + ", ".join(parts)


def sum_entry(percent_sum: float, k_factors: float, applied: bool) -> BreakdownEntry:
    """Breakdown line of 1 + ΣK_i."""
    return BreakdownEntry(
        key="factor_sum",
        name_zh="区域及个别因素修正",
        name_en="Factor sum (1+ΣK_i)",
        kind="correction",
        input=f"ΣK_i = {percent_sum:g} %",
        unit="%",
        coefficient=k_factors,
        applied=applied,
        table="",
    )
