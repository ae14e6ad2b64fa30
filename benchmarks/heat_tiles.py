"""Heat tile serving under load: wrk against a uvicorn server on 127.0.0.1, 1M points.

Builds a temporary SQLite database with one zone of 1M synthetic enterprises (through
``Store.replace_zone``), starts ``uvicorn`` on 127.0.0.1 with the heat router, warms the
layer (point arrays and the full-extent surface, which every tile of a filter set
shares), then runs two bounded wrk loads (10 s, 8 connections, 2 threads each):

cold
    every request a tile never asked for before (zooms 13-17 over the points, shuffled):
    goal p99 ≤ 50 ms.
warm
    the same 64 cached tiles over and over: goal ≥ 200 tiles/s.

Run: .venv/bin/python benchmarks/heat_tiles.py [--points 1000000] [--duration 10]
     [--connections 8]
Needs wrk (Debian: apt-get install wrk). Traffic goes to 127.0.0.1 only and stops by itself.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
from shapely.geometry import box

ZONE = "bench-1m"
LON, LAT = 125.45, 43.80
QUERY = "radius=500&weight=employees"


def build_database(path: Path, n: int) -> None:
    from zoneatlas.records import Enterprise, Zone, ZoneBundle
    from zoneatlas.service import open_store

    rng = np.random.default_rng(1)
    centres = rng.normal([LON, LAT], [0.04, 0.03], (20, 2))
    which = rng.integers(0, len(centres), n)
    lon = centres[which, 0] + rng.normal(0, 0.012, n)
    lat = centres[which, 1] + rng.normal(0, 0.009, n)
    employees = rng.lognormal(3, 1, n).astype(int) + 1
    industries = ["digital_economy", "life_health", "film_tourism", "advanced_manufacturing"]
    enterprises = [
        Enterprise(
            f"企业{i}",
            f"Firm {i}",
            industries[i % 4],
            float(lon[i]),
            float(lat[i]),
            int(employees[i]),
            float(employees[i]) * 30.0,
        )
        for i in range(n)
    ]
    zone = Zone(
        ZONE, "基准区", "Benchmark zone", box(LON - 0.2, LAT - 0.15, LON + 0.2, LAT + 0.15), 4551
    )
    open_store(f"sqlite:///{path}").replace_zone(ZoneBundle(zone=zone, enterprises=enterprises))


def make_app():  # type: ignore[no-untyped-def]
    """uvicorn factory: the app over $HEAT_BENCH_DB with the heat router."""
    from zoneatlas.app import create_app
    from zoneatlas.service import open_store
    from zoneatlas.settings import Settings

    url = f"sqlite:///{os.environ['HEAT_BENCH_DB']}"
    return create_app(Settings(database_url=url, zone=ZONE), store=open_store(url))


def tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    y = (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n
    return int((lon + 180.0) / 360.0 * n), int(y)


def tile_paths(zooms: range, half_width_deg: float) -> list[str]:
    paths = []
    for z in zooms:
        x0, y0 = tile_xy(LON - half_width_deg, LAT + half_width_deg * 0.75, z)
        x1, y1 = tile_xy(LON + half_width_deg, LAT - half_width_deg * 0.75, z)
        paths += [
            f"/api/heat/enterprises/{z}/{x}/{y}.png?{QUERY}"
            for x in range(x0, x1 + 1)
            for y in range(y0, y1 + 1)
        ]
    random.Random(5).shuffle(paths)
    return paths


def lua_script(paths: list[str], threads: int) -> str:
    table = ",\n".join(f'"{p}"' for p in paths)
    return f"""local paths = {{
{table}
}}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end
function init(args)
  counter = id
end
function request()
  local path = paths[(counter % #paths) + 1]
  counter = counter + {threads}
  return wrk.format("GET", path)
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_wrk(
    script: Path, duration: int, port: int, connections: int
) -> tuple[float, dict[str, float], str]:
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    percentiles = {}
    for label, value, unit in re.findall(
        r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
    ):
        factor = {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]
        percentiles[label] = float(value) * factor
    return rate, percentiles, output


def wait_for(url: str, seconds: float = 600.0) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=600) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        started = time.perf_counter()
        build_database(db, args.points)
        print(f"built {args.points:,} enterprises in {time.perf_counter() - started:.1f} s")
        env = {**os.environ, "HEAT_BENCH_DB": str(db)}
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "heat_tiles:make_app",
                "--app-dir",
                str(Path(__file__).parent),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            if server.poll() is not None:
                raise SystemExit("uvicorn did not start")
            wait_for(f"{base}/healthz", 60)
            started = time.perf_counter()
            wait_for(f"{base}/api/heat/enterprises/legend?{QUERY}")
            print(f"first legend (load arrays + surface) {time.perf_counter() - started:.1f} s")
            cold_paths = tile_paths(range(13, 18), 0.12)
            warm_paths = cold_paths[:64]
            for path in warm_paths:
                wait_for(f"{base}{path}")
            results = {}
            for name, paths in (("cold", cold_paths[64:]), ("warm", warm_paths)):
                script = Path(folder) / f"{name}.lua"
                script.write_text(lua_script(paths, min(2, args.connections)))
                results[name] = run_wrk(script, args.duration, port, args.connections)
                print(f"--- wrk {name} ({len(paths)} distinct tiles) ---\n{results[name][2]}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    cold_rate, cold_p, _ = results["cold"]
    warm_rate, warm_p, _ = results["warm"]
    threads = min(2, args.connections)
    print(f"wrk -t{threads} -c{args.connections} -d{args.duration}s, {args.points:,} points")
    print(f"{'load':6s} {'tiles/s':>9s} {'p50 ms':>8s} {'p90 ms':>8s} {'p99 ms':>8s}  goal")
    print(
        f"{'cold':6s} {cold_rate:9.1f} {cold_p['50']:8.2f} {cold_p['90']:8.2f} "
        f"{cold_p['99']:8.2f}  p99 ≤ 50 ms: {'met' if cold_p['99'] <= 50 else 'NOT met'}"
    )
    print(
        f"{'warm':6s} {warm_rate:9.1f} {warm_p['50']:8.2f} {warm_p['90']:8.2f} "
        f"{warm_p['99']:8.2f}  ≥ 200 tiles/s: {'met' if warm_rate >= 200 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
