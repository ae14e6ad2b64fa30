"""Coordinate reference systems used in Chinese development zones.

Storage is longitude/latitude (EPSG:4326). CGCS2000 (EPSG:4490) differs from WGS-84 by
centimetres, below map precision, so CGCS2000 geographic coordinates are stored as they are.
Lengths and areas are computed in the CGCS2000 3-degree Gauss-Kruger zone of the data:
EPSG:4534 (CM 75°E) .. EPSG:4554 (CM 135°E) without the zone number in the easting, and
EPSG:4513 (zone 25) .. EPSG:4533 (zone 45) with it.

>>> gauss_kruger_3deg_epsg(125.5)
4551
>>> gauss_kruger_3deg_epsg(125.5, zone_in_easting=True)
4530
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyproj import CRS, Geod, Transformer
from pyproj.exceptions import CRSError

from zoneatlas.errors import InvalidParameter

STORAGE_EPSG = 4326


def gauss_kruger_3deg_epsg(longitude: float, *, zone_in_easting: bool = False) -> int:
    """EPSG code of the CGCS2000 3-degree Gauss-Kruger zone that contains ``longitude``."""
    zone = int((longitude + 1.5) // 3)  # zone n has its central meridian at 3n degrees
    zone = min(max(zone, 25), 45)
    return (4513 if zone_in_easting else 4534) + zone - 25


def parse_crs(text: str) -> CRS:
    """Parse a user's CRS (``EPSG:4530``, ``4530``, WKT or PROJ); raise InvalidParameter."""
    value = text.strip()
    if value.isdigit():
        value = f"EPSG:{value}"
    try:
        return CRS.from_user_input(value)
    except CRSError as exc:
        raise InvalidParameter("crs", f"unknown coordinate reference system {text!r}") from exc


@lru_cache(maxsize=64)
def transformer(src: str, dst: str) -> Transformer:
    """A cached always-xy transformer between two CRS given as strings pyproj understands."""
    return Transformer.from_crs(src, dst, always_xy=True)


def to_storage(src: CRS) -> Transformer:
    """Transformer from ``src`` to the storage CRS (lon/lat)."""
    return transformer(src.to_wkt(), f"EPSG:{STORAGE_EPSG}")


def metric_transformer(longitude: float) -> Transformer:
    """Transformer from lon/lat to the 3-degree Gauss-Kruger zone of ``longitude`` (metres)."""
    return transformer(f"EPSG:{STORAGE_EPSG}", f"EPSG:{gauss_kruger_3deg_epsg(longitude)}")


# -- guessing the Gauss-Kruger zone of a file without a CRS ---------------------------

#: CGCS2000 6-degree Gauss-Kruger: zones 13..23 (EPSG:4491..4501, zone number in the
#: easting) and central meridians 75..135°E (EPSG:4502..4512, without it).
SIX_DEGREE_ZONE_EPSG0, SIX_DEGREE_CM_EPSG0 = 4491, 4502


@dataclass(frozen=True)
class CrsGuess:
    """The outcome of :func:`guess_gauss_kruger`: an EPSG code, or a question to ask."""

    epsg: int | None
    reason: str


def _cm_candidates() -> list[tuple[int, float, str]]:
    """(EPSG, central meridian, label) of every CGCS2000 GK CRS without zone numbers.
    3- and 6-degree CRS with the same central meridian are the same projection; the
    3-degree one is listed."""
    three = [
        (4534 + i, 75.0 + 3 * i, f"3-degree GK, central meridian {75 + 3 * i}°E") for i in range(21)
    ]
    six = [
        (SIX_DEGREE_CM_EPSG0 + i, 75.0 + 6 * i, f"6-degree GK, central meridian {75 + 6 * i}°E")
        for i in range(11)
    ]
    meridians = {cm for _, cm, _ in three}
    return three + [c for c in six if c[1] not in meridians]


def guess_gauss_kruger(
    bounds: tuple[float, float, float, float], near: tuple[float, float] | None = None
) -> CrsGuess:
    """Guess the CGCS2000 Gauss-Kruger CRS of projected coordinates (metres).

    Eastings that carry a zone number (``42 500 000`` m) name their zone: 25..45 are
    3-degree zones, 13..23 6-degree zones, so the number alone decides. Eastings without
    it (0..1 000 000 m) fit any central meridian; ``near`` (lon, lat of the zone being
    imported into) keeps the meridians that put the data within 100 km of it. One
    candidate is an answer; none or several is a question for the user.
    """
    minx, miny, maxx, maxy = bounds
    zone = int(minx // 1_000_000)
    if zone == int(maxx // 1_000_000) and 0 < miny < 10_000_000:
        if 25 <= zone <= 45:
            epsg = 4513 + zone - 25
            return CrsGuess(
                epsg, f"EPSG:{epsg} (CGCS2000 3-degree GK zone {zone}, from the eastings)"
            )
        if 13 <= zone <= 23:
            epsg = SIX_DEGREE_ZONE_EPSG0 + zone - 13
            return CrsGuess(
                epsg, f"EPSG:{epsg} (CGCS2000 6-degree GK zone {zone}, from the eastings)"
            )
    if not (minx > 0 and maxx < 1_000_000 and 0 < miny < 10_000_000):
        return CrsGuess(
            None, "coordinates are neither longitude/latitude nor Gauss-Kruger metres; give --crs"
        )
    if near is None:
        return CrsGuess(
            None,
            "Gauss-Kruger eastings without a zone number fit any central meridian; which one "
            "is it? Give --crs, e.g. --crs EPSG:4551 (3-degree GK, central meridian 126°E)",
        )
    centre = ((minx + maxx) / 2, (miny + maxy) / 2)
    geod = Geod(ellps="GRS80")
    fits = []
    for epsg, _cm, label in _cm_candidates():
        lon, lat = transformer(f"EPSG:{epsg}", f"EPSG:{STORAGE_EPSG}").transform(*centre)
        if geod.inv(lon, lat, *near)[2] < 100_000:
            fits.append((epsg, label))
    if len(fits) == 1:
        epsg, label = fits[0]
        return CrsGuess(
            epsg, f"EPSG:{epsg} (CGCS2000 {label}, the only one that puts the data near the zone)"
        )
    options = " or ".join(f"--crs EPSG:{epsg} ({label})" for epsg, label in fits) or "--crs"
    return CrsGuess(
        None,
        f"the file has no CRS and its Gauss-Kruger eastings have no zone number; "
        f"which central meridian is it? {options}",
    )
