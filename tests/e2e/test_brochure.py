"""The parcel brochure (地块推介书): the page rendered in-process, and its PDF printed by
headless Chromium.

The page tests need no browser: ``/parcels/{code}/brochure`` is server-side HTML with the
map drawn as inline SVG. The PDF tests print a demo parcel with
:func:`zoneatlas.brochure.render_brochure_pdf` (uvicorn in a thread, Playwright in a
thread of its own) and read it back with poppler-utils: ``pdftotext`` holds the parcel
code, the unit price as the page formats it and Chinese text; ``pdfinfo`` says 1–3 A4
pages; ``pdffonts`` says every font is embedded. The pages are saved as PNG to
``$ZONEATLAS_ARTIFACTS`` (or a temporary directory). Without Chromium or poppler the PDF
tests skip, except under CI=true.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.conftest import require_or_skip
from tests.e2e.browser_support import artifacts_dir
from zoneatlas.app import create_app
from zoneatlas.brochure import ChromiumMissing, brochure_command, render_brochure_pdf
from zoneatlas.errors import ParcelNotFound, ZoneAtlasError
from zoneatlas.service import build_demo
from zoneatlas.settings import Settings

pytestmark = [pytest.mark.e2e]
browser_test = pytest.mark.browser

CODE = "JY-2020-176"  # an available industrial parcel with indicators and policies
CJK = re.compile(r"[\u3400-\u9fff]")
A4 = re.compile(r"Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts")
CHROMIUM = os.environ.get("ZONEATLAS_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    db = tmp_path_factory.mktemp("brochure") / "demo.sqlite"
    url = f"sqlite:///{db}"
    build_demo(url)
    return Settings(database_url=url)


@pytest.fixture(scope="module")
def client(demo_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(demo_settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return artifacts_dir(tmp_path_factory)


def _by_testid(page: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)<', page, re.S)
    assert match, f"no {testid} in the page"
    return html.unescape(match.group(1)).strip()


# ---------------------------------------------------------------- the page (no browser)


def test_brochure_page_in_chinese(client: TestClient) -> None:
    response = client.get(f"/parcels/{CODE}/brochure")
    assert response.status_code == 200
    page = response.text
    parcel = client.get(f"/api/parcels/{CODE}").json()["properties"]
    valuation = client.get(f"/api/parcels/{CODE}/valuation").json()
    assert '<html lang="zh-CN">' in page
    assert "地块推介书" in page and parcel["name_zh"] in page
    assert _by_testid(page, "brochure-code") == CODE
    assert (
        _by_testid(page, "brochure-unit-price") == f"{valuation['unit_price_yuan_m2']:,.1f} 元/m²"
    )
    # The map is drawn in the page: the parcel, its neighbours and the roads as SVG paths.
    svg = re.search(r'<svg class="parcel-map".*?</svg>', page, re.S)
    assert svg and 'class="subject"' in svg.group(0) and 'class="neighbour"' in svg.group(0)
    assert 'class="road"' in svg.group(0) and "<script" not in svg.group(0)
    for breakdown in valuation["breakdown"]:
        assert html.escape(breakdown["name_zh"]) in page
    assert "@page" in client.get("/static/brochure.css").text
    assert "maplibre" not in page.lower()  # a print page: no map controls, no map script
    assert "招商联系人" in page and "示意" in page  # contact and the synthetic-data notice


def test_brochure_page_in_english_and_unknown_parcel(client: TestClient) -> None:
    page = client.get(f"/parcels/{CODE}/brochure?lang=en").text
    parcel = client.get(f"/api/parcels/{CODE}").json()["properties"]
    assert '<html lang="en">' in page and "Parcel brochure" in page
    assert parcel["name_en"] in page
    assert re.fullmatch(r"CNY [\d,]+(\.\d)?/m²", _by_testid(page, "brochure-unit-price"))
    labels = re.findall(r"<th>([^<]*)</th>", page)
    assert labels and not [label for label in labels if CJK.search(label)], labels

    missing = client.get("/parcels/NOPE-1/brochure")
    assert missing.status_code == 404
    assert "no parcel with code 'NOPE-1'" in html.unescape(missing.text)
    assert client.get(f"/parcels/{CODE}/brochure?lang=fr").status_code == 422


def test_brochure_command_reports_problems_before_starting_a_browser(
    demo_settings: Settings, tmp_path: Path
) -> None:
    app = typer.Typer()
    app.command("brochure")(brochure_command)
    app.command("noop")(lambda: None)  # two commands: `brochure` stays a subcommand
    runner = CliRunner()
    db = demo_settings.database_url.removeprefix("sqlite:///")
    out = tmp_path / "x.pdf"
    result = runner.invoke(app, ["brochure", "NOPE-1", "--out", str(out), "--db", db])
    assert isinstance(result.exception, ParcelNotFound)
    result = runner.invoke(
        app, ["brochure", CODE, "--out", str(out), "--db", db, "--chromium", "/nonexistent"]
    )
    assert isinstance(result.exception, ChromiumMissing)
    assert "\n" not in str(result.exception)
    result = runner.invoke(app, ["brochure", CODE, "--out", str(out), "--lang", "fr"])
    assert isinstance(result.exception, ZoneAtlasError)
    assert not out.exists()


# ---------------------------------------------------------------- the PDF (Chromium)


def _require_pdf_tools() -> None:
    require_or_skip(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}")
    tools = ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")
    require_or_skip(all(shutil.which(t) for t in tools), "poppler-utils (pdftotext, pdfinfo)")


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def _fonts(pdf: Path) -> list[dict[str, Any]]:
    """pdffonts rows as {name, type, emb}; the columns are fixed-width under a dashed rule."""
    lines = _run("pdffonts", str(pdf)).splitlines()
    rule = lines[1]
    columns = [m.span() for m in re.finditer(r"-+", rule)]
    rows = []
    for line in lines[2:]:
        cells = [line[a:b].strip() for a, b in columns]
        rows.append({"name": cells[0], "type": cells[1], "emb": cells[3]})
    return rows


@browser_test
def test_brochure_pdf_has_the_code_price_and_chinese_text(
    demo_settings: Settings, client: TestClient, tmp_path: Path, artifacts: Path
) -> None:
    _require_pdf_tools()
    pdf = render_brochure_pdf(
        create_app(demo_settings), CODE, tmp_path / "brochure-zh.pdf", "zh", chromium=Path(CHROMIUM)
    )
    text = _run("pdftotext", str(pdf), "-")
    compact = re.sub(r"\s+", "", text)
    page = client.get(f"/parcels/{CODE}/brochure").text
    unit_price = _by_testid(page, "brochure-unit-price")
    name_zh = client.get(f"/api/parcels/{CODE}").json()["properties"]["name_zh"]
    assert CODE in text
    assert re.sub(r"\s+", "", unit_price) in compact, unit_price
    assert "地块推介书" in text and name_zh in compact
    assert len(CJK.findall(text)) > 200  # the Chinese is text, not pictures of text

    info = _run("pdfinfo", str(pdf))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 3, info
    assert A4.search(info), info

    # Every font is embedded. Chromium embeds TrueType outlines as CID fonts and CFF ones,
    # such as Debian's Noto Sans CJK, as Type 3 glyph procedures: named or not, none may
    # be left to the reader's machine.
    fonts = _fonts(pdf)
    assert fonts and all(f["emb"] == "yes" for f in fonts), fonts
    assert any("CJK" in f["name"] or f["type"] == "Type 3" for f in fonts), fonts

    _run("pdftoppm", "-png", "-r", "60", str(pdf), str(artifacts / "brochure-zh"))
    assert sorted(artifacts.glob("brochure-zh-*.png"))


@browser_test
def test_brochure_pdf_in_english_from_a_running_server(
    demo_settings: Settings, tmp_path: Path, artifacts: Path
) -> None:
    _require_pdf_tools()
    from zoneatlas.brochure import _serving

    with _serving(create_app(demo_settings)) as base_url:
        pdf = render_brochure_pdf(
            base_url, CODE, tmp_path / "brochure-en.pdf", "en", chromium=Path(CHROMIUM)
        )
        with pytest.raises(ZoneAtlasError, match="no parcel with code"):
            render_brochure_pdf(base_url, "NOPE-1", tmp_path / "nope.pdf", "en")
    text = _run("pdftotext", str(pdf), "-")
    assert CODE in text and "Parcel brochure" in text
    assert re.search(r"CNY\s*[\d,]+(\.\d)?/m²", text)
    assert not (tmp_path / "nope.pdf").exists()
    _run("pdftoppm", "-png", "-r", "60", str(pdf), str(artifacts / "brochure-en"))
