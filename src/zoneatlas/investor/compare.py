"""Side-by-side comparison of 2 to 4 parcels: planning conditions, estimated land cost,
标准地 indicators, the policies a project would get on each and their value, distances to
the nearest school, hospital, transit station and commercial centre, and the contact.

The result has the parcels as objects and the same data as ``rows`` (one per item, with
zh/en labels and units), which the page and the XLSX export both lay out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from zoneatlas.errors import InvalidParameter
from zoneatlas.geo.nearest import nearest_places
from zoneatlas.investor.context import ZoneContext, zone_context
from zoneatlas.investor.service import (
    contact_json,
    parcel_json,
    responsible_contact,
    today,
)
from zoneatlas.matching.landcost import METHODS
from zoneatlas.matching.reasons import term
from zoneatlas.messages import label
from zoneatlas.policies.eligibility import evaluate_all, outcome_json
from zoneatlas.policies.project import Project
from zoneatlas.records import Poi
from zoneatlas.store import Store

MIN_CODES, MAX_CODES = 2, 4
#: Kind of key place → the POI category it is found in.
PLACES: dict[str, str] = {
    "school": "school",
    "hospital": "hospital",
    "transit": "transit",
    "commercial": "commercial",
}


def parse_codes(value: str | Sequence[str]) -> list[str]:
    """2–4 distinct parcel codes from ``A,B,C`` or a list; InvalidParameter otherwise."""
    items = value.split(",") if isinstance(value, str) else list(value)
    codes = [c.strip() for c in items if c.strip()]
    if len(set(codes)) != len(codes):
        raise InvalidParameter("codes", "each parcel may appear only once")
    if not MIN_CODES <= len(codes) <= MAX_CODES:
        raise InvalidParameter(
            "codes", f"give {MIN_CODES} to {MAX_CODES} parcel codes, got {len(codes)}"
        )
    return codes


def _places(
    pois: Sequence[Poi],
) -> tuple[dict[str, list[Poi]], dict[str, list[tuple[float, float]]]]:
    by_kind = {kind: [p for p in pois if p.category == cat] for kind, cat in PLACES.items()}
    return by_kind, {k: [(p.lon, p.lat) for p in v] for k, v in by_kind.items()}


def compare_parcels(
    store: Store,
    zone: str,
    codes: str | Sequence[str],
    project: Project | None = None,
    date: dt.date | None = None,
) -> dict[str, Any]:
    """The comparison of ``codes`` for ``project`` (optional) on ``date`` (default today)."""
    wanted = parse_codes(codes)
    context = zone_context(store, zone)
    when = date or today()
    index = np.asarray([context.index_of(code) for code in wanted], dtype=np.int64)
    cost = context.land_cost.estimate(index, when)
    parcels = [context.parcels[i] for i in index.tolist()]
    by_kind, points = _places(store.pois(zone))
    nearest = nearest_places([p.geometry for p in parcels], points, context.metric_epsg)
    project = project or Project()
    entries = []
    for row, (i, parcel) in enumerate(zip(index.tolist(), parcels, strict=True)):
        total = float(cost.total_wan[row])
        facts = project.facts(
            functional_area=parcel.functional_area,
            land_use=parcel.land_use,
            area_m2=parcel.area_m2,
            land_cost_wan=total,
        )
        outcomes = [o for o in evaluate_all(context.policies, facts, when)]
        rule = context.intensity.get(parcel.code)
        grade = context.land_cost.grade.labels[context.land_cost.grade.codes[i]]
        entries.append(
            {
                **parcel_json(context, parcel),
                "density_max_pct": parcel.density_max_pct,
                "green_min_pct": parcel.green_min_pct,
                "height_max_m": parcel.height_max_m,
                "lease_years": parcel.lease_years,
                "development_level": parcel.development_level,
                "grade": grade or None,
                "land_cost": {
                    "total_wan": round(total, 2) if math.isfinite(total) else None,
                    "unit_price_yuan_m2": _round(float(cost.unit_yuan_m2[row])),
                    "method": METHODS[int(cost.method[row])],
                },
                "intensity": None
                if rule is None
                else {k: v for k, v in vars(rule).items() if k != "parcel_code"},
                "policies": [
                    outcome_json(o, when)
                    for o in outcomes
                    if o.status in ("eligible", "needs_info")
                ],
                "policy_value_wan": round(sum(o.value_wan for o in outcomes), 2),
                "nearest": {
                    kind: None
                    if found is None
                    else {
                        "name_zh": by_kind[kind][found.index].name_zh,
                        "name_en": by_kind[kind][found.index].name_en,
                        "distance_m": found.distance_m,
                    }
                    for kind, found in nearest[row].items()
                },
                "contact": contact_json(
                    responsible_contact(context.contacts, parcel.code, parcel.functional_area)
                ),
            }
        )
    return {
        "zone": zone,
        "date": when.isoformat(),
        "codes": wanted,
        "project": project.model_dump(mode="json", exclude_none=True),
        "parcels": entries,
        "rows": comparison_rows(context, entries),
    }


def _round(value: float, digits: int = 2) -> float | None:
    return round(value, digits) if math.isfinite(value) else None


Getter = Callable[[dict[str, Any]], Any]


def _nested(*path: str) -> Getter:
    def get(entry: dict[str, Any]) -> Any:
        value: Any = entry
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return get


def _term(vocabulary: str, key: str) -> Getter:
    return lambda e: (lambda t: f"{t.zh} {t.en}")(term(vocabulary, e[key])) if e[key] else None


#: (row key, label message, unit message or "", value getter), in display order.
ROWS: tuple[tuple[str, str, str, Getter], ...] = (
    ("name", "compare.name", "", lambda e: e["name_zh"]),
    ("functional_area", "compare.functional_area", "", lambda e: e["functional_area_zh"] or None),
    ("land_use", "compare.land_use", "", _term("land_use", "land_use")),
    ("status", "compare.status", "", _term("status", "status")),
    ("area_m2", "compare.area_m2", "unit.m2", _nested("area_m2")),
    ("area_mu", "compare.area_mu", "unit.mu", _nested("area_mu")),
    ("far", "compare.far", "", lambda e: _far(e["far_min"], e["far_max"])),
    ("density_max_pct", "compare.density_max_pct", "unit.pct", _nested("density_max_pct")),
    ("green_min_pct", "compare.green_min_pct", "unit.pct", _nested("green_min_pct")),
    ("height_max_m", "compare.height_max_m", "unit.m", _nested("height_max_m")),
    ("lease_years", "compare.lease_years", "unit.years", _nested("lease_years")),
    (
        "development_level",
        "compare.development_level",
        "",
        _term("development_level", "development_level"),
    ),
    ("grade", "compare.grade", "", _nested("grade")),
    ("start_price", "compare.start_price", "unit.yuan_m2", _nested("start_price_yuan_m2")),
    (
        "unit_price",
        "compare.unit_price",
        "unit.yuan_m2",
        _nested("land_cost", "unit_price_yuan_m2"),
    ),
    ("land_cost", "compare.land_cost", "unit.wan", _nested("land_cost", "total_wan")),
    (
        "investment_intensity",
        "compare.intensity",
        "unit.wan_per_mu",
        _nested("intensity", "investment_wan_per_mu"),
    ),
    (
        "tax_intensity",
        "compare.tax_intensity",
        "unit.wan_per_mu",
        _nested("intensity", "tax_wan_per_mu"),
    ),
    (
        "policy_count",
        "compare.policy_count",
        "",
        lambda e: sum(p["eligibility"] == "eligible" for p in e["policies"]),
    ),
    ("policy_value", "compare.policy_value", "unit.wan", _nested("policy_value_wan")),
    ("school", "compare.distance_school", "unit.m", _nested("nearest", "school", "distance_m")),
    (
        "hospital",
        "compare.distance_hospital",
        "unit.m",
        _nested("nearest", "hospital", "distance_m"),
    ),
    ("transit", "compare.distance_transit", "unit.m", _nested("nearest", "transit", "distance_m")),
    (
        "commercial",
        "compare.distance_commercial",
        "unit.m",
        _nested("nearest", "commercial", "distance_m"),
    ),
    ("contact", "compare.contact", "", lambda e: (e["contact"] or {}).get("name_zh")),
    ("phone", "compare.phone", "", lambda e: (e["contact"] or {}).get("phone")),
)


def _far(low: float | None, high: float | None) -> str | None:
    if low is None and high is None:
        return None
    return f"{low if low is not None else '–'}–{high if high is not None else '–'}"


def comparison_rows(_context: ZoneContext, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per compared item: labels and unit in zh and en, one value per parcel."""
    rows = []
    for key, message, unit, get in ROWS:
        name, unit_name = label(message), label(unit) if unit else None
        rows.append(
            {
                "key": key,
                "label_zh": name.zh,
                "label_en": name.en,
                "unit_zh": unit_name.zh if unit_name else "",
                "unit_en": unit_name.en if unit_name else "",
                "values": [get(entry) for entry in entries],
            }
        )
    return rows
