"""Vector tiles of a zone's layers, from PostGIS (ST_AsMVT) or the Python encoder, behind
an in-process LRU cache keyed by the zone's data revision."""

from __future__ import annotations

import time
from collections import OrderedDict
from threading import Lock
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from zoneatlas.errors import InvalidParameter
from zoneatlas.geo.gcj02 import wgs84_to_gcj02
from zoneatlas.geo.webmercator import check_tile, tile_bounds
from zoneatlas.store import Store
from zoneatlas.store.tiles import TILE_LAYERS
from zoneatlas.tiles.build import BUFFER, EXTENT, build_layer

#: Zoom range the tile endpoints serve; below MIN_ZOOM a zone is a few pixels wide.
MIN_ZOOM, MAX_ZOOM = 8, 20


class TileCache:
    """A bounded, thread-safe LRU of encoded tiles."""

    def __init__(self, max_entries: int = 4096) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple[Any, ...]) -> bytes | None:
        with self._lock:
            data = self._entries.get(key)
            if data is not None:
                self._entries.move_to_end(key)
            return data

    def put(self, key: tuple[Any, ...], data: bytes) -> None:
        with self._lock:
            self._entries[key] = data
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


class RevisionMemo:
    """Remembers each zone's data revision for ``ttl`` seconds, so a cached tile is served
    without a database round trip; a write shows in tiles at most ``ttl`` seconds later."""

    def __init__(self, ttl: float = 1.0) -> None:
        self.ttl = ttl
        self._seen: dict[str, tuple[float, int]] = {}

    def get(self, store: Store, zone: str) -> int:
        now = time.monotonic()
        seen = self._seen.get(zone)
        if seen is None or now - seen[0] > self.ttl:
            seen = (now, store.revision(zone))
            self._seen[zone] = seen
        return seen[1]


def check_layer(layer: str) -> None:
    if layer not in TILE_LAYERS:
        raise InvalidParameter(
            "layer", f"unknown tile layer {layer!r}; expected one of {', '.join(TILE_LAYERS)}"
        )


#: GCJ-02 moves points by well under 0.01° in China; rows this far outside a tile may
#: shift into it, so the query window grows by this much when an offset is asked for.
GCJ02_MARGIN_DEG = 0.01
OFFSETS = ("none", "gcj02")


def _to_gcj02(xy: NDArray[np.float64]) -> NDArray[np.float64]:
    lon, lat = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
    return np.column_stack((lon, lat))


def _python_tile(
    store: Store, zone: str, layer: str, z: int, x: int, y: int, offset: str = "none"
) -> bytes:
    west, south, east, north = tile_bounds(z, x, y)
    pad_x = (east - west) * BUFFER / EXTENT
    pad_y = (north - south) * BUFFER / EXTENT
    if offset == "gcj02":
        pad_x, pad_y = pad_x + GCJ02_MARGIN_DEG, pad_y + GCJ02_MARGIN_DEG
    spec = TILE_LAYERS[layer]
    rows = store.tile_rows(zone, layer, (west - pad_x, south - pad_y, east + pad_x, north + pad_y))
    if not rows:
        return b""
    if spec.points:
        coords = np.array([(row.lon, row.lat) for row in rows], dtype=np.float64)
        geometries = shapely.points(coords)
    else:
        geometries = shapely.from_wkb([row.geometry for row in rows])
    if offset == "gcj02":  # display edge only: stored coordinates stay WGS-84/CGCS2000
        geometries = shapely.transform(geometries, _to_gcj02)
    by_column = list(zip(*rows, strict=True))  # rows are (id, *fields, ...) tuples
    columns = {name: by_column[1 + i] for i, name in enumerate(spec.fields)}
    return build_layer(layer, list(geometries), columns, z, x, y, ids=[row.id for row in rows])


def tile_key(
    store: Store,
    zone: str,
    layer: str,
    z: int,
    x: int,
    y: int,
    revisions: RevisionMemo | None = None,
    offset: str = "none",
) -> tuple[Any, ...]:
    """Validate a tile request and return its cache key (zone, revision, layer, z, x, y,
    offset). With a RevisionMemo this needs the database at most once a second."""
    check_layer(layer)
    check_tile(z, x, y)
    if offset not in OFFSETS:
        raise InvalidParameter("offset", f"expected one of {', '.join(OFFSETS)}")
    if not MIN_ZOOM <= z <= MAX_ZOOM:
        raise InvalidParameter("z", f"vector tiles are served for zoom {MIN_ZOOM} to {MAX_ZOOM}")
    revision = revisions.get(store, zone) if revisions else store.revision(zone)
    return (zone, revision, layer, z, x, y, offset)


def render_tile(store: Store, cache: TileCache, key: tuple[Any, ...]) -> bytes:
    """Encode the tile of ``key`` (PostGIS ST_AsMVT, or the numpy encoder) and cache it."""
    zone, _revision, layer, z, x, y, offset = key
    if store.is_postgis and offset == "none":
        data = store.postgis_tile(zone, layer, z, x, y)
    else:
        data = _python_tile(store, zone, layer, z, x, y, offset)
    cache.put(key, data)
    return data


def vector_tile(
    store: Store,
    cache: TileCache,
    zone: str,
    layer: str,
    z: int,
    x: int,
    y: int,
    revisions: RevisionMemo | None = None,
    offset: str = "none",
) -> bytes:
    """The encoded tile (possibly empty bytes) of ``layer`` at (z, x, y); ``offset="gcj02"``
    shifts the geometry into GCJ-02 for basemaps that use it (always the Python encoder)."""
    key = tile_key(store, zone, layer, z, x, y, revisions, offset)
    data = cache.get(key)
    return data if data is not None else render_tile(store, cache, key)
