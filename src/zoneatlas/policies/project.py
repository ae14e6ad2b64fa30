"""An investor's project: what policy conditions test and benefits multiply.

:class:`Project` is a pydantic model, so the API takes it as JSON (a bad value is a 422
naming the field) and the CLI builds it from options. Money is 万元 (annual figures per
year), energy 吨标煤 (tonnes of standard coal equivalent) per year.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from zoneatlas.parcels import vocab
from zoneatlas.policies.rules import Fact
from zoneatlas.policies.vocab import ENTERPRISE_TYPES

#: Upper bound of money fields, 万元 (1e8 万元 = 1 万亿元): far above any project.
MAX_WAN = 1e8
Wan = Annotated[float | None, Field(default=None, ge=0, le=MAX_WAN, allow_inf_nan=False)]


def industry_key(value: str | None) -> str | None:
    """An industry key from a key, Chinese or English name; ValueError if unknown."""
    if value is None or not value.strip():
        return None
    term = vocab.lookup("industry", value)
    if term is None:
        raise ValueError(
            f"unknown industry {value[:60]!r}; expected one of {', '.join(vocab.keys('industry'))}"
        )
    return term.key


class Project(BaseModel):
    """The facts of a project that policies test; every field is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    industry: str | None = Field(default=None, max_length=64, description="Industry key or name")
    enterprise_type: str | None = Field(
        default=None, max_length=32, description=f"One of {', '.join(ENTERPRISE_TYPES)}"
    )
    investment_wan: Wan = Field(default=None, description="Planned fixed-asset investment, 万元")
    equipment_wan: Wan = Field(default=None, description="Equipment investment, 万元")
    annual_output_wan: Wan = Field(default=None, description="Expected annual output, 万元/year")
    annual_tax_wan: Wan = Field(default=None, description="Expected annual tax, 万元/year")
    rent_wan: Wan = Field(default=None, description="Annual rent of premises, 万元/year")
    energy_tce: Wan = Field(
        default=None, description="Expected annual energy use, 吨标煤 (t standard coal)/year"
    )
    headcount: int | None = Field(default=None, ge=0, le=1_000_000, description="Employees")
    talents: int | None = Field(
        default=None, ge=0, le=10_000, description="High-level talents to be recruited"
    )

    @field_validator("industry")
    @classmethod
    def _industry(cls, value: str | None) -> str | None:
        return industry_key(value)

    @field_validator("enterprise_type")
    @classmethod
    def _enterprise_type(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if value not in ENTERPRISE_TYPES:
            raise ValueError(f"expected one of {', '.join(ENTERPRISE_TYPES)}")
        return value

    def facts(self, **place: Any) -> dict[str, Fact | None]:
        """Facts for the rule engine: the project's fields plus where it would go
        (``functional_area``, ``land_use``, ``area_m2``, ``land_cost_wan``)."""
        facts: dict[str, Fact | None] = {
            name: getattr(self, name)
            for name in (
                "industry",
                "enterprise_type",
                "investment_wan",
                "equipment_wan",
                "annual_output_wan",
                "annual_tax_wan",
                "rent_wan",
                "headcount",
                "talents",
            )
        }
        for name, value in place.items():
            unknown = (
                value is None or value == "" or (isinstance(value, float) and math.isnan(value))
            )
            facts[name] = None if unknown else value
        return facts


PROJECT_FIELDS: tuple[str, ...] = tuple(Project.model_fields)
