"""Parcels as columns: the arrays matching scores in one pass, without a per-parcel loop.

Categorical columns (land use, status, functional area) are :class:`Coded`; industries are
a boolean matrix (parcel × :data:`INDUSTRY_KEYS`); the intensity indicators a float matrix
(parcel × :data:`INTENSITY_KEYS`, NaN = no indicator). Areas are m², plot ratios NaN when
not given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from zoneatlas.landprice.batch import Coded
from zoneatlas.parcels import vocab
from zoneatlas.parcels.model import Parcel
from zoneatlas.records import FunctionalArea, IntensityRule

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]

INDUSTRY_KEYS: tuple[str, ...] = tuple(vocab.keys("industry"))
#: Indicator columns; the first three are minimums per 亩, the last a maximum.
INTENSITY_KEYS: tuple[str, ...] = (
    "investment_wan_per_mu",
    "tax_wan_per_mu",
    "output_wan_per_mu",
    "energy_tce_per_wan",
)


@dataclass(frozen=True)
class ParcelArrays:
    """Columns of n parcels (see the module docstring for units)."""

    codes: tuple[str, ...]
    land_use: Coded
    status: Coded
    functional_area: Coded
    area_m2: FloatArray
    far_min: FloatArray
    far_max: FloatArray
    industries: BoolArray  # (n, len(INDUSTRY_KEYS))
    area_industries: BoolArray  # (n, len(INDUSTRY_KEYS)): industries of the parcel's area
    intensity: FloatArray  # (n, len(INTENSITY_KEYS))

    def __len__(self) -> int:
        return len(self.codes)

    @classmethod
    def from_records(
        cls,
        parcels: Sequence[Parcel],
        areas: Sequence[FunctionalArea] = (),
        rules: Sequence[IntensityRule] = (),
    ) -> ParcelArrays:
        """Columns of stored records (a loop over parcels here, once per zone revision)."""
        n = len(parcels)
        column = {key: i for i, key in enumerate(INDUSTRY_KEYS)}
        industries = np.zeros((n, len(INDUSTRY_KEYS)), dtype=bool)
        for i, parcel in enumerate(parcels):
            industries[i, [column[k] for k in parcel.industries if k in column]] = True
        area_codes = Coded.from_values([p.functional_area for p in parcels] or np.empty(0, str))
        by_area = {a.code: a.industries for a in areas}
        area_matrix = np.zeros((len(area_codes.labels), len(INDUSTRY_KEYS)), dtype=bool)
        for j, code in enumerate(area_codes.labels):
            area_matrix[j, [column[k] for k in by_area.get(code, []) if k in column]] = True
        intensity = np.full((n, len(INTENSITY_KEYS)), np.nan)
        row = {p.code: i for i, p in enumerate(parcels)}
        for rule in rules:
            if rule.parcel_code in row:
                values = [getattr(rule, key) for key in INTENSITY_KEYS]
                intensity[row[rule.parcel_code]] = [np.nan if v is None else v for v in values]
        return cls(
            codes=tuple(p.code for p in parcels),
            land_use=_coded([p.land_use for p in parcels]),
            status=_coded([p.status for p in parcels]),
            functional_area=area_codes,
            area_m2=np.asarray([p.area_m2 for p in parcels], dtype=np.float64),
            far_min=_floats([p.far_min for p in parcels]),
            far_max=_floats([p.far_max for p in parcels]),
            industries=industries,
            area_industries=area_matrix[area_codes.codes],
            intensity=intensity,
        )


def _coded(values: list[str]) -> Coded:
    return Coded.from_values(values if values else np.empty(0, dtype=str))


def _floats(values: list[float | None]) -> FloatArray:
    return np.asarray([np.nan if v is None else v for v in values], dtype=np.float64)


def label_mask(coded: Coded, wanted: Sequence[str]) -> BoolArray:
    """Per parcel: is its label one of ``wanted`` (one comparison per label, then a take)."""
    per_label = np.asarray([label in wanted for label in coded.labels], dtype=bool)
    if not len(per_label):
        return np.zeros(len(coded.codes), dtype=bool)
    return np.asarray(per_label[coded.codes])
