"""The correction steps of one parcel: each computes its coefficient and explains it.

K_t (date), K_y (term), K_v (plot ratio), D (development level) and the industrial minimum
check, used by :func:`zoneatlas.landprice.engine.value_parcel`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.coefficients import (
    as_days,
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
)
from zoneatlas.landprice.model import BreakdownEntry, MinimumCheck
from zoneatlas.landprice.standards import (
    INDUSTRIAL_MINIMUM_SOURCE,
    PRIORITY_PROJECT_SHARE,
    industrial_minimum,
    is_industrial,
)
from zoneatlas.landprice.tables import TableSet, UseTable


@dataclass
class Notes:
    """The explanation written while a price is computed."""

    breakdown: list[BreakdownEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def one(value: float, decimals: int | None) -> float:
    """``value`` rounded half up to ``decimals`` places, as the batch engine rounds it."""
    return float(round_half_up(value, decimals)[0])


def applies(table: UseTable, correction: str) -> bool:
    """Whether the use's options switch on ``correction`` (factors, date, term, ...)."""
    return bool(getattr(table.options.corrections, correction))


def date_step(tables: TableSet, use_key: str, date: dt.date, notes: Notes) -> float:
    """K_t, rounded: I(t)/I(base date) from the index, or (1 + g)^months."""
    table = tables.uses[use_key]
    correction, path = date_correction(tables, use_key)
    base = tables.source.base_date
    days = as_days(date)
    if correction.index is not None:
        first, last = correction.index[0], correction.index[-1]
        if date < first.date:
            reason = f"{date} is before the land price index starts ({first.date}, {path}.index)"
            raise InvalidParameter("valuation_date", reason)
        xs, ys = [p.date for p in correction.index], [p.index for p in correction.index]
        ratio, held = index_coefficient(days, xs, ys, base)
        if held[0]:
            notes.warnings.append(
                f"the land price index ends on {last.date}; K_t holds its last value {last.index:g}"
            )
        x_days = np.asarray(xs, dtype="datetime64[D]").astype(np.int64)
        at = np.interp(days.astype(np.int64), x_days, ys)
        at_base = np.interp(as_days(base).astype(np.int64), x_days, ys)
        text = f"I({date}) / I({base}) = {float(at[0]):g} / {float(at_base[0]):g}"
        table_path = f"{path}.index"
    else:
        rate = correction.monthly_growth_rate or 0.0
        months = months_between(base, days)
        ratio = growth_coefficient(rate, months)
        text = f"(1 + {rate:g})^{float(months[0]):.4f} months since {base}"
        table_path = f"{path}.monthly_growth_rate"
    applied = applies(table, "date")
    k_date = one(float(ratio[0]), table.options.factor_decimals) if applied else 1.0
    notes.breakdown.append(
        BreakdownEntry(
            key="date",
            name_zh="期日修正",
            name_en="Date correction (K_t)",
            kind="correction",
            input=text,
            coefficient=k_date,
            applied=applied,
            table=table_path,
        )
    )
    return k_date


def term_step(table: UseTable, use_key: str, term: float, notes: Notes) -> float:
    """K_y, rounded: [1 − 1/(1+r)^m] / [1 − 1/(1+r)^n]."""
    n, rate = base_term(table, use_key), table.reduction_rate
    applied = applies(table, "term")
    ratio = term_coefficient(np.asarray([rate]), np.asarray([term]), np.asarray([n]))
    k_term = one(float(ratio[0]), table.options.factor_decimals) if applied else 1.0
    notes.breakdown.append(
        BreakdownEntry(
            key="term",
            name_zh="年期修正",
            name_en="Term correction (K_y)",
            kind="correction",
            input=f"m = {term:g}, n = {n:g}, r = {rate:g}",
            unit="years",
            coefficient=k_term,
            applied=applied,
            table=f"uses.{use_key}.reduction_rate",
        )
    )
    return k_term


def far_step(table: UseTable, use_key: str, grade: str, far: float, notes: Notes) -> float:
    """K_v, rounded: K(FAR) / K(FAR_base), linear between rows, clamped with a warning."""
    names: dict[str, object] = {
        "key": "far",
        "name_zh": "容积率修正",
        "name_en": "Plot ratio correction (K_v)",
        "kind": "correction",
    }
    if not far_applies(table, use_key):
        notes.breakdown.append(
            BreakdownEntry.model_validate(
                names
                | {
                    "input": far,
                    "coefficient": 1.0,
                    "applied": False,
                    "note": "not applied to this use by the table set's options",
                }
            )
        )
        return 1.0
    rows, name = far_rows(table, grade)
    xs, ks = [r.far for r in rows], [r.coefficient for r in rows]
    ratio, clamped = far_ratio(far, xs, ks, table.base_far)
    k_far = one(float(ratio[0]), table.options.factor_decimals)
    note = f"K({far:g}) / K({table.base_far:g})"
    if clamped[0]:
        end = xs[0] if far < xs[0] else xs[-1]
        notes.warnings.append(
            f"FAR {far:g} is outside the FAR table ({xs[0]:g} to {xs[-1]:g}); "
            f"K(FAR) clamped to K({end:g})"
        )
        note += f"; clamped to K({end:g})"
    notes.breakdown.append(
        BreakdownEntry.model_validate(
            names
            | {"input": far, "coefficient": k_far, "table": f"uses.{use_key}.{name}", "note": note}
        )
    )
    return k_far


def development_step(
    tables: TableSet, use_key: str, development: list[str] | None, notes: Notes
) -> float:
    """D in 元/m²: cost of the parcel's development items minus the benchmark's."""
    table = tables.uses[use_key]
    base_items = expand_development(tables, table.base_development, "base_development")
    items = (
        base_items
        if development is None
        else expand_development(tables, development, "development")
    )
    applied = applies(table, "development")
    delta = development_cost(tables, items) - development_cost(tables, base_items)
    value = delta if applied else 0.0
    notes.breakdown.append(
        BreakdownEntry(
            key="development",
            name_zh="开发程度修正",
            name_en="Development level correction (D)",
            kind="development",
            input=", ".join(items),
            unit="元/m²",
            coefficient=value,
            applied=applied,
            table="development_costs",
            note=f"parcel items minus benchmark items ({', '.join(base_items)})",
        )
    )
    return value


def minimum_step(tables: TableSet, use: str, unit: float, notes: Notes) -> MinimumCheck | None:
    """Check industrial land against 全国工业用地出让最低价标准 for the zone's grade."""
    grade = tables.national_industrial_grade
    if grade is None or not is_industrial(use):
        return None
    minimum = industrial_minimum(grade)
    priority = one(minimum * PRIORITY_PROJECT_SHARE, 2)
    check = MinimumCheck(
        national_grade=grade,
        minimum_yuan_m2=minimum,
        priority_minimum_yuan_m2=priority,
        below_minimum=unit < minimum,
        below_priority_minimum=unit < priority,
        source=INDUSTRIAL_MINIMUM_SOURCE,
    )
    if check.below_minimum:
        notes.warnings.append(
            f"{unit:g} 元/m² is below the national industrial minimum {minimum:g} 元/m² of "
            f"grade {grade} (priority projects: {priority:g} 元/m²)"
        )
    return check
