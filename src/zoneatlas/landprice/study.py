"""Ratio study of the engine against recorded land transactions.

Each transaction is valued at its own date, term and plot ratio (so the estimate is
adjusted to the same conditions as the sale) and compared with its price per m² of land.
Statistics are given for all sales, per table use and per table use and grade.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from zoneatlas.errors import InvalidParameter
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.model import ValuationRequest
from zoneatlas.landprice.ratio import RatioStats, ratio_study
from zoneatlas.landprice.tables import TableSet


class Transaction(BaseModel):
    """A recorded land transfer (出让/转让) with the conditions the price was paid for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    use: str
    grade: Annotated[str, BeforeValidator(lambda value: str(value))]
    area_m2: float
    far: float
    term_years: float | None = None
    price_yuan_m2: float = Field(description="Price paid per m² of land")
    levels: dict[str, str] = Field(default_factory=dict)
    inputs: dict[str, float] = Field(default_factory=dict)
    parcel_code: str = ""
    source: str = ""
    synthetic: bool = False


def transaction_ratio_study(
    tables: TableSet, transactions: Sequence[Transaction]
) -> list[RatioStats]:
    """Value every transaction and return ratio statistics: all, per use, per use/grade.

    Groups are named by the table use (``industrial``, ``industrial/III``), so land uses
    priced by one table (industrial_1, logistics, ...) are studied together.
    """
    estimates, prices, use_groups, grade_groups = [], [], [], []
    for sale in transactions:
        request = ValuationRequest(
            use=sale.use,
            grade=sale.grade,
            area_m2=sale.area_m2,
            far=sale.far,
            term_years=sale.term_years,
            valuation_date=sale.date,
            levels=sale.levels,
            inputs=sale.inputs,
            parcel_code=sale.parcel_code or None,
        )
        valuation = value_parcel(tables, request)
        estimates.append(valuation.unit_price_yuan_m2)
        prices.append(sale.price_yuan_m2)
        use_groups.append(valuation.table_use)
        grade_groups.append(f"{valuation.table_use}/{valuation.grade}")
    by_grade = ratio_study(np.asarray(estimates), np.asarray(prices), grade_groups)
    by_use = ratio_study(np.asarray(estimates), np.asarray(prices), use_groups)
    return [by_grade[0], *by_use[1:], *by_grade[1:]]


def load_transactions(path: Path) -> list[Transaction]:
    """Read transactions from ``.json``/``.yaml`` (a list of objects) or ``.csv`` (a header
    row of :class:`Transaction` field names; ``levels`` as ``key=level;key=level``).

    Raises
    ------
    InvalidParameter
        The file cannot be read or a row is invalid (the message names row and field).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidParameter("transactions", f"{path}: {exc.strerror}") from None
    if path.suffix.lower() == ".csv":
        rows: Any = [_csv_row(row) for row in csv.DictReader(io.StringIO(text))]
    elif path.suffix.lower() == ".json":
        rows = json.loads(text)
    else:
        import yaml

        rows = yaml.safe_load(text)
    if not isinstance(rows, list):
        raise InvalidParameter("transactions", f"{path}: expected a list of transactions")
    sales = []
    for i, row in enumerate(rows, start=1):
        try:
            sales.append(Transaction.model_validate(row))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "row"
            raise InvalidParameter("transactions", f"row {i}: {field}: {first['msg']}") from None
    return sales


def _csv_row(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {k: v for k, v in row.items() if v not in (None, "")}
    if "levels" in data:
        pairs = [item.partition("=") for item in data["levels"].split(";") if item]
        data["levels"] = {key.strip(): value.strip() for key, _, value in pairs}
    return data
