"""Shared fixtures. Store-backed tests run on every backend: SQLite always, PostGIS when
``ZONEATLAS_TEST_POSTGRES_URL`` names a server (``.ci/run`` starts one). Under ``CI=true`` a
missing PostGIS server or browser is a failure, never a skip."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from tests.sample import sample_bundle
from zoneatlas.app import create_app
from zoneatlas.service import open_store
from zoneatlas.settings import Settings
from zoneatlas.store import Store
from zoneatlas.store.schema import metadata

POSTGRES_ENV = "ZONEATLAS_TEST_POSTGRES_URL"


def require_or_skip(available: bool, what: str) -> None:
    """Skip when ``what`` is missing on a developer's machine; fail under CI=true."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required under CI=true but is not available")
    pytest.skip(f"{what} not available")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated database on the PostGIS server for this test session."""
    server = os.environ.get(POSTGRES_ENV, "")
    require_or_skip(bool(server), f"PostGIS ({POSTGRES_ENV})")
    name = f"zoneatlas_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    open_store(url).engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate(engine: Engine) -> None:
    names = ", ".join(table.name for table in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgis"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """URL of an empty, migrated database on the test's backend."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    url: str = request.getfixturevalue("postgres_url")
    engine = create_engine(url)
    _truncate(engine)
    engine.dispose()
    return url


@pytest.fixture
def empty_store(database_url: str) -> Iterator[Store]:
    """A migrated store with no zones, on each backend."""
    store = open_store(database_url)
    yield store
    store.engine.dispose()


@pytest.fixture
def store(empty_store: Store) -> Store:
    """A migrated store holding the sample zone ``testzone``, on each backend."""
    empty_store.replace_zone(sample_bundle())
    return empty_store


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    settings = Settings(database_url=str(store.engine.url), zone="testzone")
    with TestClient(create_app(settings, store=store)) as test_client:
        yield test_client
