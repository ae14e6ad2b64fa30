"""The public map page in a real browser (headless Chromium through Playwright).

A session fixture builds the demo zone into a temporary SQLite file and serves it with
``python -m zoneatlas serve``; the tests load ``/`` at 1440×900 and at 390×844 (a phone),
check that parcels come as vector tiles, click a parcel and read its land price estimate,
switch language, filter, show the land grade layer, and save screenshots to
``$ZONEATLAS_ARTIFACTS`` (or a temporary directory). Without Chromium the browser tests
skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import zoneatlas
from tests.e2e.browser_support import CHROMIUM, CHROMIUM_ARGS, artifacts_dir, serve_demo

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

WEB = Path(zoneatlas.__file__).parent / "web"
DEMO_PARCELS = 328  # the published count of key investment parcels
CJK = re.compile(r"[\u3400-\u9fff]")
PHONE = {"width": 390, "height": 844}
PANEL_LABELS_ZH = [
    "容积率",
    "建筑密度",
    "绿地率",
    "建筑限高",
    "出让年限",
    "准入产业",
    "数据来源",
    "更新日期",
]
POI_CATEGORIES = [
    "school",
    "hospital",
    "exhibition",
    "scenic",
    "studio",
    "park",
    "transit",
    "government",
]
DESKTOP = {"width": 1440, "height": 900}

# A parcel whose centroid is on screen, not under a control, label or panel, and is the top
# rendered parcel there: returns {code, x, y} in page pixels, or null. The parcels come from
# vector tiles, so the candidates are the rendered features (a parcel cut by a tile edge
# appears once per tile; any piece's centroid is inside the parcel).
PICK_PARCEL = """() => {
  const {map} = window.zoneAtlas;
  const canvas = map.getCanvas();
  const box = canvas.getBoundingClientRect();
  const seen = new Set();
  for (const f of map.queryRenderedFeatures({layers: ["parcels-fill"]})) {
    if (seen.has(f.properties.code)) continue;
    seen.add(f.properties.code);
    const ring = f.geometry.type === "Polygon" ? f.geometry.coordinates[0]
      : f.geometry.coordinates[0][0];
    const pts = ring.slice(0, -1);
    const lon = pts.reduce((s, c) => s + c[0], 0) / pts.length;
    const lat = pts.reduce((s, c) => s + c[1], 0) / pts.length;
    const p = map.project([lon, lat]);
    const x = box.left + p.x, y = box.top + p.y;
    const margin = 24;
    if (x < box.left + margin || y < box.top + margin) continue;
    if (x > box.right - margin || y > box.bottom - margin) continue;
    if (document.elementFromPoint(x, y) !== canvas) continue;
    const near = [[p.x - 10, p.y - 10], [p.x + 10, p.y + 10]];
    if (map.queryRenderedFeatures(near, {layers: ["pois", "enterprises"]}).length) continue;
    const [hit] = map.queryRenderedFeatures([p.x, p.y], {layers: ["parcels-fill"]});
    if (hit && hit.properties.code === f.properties.code) return {code: hit.properties.code, x, y};
  }
  return null;
}"""

# A point inside a land grade area with no parcel or POI within 12 px and not under a
# control or label: returns {grade, x, y} in page pixels, or null.
PICK_GRADE_AREA = """() => {
  const {map} = window.zoneAtlas;
  const canvas = map.getCanvas();
  const box = canvas.getBoundingClientRect();
  for (let gy = 40; gy < box.height - 40; gy += 17) {
    for (let gx = 40; gx < box.width - 40; gx += 17) {
      const x = box.left + gx, y = box.top + gy;
      if (document.elementFromPoint(x, y) !== canvas) continue;
      const near = [[gx - 12, gy - 12], [gx + 12, gy + 12]];
      if (map.queryRenderedFeatures(near, {layers: ["parcels-fill", "pois"]}).length) continue;
      const [grade] = map.queryRenderedFeatures([gx, gy], {layers: ["land-grades-fill"]});
      if (grade) return {grade: grade.properties.grade, x, y};
    }
  }
  return null;
}"""
UNIT_PRICE_ZH = re.compile(r"\d[\d,]*(\.\d+)? 元/m²")


def _chromium_or_skip() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"Chromium not found at {CHROMIUM} (set ZONEATLAS_CHROMIUM)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; browser tests are required under CI=true")
    pytest.skip(message)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a ``zoneatlas serve`` process serving a freshly built demo database."""
    _chromium_or_skip()
    workdir = tmp_path_factory.mktemp("browser-server")
    with serve_demo(workdir) as url:
        yield url


@pytest.fixture(scope="session")
def browser(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return artifacts_dir(tmp_path_factory)


@dataclass
class Session:
    """A page plus what it requested and any script errors it logged."""

    page: Any
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, query: str = "") -> None:
        self.page.goto(f"{self.base_url}/{query}")
        self.page.wait_for_function("document.body.dataset.parcelsLoaded", timeout=30_000)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def external_requests(self) -> list[str]:
        local = (self.base_url, "data:", "blob:")
        return [url for url in self.requests if not url.startswith(local)]


def _session(browser: Any, base_url: str, phone: bool) -> Iterator[Session]:
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
        locale="zh-CN",
    )
    page = context.new_page()
    session = Session(page, base_url)
    page.on("request", lambda request: session.requests.append(request.url))
    page.on("pageerror", lambda error: session.errors.append(str(error)))
    page.on("console", lambda m: session.errors.append(m.text) if m.type == "error" else None)
    yield session
    context.close()


@pytest.fixture
def desktop(browser: Any, base_url: str) -> Iterator[Session]:
    yield from _session(browser, base_url, phone=False)


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Session]:
    yield from _session(browser, base_url, phone=True)


def _pick_parcel(s: Session) -> dict[str, Any]:
    picked = s.js(PICK_PARCEL)
    assert picked, "no parcel centroid is visible and clickable on the map"
    return dict(picked)


def _rendered_parcels(s: Session) -> int:
    return int(s.js("zoneAtlas.map.queryRenderedFeatures({layers: ['parcels-fill']}).length"))


def _text(s: Session, testid: str) -> str:
    return str(s.page.locator(f"[data-testid={testid}]").inner_text())


def _stats(s: Session, **filters: str) -> dict[str, Any]:
    response = s.page.request.get(f"{s.base_url}/api/parcels/stats", params=filters)
    assert response.ok, response.text()
    return dict(response.json())


def _assert_parcels_come_as_tiles(s: Session) -> None:
    """Parcels are drawn from MVT tiles; no GeoJSON of all parcels (or enterprises) is asked for."""
    assert any(re.search(r"/tiles/parcels/\d+/\d+/\d+\.mvt", url) for url in s.requests)
    assert not [url for url in s.requests if "/api/parcels?" in url or url.endswith("/api/parcels")]
    assert not [url for url in s.requests if "/api/enterprises" in url]


def test_desktop_parcel_panel_in_chinese_then_english(desktop: Session, artifacts: Path) -> None:
    desktop.open("?lang=zh")
    assert desktop.js("document.body.dataset.parcelsLoaded") == str(DEMO_PARCELS)
    assert _rendered_parcels(desktop) > 0
    _assert_parcels_come_as_tiles(desktop)
    stats = _stats(desktop)
    assert stats["count"] == stats["total"] == DEMO_PARCELS
    assert f"{round(stats['area_mu']):,} 亩" in _text(desktop, "parcel-count-area")
    assert desktop.js("document.documentElement.lang") == "zh-CN"
    assert f"{DEMO_PARCELS} / {DEMO_PARCELS}" in _text(desktop, "parcel-count")
    legend = _text(desktop, "legend")
    assert "可出让" in legend and "按状态" in legend
    desktop.page.screenshot(path=str(artifacts / "desktop-zh.png"))

    picked = _pick_parcel(desktop)
    desktop.page.mouse.click(picked["x"], picked["y"])
    panel = desktop.page.locator("[data-testid=parcel-panel]")
    panel.locator("[data-testid=panel-code]").wait_for(state="visible")
    assert panel.locator("[data-testid=panel-code]").inner_text() == picked["code"]
    record = desktop.page.request.get(f"{desktop.base_url}/api/parcels/{picked['code']}").json()
    text = panel.inner_text()
    assert record["properties"]["name_zh"] in text
    for label in PANEL_LABELS_ZH:
        assert label in text
    assert re.search(r"[\d,]+ m²（[\d,]+\.\d 亩）", text), text
    assert f"parcel={picked['code']}" in desktop.page.url

    # The land price estimate: a unit price in 元/m², the other figures, every correction.
    unit_price = panel.locator("[data-testid=valuation-unit-price]")
    unit_price.wait_for(state="visible")
    assert UNIT_PRICE_ZH.fullmatch(unit_price.inner_text()), unit_price.inner_text()
    valuation = panel.locator("[data-testid=panel-valuation]")
    estimate = desktop.page.request.get(
        f"{desktop.base_url}/api/parcels/{picked['code']}/valuation"
    ).json()
    text = valuation.inner_text()
    assert "估价" in text and "楼面地价" in text and "土地级别" in text
    assert re.search(r"[\d,]+(\.\d)? 万元/亩", text) and re.search(r"[\d,]+(\.\d)? 万元", text)
    assert f"{estimate['grade']} 级" in _text(desktop, "valuation-grade")
    if estimate["synthetic_tables"]:
        assert valuation.locator("[data-testid=valuation-synthetic]").is_visible()
    corrections = valuation.locator("[data-testid=valuation-corrections]")
    corrections.locator("summary").click()
    entries = corrections.locator("[data-testid=correction]")
    entries.first.wait_for(state="visible")
    assert entries.count() == len(estimate["breakdown"]) >= 5
    assert estimate["breakdown"][0]["name_zh"] in entries.first.inner_text()
    desktop.page.screenshot(path=str(artifacts / "desktop-zh-valuation.png"))

    desktop.page.click("[data-testid=lang-en]")
    panel.get_by_text("Floor area ratio").wait_for()
    assert desktop.js("document.documentElement.lang") == "en"
    assert "lang=en" in desktop.page.url
    assert desktop.js("localStorage.getItem('zoneatlas.lang')") == "en"
    text = panel.inner_text()
    for label in ("Building density", "Green ratio", "Height limit", "Lease term", "Source"):
        assert label in text
    assert re.search(r"[\d,]+ m² \([\d,]+\.\d mu\)", text), text
    assert "Land price estimate" in text and "Per m² of floor area" in text
    assert re.search(r"CNY [\d,]+(\.\d)?/m²", _text(desktop, "valuation-unit-price"))
    assert entries.count() >= 5  # the corrections list stays open across the switch
    labels = desktop.js(
        "[...document.querySelectorAll('[data-testid=parcel-panel] :is(dt, h3)')]"
        ".map(e => e.textContent)"
    )
    assert labels and not [label for label in labels if CJK.search(label)]
    legend = _text(desktop, "legend")
    assert "Available" in legend and not CJK.search(legend), legend
    filters = _text(desktop, "filters")
    assert "Land use" in filters and not CJK.search(filters), filters
    assert "Showing" in _text(desktop, "parcel-count")
    desktop.page.screenshot(path=str(artifacts / "desktop-en.png"))

    # The choice persists: a plain visit comes back in English.
    desktop.open()
    assert desktop.js("document.documentElement.lang") == "en"
    assert desktop.external_requests() == []
    assert desktop.errors == []


def test_filter_by_land_use_requeries_the_api(desktop: Session) -> None:
    desktop.open("?lang=zh")
    keys = desktop.js(
        "[...document.querySelectorAll('[data-testid=filter-land-use] option')]"
        ".map(o => o.value).filter(Boolean)"
    )
    counts = {key: _stats(desktop, land_use=key)["count"] for key in keys}
    land_use, expected = next((k, n) for k, n in sorted(counts.items()) if 0 < n < DEMO_PARCELS)
    desktop.requests.clear()
    desktop.page.select_option("[data-testid=filter-land-use]", land_use)
    desktop.page.wait_for_function(
        "n => document.body.dataset.parcelsLoaded === String(n)"
        " && !document.body.dataset.parcelsLoading",
        arg=expected,
    )
    assert f"显示 {expected} / {DEMO_PARCELS} 个地块" == _text(desktop, "parcel-count")
    # The count comes from the stats endpoint; the tiles are filtered on the client.
    assert any(
        "/api/parcels/stats?" in url and f"land_use={land_use}" in url for url in desktop.requests
    )
    assert not [url for url in desktop.requests if "/api/parcels?" in url]
    shown = desktop.js(
        "zoneAtlas.map.queryRenderedFeatures({layers: ['parcels-fill']})"
        ".map(f => [f.properties.code, f.properties.land_use])"
    )
    assert 0 < len({code for code, _ in shown}) <= expected
    assert {use for _, use in shown} == {land_use}
    area_mu = _stats(desktop, land_use=land_use)["area_mu"]
    assert f"{round(area_mu):,} 亩" in _text(desktop, "parcel-count-area")

    # A bad range is refused by the API (422) and the page says why instead of breaking.
    desktop.page.fill("[data-testid=filter-min-area]", "50000")
    desktop.page.fill("[data-testid=filter-max-area]", "1000")
    error = desktop.page.locator("[data-testid=filter-error]")
    error.wait_for(state="visible")
    assert "筛选条件有误" in error.inner_text()
    desktop.page.click("[data-testid=filter-reset]")
    desktop.page.wait_for_function(
        "n => document.body.dataset.parcelsLoaded === String(n)", arg=DEMO_PARCELS
    )
    assert error.is_hidden()
    assert desktop.errors == [] or all("422" in e for e in desktop.errors)


def test_phone_bottom_sheet_and_no_horizontal_scroll(phone: Session, artifacts: Path) -> None:
    phone.open("?lang=zh")
    assert _rendered_parcels(phone) > 0
    assert phone.js("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.page.screenshot(path=str(artifacts / "phone-zh.png"))

    small = phone.js(
        """() => [...document.querySelectorAll(
             '[data-testid=lang-switch] button, [data-testid=filters-toggle],'
             + '[data-testid=map-count], [data-testid=legend-toggle],'
             + '.maplibregl-ctrl-group button')]
           .map(e => [e.className || e.dataset.testid || e.textContent, e.getBoundingClientRect()])
           .filter(([, r]) => r.width < 40 || r.height < 40)
           .map(([name, r]) => `${name}: ${r.width}×${r.height}`)"""
    )
    assert small == [], f"tap targets smaller than 40 px: {small}"

    picked = _pick_parcel(phone)
    phone.page.touchscreen.tap(picked["x"], picked["y"])
    panel = phone.page.locator("[data-testid=parcel-panel]")
    panel.locator("[data-testid=panel-code]").wait_for(state="visible")
    assert panel.locator("[data-testid=panel-code]").inner_text() == picked["code"]
    phone.page.wait_for_timeout(400)  # let the sheet finish sliding in
    box = panel.bounding_box()
    assert box is not None
    assert box["width"] == PHONE["width"] and box["y"] > PHONE["height"] * 0.3
    assert box["y"] + box["height"] <= PHONE["height"] + 1
    assert "容积率" in panel.inner_text()
    # The estimate is readable in the sheet: near its top, full width, nothing cut off.
    unit_price = panel.locator("[data-testid=valuation-unit-price]")
    unit_price.wait_for(state="visible")
    assert UNIT_PRICE_ZH.fullmatch(unit_price.inner_text())
    price_box = unit_price.bounding_box()
    assert price_box is not None and price_box["y"] + price_box["height"] <= PHONE["height"]
    figures = phone.js(
        """() => [...document.querySelectorAll('[data-testid=parcel-panel] .valuation-figure')]
             .map(e => [e.getBoundingClientRect().width, e.scrollWidth <= e.clientWidth,
                        parseFloat(getComputedStyle(e.querySelector('dd')).fontSize)])"""
    )
    assert len(figures) == 4
    assert all(width >= 150 and fits and size >= 14 for width, fits, size in figures), figures
    close = phone.page.locator("[data-testid=panel-close]").bounding_box()
    assert close is not None and close["width"] >= 40 and close["height"] >= 40
    assert phone.js("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.page.screenshot(path=str(artifacts / "phone-panel.png"))
    corrections = panel.locator("[data-testid=valuation-corrections]")
    corrections.locator("summary").tap()
    assert corrections.locator("[data-testid=correction]").count() >= 5
    corrections.locator("[data-testid=correction]").nth(2).scroll_into_view_if_needed()
    assert phone.js(
        "(() => { const b = document.querySelector('[data-testid=parcel-panel] .panel-body');"
        " return b.scrollWidth <= b.clientWidth; })()"
    )
    phone.page.screenshot(path=str(artifacts / "phone-corrections.png"))

    phone.page.locator("[data-testid=panel-close]").tap()
    phone.page.locator("[data-testid=filters-toggle]").tap()
    select = phone.page.locator("[data-testid=filter-land-use]")
    select.wait_for(state="visible")
    phone.page.wait_for_timeout(400)
    drawer = phone.page.locator("[data-testid=sidebar]").bounding_box()
    assert drawer is not None and drawer["y"] + drawer["height"] <= PHONE["height"] + 1
    assert phone.js("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.external_requests() == []
    assert phone.errors == []


def test_land_grade_layer_toggle_legend_and_popup(desktop: Session, artifacts: Path) -> None:
    desktop.open("?lang=zh")
    assert not desktop.js("zoneAtlas.map.getLayer('land-grades-fill')")  # off: not even loaded
    toggle = desktop.page.locator("[data-testid=layer-grades]")
    assert "基准地价级别" in toggle.inner_text()
    assert not toggle.locator("input").is_checked()
    toggle.click()
    desktop.page.wait_for_function(
        "zoneAtlas.map.getLayer('land-grades-fill')"
        " && zoneAtlas.map.queryRenderedFeatures({layers: ['land-grades-fill']}).length > 0"
    )
    # Under the parcels: the grade fill comes before the parcel fill in the style.
    order = desktop.js("zoneAtlas.map.getStyle().layers.map(l => l.id)")
    assert order.index("land-grades-fill") < order.index("parcels-fill")
    assert order.index("land-grades-outline") < order.index("parcels-fill")
    grades = desktop.page.request.get(f"{desktop.base_url}/api/land-grades").json()["features"]
    legend = desktop.page.locator("[data-testid=grade-legend]")
    legend.wait_for(state="visible")
    rows = legend.locator("tbody tr")
    assert rows.count() == len(grades)
    first = grades[0]["properties"]
    assert f"{first['price_residential']:,.0f}" in rows.first.inner_text()

    point = desktop.js(PICK_GRADE_AREA)
    assert point, "no grade area without a parcel is visible on the map"
    desktop.page.mouse.click(point["x"], point["y"])
    popup = desktop.page.locator(".grade-popup")
    popup.wait_for(state="visible")
    assert f"{point['grade']} 级" in popup.inner_text()
    prices = list(UNIT_PRICE_ZH.finditer(popup.inner_text()))
    assert len(prices) == 3  # residential, commercial, industrial
    assert desktop.js("document.body.classList.contains('panel-open')") is False
    desktop.page.screenshot(path=str(artifacts / "desktop-grades.png"))

    desktop.page.click("[data-testid=lang-en]")
    legend_text = _text(desktop, "legend")
    assert "Benchmark land grades" in legend_text and not CJK.search(legend_text), legend_text
    toggle = desktop.page.locator("[data-testid=layer-grades]")
    toggle.click()
    desktop.page.wait_for_function(
        "zoneAtlas.map.getLayoutProperty('land-grades-fill', 'visibility') === 'none'"
    )
    assert desktop.page.locator("[data-testid=grade-legend]").count() == 0
    assert desktop.errors == []


def test_land_price_errors_show_a_short_message(desktop: Session) -> None:
    """A parcel without an estimate (404) or with inputs the engine refuses (422) still opens,
    with a one-line note where the estimate would be."""
    answer = {"status": 404, "detail": "no land price tables for this zone"}

    def reply(route: Any) -> None:
        body = {"detail": answer["detail"], "parameter": "far"}
        route.fulfill(
            status=answer["status"], content_type="application/json", body=json.dumps(body)
        )

    desktop.page.route(re.compile(r"/api/parcels/[^/?]+/valuation"), reply)
    desktop.open("?lang=zh")
    picked = _pick_parcel(desktop)
    panel = desktop.page.locator("[data-testid=parcel-panel]")
    message = panel.locator("[data-testid=valuation-error]")
    desktop.page.mouse.click(picked["x"], picked["y"])
    message.wait_for(state="visible")
    assert "暂无估价" in message.inner_text()
    assert panel.locator("[data-testid=panel-code]").inner_text() == picked["code"]
    assert "容积率" in panel.inner_text()

    answer.update(status=422, detail="far: must be greater than 0")
    desktop.page.mouse.click(picked["x"], picked["y"])  # the same parcel, asked again
    desktop.page.wait_for_function(
        "() => (document.querySelector('[data-testid=valuation-error]')?.textContent || '')"
        ".includes('far: must be greater than 0')"
    )
    assert panel.locator("[data-testid=valuation-unit-price]").count() == 0
    assert all("status of 4" in error for error in desktop.errors), desktop.errors


def test_i18n_dictionaries_match_and_cover_the_page() -> None:
    """Not a browser test: zh and en have the same keys, and every key the template or a
    script names literally exists."""
    dictionaries = json.loads((WEB / "static" / "i18n.json").read_text(encoding="utf-8"))
    zh, en = dictionaries["zh"], dictionaries["en"]
    assert sorted(set(zh) - set(en)) == [] and sorted(set(en) - set(zh)) == []
    assert all(value.strip() for value in [*zh.values(), *en.values()])
    for key in zh:
        placeholders = set(re.findall(r"\{(\w+)\}", zh[key]))
        assert placeholders == set(re.findall(r"\{(\w+)\}", en[key])), key
    template = (WEB / "templates" / "index.html").read_text(encoding="utf-8")
    used = set(re.findall(r'data-i18n(?:-[a-z-]+)?="([^"]+)"', template))
    groups = {key.split(".")[0] for key in zh}
    for script in (WEB / "static").glob("*.js"):
        literals = re.findall(r'"([a-z]+\.[a-z_]+)"', script.read_text(encoding="utf-8"))
        used |= {key for key in literals if key.split(".")[0] in groups}
    used |= {f"poi.{category}" for category in [*POI_CATEGORIES, "other"]}
    assert sorted(used - set(zh)) == []
