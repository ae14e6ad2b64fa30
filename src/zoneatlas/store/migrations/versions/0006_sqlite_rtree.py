"""SQLite: R*Tree spatial indexes for parcels and enterprises

The bounding-box columns alone let SQLite use one range (minx) at best; an R*Tree answers
"which rows meet this box" directly, so a vector tile of 2,000 parcels out of 100,000 reads
2,000 rows instead of scanning the zone. Triggers keep the R*Trees in step with the tables.
PostgreSQL has GiST indexes on its generated geometry columns instead (0002).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: table -> (R*Tree name, expressions for minx, maxx, miny, maxy of a row ``r``)
INDEXES = {
    "parcels": ("parcels_rtree", "r.minx", "r.maxx", "r.miny", "r.maxy"),
    "enterprises": ("enterprises_rtree", "r.lon", "r.lon", "r.lat", "r.lat"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, (rtree, minx, maxx, miny, maxy) in INDEXES.items():
        op.execute(f"CREATE VIRTUAL TABLE {rtree} USING rtree(id, minx, maxx, miny, maxy)")
        values = ", ".join(v.replace("r.", "NEW.") for v in (minx, maxx, miny, maxy))
        op.execute(
            f"INSERT INTO {rtree} SELECT r.id, {minx}, {maxx}, {miny}, {maxy} FROM {table} r"
        )
        op.execute(
            f"CREATE TRIGGER {rtree}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {rtree} VALUES (NEW.id, {values}); END"
        )
        op.execute(
            f"CREATE TRIGGER {rtree}_update AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM {rtree} WHERE id = OLD.id; "
            f"INSERT INTO {rtree} VALUES (NEW.id, {values}); END"
        )
        op.execute(
            f"CREATE TRIGGER {rtree}_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {rtree} WHERE id = OLD.id; END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, (rtree, *_columns) in INDEXES.items():
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {rtree}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {rtree}")
        del table
