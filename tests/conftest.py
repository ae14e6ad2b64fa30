from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.sample import sample_bundle
from zoneatlas.app import create_app
from zoneatlas.service import open_store
from zoneatlas.settings import Settings
from zoneatlas.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A migrated SQLite store holding the sample zone ``testzone``."""
    store = open_store(f"sqlite:///{tmp_path / 'test.sqlite'}")
    store.replace_zone(sample_bundle())
    return store


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    settings = Settings(database_url=str(store.engine.url), zone="testzone")
    with TestClient(create_app(settings, store=store)) as test_client:
        yield test_client
