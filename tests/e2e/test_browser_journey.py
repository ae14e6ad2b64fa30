"""The investor's journey on a phone (390×844), in headless Chromium through Playwright.

A module fixture builds the demo zone into a temporary SQLite file and serves it with
``python -m zoneatlas serve`` (its own process, so the inquiry rate limit starts fresh).
The journey: site matching (智能选址) with industry, area and budget → ranked results with
reasons → "View on map" opens the parcel panel → two parcels in the compare tray → the
compare page (both codes, the XLSX export) → an inquiry from the parcel panel → the named
contact; then the inquirer's details are looked for, and must not be found, in every
public response. Other tests cover the error states (422 by the field, 429 as "try again
in N minutes", markup never rendered) and the English pages. Screenshots go to
``$ZONEATLAS_ARTIFACTS`` (or a temporary directory).

Playwright runs in a worker thread (see PlaywrightThread): test_browser.py keeps a sync
Playwright open on the main thread for the whole session, and two cannot share a thread.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import require_or_skip
from tests.e2e.browser_support import (
    CHROMIUM,
    PlaywrightThread,
    artifacts_dir,
    serve_demo,
)
from tests.e2e.test_browser import (
    PHONE,
)

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CJK = re.compile(r"[\u3400-\u9fff]")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Buttons, button-like links and form fields smaller than 40 px in either direction.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, a.btn, .page-nav a, .lang-switch button, select, input:not([type=hidden]),'
    + ' textarea, summary, .contact-line')]
  .filter(e => e.offsetParent !== null && !e.closest('.hp'))
  .map(e => [e.dataset.testid || e.className || e.tagName, e.getBoundingClientRect()])
  .filter(([, r]) => r.width < 40 || r.height < 40)
  .map(([name, r]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`)"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a ``zoneatlas serve`` process serving a freshly built demo database."""
    require_or_skip(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}")
    workdir = tmp_path_factory.mktemp("journey-server")
    with serve_demo(workdir) as url:
        yield url


@pytest.fixture(scope="module")
def worker(base_url: str) -> Iterator[PlaywrightThread]:
    running = PlaywrightThread()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return artifacts_dir(tmp_path_factory)


@dataclass
class Phone:
    """A 390×844 touch page, the requests it made and the script errors it logged."""

    page: Any
    base_url: str
    artifacts: Path
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def testid(self, name: str) -> Any:
        return self.page.locator(f"[data-testid={name}]")

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.artifacts / f"journey-{name}.png"))

    def api(self, path: str) -> Any:
        response = self.page.request.get(f"{self.base_url}{path}")
        assert response.ok, f"{path}: {response.status}"
        return response

    def check_layout(self) -> None:
        """No page-level horizontal scroll, and every tap target at least 40 px."""
        assert self.js("document.documentElement.scrollWidth") <= PHONE["width"]
        small = self.js(SMALL_TARGETS)
        assert small == [], f"tap targets smaller than 40 px: {small}"


Runner = Callable[..., None]


@pytest.fixture
def phone(worker: PlaywrightThread, base_url: str, artifacts: Path) -> Runner:
    """``phone(check)`` runs ``check(Phone)`` on a fresh phone page in the worker thread."""

    def run(check: Callable[[Phone], None]) -> None:
        def session() -> None:
            context = worker.browser.new_context(
                viewport=PHONE,
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
                locale="zh-CN",
            )
            page = context.new_page()
            s = Phone(page, base_url, artifacts)
            page.on("request", lambda request: s.requests.append(request.url))
            page.on("pageerror", lambda error: s.errors.append(str(error)))
            page.on("console", lambda m: s.errors.append(m.text) if m.type == "error" else None)
            try:
                check(s)
            finally:
                context.close()

        worker.run(session)

    return run


# ---------------------------------------------------------------- the journey


def _match(s: Phone) -> list[str]:
    """Fill the form (digital economy, 30–80 亩, budget 3,000 万元), submit, read the results."""
    s.page.goto(f"{s.base_url}/match?lang=zh")
    s.page.wait_for_selector("body[data-ready]")
    s.testid("match-industry").select_option("digital_economy")
    s.page.locator("[data-testid=area-unit] [data-unit=mu]").tap()
    s.testid("match-area-min").fill("30")
    s.testid("match-area-max").fill("80")
    s.testid("match-budget").fill("3000")
    s.testid("match-investment").fill("20000")
    assert "m²" in s.page.locator("[data-area-hint]").inner_text()
    s.check_layout()
    s.shot("1-match-form")
    s.testid("match-submit").tap()
    s.testid("match-result").first.wait_for()
    cards = s.testid("match-result")
    assert cards.count() >= 2
    first = cards.first
    assert re.fullmatch(r"\d+", first.locator("[data-testid=result-score] strong").inner_text())
    reasons_for = first.locator("[data-testid=reason-for]").all_inner_texts()
    assert any("数字产业功能区" in r for r in reasons_for), reasons_for
    assert any("预算" in r for r in reasons_for), reasons_for
    assert re.search(r"[\d,]+ 万元", first.locator("[data-testid=result-cost]").inner_text())
    assert "亩" in first.locator("[data-testid=result-area]").inner_text()
    assert "match?" in s.page.url and "budget_wan=3000" in s.page.url and "unit=mu" in s.page.url
    first.scroll_into_view_if_needed()
    s.check_layout()
    s.shot("2-match-results")
    return [cards.nth(i).get_attribute("data-code") for i in range(2)]


def _add_to_compare(s: Phone, codes: list[str]) -> None:
    for code in codes:
        button = s.page.locator(
            f"[data-testid=match-result][data-code='{code}'] [data-action=compare]"
        )
        button.tap()
        card = s.page.locator(f"[data-testid=match-result][data-code='{code}']")
        card.locator("[data-action=compare][aria-pressed=true]").wait_for()
    tray = s.testid("compare-tray")
    tray.wait_for(state="visible")
    assert all(code in tray.inner_text() for code in codes)
    assert s.js("JSON.parse(localStorage.getItem('zoneatlas.compare'))") == codes
    box = tray.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"] + 1  # sticky at the bottom
    s.check_layout()
    s.shot("3-compare-tray")


def _view_on_map(s: Phone, code: str) -> None:
    s.page.locator(f"[data-testid=match-result][data-code='{code}'] [data-testid=result-map]").tap()
    s.page.wait_for_url(re.compile(rf"/\?parcel={re.escape(code)}"))
    s.page.wait_for_function("document.body.dataset.parcelsLoaded", timeout=30_000)
    panel = s.testid("parcel-panel")
    panel.locator("[data-testid=panel-code]").wait_for(state="visible")
    assert panel.locator("[data-testid=panel-code]").inner_text() == code
    contact = panel.locator("[data-testid=panel-contact-card]")
    contact.wait_for()
    assert panel.locator("[data-testid=panel-policy]").count() >= 1
    assert panel.locator("[data-testid=panel-compare][aria-pressed=true]").count() == 1
    s.page.wait_for_timeout(400)  # let the sheet finish sliding in
    s.shot("4-map-panel")
    panel.locator("[data-testid=panel-contact]").evaluate(
        "e => e.closest('.panel-body').scrollTop = e.offsetTop - 12"
    )
    s.shot("4b-map-panel-contact-policies")


def _compare(s: Phone, codes: list[str]) -> None:
    link = s.testid("panel-compare-link")
    link.scroll_into_view_if_needed()
    link.tap()
    s.page.wait_for_url(re.compile(r"/compare\?codes="))
    s.page.wait_for_function("document.body.dataset.compareLoaded")
    assert s.js("document.body.dataset.compareLoaded") == ",".join(codes)
    heads = s.testid("compare-parcel").all_inner_texts()
    assert [h.split()[0] for h in heads] == codes
    assert "industry=digital_economy" in s.page.url  # the project travels in the shared URL
    export = s.testid("compare-export")
    href = export.get_attribute("href")
    query = parse_qs(urlparse(href).query)
    assert href.startswith("/api/compare.xlsx?") and query["codes"] == [",".join(codes)]
    assert query["industry"] == ["digital_economy"]
    workbook = s.api(href)
    assert workbook.headers["content-type"].startswith(XLSX)
    scroller = s.testid("compare-scroll")
    assert scroller.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert scroller.bounding_box()["width"] <= PHONE["width"]
    s.check_layout()
    s.shot("5-compare")
    s.page.locator("[data-testid=compare-table] tbody tr").nth(14).scroll_into_view_if_needed()
    s.shot("5b-compare-policies")


def _inquire(s: Phone, code: str, marker: dict[str, str]) -> dict[str, Any]:
    s.page.goto(f"{s.base_url}/?parcel={code}&lang=zh")
    s.page.wait_for_function("document.body.dataset.parcelsLoaded", timeout=30_000)
    s.testid("panel-inquire").wait_for(state="visible")
    s.testid("panel-inquire").tap()
    dialog = s.testid("inquiry-dialog")
    dialog.wait_for(state="visible")
    assert s.testid("inquiry-parcels").inner_text().strip() == code
    # The honeypot: in the form, out of sight, out of the tab order, hidden from a11y.
    honeypot = s.testid("inquiry-website")
    assert honeypot.get_attribute("name") == "website"
    assert honeypot.get_attribute("tabindex") == "-1"
    box = honeypot.bounding_box()
    assert box is None or box["x"] + box["width"] < 0 or box["width"] <= 1
    assert honeypot.evaluate("e => e.closest('[aria-hidden=true]') !== null")
    s.testid("inquiry-name").fill(marker["name"])
    s.testid("inquiry-organisation").fill(marker["organisation"])
    s.testid("inquiry-contact").fill("abc")  # not a phone number or e-mail: 422 by the field
    s.testid("inquiry-message").fill(marker["message"])
    s.testid("inquiry-submit").tap()
    error = s.page.locator("[data-error-for=contact]")
    error.wait_for(state="visible")
    assert "手机号" in error.inner_text()
    s.check_layout()
    s.shot("6-inquiry-error")
    s.testid("inquiry-contact").fill(marker["contact"])
    s.shot("6b-inquiry-form")
    with s.page.expect_response(re.compile(r"/api/inquiries")) as answer:
        s.testid("inquiry-submit").tap()
    assert answer.value.status == 201
    result: dict[str, Any] = answer.value.json()
    success = s.testid("inquiry-success")
    success.wait_for(state="visible")
    contact = result["contact"]
    assert s.testid("inquiry-contact-card-name").inner_text() == contact["name_zh"]
    phone = s.testid("inquiry-contact-card-phone")
    assert phone.inner_text().strip() == contact["phone"]
    assert phone.get_attribute("href") == "tel:" + re.sub(r"[^\d+]", "", contact["phone"])
    assert (
        s.testid("inquiry-contact-card-email").get_attribute("href") == f"mailto:{contact['email']}"
    )
    assert result["id"] in success.inner_text()
    for value in marker.values():
        assert value not in success.inner_text()  # the inquirer's details are not echoed
    s.check_layout()
    s.shot("7-inquiry-contact")
    return result


def _assert_not_public(s: Phone, codes: list[str], marker: dict[str, str]) -> None:
    """The inquiry's details appear in no public response: API, OGC, tiles' JSON, pages."""
    code = codes[0]
    paths = [
        "/api/zones",
        "/api/parcels",
        "/api/parcels/stats",
        f"/api/parcels/{code}",
        f"/api/parcels/{code}/contact",
        f"/api/parcels/{code}/policies",
        f"/api/parcels/{code}/intensity",
        f"/api/parcels/{code}/valuation",
        f"/api/compare?codes={','.join(codes)}",
        "/api/policies",
        "/api/enterprises",
        "/api/pois",
        "/api/basemap",
        "/api/indicators",
        "/api/timeline",
        "/api/transactions",
        "/api/vocab",
        "/api/openapi.json",
        "/tiles/parcels.json",
        "/ogc/collections",
        "/ogc/collections/parcels/items?limit=1000",
        f"/ogc/collections/parcels/items/{code}",
        "/healthz",
        "/",
        "/match",
        f"/compare?codes={','.join(codes)}",
        f"/parcels/{code}/brochure",
    ]
    for path in paths:
        body = s.api(path).text()
        for value in marker.values():
            assert value not in body, f"{value!r} is served by {path}"
    assert s.page.request.get(f"{s.base_url}/api/inquiries").status in (404, 405)
    workbook = s.api(f"/api/compare.xlsx?codes={','.join(codes)}").body()
    assert not any(value.encode() in workbook for value in marker.values())


def test_phone_journey_match_compare_inquire(phone: Runner) -> None:
    token = uuid.uuid4().hex[:8]
    marker = {
        "name": f"旅程测试{token}",
        "organisation": f"Journey Test Co {token}",
        "contact": "13912345678",
        "message": f"想了解地块的供地时间 {token}",
    }

    def journey(s: Phone) -> None:
        codes = _match(s)
        _add_to_compare(s, codes)
        _view_on_map(s, codes[0])
        _compare(s, codes)
        _inquire(s, codes[0], marker)
        _assert_not_public(s, codes, marker)
        assert s.errors == [] or all("status of 422" in e for e in s.errors), s.errors

    phone(journey)


# ---------------------------------------------------------------- errors and English


def test_phone_errors_are_shown_by_the_field(phone: Runner) -> None:
    def errors(s: Phone) -> None:
        s.page.goto(f"{s.base_url}/match?lang=zh")
        s.page.wait_for_selector("body[data-ready]")
        s.testid("match-budget").fill("-5")
        s.testid("match-submit").tap()
        error = s.page.locator("[data-error-for=budget_wan]")
        error.wait_for(state="visible")
        assert "大于 0" in error.inner_text()
        assert s.testid("match-budget").get_attribute("aria-invalid") == "true"
        s.shot("8-match-422")

        # A 429 says when to try again; markup typed into the form is never rendered.
        def busy(route: Any) -> None:
            route.fulfill(
                status=429,
                headers={"Retry-After": "120", "Content-Type": "application/json"},
                body=json.dumps({"detail": "too many inquiries from this address"}),
            )

        s.page.route("**/api/inquiries*", busy)
        s.testid("match-budget").fill("")
        s.testid("match-submit").tap()
        s.testid("result-inquire").first.wait_for()
        s.testid("result-inquire").first.tap()
        s.testid("inquiry-dialog").wait_for(state="visible")
        s.testid("inquiry-name").fill('<img src=x onerror="window.pwned=1">')
        s.testid("inquiry-contact").fill("name@example.com")
        s.testid("inquiry-submit").tap()
        message = s.testid("inquiry-error")
        message.wait_for(state="visible")
        assert "2 分钟后再试" in message.inner_text()
        assert s.js("document.querySelectorAll('dialog img').length") == 0
        assert s.js("window.pwned") is None
        s.shot("9-inquiry-429")

    phone(errors)


def test_phone_pages_in_english(phone: Runner) -> None:
    def english(s: Phone) -> None:
        s.page.goto(f"{s.base_url}/match?lang=zh")
        s.page.wait_for_selector("body[data-ready]")
        s.testid("lang-en").tap()
        s.page.get_by_text("Find parcels", exact=True).wait_for()
        assert s.js("localStorage.getItem('zoneatlas.lang')") == "en"
        form = s.testid("match-form").inner_text()
        assert not CJK.search(form.replace("万元", "")), form
        s.testid("match-industry").select_option("digital_economy")
        s.testid("match-submit").tap()
        s.testid("match-result").first.wait_for()
        card = s.testid("match-result").first.inner_text()
        assert "View on map" in card and "Add to compare" in card
        assert "industry fits the Digital Industry Area" in card
        codes = s.js(
            "[...document.querySelectorAll('[data-testid=match-result]')]"
            ".slice(0, 3).map(e => e.dataset.code)"
        )
        s.page.goto(f"{s.base_url}/compare?codes={','.join(codes)}")  # the choice persists
        s.page.wait_for_function("document.body.dataset.compareLoaded")
        labels = s.js(
            "[...document.querySelectorAll('[data-testid=compare-table] th[scope=row]')]"
            ".map(e => e.textContent)"
        )
        assert labels and not [label for label in labels if CJK.search(label)], labels
        assert s.js("document.documentElement.lang") == "en"
        s.check_layout()
        s.shot("10-compare-en")
        assert s.errors == []

    phone(english)
