"""Regional attractiveness index with land price as its reference coefficient
(以"地价"为参照系数的区域综合吸引力指数).

A documented model on a grid in the zone's metric CRS (docs/attractiveness.md):

- :mod:`~zoneatlas.attractiveness.model`: the model as data (factors, parameters,
  weights, industry overrides), validated; :func:`default_model`.
- :mod:`~zoneatlas.attractiveness.inputs`: a zone's records as metric arrays.
- :mod:`~zoneatlas.attractiveness.factors`: accessibility, industry agglomeration (kernel
  density from :mod:`zoneatlas.heat`), public services and environment, each in [0, 1].
- :mod:`~zoneatlas.attractiveness.price`: the benchmark land price reference by grade.
- :mod:`~zoneatlas.attractiveness.score`: :func:`factor_grids`, :func:`score_grids`,
  :func:`score_at`: quality ``Q = 100·Σ w_i f_i`` and value index
  ``V = Q / max(P / P_median, m)``.
- :mod:`~zoneatlas.attractiveness.service`, :mod:`~zoneatlas.attractiveness.report`,
  :mod:`~zoneatlas.attractiveness.cli`: cached scoring of parcels, JSON documents and the
  ``zoneatlas attractiveness`` command.

No module here imports the web framework or the store.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public names and their modules, imported on first use so that the command line starts
#: fast (``zoneatlas --help`` does not load shapely, pyproj or scipy).
_EXPORTS = {
    "AttractivenessModel": "model",
    "AttractivenessModelInvalid": "model",
    "default_model": "model",
    "load_model": "model",
    "parse_model": "model",
    "FactorGrids": "score",
    "PointScores": "score",
    "ScoreGrids": "score",
    "factor_grids": "score",
    "score_at": "score",
    "score_grids": "score",
    "zone_grid": "score",
    "AttractivenessService": "service",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
