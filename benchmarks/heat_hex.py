"""H3 hexagon aggregation speed: 1M points → GeoJSON FeatureCollection (goal: about 1 s).

zoneatlas (h3ronpy over arrays + np.unique/bincount, a Python loop per distinct cell only)
against the peer a newcomer would write: h3-py's scalar ``latlng_to_cell`` in a loop per
point plus a Counter. Both give the same counts (checked).

Run: .venv/bin/python benchmarks/heat_hex.py [--points 1000000] [--res 9] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter

import h3
import numpy as np

from zoneatlas.heat.hexagons import aggregate, to_geojson


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--res", type=int, default=9)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    lat = 43.80 + rng.normal(0, 0.03, args.points)
    lon = 125.45 + rng.normal(0, 0.04, args.points)
    employees = rng.lognormal(3, 1, args.points)

    def ours() -> tuple[dict[str, object], str]:
        collection = to_geojson(aggregate(lat, lon, args.res, "sum", employees, "employees"))
        return collection, json.dumps(collection)

    aggregate(lat[:10], lon[:10], args.res)  # load the library once
    timings, cells_only, geojson_only = [], [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = aggregate(lat, lon, args.res, "sum", employees, "employees")
        middle = time.perf_counter()
        collection = to_geojson(result)
        json.dumps(collection)
        ended = time.perf_counter()
        timings.append(ended - started)
        cells_only.append(middle - started)
        geojson_only.append(ended - middle)
    started = time.perf_counter()
    counter = Counter(h3.latlng_to_cell(a, b, args.res) for a, b in zip(lat, lon, strict=True))
    peer = time.perf_counter() - started
    same = counter == {
        h3.int_to_str(c): n
        for c, n in zip(result.cells.tolist(), result.counts.tolist(), strict=True)
    }
    print(f"{args.points:,} points, H3 res {args.res}, {len(result.cells)} cells")
    print(f"{'method':44s} {'median s':>9s} {'min s':>7s} runs")
    print(
        f"{'zoneatlas aggregate+GeoJSON+json.dumps':44s} {statistics.median(timings):9.3f} "
        f"{min(timings):7.3f} {args.runs}"
    )
    print(f"{'  of which cells + sums (vectorised)':44s} {statistics.median(cells_only):9.3f}")
    print(f"{'  of which GeoJSON per cell + dumps':44s} {statistics.median(geojson_only):9.3f}")
    print(f"{'peer: h3-py latlng_to_cell loop + Counter':44s} {peer:9.3f} {peer:7.3f} 1")
    print(
        f"same counts: {same}; goal about 1 s → "
        f"{'met' if statistics.median(timings) <= 1.2 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
