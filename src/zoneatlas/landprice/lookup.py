"""Resolve what a request names (use, grade, development level) against a table set.

Shared by the per-parcel engine, the batch engine and the table checks, so all three read
the tables the same way.
"""

from __future__ import annotations

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.standards import USE_CATEGORY, known_uses, statutory_max_term
from zoneatlas.landprice.tables import DateCorrection, FarRow, TableSet, UseTable

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def table_use(tables: TableSet, use: str) -> str:
    """Key of the use table that prices land use ``use`` (itself or its ``use_mapping``).

    Raises
    ------
    InvalidParameter
        ``use`` is not a land-use key, or the table set has no table for it.
    """
    if use not in USE_CATEGORY:
        raise InvalidParameter("use", f"unknown land use {use!r}; known: {', '.join(known_uses())}")
    key = use if use in tables.uses else tables.use_mapping.get(use)
    if key is None or key not in tables.uses:
        have = ", ".join([*tables.uses, *tables.use_mapping])
        raise InvalidParameter("use", f"the table set has no table for {use!r} (it has: {have})")
    return key


def resolve_grade(table: UseTable, grade: str | int) -> str:
    """The table's grade label for ``grade``: exact, case-insensitive, or roman ↔ arabic.

    >>> from zoneatlas.landprice.demo import demo_table_set
    >>> resolve_grade(demo_table_set().uses["residential"], 2)
    'II'
    """
    given = str(grade).strip()
    labels = list(table.grades)
    for label in labels:
        if label.casefold() == given.casefold():
            return label
    alias = _roman_arabic(given)
    if alias is not None and alias in labels:
        return alias
    raise InvalidParameter("grade", f"unknown grade {given!r}; the table has: {', '.join(labels)}")


def _roman_arabic(text: str) -> str | None:
    if text.isdigit() and 1 <= int(text) <= len(_ROMAN):
        return _ROMAN[int(text) - 1]
    if text.upper() in _ROMAN:
        return str(_ROMAN.index(text.upper()) + 1)
    return None


def base_term(table: UseTable, use_key: str) -> float:
    """Benchmark term in years of a use table (the statutory maximum unless given)."""
    if table.base_term_years is not None:
        return table.base_term_years
    return float(statutory_max_term(use_key))


def far_applies(table: UseTable, use_key: str) -> bool:
    """Whether K_v applies: the option if set, else yes except for industrial uses."""
    option = table.options.corrections.far
    if option is not None:
        return option
    return USE_CATEGORY.get(use_key) != "industrial"


def far_rows(table: UseTable, grade: str) -> tuple[list[FarRow], str]:
    """FAR table for ``grade`` (per-grade table if any, else the use's) and its field name."""
    if grade in table.far_tables_by_grade:
        return table.far_tables_by_grade[grade], f"far_tables_by_grade.{grade}"
    return list(table.far_table or []), "far_table"


def date_correction(tables: TableSet, use_key: str) -> tuple[DateCorrection, str]:
    """Date correction of a use (its own or the table set's) and its field path."""
    own = tables.uses[use_key].date_correction
    if own is not None:
        return own, f"uses.{use_key}.date_correction"
    return tables.date_correction, "date_correction"


def expand_development(tables: TableSet, names: list[str], parameter: str) -> list[str]:
    """Development item keys named by ``names``: item keys, bundle keys or bundle 中文 names.

    Raises
    ------
    InvalidParameter
        A name is neither an item nor a bundle (``parameter`` names the field).
    """
    items: list[str] = []
    for name in names:
        bundle = _bundle(tables, name)
        if bundle is not None:
            items += [i for i in bundle if i not in items]
        elif name in tables.development_costs:
            items += [] if name in items else [name]
        else:
            known = ", ".join([*tables.development_bundles, *tables.development_costs])
            raise InvalidParameter(parameter, f"unknown development item {name!r}; known: {known}")
    return items


def _bundle(tables: TableSet, name: str) -> list[str] | None:
    for key, bundle in tables.development_bundles.items():
        if name in (key, bundle.name_zh):
            return bundle.items
    return None


def development_cost(tables: TableSet, items: list[str]) -> float:
    """Cost in 元/m² of land of the development items ``items`` (summed in the given order)."""
    total = 0.0
    for item in items:
        total += tables.development_costs[item].cost_yuan_m2
    return total
