"""``zoneatlas heat LAYER --out FILE``: a layer's kernel density to GeoTIFF, PNG or .npy.

Registered by the main CLI as ``app.command("heat")(heat_command)``. The grid is QGIS's
grid for the filtered points (extent grown by the radius, ``--cell`` pixels) in the
zone's metric CRS (EPSG:4551 for the demo zone); docs/heat.md says how to get the same
grid from QGIS.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from zoneatlas.errors import InvalidParameter, ZoneAtlasError
from zoneatlas.heat.kernels import DEFAULT_KERNEL, KERNELS, parse_kernel
from zoneatlas.heat.ramps import DEFAULT_RAMP, parse_ramp
from zoneatlas.heat.spec import KernelSpec, checked_radius

# scipy, pyproj, Pillow and GDAL are imported when the command runs, not when the CLI
# starts: `zoneatlas --help` stays fast.
FORMATS = (".tif", ".tiff", ".png", ".npy")
out = Console()
err = Console(stderr=True)


def parse_shape(text: str | None) -> tuple[int, int] | None:
    """``ROWSxCOLS`` (e.g. ``2048x2048``) as a (rows, cols) pair."""
    if not text:
        return None
    parts = text.lower().replace("×", "x").split("x")
    try:
        rows, cols = (int(p) for p in parts)
    except ValueError:
        raise InvalidParameter(
            "shape", f"expected ROWSxCOLS such as 1024x1024, got {text!r}"
        ) from None
    return rows, cols


def heat_command(
    layer: Annotated[str, typer.Argument(help="Point layer: enterprises.")],
    out_file: Annotated[
        Path, typer.Option("--out", help=f"Output file: {', '.join(FORMATS)} (by extension).")
    ],
    kernel: Annotated[
        str, typer.Option(help=f"Kernel shape: {', '.join(KERNELS)}.")
    ] = DEFAULT_KERNEL,
    radius: Annotated[float, typer.Option(help="Kernel radius, metres.")] = 500.0,
    cell: Annotated[
        float | None, typer.Option(help="Pixel size, metres (default: radius / 10).")
    ] = None,
    shape: Annotated[
        str | None, typer.Option(help="Grid shape ROWSxCOLS instead of --cell.")
    ] = None,
    weight: Annotated[
        str | None, typer.Option(help="Numeric field to weight points by: employees, output_wan.")
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(help="Filter FIELD OP VALUE, repeatable (AND): industry=digital_economy."),
    ] = None,
    scaled: Annotated[
        bool, typer.Option("--scaled/--raw", help="Density per m² (scaled) or raw kernel sums.")
    ] = False,
    qgis_rows: Annotated[
        bool, typer.Option("--qgis-rows", help="Place kernels where QGIS does (its row quirk).")
    ] = False,
    ramp: Annotated[str, typer.Option(help="Colour ramp of the PNG.")] = DEFAULT_RAMP,
    db: Annotated[
        str | None, typer.Option("--db", help="SQLite file path or SQLAlchemy URL.")
    ] = None,
    zone: Annotated[str | None, typer.Option("--zone", help="Zone slug.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Kernel density of a point layer (QGIS-compatible) to GeoTIFF, PNG with legend or .npy."""
    from zoneatlas.settings import Settings, database_url_from

    settings = Settings()
    job = HeatJob(
        database_url=database_url_from(db) if db else settings.database_url,
        zone=zone or settings.zone,
        layer=layer,
        out=out_file,
        spec=KernelSpec(parse_kernel(kernel), checked_radius(radius), scaled),
        cell_m=cell,
        shape=parse_shape(shape),
        weight=weight,
        where=tuple(where or ()),
        qgis_rows=qgis_rows,
        ramp=parse_ramp(ramp),
    )
    if out_file.suffix.lower() not in FORMATS:
        raise InvalidParameter("out", f"use one of {', '.join(FORMATS)}, not {out_file.name!r}")
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task(f"reading {layer} of {job.zone}", total=None)
        result = run_heat(job, lambda message: progress.update(task, description=message))
    if as_json:
        out.print_json(json.dumps(result))
    else:
        out.print(
            f"Wrote {result['format']} {out_file}: {result['rows']} × {result['cols']} cells of "
            f"{result['cell_m']:g} m in EPSG:{result['epsg']}, {result['points']} points, "
            f"max {result['max']:.6g} {result['unit']}"
        )


@dataclass(frozen=True)
class HeatJob:
    """One ``zoneatlas heat`` run: where the points are, what to compute, where to write."""

    database_url: str
    zone: str
    layer: str
    out: Path
    spec: KernelSpec
    cell_m: float | None = None
    shape: tuple[int, int] | None = None
    weight: str | None = None
    where: tuple[str, ...] = ()
    qgis_rows: bool = False
    ramp: str = DEFAULT_RAMP


def run_heat(job: HeatJob, step: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """Read the points, compute QGIS's grid of them and write ``job.out``; a summary."""
    from zoneatlas.heat.kde import heat_grid
    from zoneatlas.heat.points import RecordPointSource, select
    from zoneatlas.heat.ramps import legend
    from zoneatlas.heat.raster import write_grid
    from zoneatlas.heat.surface import HeatQuery
    from zoneatlas.service import open_store

    started = time.perf_counter()
    points = RecordPointSource(open_store(job.database_url)).points(job.zone, job.layer)
    points = select(points, job.where)
    if len(points) == 0:
        raise ZoneAtlasError(f"no {job.layer} match the filters; nothing to draw")
    step(f"kernel density of {len(points)} points")
    cell_m = None if job.shape else (job.cell_m or job.spec.radius_m / 10)
    grid, values = heat_grid(
        points.x,
        points.y,
        points.weight(job.weight),
        job.spec,
        cell_m=cell_m,
        shape=job.shape,
        epsg=points.epsg,
        qgis_rows=job.qgis_rows,
    )
    step(f"writing {job.out}")
    query = HeatQuery(
        job.zone,
        job.layer,
        job.spec.kernel,
        job.spec.radius_m,
        job.weight,
        job.where,
        job.spec.scaled,
    )
    unit_zh, unit_en, factor = query.units()
    key = legend(float(values.max()) * factor, job.ramp, unit_zh, unit_en)
    title = [
        f"{job.layer} · {job.spec.kernel}",
        f"r = {job.spec.radius_m:g} m, cell = {grid.cell:g} m",
        f"EPSG:{grid.epsg}",
        *job.where,
    ]
    kind = write_grid(job.out, values, grid, key, title, factor)
    return {
        "file": str(job.out),
        "format": kind,
        "points": len(points),
        "epsg": grid.epsg,
        "rows": grid.rows,
        "cols": grid.cols,
        "cell_m": grid.cell,
        "geotransform": list(grid.geotransform),
        "max": float(values.max()),
        "unit": unit_zh.replace("/km²", "/m²") if job.spec.scaled else unit_zh,
        "integral": float(values.sum() * grid.cell_area_m2()) if job.spec.scaled else None,
        "seconds": round(time.perf_counter() - started, 3),
    }
