"""The table-set document: everything the benchmark land price method needs, as data.

A table set is one versioned YAML or JSON document (see ``docs/landprice.md`` and the
published JSON Schema ``docs/landprice-tableset.schema.json``, written by
:func:`write_json_schema`). Prices are 元/m² of land, areas m², terms years, distances
metres, percentages percent (``-3`` is −3 %). These models check types only; the rules that
span fields (grades present, FAR rows increasing, index dates, statutory terms, ...) are in
:mod:`zoneatlas.landprice.checks`, and :func:`zoneatlas.landprice.load.parse_table_set` runs
both and reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

SCHEMA_ID = "https://zoneatlas.example/schemas/landprice-tableset-1.json"
FORMAT = "zoneatlas-landprice/1"

#: Grade labels are strings ("I", "II" or "1", "2"); YAML integers are accepted.
GradeKey = Annotated[str, BeforeValidator(lambda value: str(value))]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """The document the tables come from."""

    document_number: str = Field(
        description="文号 of the publishing document, e.g. 长府发〔2019〕5号"
    )
    issuing_body: str = Field(description="Issuing body, e.g. 长春市人民政府")
    title: str = Field(description="Title of the document")
    base_date: dt.date = Field(description="基准日: the date the benchmark prices refer to")
    published: dt.date | None = None
    url: str = ""
    synthetic: bool = Field(
        default=False, description="True when the figures are made up (demo, tests)"
    )
    note: str = ""


class NumericGrading(_Model):
    """How a numeric factor (a distance, a frontage, ...) is graded into the five levels.

    Four strictly increasing thresholds split the axis into five levels. ``lower_better``:
    value <= t1 is 优, <= t2 较优, <= t3 一般, <= t4 较劣, else 劣. ``higher_better``:
    value >= t4 is 优, >= t3 较优, >= t2 一般, >= t1 较劣, else 劣.
    """

    source: Literal["input", "distance"] = Field(
        default="input", description="input: given by the user; distance: derived from geometry"
    )
    target: str | None = Field(
        default=None,
        description="For distance factors: target layer, e.g. metro_station, main_road",
    )
    unit: str = Field(default="m", description="Unit of the value (distances are metres)")
    direction: Literal["lower_better", "higher_better"]
    thresholds: list[float] = Field(description="Four strictly increasing thresholds")


class Factor(_Model):
    """A regional or individual factor with five levels 优/较优/一般/较劣/劣.

    ``additive`` levels are percentages summed into ΣK_i; ``multiplicative`` levels are
    coefficients multiplied into ΠK_j.
    """

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_zh: str
    name_en: str
    group: Literal["regional", "individual"] = "regional"
    kind: Literal["additive", "multiplicative"] = "additive"
    levels: dict[str, float] = Field(description="Level name (优 ... 劣) → percent or coefficient")
    levels_by_grade: dict[GradeKey, dict[str, float]] = Field(
        default_factory=dict, description="Optional per-grade levels overriding `levels`"
    )
    numeric: NumericGrading | None = None
    note: str = ""


class FarRow(_Model):
    """One row of a plot-ratio (容积率) correction table."""

    far: float = Field(description="Floor area ratio (容积率)")
    coefficient: float = Field(description="Correction coefficient K(FAR)")


class IndexPoint(_Model):
    """One point of a land price index series."""

    date: dt.date
    index: float


class DateCorrection(_Model):
    """Date correction K_t: an index series (linear between points) or a monthly growth rate."""

    index: list[IndexPoint] | None = None
    monthly_growth_rate: float | None = Field(
        default=None, description="g in K_t = (1 + g)^months, e.g. 0.003 for 0.3 % a month"
    )
    frequency: Literal["monthly", "quarterly", "semiannual", "annual"] | None = Field(
        default=None, description="Declared spacing of the index; gaps longer than it are errors"
    )
    source: str = ""


class Corrections(_Model):
    """Which corrections apply; ``far`` null means yes, except for industrial uses."""

    factors: bool = True
    multiplicative: bool = True
    date: bool = True
    term: bool = True
    far: bool | None = None
    development: bool = True


class Options(_Model):
    """Formula options of one use."""

    corrections: Corrections = Corrections()
    development_position: Literal["end", "before_term"] = Field(
        default="end",
        description="end: P = P_b·(1+ΣK)·K_t·K_y·K_v·ΠK_j + D; "
        "before_term: P = (P_b·(1+ΣK)·K_t·K_v·ΠK_j + D)·K_y",
    )
    factor_decimals: int | None = Field(
        default=4, ge=0, le=10, description="Each coefficient is rounded to this many decimals"
    )
    price_decimals: int = Field(
        default=1, ge=0, le=4, description="Decimals of the unit price in 元/m²"
    )


class UseTable(_Model):
    """Benchmark prices and corrections of one land use."""

    name_zh: str = ""
    name_en: str = ""
    grades: dict[GradeKey, float] = Field(description="Grade → benchmark price 元/m², best first")
    base_far: float = Field(description="Plot ratio the benchmark prices are defined at")
    base_term_years: float | None = Field(
        default=None, description="Benchmark term; default and maximum: the statutory maximum"
    )
    base_development: list[str] = Field(
        description="Development items of the benchmark, or one bundle key (seven_one)"
    )
    reduction_rate: float = Field(gt=0, lt=1, description="土地还原率 r, e.g. 0.06")
    factors: list[Factor] = Field(default_factory=list)
    far_table: list[FarRow] | None = None
    far_tables_by_grade: dict[GradeKey, list[FarRow]] = Field(default_factory=dict)
    date_correction: DateCorrection | None = Field(
        default=None, description="Overrides the table set's date correction for this use"
    )
    options: Options = Options()


class DevelopmentItem(_Model):
    """One infrastructure item and its cost per m² of land."""

    name_zh: str
    name_en: str
    cost_yuan_m2: float = Field(ge=0)


class DevelopmentBundle(_Model):
    """A named development level, e.g. 七通一平, as a list of item keys."""

    name_zh: str
    name_en: str
    items: list[str]


class TableSet(_Model):
    """A complete, versioned set of benchmark land price tables with its source."""

    format: Literal["zoneatlas-landprice/1"] = "zoneatlas-landprice/1"
    name: str
    version: str
    source: Source
    date_correction: DateCorrection
    uses: dict[str, UseTable]
    use_mapping: dict[str, str] = Field(
        default_factory=dict, description="Land use without a table → use whose table applies"
    )
    development_costs: dict[str, DevelopmentItem] = Field(default_factory=dict)
    development_bundles: dict[str, DevelopmentBundle] = Field(default_factory=dict)
    national_industrial_grade: int | None = Field(
        default=None,
        ge=1,
        le=15,
        description="The zone's grade (等别) in 全国工业用地出让最低价标准",
    )


def json_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of a table-set document."""
    schema = TableSet.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def write_json_schema(path: Path) -> None:
    """Write :func:`json_schema` to ``path`` (UTF-8, indented, trailing newline)."""
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def describe_source(tables: TableSet) -> str:
    """One line naming a table set's source: title, document number, issuer, base date."""
    source = tables.source
    flag = " (synthetic)" if source.synthetic else ""
    return (
        f"{source.title}; {source.document_number}; {source.issuing_body}; "
        f"基准日 {source.base_date.isoformat()}{flag}"
    )
