"""HTML pages of OGC API - Features (conformance class html), rendered from the JSON
document of the same URL with the ``ogc.html`` template, and a server-drawn SVG preview of
the features on a page (no script, no external asset)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import numpy as np
import shapely
from markupsafe import Markup
from shapely.geometry.base import BaseGeometry
from starlette.requests import Request
from starlette.responses import Response

from zoneatlas.api.ogc_collections import OgcCollection
from zoneatlas.api.ogc_render import JSON, Urls

#: Property columns the items table shows when a collection has them.
ITEM_COLUMNS = ("name_zh", "name_en", "land_use", "status", "area_m2", "industry", "category")
#: Pages with more features than this get no SVG preview (it would outweigh the table).
SVG_MAX_FEATURES = 2000


def as_html(href: str) -> str:
    """The HTML twin of a JSON link made by :class:`Urls` (whose ``f`` comes last)."""
    return href[: -len("f=json")] + "f=html" if href.endswith("f=json") else href


def link_href(links: Sequence[dict[str, str]], rel: str, media_type: str | None = None) -> str:
    """The first link with relation ``rel`` (and ``media_type``), as an HTML page link."""
    for candidate in links:
        if candidate["rel"] == rel and media_type in (None, candidate["type"]):
            return candidate["href"]
    return ""


def svg_preview(geometries: Sequence[BaseGeometry]) -> Markup | None:
    """An inline SVG of ``geometries`` (lon/lat), north up, with longitudes shrunk by the
    cosine of the latitude so that shapes keep their proportions."""
    if not geometries or len(geometries) > SVG_MAX_FEATURES:
        return None
    array = np.empty(len(geometries), dtype=object)
    array[:] = list(geometries)
    minx, miny, maxx, maxy = (float(v) for v in shapely.total_bounds(array))
    span = max(maxx - minx, maxy - miny, 1e-4)
    minx, miny, maxx, maxy = minx - span / 20, miny - span / 20, maxx + span / 20, maxy + span / 20
    squeeze = math.cos(math.radians((miny + maxy) / 2))
    shapes = "".join(g.svg(scale_factor=span / 400) for g in geometries)
    box = f"{minx * squeeze} {-maxy} {(maxx - minx) * squeeze} {maxy - miny}"
    return Markup(
        f'<svg class="preview" xmlns="http://www.w3.org/2000/svg" viewBox="{box}" '
        f'preserveAspectRatio="xMidYMid meet" role="img" aria-label="map preview">'
        f'<g transform="scale({squeeze},-1)">{shapes}</g></svg>'
    )


def render(
    request: Request,
    kind: str,
    title: str,
    document: dict[str, Any],
    crumbs: Sequence[tuple[str, str]],
    **extra: Any,
) -> Response:
    """The page ``kind`` for ``document``; ``crumbs`` are (title, JSON href) pairs from the
    landing page down, the last one being this page."""
    self_json = link_href(document.get("links", []), "self") or (crumbs[-1][1] if crumbs else "")
    json_type = next(
        (link["type"] for link in document.get("links", []) if link["rel"] == "self"), JSON
    )
    context = {
        "kind": kind,
        "title": title,
        "doc": document,
        "description": document.get("description", ""),
        "crumbs": [
            {"title": name, "href": as_html(href) if i < len(crumbs) - 1 else ""}
            for i, (name, href) in enumerate(crumbs)
        ],
        "json_href": self_json,
        "json_type": json_type,
        "href": lambda links, rel, media_type=None: as_html(link_href(links, rel, media_type)),
        "html_href": as_html,
        **extra,
    }
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, "ogc.html", context)
    return response


def item_href(urls: Urls, c: OgcCollection) -> Any:
    """A function from a feature id to the HTML page of that feature."""
    return lambda fid: urls(f"/collections/{c.id}/items/{quote(str(fid), safe='')}", f="html")


def item_columns(document: dict[str, Any]) -> list[str]:
    """The :data:`ITEM_COLUMNS` the page's features have."""
    features = document.get("features", [])
    if not features:
        return []
    return [name for name in ITEM_COLUMNS if name in features[0]["properties"]]
