"""Vector tiles of a zone's layers, from PostGIS (ST_AsMVT) or the Python encoder, behind
an in-process LRU cache keyed by the zone's data revision."""

from __future__ import annotations

import time
from collections import OrderedDict
from threading import Lock
from typing import Any

import numpy as np
import shapely

from zoneatlas.errors import InvalidParameter
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


def _python_tile(store: Store, zone: str, layer: str, z: int, x: int, y: int) -> bytes:
    west, south, east, north = tile_bounds(z, x, y)
    pad_x = (east - west) * BUFFER / EXTENT
    pad_y = (north - south) * BUFFER / EXTENT
    spec = TILE_LAYERS[layer]
    rows = store.tile_rows(zone, layer, (west - pad_x, south - pad_y, east + pad_x, north + pad_y))
    if not rows:
        return b""
    if spec.points:
        coords = np.array([(row.lon, row.lat) for row in rows], dtype=np.float64)
        geometries = shapely.points(coords)
    else:
        geometries = shapely.from_wkb([row.geometry for row in rows])
    columns = {name: [getattr(row, name) for row in rows] for name in spec.fields}
    return build_layer(layer, list(geometries), columns, z, x, y, ids=[row.id for row in rows])


def vector_tile(
    store: Store,
    cache: TileCache,
    zone: str,
    layer: str,
    z: int,
    x: int,
    y: int,
    revisions: RevisionMemo | None = None,
) -> bytes:
    """The encoded tile (possibly empty bytes) of ``layer`` at (z, x, y)."""
    check_layer(layer)
    check_tile(z, x, y)
    if not MIN_ZOOM <= z <= MAX_ZOOM:
        raise InvalidParameter("z", f"vector tiles are served for zoom {MIN_ZOOM} to {MAX_ZOOM}")
    revision = revisions.get(store, zone) if revisions else store.revision(zone)
    key = (zone, revision, layer, z, x, y)
    data = cache.get(key)
    if data is None:
        if store.is_postgis:
            data = store.postgis_tile(zone, layer, z, x, y)
        else:
            data = _python_tile(store, zone, layer, z, x, y)
        cache.put(key, data)
    return data
