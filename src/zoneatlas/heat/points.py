"""Point layers as numpy arrays: the seam between the store and the heat engine.

The heat engine never sees records or SQL: a :class:`PointSource` hands it a
:class:`PointLayer` (lon/lat, metric x/y, numeric and text fields as arrays) for a zone
and layer, and :func:`select` filters and weights it with vectorised masks.
:class:`RecordPointSource` builds the arrays from anything with the store's
``get_zone`` / ``enterprises`` methods and keeps them per (zone, layer) while the
store's data revision of the zone stays the same.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from zoneatlas.errors import InvalidParameter
from zoneatlas.geo.crs import transformer

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class LayerInfo:
    """What a point layer offers: numeric weight fields with units, and text fields."""

    name: str
    count_unit_zh: str
    count_unit_en: str
    weights: Mapping[str, tuple[str, str]]  # field → (unit zh, unit en)
    text_fields: tuple[str, ...] = ()


LAYERS: dict[str, LayerInfo] = {
    "enterprises": LayerInfo(
        name="enterprises",
        count_unit_zh="企业",
        count_unit_en="enterprises",
        weights={"employees": ("人", "employees"), "output_wan": ("万元", "10k yuan")},
        text_fields=("industry", "park"),
    ),
}


def layer_info(layer: str) -> LayerInfo:
    """The :class:`LayerInfo` of ``layer`` or :class:`InvalidParameter` (→ 422)."""
    try:
        return LAYERS[layer]
    except KeyError:
        raise InvalidParameter(
            "layer", f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}"
        ) from None


@dataclass(frozen=True)
class PointLayer:
    """A point layer of one zone. Coordinates: lon/lat (EPSG:4326) and x/y in metres of
    ``epsg`` (the zone's Gauss-Kruger zone); ``numbers`` and ``texts`` are per point."""

    layer: str
    epsg: int
    lon: FloatArray
    lat: FloatArray
    x: FloatArray
    y: FloatArray
    numbers: Mapping[str, FloatArray] = field(default_factory=dict)
    texts: Mapping[str, npt.NDArray[np.str_]] = field(default_factory=dict)
    version: str = ""

    def __len__(self) -> int:
        return len(self.x)

    def subset(self, mask: BoolArray) -> PointLayer:
        """The points where ``mask`` is true (same version: filters are part of cache keys)."""
        return PointLayer(
            self.layer,
            self.epsg,
            self.lon[mask],
            self.lat[mask],
            self.x[mask],
            self.y[mask],
            {k: v[mask] for k, v in self.numbers.items()},
            {k: v[mask] for k, v in self.texts.items()},
            self.version,
        )

    def weight(self, field_name: str | None) -> FloatArray | None:
        """Weights from a numeric field (None or "none": every point counts 1)."""
        if field_name in (None, "", "none"):
            return None
        assert field_name is not None
        if field_name not in self.numbers:
            raise InvalidParameter(
                "weight",
                f"unknown weight {field_name!r}; expected none or one of {', '.join(self.numbers)}",
            )
        return self.numbers[field_name]


def make_layer(
    layer: str,
    epsg: int,
    lon: FloatArray,
    lat: FloatArray,
    numbers: Mapping[str, FloatArray],
    texts: Mapping[str, Sequence[str]],
) -> PointLayer:
    """Build a :class:`PointLayer`: project to ``epsg`` and fingerprint the data."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    x, y = transformer("EPSG:4326", f"EPSG:{epsg}").transform(lon, lat)
    nums = {k: np.asarray(v, dtype=np.float64) for k, v in numbers.items()}
    txts = {k: np.asarray(v, dtype=np.str_) for k, v in texts.items()}
    digest = hashlib.blake2b(digest_size=12)
    for array in (lon, lat, *nums.values(), *txts.values()):
        digest.update(np.ascontiguousarray(array).tobytes())
    return PointLayer(
        layer, epsg, lon, lat, np.asarray(x), np.asarray(y), nums, txts, digest.hexdigest()
    )


class PointSource(Protocol):
    """Where the heat engine gets points from."""

    def points(self, zone: str, layer: str) -> PointLayer: ...


class RecordReader(Protocol):
    """The part of :class:`zoneatlas.store.Store` a :class:`RecordPointSource` uses
    (and ``revision(zone) -> int`` when the reader has it)."""

    def get_zone(self, slug: str) -> Any: ...

    def enterprises(self, zone: str, industry: str | None = None) -> list[Any]: ...


def _enterprise_layer(reader: RecordReader, zone: str) -> PointLayer:
    epsg = int(reader.get_zone(zone).metric_epsg)
    records = reader.enterprises(zone)
    return make_layer(
        "enterprises",
        epsg,
        np.array([e.lon for e in records], dtype=np.float64),
        np.array([e.lat for e in records], dtype=np.float64),
        {
            "employees": np.array([e.employees for e in records], dtype=np.float64),
            "output_wan": np.array([e.output_wan for e in records], dtype=np.float64),
        },
        {"industry": [e.industry for e in records], "park": [e.park or "" for e in records]},
    )


LOADERS: dict[str, Callable[[RecordReader, str], PointLayer]] = {
    "enterprises": _enterprise_layer,
}


@dataclass
class _Cached:
    layer: PointLayer
    revision: int | None
    checked: float


class RecordPointSource:
    """Point layers read from a store once per (zone, layer) and kept as arrays.

    When the reader has ``revision(zone)`` (the store's data revision, which grows with
    every write to a zone), it is asked at most every ``revision_ttl_s`` seconds and a
    changed revision reloads the layer; :meth:`invalidate` forgets layers at once.
    """

    def __init__(self, reader: RecordReader, revision_ttl_s: float = 1.0) -> None:
        self.reader = reader
        self.revision_ttl_s = revision_ttl_s
        self._cache: dict[tuple[str, str], _Cached] = {}
        self._lock = threading.Lock()

    def _revision(self, zone: str) -> int | None:
        revision = getattr(self.reader, "revision", None)
        return None if revision is None else int(revision(zone))

    def points(self, zone: str, layer: str) -> PointLayer:
        layer_info(layer)
        key = (zone, layer)
        with self._lock:  # one load per key, even under concurrent first requests
            cached = self._cache.get(key)
            now = time.monotonic()
            if cached is not None and now - cached.checked > self.revision_ttl_s:
                if self._revision(zone) == cached.revision:
                    cached.checked = now
                else:
                    cached = None
            if cached is None:
                revision = self._revision(zone)
                cached = _Cached(LOADERS[layer](self.reader, zone), revision, now)
                self._cache[key] = cached
        return cached.layer

    def invalidate(self, zone: str | None = None) -> None:
        """Forget cached arrays (of one zone, or all) after the data changed."""
        with self._lock:
            for key in [k for k in self._cache if zone is None or k[0] == zone]:
                del self._cache[key]


_WHERE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(==|=|!=|>=|<=|>|<)\s*(.+?)\s*$")


def parse_where(text: str, points: PointLayer) -> BoolArray:
    """Mask of the points matching a filter ``FIELD OP VALUE``.

    Text fields take ``=`` / ``!=`` with one value or several separated by commas
    (``industry=digital_economy,life_health``); numeric fields take ``= != > >= < <=``.
    """
    match = _WHERE.match(text)
    if match is None:
        raise InvalidParameter("where", f"expected FIELD OP VALUE, got {text!r}")
    name, op, value = match.groups()
    if name in points.texts:
        if op not in ("=", "==", "!="):
            raise InvalidParameter("where", f"{name} is text: use = or != ({text!r})")
        values = [v.strip() for v in value.split(",") if v.strip()]
        mask = np.isin(points.texts[name], values)
        return ~mask if op == "!=" else mask
    if name in points.numbers:
        try:
            number = float(value)
        except ValueError:
            raise InvalidParameter(
                "where", f"{name} is numeric: {value!r} is not a number"
            ) from None
        column = points.numbers[name]
        ops: dict[str, Callable[[FloatArray, float], BoolArray]] = {
            "=": np.equal,
            "==": np.equal,
            "!=": np.not_equal,
            ">": np.greater,
            ">=": np.greater_equal,
            "<": np.less,
            "<=": np.less_equal,
        }
        return np.asarray(ops[op](column, number))
    fields = ", ".join([*points.texts, *points.numbers])
    raise InvalidParameter("where", f"unknown field {name!r}; expected one of {fields}")


def select(points: PointLayer, where: Sequence[str] = ()) -> PointLayer:
    """The points matching every filter in ``where`` (AND)."""
    if not where:
        return points
    mask = np.ones(len(points), dtype=bool)
    for text in where:
        mask &= parse_where(text, points)
    return points.subset(mask)
