"""Bounded load test of the public endpoints on 127.0.0.1, on SQLite and PostGIS.

wrk drives 64 connections for 60 s (by default) through a rotating list of public URLs —
the map page, the JSON API, parcels with filters, one parcel, its valuation, vector tiles and
OGC API Features — against `zoneatlas serve` on the demo zone. It prints requests/s, latency
percentiles, and every non-2xx/3xx response or socket error (the goal: none).

Run: .venv/bin/python benchmarks/load_public.py [--seconds 60] [--connections 64]
     [--postgres postgresql+psycopg://postgres@127.0.0.1:54329/postgres]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PATHS = [
    "/",
    "/healthz",
    "/api/zones",
    "/api/vocab",
    "/api/basemap",
    "/api/parcels",
    "/api/parcels?land_use=commercial&status=available",
    "/api/parcels?bbox=125.45,43.75,125.52,43.80",
    "/api/parcels/stats?industry=digital_economy",
    "/api/parcels/JY-2020-001",
    "/api/parcels/JY-2020-001/valuation?date=2020-12-31",
    "/api/enterprises?industry=digital_economy",
    "/api/pois",
    "/api/indicators?year=2020",
    "/api/timeline",
    "/api/land-grades",
    "/tiles/parcels/13/6951/2985.mvt",
    "/tiles/parcels/14/13903/5971.mvt",
    "/tiles/enterprises/13/6951/2985.mvt",
    "/ogc/collections",
    "/ogc/collections/parcels/items?limit=100",
]

LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
bad = 0
response = function(status, headers, body)
  if status >= 400 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format(
    "errors: connect %%d, read %%d, write %%d, timeout %%d, status>=400 %%d\\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fresh_postgres(server: str) -> str:
    name = "zoneatlas_load"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def run(db: str, label: str, seconds: int, connections: int, folder: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "zoneatlas", "demo", "--no-serve", "--db", db],
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "zoneatlas", "serve", "--db", db, "--port", str(port)],
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
        statuses = {path: httpx.get(base + path, timeout=30).status_code for path in PATHS}
        broken = {p: s for p, s in statuses.items() if s >= 400}
        print(f"{label}: pre-check of {len(PATHS)} URLs, failing: {broken or 'none'}")
        script = folder / "rotate.lua"
        script.write_text(LUA % ", ".join(f'"{p}"' for p in PATHS))
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                str(script),
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        keep = (
            "Requests/sec",
            "Transfer/sec",
            "50%",
            "90%",
            "99%",
            "requests in",
            "errors:",
            "Non-2xx",
            "Socket errors",
        )
        for line in out.splitlines():
            if any(k in line for k in keep):
                print(f"{label}: {line.strip()}")
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--postgres", help="SQLAlchemy URL of a PostGIS server (admin database)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(
            f"sqlite:///{Path(folder) / 'load.sqlite'}",
            "SQLite",
            args.seconds,
            args.connections,
            Path(folder),
        )
        if args.postgres:
            run(
                fresh_postgres(args.postgres),
                "PostGIS",
                args.seconds,
                args.connections,
                Path(folder),
            )


if __name__ == "__main__":
    main()
