"""The map's heat layers, the parcel panel's attractiveness and the method page, in a real
browser (headless Chromium, Playwright).

A module fixture builds the demo zone into a temporary SQLite file and serves it with
``python -m zoneatlas serve``. The tests switch the legend's heat layers and check what the
map asks the server for and draws: PNG heat tiles with the chosen industry (and the
legend's units), the opacity slider's ``raster-opacity``, the attractiveness overlay as an
image source at the overlay's corners, H3 hexagons drawn as features, the land price
surface; the parcel panel's attractiveness score with one bar per factor, as wide as its
contribution; the method page in Chinese and English. Screenshots of every layer, desktop
and phone, go to ``$ZONEATLAS_ARTIFACTS`` (or a temporary directory).

Playwright runs in a worker thread (PlaywrightThread, from browser_support.py):
test_browser.py keeps a sync Playwright open on the main thread for the whole session. The
first test renders the method page in-process (TestClient) and needs no browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient

from tests.conftest import require_or_skip
from tests.e2e.browser_support import CHROMIUM, PlaywrightThread, artifacts_dir, serve_demo
from tests.e2e.test_browser import (
    CJK,
    DESKTOP,
    PHONE,
    PICK_PARCEL,
)
from tests.sample import sample_bundle
from zoneatlas.app import create_app
from zoneatlas.attractiveness.model import default_model
from zoneatlas.service import open_store
from zoneatlas.settings import Settings

# The browser tests are marked one by one: the in-process page test runs without Chromium.
pytestmark = [pytest.mark.e2e]
browser_test = pytest.mark.browser

HEAT_TILE = re.compile(r"/api/heat/enterprises/\d+/\d+/\d+\.png\?")
HEX_REQUEST = re.compile(r"/api/hex/enterprises\?")
MODES = ["density", "output", "landprice", "attractiveness", "hexagons"]
RASTER_READY = """() => { const m = zoneAtlas.map; const s = m.getSource('heat-raster');
  return !!s && m.isSourceLoaded('heat-raster') && m.areTilesLoaded(); }"""
# Resolves when the map has drawn everything (as app.js's waitIdle).
IDLE = """() => new Promise((resolve) => { const m = zoneAtlas.map;
  const timer = setTimeout(resolve, 8000);
  m.once('idle', () => { clearTimeout(timer); resolve(); }); m.triggerRepaint(); })"""
HEX_DRAWN = "() => zoneAtlas.map.queryRenderedFeatures({layers: ['heat-hex']}).length > 0"
# A point on a hexagon with no parcel or POI within 12 px, not under a control or label:
# {value, count, x, y} in page pixels, or null.
PICK_HEX = """() => {
  const {map} = window.zoneAtlas;
  const canvas = map.getCanvas();
  const box = canvas.getBoundingClientRect();
  for (let gy = 40; gy < box.height - 40; gy += 17) {
    for (let gx = 40; gx < box.width - 40; gx += 17) {
      const x = box.left + gx, y = box.top + gy;
      if (document.elementFromPoint(x, y) !== canvas) continue;
      const near = [[gx - 12, gy - 12], [gx + 12, gy + 12]];
      if (map.queryRenderedFeatures(near, {layers: ["parcels-fill", "pois"]}).length) continue;
      const [cell] = map.queryRenderedFeatures([gx, gy], {layers: ["heat-hex"]});
      if (cell) return {value: cell.properties.value, count: cell.properties.count, x, y};
    }
  }
  return null;
}"""
# Legend controls smaller than 40 px in either direction (tap targets on a phone).
SMALL_LEGEND_TARGETS = """() => [...document.querySelectorAll(
    '[data-testid=legend] :is(.heat-mode, select, button, .heat-opacity, .switch)')]
  .filter(e => e.offsetParent !== null)
  .map(e => [e.dataset.testid || e.className || e.tagName, e.getBoundingClientRect()])
  .filter(([, r]) => r.width < 40 || r.height < 40)
  .map(([name, r]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`)"""


def _factor_names(lang: str) -> list[str]:
    """The built-in model's factor names (the demo server uses that model)."""
    return [getattr(factor, f"name_{lang}") for factor in default_model().factors]


# ---------------------------------------------------------------- the method page (no browser)


def test_method_page_renders_the_model_in_both_languages(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'page.sqlite'}")
    store.replace_zone(sample_bundle())
    settings = Settings(database_url=str(store.engine.url), zone="testzone")
    try:
        with TestClient(create_app(settings, store=store)) as client:
            model = client.get("/api/attractiveness/model").json()
            page = client.get("/attractiveness/method", params={"lang": "en"})
            assert page.status_code == 200, page.text
            assert 'data-lang="en"' in page.text
            for factor in model["factors"]:
                for text in (factor["name_zh"], factor["name_en"], factor["formula"]):
                    assert text.replace("'", "&#39;") in page.text, text
            assert model["value_formula"] in page.text
            # An unknown industry is ignored: the page shows the default weights.
            assert client.get("/attractiveness/method", params={"industry": "x"}).status_code == 200
    finally:
        store.engine.dispose()


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def heat_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a ``zoneatlas serve`` process serving a freshly built demo database."""
    require_or_skip(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}")
    workdir = tmp_path_factory.mktemp("heat-server")
    with serve_demo(workdir) as url:
        yield url


@pytest.fixture(scope="module")
def heat_browser(heat_url: str) -> Iterator[PlaywrightThread]:
    thread = PlaywrightThread()
    try:
        yield thread
    finally:
        thread.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return artifacts_dir(tmp_path_factory)


@dataclass
class HeatSession:
    """A map page, what it requested (and the answers' status) and its script errors."""

    page: Any
    base_url: str
    artifacts: Path
    phone: bool
    requests: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def open(self, query: str = "") -> None:
        self.page.goto(f"{self.base_url}/{query}")
        self.page.wait_for_function("document.body.dataset.parcelsLoaded", timeout=30_000)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def testid(self, name: str) -> Any:
        return self.page.locator(f"[data-testid={name}]")

    def api(self, path: str, **params: Any) -> Any:
        response = self.page.request.get(f"{self.base_url}/api{path}", params=params)
        assert response.ok, f"{path}: {response.status} {response.text()}"
        return response.json()

    def shot(self, name: str) -> None:
        prefix = "phone" if self.phone else "desktop"
        self.page.screenshot(path=str(self.artifacts / f"heat-{prefix}-{name}.png"))

    def tap(self, selector: str) -> None:
        locator = self.page.locator(selector)
        locator.tap() if self.phone else locator.click()

    def open_legend(self) -> None:
        if self.js(
            "document.querySelector('[data-testid=legend]').classList.contains('collapsed')"
        ):
            self.tap("[data-testid=legend-toggle]")

    def choose(self, mode: str) -> None:
        """Pick a heat layer in the legend and wait until it is drawn."""
        self.open_legend()
        self.tap(f"[data-testid=heat-mode-{mode}]")
        self.page.wait_for_function("m => document.body.dataset.heat === m", arg=mode)
        if mode in ("density", "output"):
            self.page.wait_for_function(RASTER_READY, timeout=20_000)
        elif mode == "hexagons":
            self.page.wait_for_function(HEX_DRAWN, timeout=20_000)
        self.page.evaluate(IDLE)

    def heat_tiles(self) -> list[str]:
        return [url for url in self.requests if HEAT_TILE.search(url)]

    def zone(self) -> str:
        return str(self.js("zoneAtlas.state.zone.slug"))


Runner = Callable[..., None]


def _runner(browser: PlaywrightThread, url: str, artifacts: Path, phone: bool) -> Runner:
    def run(check: Callable[..., None], *args: Any) -> None:
        def session() -> None:
            chromium: Any = browser.browser
            context = chromium.new_context(
                viewport=PHONE if phone else DESKTOP,
                device_scale_factor=2 if phone else 1,
                is_mobile=phone,
                has_touch=phone,
                locale="zh-CN",
            )
            page = context.new_page()
            s = HeatSession(page, url, artifacts, phone)
            page.on("request", lambda request: s.requests.append(request.url))
            page.on("response", lambda r: s.statuses.__setitem__(r.url, r.status))
            page.on("pageerror", lambda error: s.errors.append(str(error)))
            page.on("console", lambda m: s.errors.append(m.text) if m.type == "error" else None)
            try:
                check(s, *args)
            finally:
                context.close()

        browser.run(session)

    return run


@pytest.fixture
def desktop(heat_browser: PlaywrightThread, heat_url: str, artifacts: Path) -> Runner:
    """``desktop(check, *args)`` runs ``check(session, *args)`` on a 1440×900 page."""
    return _runner(heat_browser, heat_url, artifacts, phone=False)


@pytest.fixture
def phone(heat_browser: PlaywrightThread, heat_url: str, artifacts: Path) -> Runner:
    """``phone(check, *args)`` runs ``check(session, *args)`` on a 390×844 touch page."""
    return _runner(heat_browser, heat_url, artifacts, phone=True)


def _query(url: str) -> dict[str, str]:
    return {key: values[-1] for key, values in parse_qs(urlparse(url).query).items()}


def _layer_order(s: HeatSession) -> list[str]:
    return list(s.js("zoneAtlas.map.getStyle().layers.map(l => l.id)"))


def _short(value: float) -> str:
    """A number as the page shows a score: one decimal at most, no trailing zero."""
    return f"{value:.1f}".removesuffix(".0")


# ---------------------------------------------------------------- heat tiles


@browser_test
def test_enterprise_density_tiles_industry_and_opacity(desktop: Runner) -> None:
    desktop(_enterprise_density_tiles_industry_and_opacity)


def _enterprise_density_tiles_industry_and_opacity(s: HeatSession) -> None:
    s.open("?lang=zh")
    assert s.testid("layer-heat").locator("input[type=radio]:checked").get_attribute("value") == (
        "none"
    )
    assert s.heat_tiles() == []  # no heat until one is chosen
    s.choose("density")
    tiles = s.heat_tiles()
    assert tiles, "no heat tile was requested"
    assert all(s.statuses.get(url) == 200 for url in tiles if url in s.statuses)
    first = _query(tiles[0])
    assert first["zone"] == s.zone() and "industry" not in first and "weight" not in first

    legend = s.api("/heat/enterprises/legend", **{k: v for k, v in first.items()})
    assert s.testid("heat-unit").inner_text() == legend["unit_zh"] == "企业/km²"
    ticks = s.testid("heat-legend").locator(".heat-ticks span")
    assert ticks.count() == len(legend["breaks"]) and ticks.first.inner_text() == "0"
    assert f"{legend['points']:,}" in s.testid("heat-legend").inner_text()

    # Above the basemap's fills, below the roads and the parcels.
    order = _layer_order(s)
    assert order.index("zone-fill") < order.index("heat-raster") < order.index("road-casing")
    assert order.index("heat-raster") < order.index("parcels-fill")
    s.shot("density")

    # Choosing an industry changes the tiles' industry parameter (a new colour scale).
    s.requests.clear()
    s.page.select_option("[data-testid=heat-industry]", "digital_economy")
    s.page.wait_for_function(
        "() => zoneAtlas.map.getSource('heat-raster').tiles[0].includes('industry=digital_economy')"
    )
    s.page.wait_for_function(RASTER_READY, timeout=20_000)
    tiles = s.heat_tiles()
    assert tiles and all(_query(url).get("industry") == "digital_economy" for url in tiles)
    narrowed = s.api("/heat/enterprises/legend", **_query(tiles[0]))
    assert narrowed["points"] < legend["points"]
    s.page.wait_for_function(
        "n => document.querySelector('[data-testid=heat-legend]').textContent.includes(n)",
        arg=f"{narrowed['points']:,}",
    )

    # The opacity slider sets the raster layer's raster-opacity.
    assert s.js("zoneAtlas.map.getPaintProperty('heat-raster', 'raster-opacity')") == 0.8
    slider = s.testid("heat-opacity")
    slider.focus()
    for _ in range(9):  # 80 % → 35 %, 5 % a step
        s.page.keyboard.press("ArrowLeft")
    assert s.js("zoneAtlas.map.getPaintProperty('heat-raster', 'raster-opacity')") == 0.35
    assert "35%" in s.page.locator("[data-heat-opacity-value]").inner_text()

    # Output density: the tiles are weighted by output, the unit is 万元/km².
    s.requests.clear()
    s.choose("output")
    tiles = s.heat_tiles()
    assert tiles and all(_query(url).get("weight") == "output_wan" for url in tiles)
    assert s.testid("heat-unit").inner_text() == "万元/km²"
    assert "产值密度" in s.testid("layer-heat").inner_text()

    # Parcels stay clickable over the heat.
    picked = s.js(PICK_PARCEL)
    assert picked, "no parcel is clickable over the heat layer"
    s.page.mouse.click(picked["x"], picked["y"])
    code = s.testid("parcel-panel").locator("[data-testid=panel-code]")
    code.wait_for(state="visible")
    assert code.inner_text() == picked["code"]

    s.page.click("[data-testid=lang-en]")
    s.testid("heat-unit").get_by_text("10k yuan/km²").wait_for()
    heat = s.testid("layer-heat").inner_text() + s.testid("heat-legend").inner_text()
    assert "Output density" in heat and not CJK.search(heat), heat
    s.testid("heat-mode-none").click()
    s.page.wait_for_function("() => !zoneAtlas.map.getLayer('heat-raster')")
    assert s.errors == []


# ---------------------------------------------------------------- attractiveness, hexagons, price


@browser_test
def test_attractiveness_overlay_is_an_image_at_its_corners(desktop: Runner) -> None:
    desktop(_attractiveness_overlay_is_an_image_at_its_corners)


def _attractiveness_overlay_is_an_image_at_its_corners(s: HeatSession) -> None:
    s.open("?lang=zh")
    s.choose("attractiveness")
    industry = s.page.locator("[data-testid=heat-attract-industry]").input_value()
    overlay = s.api(
        "/attractiveness/overlay.json", zone=s.zone(), industry=industry, layer="quality"
    )
    source = s.js(
        "(() => { const src = zoneAtlas.map.getSource('heat-image');"
        " return {type: src.type, url: src.url, coordinates: src.coordinates}; })()"
    )
    assert source["type"] == "image"
    assert urlparse(source["url"]).path == urlparse(overlay["image"]).path
    assert _query(source["url"]) == _query(overlay["image"])
    for got, want in zip(source["coordinates"], overlay["coordinates"], strict=True):
        assert got == pytest.approx(want, abs=1e-9)
    order = _layer_order(s)
    assert order.index("heat-image") < order.index("parcels-fill")
    assert s.testid("heat-unit").inner_text() == overlay["legend"]["unit_zh"] == "分"
    assert s.testid("heat-method").get_attribute("href").startswith("/attractiveness/method?")
    s.shot("attractiveness")

    s.page.click("[data-testid=heat-attract-layer] [data-attract-layer=value]")
    s.page.wait_for_function(
        "() => zoneAtlas.map.getSource('heat-image').url.includes('layer=value')"
    )
    s.page.wait_for_function("() => document.body.dataset.heat === 'attractiveness'")
    value = s.api("/attractiveness/overlay.json", zone=s.zone(), industry=industry, layer="value")
    assert s.testid("heat-unit").inner_text() == value["legend"]["unit_zh"]
    s.page.select_option("[data-testid=heat-attract-industry]", "advanced_manufacturing")
    s.page.wait_for_function(
        "() => zoneAtlas.map.getSource('heat-image').url"
        ".includes('industry=advanced_manufacturing')"
    )
    s.shot("attractiveness-value")
    assert s.errors == []


@browser_test
def test_hexagons_and_land_price_surface(desktop: Runner) -> None:
    desktop(_hexagons_and_land_price_surface)


def _hexagons_and_land_price_surface(s: HeatSession) -> None:
    s.open("?lang=zh")
    s.choose("hexagons")
    asked = [url for url in s.requests if HEX_REQUEST.search(url)]
    assert asked and _query(asked[-1])["res"] == "8" and _query(asked[-1])["stat"] == "count"
    drawn = s.js("zoneAtlas.map.queryRenderedFeatures({layers: ['heat-hex']}).length")
    assert drawn > 0
    classes = s.testid("heat-legend").locator(".heat-classes li")
    assert 1 <= classes.count() <= 5
    assert s.testid("heat-unit").inner_text() == "企业/格"
    s.shot("hexagons")

    # A tapped cell (where no parcel is) tells its count.
    cell = s.js(PICK_HEX)
    assert cell, "no hexagon without a parcel is visible"
    s.page.mouse.click(cell["x"], cell["y"])
    popup = s.page.locator("[data-testid=hex-popup]")
    popup.wait_for(state="visible")
    assert popup.inner_text() == f"{cell['value']:,.0f} 企业/格"
    assert f"{cell['count']:,} 家企业" in s.page.locator(".point-popup").inner_text()
    assert not s.js("document.body.classList.contains('panel-open')")
    s.shot("hexagons-popup")

    s.page.select_option("[data-testid=heat-hex-res]", "9")
    s.page.select_option("[data-testid=heat-hex-stat]", "output")
    s.page.wait_for_function(
        "() => document.body.dataset.heat === 'hexagons'"
        " && document.querySelector('[data-testid=heat-unit]').textContent === '万元/格'"
    )
    last = _query([url for url in s.requests if HEX_REQUEST.search(url)][-1])
    assert (last["res"], last["stat"], last["field"]) == ("9", "sum", "output_wan")
    s.page.wait_for_function(HEX_DRAWN)
    s.testid("heat-opacity").focus()
    s.page.keyboard.press("End")
    assert s.js("zoneAtlas.map.getPaintProperty('heat-hex', 'fill-opacity')") == 1

    s.choose("landprice")
    assert not s.js("zoneAtlas.map.getLayer('heat-hex')")
    grades = s.api("/land-grades")["features"]
    rows = s.testid("heat-legend").locator(".heat-classes li")
    assert rows.count() == len(grades)
    top = max(grades, key=lambda g: g["properties"]["price_industrial"])["properties"]
    assert f"{top['price_industrial']:,.0f}" in rows.first.inner_text()
    assert s.testid("heat-unit").inner_text() == "元/m²"
    order = _layer_order(s)
    assert order.index("heat-landprice") < order.index("parcels-fill")
    s.page.select_option("[data-testid=heat-use]", "commercial")
    commercial = max(g["properties"]["price_commercial"] for g in grades)
    s.page.wait_for_function(
        "v => document.querySelector('[data-testid=heat-legend]').textContent.includes(v)",
        arg=f"{commercial:,.0f}",
    )
    s.shot("landprice")
    assert s.errors == []


@browser_test
def test_every_layer_desktop_screenshots_in_english(desktop: Runner) -> None:
    desktop(_every_layer_screenshots, "en")


@browser_test
def test_every_layer_phone_screenshots_and_layout(phone: Runner) -> None:
    phone(_every_layer_screenshots, "zh")


def _every_layer_screenshots(s: HeatSession, lang: str) -> None:
    s.open(f"?lang={lang}")
    for mode in MODES:
        s.choose(mode)
        unit = s.testid("heat-unit").inner_text()
        assert unit.strip(), mode
        if lang == "en":
            text = s.testid("legend").inner_text()
            assert not CJK.search(text), text
        if s.phone:
            assert s.js("document.documentElement.scrollWidth") <= PHONE["width"]
            small = s.js(SMALL_LEGEND_TARGETS)
            assert small == [], f"legend tap targets smaller than 40 px: {small}"
            s.shot(f"{mode}-legend")
            # Collapsed, the legend keeps the scale in view and frees the map.
            s.tap("[data-testid=legend-toggle]")
            mini = s.testid("heat-legend-mini")
            mini.wait_for(state="visible")
            assert unit in mini.inner_text()
            box = s.testid("legend").bounding_box()
            assert box is not None and box["width"] <= PHONE["width"] * 0.6
        s.shot(f"{mode}-{lang}")
    assert s.errors == []


# ---------------------------------------------------------------- the parcel panel


@browser_test
def test_parcel_panel_attractiveness_bars(desktop: Runner) -> None:
    desktop(_parcel_panel_attractiveness_bars)


def _bars(s: HeatSession) -> list[tuple[float, float]]:
    return [
        (float(contribution), float(width))
        for contribution, width in s.js(
            "[...document.querySelectorAll('[data-testid=attract-bar]')].map(li =>"
            " [li.dataset.contribution,"
            "  li.querySelector('[data-testid=attract-fill]').getBoundingClientRect().width])"
        )
    ]


def _parcel_panel_attractiveness_bars(s: HeatSession) -> None:
    ranking = s.api("/attractiveness/ranking", industry="digital_economy", limit=1)
    code = ranking["parcels"][0]["code"]
    s.open(f"?lang=zh&parcel={code}")
    section = s.testid("panel-attractiveness")
    section.locator("[data-testid=attract-score]").wait_for()
    expected = s.api(f"/parcels/{code}/attractiveness")  # the parcel's first industry
    assert (
        s.page.locator("[data-testid=attract-industry]").input_value()
        == (expected["industry"]["key"])
    )
    assert section.locator("[data-testid=attract-score]").inner_text() == (
        f"{_short(expected['score'])}/ 100"
    )
    assert section.locator("[data-testid=attract-value]").inner_text() == _short(
        expected["value_index"]
    )
    price = section.locator("[data-testid=attract-price]").inner_text()
    assert price == f"{expected['land_price_reference']:,.0f} 元/m²"

    bars = _bars(s)
    assert len(bars) == len(expected["factors"])
    assert [c for c, _ in bars] == [f["contribution"] for f in expected["factors"]]
    names = section.locator(".attract-bar-name").all_inner_texts()
    assert names == [f["name_zh"] for f in expected["factors"]]
    scale = sum(w for _, w in bars) / sum(c for c, _ in bars)
    for contribution, width in bars:
        assert width == pytest.approx(contribution * scale, abs=1.0), bars
    section.scroll_into_view_if_needed()
    s.shot("panel-attractiveness")

    # Another industry: asked for and redrawn.
    other = "film_tourism" if expected["industry"]["key"] != "film_tourism" else "education"
    s.requests.clear()
    s.page.select_option("[data-testid=attract-industry]", other)
    rescored = s.api(f"/parcels/{code}/attractiveness", industry=other)
    s.page.wait_for_function(
        "v => document.querySelector('[data-testid=attract-score]')?.textContent.startsWith(v)",
        arg=_short(rescored["score"]),
    )
    assert any(
        f"/parcels/{code}/attractiveness" in url and _query(url).get("industry") == other
        for url in s.requests
    )
    assert [c for c, _ in _bars(s)] == [f["contribution"] for f in rescored["factors"]]
    link = section.locator("[data-testid=attract-method]").get_attribute("href")
    assert link.startswith("/attractiveness/method?") and f"industry={other}" in link

    # The investor's saved project industry is the default.
    s.js("localStorage.setItem('zoneatlas.project', JSON.stringify({industry: 'life_health'}))")
    s.requests.clear()
    s.open(f"?lang=en&parcel={code}")
    section.locator("[data-testid=attract-score]").wait_for()
    assert s.page.locator("[data-testid=attract-industry]").input_value() == "life_health"
    assert any(_query(url).get("industry") == "life_health" for url in s.requests)
    assert "Attractiveness" in section.inner_text() and "Value index" in section.inner_text()
    assert section.locator(".attract-bar-name").all_inner_texts() == _factor_names("en")
    assert s.errors == []


@browser_test
def test_phone_parcel_panel_attractiveness(phone: Runner) -> None:
    phone(_phone_parcel_panel_attractiveness)


def _phone_parcel_panel_attractiveness(s: HeatSession) -> None:
    code = s.api("/attractiveness/ranking", industry="digital_economy", limit=1)["parcels"][0][
        "code"
    ]
    s.open(f"?lang=zh&parcel={code}")
    section = s.testid("panel-attractiveness")
    section.locator("[data-testid=attract-score]").wait_for()
    section.scroll_into_view_if_needed()
    s.page.wait_for_timeout(400)  # the sheet slides in
    assert s.js("document.documentElement.scrollWidth") <= PHONE["width"]
    assert s.js(
        "(() => { const b = document.querySelector('[data-testid=parcel-panel] .panel-body');"
        " return b.scrollWidth <= b.clientWidth; })()"
    )
    select = s.testid("attract-industry").bounding_box()
    assert select is not None and select["height"] >= 40
    s.shot("panel-attractiveness")
    assert s.errors == []


# ---------------------------------------------------------------- the method page


@browser_test
def test_method_page_in_chinese_and_english(desktop: Runner, phone: Runner) -> None:
    desktop(_method_page_in_chinese_and_english)
    phone(_method_page_in_chinese_and_english)


def _method_page_in_chinese_and_english(s: HeatSession) -> None:
    model = s.api("/attractiveness/model", industry="digital_economy")
    s.page.goto(f"{s.base_url}/attractiveness/method?lang=zh&industry=digital_economy")
    titles = s.page.locator("[data-testid=method-factor] h3")
    assert titles.all_inner_texts() == _factor_names("zh")
    text = s.testid("method-page").inner_text()
    for factor in model["factors"]:
        assert factor["formula"] in text
    assert model["quality_formula"] in text and model["value_formula"] in text
    rows = s.page.locator("[data-testid=method-weight-row]")
    assert rows.count() == 1 + len(model["document"]["industry_weights"])
    current = s.page.locator("[data-testid=method-weight-row].is-current")
    assert current.count() == 1 and "数字经济" in current.inner_text()
    weights = [f"{f['weight']:.2f}" for f in model["factors"]]
    assert current.locator("td").all_inner_texts() == weights
    assert "420 元/m²" in s.testid("method-reference").inner_text()
    assert s.js("document.documentElement.scrollWidth") <= (PHONE if s.phone else DESKTOP)["width"]
    s.page.screenshot(
        path=str(s.artifacts / f"heat-{'phone' if s.phone else 'desktop'}-method-zh.png"),
        full_page=True,
    )

    # The language switch shows the English text at once (both are in the page).
    s.page.locator("[data-testid=lang-en]").click()
    s.page.wait_for_function("document.body.dataset.lang === 'en'")
    assert titles.all_inner_texts() == _factor_names("en")
    headings = s.page.locator("[data-testid=method-page] :is(h1, h2, h3, th)").all_inner_texts()
    assert headings and not [h for h in headings if CJK.search(h)], headings
    assert "lang=en" in s.page.url
    s.page.screenshot(
        path=str(s.artifacts / f"heat-{'phone' if s.phone else 'desktop'}-method-en.png"),
        full_page=True,
    )
    s.page.goto(f"{s.base_url}/attractiveness/method?lang=en")
    assert titles.all_inner_texts() == _factor_names("en")
    assert s.errors == []
