"""The investor's journey: policy library, contacts, parcel intensity indicators (标准地),
and inquiries (leads) linked to parcels

Portable SQL: plain tables, no dialect-specific types. Leads name their zone by slug
(no foreign key) so that rebuilding a zone keeps them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _zone_fk(table: str) -> sa.Column[int]:
    return sa.Column(
        "zone_id",
        sa.Integer(),
        sa.ForeignKey("zones.id", name=f"fk_{table}_zone_id_zones", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "policies",
        sa.Column("id", sa.Integer(), nullable=False),
        _zone_fk("policies"),
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("title_zh", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("framework", sa.String(16), nullable=False),
        sa.Column("issuer_zh", sa.Text(), nullable=False),
        sa.Column("issuer_en", sa.Text(), nullable=False),
        sa.Column("document_number", sa.Text(), nullable=False),
        sa.Column("effective", sa.Date(), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("industries", sa.Text(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("benefits", sa.Text(), nullable=False),
        sa.Column("summary_zh", sa.Text(), nullable=False),
        sa.Column("summary_en", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_policies"),
        sa.UniqueConstraint("zone_id", "slug", name="uq_policies_zone_id_slug"),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        _zone_fk("contacts"),
        sa.Column("name_zh", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("role_zh", sa.Text(), nullable=False),
        sa.Column("role_en", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("functional_area", sa.String(64), nullable=False),
        sa.Column("parcel_code", sa.String(64), nullable=False),
        sa.Column("note_zh", sa.Text(), nullable=False),
        sa.Column("note_en", sa.Text(), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_contacts"),
    )
    op.create_index(
        "ix_contacts_zone_id_parcel_code", "contacts", ["zone_id", "parcel_code"], unique=False
    )
    op.create_table(
        "parcel_intensity",
        sa.Column("id", sa.Integer(), nullable=False),
        _zone_fk("parcel_intensity"),
        sa.Column("parcel_code", sa.String(64), nullable=False),
        sa.Column("investment_wan_per_mu", sa.Float(), nullable=True),
        sa.Column("tax_wan_per_mu", sa.Float(), nullable=True),
        sa.Column("output_wan_per_mu", sa.Float(), nullable=True),
        sa.Column("energy_tce_per_wan", sa.Float(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_parcel_intensity"),
        sa.UniqueConstraint(
            "zone_id", "parcel_code", name="uq_parcel_intensity_zone_id_parcel_code"
        ),
    )
    op.create_table(
        "leads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(32), nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("industry", sa.String(32), nullable=False),
        sa.Column("investment_wan", sa.Float(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_leads"),
        sa.UniqueConstraint("reference", name="uq_leads_reference"),
    )
    op.create_index("ix_leads_zone_created", "leads", ["zone", "created"], unique=False)
    op.create_table(
        "lead_parcels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "lead_id",
            sa.Integer(),
            sa.ForeignKey("leads.id", name="fk_lead_parcels_lead_id_leads", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("parcel_code", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_lead_parcels"),
    )
    op.create_index("ix_lead_parcels_lead_id", "lead_parcels", ["lead_id"], unique=False)


def downgrade() -> None:
    op.drop_table("lead_parcels")
    op.drop_table("leads")
    op.drop_table("parcel_intensity")
    op.drop_table("contacts")
    op.drop_table("policies")
