"""Deterministic generator of the built-in demo zone "jingyue-2020" (净月高新区, 2020).

Pure Python with numpy, shapely and pyproj: no database, no network. The CLI's
``zoneatlas demo`` writes :func:`build_demo_bundle` to a store.
"""

from zoneatlas.demo.generator import DEFAULT_SEED, build_demo_bundle

__all__ = ["DEFAULT_SEED", "build_demo_bundle"]
