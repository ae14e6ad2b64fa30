from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import shapely

from tests.sample import sample_bundle, sample_parcels
from zoneatlas.errors import ParcelNotFound, ZoneNotFound
from zoneatlas.service import open_store
from zoneatlas.store import ParcelFilter, Store

pytestmark = pytest.mark.integration


def _codes(parcels: list) -> list[str]:
    return [p.code for p in parcels]


def test_parcels_round_trip_field_by_field(store: Store) -> None:
    stored = store.parcels("testzone")
    for original, back in zip(sample_parcels(), stored, strict=True):
        for field in dataclasses.fields(original):
            a, b = getattr(original, field.name), getattr(back, field.name)
            if field.name == "geometry":
                assert shapely.equals_exact(a, b, tolerance=0)
            else:
                assert a == b, field.name


def test_filters(store: Store) -> None:
    assert _codes(store.parcels("testzone", ParcelFilter(land_use="commercial"))) == ["T-001"]
    assert _codes(store.parcels("testzone", ParcelFilter(industry="life_health"))) == [
        "T-002",
        "T-003",
    ]
    assert _codes(store.parcels("testzone", ParcelFilter(min_area_m2=36_500))) == ["T-003", "T-004"]
    assert _codes(store.parcels("testzone", ParcelFilter(max_area_m2=35_000))) == ["T-001"]
    first = sample_parcels()[0].geometry.bounds
    assert _codes(store.parcels("testzone", ParcelFilter(bbox=first))) == ["T-001"]


def test_unknown_zone_and_parcel(store: Store) -> None:
    with pytest.raises(ZoneNotFound):
        store.parcels("nowhere")
    with pytest.raises(ParcelNotFound):
        store.parcel("testzone", "NOPE")


def test_replace_zone_is_idempotent_and_upsert_counts(store: Store) -> None:
    store.replace_zone(sample_bundle())
    assert store.count_parcels("testzone") == 4
    changed = dataclasses.replace(sample_parcels()[0], status="signed")
    new = dataclasses.replace(sample_parcels()[1], code="T-999")
    assert store.upsert_parcels("testzone", [changed, new]) == (1, 1)
    assert store.parcel("testzone", "T-001").status == "signed"
    assert store.count_parcels("testzone") == 5


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'wal.sqlite'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_postgis_has_indexed_geometry(postgres_url: str) -> None:
    store = open_store(postgres_url)
    store.replace_zone(sample_bundle("gist"))
    with store.engine.connect() as conn:
        srid = conn.exec_driver_sql("SELECT DISTINCT ST_SRID(geom) FROM parcels").scalar()
        indexes = (
            conn.exec_driver_sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'parcels'")
            .scalars()
            .all()
        )
    store.engine.dispose()
    assert srid == 4326
    assert any("gist (geom)" in index for index in indexes)
