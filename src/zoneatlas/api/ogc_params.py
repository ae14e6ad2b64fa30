"""Query parameters of OGC API - Features: ``limit``, ``offset``, ``bbox``, ``datetime``,
property filters, and the choice between JSON and HTML (``f`` or the Accept header).

Every parse error is an :class:`~zoneatlas.errors.InvalidParameter`, which the OGC routes
answer with ``400`` and an OGC exception body.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from starlette.datastructures import QueryParams

from zoneatlas.api.ogc_collections import OgcCollection, check_queryable
from zoneatlas.errors import InvalidParameter

DEFAULT_LIMIT = 10
MAX_LIMIT = 10_000
#: Parameters every items request understands; anything else must be a queryable.
STANDARD_PARAMETERS = frozenset({"f", "zone", "bbox", "limit", "offset", "datetime"})

Bbox = tuple[float, float, float, float]
DateRange = tuple[dt.date | None, dt.date | None]

_INSTANT = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"([Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$"
)


@dataclass(frozen=True)
class ItemsQuery:
    """A parsed items request. ``dates`` is (first, last), inclusive, either end open."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0
    bbox: Bbox | None = None
    dates: DateRange | None = None
    equals: dict[str, str] = field(default_factory=dict)


def _single(params: QueryParams, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise InvalidParameter(name, "given more than once")
    return values[0] if values else None


def parse_limit(text: str | None) -> int:
    """``limit``: an integer ≥ 1; above :data:`MAX_LIMIT` it is lowered to the maximum, as
    OGC API - Features requires (no error)."""
    if text is None:
        return DEFAULT_LIMIT
    if not text.isdigit() or int(text) < 1:
        raise InvalidParameter("limit", f"expected an integer from 1 to {MAX_LIMIT}, got {text!r}")
    return min(int(text), MAX_LIMIT)


def parse_offset(text: str | None) -> int:
    """``offset``: how many matching features to skip, an integer ≥ 0."""
    if text is None:
        return 0
    if not text.isdigit():
        raise InvalidParameter("offset", f"expected an integer ≥ 0, got {text!r}")
    return int(text)


def parse_bbox(text: str | None) -> Bbox | None:
    """``bbox``: ``minlon,minlat,maxlon,maxlat`` in CRS84 degrees (six numbers with
    heights are accepted; heights are ignored)."""
    if text is None:
        return None
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) not in (4, 6) or any(n != n for n in numbers):
        raise InvalidParameter("bbox", f"expected 4 or 6 comma-separated numbers, got {text!r}")
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    minx, miny, maxx, maxy = numbers
    if not (-180 <= minx <= 180 and -180 <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise InvalidParameter("bbox", "expected lon in [-180, 180], lat in [-90, 90], miny ≤ maxy")
    if minx > maxx:
        raise InvalidParameter("bbox", "a bbox crossing the antimeridian is not supported")
    return minx, miny, maxx, maxy


def _instant(text: str) -> dt.date:
    """The UTC calendar date of an RFC 3339 date or date-time."""
    if not _INSTANT.match(text):
        raise ValueError(text)
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    moment = dt.datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    return moment.astimezone(dt.UTC).date()


def parse_datetime(text: str | None) -> DateRange | None:
    """``datetime``: an RFC 3339 instant (``2020-06-24``, ``2020-06-24T08:00:00Z``), a
    closed interval ``start/end``, or a half-open one (``../end``, ``start/..``; an empty
    end means open too). Returns the (first, last) calendar dates, in UTC, that a date
    property must fall in; a date matches an instant on the same UTC day."""
    if text is None:
        return None
    try:
        if "/" not in text:
            day = _instant(text)
            return day, day
        start, end = text.split("/")
        first = None if start in ("", "..") else _instant(start)
        last = None if end in ("", "..") else _instant(end)
    except ValueError:
        raise InvalidParameter(
            "datetime",
            f"expected an RFC 3339 instant or interval (e.g. 2020-01-01/2020-12-31), got {text!r}",
        ) from None
    if first is None and last is None:
        raise InvalidParameter("datetime", "an interval needs at least one end")
    if first is not None and last is not None and first > last:
        raise InvalidParameter("datetime", "the interval's start is after its end")
    return first, last


def items_query(params: QueryParams, collection: OgcCollection) -> ItemsQuery:
    """Parse and check an items request for ``collection``; unknown parameters are errors."""
    equals: dict[str, str] = {}
    for name in params:
        if name not in STANDARD_PARAMETERS:
            check_queryable(collection, name)
            text = _single(params, name)
            assert text is not None
            equals[name] = collection.filter_value(name, text)
    return ItemsQuery(
        limit=parse_limit(_single(params, "limit")),
        offset=parse_offset(_single(params, "offset")),
        bbox=parse_bbox(_single(params, "bbox")),
        dates=parse_datetime(_single(params, "datetime")),
        equals=equals,
    )


def _quality(accept: str) -> Mapping[str, float]:
    """Media ranges of an Accept header and their q values."""
    result: dict[str, float] = {}
    for item in accept.split(","):
        media, *options = (part.strip() for part in item.split(";"))
        q = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    q = float(option[2:])
                except ValueError:
                    q = 0.0
        if media:
            result[media.lower()] = max(q, result.get(media.lower(), 0.0))
    return result


def wants_html(params: QueryParams, accept: str | None) -> bool:
    """True when the client asks for HTML: ``f=html``, or an Accept header that prefers
    ``text/html`` to JSON (a browser). JSON is the default (GDAL, OWSLib, curl)."""
    f = _single(params, "f")
    if f is not None:
        if f not in ("json", "html"):
            raise InvalidParameter("f", f"expected json or html, got {f!r}")
        return f == "html"
    q = _quality(accept or "")
    html = max(q.get("text/html", 0.0), q.get("text/*", 0.0))
    json_types = ("application/json", "application/geo+json", "application/*", "*/*")
    return html > max(q.get(name, 0.0) for name in json_types)
