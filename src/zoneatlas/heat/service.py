"""The heat service the API uses: surfaces, tiles, legends and hexagons of a point
source, each cached by every parameter and by the data version of the points."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from zoneatlas.heat.hexagons import aggregate, to_geojson
from zoneatlas.heat.memo import Memo
from zoneatlas.heat.points import PointLayer, PointSource, layer_info, select
from zoneatlas.heat.ramps import Legend, legend, parse_ramp
from zoneatlas.heat.surface import HeatQuery, Surface, build_surface
from zoneatlas.heat.tiles import check_tile, render_tile

#: How long a data version seen from the source answers cached tiles without asking the
#: source again (which then checks the store's revision): a write shows within ~1 s.
VERSION_TTL_S = 1.0


@dataclass(frozen=True)
class TileKey:
    query: HeatQuery
    version: str
    z: int
    x: int
    y: int
    ramp: str


@dataclass(frozen=True)
class HexQuery:
    """An H3 aggregation: resolution, statistic (count, sum, mean) of a numeric field."""

    zone: str
    layer: str = "enterprises"
    res: int = 9
    stat: str = "count"
    field: str | None = None
    where: tuple[str, ...] = ()


class HeatService:
    """Surfaces, tiles, legends and hexagons of ``source``, with LRU caches.

    Parameters
    ----------
    source : PointSource
        Where point layers come from (it caches their arrays).
    surfaces : int
        Full-extent grids kept (each at most 2048² float32 = 16 MB).
    tiles : int
        PNG tiles kept (typically 1-60 kB each).
    hexagons : int
        Hexagon FeatureCollections kept.
    """

    def __init__(
        self, source: PointSource, surfaces: int = 16, tiles: int = 4096, hexagons: int = 32
    ) -> None:
        self.source = source
        self.surfaces: Memo[Surface] = Memo(surfaces)
        self.tiles: Memo[bytes] = Memo(tiles)
        self.hexagon_cache: Memo[dict[str, Any]] = Memo(hexagons)
        # data version last seen per (zone, layer): lets cached_tile answer without
        # touching the source (which may have to load the layer first)
        self._versions: dict[tuple[str, str], tuple[str, float]] = {}

    def _points(self, zone: str, layer: str) -> PointLayer:
        points = self.source.points(zone, layer)
        self._versions[(zone, layer)] = (points.version, time.monotonic())
        return points

    def _version(self, zone: str, layer: str) -> str | None:
        """The data version seen less than VERSION_TTL_S ago (then the source is asked)."""
        seen = self._versions.get((zone, layer))
        if seen is None or time.monotonic() - seen[1] > VERSION_TTL_S:
            return None
        return seen[0]

    def surface(self, query: HeatQuery) -> Surface:
        """The full-extent surface of ``query`` for the current data."""
        points = self._points(query.zone, query.layer)
        return self.surfaces.get((query, points.version), lambda: build_surface(points, query))

    def tile(self, query: HeatQuery, z: int, x: int, y: int, ramp: str) -> bytes:
        """PNG bytes of XYZ tile ``z/x/y`` (Web Mercator, 256 px)."""
        check_tile(z, x, y)
        ramp = parse_ramp(ramp)
        points = self._points(query.zone, query.layer)
        key = TileKey(query, points.version, z, x, y, ramp)

        return self.tiles.get(key, lambda: render_tile(self.surface(query), z, x, y, ramp))

    def cached_surface(self, query: HeatQuery) -> Surface | None:
        """The surface if it is cached for the data version last seen; never computes."""
        version = self._version(query.zone, query.layer)
        return None if version is None else self.surfaces.peek((query, version))

    def cached_tile(self, query: HeatQuery, z: int, x: int, y: int, ramp: str) -> bytes | None:
        """The tile if it is cached for the data version last seen; never computes."""
        check_tile(z, x, y)
        version = self._version(query.zone, query.layer)
        if version is None:
            return None
        return self.tiles.peek(TileKey(query, version, z, x, y, parse_ramp(ramp)))

    def legend(self, query: HeatQuery, ramp: str) -> Legend:
        """Breaks, colours and units of the fixed colour scale of ``query``."""
        surface = self.surface(query)
        unit_zh, unit_en, _factor = query.units()
        return legend(surface.display_max, parse_ramp(ramp), unit_zh, unit_en)

    def hexagons(self, query: HexQuery) -> dict[str, Any]:
        """GeoJSON FeatureCollection of H3 cells with the statistic of ``query``."""
        layer_info(query.layer)
        points = self._points(query.zone, query.layer)

        def compute() -> dict[str, Any]:
            chosen = select(points, query.where)
            values = chosen.weight(query.field) if query.stat != "count" else None
            result = aggregate(chosen.lat, chosen.lon, query.res, query.stat, values, query.field)
            return to_geojson(result)

        return self.hexagon_cache.get((query, points.version), compute)

    def invalidate(self, zone: str | None = None) -> None:
        """Forget the point arrays (of one zone, or all) after the data changed.

        Call it after an import or an edit of a point layer; the next request reloads the
        layer, and its new data version keys new surfaces and tiles.
        """
        forget = getattr(self.source, "invalidate", None)
        if forget is not None:
            forget(zone)
        for key in [k for k in self._versions if zone is None or k[0] == zone]:
            del self._versions[key]

    def clear(self) -> None:
        """Drop every cached surface, tile and hexagon set."""
        self.surfaces.clear()
        self.tiles.clear()
        self.hexagon_cache.clear()
