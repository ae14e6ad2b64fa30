"""Records of a zone other than parcels: the zone itself, its functional areas, basemap
features, enterprises, POIs, indicators, timeline events and land transactions.

Geometries are shapely objects in lon/lat (EPSG:4326). Money is 万元 or 元/m² as the field
name says. ``synthetic`` marks every figure the zone's source does not publish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

from zoneatlas.parcels.model import Parcel


@dataclass
class Zone:
    slug: str
    name_zh: str
    name_en: str
    boundary: BaseGeometry
    metric_epsg: int
    source: str = ""
    notice_zh: str = ""
    notice_en: str = ""


@dataclass
class FunctionalArea:
    code: str
    name_zh: str
    name_en: str
    geometry: BaseGeometry
    industries: list[str] = field(default_factory=list)
    color: str = "#888888"
    synthetic: bool = True


@dataclass
class MapFeature:
    """A basemap feature drawn from the zone's own layers: road, water, axis, park, green."""

    layer: str
    name_zh: str
    name_en: str
    geometry: BaseGeometry
    kind: str = ""
    synthetic: bool = True


@dataclass
class Enterprise:
    name_zh: str
    name_en: str
    industry: str
    lon: float
    lat: float
    employees: int
    output_wan: float
    park: str = ""
    head_firm: bool = False
    source: str = ""
    synthetic: bool = True


@dataclass
class Poi:
    name_zh: str
    name_en: str
    category: str
    lon: float
    lat: float
    source: str = ""
    synthetic: bool = True


@dataclass
class Indicator:
    year: int
    key: str
    name_zh: str
    name_en: str
    value: float
    unit_zh: str
    unit_en: str
    yoy_pct: float | None = None
    source: str = ""
    synthetic: bool = False


@dataclass
class TimelineEvent:
    date: dt.date
    title_zh: str
    title_en: str
    body_zh: str = ""
    body_en: str = ""
    source: str = ""


@dataclass
class LandTransaction:
    date: dt.date
    land_use: str
    area_m2: float
    price_yuan_m2: float
    parcel_code: str = ""
    note_zh: str = ""
    note_en: str = ""
    source: str = ""
    synthetic: bool = True

    @property
    def total_wan(self) -> float:
        """Total price in 万元."""
        return self.area_m2 * self.price_yuan_m2 / 1e4


@dataclass
class LandGrade:
    """A benchmark land price grade (土地级别) area, lon/lat."""

    grade: str
    geometry: BaseGeometry


@dataclass
class LandPriceTables:
    """A stored benchmark land price table set: the validated document as JSON text."""

    version: str
    source: str
    document: str
    imported: dt.date


@dataclass
class ZoneBundle:
    """Everything that makes up one zone, written to a store in one transaction."""

    zone: Zone
    functional_areas: list[FunctionalArea] = field(default_factory=list)
    features: list[MapFeature] = field(default_factory=list)
    parcels: list[Parcel] = field(default_factory=list)
    enterprises: list[Enterprise] = field(default_factory=list)
    pois: list[Poi] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    transactions: list[LandTransaction] = field(default_factory=list)
    land_grades: list[LandGrade] = field(default_factory=list)
    land_price_tables: list[LandPriceTables] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    intensity_rules: list[IntensityRule] = field(default_factory=list)


@dataclass
class Policy:
    """A policy of the zone's policy library ("1+4+3" 政策体系).

    ``conditions`` is a rule document and ``benefits`` a list of benefit documents (JSON
    data, see :mod:`zoneatlas.policies.rules` and :mod:`zoneatlas.policies.benefits`);
    ``level`` is national, provincial, municipal or district; ``framework`` is core,
    supporting, industry or special. ``expiry`` None means in force until replaced.
    """

    slug: str
    title_zh: str
    title_en: str
    level: str
    framework: str
    issuer_zh: str
    issuer_en: str
    document_number: str
    effective: dt.date
    expiry: dt.date | None = None
    industries: list[str] = field(default_factory=list)
    conditions: dict[str, Any] = field(default_factory=dict)
    benefits: list[dict[str, Any]] = field(default_factory=list)
    summary_zh: str = ""
    summary_en: str = ""
    source: str = ""
    synthetic: bool = True


@dataclass
class Contact:
    """A named person responsible for a functional area, a parcel, or (both empty) the
    whole zone. Phone numbers are as dialled in China, e.g. 0431-8xxxxxxx."""

    name_zh: str
    name_en: str
    role_zh: str
    role_en: str
    phone: str
    email: str
    functional_area: str = ""
    parcel_code: str = ""
    note_zh: str = ""
    note_en: str = ""
    synthetic: bool = True


@dataclass
class IntensityRule:
    """Control indicators of a parcel (标准地 "控制性指标"): fixed-asset investment, tax and
    output per 亩 in 万元/亩 (minimums) and energy per unit of output in 吨标煤/万元 (a
    maximum); None where the parcel sets no such indicator."""

    parcel_code: str
    investment_wan_per_mu: float | None = None
    tax_wan_per_mu: float | None = None
    output_wan_per_mu: float | None = None
    energy_tce_per_wan: float | None = None
    source: str = ""
    synthetic: bool = True


@dataclass
class Lead:
    """An investor's inquiry (招商线索). Personal data: shown only to the bureau (CLI), never
    by a public endpoint. ``created`` is an ISO 8601 UTC timestamp."""

    reference: str
    zone: str
    created: str
    name: str
    organisation: str
    contact: str
    industry: str
    investment_wan: float | None
    message: str
    parcel_codes: list[str] = field(default_factory=list)
    status: str = "new"
