"""validate_parcels on plain dict rows: every problem found, all reported at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from zoneatlas.errors import ImportRejected
from zoneatlas.parcels.validate import Row, validate_parcels

pytestmark = pytest.mark.unit

SQUARE = box(125.5, 43.8, 125.501, 43.801)
BOWTIE = Polygon([(125.5, 43.8), (125.501, 43.801), (125.501, 43.8), (125.5, 43.801)])
GOOD: dict[str, Any] = {
    "code": " JY-001 ",
    "name_zh": "影视基地东侧地块",
    "name_en": "East of the Film Base",
    "land_use": "商业用地",  # Chinese name
    "status": "available",
    "area_m2": "12345.67",
    "far_min": "1.2",
    "far_max": 2.5,
    "density_max_pct": "35",
    "green_min_pct": "0",
    "height_max_m": "60",
    "lease_years": "40",
    "development_level": "九通一平",
    "industries": "影视文旅；digital_economy",  # full-width semicolon, key and name mixed
    "start_price_yuan_m2": "6830",
    "source": "长春日报 2021-01-12",
    "updated": "2021-01-12",
    "synthetic": "是",
}


def rows(
    *items: tuple[dict[str, Any], BaseGeometry | None],
) -> list[tuple[Row, BaseGeometry | None]]:
    return list(items)


def rejected(items: list[tuple[Row, BaseGeometry | None]]) -> ImportRejected:
    with pytest.raises(ImportRejected) as error:
        validate_parcels(items, source="survey.csv")
    return error.value


def test_good_row_becomes_a_parcel() -> None:
    (parcel,) = validate_parcels(rows((GOOD, SQUARE)), source="survey.csv")
    assert parcel.code == "JY-001"
    assert (parcel.land_use, parcel.status, parcel.development_level) == (
        "commercial",
        "available",
        "nine_one",
    )
    assert parcel.industries == ["film_tourism", "digital_economy"]
    assert (parcel.area_m2, parcel.far_min, parcel.far_max) == (12345.67, 1.2, 2.5)
    assert (parcel.green_min_pct, parcel.lease_years, parcel.start_price_yuan_m2) == (
        0.0,
        40,
        6830.0,
    )
    assert isinstance(parcel.lease_years, int)
    assert (parcel.updated, parcel.synthetic) == (dt.date(2021, 1, 12), True)
    assert parcel.source == "长春日报 2021-01-12"
    assert parcel.geometry.equals(SQUARE)


def test_blank_optional_fields_get_defaults() -> None:
    row = {"code": "A", "name_zh": "甲", "land_use": "0901", "status": "可出让", "far_min": ""}
    (parcel,) = validate_parcels(rows((row, SQUARE)), source="survey.csv")
    assert parcel.land_use == "commercial" and parcel.status == "available"
    assert parcel.far_min is None and parcel.lease_years is None and parcel.industries == []
    assert (parcel.source, parcel.updated, parcel.synthetic) == (
        "survey.csv",
        dt.date.today(),
        False,
    )


PROBLEMS: list[tuple[dict[str, Any], BaseGeometry | None, str]] = [
    ({"code": ""}, SQUARE, "required field code is missing"),
    ({"name_zh": None}, SQUARE, "required field name_zh is missing"),
    ({"land_use": "swamp"}, SQUARE, "land_use 'swamp' is not one of residential, commercial"),
    ({"status": "sold"}, SQUARE, "status 'sold' is not one of available, reserved"),
    ({"development_level": "十通"}, SQUARE, "development_level '十通' is not one of nine_one"),
    ({"industries": "mining"}, SQUARE, "industry 'mining' is not one of film_tourism"),
    ({"far_max": "0"}, SQUARE, "far_max must be > 0 (got 0)"),
    ({"far_min": "3", "far_max": "2"}, SQUARE, "far_min 3 is greater than far_max 2"),
    ({"far_max": "inf"}, SQUARE, "far_max must be a finite number"),
    ({"area_m2": "-5"}, SQUARE, "area_m2 must be > 0 (got -5)"),
    ({"green_min_pct": "120"}, SQUARE, "green_min_pct must be <= 100 (got 120)"),
    ({"green_min_pct": "-1"}, SQUARE, "green_min_pct must not be negative (got -1)"),
    ({"lease_years": "71"}, SQUARE, "lease_years must be <= 70 (got 71)"),
    ({"lease_years": "forty"}, SQUARE, "lease_years 'forty' is not a number"),
    ({"updated": "12/01/2021"}, SQUARE, "updated '12/01/2021' is not a date (YYYY-MM-DD)"),
    ({}, None, "geometry is missing or empty"),
    ({}, Polygon(), "geometry is missing or empty"),
    ({}, BOWTIE, "geometry is invalid (Self-intersection"),
    ({}, Point(125.5, 43.8), "geometry is a Point, expected Polygon or MultiPolygon"),
    (
        {},
        box(542000, 4850000, 542100, 4850100),
        "geometry is outside longitude/latitude range: give the file's CRS with --crs",
    ),
]


@pytest.mark.parametrize(("changes", "geometry", "message"), PROBLEMS)
def test_each_problem_is_reported_on_its_row(
    changes: dict[str, Any], geometry: BaseGeometry | None, message: str
) -> None:
    bad = {**GOOD, "code": "JY-002", **changes}
    error = rejected(rows((GOOD, SQUARE), (bad, geometry)))
    assert len(error.problems) == 1
    row, text = error.problems[0]
    assert row == 2 and text.startswith(message), text
    assert f"row 2: {message}" in str(error)


def test_all_problems_of_all_rows_are_listed_in_one_message() -> None:
    error = rejected(
        rows(
            ({**GOOD, "code": "", "far_max": "0"}, SQUARE),
            ({**GOOD, "code": "B"}, SQUARE),
            ({**GOOD, "code": "C", "land_use": "swamp", "area_m2": "-1"}, BOWTIE),
        )
    )
    assert [row for row, _ in error.problems] == [1, 1, 3, 3, 3]
    message = str(error)
    assert message.startswith("survey.csv: 5 problem(s), nothing imported: row 1: ")
    assert "\n" not in message and "row 2" not in message
    for row, text in error.problems:
        assert f"row {row}: {text}" in message


def test_duplicate_codes_are_reported_on_the_later_row() -> None:
    error = rejected(
        rows(
            ({**GOOD, "code": "A"}, SQUARE),
            ({**GOOD, "code": "B"}, SQUARE),
            ({**GOOD, "code": " A"}, SQUARE),
        )
    )
    assert error.problems == [(3, "duplicate code 'A' (first on row 1)")]


def test_an_empty_file_is_rejected() -> None:
    assert rejected([]).problems == [(None, "the file holds no parcels")]


def test_long_lists_of_problems_are_cut_in_the_message() -> None:
    error = rejected([({**GOOD, "code": f"P{i}"}, None) for i in range(60)])
    assert len(error.problems) == 60
    assert str(error).endswith("; ... and 10 more")


def test_extra_check_adds_a_problem() -> None:
    with pytest.raises(ImportRejected) as raised:
        validate_parcels(
            rows((GOOD, SQUARE)),
            source="s.csv",
            extra_check=lambda parcel: f"{parcel.code} lies outside the zone",
        )
    assert raised.value.problems == [(1, "JY-001 lies outside the zone")]


def test_area_is_computed_from_the_geometry_when_missing() -> None:
    """A 100 m × 100 m square drawn in CGCS2000 / 3-degree Gauss-Kruger CM 126°E."""
    x, y = 512345.0, 4851234.0
    to_lonlat = Transformer.from_crs("EPSG:4551", "EPSG:4326", always_xy=True)
    square = shapely.transform(
        box(x, y, x + 100, y + 100),
        lambda xy: np.column_stack(to_lonlat.transform(xy[:, 0], xy[:, 1])),
    )
    (parcel,) = validate_parcels(rows(({**GOOD, "area_m2": ""}, square)), source="s.csv")
    assert parcel.area_m2 == pytest.approx(10000.0, abs=0.5)
    assert parcel.area_m2 == round(parcel.area_m2, 2)
