"""The map page over an online basemap, in a real browser (headless Chromium, Playwright).

A module fixture builds the demo zone into a temporary SQLite file and serves it with
``ZONEATLAS_BASEMAP=amap`` (高德, GCJ-02). The browser never reaches the internet: Amap tile
requests are answered locally with a small grey PNG (and recorded), any other request that
leaves the test server is aborted and counted as a failure. The tests check that the raster
tiles are asked for from the Amap template, that every vector tile asks for
``offset=gcj02``, that the page's JavaScript GCJ-02 port matches ``zoneatlas.geo.gcj02``,
that the GeoJSON layers (POIs, functional areas) and the server-shifted tiles (parcels) land
where the Python reference puts them, that a parcel still opens on click, and save desktop
and phone screenshots to ``$ZONEATLAS_ARTIFACTS`` (or a temporary directory). Playwright
runs in a worker thread here (see PlaywrightThread), so this module can run in the same
session as test_browser.py, whose sync Playwright stays open until the session ends.

The first test is not a browser test: it renders the page in-process (TestClient) and reads
``<body data-basemap>`` for the default basemap and for a URL that needs escaping.
"""

from __future__ import annotations

import html
import json
import math
import random
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from shapely.geometry import shape

from tests.e2e.browser_support import (
    PlaywrightThread,
    artifacts_dir,
    serve_demo,
)
from tests.e2e.test_browser import (
    DESKTOP,
    PHONE,
    PICK_PARCEL,
    Session,
    _chromium_or_skip,
)
from tests.sample import sample_bundle
from zoneatlas.app import create_app
from zoneatlas.basemaps import basemap_config
from zoneatlas.geo.gcj02 import wgs84_to_gcj02
from zoneatlas.service import open_store
from zoneatlas.settings import Settings

# The browser tests below are marked one by one: the template test runs without Chromium.
pytestmark = [pytest.mark.e2e]
browser_test = pytest.mark.browser

DEMO_PARCELS = 328
AMAP_TILE = re.compile(
    r"https://webrd0[1-4]\.is\.autonavi\.com/appmaptile\?lang=zh_cn&size=1&scale=1&style=8"
    r"&x=(\d+)&y=(\d+)&z=(\d+)"
)
# Published reference: Tiananmen (116.404, 39.915) WGS-84 → GCJ-02.
REFERENCE_WGS84 = (116.404, 39.915)
REFERENCE_GCJ02 = (116.41024449916938, 39.91640428150164)
DEGREE_TOLERANCE = 1e-9


# ---------------------------------------------------------------- the template (no browser)


class _BodyAttributes(HTMLParser):
    """The attributes of <body>, decoded as a browser would."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.attrs = dict(attrs)


def _body_basemap(page: str) -> dict[str, Any]:
    parser = _BodyAttributes()
    parser.feed(page)
    raw = parser.attrs.get("data-basemap")
    assert raw is not None, "<body> has no data-basemap"
    return dict(json.loads(raw))


@pytest.fixture
def render(tmp_path: Path) -> Iterator[Any]:
    """``render(**settings)`` → the HTML of ``/`` served with those settings (sample zone)."""
    store = open_store(f"sqlite:///{tmp_path / 'page.sqlite'}")
    store.replace_zone(sample_bundle())

    def page(**overrides: Any) -> str:
        settings = Settings(database_url=str(store.engine.url), zone="testzone", **overrides)
        with TestClient(create_app(settings, store=store)) as client:
            response = client.get("/")
            assert response.status_code == 200, response.text
            return response.text

    yield page
    store.engine.dispose()


def test_index_renders_the_basemap_choice(render: Any) -> None:
    page = render()
    assert _body_basemap(page) == {
        "kind": "zone",
        "layers": [],
        "attribution": "",
        "offset": "none",
    }
    assert 'data-i18n="app.attribution"' in page  # the offline note, unchanged

    # A URL with quotes, ampersands and markup survives the single-quoted attribute intact.
    nasty = "https://tiles.example/{z}/{x}/{y}.png?a=1&b='x'\"</body><script>"
    page = render(basemap="custom", basemap_url=nasty, basemap_offset="gcj02")
    expected = basemap_config(Settings(basemap="custom", basemap_url=nasty, basemap_offset="gcj02"))
    assert _body_basemap(page) == expected
    assert expected["layers"] == [[nasty]] and expected["offset"] == "gcj02"
    assert nasty not in page and "'x'" not in page  # tojson escaped < > & '

    page = render(basemap="amap")
    config = _body_basemap(page)
    assert config["kind"] == "amap" and config["offset"] == "gcj02"
    filled = [u.format(x=1, y=2, z=3) for u in config["layers"][0]]
    assert len(filled) == 4 and all(AMAP_TILE.fullmatch(url) for url in filled), filled
    attribution = re.search(r'<p class="map-attribution[^"]*"[^>]*>(.*?)</p>', page, re.S)
    assert attribution and "高德地图" in html.unescape(attribution.group(1))


# ---------------------------------------------------------------- the browser, over Amap


def _png(width: int = 256, height: int = 256) -> bytes:
    """A light grey RGB PNG with a darker 1 px top and left edge (tile seams show)."""
    fill, edge = b"\xe4\xe4\xe0", b"\xc4\xc4\xc0"
    top = b"\x00" + edge * width
    row = b"\x00" + edge + fill * (width - 1)
    raw = top + row * (height - 1)

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


TILE_PNG = _png()


@pytest.fixture(scope="module")
def amap_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a ``zoneatlas serve`` process with ZONEATLAS_BASEMAP=amap over the demo zone."""
    _chromium_or_skip()
    workdir = tmp_path_factory.mktemp("amap-server")
    with serve_demo(workdir, {"ZONEATLAS_BASEMAP": "amap"}) as url:
        yield url


@pytest.fixture(scope="module")
def amap_browser(amap_url: str) -> Iterator[PlaywrightThread]:
    thread = PlaywrightThread()
    try:
        yield thread
    finally:
        thread.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return artifacts_dir(tmp_path_factory)


@dataclass
class AmapSession(Session):
    """A page whose Amap tiles are answered locally; other outside requests are refused."""

    tiles: list[str] = field(default_factory=list)  # Amap tile URLs answered locally
    blocked: list[str] = field(default_factory=list)  # any other outside URL: refused


def _in_session(
    browser: Any, base_url: str, phone: bool, check: Callable[..., None], *args: Any
) -> None:
    """Run ``check(session, *args)`` on a fresh page (in the Playwright thread)."""
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
        locale="zh-CN",
    )
    page = context.new_page()
    session = AmapSession(page, base_url)

    def refuse(route: Any) -> None:
        session.blocked.append(route.request.url)
        route.abort()

    def tile(route: Any) -> None:
        session.tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE_PNG)

    # Routes run newest first: the Amap one answers tiles, the guard refuses anything else
    # that leaves the test server.
    local = re.escape(base_url + "/")
    page.route(re.compile(rf"^(?!{local})https?://"), refuse)
    page.route("**/*autonavi.com/**", tile)
    page.on("request", lambda request: session.requests.append(request.url))
    page.on("pageerror", lambda error: session.errors.append(str(error)))
    page.on("console", lambda m: session.errors.append(m.text) if m.type == "error" else None)
    try:
        check(session, *args)
    finally:
        context.close()


Runner = Callable[..., None]


@pytest.fixture
def desktop(amap_browser: PlaywrightThread, amap_url: str) -> Runner:
    """``desktop(check, *args)`` runs ``check(session, *args)`` on a 1440×900 page."""
    return lambda check, *args: amap_browser.run(
        lambda: _in_session(amap_browser.browser, amap_url, False, check, *args)
    )


@pytest.fixture
def phone(amap_browser: PlaywrightThread, amap_url: str) -> Runner:
    """``phone(check, *args)`` runs ``check(session, *args)`` on a 390×844 touch page."""
    return lambda check, *args: amap_browser.run(
        lambda: _in_session(amap_browser.browser, amap_url, True, check, *args)
    )


def _gcj(lon: float, lat: float) -> tuple[float, float]:
    glon, glat = wgs84_to_gcj02(lon, lat)
    return float(glon), float(glat)


def _gcj_bbox(bbox: list[float]) -> list[float]:
    minx, miny, maxx, maxy = bbox
    corners = [_gcj(x, y) for x in (minx, maxx) for y in (miny, maxy)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return [min(xs), min(ys), max(xs), max(ys)]


def _api(s: Session, path: str) -> Any:
    response = s.page.request.get(f"{s.base_url}/api{path}")
    assert response.ok, response.text()
    return response.json()


def _wait_raster_tiles(s: AmapSession) -> None:
    s.page.wait_for_function(
        "() => { const m = window.zoneAtlas.map;"
        " return m && m.getSource('basemap-raster-0') && m.isSourceLoaded('basemap-raster-0')"
        " && m.areTilesLoaded(); }",
        timeout=20_000,
    )


def _tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    rad = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * n)
    return x, y


def _assert_offline_except_amap(s: AmapSession) -> None:
    assert s.blocked == [], f"requests outside the test server: {s.blocked[:5]}"
    outside = [url for url in s.external_requests() if not AMAP_TILE.fullmatch(url.split("#")[0])]
    assert outside == [], outside[:5]


def _assert_tiles_ask_for_gcj02(s: Session) -> None:
    vector = [url for url in s.requests if re.search(r"/tiles/[a-z_]+/\d+/\d+/\d+\.mvt", url)]
    parcels = [url for url in vector if "/tiles/parcels/" in url]
    assert parcels, "no parcel vector tile was requested"
    assert [url for url in vector if "offset=gcj02" not in url] == []
    assert all("zone=" in url for url in vector)


@browser_test
def test_amap_desktop_tiles_offset_and_alignment(desktop: Runner, artifacts: Path) -> None:
    desktop(_amap_desktop_tiles_offset_and_alignment, artifacts)


def _amap_desktop_tiles_offset_and_alignment(desktop: AmapSession, artifacts: Path) -> None:
    desktop.open("?lang=zh")
    assert desktop.js("document.body.dataset.parcelsLoaded") == str(DEMO_PARCELS)
    config = desktop.js("window.zoneAtlas.basemap")
    assert config["kind"] == "amap" and config["offset"] == "gcj02"

    # The Amap raster is right above the background; our roads, water, parks and zone fill
    # are hidden under it; the zone's boundary, areas, axes and thematic layers stay.
    order = desktop.js("zoneAtlas.map.getStyle().layers.map(l => l.id)")
    assert order[:2] == ["background", "basemap-raster-0"]
    visibility = desktop.js(
        "Object.fromEntries(zoneAtlas.map.getStyle().layers.map("
        "l => [l.id, (l.layout || {}).visibility || 'visible']))"
    )
    for hidden in ("zone-fill", "park-fill", "water-fill", "water-line", "road-casing", "road"):
        assert visibility[hidden] == "none", hidden
    for shown in (
        "basemap-raster-0",
        "area-fill",
        "area-outline",
        "boundary-line",
        "axis",
        "parcels-fill",
        "pois",
    ):
        assert visibility[shown] == "visible", shown
    source = desktop.js("zoneAtlas.map.getStyle().sources['basemap-raster-0']")
    assert source["type"] == "raster" and source["tileSize"] == 256
    assert source["tiles"] == config["layers"][0] and "高德" in source["attribution"]

    # Raster tiles came from the Amap template, answered locally, around the (GCJ-02) zone.
    _wait_raster_tiles(desktop)
    assert desktop.tiles, "no Amap tile was requested"
    assert all(AMAP_TILE.fullmatch(url) for url in desktop.tiles), desktop.tiles[:3]
    zone = _api(desktop, "/zones")[0]
    minx, miny, maxx, maxy = _gcj_bbox(zone["bbox"])
    zoom = {int(AMAP_TILE.fullmatch(url).group(3)) for url in desktop.tiles}  # type: ignore[union-attr]
    z = max(zoom)
    asked = {
        (int(m.group(1)), int(m.group(2)))
        for m in map(AMAP_TILE.fullmatch, desktop.tiles)
        if m and int(m.group(3)) == z
    }
    assert _tile_of((minx + maxx) / 2, (miny + maxy) / 2, z) in asked
    _assert_tiles_ask_for_gcj02(desktop)
    _assert_offline_except_amap(desktop)

    # The attribution names the provider and says the basemap needs the internet.
    attribution = desktop.page.locator("[data-testid=map-attribution]").inner_text()
    assert "底图：© 高德地图 AutoNavi" in attribution and "需联网" in attribution
    # The legend (its basemap section may be folded) no longer lists water, parks, roads.
    legend = desktop.js(
        "[...document.querySelectorAll('[data-testid=legend] li')].map(e => e.textContent.trim())"
    )
    assert "园区边界" in legend and not {"水系", "公园绿地", "道路"} & set(legend), legend

    # POIs: GeoJSON shifted by the page. Each drawn POI sits at the GCJ-02 position of the
    # API's coordinates (tile-quantised: within ~1 m), ~600 m from the raw one.
    pois = _api(desktop, "/pois")["features"]
    raw = {p["properties"]["name_zh"]: p["geometry"]["coordinates"] for p in pois}
    data = desktop.js("zoneAtlas.map.getSource('pois').serialize().data")
    assert len(data["features"]) == len(pois)
    for feature in data["features"]:
        lon, lat = raw[feature["properties"]["name_zh"]]
        glon, glat = _gcj(lon, lat)
        x, y = feature["geometry"]["coordinates"]
        assert abs(x - glon) < DEGREE_TOLERANCE and abs(y - glat) < DEGREE_TOLERANCE
    drawn = desktop.js(
        "zoneAtlas.map.querySourceFeatures('pois')"
        ".map(f => [f.properties.name_zh, f.geometry.coordinates])"
    )
    assert drawn, "no POI in the map's source tiles"
    for name, (x, y) in drawn:
        lon, lat = raw[name]
        glon, glat = _gcj(lon, lat)
        assert math.hypot(x - glon, y - glat) < 2e-5, (name, x, y, glon, glat)
        assert math.hypot(x - lon, y - lat) > 3e-3, name

    # Parcels (tiles shifted by the server) and functional areas (GeoJSON shifted here)
    # agree: a point deep inside a parcel and its area, shifted by the Python reference,
    # hits that parcel and that area on screen.
    parcels = _api(desktop, "/parcels")["features"]
    areas = {
        f["properties"]["code"]: shape(f["geometry"])
        for f in _api(desktop, "/basemap")["features"]
        if f["properties"]["layer"] == "functional_area"
    }
    checked = 0
    for feature in parcels:
        geometry = shape(feature["geometry"])
        area = areas.get(feature["properties"]["functional_area"])
        inner = geometry.representative_point()
        if area is None or geometry.exterior.distance(inner) < 2e-4:
            continue
        if not area.contains(inner) or area.exterior.distance(inner) < 1e-3:
            continue
        hit = desktop.js(
            """([lon, lat]) => { const m = zoneAtlas.map; const p = m.project([lon, lat]);
                 const c = m.getCanvas();
                 if (p.x < 0 || p.y < 0 || p.x > c.clientWidth || p.y > c.clientHeight) return null;
                 const code = (ids) => m.queryRenderedFeatures([p.x, p.y], {layers: ids})
                   .map(f => f.properties.code)[0] ?? null;
                 return {parcel: code(['parcels-fill']), area: code(['area-fill'])}; }""",
            list(_gcj(inner.x, inner.y)),
        )
        if hit is None:
            continue
        assert hit == {
            "parcel": feature["properties"]["code"],
            "area": feature["properties"]["functional_area"],
        }, feature["properties"]["code"]
        checked += 1
        if checked >= 12:
            break
    assert checked >= 5, f"only {checked} parcels could be checked on screen"
    desktop.page.screenshot(path=str(artifacts / "amap-desktop.png"))

    # Fit to zone: the bounds the page fits are the zone's box in GCJ-02.
    desktop.js(
        "() => { const m = zoneAtlas.map, fit = m.fitBounds.bind(m);"
        " m.fitBounds = (b, o) => { window.__fitted = b; return fit(b, o); }; }"
    )
    desktop.page.click("[data-testid=fit-zone]")
    fitted = desktop.js("window.__fitted")
    assert fitted == pytest.approx(_gcj_bbox(zone["bbox"]), abs=DEGREE_TOLERANCE)

    # A parcel still opens on click.
    desktop.page.wait_for_function("!zoneAtlas.map.isMoving()")
    picked = desktop.js(PICK_PARCEL)
    assert picked, "no parcel centroid is visible and clickable on the map"
    desktop.page.mouse.click(picked["x"], picked["y"])
    panel = desktop.page.locator("[data-testid=parcel-panel]")
    panel.locator("[data-testid=panel-code]").wait_for(state="visible")
    assert panel.locator("[data-testid=panel-code]").inner_text() == picked["code"]
    assert "容积率" in panel.inner_text()
    panel.locator("[data-testid=valuation-unit-price]").wait_for(state="visible")
    desktop.page.wait_for_timeout(400)  # let the panel finish sliding in
    # The provider's name stays visible beside the open panel.
    attribution_box, panel_box = desktop.js(
        "() => ['[data-testid=map-attribution]', '[data-testid=parcel-panel]']"
        ".map(s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })"
    )
    assert attribution_box[2] <= panel_box[0], (attribution_box, panel_box)
    desktop.page.screenshot(path=str(artifacts / "amap-desktop-panel.png"))

    desktop.page.click("[data-testid=lang-en]")
    desktop.page.wait_for_function(
        "document.querySelector('[data-testid=map-attribution]').innerText.includes('Basemap:')"
    )
    attribution = desktop.page.locator("[data-testid=map-attribution]").inner_text()
    assert "Basemap: © 高德地图 AutoNavi" in attribution and "internet" in attribution
    _assert_offline_except_amap(desktop)
    assert desktop.errors == []


@browser_test
def test_amap_deep_link_zooms_to_the_shifted_parcel(desktop: Runner, artifacts: Path) -> None:
    desktop(_amap_deep_link_zooms_to_the_shifted_parcel, artifacts)


def _amap_deep_link_zooms_to_the_shifted_parcel(desktop: AmapSession, artifacts: Path) -> None:
    parcels = desktop.page.request.get(f"{desktop.base_url}/api/parcels").json()["features"]
    # A parcel whose centroid is inside it (the page's label point is then the centroid).
    feature = next(
        f
        for f in parcels
        if f["geometry"]["type"] == "Polygon"
        and shape(f["geometry"]).contains(shape(f["geometry"]).centroid)
    )
    code = feature["properties"]["code"]
    desktop.open(f"?lang=zh&parcel={code}")
    desktop.page.wait_for_function(f"document.body.dataset.selectedParcel === {json.dumps(code)}")
    ring = np.array(feature["geometry"]["coordinates"][0])
    glon, glat = wgs84_to_gcj02(ring[:, 0], ring[:, 1])
    centroid = shape({"type": "Polygon", "coordinates": [np.column_stack((glon, glat)).tolist()]})
    centroid = centroid.centroid
    center = desktop.js("zoneAtlas.map.getCenter().toArray()")
    # Within ~1 m (the camera keeps its centre to a fraction of a pixel); raw is ~600 m off.
    assert math.hypot(center[0] - centroid.x, center[1] - centroid.y) < 1e-5, (center, centroid)
    raw = shape(feature["geometry"]).centroid
    assert math.hypot(center[0] - raw.x, center[1] - raw.y) > 3e-3
    desktop.page.wait_for_function("zoneAtlas.map.areTilesLoaded()")
    hit = desktop.js(
        "() => { const m = zoneAtlas.map, p = m.project(m.getCenter());"
        " return m.queryRenderedFeatures([p.x, p.y], {layers: ['parcels-fill']})"
        ".map(f => f.properties.code); }"
    )
    assert code in hit, hit
    _wait_raster_tiles(desktop)
    desktop.page.screenshot(path=str(artifacts / "amap-desktop-deeplink.png"))
    _assert_tiles_ask_for_gcj02(desktop)
    _assert_offline_except_amap(desktop)
    assert desktop.errors == []


@browser_test
def test_gcj02_port_matches_the_python_reference(desktop: Runner) -> None:
    desktop(_gcj02_port_matches_the_python_reference)


def _gcj02_port_matches_the_python_reference(desktop: AmapSession) -> None:
    desktop.page.goto(f"{desktop.base_url}/?lang=zh")
    module = f"{desktop.base_url}/static/gcj02.js"
    rng = random.Random(20260527)
    points = [(rng.uniform(73.7, 134.8), rng.uniform(18.2, 53.4)) for _ in range(50)]
    points += [
        REFERENCE_WGS84,
        (125.46, 43.82),
        (2.3522, 48.8566),
        (-74.006, 40.7128),
        (72.0, 30.0),
        (138.0, 35.0),
        (120.0, 0.5),
        (100.0, 56.0),
    ]
    js = desktop.js(
        "async ([url, points]) => { const m = await import(url);"
        " return points.map(([lon, lat]) => m.wgs84ToGcj02(lon, lat)); }",
        [module, points],
    )
    lon = np.array([p[0] for p in points])
    lat = np.array([p[1] for p in points])
    ref_lon, ref_lat = wgs84_to_gcj02(lon, lat)
    got = np.array(js)
    assert np.max(np.abs(got[:, 0] - ref_lon)) < DEGREE_TOLERANCE
    assert np.max(np.abs(got[:, 1] - ref_lat)) < DEGREE_TOLERANCE
    reference = js[50]
    assert abs(reference[0] - REFERENCE_GCJ02[0]) < DEGREE_TOLERANCE
    assert abs(reference[1] - REFERENCE_GCJ02[1]) < DEGREE_TOLERANCE
    for outside, (x, y) in zip(js[52:], points[52:], strict=True):
        assert outside == [x, y]  # outside mainland China: unchanged

    # Every coordinate of every geometry type is shifted; properties stay; input untouched.
    collection: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 1,
                "properties": {"k": "point"},
                "geometry": {"type": "Point", "coordinates": [125.46, 43.82]},
            },
            {
                "type": "Feature",
                "properties": {"k": "multipoint"},
                "geometry": {"type": "MultiPoint", "coordinates": [[125.4, 43.8], [125.5, 43.9]]},
            },
            {
                "type": "Feature",
                "properties": {"k": "line"},
                "geometry": {"type": "LineString", "coordinates": [[125.4, 43.8], [125.5, 43.9]]},
            },
            {
                "type": "Feature",
                "properties": {"k": "multiline"},
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": [[[125.4, 43.8], [125.5, 43.9]], [[116.4, 39.9], [116.5, 40.0]]],
                },
            },
            {
                "type": "Feature",
                "properties": {"k": "polygon"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[125.4, 43.8], [125.6, 43.8], [125.6, 43.9], [125.4, 43.9], [125.4, 43.8]],
                        [[125.45, 43.82], [125.5, 43.82], [125.5, 43.85], [125.45, 43.82]],
                    ],
                },
            },
            {
                "type": "Feature",
                "properties": {"k": "multipolygon"},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [
                        [[[116.3, 39.8], [116.5, 39.8], [116.5, 40.0], [116.3, 39.8]]],
                        [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.2]]],
                    ],
                },
            },
            {"type": "Feature", "properties": {"k": "none"}, "geometry": None},
        ],
    }
    result = desktop.js(
        "async ([url, data]) => { const m = await import(url);"
        " const before = JSON.stringify(data); const out = m.geojsonToGcj02(data);"
        " const one = m.geojsonToGcj02(data.features[4]);"
        " const geometry = m.geojsonToGcj02(data.features[5].geometry);"
        " return {out, one, geometry, untouched: JSON.stringify(data) === before}; }",
        [module, collection],
    )
    assert result["untouched"]

    def shifted(coords: Any) -> Any:
        if isinstance(coords[0], (int, float)):
            return list(_gcj(*coords))
        return [shifted(c) for c in coords]

    def close(a: Any, b: Any) -> bool:
        if isinstance(a, (int, float)):
            return bool(abs(a - b) < DEGREE_TOLERANCE)
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))

    out = result["out"]
    assert out["type"] == "FeatureCollection" and len(out["features"]) == 7
    for before, after in zip(collection["features"], out["features"], strict=True):
        assert after["properties"] == before["properties"]
        if before["geometry"] is None:
            assert after["geometry"] is None
            continue
        assert after["geometry"]["type"] == before["geometry"]["type"]
        assert close(after["geometry"]["coordinates"], shifted(before["geometry"]["coordinates"]))
    assert out["features"][0]["id"] == 1
    assert close(
        result["one"]["geometry"]["coordinates"],
        shifted(collection["features"][4]["geometry"]["coordinates"]),
    )
    assert close(
        result["geometry"]["coordinates"],
        shifted(collection["features"][5]["geometry"]["coordinates"]),
    )
    assert desktop.errors == []


@browser_test
def test_amap_phone_screenshots_and_parcel_tap(phone: Runner, artifacts: Path) -> None:
    phone(_amap_phone_screenshots_and_parcel_tap, artifacts)


def _amap_phone_screenshots_and_parcel_tap(phone: AmapSession, artifacts: Path) -> None:
    phone.open("?lang=zh")
    _wait_raster_tiles(phone)
    assert phone.tiles and all(AMAP_TILE.fullmatch(url) for url in phone.tiles)
    assert phone.js("document.documentElement.scrollWidth") <= PHONE["width"]
    # The attribution (two lines) stays clear of the scale bar and inside the map.
    boxes = phone.js(
        "() => ['[data-testid=map-attribution]', '.maplibregl-ctrl-scale', '.map-wrap']"
        ".map(s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })"
    )
    attribution, scale, wrap = boxes
    overlap = not (
        attribution[2] <= scale[0]
        or scale[2] <= attribution[0]
        or attribution[3] <= scale[1]
        or scale[3] <= attribution[1]
    )
    assert not overlap, boxes
    assert attribution[2] <= wrap[2] + 0.5 and attribution[3] <= wrap[3] + 0.5
    text = phone.page.locator("[data-testid=map-attribution]").inner_text()
    assert "高德地图" in text and "需联网" in text
    phone.page.screenshot(path=str(artifacts / "amap-phone.png"))

    picked = phone.js(PICK_PARCEL)
    assert picked, "no parcel centroid is visible and tappable on the map"
    phone.page.touchscreen.tap(picked["x"], picked["y"])
    panel = phone.page.locator("[data-testid=parcel-panel]")
    panel.locator("[data-testid=panel-code]").wait_for(state="visible")
    assert panel.locator("[data-testid=panel-code]").inner_text() == picked["code"]
    phone.page.wait_for_timeout(400)  # let the sheet finish sliding in
    phone.page.screenshot(path=str(artifacts / "amap-phone-panel.png"))
    _assert_tiles_ask_for_gcj02(phone)
    _assert_offline_except_amap(phone)
    assert phone.errors == []
