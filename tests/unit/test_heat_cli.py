"""``zoneatlas heat``: GeoTIFF (CRS + geotransform), PNG with legend, .npy; bad input."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
import rasterio
import typer
from PIL import Image
from typer.testing import CliRunner

import zoneatlas.service
from zoneatlas.errors import InvalidParameter, UnsupportedFormat, ZoneAtlasError
from zoneatlas.heat.cli import FORMATS as cli_formats
from zoneatlas.heat.cli import heat_command, parse_shape
from zoneatlas.heat.grid import Grid
from zoneatlas.heat.ramps import legend
from zoneatlas.heat.raster import FORMATS, write_geotiff_tifffile, write_grid
from zoneatlas.records import Enterprise

pytestmark = pytest.mark.unit


class FakeStore:
    """The two store methods the heat command reads."""

    def __init__(self, n: int = 300) -> None:
        rng = np.random.default_rng(5)
        industries = ["digital_economy", "life_health", "film_tourism"]
        self.records = [
            Enterprise(
                f"企业{i}",
                f"Firm {i}",
                industries[i % 3],
                125.45 + rng.normal(0, 0.01),
                43.80 + rng.normal(0, 0.008),
                int(rng.integers(1, 400)),
                float(rng.lognormal(6, 1)),
            )
            for i in range(n)
        ]

    def get_zone(self, slug: str) -> Any:
        return SimpleNamespace(slug=slug, metric_epsg=4551)

    def enterprises(self, zone: str, industry: str | None = None) -> list[Enterprise]:
        return [e for e in self.records if industry in (None, e.industry)]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(zoneatlas.service, "open_store", lambda url, **_: FakeStore())
    app = typer.Typer()
    app.command("heat")(heat_command)
    app.command("other")(lambda: None)  # a group, as in the real CLI
    return app


def run(cli: typer.Typer, *args: str) -> Any:
    return CliRunner().invoke(cli, ["heat", *args], catch_exceptions=True)


def test_geotiff_has_crs_and_geotransform(cli: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "heat.tif"
    result = run(
        cli,
        "enterprises",
        "--out",
        str(out),
        "--radius",
        "400",
        "--cell",
        "20",
        "--weight",
        "employees",
        "--where",
        "industry=digital_economy",
        "--json",
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["points"] == 100 and body["epsg"] == 4551 and body["cell_m"] == 20
    with rasterio.open(out) as dataset:
        assert dataset.crs.to_epsg() == 4551
        assert tuple(dataset.transform.to_gdal()) == tuple(body["geotransform"])
        data = dataset.read(1)
    assert data.shape == (body["rows"], body["cols"]) and data.max() == pytest.approx(body["max"])


def test_png_with_legend_and_npy(cli: typer.Typer, tmp_path: Path) -> None:
    png, npy = tmp_path / "heat.png", tmp_path / "heat.npy"
    assert (
        run(cli, "enterprises", "--out", str(png), "--scaled", "--kernel", "gaussian").exit_code
        == 0
    )
    assert run(cli, "enterprises", "--out", str(npy), "--shape", "50x80").exit_code == 0
    assert np.load(npy).shape == (50, 80)
    with Image.open(png) as image:
        assert image.mode == "RGB" and image.width > image.height / 2
        pixels = np.asarray(image)
    # the peak is drawn in the ramp's top colour (#bd0026): values and legend share units
    red = (pixels[..., 0] > 170) & (pixels[..., 1] < 60) & (pixels[..., 2] < 80)
    assert red.sum() >= 1


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--kernel", "cosine"], InvalidParameter),
        (["--radius", "-5"], InvalidParameter),
        (["--weight", "profit"], InvalidParameter),
        (["--where", "industry>3"], InvalidParameter),
        (["--where", "industry=mining"], ZoneAtlasError),
        (["--shape", "10by10"], InvalidParameter),
    ],
)
def test_bad_input_is_a_domain_error(
    cli: typer.Typer, tmp_path: Path, args: list[str], error: type[Exception]
) -> None:
    result = run(cli, "enterprises", "--out", str(tmp_path / "x.tif"), *args)
    assert result.exit_code != 0 and isinstance(result.exception, error)


def test_unknown_layer_and_extension(cli: typer.Typer, tmp_path: Path) -> None:
    assert isinstance(
        run(cli, "parcels", "--out", str(tmp_path / "a.tif")).exception, InvalidParameter
    )
    assert isinstance(
        run(cli, "enterprises", "--out", str(tmp_path / "a.jpg")).exception, InvalidParameter
    )
    grid = Grid(0.0, 10.0, 1.0, 10, 10, 4551)
    with pytest.raises(UnsupportedFormat):
        write_grid(tmp_path / "a.bmp", np.zeros((10, 10)), grid, legend(1, "heat", "", ""), [])
    assert parse_shape("20×30") == (20, 30)
    assert cli_formats == FORMATS  # the CLI keeps its own copy to start fast


def test_tifffile_fallback_is_a_valid_geotiff(tmp_path: Path) -> None:
    grid = Grid(430_000.0, 4_860_000.0, 25.0, 30, 40, 4551)
    values = np.arange(1200, dtype=np.float64).reshape(30, 40)
    path = tmp_path / "fallback.tif"
    write_geotiff_tifffile(path, values, grid)
    with rasterio.open(path) as dataset:
        assert dataset.crs.to_epsg() == 4551
        assert tuple(dataset.transform.to_gdal()) == grid.geotransform
        np.testing.assert_array_equal(dataset.read(1), values.astype(np.float32))
