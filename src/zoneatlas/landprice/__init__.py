"""Land price by the benchmark land price coefficient correction method (基准地价系数修正法,
GB/T 18508-2014): table sets as data, a pure engine that explains every factor, a vectorized
batch engine, distances from geometry and the IAAO ratio study.

The modules import neither the web layer nor the store. Rendering (``render``) and the
Typer sub-app (``cli``) are imported from their modules, not from here.
"""

from zoneatlas.landprice.batch import BatchValuation, Coded, value_batch
from zoneatlas.landprice.distance import derive_distances, derive_distances_batch, distance_inputs
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.errors import Problem, TableSetInvalid
from zoneatlas.landprice.load import load_table_set, parse_table_set
from zoneatlas.landprice.model import BreakdownEntry, MinimumCheck, Valuation, ValuationRequest
from zoneatlas.landprice.ratio import RatioStats, ratio_study
from zoneatlas.landprice.study import Transaction, load_transactions, transaction_ratio_study
from zoneatlas.landprice.tables import TableSet, json_schema, write_json_schema

__all__ = [
    "BatchValuation",
    "BreakdownEntry",
    "Coded",
    "MinimumCheck",
    "Problem",
    "RatioStats",
    "TableSet",
    "TableSetInvalid",
    "Transaction",
    "Valuation",
    "ValuationRequest",
    "derive_distances",
    "derive_distances_batch",
    "distance_inputs",
    "json_schema",
    "load_table_set",
    "load_transactions",
    "parse_table_set",
    "ratio_study",
    "transaction_ratio_study",
    "value_batch",
    "value_parcel",
    "write_json_schema",
]
