"""HTML pages, rendered from Jinja2 templates in ``zoneatlas/web/templates``.

The map (``/``), site matching (``/match``) and compare (``/compare``) pages draw their data
from the JSON API in the browser; the parcel brochure (``/parcels/{code}/brochure``) is
rendered here, on the server, so that printing it to PDF does not wait on requests.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zoneatlas import __version__
from zoneatlas.api.deps import StoreDep, ZoneDep
from zoneatlas.basemaps import basemap_config
from zoneatlas.errors import NotFound

router = APIRouter(include_in_schema=False)

LangQuery = Annotated[str | None, Query(pattern="^(zh|en)$")]


def _page(
    request: Request, template: str, zone: str, lang: str | None, **extra: Any
) -> HTMLResponse:
    language = lang or request.app.state.settings.default_language
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request,
        template,
        {"zone": zone, "lang": language, "static_url": "/static", "version": __version__, **extra},
    )


@router.get("/", response_class=HTMLResponse)
def index(request: Request, zone: ZoneDep, lang: LangQuery = None) -> HTMLResponse:
    return _page(
        request, "index.html", zone, lang, basemap=basemap_config(request.app.state.settings)
    )


@router.get("/match", response_class=HTMLResponse)
def match_page(request: Request, zone: ZoneDep, lang: LangQuery = None) -> HTMLResponse:
    """Site matching (智能选址): the form and the ranked results (static/match.js)."""
    return _page(request, "match.html", zone, lang, page="match")


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, zone: ZoneDep, lang: LangQuery = None) -> HTMLResponse:
    """2–4 parcels side by side; ``?codes=A,B`` and the project facts come from the URL."""
    return _page(request, "compare.html", zone, lang, page="compare")


@router.get("/parcels/{code}/brochure", response_class=HTMLResponse)
def brochure_page(
    request: Request,
    code: str,
    store: StoreDep,
    zone: ZoneDep,
    lang: LangQuery = None,
    date: Annotated[dt.date | None, Query()] = None,
) -> HTMLResponse:
    """The parcel brochure (地块推介书), print-ready A4; 404 page for an unknown parcel."""
    from zoneatlas.brochure import brochure_view

    language = lang or request.app.state.settings.default_language
    try:
        view = brochure_view(store, zone, code, language, date)
    except NotFound as exc:
        return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
            request,
            "brochure_missing.html",
            {"lang": language, "code": code, "detail": str(exc), "version": __version__},
            status_code=404,
        )
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request,
        "brochure.html",
        {**view, "static_url": "/static", "version": __version__},
    )
