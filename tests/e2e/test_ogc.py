"""OGC API - Features at ``/ogc``: every endpoint, parameter and error in process, then
real clients against a live server — GDAL's ``ogrinfo`` (OAPIF driver), OWSLib, and the
``ogctests`` suite when an interpreter that has it is named — on SQLite and PostGIS."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from shapely.geometry import Polygon

from tests.conftest import require_or_skip
from tests.sample import LAT, LON, D, sample_bundle
from zoneatlas.api.ogc_collections import COLLECTIONS
from zoneatlas.app import create_app
from zoneatlas.records import ZoneBundle
from zoneatlas.settings import Settings
from zoneatlas.store import Store
from zoneatlas.store.schema import metadata

pytestmark = pytest.mark.e2e

OGRINFO = shutil.which("ogrinfo") or "/usr/bin/ogrinfo"
#: A Python interpreter with ``ogctests`` installed (it pins pytest < 9, so it lives in its
#: own virtual environment; see docs/ogc.md).
OGCTESTS_ENV = "ZONEATLAS_OGCTESTS_PYTHON"
IDS = ["parcels", "zones", "functional_areas", "enterprises", "pois", "land_grades"]
ITEMS = "/ogc/collections/{}/items"


def ogc_app(store: Store, zone: str) -> FastAPI:
    """The application (``create_app`` includes the OGC router)."""
    app = create_app(Settings(database_url=str(store.engine.url), zone=zone), store=store)
    return app


def dated_bundle() -> ZoneBundle:
    """A second zone: T-001 is a triangle (the lower-left half of its square), and the
    parcels carry different update dates (one none), for bbox and datetime tests."""
    bundle = sample_bundle("ogczone")
    triangle = Polygon([(LON, LAT), (LON + D, LAT), (LON, LAT + D)])
    dates = [dt.date(2020, 1, 15), dt.date(2020, 6, 24), None, dt.date(2021, 3, 1)]
    bundle.parcels = [
        dataclasses.replace(p, updated=day, geometry=triangle if n == 0 else p.geometry)
        for n, (p, day) in enumerate(zip(bundle.parcels, dates, strict=True))
    ]
    return bundle


@pytest.fixture
def api(store: Store) -> Iterator[TestClient]:
    store.replace_zone(dated_bundle())
    with TestClient(ogc_app(store, "testzone")) as client:
        yield client


def ids(client: TestClient, collection: str, **params: Any) -> list[Any]:
    response = client.get(ITEMS.format(collection), params=params)
    assert response.status_code == 200, response.text
    return [feature["id"] for feature in response.json()["features"]]


def rels(document: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {f"{link['rel']} {link['type']}": link for link in document["links"]}


# -- landing page, conformance, API definition -------------------------------------------
def test_landing_page_links(api: TestClient) -> None:
    response = api.get("/ogc")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    links = rels(response.json())
    assert set(links) >= {
        "self application/json",
        "alternate text/html",
        "service-desc application/vnd.oai.openapi+json;version=3.0",
        "service-doc text/html",
        "conformance application/json",
        "data application/json",
    }
    assert all(link["href"].startswith("http://testserver/") for link in links.values())
    assert api.get("/ogc/").json() == response.json()


def test_conformance_classes(api: TestClient) -> None:
    classes = api.get("/ogc/conformance").json()["conformsTo"]
    base = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
    assert classes == [base + name for name in ("core", "geojson", "oas30", "html")]


def test_api_definition_is_openapi_30_with_ogc_parameters(api: TestClient) -> None:
    from openapi_spec_validator import validate

    response = api.get("/ogc/api")
    assert response.headers["content-type"] == "application/vnd.oai.openapi+json;version=3.0"
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.0.")
    assert document["servers"] == [{"url": "http://testserver/ogc"}]
    parameters = {
        p["name"]: p for p in document["paths"]["/collections/parcels/items"]["get"]["parameters"]
    }
    assert parameters["bbox"]["schema"] == {
        "type": "array",
        "minItems": 4,
        "maxItems": 6,
        "items": {"type": "number"},
    }
    assert parameters["bbox"]["style"] == "form" and parameters["bbox"]["explode"] is False
    assert parameters["limit"]["schema"]["maximum"] == 10_000
    assert {"datetime", "status", "land_use", "industries"} <= set(parameters)
    full = api.get("/api/openapi.json").json()["paths"]
    for path in ["/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/{collectionId}"]:
        assert path in full
    assert "/ogc/collections/{collectionId}/items/{featureId}" in full
    assert all(f"/ogc/collections/{c}/items" in full for c in IDS)


# -- collections ---------------------------------------------------------------------------
def test_collections_list_every_registered_collection(api: TestClient) -> None:
    document = api.get("/ogc/collections").json()
    assert [c["id"] for c in document["collections"]] == IDS == [c.id for c in COLLECTIONS]
    for collection in document["collections"]:
        assert collection["itemType"] == "feature"
        assert collection["crs"] == ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"]
        minx, miny, maxx, maxy = collection["extent"]["spatial"]["bbox"][0]
        assert LON - 0.011 < minx <= maxx < LON + 0.031 and LAT - 0.011 < miny <= maxy < LAT + 0.021
        links = rels(collection)
        assert {"items application/geo+json", "items text/html", "self application/json"} <= set(
            links
        )
        assert api.get(f"/ogc/collections/{collection['id']}").json() == collection


def test_collection_extent_and_unknown_collection(api: TestClient) -> None:
    parcels = api.get("/ogc/collections/parcels").json()
    assert parcels["extent"]["temporal"]["interval"] == [
        ["2020-06-24T00:00:00Z", "2020-06-24T23:59:59Z"]
    ]
    other = api.get("/ogc/collections/parcels", params={"zone": "ogczone"}).json()
    assert other["extent"]["temporal"]["interval"][0][0] == "2020-01-15T00:00:00Z"
    assert "temporal" not in api.get("/ogc/collections/pois").json()["extent"]
    for path in ["/ogc/collections/nope", ITEMS.format("nope"), ITEMS.format("nope") + "/1"]:
        response = api.get(path)
        assert response.status_code == 404 and response.json()["code"] == "NotFound"
        assert "nope" in response.json()["description"]


# -- items: paging -------------------------------------------------------------------------
def test_items_page_and_follow_next_links(api: TestClient) -> None:
    first = api.get(ITEMS.format("parcels"), params={"limit": 3})
    assert first.headers["content-type"] == "application/geo+json"
    body = first.json()
    assert body["type"] == "FeatureCollection" and body["numberMatched"] == 4
    assert body["numberReturned"] == 3 and len(body["features"]) == 3
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", body["timeStamp"])
    assert "prev application/geo+json" not in rels(body)
    second = api.get(rels(body)["next application/geo+json"]["href"]).json()
    assert [f["id"] for f in second["features"]] == ["T-004"]
    assert "next application/geo+json" not in rels(second)
    back = api.get(rels(second)["prev application/geo+json"]["href"]).json()
    assert [f["id"] for f in back["features"]] == ["T-001", "T-002", "T-003"]
    assert ids(api, "parcels") == ["T-001", "T-002", "T-003", "T-004"]  # default limit 10
    assert ids(api, "parcels", limit=2, offset=3) == ["T-004"]
    assert ids(api, "parcels", offset=10) == []


def test_limit_above_maximum_is_lowered_not_refused(api: TestClient) -> None:
    body = api.get(ITEMS.format("enterprises"), params={"limit": 50_000}).json()
    assert body["numberReturned"] == 3
    assert "limit=10000" in rels(body)["self application/geo+json"]["href"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": -5}, "limit"),
        ({"limit": "unlimited"}, "limit"),
        ({"offset": "x"}, "offset"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "125,44,126,43"}, "bbox"),
        ({"bbox": "170,0,-170,10"}, "bbox"),
        ({"datetime": "yesterday"}, "datetime"),
        ({"datetime": "2020-13-01"}, "datetime"),
        ({"datetime": "2020-06-24T10:00:00"}, "datetime"),
        ({"datetime": "2021-01-01/2020-01-01"}, "datetime"),
        ({"datetime": "../.."}, "datetime"),
        ({"f": "xml"}, "f"),
        ({"ooga": "booga"}, "ooga"),
        ({"lease_years": "long"}, "lease_years"),
        ({"updated": "June"}, "updated"),
        ({"synthetic": "maybe"}, "synthetic"),
    ],
)
def test_bad_parameter_is_400_ogc_exception(
    api: TestClient, params: dict[str, Any], parameter: str
) -> None:
    response = api.get(ITEMS.format("parcels"), params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "InvalidParameterValue" and parameter in body["description"]


def test_repeated_parameter_is_400(api: TestClient) -> None:
    response = api.get(ITEMS.format("parcels") + "?status=available&status=reserved")
    assert response.status_code == 400 and "more than once" in response.json()["description"]


# -- items: filters ------------------------------------------------------------------------
def test_property_filters(api: TestClient) -> None:
    assert ids(api, "parcels", status="available") == ["T-001"]
    assert ids(api, "parcels", status="available", land_use="commercial") == ["T-001"]
    assert ids(api, "parcels", status="available", land_use="research") == []
    assert ids(api, "parcels", land_use="商业用地") == ["T-001"]  # vocabulary name → key
    assert ids(api, "parcels", industries="life_health") == ["T-002", "T-003"]
    assert ids(api, "parcels", lease_years=70) == ["T-004"]
    assert ids(api, "parcels", far_max="3.5") == ["T-002"]
    assert ids(api, "parcels", synthetic="true", code="T-003") == ["T-003"]
    assert ids(api, "parcels", updated="2020-06-24") == ["T-001", "T-002", "T-003", "T-004"]
    assert len(ids(api, "enterprises", industry="digital_economy")) == 2
    assert len(ids(api, "enterprises", head_firm="true")) == 1
    assert ids(api, "functional_areas", industries="影视文旅") == ["core"]
    assert len(ids(api, "pois", category="school")) == 1
    assert ids(api, "zones") == ["ogczone", "testzone"]  # zones span the instance
    assert ids(api, "zones", name_en="Test High-tech Zone", slug="testzone") == ["testzone"]
    body = api.get(ITEMS.format("parcels"), params={"status": "reserved", "limit": 1}).json()
    assert (
        body["numberMatched"] == 1
        and "status=reserved" in rels(body)["self application/geo+json"]["href"]
    )


def test_bbox_is_exact_on_every_backend(api: TestClient) -> None:
    square_t001 = f"{LON + 0.0005},{LAT + 0.0005},{LON + 0.0015},{LAT + 0.0015}"
    assert ids(api, "parcels", bbox=square_t001) == ["T-001"]
    # the corner of T-001's envelope that its triangle (zone ogczone) does not reach
    corner = f"{LON + 0.0018},{LAT + 0.0018},{LON + 0.00195},{LAT + 0.00195}"
    assert ids(api, "parcels", bbox=corner, zone="ogczone") == []
    body = api.get(ITEMS.format("parcels"), params={"bbox": corner, "zone": "ogczone"}).json()
    assert body["numberMatched"] == 0
    both = f"{LON - 0.001},{LAT - 0.001},{LON + 0.0035},{LAT + 0.0005}"
    assert ids(api, "parcels", bbox=both, zone="ogczone", limit=1, offset=1) == ["T-002"]
    with_heights = "125.4,43.7,0,125.6,43.9,100"
    assert ids(api, "parcels", bbox=with_heights) == ["T-001", "T-002", "T-003", "T-004"]
    assert ids(api, "enterprises", bbox=f"{LON},{LAT},{LON + 0.002},{LAT + 0.002}") == [
        ids(api, "enterprises")[0]
    ]
    assert ids(api, "parcels", bbox="5,48,20,70") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-06-24", ["T-002"]),
        ("2020-06-24T23:30:00Z", ["T-002"]),
        ("2020-06-25T01:00:00+08:00", ["T-002"]),  # 2020-06-24 17:00 UTC
        ("2020-06-24T07:00:00+08:00", []),  # 2020-06-23 23:00 UTC
        ("2020-06-25", []),
        ("2020-01-01/2020-12-31", ["T-001", "T-002"]),
        ("../2020-06-24", ["T-001", "T-002"]),
        ("/2020-01-15", ["T-001"]),
        ("2020-06-24/..", ["T-002", "T-004"]),
        ("2021-03-01T00:00:00Z/", ["T-004"]),
    ],
)
def test_datetime_filters_parcels_by_update_date(
    api: TestClient, value: str, expected: list[str]
) -> None:
    assert ids(api, "parcels", datetime=value, zone="ogczone") == expected


def test_datetime_keeps_every_feature_of_a_collection_without_time(api: TestClient) -> None:
    assert len(ids(api, "enterprises", datetime="1990-01-01")) == 3


# -- single features, zones ------------------------------------------------------------------
def test_one_feature_of_each_collection(api: TestClient) -> None:
    for collection in IDS:
        first = api.get(ITEMS.format(collection)).json()["features"][0]
        response = api.get(f"{ITEMS.format(collection)}/{first['id']}")
        assert (
            response.status_code == 200
            and response.headers["content-type"] == "application/geo+json"
        )
        feature = response.json()
        assert {k: feature[k] for k in ("type", "id", "geometry", "properties")} == first
        assert {
            "self application/geo+json",
            "alternate text/html",
            "collection application/json",
        } <= set(rels(feature))
    parcel = api.get(ITEMS.format("parcels") + "/T-002").json()["properties"]
    assert parcel["name_zh"] == "测试工业地块" and parcel["area_mu"] == pytest.approx(54.0)
    assert (
        api.get(ITEMS.format("zones") + "/testzone").json()["properties"]["name_zh"] == "测试高新区"
    )
    for missing in ["parcels/NOPE", "enterprises/abc", "enterprises/999999", "zones/nowhere"]:
        response = api.get(f"/ogc/collections/{missing.replace('/', '/items/')}")
        assert response.status_code == 404 and response.json()["code"] == "NotFound"


def test_parcel_features_match_the_json_api(api: TestClient) -> None:
    ogc_features = api.get(ITEMS.format("parcels")).json()["features"]
    api_features = api.get("/api/parcels").json()["features"]
    assert [f["properties"] for f in ogc_features] == [f["properties"] for f in api_features]
    assert [f["geometry"] for f in ogc_features] == [f["geometry"] for f in api_features]
    assert list(ogc_features[0]["properties"]) == list(api_features[0]["properties"])  # order


def test_zone_parameter(api: TestClient) -> None:
    body = api.get(ITEMS.format("parcels"), params={"zone": "ogczone", "limit": 1}).json()
    assert all("zone=ogczone" in link["href"] for link in body["links"])
    assert (
        "zone=ogczone"
        in rels(api.get("/ogc", params={"zone": "ogczone"}).json())["data application/json"]["href"]
    )
    for path in ["/ogc/collections", ITEMS.format("parcels"), ITEMS.format("parcels") + "/T-001"]:
        response = api.get(path, params={"zone": "nowhere"})
        assert response.status_code == 404 and "nowhere" in response.json()["description"]


def test_empty_zone(store: Store) -> None:
    bundle = sample_bundle("bare")
    bundle.parcels, bundle.enterprises = [], []
    store.replace_zone(bundle)
    with TestClient(ogc_app(store, "bare")) as client:
        body = client.get(ITEMS.format("parcels")).json()
        assert body["features"] == [] and body["numberMatched"] == 0
        assert client.get("/ogc/collections/enterprises").json()["extent"] == {}


# -- HTML ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/ogc", "service-desc"),
        ("/ogc/conformance", "conf/html"),
        ("/ogc/collections", "重点招商引资地块 Key investment parcels"),
        ("/ogc/collections/parcels", "2020-06-24T00:00:00Z"),
        (ITEMS.format("parcels"), "测试商业地块"),
        (ITEMS.format("parcels") + "/T-001", "测试商业地块"),
        (ITEMS.format("enterprises"), "甲公司"),
    ],
)
def test_html_pages(api: TestClient, path: str, text: str) -> None:
    for response in [
        api.get(path, params={"f": "html"}),
        api.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}),
    ]:
        assert response.status_code == 200 and response.headers["content-type"].startswith(
            "text/html"
        )
        page = response.text
        assert text in page and '<html lang="zh-CN">' in page
        assert "<script" not in page and 'rel="stylesheet"' not in page  # nothing external
    assert api.get(path, headers={"Accept": "application/geo+json"}).headers["content-type"] in (
        "application/json",
        "application/geo+json",
    )


def test_html_items_page_has_preview_and_pager(api: TestClient) -> None:
    page = api.get(ITEMS.format("parcels"), params={"f": "html", "limit": 2}).text
    assert '<svg class="preview"' in page and 'rel="next"' in page and "f=html" in page
    assert "共 4 个要素" in page


# -- the registry --------------------------------------------------------------------------
def test_every_registry_entry_names_real_columns() -> None:
    for collection in COLLECTIONS:
        columns = metadata.tables[collection.table].c
        for name in (collection.key, collection.order_by, *collection.queryables):
            assert name in columns, f"{collection.id}: {name} is not a column"
        assert collection.temporal is None or collection.temporal in columns


# -- real clients against a live server ------------------------------------------------------
@pytest.fixture(scope="session")
def demo() -> ZoneBundle:
    from zoneatlas.demo import build_demo_bundle

    return build_demo_bundle()


@pytest.fixture
def live(empty_store: Store, demo: ZoneBundle) -> Iterator[str]:
    """URL of ``/ogc`` on a uvicorn server (in a thread, on a free 127.0.0.1 port) serving
    the demo zone from the test's backend."""
    empty_store.replace_zone(demo)
    app = ogc_app(empty_store, demo.zone.slug)
    sock = socket.socket()
    # accepted connections inherit it; without it each small response waits ~40 ms for
    # a delayed ACK (Nagle), and GDAL's 240 pages of enterprises take 12 s, not 1 s
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/ogc"
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


def ogrinfo(*args: str) -> str:
    result = subprocess.run(
        [OGRINFO, "-ro", *args], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"ogrinfo {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout


def demo_counts(demo: ZoneBundle) -> dict[str, int]:
    return {
        "parcels": len(demo.parcels),
        "zones": 1,
        "functional_areas": len(demo.functional_areas),
        "enterprises": len(demo.enterprises),
        "pois": len(demo.pois),
        "land_grades": len(demo.land_grades),
    }


def test_ogrinfo_lists_and_reads_every_layer(live: str, demo: ZoneBundle) -> None:
    require_or_skip(os.path.exists(OGRINFO), "GDAL ogrinfo (Debian gdal-bin)")
    source = f"OAPIF:{live}"
    listing = ogrinfo("-so", source)
    for collection in IDS:
        assert re.search(rf"^\d+: {collection} \(title: .+\)", listing, re.MULTILINE), listing
    for layer, count in demo_counts(demo).items():
        assert f"Feature Count: {count}\n" in ogrinfo("-so", source, layer)
        assert ogrinfo("-al", "-q", source, layer).count(f"OGRFeature({layer}):") == count
    parcel = demo.parcels[0]
    parcels = ogrinfo("-al", "-q", "-where", f"code = '{parcel.code}'", source, "parcels")
    assert f"code (String) = {parcel.code}\n" in parcels
    assert f"name_zh (String) = {parcel.name_zh}\n" in parcels
    assert f"land_use (String) = {parcel.land_use}\n" in parcels
    assert "POLYGON ((125." in parcels or "MULTIPOLYGON (((125." in parcels
    available = sum(p.status == "available" for p in demo.parcels)
    filtered = ogrinfo("-so", "-where", "status = 'available'", source, "parcels")
    assert f"Feature Count: {available}\n" in filtered
    firm = demo.enterprises[0]
    firms = ogrinfo("-al", "-q", "-oo", "PAGE_SIZE=1000", source, "enterprises")
    assert f"name_zh (String) = {firm.name_zh}\n" in firms
    assert f"industry (String) = {firm.industry}\n" in firms
    assert f"slug (String) = {demo.zone.slug}\n" in ogrinfo("-al", "-q", source, "zones")
    area = demo.functional_areas[0]
    assert f"name_zh (String) = {area.name_zh}\n" in ogrinfo(
        "-al", "-q", source, "functional_areas"
    )
    assert f"name_zh (String) = {demo.pois[0].name_zh}\n" in ogrinfo("-al", "-q", source, "pois")


def _all_items(api: Any, collection: str) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = []
    while True:
        page = api.collection_items(collection, limit=1000, offset=len(features))
        features += page["features"]
        if not page["features"] or len(features) >= page["numberMatched"]:
            assert len(features) == page["numberMatched"]
            return features


def test_owslib_reads_every_collection(live: str, demo: ZoneBundle) -> None:
    from owslib.ogcapi.features import Features

    api = Features(live)
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
        in (api.conformance()["conformsTo"])
    )
    assert "/collections/parcels/items" in api.api()["paths"]
    assert api.feature_collections() == IDS
    counts = demo_counts(demo)
    for collection in IDS:
        assert api.collection(collection)["id"] == collection
        features = _all_items(api, collection)
        assert len(features) == counts[collection]
        first = api.collection_item(collection, str(features[0]["id"]))
        assert first["properties"] == features[0]["properties"]
    parcel = demo.parcels[0]
    found = api.collection_items("parcels", code=parcel.code)["features"]
    assert [f["properties"]["name_zh"] for f in found] == [parcel.name_zh]
    assert found[0]["properties"]["industries"] == parcel.industries
    enterprises = api.collection_items("enterprises", limit=1)["features"]
    assert enterprises[0]["properties"]["name_zh"] == demo.enterprises[0].name_zh
    pois = api.collection_items("pois", limit=1)["features"]
    assert pois[0]["properties"]["category"] == demo.pois[0].category
    zones = api.collection_items("zones")["features"]
    assert [z["id"] for z in zones] == [demo.zone.slug]


def test_ogctests_core_suite(live: str, tmp_path: Any) -> None:
    """The ``ogctests`` black-box suite (features/core), less test_ast2, which asks for
    Part 2 (CRS by reference), a conformance class this API does not claim."""
    python = os.environ.get(OGCTESTS_ENV, "")
    require_or_skip(bool(python), f"ogctests ({OGCTESTS_ENV}, see docs/ogc.md)")
    where = subprocess.run(
        [python, "-c", "import ogctests, os; print(os.path.dirname(ogctests.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    result = subprocess.run(
        [
            python,
            "-m",
            "pytest",
            f"{where}/features/core",
            "-k",
            "not test_ast2",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "INSTANCE_URL": live},
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout
