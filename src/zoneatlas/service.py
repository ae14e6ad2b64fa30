"""Service functions the CLI and tests share: open a migrated store, build the demo zone."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from zoneatlas.store import Store, make_engine
from zoneatlas.store.engine import upgrade


def open_store(database_url: str, *, migrate: bool = True) -> Store:
    """A store over ``database_url``; with ``migrate`` the schema is brought to head first."""
    engine = make_engine(database_url)
    if migrate:
        upgrade(engine)
    return Store(engine)


@dataclass(frozen=True)
class DemoBuild:
    slug: str
    parcels: int
    enterprises: int
    seconds: float


def build_demo(database_url: str, step: Callable[[str], None] | None = None) -> DemoBuild:
    """Generate the jingyue-2020 demo zone and write it to ``database_url`` (replacing it)."""
    from zoneatlas.demo import build_demo_bundle  # the generator is only needed here

    report = step or (lambda _message: None)
    started = time.perf_counter()
    report("migrating the database schema")
    store = open_store(database_url)
    report("generating the demo zone (fixed seed)")
    bundle = build_demo_bundle()
    report("writing the demo zone")
    store.replace_zone(bundle)
    return DemoBuild(
        slug=bundle.zone.slug,
        parcels=len(bundle.parcels),
        enterprises=len(bundle.enterprises),
        seconds=time.perf_counter() - started,
    )
