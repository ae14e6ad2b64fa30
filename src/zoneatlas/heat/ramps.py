"""Colour ramps (data, not code) and the mapping from density values to RGBA.

A ramp is a list of stops ``(t, "#rrggbbaa")`` with ``t`` from 0 to 1 of the fixed
colour scale ``[0, vmax]``; colours between stops are interpolated linearly in RGBA.
Exactly zero (no point within the radius) is transparent, whatever the ramp.

>>> rgba = colorize(np.array([[0.0, 0.5, 1.0]]), vmax=1.0, ramp="heat")
>>> rgba.shape, int(rgba[0, 0, 3])
((1, 3, 4), 0)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from zoneatlas.errors import InvalidParameter

FloatArray = npt.NDArray[np.float64]
ByteArray = npt.NDArray[np.uint8]

#: Ramps: name → stops (position 0..1, colour #rrggbbaa). Low ends are translucent so
#: the basemap shows through the weak heat.
RAMPS: dict[str, tuple[tuple[float, str], ...]] = {
    "heat": (
        (0.0, "#ffffb240"),
        (0.25, "#fecc5c99"),
        (0.5, "#fd8d3cc8"),
        (0.75, "#f03b20e6"),
        (1.0, "#bd0026ff"),
    ),
    "viridis": (
        (0.0, "#44015460"),
        (0.25, "#3b528ba0"),
        (0.5, "#21918cd0"),
        (0.75, "#5ec962e8"),
        (1.0, "#fde725ff"),
    ),
    "blues": (
        (0.0, "#eff3ff40"),
        (0.33, "#bdd7e799"),
        (0.66, "#6baed6d0"),
        (1.0, "#08519cff"),
    ),
    "magma": (
        (0.0, "#0000044a"),
        (0.25, "#51127c99"),
        (0.5, "#b73779cc"),
        (0.75, "#fc8961e8"),
        (1.0, "#fcfdbfff"),
    ),
}
DEFAULT_RAMP = "heat"
LUT_SIZE = 256


def parse_ramp(name: str | None) -> str:
    """A ramp name, or :class:`InvalidParameter` (→ 422)."""
    key = (name or DEFAULT_RAMP).strip().lower()
    if key not in RAMPS:
        raise InvalidParameter("ramp", f"unknown ramp {name!r}; expected one of {', '.join(RAMPS)}")
    return key


def _rgba(colour: str) -> tuple[int, int, int, int]:
    text = colour.lstrip("#")
    text = text + "ff" if len(text) == 6 else text
    r, g, b, a = (int(text[i : i + 2], 16) for i in range(0, 8, 2))
    return r, g, b, a


@lru_cache(maxsize=32)
def lookup_table(ramp: str) -> ByteArray:
    """``(LUT_SIZE, 4)`` uint8 RGBA colours sampled evenly from 0 to 1 along the ramp.

    The array is cached and read-only.
    """
    stops = RAMPS[parse_ramp(ramp)]
    positions = np.array([t for t, _ in stops])
    colours = np.array([_rgba(c) for _, c in stops], dtype=np.float64)
    t = np.linspace(0.0, 1.0, LUT_SIZE)
    channels = [np.interp(t, positions, colours[:, k]) for k in range(4)]
    table = np.rint(np.stack(channels, axis=1)).astype(np.uint8)
    table.flags.writeable = False
    return table


@lru_cache(maxsize=32)
def _packed_table(ramp: str) -> npt.NDArray[np.uint32]:
    """The lookup table as one uint32 per colour, entry 0 transparent (value 0)."""
    table = lookup_table(ramp).copy()
    table[0] = 0
    return table.view(np.uint32).ravel()


def colorize(values: FloatArray, vmax: float, ramp: str = DEFAULT_RAMP) -> ByteArray:
    """RGBA image ``(rows, cols, 4)`` of ``values`` on the fixed scale ``[0, vmax]``.

    Values above ``vmax`` take the top colour; values ≤ 0 are transparent.
    """
    if vmax <= 0:
        return np.zeros((*values.shape, 4), dtype=np.uint8)
    # ceil: any positive value gets at least the first colour; 0 alone is transparent
    scaled = np.ceil(np.asarray(values, dtype=np.float32) * np.float32((LUT_SIZE - 1) / vmax))
    index = np.clip(scaled, 0, LUT_SIZE - 1).astype(np.intp)
    packed = np.ascontiguousarray(_packed_table(parse_ramp(ramp))[index])
    return packed.view(np.uint8).reshape(*values.shape, 4)


@dataclass(frozen=True)
class Legend:
    """Breaks (in display units) and their colours for one fixed colour scale."""

    ramp: str
    vmax: float
    breaks: list[float]
    colors: list[str]
    unit_zh: str
    unit_en: str

    def as_json(self) -> dict[str, object]:
        return {
            "ramp": self.ramp,
            "min": 0.0,
            "max": self.vmax,
            "breaks": self.breaks,
            "colors": self.colors,
            "unit_zh": self.unit_zh,
            "unit_en": self.unit_en,
        }


def nice_round(value: float, digits: int = 3) -> float:
    """``value`` to ``digits`` significant digits (for legend labels)."""
    if value == 0 or not np.isfinite(value):
        return 0.0
    return float(f"{value:.{digits}g}")


def legend(vmax: float, ramp: str, unit_zh: str, unit_en: str, classes: int = 5) -> Legend:
    """Legend of ``classes + 1`` evenly spaced breaks from 0 to ``vmax`` (display units)."""
    lut = lookup_table(ramp)
    breaks, colours = [], []
    for k in range(classes + 1):
        t = k / classes
        r, g, b, a = (int(c) for c in lut[max(round(t * (LUT_SIZE - 1)), 1)])
        breaks.append(nice_round(vmax * t))
        colours.append(f"#{r:02x}{g:02x}{b:02x}{a:02x}")
    return Legend(parse_ramp(ramp), nice_round(vmax, 6), breaks, colours, unit_zh, unit_en)
