"""OGC API - Features items, 1000 features a page: Zone Atlas ``/ogc`` against pygeoapi
serving the same parcels from a GeoPackage, on the same machine in the same run, loaded
with wrk on 127.0.0.1.

The demo zone has 328 parcels, too few for ``limit=1000``, so the benchmark tiles copies of
the demo parcels (shifted east and north, codes suffixed) into a synthetic zone of about
``--parcels`` parcels. The parcels go to a fresh SQLite file (or ``--database-url``, e.g. a
PostGIS database, whose zone ``ogc-bench`` is replaced) and, with
``zoneatlas.io.write_parcels``, to a GeoPackage that pygeoapi serves with its
``SQLiteGPKG`` provider (needs ``libsqlite3-mod-spatialite``). Both servers get one
process: Zone Atlas under uvicorn (async loop + thread pool), pygeoapi under gunicorn
(its documented deployment) with one sync worker (its SQLite provider fails under
gunicorn's threaded workers: "'parcels' isn't a valid GPKG Geometry table").

Run (pygeoapi in its own virtual environment, it pins other versions of our libraries):
    python3 -m venv /tmp/pygeoapi-venv
    /tmp/pygeoapi-venv/bin/pip install pygeoapi gunicorn
    .venv/bin/python benchmarks/ogc_items.py --pygeoapi /tmp/pygeoapi-venv
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import shapely
from shapely import affinity

from zoneatlas.records import ZoneBundle

ZONE = "ogc-bench"


def synthetic_bundle(parcels: int) -> ZoneBundle:
    """About ``parcels`` parcels: copies of the demo's 328 laid out in a grid."""
    from zoneatlas.demo import build_demo_bundle

    demo = build_demo_bundle()
    minx, miny, maxx, maxy = demo.zone.boundary.bounds
    copies = -(-parcels // len(demo.parcels))
    side = int(copies**0.5 + 0.999)
    tiled = []
    for k in range(copies):
        dx, dy = (k % side) * (maxx - minx), (k // side) * (maxy - miny)
        tiled += [
            replace(p, code=f"{p.code}-{k:02d}", geometry=affinity.translate(p.geometry, dx, dy))
            for p in demo.parcels
        ]
    boundary = shapely.box(minx, miny, minx + side * (maxx - minx), miny + side * (maxy - miny))
    zone = replace(demo.zone, slug=ZONE, boundary=boundary, name_en="OGC benchmark zone")
    return replace(demo, zone=zone, parcels=tiled[:parcels], enterprises=[], pois=[])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_zoneatlas(database_url: str, port: int) -> None:
    """Run the application (with the OGC router) under uvicorn; used as a subprocess."""
    import uvicorn

    from zoneatlas.app import create_app
    from zoneatlas.settings import Settings

    app = create_app(Settings(database_url=database_url, zone=ZONE))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


PYGEOAPI_CONFIG = """\
server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: http://127.0.0.1:{port}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  languages: [en-US]
  pretty_print: false
  limits: {{default_items: 10, max_items: 10000}}
  map: {{url: "http://127.0.0.1/{{z}}/{{x}}/{{y}}.png", attribution: none}}
logging: {{level: ERROR}}
metadata:
  identification:
    title: ogc benchmark
    description: parcels
    keywords: [parcels]
    keywords_type: theme
    terms_of_service: none
    url: http://127.0.0.1
  license: {{name: none, url: http://127.0.0.1}}
  provider: {{name: none, url: http://127.0.0.1}}
  contact: {{name: none, email: none@example.org, url: http://127.0.0.1, role: pointOfContact}}
resources:
  parcels:
    type: collection
    title: parcels
    description: parcels
    keywords: [parcels]
    links: []
    extents:
      spatial: {{bbox: {bbox}, crs: "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}
    providers:
      - type: feature
        name: SQLiteGPKG
        data: {gpkg}
        id_field: fid
        table: parcels
"""


def start_pygeoapi(
    venv: Path, gpkg: Path, bbox: list[float], folder: Path
) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    config = folder / "pygeoapi.yml"
    config.write_text(PYGEOAPI_CONFIG.format(port=port, gpkg=gpkg, bbox=bbox), encoding="utf-8")
    env = {**os.environ, "PYGEOAPI_CONFIG": str(config)}
    env["PYGEOAPI_OPENAPI"] = str(folder / "pygeoapi-openapi.yml")
    generate = [str(venv / "bin" / "pygeoapi"), "openapi", "generate", str(config)]
    subprocess.run(
        [*generate, "--output-file", env["PYGEOAPI_OPENAPI"]],
        check=True,
        env=env,
        capture_output=True,
    )
    gunicorn = [str(venv / "bin" / "gunicorn"), "pygeoapi.flask_app:APP"]
    gunicorn += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
    process = subprocess.Popen(gunicorn, env=env, stderr=subprocess.DEVNULL)
    return f"http://127.0.0.1:{port}/collections/parcels/items", process


def wait_and_check(url: str, limit: int) -> int:
    """Wait for ``url`` to answer, check it returns ``limit`` features; response bytes."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}?limit={limit}&f=json", timeout=30) as response:
                body = response.read()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    features = json.loads(body)["features"]
    assert len(features) == limit, f"{url} returned {len(features)} features, not {limit}"
    return len(body)


def wrk(url: str, threads: int, connections: int, seconds: int) -> dict[str, str]:
    """Run wrk against ``url``; requests/s, latency percentiles and errors."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "30s", url]  # wrk counts slower answers as errors otherwise
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {"rps": re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)}  # type: ignore[union-attr]
    for percentile in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{percentile}%\s+(\S+)", output, re.MULTILINE)
        result[f"p{percentile}"] = match.group(1) if match else "?"
    errors = re.findall(r"Non-2xx or 3xx responses: \d+|Socket errors: .*", output)
    result["errors"] = "; ".join(errors) or "none"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pygeoapi", type=Path, default=Path("/tmp/pygeoapi-venv"))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--parcels", type=int, default=5000)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1, help="alternate the servers N times")
    parser.add_argument("--serve", nargs=2, metavar=("URL", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_zoneatlas(args.serve[0], int(args.serve[1]))
        return
    from zoneatlas.io import write_parcels
    from zoneatlas.service import open_store

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        bundle = synthetic_bundle(args.parcels)
        database_url = args.database_url or f"sqlite:///{folder / 'bench.sqlite'}"
        store = open_store(database_url)
        store.replace_zone(bundle)
        store.engine.dispose()
        gpkg = folder / "parcels.gpkg"
        write_parcels(gpkg, bundle.parcels)
        port = free_port()
        bbox = list(bundle.zone.boundary.bounds)
        processes: list[subprocess.Popen[bytes]] = []
        try:
            command = [sys.executable, __file__, "--serve", database_url, str(port)]
            processes.append(subprocess.Popen(command))
            theirs_url, theirs = start_pygeoapi(args.pygeoapi, gpkg, bbox, folder)
            processes.append(theirs)
            servers = {
                "zoneatlas /ogc": f"http://127.0.0.1:{port}/ogc/collections/parcels/items",
                "pygeoapi (GeoPackage)": theirs_url,
            }
            report(servers, args, len(bundle.parcels), database_url)
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=30)


def report(servers: dict[str, str], args: argparse.Namespace, parcels: int, db: str) -> None:
    sizes = {name: wait_and_check(url, args.limit) for name, url in servers.items()}
    backend = db.split(":", 1)[0]
    print(
        f"OGC items, limit={args.limit}, {parcels} parcels, zoneatlas on {backend}; "
        f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, 127.0.0.1"
    )
    print(f"{'server':24} {'req/s':>8} {'p50':>9} {'p75':>9} {'p90':>9} {'p99':>9}  bytes  errors")
    for url in servers.values():  # warm-up
        wrk(f"{url}?limit={args.limit}&f=json", args.threads, args.connections, 2)
    for _ in range(args.rounds):
        for name, url in servers.items():
            target = f"{url}?limit={args.limit}&f=json"
            r = wrk(target, args.threads, args.connections, args.seconds)
            print(
                f"{name:24} {r['rps']:>8} {r['p50']:>9} {r['p75']:>9} {r['p90']:>9}"
                f" {r['p99']:>9}  {sizes[name]}  {r['errors']}"
            )


if __name__ == "__main__":
    main()
