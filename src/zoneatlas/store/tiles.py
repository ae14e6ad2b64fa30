"""Rows for vector tiles: the few columns a tile carries, fetched by bounding box.

On PostGIS the whole tile is made in the database with ST_AsMVT (index scan, clip,
encode); elsewhere the rows come back as WKB for the Python encoder in ``zoneatlas.tiles``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, and_, column, select, table, text

from zoneatlas.store import schema as t

BBox = tuple[float, float, float, float]


def unindexed(column_: Any) -> Any:
    """``column + 0``: the same value, but SQLite's planner will not pick the column's index
    for it, so a spatial query starts from the R*Tree's few ids instead of scanning the zone
    through ``ix_..._zone_id`` (16 ms → 2.5 ms for 2,000 of 100,000 parcels)."""
    return column_ + 0


def rtree_ids(table_name: str, bbox: BBox) -> Any:
    """Ids of ``table_name`` rows whose box meets ``bbox``, from its SQLite R*Tree
    (migration 0006): ``<table>_rtree(id, minx, maxx, miny, maxy)``."""
    rtree = table(
        f"{table_name}_rtree", *(column(n) for n in ("id", "minx", "maxx", "miny", "maxy"))
    )
    minx, miny, maxx, maxy = bbox
    return select(rtree.c.id).where(
        rtree.c.maxx >= minx, rtree.c.minx <= maxx, rtree.c.maxy >= miny, rtree.c.miny <= maxy
    )


@dataclass(frozen=True)
class TileLayer:
    """A layer served as vector tiles: its table and the properties each feature carries."""

    name: str
    table: Table
    fields: tuple[str, ...]
    points: bool = False


TILE_LAYERS: dict[str, TileLayer] = {
    "parcels": TileLayer(
        "parcels",
        t.parcels,
        (
            "code",
            "name_zh",
            "name_en",
            "functional_area",
            "land_use",
            "status",
            "area_m2",
            "far_max",
            "start_price_yuan_m2",
            "industries",
        ),
    ),
    "enterprises": TileLayer(
        "enterprises",
        t.enterprises,
        ("name_zh", "name_en", "industry", "employees", "output_wan", "head_firm"),
        points=True,
    ),
}


def tile_rows(conn: Connection, layer: TileLayer, zone_id: int, bbox: BBox) -> list[Any]:
    """(id, geometry WKB or lon/lat, fields...) of the rows whose box meets ``bbox``."""
    c = layer.table.c
    minx, miny, maxx, maxy = bbox
    columns = [c.id, *(c[name] for name in layer.fields)]
    if layer.points:
        where = and_(c.lon >= minx, c.lon <= maxx, c.lat >= miny, c.lat <= maxy)
        columns += [c.lon, c.lat]
    else:
        where = and_(c.maxx >= minx, c.minx <= maxx, c.maxy >= miny, c.miny <= maxy)
        columns.append(c.geometry)
    zone_match = c.zone_id == zone_id
    if conn.dialect.name == "sqlite":  # the R*Tree finds the candidates; `where` confirms
        where = and_(c.id.in_(rtree_ids(layer.table.name, bbox)), where)
        zone_match = unindexed(c.zone_id) == zone_id
    query = select(*columns).where(zone_match, where).order_by(c.id)
    return list(conn.execute(query).all())


def postgis_tile(conn: Connection, layer: TileLayer, zone_id: int, z: int, x: int, y: int) -> bytes:
    """The tile encoded by PostGIS (ST_AsMVT, extent 4096, buffer 64)."""
    fields = ", ".join(f"r.{name}" for name in layer.fields)
    sql = text(
        f"""
        WITH bounds AS (SELECT ST_TileEnvelope(:z, :x, :y) AS merc),
        rows AS (
            SELECT r.id, {fields},
                   ST_AsMVTGeom(ST_Transform(r.geom, 3857), bounds.merc, 4096, 64, true) AS mvt
            FROM {layer.table.name} r, bounds
            WHERE r.zone_id = :zone_id
              AND r.geom && ST_Transform(ST_Expand(bounds.merc,
                    (ST_XMax(bounds.merc) - ST_XMin(bounds.merc)) * 64 / 4096), 4326)
        )
        SELECT ST_AsMVT(rows.*, :name, 4096, 'mvt', 'id') FROM rows WHERE rows.mvt IS NOT NULL
        """
    )
    params = {"z": z, "x": x, "y": y, "zone_id": zone_id, "name": layer.name}
    data = conn.execute(sql, params).scalar()
    return bytes(data) if data else b""
