"""Time `zoneatlas demo --no-serve`: generating jingyue-2020 and writing it to a fresh SQLite
file, end to end through the CLI process (what a newcomer waits for). Goal: under 10 s.

Run: .venv/bin/python benchmarks/demo_build.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            db = Path(folder) / f"demo{run}.sqlite"
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "zoneatlas", "demo", "--no-serve", "--db", str(db)],
                check=True,
                capture_output=True,
            )
            timings.append(time.perf_counter() - started)
    print(
        f"zoneatlas demo --no-serve: runs={args.runs} "
        f"median={statistics.median(timings):.2f} s min={min(timings):.2f} s "
        f"max={max(timings):.2f} s (goal < 10 s, including interpreter start-up)"
    )


if __name__ == "__main__":
    main()
