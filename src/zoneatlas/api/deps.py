"""Request dependencies shared by the routers: the store, the zone, and parsed filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from zoneatlas.errors import InvalidParameter
from zoneatlas.parcels import vocab
from zoneatlas.store import ParcelFilter, Store


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_zone(
    request: Request,
    zone: Annotated[
        str | None, Query(description="Zone slug; default: the instance's zone")
    ] = None,
) -> str:
    return zone or str(request.app.state.settings.zone)


StoreDep = Annotated[Store, Depends(get_store)]
ZoneDep = Annotated[str, Depends(get_zone)]


def vocabulary_term(parameter: str, vocabulary: str, value: str | None) -> str | None:
    """Resolve a filter value (key, national code or name) to its key, or raise."""
    if value is None or value == "":
        return None
    term = vocab.lookup(vocabulary, value)
    if term is None:
        raise InvalidParameter(
            parameter,
            f"unknown value {value!r}; expected one of {', '.join(vocab.keys(vocabulary))}",
        )
    return term.key


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """Parse ``minx,miny,maxx,maxy`` in lon/lat degrees."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4:
        raise InvalidParameter(
            "bbox", f"expected minx,miny,maxx,maxy as four numbers, got {value!r}"
        )
    minx, miny, maxx, maxy = numbers
    if not (-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90):
        raise InvalidParameter("bbox", "expected minx < maxx and miny < maxy in lon/lat degrees")
    return minx, miny, maxx, maxy


def parcel_filter(
    land_use: Annotated[str | None, Query(description="Land-use key, GB code or name")] = None,
    status: Annotated[
        str | None, Query(description="available, reserved, negotiating, signed, transferred")
    ] = None,
    industry: Annotated[str | None, Query(description="Permitted industry key or name")] = None,
    functional_area: Annotated[str | None, Query(description="Functional area code")] = None,
    min_area_m2: Annotated[float | None, Query(ge=0, description="Smallest area, m²")] = None,
    max_area_m2: Annotated[float | None, Query(ge=0, description="Largest area, m²")] = None,
    bbox: Annotated[
        str | None, Query(description="minx,miny,maxx,maxy in lon/lat (EPSG:4326)")
    ] = None,
) -> ParcelFilter:
    if min_area_m2 is not None and max_area_m2 is not None and min_area_m2 > max_area_m2:
        raise InvalidParameter("min_area_m2", "must not be greater than max_area_m2")
    return ParcelFilter(
        land_use=vocabulary_term("land_use", "land_use", land_use),
        status=vocabulary_term("status", "status", status),
        industry=vocabulary_term("industry", "industry", industry),
        functional_area=functional_area or None,
        min_area_m2=min_area_m2,
        max_area_m2=max_area_m2,
        bbox=parse_bbox(bbox),
    )


ParcelFilterDep = Annotated[ParcelFilter, Depends(parcel_filter)]
