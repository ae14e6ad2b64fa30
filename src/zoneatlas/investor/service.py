"""Service functions of the investor's journey, shared by the API and the CLI: site
matching, the policy library and eligibility, and the responsible contact of a parcel.

Each takes the store and a zone slug and returns JSON-ready data (the API returns it as is;
``--json`` prints it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from zoneatlas.errors import InvalidParameter
from zoneatlas.investor.context import ZoneContext, zone_context
from zoneatlas.matching.landcost import METHODS, LandCost
from zoneatlas.matching.match import Ranked, match_parcels
from zoneatlas.matching.reasons import Explainer, term, unmet_indicators
from zoneatlas.matching.request import MatchRequest
from zoneatlas.messages import number, reason, text
from zoneatlas.parcels.model import Parcel
from zoneatlas.policies.eligibility import (
    PolicyOutcome,
    evaluate_all,
    find_policy,
    outcome_json,
    policy_detail,
    policy_summary,
    status_on,
)
from zoneatlas.policies.project import Project
from zoneatlas.records import Contact
from zoneatlas.store import Store
from zoneatlas.units import M2_PER_HECTARE, M2_PER_MU


def today() -> dt.date:
    return dt.date.today()


# -- contacts ----------------------------------------------------------------------------


def responsible_contact(
    contacts: Sequence[Contact], parcel_code: str = "", functional_area: str = ""
) -> Contact | None:
    """The person responsible for a parcel: its own contact, else its functional area's,
    else the zone's general contact (no area, no parcel); None when there is none."""
    for wanted in (
        lambda c: parcel_code and c.parcel_code == parcel_code,
        lambda c: functional_area and not c.parcel_code and c.functional_area == functional_area,
        lambda c: not c.parcel_code and not c.functional_area,
    ):
        for contact in contacts:
            if wanted(contact):
                return contact
    return None


def contact_json(contact: Contact | None) -> dict[str, Any] | None:
    return None if contact is None else dict(vars(contact))


def parcel_contact(store: Store, zone: str, code: str) -> dict[str, Any] | None:
    """The contact responsible for parcel ``code`` (raises ParcelNotFound)."""
    parcel = store.parcel(zone, code)
    return contact_json(responsible_contact(store.contacts(zone), code, parcel.functional_area))


# -- policies ----------------------------------------------------------------------------


def list_policies(
    store: Store,
    zone: str,
    *,
    industry: str | None = None,
    active_on: dt.date | None = None,
    date: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The policy library; ``industry`` keeps policies for that industry (or for all
    industries), ``active_on`` keeps those in force on that date. Each entry's status is
    judged on ``active_on`` or ``date`` (default today)."""
    when = active_on or date or today()
    result = []
    for policy in zone_context(store, zone).policies:
        record = policy.record
        if industry and record.industries and industry not in record.industries:
            continue
        if active_on is not None and status_on(record, active_on) != "active":
            continue
        result.append(policy_summary(policy, when))
    return result


def get_policy(store: Store, zone: str, slug: str, date: dt.date | None = None) -> dict[str, Any]:
    """One policy with its conditions and benefits (raises PolicyNotFound)."""
    return policy_detail(find_policy(zone_context(store, zone).policies, slug), date or today())


def _place(context: ZoneContext, i: int, cost_wan: float) -> dict[str, Any]:
    parcel = context.parcels[i]
    return {
        "functional_area": parcel.functional_area,
        "land_use": parcel.land_use,
        "area_m2": parcel.area_m2,
        "land_cost_wan": cost_wan,
    }


def eligibility(
    store: Store,
    zone: str,
    project: Project,
    *,
    parcel: str | None = None,
    date: dt.date | None = None,
) -> dict[str, Any]:
    """Every policy's outcome for ``project`` (on ``parcel`` when given: its area, use,
    functional area and estimated land cost become facts), eligible first."""
    context = zone_context(store, zone)
    when = date or today()
    place: dict[str, Any] = {}
    cost: LandCost | None = None
    if parcel is not None:
        i = context.index_of(parcel)
        cost = context.land_cost.estimate(np.asarray([i]), when)
        place = _place(context, i, float(cost.total_wan[0]))
    outcomes = evaluate_all(context.policies, project.facts(**place), when)
    return {
        "date": when.isoformat(),
        "parcel": parcel,
        "land_cost": _cost_json(cost, 0) if cost is not None else None,
        "value_wan": round(sum(o.value_wan for o in outcomes), 2),
        "policies": [outcome_json(o, when) for o in outcomes],
    }


# -- matching ----------------------------------------------------------------------------


def parcel_json(context: ZoneContext, parcel: Parcel) -> dict[str, Any]:
    """A parcel's planning conditions for result lists (names in zh and en, areas in m²,
    亩 and 公顷)."""
    area = context.area_names.get(parcel.functional_area)
    use, status = term("land_use", parcel.land_use), term("status", parcel.status)
    centre = parcel.geometry.representative_point()
    return {
        "code": parcel.code,
        "name_zh": parcel.name_zh,
        "name_en": parcel.name_en,
        "functional_area": parcel.functional_area,
        "functional_area_zh": area.zh if area else "",
        "functional_area_en": area.en if area else "",
        "land_use": parcel.land_use,
        "land_use_zh": use.zh,
        "land_use_en": use.en,
        "status": parcel.status,
        "status_zh": status.zh,
        "status_en": status.en,
        "area_m2": parcel.area_m2,
        "area_mu": round(parcel.area_m2 / M2_PER_MU, 2),
        "area_ha": round(parcel.area_m2 / M2_PER_HECTARE, 2),
        "far_min": parcel.far_min,
        "far_max": parcel.far_max,
        "industries": list(parcel.industries),
        "start_price_yuan_m2": parcel.start_price_yuan_m2,
        "center": [round(centre.x, 6), round(centre.y, 6)],
        "synthetic": parcel.synthetic,
    }


def _cost_json(cost: LandCost, row: int) -> dict[str, Any]:
    total, unit = float(cost.total_wan[row]), float(cost.unit_yuan_m2[row])
    known = bool(np.isfinite(total))
    return {
        "total_wan": round(total, 2) if known else None,
        "unit_price_yuan_m2": round(unit, 2) if known else None,
        "method": METHODS[int(cost.method[row])],
        "text": text("match.cost_estimate", cost=number(total), unit=number(unit))
        if known
        else text("match.cost_unknown"),
    }


def _policies_json(outcomes: list[PolicyOutcome], when: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "id": o.policy.record.slug,
            "title_zh": o.policy.record.title_zh,
            "title_en": o.policy.record.title_en,
            "eligibility": o.status,
            "value_wan": o.value_wan,
            "missing": list(o.missing),
            "synthetic": o.policy.record.synthetic,
        }
        for o in outcomes
        if o.status in ("eligible", "needs_info")
    ]


def _ranked_json(
    context: ZoneContext,
    request: MatchRequest,
    ranked: Ranked,
    explainer: Explainer,
    when: dt.date,
) -> list[dict[str, Any]]:
    project = request.project()
    rows = []
    for row, i in enumerate(ranked.index.tolist()):
        cost_wan = float(ranked.cost.total_wan[row])
        pro, con = explainer.reasons(i, cost_wan)
        outcomes = evaluate_all(
            context.policies, project.facts(**_place(context, i, cost_wan)), when
        )
        eligible = [o for o in outcomes if o.status == "eligible"]
        value = round(sum(o.value_wan for o in eligible), 2)
        if eligible:
            pro.append(reason("match.policies_value", count=len(eligible), value=number(value)))
        rows.append(
            {
                "rank": row + 1,
                **parcel_json(context, context.parcels[i]),
                "score": float(ranked.scores.score[row]),
                "components": {
                    name: round(float(values[row]), 3)
                    for name, values in ranked.scores.components.items()
                },
                "land_cost": _cost_json(ranked.cost, row),
                "reasons_for": pro,
                "reasons_against": con,
                "intensity_missed": unmet_indicators(context.arrays, request, i),
                "policies": _policies_json(outcomes, when),
                "policy_value_wan": value,
            }
        )
    return rows


def run_match(store: Store, zone: str, request: MatchRequest) -> dict[str, Any]:
    """Rank the zone's parcels for ``request``; see :mod:`zoneatlas.matching`."""
    context = zone_context(store, zone)
    if request.functional_area and request.functional_area not in context.area_names:
        raise InvalidParameter(
            "functional_area",
            f"unknown functional area {request.functional_area!r}; expected one of "
            f"{', '.join(sorted(context.area_names))}",
        )
    when = request.date or today()
    result = match_parcels(
        context.arrays, request, lambda index: context.land_cost.estimate(index, when)
    )
    explainer = Explainer(context.arrays, request, context.area_names)
    near = []
    for row, i in enumerate(result.near.index.tolist()):
        near.append(
            {
                **parcel_json(context, context.parcels[i]),
                "score": float(result.near.scores.score[row]),
                "land_cost": _cost_json(result.near.cost, row),
                "excluded_by": explainer.exclusion(i, int(result.failed[i])),
            }
        )
    low, high = request.area_range_m2
    return {
        "zone": zone,
        "date": when.isoformat(),
        "request": {
            **request.model_dump(mode="json", exclude_none=True),
            "area_min_m2": low,
            "area_max_m2": high,
        },
        "searched": result.searched,
        "candidates": result.candidates,
        "results": _ranked_json(context, request, result.ranked, explainer, when),
        "near_misses": near,
    }
