"""HTML pages, rendered from Jinja2 templates in ``zoneatlas/web/templates``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zoneatlas import __version__
from zoneatlas.api.deps import ZoneDep
from zoneatlas.basemaps import basemap_config

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request,
    zone: ZoneDep,
    lang: Annotated[str | None, Query(pattern="^(zh|en)$")] = None,
) -> HTMLResponse:
    templates = request.app.state.templates
    language = lang or request.app.state.settings.default_language
    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request,
        "index.html",
        {
            "zone": zone,
            "lang": language,
            "static_url": "/static",
            "version": __version__,
            "basemap": basemap_config(request.app.state.settings),
        },
    )
