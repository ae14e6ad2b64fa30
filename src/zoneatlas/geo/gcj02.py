"""GCJ-02 ("Mars coordinates", used by Amap/Gaode and Tencent maps) and BD-09 (Baidu).

These exist only at the display edge: Zone Atlas stores WGS-84/CGCS2000 and shifts its
layers into GCJ-02 (or BD-09) only when drawing them over a basemap that uses that system.
The forward transform is the publicly documented obfuscation polynomial on the Krasovsky
1940 ellipsoid; the inverse is solved by fixed-point iteration to well under a centimetre
(the common one-step inverse is only good to a few metres). Outside mainland China the
offset is not applied. All functions take and return numpy arrays (or floats) of degrees.

>>> lon, lat = wgs84_to_gcj02(116.404, 39.915)
>>> round(float(lon), 6), round(float(lat), 6)
(116.410244, 39.916404)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

KRASOVSKY_A = 6378245.0
KRASOVSKY_E2 = 0.00669342162296594323
BD_FACTOR = np.pi * 3000.0 / 180.0

Array = NDArray[np.float64]


def in_china(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """The rough mainland-China box in which the GCJ-02 offset applies."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return (lon >= 72.004) & (lon <= 137.8347) & (lat >= 0.8293) & (lat <= 55.8271)


def _offset(lon: Array, lat: Array) -> tuple[Array, Array]:
    """The GCJ-02 offset (degrees) at WGS-84 (lon, lat)."""
    x, y = lon - 105.0, lat - 35.0
    waves = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    d_lat += waves
    d_lat += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    d_lat += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    d_lon += waves
    d_lon += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    d_lon += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    rad_lat = np.radians(lat)
    magic = 1.0 - KRASOVSKY_E2 * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = d_lat * 180.0 / ((KRASOVSKY_A * (1 - KRASOVSKY_E2)) / (magic * sqrt_magic) * np.pi)
    d_lon = d_lon * 180.0 / (KRASOVSKY_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    inside = in_china(lon, lat)
    return np.where(inside, d_lon, 0.0), np.where(inside, d_lat, 0.0)


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[Array, Array]:
    """WGS-84 (or CGCS2000) degrees to GCJ-02 degrees."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    d_lon, d_lat = _offset(lon, lat)
    return lon + d_lon, lat + d_lat


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike, iterations: int = 6) -> tuple[Array, Array]:
    """GCJ-02 degrees to WGS-84, iterating ``w = g - offset(w)`` (converges to < 1 mm)."""
    g_lon, g_lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(iterations):
        d_lon, d_lat = _offset(w_lon, w_lat)
        w_lon, w_lat = g_lon - d_lon, g_lat - d_lat
    return w_lon, w_lat


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[Array, Array]:
    """GCJ-02 degrees to Baidu BD-09 degrees."""
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    z = np.hypot(x, y) + 0.00002 * np.sin(y * BD_FACTOR)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * BD_FACTOR)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[Array, Array]:
    """Baidu BD-09 degrees to GCJ-02 degrees (the usual closed-form inverse)."""
    x = np.asarray(lon, dtype=float) - 0.0065
    y = np.asarray(lat, dtype=float) - 0.006
    z = np.hypot(x, y) - 0.00002 * np.sin(y * BD_FACTOR)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * BD_FACTOR)
    return z * np.cos(theta), z * np.sin(theta)
