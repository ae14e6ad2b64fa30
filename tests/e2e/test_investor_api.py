"""The investor's journey over HTTP on SQLite and PostGIS: match, policies and eligibility,
contact, compare (JSON and XLSX), and the inquiry endpoint (stored when valid; refused and
not stored when oversized, malformed, script-laden or caught by the honeypot; rate limited;
never readable through the public API)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from zoneatlas.app import create_app
from zoneatlas.demo import build_demo_bundle
from zoneatlas.records import ZoneBundle
from zoneatlas.settings import Settings
from zoneatlas.store import Store

pytestmark = pytest.mark.e2e
DEMO = "jingyue-2020"
DATE = "2020-12-31"
PROJECT: dict[str, Any] = {
    "industry": "digital_economy",
    "area_min_mu": 20,
    "area_max_mu": 80,
    "budget_wan": 1500,
    "investment_wan": 20000,
    "annual_tax_wan": 800,
    "annual_output_wan": 30000,
    "functional_area": "digital",
    "date": DATE,
}
INQUIRY: dict[str, Any] = {
    "name": "测试投资人",
    "organisation": "示例科技有限公司",
    "contact": "investor@example.com",
    "industry": "digital_economy",
    "investment_wan": 20000,
    "message": "希望了解地块条件。",
}


@cache
def demo_bundle() -> ZoneBundle:
    return build_demo_bundle()


@pytest.fixture
def demo(empty_store: Store) -> Store:
    empty_store.replace_zone(demo_bundle())
    return empty_store


@pytest.fixture
def api(demo: Store) -> Iterator[TestClient]:
    settings = Settings(database_url=str(demo.engine.url), zone=DEMO)
    with TestClient(create_app(settings, store=demo)) as client:
        yield client


def available(store: Store, area: str, use: str | None = None) -> list[str]:
    return [
        p.code
        for p in store.parcels(DEMO)
        if p.status == "available"
        and p.functional_area == area
        and (use is None or p.land_use == use)
    ]


# -- match ---------------------------------------------------------------------------------


def test_match_ranks_with_reasons_costs_and_policies(api: TestClient, demo: Store) -> None:
    response = api.post("/api/match", json=PROJECT)
    assert response.status_code == 200, response.text
    body = response.json()
    results = body["results"]
    assert results and body["searched"] == 328
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    top = results[0]
    assert top["status"] in ("available", "reserved")
    assert "digital_economy" in top["industries"]
    keys = {r["key"] for r in top["reasons_for"]}
    assert "match.industry_fits_area" in keys
    for item in top["reasons_for"] + top["reasons_against"]:
        assert item["zh"] and item["en"]
    # the land cost is the land price engine's, as the valuation endpoint gives it
    valuation = api.get(f"/api/parcels/{top['code']}/valuation", params={"date": DATE}).json()
    assert top["land_cost"]["method"] == "benchmark"
    assert top["land_cost"]["total_wan"] == pytest.approx(valuation["total_wan"], abs=0.01)
    assert top["land_cost"]["unit_price_yuan_m2"] == pytest.approx(valuation["unit_price_yuan_m2"])
    assert any(p["eligibility"] == "eligible" for p in top["policies"])
    assert top["policy_value_wan"] > 0
    for near in body["near_misses"]:
        assert near["excluded_by"]["zh"] and near["excluded_by"]["en"]
        assert near["code"] not in {r["code"] for r in results}


def test_match_says_which_intensity_indicator_is_missed(api: TestClient) -> None:
    thin = {**PROJECT, "investment_wan": 100, "annual_tax_wan": 1, "land_use": "industrial_1"}
    results = api.post("/api/match", json=thin).json()["results"]
    assert results
    assert "investment_wan_per_mu" in results[0]["intensity_missed"]
    missed = [r for r in results[0]["reasons_against"] if r["key"] == "match.intensity_missed"]
    assert any("固定资产投资强度" in r["zh"] for r in missed)


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({"area_min_mu": 10, "area_min_m2": 1000}, "area_min_mu"),
        ({"far_min": 3, "far_max": 1}, "far_max"),
        ({"budget_wan": "cheap"}, "budget_wan"),
        ({"industry": "<script>"}, "industry"),
        ({"limit": -1}, "limit"),
        ({"sql": "1; DROP TABLE parcels"}, "sql"),
    ],
)
def test_match_rejects_bad_input_naming_the_field(
    api: TestClient, body: dict[str, Any], parameter: str
) -> None:
    response = api.post("/api/match", json=body)
    assert response.status_code == 422
    assert response.json()["parameter"] == parameter
    assert parameter in response.json()["detail"]


def test_match_rejects_non_json(api: TestClient) -> None:
    response = api.post(
        "/api/match", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


# -- policies ------------------------------------------------------------------------------


def test_policies_list_filters_and_statuses(api: TestClient) -> None:
    everything = api.get("/api/policies", params={"date": "2026-11-27"}).json()
    assert len(everything) == 10
    statuses = {p["id"]: p["status"] for p in everything}
    assert statuses["jy-epidemic-ten-measures"] == "expired"
    assert statuses["jy-high-quality-development"] == "active"
    in_2020 = api.get("/api/policies", params={"active_on": "2020-06-01"}).json()
    assert "jy-epidemic-ten-measures" in {p["id"] for p in in_2020}
    assert "changchun-film-white-paper-1" not in {p["id"] for p in in_2020}  # from 2020-09-06
    film = api.get("/api/policies", params={"industry": "影视文旅"}).json()
    assert "changchun-film-white-paper-1" in {p["id"] for p in film}
    assert "jy-life-health" not in {p["id"] for p in film}
    assert api.get("/api/policies", params={"industry": "steel"}).status_code == 422


def test_policy_detail_and_404(api: TestClient) -> None:
    detail = api.get("/api/policies/changchun-film-white-paper-1").json()
    assert detail["title_zh"] == "《长春国际影都影视产业政策白皮书1.0》"
    assert detail["effective"] == "2020-09-06" and detail["synthetic"] is True
    assert detail["conditions"] and detail["benefits"][0]["terms"]["zh"]
    assert api.get("/api/policies/no-such-policy").status_code == 404


def test_eligibility_on_a_parcel(api: TestClient, demo: Store) -> None:
    code = available(demo, "film_core", "commercial")[0]
    body = {
        "industry": "film_tourism",
        "investment_wan": 60000,
        "annual_tax_wan": 2000,
        "rent_wan": 100,
        "parcel": code,
        "date": "2026-11-27",
    }
    result = api.post("/api/policies/eligibility", json=body).json()
    by_id = {p["id"]: p for p in result["policies"]}
    assert by_id["changchun-film-white-paper-1"]["eligibility"] == "eligible"
    assert by_id["changchun-film-white-paper-1"]["value_wan"] > 0
    assert by_id["jy-epidemic-ten-measures"]["eligibility"] == "expired"
    assert by_id["jy-epidemic-ten-measures"]["value_wan"] == 0
    assert result["land_cost"]["total_wan"] > 0
    same = api.get(
        f"/api/parcels/{code}/policies", params={k: v for k, v in body.items() if k != "parcel"}
    )
    assert same.json()["value_wan"] == result["value_wan"]
    bad = api.get(f"/api/parcels/{code}/policies", params={"investment_wan": "many"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "investment_wan"


# -- contact and indicators ----------------------------------------------------------------


def test_parcel_contact(api: TestClient, demo: Store) -> None:
    officer = next(c for c in demo.contacts(DEMO) if c.parcel_code)
    contact = api.get(f"/api/parcels/{officer.parcel_code}/contact").json()
    assert contact["name_zh"] == officer.name_zh and contact["phone"].startswith("0431-8")
    other = next(c for c in available(demo, "digital") if c != officer.parcel_code)
    area_contact = api.get(f"/api/parcels/{other}/contact").json()
    assert area_contact["functional_area"] == "digital" and "示意" in area_contact["name_zh"]
    assert api.get("/api/parcels/NOPE/contact").status_code == 404
    indicators = api.get(f"/api/parcels/{available(demo, 'digital', 'industrial_1')[0]}/intensity")
    assert indicators.json()["indicators"]["investment_wan_per_mu"] >= 300


# -- compare -------------------------------------------------------------------------------


def test_compare_two_parcels(api: TestClient, demo: Store) -> None:
    a, b = available(demo, "digital", "industrial_1")[:2]
    response = api.get(
        "/api/compare",
        params={
            "codes": f"{a},{b}",
            "industry": "digital_economy",
            "investment_wan": 20000,
            "date": DATE,
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["codes"] == [a, b]
    first = body["parcels"][0]
    assert first["land_cost"]["total_wan"] > 0
    for kind in ("school", "hospital", "transit", "commercial"):
        assert first["nearest"][kind]["distance_m"] >= 0
        assert first["nearest"][kind]["name_zh"]
    assert first["contact"]["phone"]
    rows = {row["key"]: row for row in body["rows"]}
    assert rows["land_cost"]["unit_zh"] == "万元" and len(rows["land_cost"]["values"]) == 2


@pytest.mark.parametrize("codes", ["JY-2020-001", "", "A,B,C,D,E", "JY-2020-001,JY-2020-001"])
def test_compare_needs_two_to_four_distinct_codes(api: TestClient, codes: str) -> None:
    response = api.get("/api/compare", params={"codes": codes})
    assert response.status_code == 422
    assert response.json()["parameter"] == "codes"


def test_compare_unknown_code_is_404(api: TestClient) -> None:
    assert api.get("/api/compare", params={"codes": "JY-2020-001,NOPE"}).status_code == 404


def test_compare_xlsx(api: TestClient, demo: Store) -> None:
    codes = available(demo, "film_core")[:3]
    response = api.get("/api/compare.xlsx", params={"codes": ",".join(codes)})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["地块对比"]
    header = [cell.value for cell in sheet[1]]
    assert header[:2] == ["地块编号", "Parcel code"] and header[2:] == codes
    labels = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "估算地价(万元)" in labels and "用地面积(亩)" in labels and "距最近学校(米)" in labels
    assert "政策" in book.sheetnames and "说明" in book.sheetnames


# -- inquiries -----------------------------------------------------------------------------


def test_inquiry_is_stored_and_the_contact_returned(api: TestClient, demo: Store) -> None:
    officer = next(c for c in demo.contacts(DEMO) if c.parcel_code)
    response = api.post("/api/inquiries", json={**INQUIRY, "parcels": [officer.parcel_code]})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"].startswith("L-")
    assert body["contact"]["name_zh"] == officer.name_zh
    assert officer.name_zh in body["message"]["zh"] and officer.name_en in body["message"]["en"]
    assert INQUIRY["contact"] not in response.text  # the inquirer's details are not echoed
    leads = demo.leads(DEMO)
    assert [(x.reference, x.parcel_codes, x.contact) for x in leads] == [
        (body["id"], [officer.parcel_code], INQUIRY["contact"])
    ]


def test_inquiry_without_parcels_gets_the_zone_contact(api: TestClient) -> None:
    body = api.post("/api/inquiries", json=INQUIRY).json()
    assert body["contact"]["functional_area"] == "" and body["contact"]["parcel_code"] == ""


@pytest.mark.parametrize(
    ("change", "parameter"),
    [
        ({"message": "好" * 2001}, "message"),
        ({"name": "名" * 101}, "name"),
        ({"contact": "call me maybe"}, "contact"),
        ({"contact": ""}, "contact"),
        ({"name": "<script>alert('x')</script>"}, "name"),
        ({"message": "hi <img src=x onerror=alert(1)>"}, "message"),
        ({"organisation": "ACME\x00"}, "organisation"),
        ({"website": "http://bot.example"}, "website"),
        ({"parcels": ["NOPE-1"]}, "parcels"),
        ({"parcels": ["<script>"]}, "parcels"),
        ({"investment_wan": "a lot"}, "investment_wan"),
        ({"name": None}, "name"),
        ({"is_admin": True}, "is_admin"),
    ],
)
def test_bad_inquiries_are_refused_and_not_stored(
    api: TestClient, demo: Store, change: dict[str, Any], parameter: str
) -> None:
    response = api.post("/api/inquiries", json={**INQUIRY, **change})
    assert response.status_code == 422, response.text
    assert response.json()["parameter"] == parameter
    assert demo.leads(DEMO) == []


def test_malformed_inquiry_bodies(api: TestClient, demo: Store) -> None:
    for content in (b"not json", b"[]", b'"text"', b"{" * 5000):
        response = api.post(
            "/api/inquiries", content=content, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422
    assert demo.leads(DEMO) == []


def test_inquiries_are_rate_limited(api: TestClient, demo: Store) -> None:
    for _ in range(5):
        assert api.post("/api/inquiries", json=INQUIRY).status_code == 201
    response = api.post("/api/inquiries", json=INQUIRY)
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 600
    assert len(demo.leads(DEMO)) == 5


def test_invalid_attempts_count_against_the_limit(api: TestClient, demo: Store) -> None:
    for _ in range(5):
        assert api.post("/api/inquiries", json={**INQUIRY, "website": "x"}).status_code == 422
    assert api.post("/api/inquiries", json=INQUIRY).status_code == 429
    assert demo.leads(DEMO) == []


def test_inquiries_are_never_readable_publicly(api: TestClient) -> None:
    secret = {**INQUIRY, "name": "保密的名字", "contact": "secret-person@example.com"}
    assert api.post("/api/inquiries", json=secret).status_code == 201
    assert api.get("/api/inquiries").status_code == 405
    paths = api.get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/inquiries"]) == {"post"}
    assert not any("lead" in path for path in paths)
    for path in ("/api/zones", "/api/parcels", "/api/policies", "/healthz"):
        text = api.get(path).text
        assert "secret-person@example.com" not in text and "保密的名字" not in text


def test_a_zone_without_tables_policies_or_contacts(client: TestClient) -> None:
    """The small sample zone has no land price tables, policies or contacts: matching falls
    back to starting prices, the library is empty, and there is no contact to name."""
    body = client.post("/api/match", json={"land_use": "commercial", "budget_wan": 50000}).json()
    top = body["results"][0]
    assert top["code"] == "T-001"
    assert top["land_cost"]["method"] == "start_price"
    assert top["land_cost"]["total_wan"] == pytest.approx(35_000 * 6830 / 1e4)
    assert top["policies"] == []
    assert client.get("/api/policies").json() == []
    assert client.get("/api/parcels/T-001/contact").status_code == 404
    inquiry = client.post("/api/inquiries", json={**INQUIRY, "parcels": ["T-001"]})
    assert inquiry.status_code == 201 and inquiry.json()["contact"] is None
    compared = client.get("/api/compare", params={"codes": "T-001,T-002"}).json()
    assert compared["parcels"][1]["land_cost"]["method"] == "start_price"
    assert compared["parcels"][0]["nearest"]["school"]["name_zh"] == "测试学校"
    assert compared["parcels"][0]["nearest"]["transit"] is None


def test_match_rejects_an_unknown_functional_area(api: TestClient) -> None:
    response = api.post(
        "/api/match", json={"industry": "digital_economy", "functional_area": "zzz"}
    )
    assert response.status_code == 422
    assert response.json()["parameter"] == "functional_area"
