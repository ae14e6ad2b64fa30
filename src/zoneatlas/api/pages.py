"""HTML pages, rendered from Jinja2 templates in ``zoneatlas/web/templates``.

The map (``/``), site matching (``/match``) and compare (``/compare``) pages draw their data
from the JSON API in the browser; the parcel brochure (``/parcels/{code}/brochure``) is
rendered here, on the server, so that printing it to PDF does not wait on requests, and so
is the attractiveness method page (``/attractiveness/method``), from the model the API uses.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zoneatlas import __version__
from zoneatlas.api.deps import StoreDep, ZoneDep
from zoneatlas.basemaps import basemap_config
from zoneatlas.errors import InvalidParameter, NotFound

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


def _flat_params(params: Mapping[str, Any], path: tuple[str, ...] = ()) -> Iterator[Any]:
    """A factor's parameters as (path of keys, value text) rows: nested mappings are
    walked, lists of mappings are keyed by their ``category``, distances get " m"."""
    for key, value in params.items():
        here = (*path, key)
        if isinstance(value, Mapping):
            yield from _flat_params(value, here)
        elif isinstance(value, list | tuple) and value and isinstance(value[0], Mapping):
            for item in value:
                rest = {k: v for k, v in item.items() if k != "category"}
                yield from _flat_params(rest, (*here, str(item.get("category", ""))))
        elif isinstance(value, list | tuple):
            yield here, ", ".join(str(v) for v in value)
        elif isinstance(value, float):
            yield here, f"{value:g} m" if key.endswith("_m") else f"{value:g}"
        else:
            yield here, str(value)


def _industry_names(key: str | None) -> dict[str, str]:
    from zoneatlas.parcels import vocab

    term = vocab.lookup("industry", key) if key else None
    return {"key": key or "", "zh": term.zh if term else "", "en": term.en if term else ""}


# Land uses of the land price tables that are not planning land use terms (the planning
# vocabulary splits industrial land into classes I and II).
_TABLE_USES = {"industrial": ("工业用地", "Industrial")}


def _use_names(key: str) -> dict[str, str]:
    from zoneatlas.parcels import vocab

    term = vocab.lookup("land_use", key)
    zh, en = (term.zh, term.en) if term else _TABLE_USES.get(key, (key, key))
    return {"key": key, "zh": zh, "en": en}


def _price_reference(request: Request, zone: str, industry: str | None) -> dict[str, Any] | None:
    """The zone's land price reference for ``industry`` (None when the zone has no data)."""
    from zoneatlas.api.attractiveness import get_attractiveness

    service = get_attractiveness(request)
    try:
        reference = service.grids(zone, industry).reference
        epsg = service.inputs(zone).epsg
    except NotFound:
        return None
    median = reference.median_yuan_m2
    return {
        "use": _use_names(reference.table.use),
        "table": _use_names(reference.table.table) if reference.table.table else None,
        "median_yuan_m2": median if math.isfinite(median) else None,
        "min_relative": reference.min_relative,
        "source": reference.source,
        "epsg": epsg,
    }


@router.get("/attractiveness/method", response_class=HTMLResponse)
def attractiveness_method_page(
    request: Request,
    zone: ZoneDep,
    lang: LangQuery = None,
    industry: Annotated[str | None, Query(description="Industry whose weights to mark")] = None,
) -> HTMLResponse:
    """How the attractiveness index (区域综合吸引力指数) is computed, in zh and en: the model
    the API uses (``GET /api/attractiveness/model``), rendered here. An unknown industry is
    ignored (the page shows the default weights)."""
    from zoneatlas.api.attractiveness import get_attractiveness
    from zoneatlas.attractiveness.report import model_document
    from zoneatlas.attractiveness.service import parse_industry

    try:
        key = parse_industry(industry)
    except InvalidParameter:
        key = None
    model = model_document(get_attractiveness(request).model, key)
    document = model["document"]
    weights = [{"industry": _industry_names(None), "weights": document["weights"]}] + [
        {"industry": _industry_names(name), "weights": values}
        for name, values in document["industry_weights"].items()
    ]
    uses = [
        {"industry": _industry_names(name), "use": _use_names(use)}
        for name, use in document["industry_uses"].items()
    ]
    factors = [{**f, "rows": list(_flat_params(f["params"]))} for f in model["factors"]]
    return _page(
        request,
        "attractiveness_method.html",
        zone,
        lang,
        page="method",
        model=model,
        factors=factors,
        weights=weights,
        uses=uses,
        default_use=_use_names(document["default_use"]),
        industry=_industry_names(key),
        reference=_price_reference(request, zone, key),
    )
