"""The parcel brochure (地块推介书): its page view and its PDF.

:func:`brochure_view` prepares what ``web/templates/brochure.html`` renders: the data of
:func:`zoneatlas.investor.brochure.brochure_data` plus the labels and number formats of
the map page (from ``web/static/i18n.json``, so the brochure and the page say the same
thing). :func:`render_brochure_pdf` prints ``/parcels/{code}/brochure`` with headless
Chromium (Playwright) to an A4 PDF; Chromium embeds the CJK font (install
``fonts-noto-cjk``). :func:`brochure_command` is the ``zoneatlas brochure`` command.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import typer
from markupsafe import Markup

from zoneatlas.errors import InvalidParameter, ZoneAtlasError
from zoneatlas.store import Store

WEB = Path(__file__).parent / "web"
LANGS = ("zh", "en")
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ChromiumMissing(ZoneAtlasError):
    def __init__(self) -> None:
        super().__init__(
            "Chromium not found: install it (Debian: apt-get install chromium fonts-noto-cjk) "
            "or pass --chromium PATH"
        )


# -- labels and numbers ------------------------------------------------------------------


@cache
def _dictionaries() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        (WEB / "static" / "i18n.json").read_text(encoding="utf-8")
    )
    return data


class Texts:
    """Labels and number formats in one language, as the map page writes them."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else "zh"
        self._labels = _dictionaries()[self.lang]
        self._fallback = _dictionaries()["zh"]

    def t(self, key: str, **params: Any) -> str:
        """The label ``key`` with ``{name}`` placeholders filled (a missing key shows as is)."""
        text = self._labels.get(key) or self._fallback.get(key) or key
        for name, value in params.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def pick(self, record: Any, field: str = "name") -> str:
        """The zh or en member of a record or mapping (``name_zh`` / ``name_en``)."""
        get = record.get if isinstance(record, dict) else lambda k: getattr(record, k, "")
        other = "en" if self.lang == "zh" else "zh"
        return str(get(f"{field}_{self.lang}") or get(f"{field}_{other}") or "")

    def term(self, term: Any) -> str:
        """A vocabulary term's name (zh or en); '—' for none."""
        if term is None:
            return self.t("value.none")
        return str(term.en if self.lang == "en" else term.zh)

    @staticmethod
    def css_string(text: str) -> Markup:
        """``text`` as a quoted CSS string for a ``<style>`` element: every ASCII character
        but letters, digits, spaces and ``-_.`` is a CSS escape, so nothing can close
        the string or the element."""
        safe = "".join(
            c if c.isalnum() or c in " -_." or ord(c) > 127 else f"\\{ord(c):x} " for c in text
        )
        return Markup(f'"{safe}"')

    @staticmethod
    def num(value: float | None, decimals: int = 0) -> str:
        if value is None:
            return "—"
        return f"{value:,.{decimals}f}"

    def short(self, value: float | None, decimals: int = 2) -> str:
        """Up to ``decimals`` decimals, trailing zeros dropped (2.0 → 2, 1.50 → 1.5)."""
        if value is None:
            return self.t("value.none")
        text = f"{value:,.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text

    def yuan_m2(self, value: float | None) -> str:
        """A unit price (元/m²): whole yuan from 1,000 up, else at most one decimal."""
        if value is None:
            return self.t("value.none")
        shown = self.num(value, 0) if abs(value) >= 1000 else self.short(value, 1)
        return self.t("valuation.yuan_m2", v=shown)

    def wan_amount(self, value: float, decimals: int = 0) -> str:
        """The number of an amount in 万元 as the page writes it: 万元 for Chinese readers
        (whole from 1,000 up), CNY for English ones (100 万元 = CNY 1 million)."""
        if self.lang == "zh":
            return self.num(value, 0 if value >= 1000 else decimals)
        if value >= 100:
            return f"{self.num(value / 100, 2)} million"
        return self.num(round(value * 100) * 100, 0)

    def wan(self, value: float | None, decimals: int = 0) -> str:
        """An amount in 万元: "1,113 万元" in Chinese, "CNY 11.13 million" in English."""
        if value is None:
            return self.t("value.none")
        return self.t("valuation.total_value", v=self.wan_amount(value, decimals))

    def distance(self, metres: float | None) -> str:
        if metres is None:
            return self.t("value.none")
        if metres >= 1000:
            return self.t("compare.km", v=self.short(metres / 1000, 1))
        return self.t("compare.m", v=self.num(metres, 0))

    def far(self, low: float | None, high: float | None) -> str:
        if low is None and high is None:
            return self.t("value.none")
        if low is None or low == high:
            return self.short(high if high is not None else low)
        if high is None:
            return f"≥ {self.short(low)}"
        return self.t("value.far", min=self.short(low), max=self.short(high))

    def level(self, level: str | None) -> str:
        """A level such as "劣 (inferior)" as "劣" in Chinese, "inferior" in English."""
        if not level:
            return ""
        text = str(level)
        if "(" in text and text.endswith(")"):
            zh, en = text[:-1].split("(", 1)
            return en.strip() if self.lang == "en" else zh.strip()
        return text

    def effect(self, item: dict[str, Any]) -> str:
        """What one correction does to the price: a benchmark, a percent or a factor."""
        if item.get("applied") is False:
            return self.t("valuation.not_applied")
        if item["kind"] == "benchmark":
            return self.yuan_m2(item["coefficient"])
        if item["kind"] == "development":
            sign = "+" if item["coefficient"] >= 0 else "−"
            return sign + self.yuan_m2(abs(item["coefficient"]))
        if item.get("percent") is not None:
            sign = "+" if item["percent"] > 0 else ("−" if item["percent"] < 0 else "")
            return f"{sign}{self.short(abs(item['percent']), 2)}%"
        if item.get("coefficient") is not None:
            return f"×{self.short(item['coefficient'], 4)}"
        return self.t("value.none")

    def factor_input(self, item: dict[str, Any]) -> str:
        value, unit = item.get("input"), item.get("unit") or ""
        if value is None or value == "":
            return self.t("valuation.not_given") if item.get("input_source") == "default" else ""
        if item["key"] == "benchmark":
            return self.t("grade.name", grade=value)
        if isinstance(value, int | float):
            text = self.num(value, 0) if unit == "m" else self.short(value, 2)
            if unit == "years":
                return f"{text} {self.t('valuation.years_unit')}"
            return f"{text} {unit}".strip() if unit != "%" else text
        return str(value)


# -- the page ----------------------------------------------------------------------------


def brochure_view(
    store: Store, zone: str, code: str, lang: str = "zh", date: dt.date | None = None
) -> dict[str, Any]:
    """The template context of ``brochure.html`` for parcel ``code`` (raises
    ParcelNotFound): the brochure's data, a :class:`Texts` as ``tx`` and the language."""
    from zoneatlas.investor.brochure import brochure_data

    texts = Texts(lang)
    data = brochure_data(store, zone, code, lang=texts.lang, date=date)
    return {
        **data,
        "tx": texts,
        "lang": texts.lang,
        "zone_slug": zone,
        "code": code,
        "other_lang": "en" if texts.lang == "zh" else "zh",
    }


# -- the PDF -----------------------------------------------------------------------------


def find_chromium(explicit: Path | None = None) -> Path:
    """The Chromium to print with: ``explicit``, else the first on PATH, else raise."""
    if explicit is not None:
        if explicit.exists():
            return explicit
        raise ChromiumMissing()
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise ChromiumMissing()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _serving(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free 127.0.0.1 port in a thread; yields its URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none"
        )
    )
    thread = threading.Thread(target=server.run, name="zoneatlas-brochure-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ZoneAtlasError("could not start the web server to print the brochure")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _print_pdf(chromium: Path, url: str, out_path: Path, timeout_s: float) -> None:
    """Open ``url`` in headless Chromium and print it to ``out_path`` (A4, backgrounds)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "no reason given"
            raise ZoneAtlasError(f"could not start Chromium at {chromium}: {first}") from None
        try:
            page = browser.new_page()
            response = page.goto(url, wait_until="load", timeout=timeout_s * 1000)
            if response is not None and response.status == 404:
                raise ZoneAtlasError(page.locator("[data-reason]").inner_text().strip())
            if response is None or not response.ok:
                status = response.status if response is not None else "no answer"
                raise ZoneAtlasError(f"the brochure page answered HTTP {status}")
            page.evaluate("document.fonts.ready.then(() => true)")
            out_path.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(out_path), format="A4", print_background=True, prefer_css_page_size=True
            )
        finally:
            browser.close()


def render_brochure_pdf(
    source: str | Any,
    code: str,
    out_path: Path,
    lang: str = "zh",
    *,
    zone: str | None = None,
    chromium: Path | None = None,
    timeout_s: float = 60.0,
) -> Path:
    """Print the brochure of parcel ``code`` to ``out_path`` as an A4 PDF.

    ``source`` is the base URL of a running Zone Atlas server, or an application (from
    :func:`zoneatlas.app.create_app`) that is served on a free local port meanwhile.
    Playwright runs in a worker thread of its own, so this works from code that already
    runs an event loop or another Playwright session. Raises ChromiumMissing, or
    ZoneAtlasError with the page's reason (e.g. an unknown parcel).
    """
    if lang not in LANGS:
        raise InvalidParameter("lang", f"expected zh or en, got {lang!r}")
    if importlib.util.find_spec("playwright") is None:
        raise ZoneAtlasError(
            "printing a brochure needs Playwright: pip install playwright (it drives the "
            "system's Chromium; no browser download is needed)"
        )
    browser = find_chromium(chromium)
    query = urlencode({"lang": lang, **({"zone": zone} if zone else {})})
    path = f"/parcels/{quote(code, safe='')}/brochure?{query}"

    def run(base: str) -> None:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="zoneatlas-pdf") as pool:
            pool.submit(_print_pdf, browser, base.rstrip("/") + path, out_path, timeout_s).result()

    if isinstance(source, str):
        run(source)
    else:
        with _serving(source) as base:
            run(base)
    return out_path


def brochure_command(
    code: Annotated[str, typer.Argument(help="Parcel code, e.g. JY-2020-176.")],
    out: Annotated[Path, typer.Option("--out", help="PDF file to write.")],
    db: Annotated[
        str | None, typer.Option("--db", help="SQLite file path or database URL.")
    ] = None,
    zone: Annotated[str | None, typer.Option("--zone", help="Zone slug.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language: zh or en.")] = "zh",
    chromium: Annotated[
        Path | None, typer.Option("--chromium", help="Chromium executable (default: on PATH).")
    ] = None,
) -> None:
    """Print a parcel's brochure (地块推介书) to an A4 PDF with headless Chromium."""
    from zoneatlas.app import create_app
    from zoneatlas.service import open_store
    from zoneatlas.settings import Settings, database_url_from

    if lang not in LANGS:
        raise InvalidParameter("--lang", f"expected zh or en, got {lang!r}")
    settings = Settings()
    updates = {"database_url": database_url_from(db)} if db else {}
    settings = settings.model_copy(update={**updates, **({"zone": zone} if zone else {})})
    if settings.database_url.startswith("sqlite:///"):
        path = Path(settings.database_url.removeprefix("sqlite:///"))
        if not path.exists():
            raise ZoneAtlasError(f"no database file at {path}; build one with `zoneatlas demo`")
    browser = find_chromium(chromium)
    store = open_store(settings.database_url)
    store.parcel(settings.zone, code)  # ParcelNotFound: a one-line error before any browser
    render_brochure_pdf(create_app(settings, store=store), code, out, lang, chromium=browser)
    typer.echo(f"Wrote the brochure of {code} to {out} ({out.stat().st_size // 1024} KB)")
