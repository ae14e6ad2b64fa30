"""The relational schema. Portable SQL only: geometries are WKB blobs with their bounding
box in four indexed float columns, so SQLite and PostgreSQL share one schema (a PostGIS
geometry column can be added by a later migration without changing the domain)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _bbox_columns() -> list[Column[float]]:
    return [Column(name, Float, nullable=False) for name in ("minx", "miny", "maxx", "maxy")]


def _zone_fk() -> Column[int]:
    return Column("zone_id", Integer, ForeignKey("zones.id", ondelete="CASCADE"), nullable=False)


zones = Table(
    "zones",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(64), nullable=False, unique=True),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("metric_epsg", Integer, nullable=False),
    Column("source", Text, nullable=False, default=""),
    Column("notice_zh", Text, nullable=False, default=""),
    Column("notice_en", Text, nullable=False, default=""),
    Column("geometry", LargeBinary, nullable=False),
    *_bbox_columns(),
    # bumped by every write to the zone; caches key on it
    Column("revision", Integer, nullable=False, server_default="0"),
)

functional_areas = Table(
    "functional_areas",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("code", String(64), nullable=False),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("industries", Text, nullable=False, default=""),
    Column("color", String(16), nullable=False, default="#888888"),
    Column("synthetic", Boolean, nullable=False, default=True),
    Column("geometry", LargeBinary, nullable=False),
    *_bbox_columns(),
    UniqueConstraint("zone_id", "code"),
)

map_features = Table(
    "map_features",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("layer", String(32), nullable=False),
    Column("kind", String(32), nullable=False, default=""),
    Column("name_zh", Text, nullable=False, default=""),
    Column("name_en", Text, nullable=False, default=""),
    Column("synthetic", Boolean, nullable=False, default=True),
    Column("geometry", LargeBinary, nullable=False),
    *_bbox_columns(),
    Index(None, "zone_id", "layer"),
)

parcels = Table(
    "parcels",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("code", String(64), nullable=False),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False, default=""),
    Column("functional_area", String(64), nullable=False, default=""),
    Column("land_use", String(32), nullable=False),
    Column("status", String(32), nullable=False),
    Column("area_m2", Float, nullable=False),
    Column("far_min", Float),
    Column("far_max", Float),
    Column("density_max_pct", Float),
    Column("green_min_pct", Float),
    Column("height_max_m", Float),
    Column("lease_years", Integer),
    Column("development_level", String(32), nullable=False, default=""),
    # ";a;b;" so that "contains industry a" is a portable LIKE '%;a;%'
    Column("industries", Text, nullable=False, default=""),
    Column("start_price_yuan_m2", Float),
    Column("source", Text, nullable=False, default=""),
    Column("updated", Date),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("geometry", LargeBinary, nullable=False),
    *_bbox_columns(),
    UniqueConstraint("zone_id", "code"),
    Index(None, "zone_id", "land_use"),
    Index(None, "zone_id", "status"),
    Index(None, "minx", "maxx", "miny", "maxy"),
)

enterprises = Table(
    "enterprises",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False, default=""),
    Column("industry", String(32), nullable=False),
    Column("park", Text, nullable=False, default=""),
    Column("head_firm", Boolean, nullable=False, default=False),
    Column("employees", Integer, nullable=False, default=0),
    Column("output_wan", Float, nullable=False, default=0.0),
    Column("lon", Float, nullable=False),
    Column("lat", Float, nullable=False),
    Column("source", Text, nullable=False, default=""),
    Column("synthetic", Boolean, nullable=False, default=True),
    Index(None, "zone_id", "industry"),
)

pois = Table(
    "pois",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False, default=""),
    Column("category", String(32), nullable=False),
    Column("lon", Float, nullable=False),
    Column("lat", Float, nullable=False),
    Column("source", Text, nullable=False, default=""),
    Column("synthetic", Boolean, nullable=False, default=True),
)

indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("year", Integer, nullable=False),
    Column("key", String(64), nullable=False),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit_zh", String(32), nullable=False, default=""),
    Column("unit_en", String(32), nullable=False, default=""),
    Column("yoy_pct", Float),
    Column("source", Text, nullable=False, default=""),
    Column("synthetic", Boolean, nullable=False, default=False),
    UniqueConstraint("zone_id", "year", "key"),
)

timeline_events = Table(
    "timeline_events",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("date", Date, nullable=False),
    Column("title_zh", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("body_zh", Text, nullable=False, default=""),
    Column("body_en", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
)

land_transactions = Table(
    "land_transactions",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("date", Date, nullable=False),
    Column("parcel_code", String(64), nullable=False, default=""),
    Column("land_use", String(32), nullable=False),
    Column("area_m2", Float, nullable=False),
    Column("price_yuan_m2", Float, nullable=False),
    Column("note_zh", Text, nullable=False, default=""),
    Column("note_en", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("synthetic", Boolean, nullable=False, default=True),
)

land_price_tables = Table(
    "land_price_tables",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("version", String(64), nullable=False),
    Column("source", Text, nullable=False, server_default=""),
    # the validated table set as JSON (zoneatlas.landprice.tables.TableSet); newest id wins
    Column("document", Text, nullable=False),
    Column("imported", Date, nullable=False),
)

land_grades = Table(
    "land_grades",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("grade", String(16), nullable=False),
    Column("geometry", LargeBinary, nullable=False),
    *_bbox_columns(),
    UniqueConstraint("zone_id", "grade"),
)

# -- the investor's journey (migration 0005) --------------------------------------------

policies = Table(
    "policies",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("slug", String(64), nullable=False),
    Column("title_zh", Text, nullable=False),
    Column("title_en", Text, nullable=False, default=""),
    Column("level", String(16), nullable=False),
    Column("framework", String(16), nullable=False),
    Column("issuer_zh", Text, nullable=False, default=""),
    Column("issuer_en", Text, nullable=False, default=""),
    Column("document_number", Text, nullable=False, default=""),
    Column("effective", Date, nullable=False),
    Column("expiry", Date),
    Column("industries", Text, nullable=False, default=""),
    # rule and benefit documents as JSON text, validated by zoneatlas.policies on write
    Column("conditions", Text, nullable=False, default="{}"),
    Column("benefits", Text, nullable=False, default="[]"),
    Column("summary_zh", Text, nullable=False, default=""),
    Column("summary_en", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("synthetic", Boolean, nullable=False, default=True),
    UniqueConstraint("zone_id", "slug"),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False, default=""),
    Column("role_zh", Text, nullable=False, default=""),
    Column("role_en", Text, nullable=False, default=""),
    Column("phone", String(32), nullable=False, default=""),
    Column("email", String(254), nullable=False, default=""),
    # "" and "": the zone's general contact; a parcel code wins over a functional area
    Column("functional_area", String(64), nullable=False, default=""),
    Column("parcel_code", String(64), nullable=False, default=""),
    Column("note_zh", Text, nullable=False, default=""),
    Column("note_en", Text, nullable=False, default=""),
    Column("synthetic", Boolean, nullable=False, default=True),
    Index(None, "zone_id", "parcel_code"),
)

# Keyed by parcel code, not parcel id: parcel rows are replaced on import and the
# indicators (set by a separate 标准地 document) must survive that.
parcel_intensity = Table(
    "parcel_intensity",
    metadata,
    Column("id", Integer, primary_key=True),
    _zone_fk(),
    Column("parcel_code", String(64), nullable=False),
    Column("investment_wan_per_mu", Float),
    Column("tax_wan_per_mu", Float),
    Column("output_wan_per_mu", Float),
    Column("energy_tce_per_wan", Float),
    Column("source", Text, nullable=False, default=""),
    Column("synthetic", Boolean, nullable=False, default=True),
    UniqueConstraint("zone_id", "parcel_code"),
)

# Leads name their zone by slug, without a foreign key, so rebuilding or copying a zone
# (which deletes and re-inserts its rows) never deletes an investor's inquiry.
leads = Table(
    "leads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(32), nullable=False, unique=True),
    Column("zone", String(64), nullable=False),
    Column("created", String(32), nullable=False),  # ISO 8601 UTC, sorts as text
    Column("name", Text, nullable=False),
    Column("organisation", Text, nullable=False, default=""),
    Column("contact", Text, nullable=False),
    Column("industry", String(32), nullable=False, default=""),
    Column("investment_wan", Float),
    Column("message", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False, default="new"),
    Index(None, "zone", "created"),
)

lead_parcels = Table(
    "lead_parcels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lead_id", Integer, ForeignKey("leads.id", ondelete="CASCADE"), nullable=False),
    Column("parcel_code", String(64), nullable=False),
    Index(None, "lead_id"),
)
