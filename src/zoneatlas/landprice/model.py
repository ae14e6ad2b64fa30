"""What the engine takes (:class:`ValuationRequest`) and gives (:class:`Valuation`).

Both are pydantic models, so the API can take a request as its JSON body and return a
valuation as JSON; the CLI builds the same request from its options.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

InputSource = Literal["table", "level", "input", "geometry", "default", "option"]


class ValuationRequest(BaseModel):
    """A parcel to value. Ranges are checked by the engine, which names the bad field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    use: str = Field(description="Land-use key, e.g. residential, industrial_1")
    grade: Annotated[str, BeforeValidator(lambda value: str(value))] = Field(
        description="Land grade (土地级别), e.g. II or 2"
    )
    area_m2: float = Field(description="Land area in m²")
    far: float = Field(description="Plot ratio (容积率) of the parcel")
    term_years: float | None = Field(
        default=None, description="Term in years; default the statutory max"
    )
    valuation_date: dt.date | None = Field(
        default=None, description="Default: the tables' base date"
    )
    levels: dict[str, str] = Field(default_factory=dict, description="Factor key → level 优…劣")
    inputs: dict[str, float] = Field(
        default_factory=dict, description="Factor key → numeric value (distances in metres)"
    )
    derived: dict[str, float] = Field(
        default_factory=dict, description="Factor key → distance derived from geometry, metres"
    )
    development: list[str] | None = Field(
        default=None,
        description="Development items or a bundle (five_one); default: the benchmark's",
    )
    parcel_code: str | None = None


class BreakdownEntry(BaseModel):
    """One line of the explanation: a benchmark, a factor or a correction."""

    model_config = ConfigDict(frozen=True)

    key: str
    name_zh: str
    name_en: str
    kind: Literal["benchmark", "additive", "multiplicative", "correction", "development"]
    input: str | float | None = None
    input_source: InputSource = "table"
    unit: str = ""
    level: str | None = None
    percent: float | None = Field(default=None, description="Additive factors: the level's percent")
    coefficient: float | None = Field(default=None, description="Coefficient, or 元/m² for D")
    applied: bool = True
    table: str = Field(default="", description="Field path of the table it came from")
    note: str = ""


class MinimumCheck(BaseModel):
    """Industrial land against 全国工业用地出让最低价标准 (元/m²)."""

    model_config = ConfigDict(frozen=True)

    national_grade: int
    minimum_yuan_m2: float
    priority_minimum_yuan_m2: float
    below_minimum: bool
    below_priority_minimum: bool
    source: str


class Valuation(BaseModel):
    """The estimated land price of one parcel with every factor that made it."""

    model_config = ConfigDict(frozen=True)

    table_set: str
    table_set_version: str
    table_source: str
    synthetic_tables: bool
    parcel_code: str | None
    use: str
    use_name_zh: str
    use_name_en: str
    table_use: str
    grade: str
    area_m2: float
    area_mu: float
    far: float
    term_years: float
    base_term_years: float
    base_far: float
    base_date: dt.date
    valuation_date: dt.date
    benchmark_price_yuan_m2: float
    factor_percent_sum: float
    k_factors: float
    k_date: float
    k_term: float
    k_far: float
    k_multiplicative: float
    development_yuan_m2: float
    development_position: Literal["end", "before_term"]
    formula: str
    unit_price_yuan_m2: float
    total_yuan: float
    total_wan: float
    wan_per_mu: float
    floor_price_yuan_m2: float
    minimum: MinimumCheck | None
    breakdown: list[BreakdownEntry]
    warnings: list[str]
