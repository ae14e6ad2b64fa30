"""Land price: versioned benchmark land price table sets and land grade polygons

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "land_price_tables",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "zone_id",
            sa.Integer(),
            sa.ForeignKey(
                "zones.id", name="fk_land_price_tables_zone_id_zones", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False, server_default=""),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("imported", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_land_price_tables"),
    )
    op.create_table(
        "land_grades",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "zone_id",
            sa.Integer(),
            sa.ForeignKey("zones.id", name="fk_land_grades_zone_id_zones", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("grade", sa.String(16), nullable=False),
        sa.Column("geometry", sa.LargeBinary(), nullable=False),
        sa.Column("minx", sa.Float(), nullable=False),
        sa.Column("miny", sa.Float(), nullable=False),
        sa.Column("maxx", sa.Float(), nullable=False),
        sa.Column("maxy", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_land_grades"),
        sa.UniqueConstraint("zone_id", "grade", name="uq_land_grades_zone_id_grade"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE land_grades ADD COLUMN geom geometry(Geometry, 4326) "
            "GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromWKB(geometry), 4326)) STORED"
        )
        op.execute("CREATE INDEX ix_land_grades_geom ON land_grades USING gist (geom)")


def downgrade() -> None:
    op.drop_table("land_grades")
    op.drop_table("land_price_tables")
