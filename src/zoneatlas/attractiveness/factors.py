"""The factor layers of the attractiveness index, at points and on grids, in [0, 1].

Every factor is a function of position (x, y metres in the zone's metric CRS):

- accessibility: ``(1 - s)·decay(d_road) + s·decay(d_transit)``, ``d`` the distance to the
  nearest main road / transit stop, ``s`` the transit share;
- agglomeration: ``min(D(x) / D_ref, 1)``, ``D`` the scaled kernel density of the
  industry's enterprises (:func:`zoneatlas.heat.kde.density`), ``D_ref`` a percentile of
  ``D`` over the zone's cells;
- public services: ``Σ_c share_c · min(S_c / saturation_c, 1)``, ``S_c = Σ_j max(1 - d_j /
  reach, 0)`` over the POIs of category ``c`` (the raw triangular kernel of the heat module);
- environment: ``decay(d_green)``, the distance to the nearest park, green space or water
  (0 inside one).

``decay(d) = 2^(-max(d - full, 0) / half)`` is 1 up to ``full`` metres and halves every
``half`` metres beyond. Distances are exact (shapely, STRtree), so a point never scores a
distance factor lower for moving closer to its target.

>>> decay(np.array([0.0, 100.0, 600.0, 1100.0]), Decay(full_m=100.0, half_m=500.0)).tolist()
[1.0, 1.0, 0.5, 0.25]
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely

from zoneatlas.attractiveness.inputs import AttractivenessInputs, ObjectArray
from zoneatlas.attractiveness.model import (
    AccessibilityFactor,
    AgglomerationFactor,
    Decay,
    EnvironmentFactor,
    Factor,
    PublicServicesFactor,
)
from zoneatlas.heat.grid import Grid
from zoneatlas.heat.kde import density, density_at
from zoneatlas.heat.spec import KernelSpec

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def decay(distance_m: FloatArray, spec: Decay) -> FloatArray:
    """``2^(-max(d - full_m, 0) / half_m)``: 1 near, 0 at infinity (no target at all)."""
    beyond = np.maximum(np.asarray(distance_m, dtype=np.float64) - spec.full_m, 0.0)
    return np.asarray(np.exp2(-beyond / spec.half_m))


def nearest_distance(x: FloatArray, y: FloatArray, targets: ObjectArray) -> FloatArray:
    """Distance in metres from each point to the nearest target geometry (0 inside a
    polygon); infinity when there are no targets."""
    x = np.asarray(x, dtype=np.float64)
    out = np.full(x.shape, np.inf)
    targets = targets[~shapely.is_empty(targets)] if len(targets) else targets
    if len(targets) == 0 or x.size == 0:
        return out
    tree = shapely.STRtree(targets)
    points = shapely.points(x.ravel(), np.asarray(y, dtype=np.float64).ravel())
    pairs, distances = tree.query_nearest(points, return_distance=True, all_matches=False)
    flat = out.reshape(-1)
    flat[pairs[0]] = distances
    return flat.reshape(x.shape)


def _points(x: FloatArray, y: FloatArray) -> ObjectArray:
    return np.asarray(shapely.points(x, y)) if len(x) else np.empty(0, dtype=object)


def accessibility(
    factor: AccessibilityFactor, inputs: AttractivenessInputs, x: FloatArray, y: FloatArray
) -> FloatArray:
    """Road and transit access in [0, 1] at points (metres)."""
    p = factor.params
    roads = inputs.features.select(["road"], p.road_kinds)
    stops = _points(*inputs.places.select(p.transit_categories))
    road = decay(nearest_distance(x, y, roads), p.road)
    transit = decay(nearest_distance(x, y, stops), p.transit)
    return (1.0 - p.transit_share) * road + p.transit_share * transit


def environment(
    factor: EnvironmentFactor, inputs: AttractivenessInputs, x: FloatArray, y: FloatArray
) -> FloatArray:
    """Nearness of green space or water in [0, 1] at points (metres)."""
    p = factor.params
    shapes = inputs.features.select(p.feature_layers)
    spots = _points(*inputs.places.select(p.poi_categories))
    targets = np.concatenate([shapes, spots]) if len(spots) else shapes
    return decay(nearest_distance(x, y, targets), p.decay)


def public_services(
    factor: PublicServicesFactor, inputs: AttractivenessInputs, x: FloatArray, y: FloatArray
) -> FloatArray:
    """Schools and hospitals within reach in [0, 1] at points (metres)."""
    p = factor.params
    spec = KernelSpec("triangular", p.reach_m, scaled=False)  # 1 - d/reach, 0 beyond
    total = np.zeros(np.shape(x))
    for category in p.categories:  # a handful of categories, each vectorized
        cx, cy = inputs.places.select([category.category])
        if len(cx) == 0:
            continue
        count = density_at(x, y, cx, cy, None, spec)
        total += category.share * np.minimum(count / category.saturation, 1.0)
    return total


def _firms(
    factor: AgglomerationFactor, inputs: AttractivenessInputs, industry: str | None
) -> tuple[FloatArray, FloatArray, FloatArray | None]:
    firms = inputs.firms
    if industry:
        firms = firms.subset(firms.texts["industry"] == industry)
    return firms.x, firms.y, firms.weight(factor.params.weight)


def _kernel(factor: AgglomerationFactor) -> KernelSpec:
    return KernelSpec(factor.params.kernel, factor.params.radius_m, scaled=True)


def agglomeration_density(
    factor: AgglomerationFactor,
    inputs: AttractivenessInputs,
    industry: str | None,
    x: FloatArray,
    y: FloatArray,
) -> FloatArray:
    """Kernel density (enterprises, or their weight, per m²) of ``industry`` at points."""
    fx, fy, weight = _firms(factor, inputs, industry)
    if len(fx) == 0:
        return np.zeros(np.shape(x))
    return density_at(x, y, fx, fy, weight, _kernel(factor))


def raw_at(
    factor: Factor,
    inputs: AttractivenessInputs,
    industry: str | None,
    x: FloatArray,
    y: FloatArray,
) -> FloatArray:
    """The factor before normalisation at points: in [0, 1] for every kind but
    agglomeration (a density per m², normalised by :func:`normalise`)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if isinstance(factor, AccessibilityFactor):
        return accessibility(factor, inputs, x, y)
    if isinstance(factor, EnvironmentFactor):
        return environment(factor, inputs, x, y)
    if isinstance(factor, PublicServicesFactor):
        return public_services(factor, inputs, x, y)
    return agglomeration_density(factor, inputs, industry, x, y)


def raw_grid(
    factor: Factor, inputs: AttractivenessInputs, industry: str | None, grid: Grid
) -> FloatArray:
    """:func:`raw_at` at every cell centre of ``grid`` (rows, cols; row 0 north).

    The kernel density is computed on the grid by the heat engine (exact splatting or
    binning + FFT within 0.5 % of the peak); the others are evaluated at the centres.
    """
    if isinstance(factor, AgglomerationFactor):
        fx, fy, weight = _firms(factor, inputs, industry)
        if len(fx) == 0:
            return np.zeros(grid.shape)
        return density(fx, fy, weight, grid, _kernel(factor))
    cx, cy = grid.centres()
    qx, qy = np.meshgrid(cx, cy)
    return raw_at(factor, inputs, industry, qx, qy)


def scale_of(factor: Factor, raw: FloatArray, inside: BoolArray) -> float:
    """The value that scores 1: the agglomeration's percentile of ``raw`` over the cells
    ``inside`` the zone (its maximum if that percentile is 0), 1 for the other kinds."""
    if not isinstance(factor, AgglomerationFactor):
        return 1.0
    values = raw[inside] if inside.any() else raw.ravel()
    if values.size == 0:
        return 0.0
    reference = float(np.percentile(values, factor.params.percentile))
    return reference if reference > 0 else float(values.max())


def normalise(raw: FloatArray, scale: float) -> FloatArray:
    """``clip(raw / scale, 0, 1)``; 0 everywhere when the scale is 0 (nothing to compare)."""
    if not scale > 0:
        return np.zeros(np.shape(raw))
    return np.asarray(np.clip(raw / scale, 0.0, 1.0))
