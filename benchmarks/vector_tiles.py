"""Vector tile latency on a 100k-parcel zone, SQLite (numpy encoder) and PostGIS (ST_AsMVT).

Goals (issue 3): a tile of ~2k polygons cold ≤ 100 ms, warm p99 ≤ 20 ms. Cold = first
request for a tile (nothing cached); warm = the same tiles again, over HTTP with wrk.
The peer in the same run: encoding the same features with mapbox-vector-tile (the common
pure-Python encoder).

Run: .venv/bin/python benchmarks/vector_tiles.py [--postgres URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from shapely.geometry import box

from zoneatlas.parcels.model import Parcel
from zoneatlas.records import Zone, ZoneBundle
from zoneatlas.service import open_store

SPACING_DEG = 0.00098  # ~79 m east-west: ~2,000 parcels in a zoom-13 tile
SIDE = 317  # 317 x 317 ≈ 100k parcels
LON0, LAT0 = 125.30, 43.60
Z = 13


def synthetic_bundle() -> ZoneBundle:
    parcels = []
    for i in range(SIDE):
        for j in range(SIDE):
            x, y = LON0 + i * SPACING_DEG, LAT0 + j * SPACING_DEG * 0.72
            parcels.append(
                Parcel(
                    code=f"B{i:03d}-{j:03d}",
                    name_zh=f"基准地块{i}-{j}",
                    land_use="industrial_1",
                    status="available",
                    geometry=box(x, y, x + SPACING_DEG * 0.8, y + SPACING_DEG * 0.55),
                    area_m2=3500.0,
                    far_max=2.0,
                    industries=["digital_economy"],
                    updated=dt.date(2020, 1, 1),
                    synthetic=True,
                )
            )
    outline = box(
        LON0 - 0.01, LAT0 - 0.01, LON0 + SIDE * SPACING_DEG + 0.01, LAT0 + SIDE * SPACING_DEG + 0.01
    )
    return ZoneBundle(zone=Zone("bench", "基准区", "Bench", outline, 4551), parcels=parcels)


def tiles_inside() -> list[tuple[int, int]]:
    n = 2**Z

    def tile(lon: float, lat: float) -> tuple[int, int]:
        return int((lon + 180) / 360 * n), int(
            (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
        )

    (x0, y1), (x1, y0) = (
        tile(LON0, LAT0),
        tile(LON0 + SIDE * SPACING_DEG, LAT0 + SIDE * SPACING_DEG * 0.72),
    )
    return [(x, y) for x in range(x0 + 1, x1) for y in range(y0 + 1, y1)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(url: str, label: str) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "zoneatlas",
            "serve",
            "--db",
            url,
            "--zone",
            "bench",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        tiles = tiles_inside()
        cold, sizes, counts = [], [], []
        with httpx.Client(base_url=base) as client:
            # warm the process (imports, first numpy/GEOS calls) on a tile outside the set:
            # "cold" here means a tile the cache has not seen, not a cold interpreter
            x0, y0 = tiles[0]
            client.get(f"/tiles/parcels/{Z}/{x0 - 1}/{y0 - 1}.mvt")
            client.get(f"/tiles/enterprises/{Z}/{x0 - 1}/{y0 - 1}.mvt")
            for x, y in tiles:
                started = time.perf_counter()
                response = client.get(f"/tiles/parcels/{Z}/{x}/{y}.mvt")
                cold.append((time.perf_counter() - started) * 1000)
                sizes.append(len(response.content))
            import mapbox_vector_tile

            for x, y in tiles[:3]:
                counts.append(
                    len(
                        mapbox_vector_tile.decode(
                            client.get(f"/tiles/parcels/{Z}/{x}/{y}.mvt").content
                        )["parcels"]["features"]
                    )
                )
        cold.sort()
        print(
            f"{label}: {len(tiles)} tiles at z{Z}, ~{statistics.mean(counts):.0f} polygons each, "
            f"{statistics.mean(sizes) / 1024:.0f} KiB; "
            f"cold median {statistics.median(cold):.1f} ms, "
            f"p99 {cold[int(len(cold) * 0.99) - 1]:.1f} ms, max {cold[-1]:.1f} ms (goal ≤ 100 ms)"
        )
        if shutil.which("wrk"):
            x, y = tiles[len(tiles) // 2]
            out = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    "-c16",
                    "-d10s",
                    "--latency",
                    f"{base}/tiles/parcels/{Z}/{x}/{y}.mvt",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            p99 = next(
                line.split()[1] for line in out.splitlines() if line.strip().startswith("99%")
            )
            rps = next(
                line.split()[1] for line in out.splitlines() if line.startswith("Requests/sec")
            )
            print(
                f"{label}: warm (wrk -t2 -c16 -d10s, one tile): "
                f"p99 {p99} (goal ≤ 20 ms), {rps} req/s"
            )
    finally:
        server.terminate()
        server.wait()


def peer(bundle: ZoneBundle) -> None:
    import mapbox_vector_tile

    from zoneatlas.geo.webmercator import tile_bounds
    from zoneatlas.tiles.build import build_layer, to_tile_pixels

    x, y = tiles_inside()[0]
    west, south, east, north = tile_bounds(Z, x, y)
    chosen = [p for p in bundle.parcels if p.geometry.intersects(box(west, south, east, north))]
    geoms = [p.geometry for p in chosen]
    props = [{"code": p.code, "status": p.status, "land_use": p.land_use} for p in chosen]
    columns = {key: [pr[key] for pr in props] for key in props[0]}
    pixels = list(to_tile_pixels(np.asarray(geoms, dtype=object), Z, x, y))
    ours, theirs = [], []
    for _ in range(5):
        started = time.perf_counter()
        build_layer("parcels", geoms, columns, Z, x, y)
        ours.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        mapbox_vector_tile.encode(
            [
                {
                    "name": "parcels",
                    "features": [
                        {"geometry": g, "properties": pr}
                        for g, pr in zip(pixels, props, strict=True)
                    ],
                }
            ],
            default_options={"y_coord_down": True},
        )
        theirs.append((time.perf_counter() - started) * 1000)
    print(
        f"encode {len(chosen)} polygons: zoneatlas numpy encoder {statistics.median(ours):.1f} ms "
        f"(incl. projection and clipping) vs mapbox-vector-tile {statistics.median(theirs):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", help="SQLAlchemy URL of an empty PostGIS database")
    args = parser.parse_args()
    bundle = synthetic_bundle()
    peer(bundle)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        open_store(url).replace_zone(bundle)
        measure(url, "SQLite + numpy encoder")
    if args.postgres:
        open_store(args.postgres).replace_zone(bundle)
        measure(args.postgres, "PostGIS ST_AsMVT")


if __name__ == "__main__":
    main()
