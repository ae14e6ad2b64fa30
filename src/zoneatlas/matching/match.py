"""Site matching (智能选址): hard constraints exclude, soft ones score, best first.

:func:`match_parcels` runs on :class:`ParcelArrays`: a bit mask of hard failures for every
parcel, the land cost of the candidates and near misses in one land price batch, the soft
score of each, then the top ``limit`` candidates and top ``near_misses`` near misses. Ties
are broken by parcel order (the store gives parcels by code), so results are
deterministic. Sentences are built afterwards, for the returned parcels only
(:mod:`zoneatlas.matching.reasons`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from zoneatlas.matching.arrays import IntArray, ParcelArrays
from zoneatlas.matching.constraints import Mask, hard_failures, near_miss_mask
from zoneatlas.matching.landcost import LandCost
from zoneatlas.matching.request import MatchRequest
from zoneatlas.matching.scoring import Scores, soft_scores

#: Values the land cost of the parcels ``index`` (万元, 元/m², method) in one batch.
LandCostFn = Callable[[IntArray], LandCost]


@dataclass(frozen=True)
class Ranked:
    """Parcels in rank order with their scores, components and land cost."""

    scores: Scores
    cost: LandCost

    @property
    def index(self) -> IntArray:
        return self.scores.index


@dataclass(frozen=True)
class MatchResult:
    searched: int
    candidates: int
    ranked: Ranked
    near: Ranked
    failed: Mask  # hard failure bits of every parcel


def _take(scores: Scores, cost: LandCost, rows: IntArray) -> Ranked:
    """The rows ``rows`` of scores and costs (same order as ``scores.index``)."""
    return Ranked(
        Scores(
            scores.index[rows],
            scores.score[rows],
            {name: values[rows] for name, values in scores.components.items()},
        ),
        LandCost(cost.total_wan[rows], cost.unit_yuan_m2[rows], cost.method[rows]),
    )


def top_rows(score: np.ndarray, cost: np.ndarray, order: np.ndarray, count: int) -> IntArray:
    """Rows of the ``count`` best scores, best first; ties go to the lower land cost
    (unknown last), then to the lower ``order`` (parcel position).

    A partial selection keeps it linear in the number of rows: every row scoring at least
    the ``count``-th best survives (ties included), and only those are sorted.
    """
    if count <= 0 or len(score) == 0:
        return np.zeros(0, dtype=np.int64)
    if len(score) > count:
        threshold = np.partition(score, len(score) - count)[len(score) - count]
        keep = np.flatnonzero(score >= threshold)
    else:
        keep = np.arange(len(score))
    cheaper = np.where(np.isnan(cost[keep]), np.inf, cost[keep])
    ranked = keep[np.lexsort((order[keep], cheaper, -score[keep]))]
    return np.asarray(ranked[:count], dtype=np.int64)


#: Near misses are shortlisted by their score without land cost, this many per one shown,
#: and only the shortlist is valued (there can be many more near misses than candidates).
NEAR_SHORTLIST = 4


def _no_cost(n: int) -> LandCost:
    return LandCost(np.full(n, np.nan), np.full(n, np.nan), np.zeros(n, dtype=np.int64))


def _best(
    parcels: ParcelArrays,
    request: MatchRequest,
    index: IntArray,
    count: int,
    land_cost: LandCostFn | None,
) -> Ranked:
    """The ``count`` best of the parcels ``index``, valued first when ``land_cost`` is given."""
    cost = land_cost(index) if land_cost is not None else _no_cost(len(index))
    scores = soft_scores(parcels, request, index, cost.total_wan)
    return _take(scores, cost, top_rows(scores.score, cost.total_wan, index, count))


def match_parcels(
    parcels: ParcelArrays, request: MatchRequest, land_cost: LandCostFn
) -> MatchResult:
    """Rank the parcels for ``request``; ``land_cost`` values a subset of parcels.

    With a budget, every candidate is valued (the budget component needs its cost); without
    one, only the parcels returned are, in one batch.
    """
    failed = hard_failures(parcels, request)
    candidates = np.flatnonzero(failed == 0)
    near = np.flatnonzero(near_miss_mask(parcels, failed))
    pricing = land_cost if request.budget_wan is not None else None
    ranked = _best(parcels, request, candidates, request.limit, pricing)
    shortlist = _best(parcels, request, near, NEAR_SHORTLIST * request.near_misses, None).index
    missed = _best(parcels, request, shortlist, request.near_misses, pricing)
    if pricing is None:
        shown = np.concatenate([ranked.index, missed.index])
        valued = land_cost(shown)
        k = len(ranked.index)
        ranked = Ranked(ranked.scores, _slice(valued, slice(0, k)))
        missed = Ranked(missed.scores, _slice(valued, slice(k, None)))
    return MatchResult(len(parcels), len(candidates), ranked, missed, failed)


def _slice(cost: LandCost, part: slice) -> LandCost:
    return LandCost(cost.total_wan[part], cost.unit_yuan_m2[part], cost.method[part])
