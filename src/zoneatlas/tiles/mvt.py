"""Encode one Mapbox Vector Tile layer (spec 2.1) from shapely geometries.

The geometry command streams of all features are built at once with numpy: quantize to
the tile grid, drop repeated and degenerate vertices, orient rings (exterior positive area
in y-down tile coordinates), delta- and zigzag-encode, varint-encode. Only the final
assembly of each feature's few fields is a Python loop.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from zoneatlas.tiles.protobuf import field, value_message, varint, varints, zigzag

MOVE_TO, LINE_TO, CLOSE_PATH = 1, 2, 7
POINT, POLYGON = 1, 3


def _command(command: int, count: int) -> int:
    return (command & 0x7) | (count << 3)


def _ring_arrays(
    geometries: NDArray[Any],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """Quantized ring vertices (closing vertex dropped), each vertex's ring, each ring's
    feature, and whether each ring is an exterior."""
    polygons, feature_of_polygon = shapely.get_parts(geometries, return_index=True)
    rings, polygon_of_ring = shapely.get_rings(polygons, return_index=True)
    coords, ring_of_vertex = shapely.get_coordinates(rings, return_index=True)
    exterior = (
        np.r_[True, polygon_of_ring[1:] != polygon_of_ring[:-1]]
        if len(rings)
        else np.zeros(0, bool)
    )
    quantized = np.rint(coords).astype(np.int64)
    last_of_ring = np.r_[ring_of_vertex[1:] != ring_of_vertex[:-1], True]
    same_as_previous = np.r_[False, (quantized[1:] == quantized[:-1]).all(axis=1)]
    same_as_previous &= np.r_[False, ring_of_vertex[1:] == ring_of_vertex[:-1]]
    keep = ~last_of_ring & ~same_as_previous
    return (
        quantized[keep],
        ring_of_vertex[keep],
        feature_of_polygon[polygon_of_ring],
        exterior,
    )


def _orient(
    xy: NDArray[np.int64], ring: NDArray[np.int64], exterior: NDArray[np.bool_], n_rings: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """Drop rings with fewer than 3 vertices or no area (and holes of dropped exteriors);
    reverse rings whose winding is wrong for their role."""
    counts = np.bincount(ring, minlength=n_rings)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    following = np.arange(len(ring)) + 1
    wrap = following == (starts + counts)[ring]
    following[wrap] = starts[ring[wrap]]
    cross = xy[:, 0] * xy[following, 1] - xy[following, 0] * xy[:, 1]
    area2 = np.bincount(ring, weights=cross.astype(np.float64), minlength=n_rings)
    usable = (counts >= 3) & (area2 != 0)
    polygon_id = np.cumsum(exterior) - 1
    exterior_ok = np.zeros(int(polygon_id.max(initial=-1)) + 1, dtype=bool)
    exterior_ok[polygon_id[exterior]] = usable[exterior]
    usable &= exterior_ok[polygon_id]
    reverse = np.where(exterior, area2 < 0, area2 > 0) & usable
    position = np.arange(len(ring))
    flipped = starts[ring] + counts[ring] - 1 - (position - starts[ring])
    order = np.where(reverse[ring], flipped, position)
    xy = xy[order]
    keep_vertex = usable[ring]
    return xy[keep_vertex], ring[keep_vertex], usable


def _polygon_streams(
    geometries: NDArray[Any], n_features: int
) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    """Varint bytes of every feature's geometry stream, and each feature's byte length."""
    xy, ring, feature_of_ring, exterior = _ring_arrays(geometries)
    xy, ring, usable = _orient(xy, ring, exterior, len(feature_of_ring))
    counts = np.bincount(ring, minlength=len(feature_of_ring))
    kept_rings = np.flatnonzero(usable)
    n = counts[kept_rings]
    stream_len = 2 * n + 3
    ring_out_start = np.concatenate(([0], np.cumsum(stream_len)[:-1]))
    stream = np.zeros(int(stream_len.sum()), dtype=np.uint64)
    stream[ring_out_start] = _command(MOVE_TO, 1)
    stream[ring_out_start + 3] = (LINE_TO | ((n - 1) << 3)).astype(np.uint64)
    stream[ring_out_start + stream_len - 1] = _command(CLOSE_PATH, 1)
    feature_of_vertex = feature_of_ring[ring]
    delta = np.diff(xy, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    first_of_feature = np.r_[True, feature_of_vertex[1:] != feature_of_vertex[:-1]]
    delta[first_of_feature] = xy[first_of_feature]
    ring_rank = np.searchsorted(kept_rings, ring)
    vertex_start = np.concatenate(([0], np.cumsum(n)[:-1]))
    j = np.arange(len(ring)) - vertex_start[ring_rank]
    position = ring_out_start[ring_rank] + 2 * j + 1 + (j > 0)
    encoded = zigzag(delta)
    stream[position] = encoded[:, 0]
    stream[position + 1] = encoded[:, 1]
    data, lengths = varints(stream)
    feature_of_value = np.repeat(feature_of_ring[kept_rings], stream_len)
    per_feature = np.bincount(feature_of_value, weights=lengths, minlength=n_features)
    return data, per_feature.astype(np.int64)


def _point_streams(geometries: NDArray[Any]) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    xy = np.rint(shapely.get_coordinates(geometries)).astype(np.int64)
    stream = np.empty((len(xy), 3), dtype=np.uint64)
    stream[:, 0] = _command(MOVE_TO, 1)
    stream[:, 1:] = zigzag(xy)
    data, lengths = varints(stream.ravel())
    return data, lengths.reshape(-1, 3).sum(axis=1)


def _tag_streams(
    columns: Mapping[str, Sequence[object]], n_features: int
) -> tuple[NDArray[np.uint8], NDArray[np.int64], list[str], list[object]]:
    """Varint bytes of every feature's tags (key index, value index pairs; None values
    left out), each feature's byte length, and the layer's keys and values tables."""
    keys = list(columns)
    values: list[object] = []
    value_index: dict[tuple[type, object], int] = {}
    pairs = np.zeros((n_features, 2 * len(keys)), dtype=np.uint64)
    present = np.zeros((n_features, 2 * len(keys)), dtype=bool)
    for k, key in enumerate(keys):
        column = columns[key]
        indices = np.empty(n_features, dtype=np.uint64)
        mask = np.empty(n_features, dtype=bool)
        for row, value in enumerate(column):
            mask[row] = value is not None
            if value is not None:
                slot = value_index.setdefault((type(value), value), len(value_index))
                if slot == len(values):
                    values.append(value)
                indices[row] = slot
        pairs[:, 2 * k] = k
        pairs[:, 2 * k + 1] = np.where(mask, indices, 0)
        present[:, 2 * k] = present[:, 2 * k + 1] = mask
    data, lengths = varints(pairs[present])
    feature_of_value = np.repeat(np.arange(n_features), present.sum(axis=1))
    per_feature = np.bincount(feature_of_value, weights=lengths, minlength=n_features)
    return data, per_feature.astype(np.int64), keys, values


def encode_layer(
    name: str,
    geometries: Sequence[Any] | NDArray[Any],
    columns: Mapping[str, Sequence[object]],
    *,
    ids: Sequence[int] | None = None,
    extent: int = 4096,
) -> bytes:
    """One layer of polygons or points, already in tile pixel coordinates (y down).

    ``columns`` maps each property name to one value per geometry (None: absent).
    Geometries that vanish on the grid are left out. Returns the ``layers`` field bytes;
    concatenate several for a multi-layer tile.
    """
    geoms = np.asarray(geometries, dtype=object)
    if len(geoms) == 0:
        return b""
    is_point = shapely.get_type_id(geoms[0]) == 0
    if is_point:
        data, per_feature = _point_streams(geoms)
    else:
        data, per_feature = _polygon_streams(geoms, len(geoms))
    geometry_ends = np.cumsum(per_feature)
    tag_data, tag_lengths, keys, values = _tag_streams(columns, len(geoms))
    tag_ends = np.cumsum(tag_lengths)
    raw, raw_tags = data.tobytes(), tag_data.tobytes()
    geom_type = varint((3 << 3) | 0) + varint(POINT if is_point else POLYGON)
    feature_ids = ids if ids is not None else range(1, len(geoms) + 1)
    features = []
    for index, feature_id in enumerate(feature_ids):
        if per_feature[index] == 0:
            continue
        body = b"".join(
            (
                b"\x08" + varint(int(feature_id)),
                field(2, raw_tags[tag_ends[index] - tag_lengths[index] : tag_ends[index]]),
                geom_type,
                field(4, raw[geometry_ends[index] - per_feature[index] : geometry_ends[index]]),
            )
        )
        features.append(field(2, body))
    if not features:
        return b""
    layer = b"".join(
        (
            varint((15 << 3) | 0) + varint(2),
            field(1, name.encode("utf-8")),
            *features,
            *(field(3, key.encode("utf-8")) for key in keys),
            *(field(4, value_message(value)) for value in values),
            varint((5 << 3) | 0) + varint(extent),
        )
    )
    return field(3, layer)
