"""Rows for vector tiles: the few columns a tile carries, fetched by bounding box.

On PostGIS the whole tile is made in the database with ST_AsMVT (index scan, clip,
encode); elsewhere the rows come back as WKB for the Python encoder in ``zoneatlas.tiles``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, and_, select, text

from zoneatlas.store import schema as t

BBox = tuple[float, float, float, float]


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
    query = select(*columns).where(c.zone_id == zone_id, where).order_by(c.id)
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
