"""Investor endpoints: site matching, the policy library and eligibility, comparison (JSON
and XLSX), and the contact and 标准地 indicators of a parcel. Each route parses, calls one
service function of :mod:`zoneatlas.investor` and returns its JSON."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import Field, ValidationError

from zoneatlas.api.deps import StoreDep, ZoneDep
from zoneatlas.errors import InvalidParameter, NotFound
from zoneatlas.investor import service
from zoneatlas.investor.compare import compare_parcels
from zoneatlas.investor.xlsx import comparison_xlsx
from zoneatlas.matching.request import CODE_PATTERN, MatchRequest
from zoneatlas.policies.project import Project
from zoneatlas.policies.vocab import ENTERPRISE_TYPES

router = APIRouter(prefix="/api", tags=["investor"])

Money = Annotated[float | None, Query(ge=0, description="万元")]
DateQuery = Annotated[
    dt.date | None, Query(description="Date policies and prices are judged on (default today)")
]


def invalid_from(exc: ValidationError) -> InvalidParameter:
    """A pydantic error as InvalidParameter naming the first bad field."""
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first.get("loc", ())) or "request"
    return InvalidParameter(field, str(first.get("msg", "invalid")))


def project_query(
    industry: Annotated[str | None, Query(description="Industry key or name")] = None,
    enterprise_type: Annotated[
        str | None, Query(description=f"One of {', '.join(ENTERPRISE_TYPES)}")
    ] = None,
    investment_wan: Money = None,
    equipment_wan: Money = None,
    annual_output_wan: Money = None,
    annual_tax_wan: Money = None,
    rent_wan: Money = None,
    headcount: Annotated[int | None, Query(ge=0)] = None,
    talents: Annotated[int | None, Query(ge=0)] = None,
) -> Project:
    """The project facts as query parameters (for GET endpoints that can be shared as a URL)."""
    given = {name: value for name, value in locals().items() if value is not None}
    try:
        return Project(**given)
    except ValidationError as exc:
        raise invalid_from(exc) from None


ProjectQuery = Annotated[Project, Depends(project_query)]


class EligibilityRequest(Project):
    """A project, optionally placed on a parcel, on a date."""

    parcel: str | None = Field(
        default=None, max_length=64, pattern=CODE_PATTERN, description="Parcel code"
    )
    date: dt.date | None = Field(default=None, description="Default today")


@router.get("/policies", summary="The policy library (“1+4+3”), with each policy's status")
def list_policies(
    store: StoreDep,
    zone: ZoneDep,
    industry: Annotated[str | None, Query(description="Keep policies for this industry")] = None,
    active_on: Annotated[
        dt.date | None, Query(description="Keep policies in force on this date")
    ] = None,
    date: DateQuery = None,
) -> list[dict[str, Any]]:
    key = None
    if industry:
        try:
            key = Project(industry=industry).industry
        except ValidationError as exc:
            raise InvalidParameter("industry", str(exc.errors()[0]["msg"])) from None
    return service.list_policies(store, zone, industry=key, active_on=active_on, date=date)


@router.post("/policies/eligibility", summary="Which policies a project is eligible for")
def policy_eligibility(body: EligibilityRequest, store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    project = Project(**body.model_dump(include=set(Project.model_fields)))
    return service.eligibility(store, zone, project, parcel=body.parcel, date=body.date)


@router.get("/policies/{policy_id}", summary="One policy with its conditions and benefits")
def get_policy(
    policy_id: str, store: StoreDep, zone: ZoneDep, date: DateQuery = None
) -> dict[str, Any]:
    return service.get_policy(store, zone, policy_id, date)


@router.get("/parcels/{code}/policies", summary="Policies for a project on this parcel")
def parcel_policies(
    code: str, store: StoreDep, zone: ZoneDep, project: ProjectQuery, date: DateQuery = None
) -> dict[str, Any]:
    return service.eligibility(store, zone, project, parcel=code, date=date)


@router.get("/parcels/{code}/contact", summary="The named person responsible for a parcel")
def parcel_contact(code: str, store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    contact = service.parcel_contact(store, zone, code)
    if contact is None:
        raise NotFound(f"no contact is recorded for parcel {code!r} or its area")
    return contact


@router.get("/parcels/{code}/intensity", summary="标准地 control indicators of a parcel")
def parcel_intensity(code: str, store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    store.parcel(zone, code)  # 404 for an unknown parcel
    rules = [r for r in store.intensity_rules(zone) if r.parcel_code == code]
    return {"code": code, "indicators": vars(rules[0]) if rules else None}


@router.post("/match", summary="Site matching (智能选址): ranked parcels with reasons")
def match(request: MatchRequest, store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    return service.run_match(store, zone, request)


CodesQuery = Annotated[str, Query(description="2 to 4 parcel codes, comma-separated")]


@router.get("/compare", summary="Compare 2–4 parcels side by side")
def compare(
    codes: CodesQuery, store: StoreDep, zone: ZoneDep, project: ProjectQuery, date: DateQuery = None
) -> dict[str, Any]:
    return compare_parcels(store, zone, codes, project, date)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/compare.xlsx",
    summary="The comparison as an Excel workbook",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}}},
)
def compare_xlsx(
    codes: CodesQuery, store: StoreDep, zone: ZoneDep, project: ProjectQuery, date: DateQuery = None
) -> Response:
    comparison = compare_parcels(store, zone, codes, project, date)
    name = "compare-" + "-".join(comparison["codes"]) + ".xlsx"
    return Response(
        comparison_xlsx(comparison),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{_ascii(name)}"'},
    )


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)
