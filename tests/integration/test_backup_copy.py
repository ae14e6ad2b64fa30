"""Backup/restore and copy between backends reproduce the data record by record."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from tests.sample import sample_bundle
from zoneatlas.errors import ZoneAtlasError
from zoneatlas.service import open_store
from zoneatlas.store import Store
from zoneatlas.store.backup import backup, restore
from zoneatlas.store.schema import metadata

pytestmark = pytest.mark.integration


def table_rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, ordered by primary key, as plain tuples."""
    with engine.connect() as conn:
        return {
            table.name: [tuple(row) for row in conn.execute(select(table).order_by(table.c.id))]
            for table in metadata.sorted_tables
        }


def test_backup_then_restore_reproduces_every_row(store: Store, tmp_path: Path) -> None:
    store.replace_zone(sample_bundle("second"))
    before = table_rows(store.engine)
    path = tmp_path / "backup.zip"
    counts = backup(store.engine, path)
    assert counts["parcels"] == 8 and counts["zones"] == 2
    store.replace_zone(sample_bundle("third"))  # change the database after the backup
    restore(store.engine, path)
    assert table_rows(store.engine) == before
    # ids continue after a restore: a new zone can still be added
    store.replace_zone(sample_bundle("fourth"))
    assert store.count_parcels("fourth") == 4


def test_restore_into_a_fresh_database_on_the_other_backend(
    store: Store, tmp_path: Path, backend: str
) -> None:
    path = tmp_path / "b.zip"
    backup(store.engine, path)
    other = open_store(f"sqlite:///{tmp_path / 'other.sqlite'}")
    restore(other.engine, path)
    assert table_rows(other.engine) == table_rows(store.engine)


def test_copy_there_and_back_keeps_every_record(store: Store, tmp_path: Path) -> None:
    """backend -> SQLite -> backend: the zone read back equals the original, field by field."""
    original = store.bundle("testzone")
    middle = open_store(f"sqlite:///{tmp_path / 'middle.sqlite'}")
    middle.replace_zone(original)
    store.replace_zone(sample_bundle("elsewhere"))
    store.replace_zone(middle.bundle("testzone"))
    back = store.bundle("testzone")
    assert back.zone.boundary.equals_exact(original.zone.boundary, 0)
    for name in (
        "functional_areas",
        "features",
        "parcels",
        "enterprises",
        "pois",
        "indicators",
        "timeline",
        "transactions",
    ):
        a, b = getattr(original, name), getattr(back, name)
        assert len(a) == len(b) > 0, name
        for x, y in zip(a, b, strict=True):
            assert _comparable(x) == _comparable(y), name
    assert store.count_parcels("elsewhere") == 4  # the other zone is untouched


def _comparable(record: object) -> dict[str, object]:
    values = dict(vars(record))
    for key in ("geometry",):
        if key in values:
            values[key] = values[key].wkb
    return values


def test_restore_rejects_a_bad_file_and_changes_nothing(store: Store, tmp_path: Path) -> None:
    before = table_rows(store.engine)
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ZoneAtlasError, match="not a readable zip"):
        restore(store.engine, junk)
    good = tmp_path / "good.zip"
    backup(store.engine, good)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "tables/pois.jsonl":  # a row whose zone does not exist
                data = json.dumps(
                    {
                        "id": 1,
                        "zone_id": 999,
                        "name_zh": "x",
                        "category": "school",
                        "lon": 0,
                        "lat": 0,
                    }
                ).encode()
            target.writestr(name, data)
    with pytest.raises(ZoneAtlasError, match="rejected by the database"):
        restore(store.engine, broken)
    assert table_rows(store.engine) == before
