"""Build a vector tile from lon/lat geometries: project to the tile grid, clip with a
buffer, encode. Pure: the store and the web layer call it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from zoneatlas.geo.webmercator import lonlat_to_tile_pixels
from zoneatlas.tiles.mvt import encode_layer

EXTENT = 4096
BUFFER = 64  # pixels of the 4096 grid kept beyond the tile edge so strokes join seamlessly


def to_tile_pixels(geometries: NDArray[Any], z: int, x: int, y: int) -> NDArray[Any]:
    """Reproject lon/lat geometries onto tile (z, x, y)'s pixel grid and clip them to the
    tile plus its buffer (points outside are dropped, returned as empty geometries)."""

    def project(coords: NDArray[np.float64]) -> NDArray[np.float64]:
        px, py = lonlat_to_tile_pixels(coords[:, 0], coords[:, 1], z, x, y, EXTENT)
        return np.column_stack((px, py))

    projected = shapely.transform(geometries, project)
    low, high = -BUFFER, EXTENT + BUFFER
    if len(projected) and shapely.get_type_id(projected[0]) == 0:
        xy = shapely.get_coordinates(projected)
        inside = ((xy >= low) & (xy <= high)).all(axis=1)
        kept: NDArray[Any] = np.where(inside, projected, shapely.Point())
        return kept
    clipped: NDArray[Any] = shapely.clip_by_rect(projected, low, low, high, high)
    return clipped


def build_layer(
    name: str,
    geometries: Sequence[Any],
    columns: Mapping[str, Sequence[object]],
    z: int,
    x: int,
    y: int,
    ids: Sequence[int] | None = None,
) -> bytes:
    """Encode one layer of tile (z, x, y) from lon/lat geometries and property columns."""
    if not len(geometries):
        return b""
    pixels = to_tile_pixels(np.asarray(geometries, dtype=object), z, x, y)
    keep = ~shapely.is_empty(pixels)
    kept_columns = {
        key: [v for v, k in zip(col, keep, strict=True) if k] for key, col in columns.items()
    }
    kept_ids = [i for i, k in zip(ids, keep, strict=True) if k] if ids is not None else None
    return encode_layer(name, pixels[keep], kept_columns, ids=kept_ids, extent=EXTENT)
