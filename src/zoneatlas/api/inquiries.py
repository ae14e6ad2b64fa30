"""``POST /api/inquiries``: an investor's inquiry, stored as a lead.

There is deliberately no GET: leads hold personal data and are read by the bureau with
``zoneatlas leads list``. Each client address may try :data:`LIMIT` times per
:data:`WINDOW_S` seconds (429 with ``Retry-After`` after that); the limit counts every
attempt that reaches validation, valid or not.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from zoneatlas.api.deps import StoreDep, ZoneDep
from zoneatlas.inquiries.form import InquiryForm
from zoneatlas.inquiries.ratelimit import SlidingWindowLimiter
from zoneatlas.investor.inquiry import submit_inquiry

LIMIT, WINDOW_S = 5, 600.0

router = APIRouter(prefix="/api", tags=["investor"])


def make_limiter() -> SlidingWindowLimiter:
    return SlidingWindowLimiter(limit=LIMIT, window_s=WINDOW_S)


def rate_limit(request: Request) -> None:
    """Count the attempt against the client's address (behind a reverse proxy, run
    uvicorn with ``--proxy-headers`` so that this is the investor's address)."""
    limiter: SlidingWindowLimiter = request.app.state.inquiry_limiter
    limiter.hit(request.client.host if request.client else "unknown")


@router.post(
    "/inquiries",
    status_code=201,
    summary="Send an inquiry; returns the named contact who will answer",
    dependencies=[Depends(rate_limit)],
    responses={422: {"description": "Invalid form"}, 429: {"description": "Too many"}},
)
def create_inquiry(form: InquiryForm, store: StoreDep, zone: ZoneDep) -> dict[str, Any]:
    return submit_inquiry(store, zone, form)
