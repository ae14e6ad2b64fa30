"""Quality score and value index on a grid and at points.

``Q = 100 · Σ_i w_i · f_i`` (points out of 100; contribution of factor i: ``100 · w_i ·
f_i``), and ``V = Q / max(P / P_median, m)`` with ``P`` the benchmark price of the
industry's land use at the location's grade and ``P_median`` its median over the zone's
cells (see :mod:`zoneatlas.attractiveness.price` and docs/attractiveness.md).

:func:`factor_grids` and :func:`score_grids` compute the layers on a grid (the map and the
normalisers: the agglomeration's reference density, the median price);
:func:`score_at` evaluates the same formulas exactly at given points with those
normalisers, so a grid cell's value is :func:`score_at` of its centre.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from zoneatlas.attractiveness.factors import normalise, raw_at, raw_grid, scale_of
from zoneatlas.attractiveness.inputs import AttractivenessInputs
from zoneatlas.attractiveness.model import AttractivenessModel
from zoneatlas.attractiveness.price import (
    PriceTable,
    grades_at,
    price_table,
    relative_price,
    value_index,
)
from zoneatlas.heat.grid import Grid
from zoneatlas.landprice.tables import describe_source

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.str_]


def zone_grid(boundary: BaseGeometry, cell_m: float, epsg: int | None = None) -> Grid:
    """A north-up grid of ``cell_m`` cells covering ``boundary`` (metres), its corners on
    multiples of the cell size so that grids of the same zone line up (and QGIS's
    "Create grid" with that origin gives the same cells)."""
    minx, miny, maxx, maxy = shapely.bounds(boundary).tolist()
    x0 = math.floor(minx / cell_m) * cell_m
    y0 = math.ceil(maxy / cell_m) * cell_m
    cols = max(math.ceil((maxx - x0) / cell_m), 1)
    rows = max(math.ceil((y0 - miny) / cell_m), 1)
    return Grid(x0, y0, cell_m, rows, cols, epsg)


def inside_mask(grid: Grid, boundary: BaseGeometry) -> BoolArray:
    """Cells whose centre lies in ``boundary`` (rows, cols)."""
    cx, cy = grid.centres()
    qx, qy = np.meshgrid(cx, cy)
    return np.asarray(shapely.intersects_xy(boundary, qx, qy))


@dataclass(frozen=True)
class FactorGrids:
    """Factor layers on ``grid``: ``raw`` before and ``values`` after normalisation to
    [0, 1]; ``scales`` the value scoring 1 (agglomeration: a density per m²)."""

    grid: Grid
    inside: BoolArray
    raw: Mapping[str, FloatArray]
    values: Mapping[str, FloatArray]
    scales: Mapping[str, float]


def factor_grids(
    inputs: AttractivenessInputs,
    grid: Grid,
    model: AttractivenessModel,
    industry: str | None,
) -> FactorGrids:
    """Every factor of ``model`` for ``industry`` on ``grid``, normalised to [0, 1]."""
    inside = inside_mask(grid, inputs.boundary)
    raw, values, scales = {}, {}, {}
    for factor in model.factors:  # four or so layers, each vectorized over the grid
        raw[factor.key] = raw_grid(factor, inputs, industry, grid)
        scales[factor.key] = scale_of(factor, raw[factor.key], inside)
        values[factor.key] = normalise(raw[factor.key], scales[factor.key])
    return FactorGrids(grid, inside, raw, values, scales)


@dataclass(frozen=True)
class PriceReference:
    """The land price reference: the prices of ``table.use`` and their median over the
    zone's cells (元/m²; NaN when no cell has a price)."""

    table: PriceTable
    median_yuan_m2: float
    min_relative: float
    source: str | None = None


@dataclass(frozen=True)
class ScoreGrids:
    """Quality (0-100), reference price (元/m²) and value index on a grid."""

    industry: str | None
    model: AttractivenessModel
    weights: Mapping[str, float]
    factors: FactorGrids
    quality: FloatArray
    price: FloatArray
    value: FloatArray
    reference: PriceReference

    @property
    def grid(self) -> Grid:
        return self.factors.grid


def quality(values: Mapping[str, FloatArray], weights: Mapping[str, float]) -> FloatArray:
    """``100 · Σ w_i f_i`` over the factors in ``weights``."""
    total: FloatArray | None = None
    for key, weight in weights.items():
        part = 100.0 * weight * values[key]
        total = part if total is None else total + part
    assert total is not None  # a model has at least one factor
    return total


def score_grids(
    inputs: AttractivenessInputs,
    grid: Grid,
    model: AttractivenessModel,
    industry: str | None,
    factors: FactorGrids | None = None,
) -> ScoreGrids:
    """Quality, price and value index of ``industry`` on ``grid`` (factors computed unless
    given)."""
    factors = factors or factor_grids(inputs, grid, model, industry)
    weights = model.weights_for(industry)
    q = quality(factors.values, weights)
    cx, cy = grid.centres()
    qx, qy = np.meshgrid(cx, cy)
    table = price_table(inputs.tables, model.use_for(industry))
    price = table.at(grades_at(inputs.grades, qx, qy))
    known = price[factors.inside & np.isfinite(price)]
    median = float(np.median(known)) if known.size else math.nan
    source = describe_source(inputs.tables) if inputs.tables is not None else None
    reference = PriceReference(table, median, model.value_index.min_relative_price, source)
    value = value_index(q, relative_price(price, median, reference.min_relative))
    return ScoreGrids(industry, model, weights, factors, q, price, value, reference)


@dataclass(frozen=True)
class PointScores:
    """Per point: ``score`` (Q, 0-100), ``value_index`` (V), reference ``price`` (元/m²,
    NaN unknown) and its ``grade`` ("" none), each factor's ``values`` (0-1) and
    ``contributions`` (100 · w · f, summing to the score)."""

    score: FloatArray
    value_index: FloatArray
    price: FloatArray
    grade: StrArray
    values: Mapping[str, FloatArray]
    contributions: Mapping[str, FloatArray]


def score_at(
    inputs: AttractivenessInputs,
    scores: ScoreGrids,
    x: FloatArray,
    y: FloatArray,
    grades: StrArray | None = None,
) -> PointScores:
    """Score points (x, y metres in ``inputs.epsg``) with the normalisers of ``scores``.

    Factors are evaluated exactly at the points; ``grades`` (one label per point) replaces
    the grade of the polygon holding each point, e.g. a parcel's majority-area grade.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    values = {}
    for factor in scores.model.factors:
        raw = raw_at(factor, inputs, scores.industry, x, y)
        values[factor.key] = normalise(raw, scores.factors.scales[factor.key])
    contributions = {key: 100.0 * w * values[key] for key, w in scores.weights.items()}
    total = quality(values, scores.weights)
    labels = grades_at(inputs.grades, x, y) if grades is None else np.asarray(grades)
    price = scores.reference.table.at(labels)
    ref = scores.reference
    value = value_index(total, relative_price(price, ref.median_yuan_m2, ref.min_relative))
    return PointScores(total, value, price, labels, values, contributions)
