"""The land price reference of the index: benchmark prices by grade, at points and cells.

The reference price of a location is the benchmark land price (基准地价, 元/m² of land) of
the land use that fits the investor's industry, at the benchmark land grade (土地级别) whose
polygon holds the location. It is the plain benchmark price of the grade, before any
parcel correction (shape, plot ratio, term, date): the index compares locations, and
those corrections describe a parcel, not a place.

>>> from shapely.geometry import box
>>> grades_at({"I": box(0, 0, 10, 10), "II": box(10, 0, 20, 10)},
...           np.array([5.0, 15.0, 25.0]), np.array([5.0, 5.0, 5.0])).tolist()
['I', 'II', '']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.lookup import resolve_grade, table_use
from zoneatlas.landprice.tables import TableSet

FloatArray = npt.NDArray[np.float64]
StrArray = npt.NDArray[np.str_]


@dataclass(frozen=True)
class PriceTable:
    """Benchmark prices (元/m²) by grade of the use table that prices ``use``.

    ``table`` is the table's key (``use`` itself or its ``use_mapping`` target), None when
    the table set has no table for ``use`` (or there is no table set); ``prices`` is then
    empty and every price NaN.
    """

    use: str
    table: str | None
    prices: Mapping[str, float]

    def at(self, grades: StrArray) -> FloatArray:
        """Price of each grade label (NaN for "" or a grade the table lacks)."""
        labels, inverse = np.unique(np.asarray(grades, dtype=np.str_), return_inverse=True)
        lookup = np.array([self.prices.get(str(label), np.nan) for label in labels.tolist()])
        return np.asarray(lookup[inverse].reshape(np.shape(grades)), dtype=np.float64)


def price_table(tables: TableSet | None, use: str) -> PriceTable:
    """The prices that stand for ``use`` in ``tables`` (grade labels as the table has them,
    plus roman/arabic aliases, so that grade polygons labelled "2" find grade "II")."""
    if tables is None:
        return PriceTable(use, None, {})
    try:
        key = table_use(tables, use)
    except InvalidParameter:
        return PriceTable(use, None, {})
    table = tables.uses[key]
    prices = dict(table.grades)
    for alias in _aliases(list(table.grades)):
        prices.setdefault(alias, table.grades[resolve_grade(table, alias)])
    return PriceTable(use, key, prices)


def _aliases(labels: list[str]) -> list[str]:
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
    result = []
    for label in labels:
        if label.upper() in roman:
            result.append(str(roman.index(label.upper()) + 1))
        elif label.isdigit() and 1 <= int(label) <= len(roman):
            result.append(roman[int(label) - 1])
    return result


def grades_at(grades: Mapping[str, BaseGeometry], x: FloatArray, y: FloatArray) -> StrArray:
    """Grade label of the polygon holding each point ("" outside every polygon; on a shared
    edge the first grade listed wins)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    width = max((len(label) for label in grades), default=1)
    out = np.full(x.shape, "", dtype=f"<U{width}")
    for label, polygon in grades.items():  # a handful of grades, each test vectorized
        hit = shapely.intersects_xy(polygon, x, y) & (out == "")
        out[hit] = label
    return out


def majority_grades(
    grades: Mapping[str, BaseGeometry], geometries: npt.NDArray[np.object_]
) -> StrArray:
    """The grade whose polygon holds most of each geometry ("" when none does); points take
    the polygon holding them. Same rule as
    :func:`zoneatlas.landprice.grades.grade_for_geometry`, vectorized."""
    labels = list(grades)
    width = max((len(label) for label in labels), default=1)
    out = np.full(len(geometries), "", dtype=f"<U{width}")
    if not labels or len(geometries) == 0:
        return out
    polygons = np.array([grades[label] for label in labels], dtype=object)
    areas = shapely.area(shapely.intersection(geometries[:, None], polygons[None, :]))
    best = np.argmax(areas, axis=1)
    has = areas[np.arange(len(geometries)), best] > 0
    out[has] = np.array(labels)[best[has]]
    points = shapely.get_type_id(geometries) == 0
    if points.any():
        xy = shapely.get_coordinates(geometries[points])
        out[points] = grades_at(grades, xy[:, 0], xy[:, 1])
    return out


def relative_price(price: FloatArray, median: float, min_relative: float) -> FloatArray:
    """``max(P / P_median, min_relative)``; NaN where P is unknown or not positive."""
    price = np.asarray(price, dtype=np.float64)
    if not (np.isfinite(median) and median > 0):
        return np.full(price.shape, np.nan)
    with np.errstate(invalid="ignore"):
        ratio = np.where(price > 0, price / median, np.nan)
    return np.asarray(np.maximum(ratio, min_relative))


def value_index(quality: FloatArray, relative: FloatArray) -> FloatArray:
    """``V = Q / (P / P_median)``: quality points per unit of relative land cost (NaN where
    the relative price is unknown). At the median price V = Q; at twice it V = Q / 2."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.asarray(quality, dtype=np.float64) / relative)
