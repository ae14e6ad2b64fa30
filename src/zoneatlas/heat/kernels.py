"""Kernel shapes of the heat maps, with the definitions of QGIS's "Heatmap (Kernel Density
Estimation)" algorithm (``qgis:heatmapkerneldensityestimation``, source ``qgskde.cpp``).

Every kernel is a function of ``u = d / r`` (``d`` the distance from the point to a pixel
centre, ``r`` the radius, both in metres) and is zero for ``u > 1``; ``u == 1`` is inside,
as in QGIS. Two outputs:

``raw``
    the kernel shape without its normalising constant: ``K(u)``, 1 at the point for every
    kernel but the triangular one with a decay other than 0 (the unit is "weight").
``scaled``
    ``C / r² · K(u)``, a density per m² whose integral over the plane is 1, so that a grid
    of it integrates (Σ value × cell area) to the total weight.

- quartic: ``(1 - u²)²``, C = ``3/π``
- triangular: ``1 - (1 - decay)·u``, C = ``3 / ((1 + 2·decay)·π)``
- uniform: ``1``, C = ``1/π``
- triweight: ``(1 - u²)³``, C = ``4/π``
- epanechnikov: ``1 - u²``, C = ``2/π``
- gaussian: ``(g(u) - g(1)) / (1 - g(1))`` with ``g(u) = exp(-u² / (2s²))``, ``s = 1/3``;
  C = ``(1 - g(1)) / (π·((1 - g(1))·2s² - g(1)))`` ≈ 1.4684

QGIS before 3.42 scaled the quartic kernel by ``116/(5π) · 15/16``, 7.25 times too much;
this module uses the corrected ``3/π`` of QGIS 3.42. QGIS has no gaussian kernel. Ours
is a Gaussian of standard deviation ``σ = s·r = r/3``, truncated at the radius (3σ, where
g has fallen to e^-4.5 ≈ 1.1 %) and lowered by g(1) so that it reaches 0 there without
a step, then rescaled to 1 at the point; its constant normalises this kernel, so it
integrates to 1 like the others. (A step at the radius would cost the FFT path half the
step, 0.55 % of a kernel's peak, at any radius.)

>>> float(kernel_values("quartic", np.array([0.0, 0.5, 1.0, 1.5]))[1])
0.5625
>>> round(scaled_constant("quartic") * math.pi, 12)
3.0
"""

from __future__ import annotations

import math
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

from zoneatlas.errors import InvalidParameter

FloatArray = npt.NDArray[np.float64]

KernelName = Literal["quartic", "triangular", "uniform", "triweight", "epanechnikov", "gaussian"]
KERNELS: tuple[str, ...] = get_args(KernelName)
DEFAULT_KERNEL: KernelName = "quartic"

#: Standard deviation of the gaussian kernel as a fraction of the radius.
GAUSSIAN_SIGMA = 1.0 / 3.0

#: Kernels with a continuous first derivative everywhere inside the radius; binning plus
#: FFT convolution has a second-order error for them (see :mod:`zoneatlas.heat.kde`).
SMOOTH_KERNELS = frozenset({"quartic", "triweight", "gaussian"})


def parse_kernel(name: str) -> KernelName:
    """Return ``name`` as a kernel name, or raise :class:`InvalidParameter`."""
    key = name.strip().lower()
    if key == "biweight":  # another name of the quartic kernel
        key = "quartic"
    if key not in KERNELS:
        raise InvalidParameter(
            "kernel", f"unknown kernel {name!r}; expected one of {', '.join(KERNELS)}"
        )
    return key  # type: ignore[return-value]


def check_decay(kernel: str, decay: float) -> float:
    """Validate QGIS's triangular "decay ratio" (only that kernel uses it); 0 elsewhere."""
    if kernel != "triangular":
        return 0.0
    if not (math.isfinite(decay) and 0.0 <= decay <= 100.0):
        raise InvalidParameter("decay", "must be between 0 and 100 for the triangular kernel")
    return float(decay)


def kernel_values(kernel: str, u: FloatArray, decay: float = 0.0) -> FloatArray:
    """Raw kernel ``K(u)`` at ``u = d / r`` (dimensionless); 0 where ``u > 1``.

    Parameters
    ----------
    kernel : str
        One of :data:`KERNELS`.
    u : ndarray
        Distance divided by the radius, ``u >= 0``.
    decay : float
        Decay ratio of the triangular kernel (QGIS's parameter; 0 = falls to 0 at ``r``).

    Returns
    -------
    ndarray
        Kernel values, unit "weight" (1 at ``u = 0`` except triangular with decay).
    """
    u = np.asarray(u, dtype=np.float64)
    inside = u <= 1.0
    u2 = u * u
    if kernel == "quartic":
        values = (1.0 - u2) ** 2
    elif kernel == "triweight":
        values = (1.0 - u2) ** 3
    elif kernel == "epanechnikov":
        values = 1.0 - u2
    elif kernel == "triangular":
        values = 1.0 - (1.0 - decay) * u
    elif kernel == "uniform":
        values = np.ones_like(u)
    elif kernel == "gaussian":
        edge = math.exp(-1.0 / (2.0 * GAUSSIAN_SIGMA**2))
        values = (np.exp(-u2 / (2.0 * GAUSSIAN_SIGMA**2)) - edge) / (1.0 - edge)
    else:
        raise InvalidParameter("kernel", f"unknown kernel {kernel!r}")
    return np.where(inside, values, 0.0)


def scaled_constant(kernel: str, decay: float = 0.0) -> float:
    """``C`` such that ``C / r² · K(d / r)`` integrates to 1 over the plane (1/m² per 1/r²).

    The constants are QGIS's (Wand and Jones 1995, p. 175, integrated in polar
    coordinates), with the quartic one corrected as in QGIS 3.42 (``3/π``; earlier QGIS
    used ``116/(5π) · 15/16``, 7.25 times too large).
    """
    if kernel == "quartic":
        return 3.0 / math.pi
    if kernel == "triweight":
        return 4.0 / math.pi
    if kernel == "epanechnikov":
        return 2.0 / math.pi
    if kernel == "uniform":
        return 1.0 / math.pi
    if kernel == "triangular":
        return 3.0 / ((1.0 + 2.0 * decay) * math.pi)
    if kernel == "gaussian":
        two_s2 = 2.0 * GAUSSIAN_SIGMA**2
        edge = math.exp(-1.0 / two_s2)
        # ∫ over the unit disc of (exp(-u²/2s²) - edge) = π (1 - edge) 2s² - π edge
        return (1.0 - edge) / (math.pi * ((1.0 - edge) * two_s2 - edge))
    raise InvalidParameter("kernel", f"unknown kernel {kernel!r}")


def output_factor(kernel: str, radius_m: float, scaled: bool, decay: float = 0.0) -> float:
    """Factor that turns raw kernel sums into the requested output.

    1 for raw output; ``C / r²`` (1/m²) for scaled output, ``r`` in metres.
    """
    if not scaled:
        return 1.0
    return scaled_constant(kernel, decay) / (radius_m * radius_m)
