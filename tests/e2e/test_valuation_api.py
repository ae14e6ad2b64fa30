"""Land price through the store, the API and the CLI, on the demo zone and both backends."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zoneatlas.app import create_app
from zoneatlas.demo import build_demo_bundle
from zoneatlas.landprice.grades import grade_for_geometry
from zoneatlas.settings import Settings
from zoneatlas.store import Store

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
DEMO = "jingyue-2020"


@pytest.fixture
def demo(empty_store: Store) -> Store:
    empty_store.replace_zone(build_demo_bundle())
    return empty_store


@pytest.fixture
def api(demo: Store) -> TestClient:
    settings = Settings(database_url=str(demo.engine.url), zone=DEMO)
    return TestClient(create_app(settings, store=demo))


def first_of_use(store: Store, use: str) -> str:
    return next(p.code for p in store.parcels(DEMO) if p.land_use == use)


def test_parcel_valuation_shows_every_correction(api: TestClient, demo: Store) -> None:
    code = first_of_use(demo, "commercial")
    parcel = demo.parcel(DEMO, code)
    body = api.get(f"/api/parcels/{code}/valuation", params={"date": "2020-12-31"}).json()
    grades = {g.grade: g.geometry for g in demo.land_grades(DEMO)}
    assert body["grade"] == grade_for_geometry(grades, parcel.geometry)
    assert body["area_m2"] == parcel.area_m2
    keys = [item["key"] for item in body["breakdown"]]
    assert "distance_commercial_centre" in keys  # derived from the parcel's geometry
    assert body["total_yuan"] == pytest.approx(
        body["unit_price_yuan_m2"] * parcel.area_m2, rel=1e-6
    )
    assert body["floor_price_yuan_m2"] == pytest.approx(
        body["unit_price_yuan_m2"] / parcel.far_max, abs=0.1
    )
    # a higher plot ratio raises a commercial parcel's price (K_v grows with FAR)
    denser = api.get(
        f"/api/parcels/{code}/valuation",
        params={"date": "2020-12-31", "far": (parcel.far_max or 1) + 1},
    ).json()
    assert denser["unit_price_yuan_m2"] > body["unit_price_yuan_m2"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [({"far": 0}, "far"), ({"term": 80}, "term_years"), ({"date": "2001-01-01"}, "valuation_date")],
)
def test_bad_valuation_input_is_422_naming_the_field(
    api: TestClient, demo: Store, params: dict[str, object], parameter: str
) -> None:
    code = first_of_use(demo, "commercial")
    response = api.get(f"/api/parcels/{code}/valuation", params=params)
    assert response.status_code == 422
    assert response.json()["parameter"] == parameter


def test_adhoc_valuation_and_grades_layer(api: TestClient) -> None:
    body = api.post(
        "/api/valuation",
        json={
            "use": "residential",
            "grade": "II",
            "area_m2": 10000,
            "far": 2.0,
            "valuation_date": "2020-06-30",
        },
    ).json()
    assert body["unit_price_yuan_m2"] > 0 and body["grade"] == "II"
    unknown = api.post(
        "/api/valuation", json={"use": "castle", "grade": "I", "area_m2": 1, "far": 1}
    )
    assert unknown.status_code == 422 and unknown.json()["parameter"] == "use"
    grades = api.get("/api/land-grades").json()["features"]
    assert [f["properties"]["grade"] for f in grades] == ["I", "II", "III", "IV", "V"]
    prices = [f["properties"]["price_residential"] for f in grades]
    assert prices == sorted(prices, reverse=True)  # the best grade is the dearest


def test_cli_prints_the_same_json_as_the_api(api: TestClient, demo: Store, tmp_path: Path) -> None:
    code = first_of_use(demo, "industrial_1")
    url = str(demo.engine.url.render_as_string(hide_password=False))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "zoneatlas",
            "price",
            code,
            "--db",
            url,
            "--date",
            "2020-12-31",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    from_cli = json.loads(result.stdout)
    from_api = api.get(f"/api/parcels/{code}/valuation", params={"date": "2020-12-31"}).json()
    assert from_cli == from_api
    assert "minimum" in json.dumps(from_cli)  # industrial land is checked against the floor


def test_import_landprice_replaces_tables_all_or_nothing(
    api: TestClient, demo: Store, tmp_path: Path
) -> None:
    url = str(demo.engine.url.render_as_string(hide_password=False))
    run = [sys.executable, "-m", "zoneatlas", "import", "landprice"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (ROOT / "docs" / "landprice-example.yaml")
        .read_text(encoding="utf-8")
        .replace("base_far: 2.0", "base_far: -2.0", 1),
        encoding="utf-8",
    )
    failed = subprocess.run([*run, str(bad), "--db", url], capture_output=True, text=True)
    assert failed.returncode == 1
    assert "base_far" in failed.stderr and "Traceback" not in failed.stderr
    assert api.get("/api/landprice/tables").json()["version"] == "demo-2019.1"
    subprocess.run(
        [*run, str(ROOT / "docs" / "landprice-example.yaml"), "--db", url],
        check=True,
        capture_output=True,
    )
    assert api.get("/api/landprice/tables").json()["version"] == "test-1"
