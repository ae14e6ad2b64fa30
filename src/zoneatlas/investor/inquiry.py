"""Store an investor's inquiry as a lead and tell them who will answer.

The lead is stored only after the whole form is valid and every parcel code exists; the
answer names the contact responsible for the first parcel of interest (or the zone's
general contact) and never echoes the inquirer's own details.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from zoneatlas.errors import InvalidParameter
from zoneatlas.inquiries.form import InquiryForm
from zoneatlas.investor.service import contact_json, responsible_contact
from zoneatlas.messages import Bi, text
from zoneatlas.records import Lead
from zoneatlas.store import Store


def new_reference() -> str:
    """An unguessable reference such as ``L-3F9A2C71D0B4`` (not the row id, which would
    tell how many leads the zone has)."""
    return f"L-{secrets.token_hex(6).upper()}"


def submit_inquiry(
    store: Store, zone: str, form: InquiryForm, *, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Validate the parcels, store the lead, and return its reference, the responsible
    contact and a thank-you message in zh and en."""
    known = store.existing_parcel_codes(zone, form.parcels)
    unknown = [code for code in form.parcels if code not in known]
    if unknown:
        raise InvalidParameter("parcels", f"unknown parcel code(s): {', '.join(unknown)}")
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    lead = Lead(
        reference=new_reference(),
        zone=zone,
        created=created.isoformat(timespec="seconds"),
        name=form.name,
        organisation=form.organisation,
        contact=form.contact,
        industry=form.industry or "",
        investment_wan=form.investment_wan,
        message=form.message,
        parcel_codes=list(form.parcels),
    )
    store.add_lead(lead)
    area = store.parcel(zone, form.parcels[0]).functional_area if form.parcels else ""
    code = form.parcels[0] if form.parcels else ""
    contact = responsible_contact(store.contacts(zone), code, area)
    if contact is None:
        message = text("inquiry.received_general")
    else:
        message = text(
            "inquiry.received",
            name=Bi(contact.name_zh, contact.name_en),
            role=Bi(contact.role_zh, contact.role_en),
        )
    return {"id": lead.reference, "contact": contact_json(contact), "message": message}


def leads_json(leads: list[Lead]) -> list[dict[str, Any]]:
    """Leads for the bureau's CLI (``zoneatlas leads list --json``); never served by the
    public API."""
    return [dict(vars(lead)) for lead in leads]
