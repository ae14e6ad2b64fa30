"""The feature collections served by OGC API - Features under ``/ogc/collections``.

The list is data: each :class:`OgcCollection` names a store table, the column whose value is
the feature id, the properties a client may filter on and, where the records have one, the
date column that ``datetime`` filters on. Routes, OpenAPI parameters, HTML pages, extents
and paging all follow from the entry. To serve a new layer (for example land price grades,
once the store has a ``land_grades`` table with ``zone_id``, a WKB ``geometry`` with its
``minx``/``miny``/``maxx``/``maxy`` columns or ``lon``/``lat``), append one entry to
:data:`COLLECTIONS`; see ``docs/ogc.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from zoneatlas.errors import InvalidParameter, NotFound
from zoneatlas.parcels import vocab
from zoneatlas.parcels.model import PARCEL_FIELDS
from zoneatlas.units import m2_to_mu

Row = dict[str, Any]


def plain_properties(row: Row) -> dict[str, Any]:
    """Every stored column but the row id and the geometry; dates as ISO 8601 strings."""
    return {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in row.items()
        if name not in ("id", "geometry")
    }


def parcel_properties(row: Row) -> dict[str, Any]:
    """The same properties, in the same order, as ``/api/parcels`` (``Parcel.properties``):
    every parcel field, ``updated`` as an ISO date, plus ``area_mu`` in 亩. Built from the
    row directly because this runs for every feature of a page (a test holds the two equal)."""
    props = {name: row[name] for name in PARCEL_FIELDS}
    if isinstance(props["updated"], dt.date):
        props["updated"] = props["updated"].isoformat()
    props["area_mu"] = round(m2_to_mu(props["area_m2"]), 2)
    return props


@dataclass(frozen=True)
class OgcCollection:
    """One feature collection: where its rows live and how they become features.

    ``table`` is a table of ``zoneatlas.store.schema``; ``key`` the column whose value is the
    feature id; ``queryables`` the property names that ``?name=value`` filters on (each a
    column of the table; list columns match when they contain the value);
    ``vocabularies`` maps a queryable to the vocabulary whose keys it holds, so that a
    filter may also name a term by its Chinese or English name or national code;
    ``temporal`` is the date column ``datetime`` filters on (None: the collection has no
    time); ``per_zone`` is False for a collection that spans every zone of the instance.
    """

    id: str
    table: str
    key: str
    title_zh: str
    title_en: str
    description: str
    geometry_type: str
    queryables: tuple[str, ...]
    order_by: str = "id"
    temporal: str | None = None
    per_zone: bool = True
    vocabularies: Mapping[str, str] = field(default_factory=dict)
    properties: Callable[[Row], dict[str, Any]] = plain_properties

    @property
    def title(self) -> str:
        return f"{self.title_zh} {self.title_en}"

    def feature_id(self, row: Row) -> str | int:
        value = row[self.key]
        return int(value) if isinstance(value, int) else str(value)

    def filter_value(self, name: str, text: str) -> str:
        """The stored value a property filter asks for: vocabulary names become keys."""
        vocabulary = self.vocabularies.get(name)
        if vocabulary is None:
            return text
        term = vocab.lookup(vocabulary, text)
        return term.key if term is not None else text


_PARCEL_QUERYABLES = (
    "code",
    "name_zh",
    "name_en",
    "functional_area",
    "land_use",
    "status",
    "area_m2",
    "far_min",
    "far_max",
    "density_max_pct",
    "green_min_pct",
    "height_max_m",
    "lease_years",
    "development_level",
    "industries",
    "start_price_yuan_m2",
    "source",
    "updated",
    "synthetic",
)

#: Every collection served, in the order ``/ogc/collections`` lists them.
COLLECTIONS: tuple[OgcCollection, ...] = (
    OgcCollection(
        id="parcels",
        table="parcels",
        key="code",
        order_by="code",
        title_zh="重点招商引资地块",
        title_en="Key investment parcels",
        description=(
            "Key investment parcels with their planning conditions: land use, status, "
            "area (m², 亩), plot ratio, density, green ratio, height, lease, listed start "
            "price (元/m²), source and last update. Feature id: the parcel code."
        ),
        geometry_type="polygon",
        queryables=_PARCEL_QUERYABLES,
        temporal="updated",
        vocabularies={
            "land_use": "land_use",
            "status": "status",
            "industries": "industry",
            "development_level": "development_level",
        },
        properties=parcel_properties,
    ),
    OgcCollection(
        id="zones",
        table="zones",
        key="slug",
        order_by="slug",
        title_zh="开发区范围",
        title_en="Development zones",
        description="The boundary of each development zone served here. Feature id: the slug.",
        geometry_type="polygon",
        queryables=("slug", "name_zh", "name_en"),
        per_zone=False,
    ),
    OgcCollection(
        id="functional_areas",
        table="functional_areas",
        key="code",
        order_by="code",
        title_zh="功能区",
        title_en="Functional areas",
        description="Functional areas of the zone and their leading industries. "
        "Feature id: the area code.",
        geometry_type="polygon",
        queryables=("code", "name_zh", "name_en", "industries", "synthetic"),
        vocabularies={"industries": "industry"},
    ),
    OgcCollection(
        id="enterprises",
        table="enterprises",
        key="id",
        title_zh="企业",
        title_en="Enterprises",
        description="Enterprises in the zone: industry, employees, annual output (万元), "
        "head firm. Feature id: the record number.",
        geometry_type="point",
        queryables=("name_zh", "name_en", "industry", "park", "head_firm", "synthetic"),
        vocabularies={"industry": "industry"},
    ),
    OgcCollection(
        id="pois",
        table="pois",
        key="id",
        title_zh="兴趣点",
        title_en="Points of interest",
        description="Schools, hospitals, transit, parks and other points of interest. "
        "Feature id: the record number.",
        geometry_type="point",
        queryables=("name_zh", "name_en", "category", "synthetic"),
    ),
    OgcCollection(
        id="land_grades",
        table="land_grades",
        key="grade",
        order_by="id",
        title_zh="基准地价级别",
        title_en="Benchmark land price grades",
        description="Land grades (土地级别) of the benchmark land price system in force; the "
        "prices per use are at /api/land-grades. Feature id: the grade (I is the best).",
        geometry_type="polygon",
        queryables=("grade",),
    ),
)

BY_ID: dict[str, OgcCollection] = {c.id: c for c in COLLECTIONS}


def collection(collection_id: str) -> OgcCollection:
    """The collection called ``collection_id``, or NotFound."""
    found = BY_ID.get(collection_id)
    if found is None:
        known = ", ".join(BY_ID)
        raise NotFound(f"no collection {collection_id!r}; collections: {known}")
    return found


def check_queryable(c: OgcCollection, name: str) -> None:
    if name not in c.queryables:
        raise InvalidParameter(
            name,
            f"unknown parameter for collection {c.id!r}; filters: {', '.join(c.queryables)}",
        )
