"""The attractiveness model as data: factors, their parameters, weights, industry overrides.

A model document (YAML or JSON, ``format: zoneatlas-attractiveness/1``) lists factors,
each with a ``key``, a ``kind`` (one of :data:`FACTOR_KINDS`), names and descriptions in
zh and en, and kind-specific ``params`` (distances in metres). ``weights`` gives every
factor's weight (non-negative, summing to 1); ``industry_weights`` may replace the whole
weight set for an industry; ``industry_uses`` names the land use whose benchmark price is
the reference for an industry. :func:`default_model` is the built-in model, documented in
``docs/attractiveness.md``.

Every check that fails raises :class:`AttractivenessModelInvalid` naming the field
(``weights.agglomeration``, ``factors.2.kind``, ...), a 422 in the API.

>>> model = default_model()
>>> round(sum(model.weights_for("digital_economy").values()), 12)
1.0
>>> model.use_for("film_tourism")
'commercial'
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from zoneatlas.attractiveness.defaults import DEFAULT_DOCUMENT
from zoneatlas.errors import InvalidParameter
from zoneatlas.heat.kernels import KernelName
from zoneatlas.heat.spec import MAX_RADIUS_M, MIN_RADIUS_M
from zoneatlas.landprice.standards import USE_CATEGORY
from zoneatlas.parcels import vocab

FORMAT = "zoneatlas-attractiveness/1"
FactorKind = Literal["accessibility", "agglomeration", "public_services", "environment"]
FACTOR_KINDS: tuple[str, ...] = get_args(FactorKind)
#: How far a weight sum may be from 1.
WEIGHT_TOLERANCE = 1e-9


class AttractivenessModelInvalid(InvalidParameter):
    """A model document or a weight set breaks a rule; ``parameter`` is the field path."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Decay(_Model):
    """Distance decay ``2^(-max(d - full_m, 0) / half_m)``: 1 up to ``full_m`` metres, then
    halving every ``half_m`` metres (0.5 at ``full_m + half_m``, 0.25 at ``+ 2·half_m``)."""

    full_m: float = Field(default=0.0, ge=0, le=50_000, description="Distance of full value, m")
    half_m: float = Field(gt=0, le=50_000, description="Distance over which the value halves, m")


class AccessibilityParams(_Model):
    """Distance to main roads and to public transport stops, each decayed, then blended."""

    road: Decay = Decay(full_m=100.0, half_m=500.0)
    transit: Decay = Decay(full_m=300.0, half_m=800.0)
    transit_share: float = Field(default=0.5, ge=0, le=1, description="Share of transit")
    road_kinds: tuple[str, ...] = ("trunk", "main")
    transit_categories: tuple[str, ...] = ("transit",)


class AgglomerationParams(_Model):
    """Kernel density of the investor's industry's enterprises, over a robust maximum."""

    kernel: KernelName = "quartic"
    radius_m: float = Field(default=1000.0, ge=MIN_RADIUS_M, le=MAX_RADIUS_M)
    percentile: float = Field(
        default=99.0, gt=0, le=100, description="Percentile of the zone's cells that scores 1"
    )
    weight: Literal["none", "employees", "output_wan"] = "none"


class ServiceCategory(_Model):
    """One kind of public service: POI category, its share of the factor, and the
    distance-weighted count that gives full marks."""

    category: str
    share: float = Field(ge=0, le=1)
    saturation: float = Field(gt=0, description="Weighted count that scores 1")


class PublicServicesParams(_Model):
    """Schools and hospitals within reach, each counted ``1 - d / reach_m`` (0 beyond)."""

    reach_m: float = Field(default=1500.0, ge=MIN_RADIUS_M, le=MAX_RADIUS_M)
    categories: tuple[ServiceCategory, ...] = (
        ServiceCategory(category="school", share=0.5, saturation=2.0),
        ServiceCategory(category="hospital", share=0.5, saturation=1.0),
    )


class EnvironmentParams(_Model):
    """Distance to the nearest green space or water (0 inside), decayed."""

    decay: Decay = Decay(full_m=0.0, half_m=600.0)
    feature_layers: tuple[str, ...] = ("park", "green", "water")
    poi_categories: tuple[str, ...] = ("park", "scenic")


class _Factor(_Model):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_zh: str
    name_en: str
    description_zh: str = ""
    description_en: str = ""


class AccessibilityFactor(_Factor):
    kind: Literal["accessibility"]
    params: AccessibilityParams = AccessibilityParams()


class AgglomerationFactor(_Factor):
    kind: Literal["agglomeration"]
    params: AgglomerationParams = AgglomerationParams()


class PublicServicesFactor(_Factor):
    kind: Literal["public_services"]
    params: PublicServicesParams = PublicServicesParams()


class EnvironmentFactor(_Factor):
    kind: Literal["environment"]
    params: EnvironmentParams = EnvironmentParams()


Factor = Annotated[
    AccessibilityFactor | AgglomerationFactor | PublicServicesFactor | EnvironmentFactor,
    Field(discriminator="kind"),
]


class ValueIndexParams(_Model):
    """V = Q / max(P / P_median, min_relative_price); see docs/attractiveness.md."""

    min_relative_price: float = Field(default=0.25, gt=0, le=1)


class Source(_Model):
    """Who set the weights and on what basis."""

    title: str
    basis_zh: str = ""
    basis_en: str = ""
    synthetic: bool = False


class AttractivenessModel(_Model):
    """A complete attractiveness model; construction checks every rule (see module doc)."""

    format: Literal["zoneatlas-attractiveness/1"] = "zoneatlas-attractiveness/1"
    name: str
    version: str
    source: Source
    cell_m: float = Field(default=100.0, ge=10, le=1000, description="Grid cell, metres")
    factors: tuple[Factor, ...] = Field(min_length=1)
    weights: dict[str, float]
    industry_weights: dict[str, dict[str, float]] = Field(default_factory=dict)
    industry_uses: dict[str, str] = Field(default_factory=dict)
    default_use: str = "industrial"
    value_index: ValueIndexParams = ValueIndexParams()

    @model_validator(mode="after")
    def _check(self) -> AttractivenessModel:
        keys = [factor.key for factor in self.factors]
        for index, key in enumerate(keys):
            if key in keys[:index]:
                raise AttractivenessModelInvalid(f"factors.{index}.key", f"duplicate key {key!r}")
        for index, factor in enumerate(self.factors):
            if isinstance(factor, PublicServicesFactor):
                shares = [c.share for c in factor.params.categories]
                _check_sum(f"factors.{index}.params.categories.share", shares, allow_empty=True)
        check_weights("weights", self.weights, keys)
        for industry, weights in self.industry_weights.items():
            _check_industry(f"industry_weights.{industry}", industry)
            check_weights(f"industry_weights.{industry}", weights, keys)
        for industry, use in self.industry_uses.items():
            _check_industry(f"industry_uses.{industry}", industry)
            _check_use(f"industry_uses.{industry}", use)
        _check_use("default_use", self.default_use)
        return self

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the whole document (a cache key; changes with any parameter)."""
        text = self.model_dump_json()
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()

    def factor(self, key: str) -> Factor:
        for factor in self.factors:
            if factor.key == key:
                return factor
        raise InvalidParameter("factor", f"no factor {key!r} in model {self.name!r}")

    def weights_for(self, industry: str | None) -> dict[str, float]:
        """The weight of every factor for ``industry`` (its override, else the defaults)."""
        chosen = self.industry_weights.get(industry or "", self.weights)
        return {factor.key: float(chosen[factor.key]) for factor in self.factors}

    def use_for(self, industry: str | None) -> str:
        """Land-use key whose benchmark price is the reference for ``industry``."""
        return self.industry_uses.get(industry or "", self.default_use)

    def with_weights(
        self, weights: Mapping[str, float], industry: str | None
    ) -> AttractivenessModel:
        """A copy whose weights for ``industry`` (all industries when None) are ``weights``."""
        document = self.model_dump(mode="json")
        if industry is None:
            document["weights"] = dict(weights)
            document["industry_weights"] = {}
        else:
            document["industry_weights"][industry] = dict(weights)
        return parse_model(document)


def _check_sum(path: str, values: list[float], allow_empty: bool = False) -> None:
    if not values and allow_empty:
        return
    total = math.fsum(values)
    if not abs(total - 1.0) <= WEIGHT_TOLERANCE:
        raise AttractivenessModelInvalid(path, f"must sum to 1, not {total:.12g}")


def check_weights(path: str, weights: Mapping[str, float], keys: list[str]) -> None:
    """Every factor key has a finite, non-negative weight, no other key has one, sum 1."""
    for key, value in weights.items():
        if key not in keys:
            raise AttractivenessModelInvalid(
                f"{path}.{key}", f"no factor with this key; factors are {', '.join(keys)}"
            )
        if not (isinstance(value, int | float) and math.isfinite(value)):
            raise AttractivenessModelInvalid(f"{path}.{key}", f"not a number: {value!r}")
        if value < 0:
            raise AttractivenessModelInvalid(f"{path}.{key}", f"must not be negative ({value})")
    for key in keys:
        if key not in weights:
            raise AttractivenessModelInvalid(
                f"{path}.{key}", "missing; every factor needs a weight"
            )
    _check_sum(path, [float(weights[key]) for key in keys])


def _check_industry(path: str, industry: str) -> None:
    if industry not in vocab.keys("industry"):
        raise AttractivenessModelInvalid(
            path,
            f"unknown industry {industry!r}; expected one of {', '.join(vocab.keys('industry'))}",
        )


def _check_use(path: str, use: str) -> None:
    if use not in USE_CATEGORY:
        raise AttractivenessModelInvalid(
            path, f"unknown land use {use!r}; expected one of {', '.join(USE_CATEGORY)}"
        )


def _path(location: tuple[int | str, ...], error_type: str) -> str:
    # a discriminated union puts the tag in the location: factors.1.agglomeration.params
    parts = [
        str(part)
        for n, part in enumerate(location)
        if not (part in FACTOR_KINDS and n > 0 and isinstance(location[n - 1], int))
    ]
    if error_type in ("union_tag_invalid", "union_tag_not_found"):
        parts.append("kind")
    return ".".join(parts) or "model"


def parse_model(document: Mapping[str, Any]) -> AttractivenessModel:
    """Validate a model document; :class:`AttractivenessModelInvalid` names the first bad
    field (``factors.1.kind: unknown factor kind 'noise'; expected one of ...``)."""
    try:
        return AttractivenessModel.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = _path(tuple(first.get("loc", ())), first.get("type", ""))
        message = str(first.get("msg", "invalid"))
        if first.get("type") == "union_tag_invalid":
            tag = (first.get("ctx") or {}).get("tag", "")
            message = f"unknown factor kind {tag!r}; expected one of {', '.join(FACTOR_KINDS)}"
        raise AttractivenessModelInvalid(path, message) from None


def load_model(path: Path) -> AttractivenessModel:
    """Read a model document from a YAML (.yaml, .yml) or JSON file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        document = yaml.safe_load(text)
    else:
        document = json.loads(text)
    if not isinstance(document, dict):
        raise AttractivenessModelInvalid("model", f"{path.name} does not hold a mapping")
    return parse_model(document)


_DEFAULT: AttractivenessModel | None = None


def default_model() -> AttractivenessModel:
    """The built-in model (``docs/attractiveness.md`` explains every number)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = parse_model(DEFAULT_DOCUMENT)
    return _DEFAULT


def parse_weights(text: str, parameter: str = "weights") -> dict[str, float]:
    """``key:weight,key:weight`` (or ``key=weight``) as a mapping; the values are checked
    by :func:`check_weights` when the model takes them."""
    weights: dict[str, float] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        key, sep, value = item.replace("=", ":").partition(":")
        try:
            number = float(value) if sep else math.nan
        except ValueError:
            number = math.nan
        if not sep or not math.isfinite(number):
            raise InvalidParameter(parameter, f"expected key:weight, got {item.strip()!r}")
        weights[key.strip()] = number
    return weights


def override_weights(
    model: AttractivenessModel, text: str | None, industry: str | None, parameter: str = "weights"
) -> AttractivenessModel:
    """``model`` with the weights of ``industry`` replaced by ``text`` (unchanged if empty);
    a bad weight set raises :class:`InvalidParameter` for ``parameter`` naming the field."""
    if text is None or not text.strip():
        return model
    weights = parse_weights(text, parameter)
    try:
        return model.with_weights(weights, industry)
    except AttractivenessModelInvalid as exc:
        field = exc.parameter.rsplit(".", 1)[-1]
        named = field in weights or field in {factor.key for factor in model.factors}
        reason = f"{field} {exc.reason}" if named else exc.reason
        raise InvalidParameter(parameter, reason) from None
