"""The one storage interface the domain and the API call.

:class:`Store` reads and writes zone records through SQLAlchemy Core with portable SQL.
Writes that belong together (a whole zone, an import) happen in one transaction: all or
nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry
from sqlalchemy import (
    Connection,
    Engine,
    Select,
    and_,
    delete,
    func,
    insert,
    literal_column,
    select,
)

from zoneatlas.errors import InvalidParameter, ParcelNotFound, ZoneNotFound
from zoneatlas.parcels.model import Parcel
from zoneatlas.records import (
    Enterprise,
    FunctionalArea,
    Indicator,
    LandGrade,
    LandPriceTables,
    LandTransaction,
    MapFeature,
    Poi,
    TimelineEvent,
    Zone,
    ZoneBundle,
)
from zoneatlas.store import schema as t
from zoneatlas.store.investor import InvestorRecords, insert_investor_records
from zoneatlas.store.tiles import TILE_LAYERS, postgis_tile, rtree_ids, tile_rows, unindexed


@dataclass(frozen=True)
class ParcelFilter:
    """Parcel query. Areas in m²; ``bbox`` is (minx, miny, maxx, maxy) in lon/lat."""

    land_use: str | None = None
    status: str | None = None
    industry: str | None = None
    functional_area: str | None = None
    min_area_m2: float | None = None
    max_area_m2: float | None = None
    bbox: tuple[float, float, float, float] | None = None


def _geometry_columns(geometry: BaseGeometry) -> dict[str, Any]:
    minx, miny, maxx, maxy = geometry.bounds
    return {
        "geometry": shapely.to_wkb(geometry),
        "minx": minx,
        "miny": miny,
        "maxx": maxx,
        "maxy": maxy,
    }


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return ";" + ";".join(items) + ";" if items else ""


def _split(text: str) -> list[str]:
    return [item for item in text.split(";") if item]


def _parcel_row(zone_id: int, parcel: Parcel) -> dict[str, Any]:
    props = parcel.properties()
    props.pop("area_mu")
    props["updated"] = parcel.updated
    props["industries"] = _join(parcel.industries)
    return {"zone_id": zone_id, **props, **_geometry_columns(parcel.geometry)}


def _parcel_from_row(row: Any) -> Parcel:
    return Parcel(
        code=row.code,
        name_zh=row.name_zh,
        name_en=row.name_en,
        functional_area=row.functional_area,
        land_use=row.land_use,
        status=row.status,
        geometry=shapely.from_wkb(row.geometry),
        area_m2=row.area_m2,
        far_min=row.far_min,
        far_max=row.far_max,
        density_max_pct=row.density_max_pct,
        green_min_pct=row.green_min_pct,
        height_max_m=row.height_max_m,
        lease_years=row.lease_years,
        development_level=row.development_level,
        industries=_split(row.industries),
        start_price_yuan_m2=row.start_price_yuan_m2,
        source=row.source,
        updated=row.updated,
        synthetic=bool(row.synthetic),
    )


class Store(InvestorRecords):
    """Repository over one database. Create with an engine whose schema is migrated."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_postgis = engine.dialect.name == "postgresql"

    # -- zones -----------------------------------------------------------------------
    def _zone_id(self, conn: Connection, slug: str) -> int:
        zone_id = conn.scalar(select(t.zones.c.id).where(t.zones.c.slug == slug))
        if zone_id is None:
            raise ZoneNotFound(slug)
        return int(zone_id)

    def list_zones(self) -> list[Zone]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.zones).order_by(t.zones.c.slug)).all()
        return [
            Zone(
                slug=r.slug,
                name_zh=r.name_zh,
                name_en=r.name_en,
                boundary=shapely.from_wkb(r.geometry),
                metric_epsg=r.metric_epsg,
                source=r.source,
                notice_zh=r.notice_zh,
                notice_en=r.notice_en,
            )
            for r in rows
        ]

    def get_zone(self, slug: str) -> Zone:
        for zone in self.list_zones():
            if zone.slug == slug:
                return zone
        raise ZoneNotFound(slug)

    def replace_zone(self, bundle: ZoneBundle) -> None:
        """Write a whole zone in one transaction, replacing any zone with the same slug."""
        z = bundle.zone
        with self.engine.begin() as conn:
            previous = conn.scalar(select(t.zones.c.revision).where(t.zones.c.slug == z.slug))
            conn.execute(delete(t.zones).where(t.zones.c.slug == z.slug))
            zone_id = conn.execute(
                insert(t.zones).values(
                    revision=(previous or 0) + 1,
                    slug=z.slug,
                    name_zh=z.name_zh,
                    name_en=z.name_en,
                    metric_epsg=z.metric_epsg,
                    source=z.source,
                    notice_zh=z.notice_zh,
                    notice_en=z.notice_en,
                    **_geometry_columns(z.boundary),
                )
            ).inserted_primary_key
            assert zone_id is not None
            self._insert_bundle(conn, int(zone_id[0]), bundle)

    def _insert_bundle(self, conn: Connection, zone_id: int, b: ZoneBundle) -> None:
        def rows(items: Sequence[Any], build: Any) -> None:
            if items:
                table, values = build
                conn.execute(insert(table), values)

        rows(
            b.functional_areas,
            (
                t.functional_areas,
                [
                    {
                        "zone_id": zone_id,
                        "code": a.code,
                        "name_zh": a.name_zh,
                        "name_en": a.name_en,
                        "industries": _join(a.industries),
                        "color": a.color,
                        "synthetic": a.synthetic,
                        **_geometry_columns(a.geometry),
                    }
                    for a in b.functional_areas
                ],
            ),
        )
        rows(
            b.features,
            (
                t.map_features,
                [
                    {
                        "zone_id": zone_id,
                        "layer": f.layer,
                        "kind": f.kind,
                        "name_zh": f.name_zh,
                        "name_en": f.name_en,
                        "synthetic": f.synthetic,
                        **_geometry_columns(f.geometry),
                    }
                    for f in b.features
                ],
            ),
        )
        rows(b.parcels, (t.parcels, [_parcel_row(zone_id, p) for p in b.parcels]))
        rows(
            b.enterprises, (t.enterprises, [{"zone_id": zone_id, **vars(e)} for e in b.enterprises])
        )
        rows(b.pois, (t.pois, [{"zone_id": zone_id, **vars(p)} for p in b.pois]))
        rows(b.indicators, (t.indicators, [{"zone_id": zone_id, **vars(i)} for i in b.indicators]))
        rows(b.timeline, (t.timeline_events, [{"zone_id": zone_id, **vars(e)} for e in b.timeline]))
        rows(
            b.transactions,
            (t.land_transactions, [{"zone_id": zone_id, **vars(x)} for x in b.transactions]),
        )
        grade_rows = [
            {"zone_id": zone_id, "grade": g.grade, **_geometry_columns(g.geometry)}
            for g in b.land_grades
        ]
        rows(b.land_grades, (t.land_grades, grade_rows))
        table_rows = [{"zone_id": zone_id, **vars(x)} for x in b.land_price_tables]
        rows(b.land_price_tables, (t.land_price_tables, table_rows))
        insert_investor_records(conn, zone_id, b)

    def bundle(self, slug: str) -> ZoneBundle:
        """Everything stored for zone ``slug``, e.g. to copy it to another database."""
        return ZoneBundle(
            zone=self.get_zone(slug),
            functional_areas=self.functional_areas(slug),
            features=self.features(slug),
            parcels=self.parcels(slug),
            enterprises=self.enterprises(slug),
            pois=self.pois(slug),
            indicators=self.indicators(slug),
            timeline=self.timeline(slug),
            transactions=self.transactions(slug),
            land_grades=self.land_grades(slug),
            land_price_tables=self.land_price_table_history(slug),
            policies=self.policies(slug),
            contacts=self.contacts(slug),
            intensity_rules=self.intensity_rules(slug),
        )

    def revision(self, slug: str) -> int:
        """The zone's data revision; it grows with every write to the zone."""
        with self.engine.connect() as conn:
            value = conn.scalar(select(t.zones.c.revision).where(t.zones.c.slug == slug))
        if value is None:
            raise ZoneNotFound(slug)
        return int(value)

    def _bump_revision(self, conn: Connection, zone_id: int) -> None:
        conn.execute(
            t.zones.update().where(t.zones.c.id == zone_id).values(revision=t.zones.c.revision + 1)
        )

    # -- parcels ---------------------------------------------------------------------
    def _parcel_query(self, zone_id: int, f: ParcelFilter) -> Select[Any]:
        c = t.parcels.c
        spatial_sqlite = f.bbox is not None and not self.is_postgis
        conditions = [(unindexed(c.zone_id) if spatial_sqlite else c.zone_id) == zone_id]
        if f.land_use:
            conditions.append(c.land_use == f.land_use)
        if f.status:
            conditions.append(c.status == f.status)
        if f.industry:
            conditions.append(c.industries.like(f"%;{f.industry};%"))
        if f.functional_area:
            conditions.append(c.functional_area == f.functional_area)
        if f.min_area_m2 is not None:
            conditions.append(c.area_m2 >= f.min_area_m2)
        if f.max_area_m2 is not None:
            conditions.append(c.area_m2 <= f.max_area_m2)
        if f.bbox is not None:
            conditions.append(self._bbox_condition(c, f.bbox))
        return select(t.parcels).where(and_(*conditions)).order_by(c.code)

    def _bbox_condition(self, c: Any, bbox: tuple[float, float, float, float]) -> Any:
        """Rows whose geometry may intersect ``bbox``: PostGIS answers exactly with its
        GiST index; on SQLite the R*Tree (migration 0006) gives candidates."""
        minx, miny, maxx, maxy = bbox
        if self.is_postgis:
            envelope = func.ST_MakeEnvelope(minx, miny, maxx, maxy, 4326)
            return func.ST_Intersects(literal_column("geom"), envelope)
        return and_(
            c.id.in_(rtree_ids("parcels", bbox)),
            c.maxx >= minx,
            c.minx <= maxx,
            c.maxy >= miny,
            c.miny <= maxy,
        )

    def parcels(self, zone: str, f: ParcelFilter | None = None) -> list[Parcel]:
        """Parcels of ``zone`` matching ``f``, ordered by code."""
        f = f or ParcelFilter()
        with self.engine.connect() as conn:
            rows = conn.execute(self._parcel_query(self._zone_id(conn, zone), f)).all()
        result = [_parcel_from_row(r) for r in rows]
        if f.bbox is not None and not self.is_postgis:  # exact test after the bbox prefilter
            window = box(*f.bbox)
            result = [p for p in result if p.geometry.intersects(window)]
        return result

    def parcel_stats(self, zone: str, f: ParcelFilter | None = None) -> tuple[int, float]:
        """(count, total area in m²) of the parcels matching ``f``, without loading them."""
        f = f or ParcelFilter()
        if f.bbox is not None and not self.is_postgis:  # exact geometry test happens in Python
            found = self.parcels(zone, f)
            return len(found), float(sum(p.area_m2 for p in found))
        with self.engine.connect() as conn:
            query = self._parcel_query(self._zone_id(conn, zone), f).subquery()
            row = conn.execute(select(func.count(), func.sum(query.c.area_m2))).one()
        return int(row[0]), float(row[1] or 0.0)

    def parcel(self, zone: str, code: str) -> Parcel:
        with self.engine.connect() as conn:
            zone_id = self._zone_id(conn, zone)
            row = conn.execute(
                select(t.parcels).where(t.parcels.c.zone_id == zone_id, t.parcels.c.code == code)
            ).first()
        if row is None:
            raise ParcelNotFound(code)
        return _parcel_from_row(row)

    def count_parcels(self, zone: str) -> int:
        with self.engine.connect() as conn:
            zone_id = self._zone_id(conn, zone)
            return int(
                conn.scalar(
                    select(func.count())
                    .select_from(t.parcels)
                    .where(t.parcels.c.zone_id == zone_id)
                )
                or 0
            )

    def upsert_parcels(self, zone: str, parcels: Sequence[Parcel]) -> tuple[int, int]:
        """Insert new parcels and replace those whose code exists, in one transaction.

        Returns (inserted, updated).
        """
        with self.engine.begin() as conn:
            zone_id = self._zone_id(conn, zone)
            codes = [p.code for p in parcels]
            existing: set[str] = set()
            for start in range(0, len(codes), 500):
                chunk = codes[start : start + 500]
                existing.update(
                    conn.scalars(
                        select(t.parcels.c.code).where(
                            t.parcels.c.zone_id == zone_id, t.parcels.c.code.in_(chunk)
                        )
                    )
                )
                conn.execute(
                    delete(t.parcels).where(
                        t.parcels.c.zone_id == zone_id, t.parcels.c.code.in_(chunk)
                    )
                )
            if parcels:
                conn.execute(insert(t.parcels), [_parcel_row(zone_id, p) for p in parcels])
            self._bump_revision(conn, zone_id)
        return len(parcels) - len(existing), len(existing)

    # -- other layers ----------------------------------------------------------------
    def functional_areas(self, zone: str) -> list[FunctionalArea]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.functional_areas)
                .where(t.functional_areas.c.zone_id == self._zone_id(conn, zone))
                .order_by(t.functional_areas.c.code)
            ).all()
        return [
            FunctionalArea(
                code=r.code,
                name_zh=r.name_zh,
                name_en=r.name_en,
                geometry=shapely.from_wkb(r.geometry),
                industries=_split(r.industries),
                color=r.color,
                synthetic=bool(r.synthetic),
            )
            for r in rows
        ]

    def features(self, zone: str, layer: str | None = None) -> list[MapFeature]:
        with self.engine.connect() as conn:
            query = select(t.map_features).where(
                t.map_features.c.zone_id == self._zone_id(conn, zone)
            )
            if layer:
                query = query.where(t.map_features.c.layer == layer)
            rows = conn.execute(query.order_by(t.map_features.c.id)).all()
        return [
            MapFeature(
                layer=r.layer,
                kind=r.kind,
                name_zh=r.name_zh,
                name_en=r.name_en,
                geometry=shapely.from_wkb(r.geometry),
                synthetic=bool(r.synthetic),
            )
            for r in rows
        ]

    def _plain(self, zone: str, table: Any, cls: Any, order: Any, *where: Any) -> list[Any]:
        with self.engine.connect() as conn:
            query = select(table).where(table.c.zone_id == self._zone_id(conn, zone), *where)
            rows = conn.execute(query.order_by(*order)).mappings().all()
        skip = {"id", "zone_id"}
        return [cls(**{k: v for k, v in r.items() if k not in skip}) for r in rows]

    def enterprises(self, zone: str, industry: str | None = None) -> list[Enterprise]:
        where = [t.enterprises.c.industry == industry] if industry else []
        return self._plain(zone, t.enterprises, Enterprise, [t.enterprises.c.id], *where)

    def pois(self, zone: str) -> list[Poi]:
        return self._plain(zone, t.pois, Poi, [t.pois.c.id])

    def indicators(self, zone: str, year: int | None = None) -> list[Indicator]:
        where = [t.indicators.c.year == year] if year is not None else []
        return self._plain(
            zone, t.indicators, Indicator, [t.indicators.c.year, t.indicators.c.id], *where
        )

    def timeline(self, zone: str, year: int | None = None) -> list[TimelineEvent]:
        c = t.timeline_events.c
        where = [c.date >= dt.date(year, 1, 1), c.date <= dt.date(year, 12, 31)] if year else []
        return self._plain(zone, t.timeline_events, TimelineEvent, [c.date, c.id], *where)

    def transactions(self, zone: str) -> list[LandTransaction]:
        c = t.land_transactions.c
        return self._plain(zone, t.land_transactions, LandTransaction, [c.date, c.id])

    # -- land price --------------------------------------------------------------------
    def land_grades(self, zone: str) -> list[LandGrade]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.land_grades)
                .where(t.land_grades.c.zone_id == self._zone_id(conn, zone))
                .order_by(t.land_grades.c.id)
            ).all()
        return [LandGrade(r.grade, shapely.from_wkb(r.geometry)) for r in rows]

    def land_price_table_history(self, zone: str) -> list[LandPriceTables]:
        """Every table set imported for ``zone``, oldest first; the last one is in force."""
        c = t.land_price_tables.c
        return self._plain(zone, t.land_price_tables, LandPriceTables, [c.id])

    def save_land_price_tables(
        self, zone: str, tables: LandPriceTables, grades: Sequence[LandGrade] | None = None
    ) -> None:
        """Add a table set version (and, if given, replace the grade polygons), atomically."""
        with self.engine.begin() as conn:
            zone_id = self._zone_id(conn, zone)
            conn.execute(insert(t.land_price_tables).values(zone_id=zone_id, **vars(tables)))
            if grades is not None:
                conn.execute(delete(t.land_grades).where(t.land_grades.c.zone_id == zone_id))
                if grades:
                    conn.execute(
                        insert(t.land_grades),
                        [
                            {"zone_id": zone_id, "grade": g.grade, **_geometry_columns(g.geometry)}
                            for g in grades
                        ],
                    )
            self._bump_revision(conn, zone_id)

    # -- vector tiles ----------------------------------------------------------------
    def tile_rows(
        self, zone: str, layer: str, bbox: tuple[float, float, float, float]
    ) -> list[Any]:
        """Rows of a tile layer (see ``store.tiles.TILE_LAYERS``) meeting ``bbox``."""
        with self.engine.connect() as conn:
            return tile_rows(conn, TILE_LAYERS[layer], self._zone_id(conn, zone), bbox)

    def postgis_tile(self, zone: str, layer: str, z: int, x: int, y: int) -> bytes:
        """The tile encoded in PostGIS with ST_AsMVT (PostGIS backends only)."""
        with self.engine.connect() as conn:
            return postgis_tile(conn, TILE_LAYERS[layer], self._zone_id(conn, zone), z, x, y)

    # -- OGC paging ------------------------------------------------------------------
    #: Text columns stored as ";a;b;" lists: read as lists, filtered by "contains".
    OGC_LIST_COLUMNS = frozenset({"industries"})
    _OGC_HIDDEN = frozenset({"zone_id", "minx", "miny", "maxx", "maxy", "geometry", "lon", "lat"})

    def ogc_page(
        self,
        table_name: str,
        zone: str | None,
        *,
        equals: Mapping[str, str] | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        dates: tuple[str, dt.date | None, dt.date | None] | None = None,
        order_by: str = "id",
        limit: int = 10,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the rows of ``table_name`` and the number of rows matched.

        ``zone`` keeps one zone's rows (tables without ``zone_id`` ignore it); ``equals``
        maps column names to the text of the wanted value (a list column matches when it
        contains the value); ``bbox`` (lon/lat, EPSG:4326) keeps rows whose geometry
        intersects it, exactly on both backends; ``dates`` is (column, first, last),
        inclusive, either end ``None`` for open. Rows are decoded: ``geometry`` is a shapely
        geometry in EPSG:4326 (points from ``lon``/``lat``), list columns are lists.
        """
        table = t.metadata.tables[table_name]
        order = [table.c[order_by], table.c.id]
        with self.engine.connect() as conn:
            where = self._ogc_where(conn, table, zone, equals or {}, dates)
            if bbox is not None and "geometry" in table.c and not self.is_postgis:
                ids = self._ogc_bbox_ids(conn, table, where, bbox, order)
                matched, where, offset = len(ids), [table.c.id.in_(ids[offset : offset + limit])], 0
            else:
                if bbox is not None:
                    where.append(self._ogc_bbox(table, bbox))
                count = select(func.count()).select_from(table).where(*where)
                matched = int(conn.scalar(count) or 0)
            query = select(table).where(*where).order_by(*order).limit(limit).offset(offset)
            rows = conn.execute(query).all()
        return self._ogc_decode(table, rows), matched

    def ogc_item(
        self, table_name: str, zone: str | None, key: str, value: str
    ) -> dict[str, Any] | None:
        """The decoded row of ``table_name`` whose column ``key`` equals ``value``, or None."""
        table = t.metadata.tables[table_name]
        try:
            wanted = self._ogc_value(table.c[key], value)
        except InvalidParameter:
            return None
        with self.engine.connect() as conn:
            where = self._ogc_where(conn, table, zone, {}, None)
            rows = conn.execute(select(table).where(*where, table.c[key] == wanted).limit(1)).all()
        decoded = self._ogc_decode(table, rows)
        return decoded[0] if decoded else None

    def ogc_extent(
        self, table_name: str, zone: str | None, date_column: str | None = None
    ) -> tuple[tuple[float, float, float, float] | None, tuple[dt.date, dt.date] | None]:
        """Bounding box (lon/lat) of the rows of ``table_name`` and the first and last
        value of ``date_column``; None where there is nothing to bound."""
        table = t.metadata.tables[table_name]
        c = table.c
        corners = (c.minx, c.miny, c.maxx, c.maxy) if "geometry" in c else (c.lon, c.lat) * 2
        columns: list[Any] = [func.min(corners[0]), func.min(corners[1])]
        columns += [func.max(corners[2]), func.max(corners[3])]
        if date_column:
            columns += [func.min(c[date_column]), func.max(c[date_column])]
        with self.engine.connect() as conn:
            where = self._ogc_where(conn, table, zone, {}, None)
            row = conn.execute(select(*columns).where(*where)).one()
        bbox = None if row[0] is None else (row[0], row[1], row[2], row[3])
        dates = (row[4], row[5]) if date_column and row[4] is not None else None
        return bbox, dates

    def _ogc_where(
        self,
        conn: Connection,
        table: Any,
        zone: str | None,
        equals: Mapping[str, str],
        dates: tuple[str, dt.date | None, dt.date | None] | None,
    ) -> list[Any]:
        where: list[Any] = []
        if zone is not None and "zone_id" in table.c:
            where.append(table.c.zone_id == self._zone_id(conn, zone))
        for name, text in equals.items():
            column = table.c[name]
            if name in self.OGC_LIST_COLUMNS:
                where.append(column.contains(f";{text};", autoescape=True))
            else:
                where.append(column == self._ogc_value(column, text))
        if dates is not None:
            name, first, last = dates
            where.append(table.c[name].is_not(None))
            if first is not None:
                where.append(table.c[name] >= first)
            if last is not None:
                where.append(table.c[name] <= last)
        return where

    @staticmethod
    def _ogc_value(column: Any, text: str) -> Any:
        """``text`` as a value of ``column``'s type; InvalidParameter when it is not one."""
        kind = column.type.python_type
        try:
            if kind is bool:
                if text.lower() not in ("true", "false", "1", "0"):
                    raise ValueError(text)
                return text.lower() in ("true", "1")
            if kind is dt.date:
                return dt.date.fromisoformat(text)
            return kind(text) if kind in (int, float) else text
        except ValueError:
            raise InvalidParameter(
                column.name, f"expected a {kind.__name__} value, got {text!r}"
            ) from None

    def _ogc_bbox(self, table: Any, bbox: tuple[float, float, float, float]) -> Any:
        if "geometry" in table.c:
            return self._bbox_condition(table.c, bbox)
        minx, miny, maxx, maxy = bbox
        return and_(table.c.lon.between(minx, maxx), table.c.lat.between(miny, maxy))

    def _ogc_bbox_ids(
        self,
        conn: Connection,
        table: Any,
        where: list[Any],
        bbox: tuple[float, float, float, float],
        order: list[Any],
    ) -> list[int]:
        """Ids of rows whose geometry intersects ``bbox``: the indexed bounding-box columns
        give candidates, shapely tests them exactly (SQLite has no spatial functions)."""
        query = select(table.c.id, table.c.geometry).where(
            *where, self._bbox_condition(table.c, bbox)
        )
        rows = conn.execute(query.order_by(*order)).all()
        if not rows:
            return []
        hits = shapely.intersects(shapely.from_wkb([r.geometry for r in rows]), box(*bbox))
        return [int(r.id) for r, hit in zip(rows, hits, strict=True) if hit]

    def _ogc_decode(self, table: Any, rows: Sequence[Any]) -> list[dict[str, Any]]:
        if not rows:
            return []
        if "geometry" in table.c:
            geometries = shapely.from_wkb([r.geometry for r in rows])
        else:
            geometries = shapely.points([(r.lon, r.lat) for r in rows])
        keep = [
            (index, name, name in self.OGC_LIST_COLUMNS)
            for index, name in enumerate(rows[0]._fields)
            if name not in self._OGC_HIDDEN
        ]
        decoded = []
        for row, geometry in zip(rows, geometries, strict=True):
            record = {name: _split(row[i]) if listed else row[i] for i, name, listed in keep}
            record["geometry"] = geometry
            decoded.append(record)
        return decoded
