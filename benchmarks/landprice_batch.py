"""Benchmark: value 1M synthetic parcels with the vectorized batch engine.

Peer: the per-parcel Python loop (``value_parcel`` once per parcel, as a script or a
spreadsheet macro would do it), timed on a slice in the same run and extrapolated. The
slice is also checked to give identical unit prices on both paths.

    .venv/bin/python benchmarks/landprice_batch.py [--parcels 1000000] [--loop 20000]

Goal (issue 4): at least 1M parcels/s vectorized on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import time
from typing import Any

import numpy as np

from zoneatlas.landprice.batch import Coded, value_batch
from zoneatlas.landprice.demo import demo_table_set
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.model import ValuationRequest
from zoneatlas.landprice.standards import LEVELS
from zoneatlas.parcels.vocab import keys

LEVEL_FACTORS = ("school_quality", "pedestrian_flow", "industrial_cluster", "parcel_shape")
DISTANCE_FACTORS = ("distance_commercial_centre", "distance_metro_station", "distance_main_road")


def synthetic_parcels(n: int, seed: int) -> dict[str, Any]:
    """n parcels of every land use, grades I-V, with levels, distances and dates."""
    tables = demo_table_set()
    rng = np.random.default_rng(seed)
    uses = tuple(keys("land_use"))
    use = Coded(uses, rng.integers(0, len(uses), n))
    table_of = [tables.uses.get(u) or tables.uses[tables.use_mapping[u]] for u in uses]
    levels = {}
    for key in LEVEL_FACTORS:
        has = np.asarray([any(f.key == key for f in t.factors) for t in table_of])[use.codes]
        levels[key] = np.where(has & (rng.random(n) < 0.7), rng.integers(0, 5, n), -1)
    return {
        "use": use,
        "grade": Coded(("I", "II", "III", "IV", "V"), rng.integers(0, 5, n)),
        "area_m2": rng.uniform(2_000, 150_000, n).round(0),
        "far": rng.uniform(0.5, 5.0, n).round(2),
        "valuation_date": np.datetime64("2019-01-01") + rng.integers(0, 1000, n),
        "levels": levels,
        "derived": {key: rng.uniform(0, 4000, n) for key in DISTANCE_FACTORS},
        "development": Coded(("", "five_one", "seven_one", "nine_one"), rng.integers(0, 4, n)),
    }


def request(parcels: dict[str, Any], i: int) -> ValuationRequest:
    development = parcels["development"].labels[parcels["development"].codes[i]]
    return ValuationRequest(
        use=parcels["use"].labels[parcels["use"].codes[i]],
        grade=parcels["grade"].labels[parcels["grade"].codes[i]],
        area_m2=float(parcels["area_m2"][i]),
        far=float(parcels["far"][i]),
        valuation_date=parcels["valuation_date"][i].item(),
        levels={k: LEVELS[v[i]] for k, v in parcels["levels"].items() if v[i] >= 0},
        derived={k: float(v[i]) for k, v in parcels["derived"].items()},
        development=[development] if development else None,
    )


def best_of(repeats: int, run: Any) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=1_000_000)
    parser.add_argument("--loop", type=int, default=20_000, help="parcels for the Python loop")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    tables = demo_table_set()
    parcels = synthetic_parcels(args.parcels, args.seed)
    value_batch(tables, **parcels)  # warm up
    vectorized = best_of(args.repeats, lambda: value_batch(tables, **parcels))
    as_strings = {**parcels, "use": np.asarray(parcels["use"].labels)[parcels["use"].codes]}
    from_strings = best_of(1, lambda: value_batch(tables, **as_strings))

    loop_n = min(args.loop, args.parcels)
    requests = [request(parcels, i) for i in range(loop_n)]
    start = time.perf_counter()
    loop_prices = [value_parcel(tables, r).unit_price_yuan_m2 for r in requests]
    loop = time.perf_counter() - start
    batch = value_batch(tables, **parcels)
    identical = bool(np.array_equal(batch.unit_price_yuan_m2[:loop_n], loop_prices))

    print(
        f"land price batch benchmark · {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, numpy {np.__version__}, {dt.date.today()}"
    )
    print(f"{'path':<44}{'parcels':>10}{'seconds':>10}{'parcels/s':>14}")
    rows = [
        ("vectorized value_batch (coded arrays)", args.parcels, vectorized),
        ("vectorized value_batch (use as strings)", args.parcels, from_strings),
        ("per-parcel Python loop (value_parcel)", loop_n, loop),
    ]
    for name, count, seconds in rows:
        print(f"{name:<44}{count:>10,}{seconds:>10.3f}{count / seconds:>14,.0f}")
    extrapolated = loop / loop_n * args.parcels
    print(
        f"per-parcel loop extrapolated to {args.parcels:,} parcels: {extrapolated:,.1f} s; "
        f"vectorized is {extrapolated / vectorized:,.0f}× faster"
    )
    print(f"unit prices identical on the {loop_n:,} looped parcels: {identical}")
    print(f"goal ≥ 1,000,000 parcels/s: {'met' if args.parcels / vectorized >= 1e6 else 'NOT met'}")


if __name__ == "__main__":
    main()
