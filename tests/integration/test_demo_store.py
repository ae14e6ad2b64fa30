"""The demo bundle written to a real SQLite store reads back whole."""

from __future__ import annotations

import dataclasses

import pytest
import shapely

from zoneatlas.demo import build_demo_bundle
from zoneatlas.records import ZoneBundle
from zoneatlas.store import Store

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def bundle() -> ZoneBundle:
    return build_demo_bundle()


@pytest.fixture
def demo_store(empty_store: Store, bundle: ZoneBundle) -> Store:
    empty_store.replace_zone(bundle)
    return empty_store


def test_counts_read_back(demo_store: Store, bundle: ZoneBundle) -> None:
    slug = bundle.zone.slug
    assert demo_store.count_parcels(slug) == 328
    assert len(demo_store.functional_areas(slug)) == 3
    assert len(demo_store.features(slug)) == len(bundle.features)
    assert len(demo_store.features(slug, layer="axis")) == 2
    assert len(demo_store.enterprises(slug)) == len(bundle.enterprises)
    assert len(demo_store.pois(slug)) == len(bundle.pois)
    assert len(demo_store.indicators(slug, year=2020)) == len(bundle.indicators)
    assert len(demo_store.timeline(slug, year=2020)) == len(bundle.timeline)
    assert len(demo_store.transactions(slug)) == len(bundle.transactions)


def test_zone_and_a_parcel_read_back_equal(demo_store: Store, bundle: ZoneBundle) -> None:
    zone = demo_store.get_zone("jingyue-2020")
    assert zone.notice_zh == bundle.zone.notice_zh
    assert shapely.equals_exact(zone.boundary, bundle.zone.boundary, tolerance=0)
    generated = bundle.parcels[41]
    stored = demo_store.parcel("jingyue-2020", generated.code)
    for field in dataclasses.fields(generated):
        a, b = getattr(generated, field.name), getattr(stored, field.name)
        if field.name == "geometry":
            assert shapely.equals_exact(a, b, tolerance=0)
        else:
            assert a == b, field.name


def test_published_figures_read_back(demo_store: Store) -> None:
    indicators = {i.key: i for i in demo_store.indicators("jingyue-2020")}
    assert indicators["fiscal_revenue_total"].value == 60.1
    assert indicators["fiscal_revenue_total"].yoy_pct == 17.5
    prices = {t.price_yuan_m2 for t in demo_store.transactions("jingyue-2020") if not t.synthetic}
    assert prices == {6830.0, 7214.0}
    heads = [e for e in demo_store.enterprises("jingyue-2020") if e.head_firm]
    assert len(heads) == 13


def test_rebuilding_replaces_the_zone(demo_store: Store, bundle: ZoneBundle) -> None:
    demo_store.replace_zone(bundle)
    assert demo_store.count_parcels("jingyue-2020") == 328
    assert [z.slug for z in demo_store.list_zones()] == ["jingyue-2020"]
