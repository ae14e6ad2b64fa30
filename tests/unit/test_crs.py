"""CGCS2000 Gauss-Kruger zones and user CRS parsing."""

from __future__ import annotations

import pytest
from pyproj import CRS

from zoneatlas.errors import InvalidParameter
from zoneatlas.geo.crs import gauss_kruger_3deg_epsg, metric_transformer, parse_crs, to_storage

pytestmark = pytest.mark.unit

CHANGCHUN = 125.32  # city centre; 净月 (Jingyue) lies at about 125.45°E


@pytest.mark.parametrize("longitude", [CHANGCHUN, 125.45, 124.5, 126.0, 127.4999])
def test_changchun_is_in_zone_42_central_meridian_126(longitude: float) -> None:
    assert gauss_kruger_3deg_epsg(longitude) == 4551
    assert gauss_kruger_3deg_epsg(longitude, zone_in_easting=True) == 4530
    assert "CM 126E" in CRS.from_epsg(4551).name
    assert "zone 42" in CRS.from_epsg(4530).name


@pytest.mark.parametrize(
    ("longitude", "epsg"),
    [(124.4999, 4550), (127.5, 4552), (75.0, 4534), (135.0, 4554), (10.0, 4534), (170.0, 4554)],
)
def test_zone_edges_and_clamping_to_china(longitude: float, epsg: int) -> None:
    assert gauss_kruger_3deg_epsg(longitude) == epsg


@pytest.mark.parametrize(
    ("text", "epsg"),
    [
        ("4530", 4530),
        ("EPSG:4551", 4551),
        (" epsg:4326 ", 4326),
        (CRS.from_epsg(4490).to_wkt(), 4490),
    ],
)
def test_parse_crs_accepts_codes_and_wkt(text: str, epsg: int) -> None:
    assert parse_crs(text).to_epsg() == epsg


def test_parse_crs_accepts_proj_strings() -> None:
    assert parse_crs("+proj=longlat +datum=WGS84 +no_defs").is_geographic


@pytest.mark.parametrize("text", ["EPSG:99999999", "not a crs", "", "99999999"])
def test_parse_crs_rejects_unknown_systems(text: str) -> None:
    with pytest.raises(InvalidParameter) as error:
        parse_crs(text)
    assert error.value.parameter == "crs"
    assert str(error.value) == f"crs: unknown coordinate reference system {text!r}"


def test_zone_number_in_easting_is_the_same_place() -> None:
    lon_a, lat_a = to_storage(CRS.from_epsg(4551)).transform(500000.0, 4850000.0)
    lon_b, lat_b = to_storage(CRS.from_epsg(4530)).transform(42500000.0, 4850000.0)
    assert lon_a == pytest.approx(126.0, abs=1e-9)
    assert (lon_a, lat_a) == pytest.approx((lon_b, lat_b), abs=1e-9)
    assert 43.7 < lat_a < 43.8


def test_metric_transformer_uses_the_zone_of_the_longitude() -> None:
    x, y = metric_transformer(CHANGCHUN).transform(126.0, 43.8)
    assert x == pytest.approx(500000.0, abs=1e-6)
    assert y == pytest.approx(4851000.0, abs=2000.0)
