"""Site matching (智能选址): hard constraints exclude, soft constraints score, reasons in
zh and en, land cost from the land price engine. Pure numpy over parcel columns; no web
framework, no SQL (the service in :mod:`zoneatlas.investor` feeds it from the store)."""

from zoneatlas.matching.arrays import ParcelArrays
from zoneatlas.matching.landcost import LandCost, LandCostInputs
from zoneatlas.matching.match import MatchResult, match_parcels
from zoneatlas.matching.request import MatchRequest

__all__ = [
    "LandCost",
    "LandCostInputs",
    "MatchRequest",
    "MatchResult",
    "ParcelArrays",
    "match_parcels",
]
