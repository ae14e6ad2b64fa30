"""What an investor asks for (:class:`MatchRequest`): the project and the site it needs.

Areas may be given in m² or in 亩 (1 亩 = 10000/15 m²), not both for the same end of the
range; the plot ratio need is the FAR the investor wants to build (``far_min``: at least,
``far_max``: at most); money is 万元. Every check names its field, so the API answers a bad
request with a 422 that says which field is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator

from zoneatlas.parcels import vocab
from zoneatlas.policies.project import MAX_WAN, Project
from zoneatlas.units import mu_to_m2

#: Codes of functional areas and parcels: letters, digits, ``_ - .`` (no markup, no spaces).
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"
Area = Annotated[float | None, Field(default=None, gt=0, le=1e8, allow_inf_nan=False)]
Far = Annotated[float | None, Field(default=None, gt=0, le=30, allow_inf_nan=False)]


class MatchRequest(Project):
    """A site search: the project (see :class:`Project`) and the site it needs."""

    land_use: str | None = Field(default=None, max_length=64, description="Land-use key or name")
    area_min_m2: Area = Field(default=None, description="Smallest area wanted, m²")
    area_max_m2: Area = Field(default=None, description="Largest area wanted, m²")
    area_min_mu: Area = Field(default=None, description="Smallest area wanted, 亩")
    area_max_mu: Area = Field(default=None, description="Largest area wanted, 亩")
    far_min: Far = Field(default=None, description="Plot ratio the project needs at least")
    far_max: Far = Field(default=None, description="Plot ratio the project builds at most")
    budget_wan: float | None = Field(
        default=None, gt=0, le=MAX_WAN, allow_inf_nan=False, description="Land budget, 万元"
    )
    functional_area: str | None = Field(
        default=None,
        max_length=64,
        pattern=CODE_PATTERN,
        description="Preferred functional area code",
    )
    date: dt.date | None = Field(
        default=None, description="Valuation and policy date (default today)"
    )
    limit: int = Field(default=20, ge=1, le=100, description="How many ranked parcels")
    near_misses: int = Field(default=10, ge=0, le=50, description="How many near misses")

    @field_validator("land_use")
    @classmethod
    def _land_use(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        term = vocab.lookup("land_use", value)
        if term is None:
            raise ValueError(
                f"unknown land use; expected one of {', '.join(vocab.keys('land_use'))}"
            )
        return term.key

    @field_validator("area_min_mu", "area_max_mu")
    @classmethod
    def _one_unit(cls, value: float | None, info: ValidationInfo) -> float | None:
        twin = str(info.field_name).replace("_mu", "_m2")
        if value is not None and info.data.get(twin) is not None:
            raise ValueError(f"give {twin} or {info.field_name}, not both")
        return value

    @field_validator("area_max_m2", "area_max_mu")
    @classmethod
    def _max_not_below_min(cls, value: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get(str(info.field_name).replace("max", "min"))
        if value is not None and low is not None and low > value:
            raise ValueError(f"must not be less than the minimum ({low:g})")
        return value

    @field_validator("area_min_mu", "area_max_mu")
    @classmethod
    def _range_across_units(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is None:
            return value
        if info.field_name == "area_min_mu":
            high = info.data.get("area_max_m2")
            if high is not None and mu_to_m2(value) > high:
                raise ValueError(f"must not be more than area_max_m2 ({high:g} m²)")
        else:
            low = info.data.get("area_min_m2")
            if low is not None and low > mu_to_m2(value):
                raise ValueError(f"must not be less than area_min_m2 ({low:g} m²)")
        return value

    @field_validator("far_max")
    @classmethod
    def _far_order(cls, value: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("far_min")
        if value is not None and low is not None and low > value:
            raise ValueError(f"must not be less than far_min ({low:g})")
        return value

    @property
    def area_range_m2(self) -> tuple[float | None, float | None]:
        """(smallest, largest) area wanted in m², either None when not given."""
        low = self.area_min_m2 if self.area_min_m2 is not None else _mu(self.area_min_mu)
        high = self.area_max_m2 if self.area_max_m2 is not None else _mu(self.area_max_mu)
        return low, high

    def project(self) -> Project:
        """The project part of the request (what policies test)."""
        return Project(**{name: getattr(self, name) for name in Project.model_fields})


def _mu(value: float | None) -> float | None:
    return None if value is None else mu_to_m2(value)
