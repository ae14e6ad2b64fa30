"""Storage of the investor's journey: policies, contacts, parcel intensity indicators and
leads. :class:`InvestorRecords` is a mixin of :class:`zoneatlas.store.Store`; it reads and
writes through the same engine with portable SQL.

Policies, contacts and indicators belong to a zone and travel with its bundle (copy,
rebuild). Leads are personal data: they are written one at a time, read only by the
bureau's CLI, and never part of a bundle; a backup holds them like every other table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from zoneatlas.records import Contact, IntensityRule, Lead, Policy, ZoneBundle
from zoneatlas.store import schema as t


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return ";" + ";".join(items) + ";" if items else ""


def _split(text: str) -> list[str]:
    return [item for item in text.split(";") if item]


def _policy_row(zone_id: int, p: Policy) -> dict[str, Any]:
    return {
        **vars(p),
        "zone_id": zone_id,
        "industries": _join(p.industries),
        "conditions": json.dumps(p.conditions, ensure_ascii=False, sort_keys=True),
        "benefits": json.dumps(p.benefits, ensure_ascii=False, sort_keys=True),
    }


def _policy_from_row(row: Any) -> Policy:
    return Policy(
        slug=row.slug,
        title_zh=row.title_zh,
        title_en=row.title_en,
        level=row.level,
        framework=row.framework,
        issuer_zh=row.issuer_zh,
        issuer_en=row.issuer_en,
        document_number=row.document_number,
        effective=row.effective,
        expiry=row.expiry,
        industries=_split(row.industries),
        conditions=json.loads(row.conditions),
        benefits=json.loads(row.benefits),
        summary_zh=row.summary_zh,
        summary_en=row.summary_en,
        source=row.source,
        synthetic=bool(row.synthetic),
    )


def insert_investor_records(conn: Connection, zone_id: int, bundle: ZoneBundle) -> None:
    """Write a bundle's policies, contacts and intensity indicators (part of replace_zone)."""
    if bundle.policies:
        conn.execute(insert(t.policies), [_policy_row(zone_id, p) for p in bundle.policies])
    if bundle.contacts:
        conn.execute(insert(t.contacts), [{"zone_id": zone_id, **vars(c)} for c in bundle.contacts])
    if bundle.intensity_rules:
        conn.execute(
            insert(t.parcel_intensity),
            [{"zone_id": zone_id, **vars(r)} for r in bundle.intensity_rules],
        )


class InvestorRecords:
    """Policies, contacts, intensity indicators and leads of a :class:`Store`."""

    engine: Engine

    def _zone_id(self, conn: Connection, slug: str) -> int:  # pragma: no cover - Store's
        raise NotImplementedError

    def _bump_revision(self, conn: Connection, zone_id: int) -> None:  # pragma: no cover
        raise NotImplementedError

    def _rows(self, zone: str, table: Any, *order: Any) -> list[Any]:
        with self.engine.connect() as conn:
            query = select(table).where(table.c.zone_id == self._zone_id(conn, zone))
            return list(conn.execute(query.order_by(*order, table.c.id)).all())

    # -- policies --------------------------------------------------------------------
    def policies(self, zone: str) -> list[Policy]:
        """The zone's policy library, by effective date then slug."""
        c = t.policies.c
        return [_policy_from_row(r) for r in self._rows(zone, t.policies, c.effective, c.slug)]

    def replace_policies(self, zone: str, policies: Sequence[Policy]) -> None:
        """Replace the zone's whole policy library in one transaction."""
        with self.engine.begin() as conn:
            zone_id = self._zone_id(conn, zone)
            conn.execute(delete(t.policies).where(t.policies.c.zone_id == zone_id))
            if policies:
                conn.execute(insert(t.policies), [_policy_row(zone_id, p) for p in policies])
            self._bump_revision(conn, zone_id)

    # -- contacts and indicators -----------------------------------------------------
    def contacts(self, zone: str) -> list[Contact]:
        skip = {"id", "zone_id"}
        return [
            Contact(**{k: v for k, v in r._mapping.items() if k not in skip})
            for r in self._rows(zone, t.contacts)
        ]

    def intensity_rules(self, zone: str) -> list[IntensityRule]:
        """Control indicators of the zone's parcels (one per parcel code that has them)."""
        skip = {"id", "zone_id"}
        return [
            IntensityRule(**{k: v for k, v in r._mapping.items() if k not in skip})
            for r in self._rows(zone, t.parcel_intensity, t.parcel_intensity.c.parcel_code)
        ]

    def existing_parcel_codes(self, zone: str, codes: Sequence[str]) -> set[str]:
        """Which of ``codes`` are parcels of ``zone`` (without loading geometries)."""
        if not codes:
            return set()
        c = t.parcels.c
        with self.engine.connect() as conn:
            query = select(c.code).where(
                c.zone_id == self._zone_id(conn, zone), c.code.in_(list(codes))
            )
            return set(conn.scalars(query))

    # -- leads -----------------------------------------------------------------------
    def add_lead(self, lead: Lead) -> None:
        """Store an inquiry and its parcels of interest in one transaction."""
        values = {k: v for k, v in vars(lead).items() if k != "parcel_codes"}
        with self.engine.begin() as conn:
            self._zone_id(conn, lead.zone)  # the zone must exist
            result = conn.execute(insert(t.leads).values(**values))
            assert result.inserted_primary_key is not None
            lead_id = int(result.inserted_primary_key[0])
            if lead.parcel_codes:
                conn.execute(
                    insert(t.lead_parcels),
                    [{"lead_id": lead_id, "parcel_code": code} for code in lead.parcel_codes],
                )

    def leads(self, zone: str | None = None) -> list[Lead]:
        """Stored inquiries, oldest first; all zones when ``zone`` is None."""
        c = t.leads.c
        query = select(t.leads)
        if zone is not None:
            query = query.where(c.zone == zone)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(c.created, c.id)).all()
            links = conn.execute(
                select(t.lead_parcels.c.lead_id, t.lead_parcels.c.parcel_code).order_by(
                    t.lead_parcels.c.id
                )
            ).all()
        codes: dict[int, list[str]] = {}
        for lead_id, code in links:
            codes.setdefault(int(lead_id), []).append(code)
        skip = {"id"}
        return [
            Lead(
                **{k: v for k, v in r._mapping.items() if k not in skip},
                parcel_codes=codes.get(int(r.id), []),
            )
            for r in rows
        ]
