"""Writing density grids: GeoTIFF (CRS and geotransform set), PNG with a legend, .npy.

GeoTIFFs are written with rasterio (GDAL) when it is installed, otherwise with tifffile
and the GeoTIFF keys set by hand (model type projected, PixelIsArea, the EPSG code,
pixel scale and tie point). Both are single-band float32, north-up, without a nodata
value (QGIS writes -9999 where no kernel reached; here those cells are 0).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from zoneatlas.errors import UnsupportedFormat
from zoneatlas.heat.grid import Grid
from zoneatlas.heat.ramps import Legend, colorize

FloatArray = npt.NDArray[np.float64]

FORMATS = (".tif", ".tiff", ".png", ".npy")  # also in heat/cli.py (kept light)
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
LEGEND_WIDTH = 260


def write_geotiff_tifffile(path: Path, values: FloatArray, grid: Grid) -> None:
    """GeoTIFF via tifffile: float32, GeoKeys for ``grid.epsg``, PixelIsArea."""
    import tifffile

    epsg = grid.epsg or 0
    # GeoKeyDirectory: version 1.1.0, 3 keys: GTModelType = projected, GTRasterType =
    # PixelIsArea, ProjectedCSType = the EPSG code
    geokeys = [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, epsg]
    tags = [
        (33550, "d", 3, (grid.cell, grid.cell, 0.0), True),  # ModelPixelScale
        (33922, "d", 6, (0.0, 0.0, 0.0, grid.x0, grid.y0, 0.0), True),  # ModelTiepoint
        (34735, "H", len(geokeys), tuple(geokeys), True),  # GeoKeyDirectory
    ]
    tifffile.imwrite(path, values.astype(np.float32), extratags=tags)


def write_geotiff(path: Path, values: FloatArray, grid: Grid) -> None:
    """Single-band float32 GeoTIFF in ``grid.epsg`` with ``grid.geotransform``."""
    try:
        import rasterio
        from rasterio.transform import Affine
    except ImportError:  # pragma: no cover - the fallback is tested directly
        write_geotiff_tifffile(path, values, grid)
        return
    x0, cell, _, y0, _, _ = grid.geotransform
    profile = {
        "driver": "GTiff",
        "width": grid.cols,
        "height": grid.rows,
        "count": 1,
        "dtype": "float32",
        "crs": f"EPSG:{grid.epsg}" if grid.epsg else None,
        "transform": Affine(cell, 0.0, x0, 0.0, -cell, y0),
        "compress": "deflate",
    }
    with rasterio.open(path, "w", **profile) as dataset:
        dataset.write(values.astype(np.float32), 1)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if CJK_FONT.exists():
        return ImageFont.truetype(str(CJK_FONT), size)
    return ImageFont.load_default()


def legend_panel(legend: Legend, height: int, title: list[str]) -> Image.Image:
    """A white panel with ``title`` lines, a vertical colour bar and its break labels."""
    panel = Image.new("RGBA", (LEGEND_WIDTH, max(height, 320)), (255, 255, 255, 255))
    draw = ImageDraw.Draw(panel)
    font, small = _font(16), _font(13)
    y = 10
    for line in title:
        draw.text((12, y), line, fill=(20, 20, 20, 255), font=font if y == 10 else small)
        y += 22 if y == 10 else 18
    bar_top, bar_height = y + 12, 180
    ramp = np.linspace(legend.vmax, 0.0, bar_height)[:, None] * np.ones((1, 24))
    bar = Image.fromarray(colorize(ramp, legend.vmax, legend.ramp), "RGBA")
    panel.alpha_composite(bar, (16, bar_top))
    draw.rectangle((16, bar_top, 40, bar_top + bar_height - 1), outline=(90, 90, 90, 255))
    for value in legend.breaks:
        fraction = value / legend.vmax if legend.vmax > 0 else 0.0
        y_mark = bar_top + round((1 - fraction) * (bar_height - 1))
        draw.line((40, y_mark, 46, y_mark), fill=(60, 60, 60, 255))
        draw.text((50, y_mark - 8), f"{value:g}", fill=(20, 20, 20, 255), font=small)
    unit = f"{legend.unit_zh} / {legend.unit_en}"
    draw.text((12, bar_top + bar_height + 10), unit, fill=(20, 20, 20, 255), font=small)
    return panel


def write_png(
    path: Path, values: FloatArray, legend: Legend, title: list[str], factor: float = 1.0
) -> None:
    """The grid coloured with the legend's ramp over white, a legend panel on its right.

    ``factor`` turns grid values into the legend's units (1e6 for per m² → per km²).
    """
    heat = Image.fromarray(colorize(values * factor, legend.vmax, legend.ramp), "RGBA")
    height = max(values.shape[0], 320)
    canvas = Image.new("RGBA", (values.shape[1] + LEGEND_WIDTH, height), (255, 255, 255, 255))
    canvas.alpha_composite(heat, (0, 0))
    canvas.alpha_composite(legend_panel(legend, height, title), (values.shape[1], 0))
    canvas.convert("RGB").save(path, format="PNG")


def write_grid(
    path: Path,
    values: FloatArray,
    grid: Grid,
    legend: Legend,
    title: list[str],
    factor: float = 1.0,
) -> str:
    """Write ``values`` in the format of ``path``'s extension; returns the format name."""
    suffix = path.suffix.lower()
    if suffix in (".tif", ".tiff"):
        write_geotiff(path, values, grid)
        return "GeoTIFF"
    if suffix == ".png":
        write_png(path, values, legend, title, factor)
        return "PNG"
    if suffix == ".npy":
        np.save(path, values.astype(np.float32))
        return "npy"
    raise UnsupportedFormat(
        f"{path.name}: cannot write {suffix or 'files without extension'}; "
        f"use one of {', '.join(FORMATS)}"
    )
