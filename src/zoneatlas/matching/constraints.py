"""Hard constraints of a site search, evaluated for all parcels at once.

Each parcel gets a bit mask of the constraints it fails (:data:`HARD`, in the order a
reason is given): a status that is not on offer, another land use, an industry the parcel
is not planned for, an area far outside the range wanted (below half the minimum or above
twice the maximum). A parcel that fails none is a candidate; one that fails exactly one,
and could still come to market, is a *near miss* listed with that reason.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from zoneatlas.matching.arrays import INDUSTRY_KEYS, BoolArray, ParcelArrays, label_mask
from zoneatlas.matching.request import MatchRequest

STATUS, LAND_USE, INDUSTRY, AREA_SMALL, AREA_LARGE = 1, 2, 4, 8, 16
#: Bit → message key of the exclusion reason, in the order reasons are given.
HARD: dict[int, str] = {
    STATUS: "exclude.status",
    LAND_USE: "exclude.land_use",
    INDUSTRY: "exclude.industry",
    AREA_SMALL: "exclude.area_small",
    AREA_LARGE: "exclude.area_large",
}
#: Statuses a parcel is offered in; near misses may also be under negotiation.
OPEN_STATUSES = ("available", "reserved")
NEAR_STATUSES = (*OPEN_STATUSES, "negotiating")
#: An area below this share of the minimum, or above this multiple of the maximum, is
#: excluded; between the range and these limits it only lowers the score.
AREA_HARD_LOW, AREA_HARD_HIGH = 0.5, 2.0

Mask = NDArray[np.uint8]


def hard_failures(parcels: ParcelArrays, request: MatchRequest) -> Mask:
    """Bit mask per parcel of the hard constraints it fails (0 = candidate)."""
    failed = np.where(label_mask(parcels.status, OPEN_STATUSES), 0, STATUS).astype(np.uint8)
    if request.land_use is not None:
        failed |= np.where(label_mask(parcels.land_use, [request.land_use]), 0, LAND_USE).astype(
            np.uint8
        )
    if request.industry is not None:
        permitted = parcels.industries[:, INDUSTRY_KEYS.index(request.industry)]
        failed |= np.where(permitted, 0, INDUSTRY).astype(np.uint8)
    low, high = request.area_range_m2
    if low is not None:
        failed |= np.where(parcels.area_m2 < low * AREA_HARD_LOW, AREA_SMALL, 0).astype(np.uint8)
    if high is not None:
        failed |= np.where(parcels.area_m2 > high * AREA_HARD_HIGH, AREA_LARGE, 0).astype(np.uint8)
    return failed


def near_miss_mask(parcels: ParcelArrays, failed: Mask) -> BoolArray:
    """Parcels that fail exactly one hard constraint and are on offer or in talks."""
    single = (failed != 0) & ((failed & (failed - 1)) == 0)
    return np.asarray(single & label_mask(parcels.status, NEAR_STATUSES))


def first_failure(failed: int) -> int:
    """The bit of the first reason to give for a failure mask (0 for none)."""
    for bit in HARD:
        if failed & bit:
            return bit
    return 0
