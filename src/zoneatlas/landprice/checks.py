"""Rules of a table set that span fields. Each problem names its field path, e.g.
``uses.residential.far_table[2].far``; :func:`check_table_set` returns them all at once."""

from __future__ import annotations

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.errors import Problem
from zoneatlas.landprice.lookup import base_term, expand_development, far_applies, far_rows
from zoneatlas.landprice.standards import LEVELS, USE_CATEGORY, known_uses, statutory_max_term
from zoneatlas.landprice.tables import DateCorrection, Factor, FarRow, TableSet, UseTable

#: Largest |percentage| of one additive factor level.
MAX_ABS_PERCENT = 50.0
#: Range (exclusive low, inclusive high) of a multiplicative factor coefficient.
MULTIPLICATIVE_RANGE = (0.0, 2.0)
#: Largest monthly growth rate accepted, as a fraction.
MAX_ABS_MONTHLY_GROWTH = 0.1
#: Longest gap in days between index points for each declared frequency (default: annual).
MAX_GAP_DAYS = {"monthly": 31, "quarterly": 92, "semiannual": 184, "annual": 366}


def check_table_set(tables: TableSet) -> list[Problem]:
    """Every cross-field problem of ``tables`` (an empty list when it is valid)."""
    problems: list[Problem] = []
    if not tables.uses:
        problems.append(Problem("uses", "the table set has no use tables"))
    for use_key, table in tables.uses.items():
        path = f"uses.{use_key}"
        if use_key not in USE_CATEGORY:
            problems.append(Problem(path, f"unknown land use; known: {', '.join(known_uses())}"))
            continue
        problems += _check_use(tables, use_key, table, path)
    for use, target in tables.use_mapping.items():
        if use not in USE_CATEGORY:
            problems.append(Problem(f"use_mapping.{use}", "unknown land use"))
        if target not in tables.uses:
            problems.append(Problem(f"use_mapping.{use}", f"no use table {target!r}"))
    for key, bundle in tables.development_bundles.items():
        for i, item in enumerate(bundle.items):
            if item not in tables.development_costs:
                path = f"development_bundles.{key}.items[{i}]"
                problems.append(Problem(path, f"unknown development item {item!r}"))
    problems += _check_date(tables.date_correction, "date_correction", tables)
    return problems


def _check_use(tables: TableSet, use_key: str, table: UseTable, path: str) -> list[Problem]:
    problems: list[Problem] = []
    if not table.grades:
        problems.append(Problem(f"{path}.grades", "at least one grade is required"))
    for grade, price in table.grades.items():
        if price <= 0:
            problems.append(Problem(f"{path}.grades.{grade}", "benchmark price must be > 0 元/m²"))
    if table.base_far <= 0:
        problems.append(Problem(f"{path}.base_far", "must be > 0"))
    term, maximum = base_term(table, use_key), statutory_max_term(use_key)
    if not 0 < term <= maximum:
        message = f"{term:g} years is outside (0, {maximum}], the statutory maximum for {use_key}"
        problems.append(Problem(f"{path}.base_term_years", message))
    try:
        expand_development(tables, table.base_development, f"{path}.base_development")
    except InvalidParameter as exc:
        problems.append(Problem(exc.parameter, exc.reason))
    problems += _check_factors(table, path)
    problems += _check_far_tables(table, use_key, path)
    if table.date_correction is not None:
        problems += _check_date(table.date_correction, f"{path}.date_correction", tables)
    return problems


def _check_factors(table: UseTable, path: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, factor in enumerate(table.factors):
        fpath = f"{path}.factors[{i}]"
        if factor.key in seen:
            problems.append(Problem(f"{fpath}.key", f"duplicate factor key {factor.key!r}"))
        seen.add(factor.key)
        problems += _check_levels(factor, factor.levels, f"{fpath}.levels")
        for grade, levels in factor.levels_by_grade.items():
            gpath = f"{fpath}.levels_by_grade.{grade}"
            if grade not in table.grades:
                problems.append(Problem(gpath, f"no grade {grade!r} in this use's grades"))
            problems += _check_levels(factor, levels, gpath)
        problems += _check_numeric(factor, f"{fpath}.numeric")
    return problems


def _check_levels(factor: Factor, levels: dict[str, float], path: str) -> list[Problem]:
    problems = [Problem(f"{path}.{name}", "unknown level") for name in levels if name not in LEVELS]
    missing = [name for name in LEVELS if name not in levels]
    if missing:
        problems.append(Problem(path, f"missing level(s) {', '.join(missing)}"))
        return problems
    low, high = MULTIPLICATIVE_RANGE
    for name in LEVELS:
        value = levels[name]
        if factor.kind == "additive" and abs(value) > MAX_ABS_PERCENT:
            problems.append(
                Problem(f"{path}.{name}", f"{value:g} % is outside ±{MAX_ABS_PERCENT:g} %")
            )
        if factor.kind == "multiplicative" and not low < value <= high:
            problems.append(
                Problem(f"{path}.{name}", f"coefficient {value:g} is outside ({low:g}, {high:g}]")
            )
    values = [levels[name] for name in LEVELS]
    for better, worse, name in zip(values, values[1:], LEVELS[1:], strict=False):
        if worse > better:
            problems.append(Problem(f"{path}.{name}", "levels must not rise from 优 to 劣"))
    return problems


def _check_numeric(factor: Factor, path: str) -> list[Problem]:
    numeric = factor.numeric
    if numeric is None:
        return []
    problems: list[Problem] = []
    thresholds = numeric.thresholds
    if len(thresholds) != 4:
        problems.append(Problem(f"{path}.thresholds", f"needs 4 thresholds, has {len(thresholds)}"))
    for i in range(1, len(thresholds)):
        if thresholds[i] <= thresholds[i - 1]:
            problems.append(Problem(f"{path}.thresholds[{i}]", "thresholds must increase strictly"))
    if numeric.source == "distance" and not numeric.target:
        problems.append(Problem(f"{path}.target", "a distance factor needs a target layer"))
    return problems


def _check_far_tables(table: UseTable, use_key: str, path: str) -> list[Problem]:
    problems: list[Problem] = []
    for grade, rows in table.far_tables_by_grade.items():
        if grade not in table.grades:
            problems.append(Problem(f"{path}.far_tables_by_grade.{grade}", "unknown grade"))
        problems += _check_far_rows(rows, table.base_far, f"{path}.far_tables_by_grade.{grade}")
    if table.far_table is not None:
        problems += _check_far_rows(table.far_table, table.base_far, f"{path}.far_table")
    if far_applies(table, use_key):
        lacking = [g for g in table.grades if not far_rows(table, g)[0]]
        if lacking:
            grades = ", ".join(lacking)
            message = f"required: the FAR correction applies and grade(s) {grades} have no table"
            problems.append(Problem(f"{path}.far_table", message))
    return problems


def _check_far_rows(rows: list[FarRow], base_far: float, path: str) -> list[Problem]:
    if len(rows) < 2:
        return [Problem(path, "needs at least 2 rows")]
    problems: list[Problem] = []
    for i, row in enumerate(rows):
        if i and row.far <= rows[i - 1].far:
            message = f"FAR {row.far:g} must be greater than the previous row's {rows[i - 1].far:g}"
            problems.append(Problem(f"{path}[{i}].far", message))
        if row.coefficient <= 0:
            problems.append(Problem(f"{path}[{i}].coefficient", "must be > 0"))
    if not rows[0].far <= base_far <= rows[-1].far:
        message = (
            f"base FAR {base_far:g} is outside the table ({rows[0].far:g} to {rows[-1].far:g})"
        )
        problems.append(Problem(path, message))
    return problems


def _check_date(correction: DateCorrection, path: str, tables: TableSet) -> list[Problem]:
    has_index, has_rate = correction.index is not None, correction.monthly_growth_rate is not None
    if has_index == has_rate:
        return [Problem(path, "give exactly one of index and monthly_growth_rate")]
    if correction.monthly_growth_rate is not None:
        if abs(correction.monthly_growth_rate) >= MAX_ABS_MONTHLY_GROWTH:
            return [Problem(f"{path}.monthly_growth_rate", "must be within ±0.1 (10 % a month)")]
        return []
    points = correction.index or []
    if len(points) < 2:
        return [Problem(f"{path}.index", "needs at least 2 points")]
    problems: list[Problem] = []
    max_gap = MAX_GAP_DAYS[correction.frequency or "annual"]
    for i, point in enumerate(points):
        if point.index <= 0:
            problems.append(Problem(f"{path}.index[{i}].index", "must be > 0"))
        if i == 0:
            continue
        gap = (point.date - points[i - 1].date).days
        if gap <= 0:
            message = f"{point.date} must be after the previous point's {points[i - 1].date}"
            problems.append(Problem(f"{path}.index[{i}].date", message))
        elif gap > max_gap:
            message = f"gap of {gap} days after {points[i - 1].date} exceeds {max_gap} days"
            problems.append(Problem(f"{path}.index[{i}].date", message))
    base = tables.source.base_date
    if not points[0].date <= base <= points[-1].date:
        message = f"base date {base} is outside the series ({points[0].date} to {points[-1].date})"
        problems.append(Problem(f"{path}.index", message))
    return problems
