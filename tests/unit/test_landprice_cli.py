"""The ``price`` sub-app: ad hoc, by parcel code (through a backend), ratio study, JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from shapely.geometry import Point
from typer.testing import CliRunner

from tests.unit.test_landprice_tables import hand_tables
from zoneatlas.errors import InvalidParameter, ParcelNotFound, ZoneAtlasError
from zoneatlas.landprice.cli import ParcelFacts, PriceBackend, make_price_app, price_command
from zoneatlas.landprice.grades import to_lonlat

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "docs" / "landprice-example.yaml")
runner = CliRunner()


def lookup(code: str) -> ParcelFacts:
    if code != "R-1":
        raise ParcelNotFound(code)
    parcel = to_lonlat(Point(500_450.0, 4_850_000.0), 4551)
    return ParcelFacts(
        use="residential", area_m2=10_000, far=3.0, grade="II", geometry=parcel, development="basic"
    )


def hand_backend(_db: str | None, _zone: str | None) -> PriceBackend:
    station = to_lonlat(Point(500_000.0, 4_850_000.0), 4551)
    return PriceBackend(
        tables=hand_tables,
        parcel_lookup=lookup,
        targets=lambda: {"metro_station": [station]},
        metric_epsg=4551,
    )


def cli(*args: str, backend: bool = False) -> typer.Typer:
    root = typer.Typer()
    root.add_typer(make_price_app(hand_backend if backend else None), name="price")

    @root.command()
    def other() -> None:  # a second command keeps ``price`` a sub-command
        """Unused."""

    return root


def run(*args: str, backend: bool = False) -> tuple[int, str, BaseException | None]:
    result = runner.invoke(cli(backend=backend), ["price", *args])
    return result.exit_code, result.output, result.exception


ADHOC = [
    "--use",
    "residential",
    "--grade",
    "II",
    "--area",
    "10000",
    "--far",
    "2.5",
    "--date",
    "2020-10-01",
    "--factor",
    "metro=450",
    "--factor",
    "schools=优",
    "--factor",
    "shape=较劣",
    "--development",
    "basic",
    "--tables",
    EXAMPLE,
]


def test_ad_hoc_json_is_the_worked_example() -> None:
    code, output, _ = run(*ADHOC, "--json")
    assert code == 0, output
    data = json.loads(output)
    assert data["unit_price_yuan_m2"] == 2303.1
    assert data["valuation_date"] == "2020-10-01"
    assert {e["key"]: e["input_source"] for e in data["breakdown"]}["metro"] == "input"


def test_ad_hoc_readable_table() -> None:
    code, output, _ = run(*ADHOC)
    assert code == 0, output
    assert "Unit price" in output and "2,303.1 元/m²" in output
    assert run("estimate", *ADHOC)[1] == output  # `price ...` is short for `price estimate ...`


def test_parcel_code_uses_the_store_facts_geometry_and_overrides() -> None:
    code, output, _ = run(
        "R-1",
        "--far",
        "2.5",
        "--date",
        "2020-10-01",
        "--json",
        "--factor",
        "schools=优",
        "--factor",
        "shape=较劣",
        backend=True,
    )
    assert code == 0, output
    data = json.loads(output)
    # the stored FAR 3.0 is overridden by --far 2.5; the metro distance (450 m) comes from the
    # parcel's geometry: the same numbers as the worked example
    assert data["parcel_code"] == "R-1"
    assert data["far"] == 2.5
    assert data["unit_price_yuan_m2"] == 2303.1
    assert {e["key"]: e["input_source"] for e in data["breakdown"]}["metro"] == "geometry"
    _, _, error = run("R-404", backend=True)
    assert isinstance(error, ParcelNotFound)


def test_ratio_study_json_and_table(tmp_path: Path) -> None:
    code, output, _ = run("ratio-study", "--json")
    assert code == 0, output
    data = json.loads(output)
    assert data["groups"][0]["group"] == "all" and data["groups"][0]["count"] == 60
    assert data["iaao"]["prd"] == [0.98, 1.03]
    sales = [
        {
            "date": "2020-01-01",
            "use": "residential",
            "grade": "I",
            "area_m2": 1000,
            "far": 2.0,
            "price_yuan_m2": 3000,
        }
    ]
    (tmp_path / "sales.json").write_text(json.dumps(sales), encoding="utf-8")
    args = ["ratio-study", "--tables", EXAMPLE, "--transactions", str(tmp_path / "sales.json")]
    code, output, _ = run(*args)
    assert code == 0, output
    assert "Ratio study" in output and "1.000" in output


def test_help_lists_both_commands() -> None:
    code, output, _ = run("--help")
    assert code == 0
    assert "estimate" in output and "ratio-study" in output


def test_errors() -> None:
    _, _, error = run("--use", "residential", "--grade", "I", "--area", "10")
    assert isinstance(error, InvalidParameter) and error.parameter == "far"
    _, _, error = run("R-1")
    assert isinstance(error, ZoneAtlasError) and "needs a database" in str(error)
    with pytest.raises(InvalidParameter, match="NAME=LEVEL"):
        price_command(
            hand_backend(None, None),
            use="residential",
            grade="I",
            area_m2=1,
            far=1,
            factors=["schools"],
            date=dt.date(2020, 1, 1),
        )
