"""Validate flat parcel rows (from any file format) into :class:`Parcel` records.

Every row is checked and every problem is collected, so a user fixes a file in one pass;
if any row fails, :class:`ImportRejected` is raised and nothing is returned.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from zoneatlas.errors import ImportRejected
from zoneatlas.geo.crs import metric_transformer
from zoneatlas.parcels import vocab
from zoneatlas.parcels.model import REQUIRED_FIELDS, Parcel

Row = Mapping[str, Any]


class _RowErrors:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _number(
    row: Row, name: str, errors: _RowErrors, *, positive: bool, maximum: float | None = None
) -> float | None:
    value: Any = row.get(name)
    if _blank(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors.add(f"{name} {value!r} is not a number")
        return None
    if not math.isfinite(number):
        errors.add(f"{name} must be a finite number")
    elif positive and number <= 0:
        errors.add(f"{name} must be > 0 (got {number:g})")
    elif number < 0:
        errors.add(f"{name} must not be negative (got {number:g})")
    elif maximum is not None and number > maximum:
        errors.add(f"{name} must be <= {maximum:g} (got {number:g})")
    else:
        return number
    return None


def _term(row: Row, name: str, vocabulary: str, errors: _RowErrors) -> str:
    value = row.get(name)
    if _blank(value):
        return ""
    term = vocab.lookup(vocabulary, str(value))
    if term is None:
        errors.add(f"{name} {value!r} is not one of {', '.join(vocab.keys(vocabulary))}")
        return ""
    return term.key


def _industries(row: Row, errors: _RowErrors) -> list[str]:
    value = row.get("industries")
    if _blank(value):
        return []
    items = value if isinstance(value, list | tuple) else str(value).replace("；", ";").split(";")
    keys: list[str] = []
    for item in items:
        if not str(item).strip():
            continue
        term = vocab.lookup("industry", str(item))
        if term is None:
            errors.add(f"industry {item!r} is not one of {', '.join(vocab.keys('industry'))}")
        else:
            keys.append(term.key)
    return keys


def _date(row: Row, errors: _RowErrors) -> dt.date | None:
    value = row.get("updated")
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        errors.add(f"updated {value!r} is not a date (YYYY-MM-DD)")
        return None


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().casefold() in ("1", "true", "yes", "y", "是")
    return bool(value) if not _blank(value) else False


def check_geometry(geometry: BaseGeometry | None, errors: _RowErrors) -> BaseGeometry | None:
    """Accept a non-empty, valid (Multi)Polygon in plausible lon/lat."""
    if geometry is None or geometry.is_empty:
        errors.add("geometry is missing or empty")
        return None
    if not isinstance(geometry, Polygon | MultiPolygon):
        errors.add(f"geometry is a {geometry.geom_type}, expected Polygon or MultiPolygon")
        return None
    if not geometry.is_valid:
        errors.add(f"geometry is invalid ({shapely.is_valid_reason(geometry)})")
        return None
    minx, miny, maxx, maxy = geometry.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        errors.add("geometry is outside longitude/latitude range: give the file's CRS with --crs")
        return None
    return geometry


def metric_area_m2(geometry: BaseGeometry) -> float:
    """Area in m², computed in the 3-degree Gauss-Kruger zone of the geometry's centroid."""
    to_metric = metric_transformer(geometry.centroid.x)
    # shapely.transform hands pyproj every vertex at once (shapely.ops.transform is
    # deprecated since shapely 2.2 and calls back per coordinate sequence).
    projected = shapely.transform(
        geometry, lambda xy: np.column_stack(to_metric.transform(xy[:, 0], xy[:, 1]))
    )
    return float(projected.area)


def validate_row(
    row: Row, geometry: BaseGeometry | None, *, default_source: str
) -> Parcel | list[str]:
    """One row to a Parcel, or the list of its problems."""
    errors = _RowErrors()
    for name in REQUIRED_FIELDS:
        if _blank(row.get(name)):
            errors.add(f"required field {name} is missing")
    land_use = _term(row, "land_use", "land_use", errors)
    status = _term(row, "status", "status", errors)
    level = _term(row, "development_level", "development_level", errors)
    industries = _industries(row, errors)
    far_min = _number(row, "far_min", errors, positive=True, maximum=30)
    far_max = _number(row, "far_max", errors, positive=True, maximum=30)
    if far_min is not None and far_max is not None and far_min > far_max:
        errors.add(f"far_min {far_min:g} is greater than far_max {far_max:g}")
    density = _number(row, "density_max_pct", errors, positive=True, maximum=100)
    green = _number(row, "green_min_pct", errors, positive=False, maximum=100)
    height = _number(row, "height_max_m", errors, positive=True, maximum=1000)
    lease = _number(row, "lease_years", errors, positive=True, maximum=70)
    if lease is not None and not lease.is_integer():
        errors.add(f"lease_years must be a whole number of years (got {lease:g})")
        lease = None
    price = _number(row, "start_price_yuan_m2", errors, positive=True)
    area = _number(row, "area_m2", errors, positive=True)
    updated = _date(row, errors)
    geom = check_geometry(geometry, errors)
    if errors.messages or geom is None:
        return errors.messages
    return Parcel(
        code=str(row["code"]).strip(),
        name_zh=str(row["name_zh"]).strip(),
        name_en="" if _blank(row.get("name_en")) else str(row["name_en"]).strip(),
        functional_area="" if _blank(row.get("functional_area")) else str(row["functional_area"]),
        land_use=land_use,
        status=status,
        geometry=geom,
        area_m2=area if area is not None else round(metric_area_m2(geom), 2),
        far_min=far_min,
        far_max=far_max,
        density_max_pct=density,
        green_min_pct=green,
        height_max_m=height,
        lease_years=int(lease) if lease is not None else None,
        development_level=level,
        industries=industries,
        start_price_yuan_m2=price,
        source=default_source if _blank(row.get("source")) else str(row["source"]),
        updated=updated or dt.date.today(),
        synthetic=_bool(row.get("synthetic")),
    )


def validate_parcels(
    rows: Iterable[tuple[Row, BaseGeometry | None]],
    *,
    source: str,
    extra_check: Callable[[Parcel], str | None] | None = None,
) -> list[Parcel]:
    """Validate all rows; return parcels, or raise ImportRejected listing every problem.

    Row numbers in messages start at 1. Duplicate codes within the file are reported on
    the later row.
    """
    parcels: list[Parcel] = []
    problems: list[tuple[int | None, str]] = []
    seen: dict[str, int] = {}
    count = 0
    for number, (row, geometry) in enumerate(rows, start=1):
        count = number
        result = validate_row(row, geometry, default_source=source)
        if isinstance(result, list):
            problems.extend((number, message) for message in result)
            continue
        if result.code in seen:
            problems.append(
                (number, f"duplicate code {result.code!r} (first on row {seen[result.code]})")
            )
            continue
        seen[result.code] = number
        if extra_check is not None and (message := extra_check(result)):
            problems.append((number, message))
            continue
        parcels.append(result)
    if count == 0:
        problems.append((None, "the file holds no parcels"))
    if problems:
        raise ImportRejected(source, problems)
    return parcels
