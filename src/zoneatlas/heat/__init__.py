"""Heat maps: weighted kernel density (QGIS-compatible), heat tiles, H3 hexagons.

Modules (import what you need; this package imports nothing heavy on its own so that the
command line starts fast):

- :mod:`~zoneatlas.heat.kernels`, :mod:`~zoneatlas.heat.spec`: kernel shapes and
  constants, :class:`~zoneatlas.heat.spec.KernelSpec`.
- :mod:`~zoneatlas.heat.grid`: :class:`~zoneatlas.heat.grid.Grid` with QGIS's grid
  conventions; QGIS's row quirk.
- :mod:`~zoneatlas.heat.kde`: :func:`~zoneatlas.heat.kde.density`,
  :func:`~zoneatlas.heat.kde.heat_grid` (brute force, exact splatting, auto);
  :mod:`~zoneatlas.heat.convolve` (binning + FFT), :mod:`~zoneatlas.heat.prepared`
  (points pre-sorted for repeated draws).
- :mod:`~zoneatlas.heat.points`: point layers as arrays, the seam to the store.
- :mod:`~zoneatlas.heat.surface`, :mod:`~zoneatlas.heat.tiles`,
  :mod:`~zoneatlas.heat.ramps`, :mod:`~zoneatlas.heat.service`: full-extent surfaces,
  PNG tiles, colour ramps and legends, and the cached service the API uses.
- :mod:`~zoneatlas.heat.hexagons`: H3 aggregation to GeoJSON.
- :mod:`~zoneatlas.heat.raster`, :mod:`~zoneatlas.heat.cli`: GeoTIFF / PNG / .npy output
  and the ``zoneatlas heat`` command.

The attractiveness index (issue 5, next round) builds on :func:`~zoneatlas.heat.kde.density`
for its industry-agglomeration factor: ``density(points.x, points.y, None, grid,
KernelSpec(radius_m=..., scaled=True))`` on the index's own grid, with points from a
:class:`~zoneatlas.heat.points.PointSource` filtered by ``industry=...``.
"""
