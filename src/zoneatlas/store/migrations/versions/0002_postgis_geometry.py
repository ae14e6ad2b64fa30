"""PostGIS: generated geometry columns with GiST indexes (PostgreSQL only)

On PostgreSQL the portable WKB column stays the source of truth; a stored generated
``geom`` column (EPSG:4326) mirrors it so that bounding-box filters, spatial joins and
vector tiles run in PostGIS with a spatial index. SQLite is unchanged.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

POLYGON_TABLES = ("zones", "functional_areas", "map_features", "parcels")
POINT_TABLES = ("enterprises", "pois")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    for table in POLYGON_TABLES:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN geom geometry(Geometry, 4326) "
            "GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromWKB(geometry), 4326)) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_geom ON {table} USING gist (geom)")
    for table in POINT_TABLES:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN geom geometry(Point, 4326) "
            "GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_geom ON {table} USING gist (geom)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in POLYGON_TABLES + POINT_TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_geom")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS geom")
