"""What a kernel density estimate is asked for: kernel, radius, output (raw or scaled)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from zoneatlas.errors import InvalidParameter
from zoneatlas.heat.kernels import (
    DEFAULT_KERNEL,
    KernelName,
    check_decay,
    output_factor,
    parse_kernel,
)

#: Radii a request may use, metres (10 m .. 20 km covers a parcel to a whole zone).
MIN_RADIUS_M = 10.0
MAX_RADIUS_M = 20_000.0


@dataclass(frozen=True)
class KernelSpec:
    """A kernel density estimate's parameters.

    Parameters
    ----------
    kernel : str
        quartic (default), triangular, uniform, triweight, epanechnikov or gaussian.
    radius_m : float
        Kernel radius ("bandwidth" in QGIS), metres; the kernel is 0 beyond it.
    scaled : bool
        False: raw output, Σ weight × K(d/r) (unit: weight). True: density per m²
        (unit: weight/m²) that integrates to the total weight.
    decay : float
        QGIS's decay ratio of the triangular kernel; ignored by the others.
    """

    kernel: KernelName = DEFAULT_KERNEL
    radius_m: float = 500.0
    scaled: bool = False
    decay: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "kernel", parse_kernel(self.kernel))
        radius = float(self.radius_m)
        if not (math.isfinite(radius) and radius > 0):
            raise InvalidParameter("radius", "must be a positive number of metres")
        object.__setattr__(self, "radius_m", radius)
        object.__setattr__(self, "decay", check_decay(self.kernel, float(self.decay)))

    @property
    def factor(self) -> float:
        """Multiplier from raw kernel sums to this output (1, or C/r² in 1/m²)."""
        return output_factor(self.kernel, self.radius_m, self.scaled, self.decay)


def checked_radius(radius_m: float) -> float:
    """A request's radius in metres, within :data:`MIN_RADIUS_M` .. :data:`MAX_RADIUS_M`."""
    if not (math.isfinite(radius_m) and MIN_RADIUS_M <= radius_m <= MAX_RADIUS_M):
        raise InvalidParameter(
            "radius", f"must be between {MIN_RADIUS_M:g} and {MAX_RADIUS_M:g} metres"
        )
    return float(radius_m)
