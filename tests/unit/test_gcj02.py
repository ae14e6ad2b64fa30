"""GCJ-02 / BD-09 conversions against published reference values, and round trips."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Geod

from zoneatlas.geo.gcj02 import bd09_to_gcj02, gcj02_to_bd09, gcj02_to_wgs84, wgs84_to_gcj02

pytestmark = pytest.mark.unit
GEOD = Geod(ellps="WGS84")

# Reference values published with the widely used open-source coordtransform library
# (its README and test/app.js), computed at (116.404, 39.915) in Beijing.
REFERENCE = {
    "wgs84_to_gcj02": (116.41024449916938, 39.91640428150164),
    "gcj02_to_bd09": (116.41036949371029, 39.92133699351021),
    "bd09_to_gcj02": (116.39762729119315, 39.90865673957631),
}


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_matches_published_reference_points(name: str) -> None:
    function = {
        "wgs84_to_gcj02": wgs84_to_gcj02,
        "gcj02_to_bd09": gcj02_to_bd09,
        "bd09_to_gcj02": bd09_to_gcj02,
    }[name]
    lon, lat = function(116.404, 39.915)
    assert (float(lon), float(lat)) == pytest.approx(REFERENCE[name], abs=1e-9)


def test_round_trip_within_a_metre_across_china() -> None:
    rng = np.random.default_rng(7)
    lon = rng.uniform(75, 134, 2000)
    lat = rng.uniform(18, 53, 2000)
    back_lon, back_lat = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    _, _, metres = GEOD.inv(lon, lat, back_lon, back_lat)
    assert metres.max() < 1.0
    # and the shift itself is the few hundred metres users see on Chinese basemaps
    shifted = GEOD.inv(lon, lat, *wgs84_to_gcj02(lon, lat))[2]
    assert shifted.min() > 1 and shifted.max() < 1500


def test_changchun_shift_is_a_few_hundred_metres_and_none_abroad() -> None:
    g_lon, g_lat = wgs84_to_gcj02(125.5, 43.78)
    assert 100 < GEOD.inv(125.5, 43.78, g_lon, g_lat)[2] < 1000
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
