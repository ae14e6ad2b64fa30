"""Value one parcel by the benchmark land price coefficient correction method.

    P = P_b × (1 + ΣK_i) × K_t × K_y × K_v × ΠK_j + D        (GB/T 18508-2014)

P_b is the benchmark price of the use and grade, ΣK_i the sum of additive factor
percentages, K_t the date, K_y the term and K_v the plot-ratio correction, ΠK_j the product
of multiplicative factors and D the development-level correction in 元/m². Each table set
says per use which corrections apply, where D is added and how results are rounded. Every
number of the result is explained by a :class:`~zoneatlas.landprice.model.BreakdownEntry`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice import steps
from zoneatlas.landprice.coefficients import combine
from zoneatlas.landprice.factors import apply_factors, sum_entry
from zoneatlas.landprice.lookup import base_term, resolve_grade, table_use
from zoneatlas.landprice.model import BreakdownEntry, Valuation, ValuationRequest
from zoneatlas.landprice.standards import statutory_max_term, use_name
from zoneatlas.landprice.tables import TableSet, UseTable
from zoneatlas.units import M2_PER_MU

FORMULA_END = "P = P_b × (1+ΣK_i) × K_t × K_y × K_v × ΠK_j + D"
FORMULA_BEFORE_TERM = "P = (P_b × (1+ΣK_i) × K_t × K_v × ΠK_j + D) × K_y"


@dataclass(frozen=True)
class _Coefficients:
    percent_sum: float
    k_factors: float
    k_date: float
    k_term: float
    k_far: float
    k_multiplicative: float
    development: float


def value_parcel(tables: TableSet, request: ValuationRequest) -> Valuation:
    """Estimate the land price of one parcel and explain every factor.

    Parameters
    ----------
    tables
        A validated table set (:func:`zoneatlas.landprice.load.parse_table_set`).
    request
        Use, grade, area (m²), FAR, term (years), date, factor levels or numeric inputs
        (distances in metres) and development items of the parcel.

    Returns
    -------
    Valuation
        Unit price (元/m²), totals (元, 万元), 万元/亩, floor price (元/m² of floor area),
        the breakdown, warnings and, for industrial land, the national minimum check.

    Raises
    ------
    InvalidParameter
        An unknown use, grade, factor or level; FAR <= 0; area <= 0; a term <= 0 or longer
        than the statutory maximum; a date before the index series starts.

    Examples
    --------
    >>> from zoneatlas.landprice.demo import demo_table_set
    >>> request = ValuationRequest(use="residential", grade="II", area_m2=20000, far=2.0)
    >>> value_parcel(demo_table_set(), request).unit_price_yuan_m2
    3800.0
    """
    use_key = table_use(tables, request.use)
    table = tables.uses[use_key]
    grade = resolve_grade(table, request.grade)
    term = _checked_term(request)
    date = request.valuation_date or tables.source.base_date
    notes = steps.Notes()
    benchmark = table.grades[grade]
    notes.breakdown.append(
        BreakdownEntry(
            key="benchmark",
            name_zh="基准地价",
            name_en="Benchmark land price",
            kind="benchmark",
            input=grade,
            unit="元/m²",
            coefficient=benchmark,
            table=f"uses.{use_key}.grades.{grade}",
        )
    )
    percent_sum, k_multiplicative = apply_factors(
        table, use_key, grade, request, notes.breakdown, notes.warnings
    )
    on = steps.applies(table, "factors")
    k_factors = steps.one(1.0 + percent_sum / 100.0, table.options.factor_decimals) if on else 1.0
    notes.breakdown.append(sum_entry(percent_sum, k_factors, on))
    k = _Coefficients(
        percent_sum=percent_sum,
        k_factors=k_factors,
        k_date=steps.date_step(tables, use_key, date, notes),
        k_term=steps.term_step(table, use_key, term, notes),
        k_far=steps.far_step(table, use_key, grade, request.far, notes),
        k_multiplicative=k_multiplicative,
        development=steps.development_step(tables, use_key, request.development, notes),
    )
    raw = combine(
        np.asarray([benchmark]),
        np.asarray([k.k_factors]),
        np.asarray([k.k_date]),
        np.asarray([k.k_term]),
        np.asarray([k.k_far]),
        np.asarray([k.k_multiplicative]),
        np.asarray([k.development]),
        table.options.development_position == "before_term",
    )
    unit = steps.one(float(raw[0]), table.options.price_decimals)
    minimum = steps.minimum_step(tables, request.use, unit, notes)
    fields = {
        **_identity(tables, request, use_key, grade, term, date),
        "benchmark_price_yuan_m2": benchmark,
        "factor_percent_sum": k.percent_sum,
        "k_factors": k.k_factors,
        "k_date": k.k_date,
        "k_term": k.k_term,
        "k_far": k.k_far,
        "k_multiplicative": k.k_multiplicative,
        "development_yuan_m2": k.development,
        "development_position": table.options.development_position,
        "formula": _formula(table, benchmark, k, unit),
        **_amounts(table, request, unit),
        "minimum": minimum,
        "breakdown": notes.breakdown,
        "warnings": notes.warnings,
    }
    return Valuation.model_validate(fields)


def _checked_term(request: ValuationRequest) -> float:
    for name, value in (("far", request.far), ("area_m2", request.area_m2)):
        if not math.isfinite(value) or value <= 0:
            raise InvalidParameter(name, f"must be a number > 0, got {value:g}")
    maximum = statutory_max_term(request.use)
    term = float(maximum) if request.term_years is None else request.term_years
    if not math.isfinite(term) or not 0 < term <= maximum:
        reason = (
            f"{term:g} years is outside (0, {maximum}], the statutory maximum for {request.use}"
        )
        raise InvalidParameter("term_years", reason)
    return term


def _identity(
    tables: TableSet,
    request: ValuationRequest,
    use_key: str,
    grade: str,
    term: float,
    date: dt.date,
) -> dict[str, object]:
    table, source, names = tables.uses[use_key], tables.source, use_name(request.use)
    return {
        "table_set": tables.name,
        "table_set_version": tables.version,
        "table_source": f"{source.issuing_body} {source.document_number} {source.title}".strip(),
        "synthetic_tables": source.synthetic,
        "parcel_code": request.parcel_code,
        "use": request.use,
        "use_name_zh": names.zh,
        "use_name_en": names.en,
        "table_use": use_key,
        "grade": grade,
        "area_m2": request.area_m2,
        "area_mu": steps.one(request.area_m2 / M2_PER_MU, 4),
        "far": request.far,
        "term_years": term,
        "base_term_years": base_term(table, use_key),
        "base_far": table.base_far,
        "base_date": source.base_date,
        "valuation_date": date,
    }


def _amounts(table: UseTable, request: ValuationRequest, unit: float) -> dict[str, float]:
    total = steps.one(unit * request.area_m2, 0)
    return {
        "unit_price_yuan_m2": unit,
        "total_yuan": total,
        "total_wan": steps.one(total / 1e4, 2),
        "wan_per_mu": steps.one(unit * M2_PER_MU / 1e4, 2),
        "floor_price_yuan_m2": steps.one(unit / request.far, table.options.price_decimals),
    }


def _formula(table: UseTable, benchmark: float, k: _Coefficients, unit: float) -> str:
    places = table.options.factor_decimals if table.options.factor_decimals is not None else 6
    f = [f"{c:.{places}f}" for c in (k.k_factors, k.k_date, k.k_term, k.k_far, k.k_multiplicative)]
    d = f"{k.development:g}" if k.development >= 0 else f"({k.development:g})"
    if table.options.development_position == "before_term":
        body = f"({benchmark:g} × {f[0]} × {f[1]} × {f[3]} × {f[4]} + {d}) × {f[2]}"
        return f"{FORMULA_BEFORE_TERM} = {body} = {unit:g} 元/m²"
    body = f"{benchmark:g} × {f[0]} × {f[1]} × {f[2]} × {f[3]} × {f[4]} + {d}"
    return f"{FORMULA_END} = {body} = {unit:g} 元/m²"
