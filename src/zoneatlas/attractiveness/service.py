"""The attractiveness service the API and the CLI share: reads a zone's records through a
small reader interface (the store, or a fake), keeps the arrays and the grids, and scores
parcels.

Grids are cached per (zone, data revision, industry, model fingerprint); the inputs per
(zone, data revision). With a reader that has ``revision(zone)`` (the store), a write to
the zone shows at the next request; :meth:`AttractivenessService.invalidate` forgets all.

A parcel is scored at its centroid (in the metric CRS), with its majority-area benchmark
grade as the price reference (the grade the land price engine values it at).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import shapely

from zoneatlas.attractiveness.inputs import AttractivenessInputs, inputs_from_records, project
from zoneatlas.attractiveness.model import AttractivenessModel, default_model
from zoneatlas.attractiveness.price import majority_grades
from zoneatlas.attractiveness.score import PointScores, ScoreGrids, score_at, score_grids, zone_grid
from zoneatlas.errors import InvalidParameter
from zoneatlas.heat.memo import Memo
from zoneatlas.landprice.tables import TableSet
from zoneatlas.parcels import vocab


class ZoneReader(Protocol):
    """The part of :class:`zoneatlas.store.Store` the service reads (plus, when present,
    ``revision(zone) -> int``)."""

    def get_zone(self, slug: str) -> Any: ...

    def features(self, zone: str, layer: str | None = None) -> Sequence[Any]: ...

    def pois(self, zone: str) -> Sequence[Any]: ...

    def enterprises(self, zone: str, industry: str | None = None) -> Sequence[Any]: ...

    def land_grades(self, zone: str) -> Sequence[Any]: ...

    def parcels(self, zone: str) -> Sequence[Any]: ...

    def parcel(self, zone: str, code: str) -> Any: ...


TablesLookup = Callable[[str], TableSet | None]


def parse_industry(value: str | None, parameter: str = "industry") -> str | None:
    """An industry key from a key, Chinese or English name (None for none/empty)."""
    if value is None or not value.strip():
        return None
    term = vocab.lookup("industry", value)
    if term is None:
        raise InvalidParameter(
            parameter,
            f"unknown industry {value!r}; expected one of {', '.join(vocab.keys('industry'))}",
        )
    return term.key


@dataclass(frozen=True)
class ParcelScores:
    """Scores of parcels (records in ``parcels``, arrays aligned with them)."""

    parcels: Sequence[Any]
    lon: np.ndarray
    lat: np.ndarray
    scores: PointScores
    grids: ScoreGrids


class AttractivenessService:
    """Attractiveness of a zone's locations and parcels.

    Parameters
    ----------
    reader : ZoneReader
        Where records come from (the store, or a fake in tests).
    tables : callable
        Zone slug → the zone's benchmark land price table set in force, or None.
    model : AttractivenessModel
        The model used when a call gives none (default: :func:`default_model`).
    grids : int
        Score grids kept (each a few 100 m-cell layers of the zone, well under 1 MB).
    """

    def __init__(
        self,
        reader: ZoneReader,
        tables: TablesLookup = lambda _zone: None,
        model: AttractivenessModel | None = None,
        grids: int = 32,
    ) -> None:
        self.reader = reader
        self.tables = tables
        self.model = model or default_model()
        self._inputs: Memo[AttractivenessInputs] = Memo(8)
        self._grids: Memo[ScoreGrids] = Memo(grids)

    def _revision(self, zone: str) -> int | None:
        revision = getattr(self.reader, "revision", None)
        return None if revision is None else int(revision(zone))

    def inputs(self, zone: str) -> AttractivenessInputs:
        """The zone's records as metric arrays, for its current data revision."""
        revision = self._revision(zone)

        def load() -> AttractivenessInputs:
            record = self.reader.get_zone(zone)
            return inputs_from_records(
                zone,
                int(record.metric_epsg),
                record.boundary,
                (self.reader.features(zone), self.reader.pois(zone), self.reader.enterprises(zone)),
                self.reader.land_grades(zone),
                self.tables(zone),
                version=str(revision),
            )

        return self._inputs.get((zone, revision), load)

    def grids(
        self, zone: str, industry: str | None, model: AttractivenessModel | None = None
    ) -> ScoreGrids:
        """Factor, quality, price and value grids of ``industry`` (cached)."""
        model = model or self.model
        inputs = self.inputs(zone)
        key = (zone, inputs.version, industry, model.fingerprint)

        def compute() -> ScoreGrids:
            grid = zone_grid(inputs.boundary, model.cell_m, inputs.epsg)
            return score_grids(inputs, grid, model, industry)

        return self._grids.get(key, compute)

    def score_parcels(
        self,
        zone: str,
        parcels: Sequence[Any],
        industry: str | None,
        model: AttractivenessModel | None = None,
    ) -> ParcelScores:
        """Score parcel records at their centroids, with their majority-area grades."""
        grids = self.grids(zone, industry, model)
        inputs = self.inputs(zone)
        metric = project([p.geometry for p in parcels], inputs.epsg)
        centroids = shapely.centroid(metric) if len(metric) else metric
        x = np.asarray(shapely.get_x(centroids), dtype=np.float64)
        y = np.asarray(shapely.get_y(centroids), dtype=np.float64)
        grades = majority_grades(inputs.grades, metric)
        scores = score_at(inputs, grids, x, y, grades)
        lonlat = shapely.centroid(np.array([p.geometry for p in parcels], dtype=object))
        return ParcelScores(
            parcels,
            np.asarray(shapely.get_x(lonlat)) if len(parcels) else np.zeros(0),
            np.asarray(shapely.get_y(lonlat)) if len(parcels) else np.zeros(0),
            scores,
            grids,
        )

    def parcel(
        self,
        zone: str,
        code: str,
        industry: str | None,
        model: AttractivenessModel | None = None,
    ) -> ParcelScores:
        """One parcel's scores (:class:`~zoneatlas.errors.ParcelNotFound` if unknown).

        ``industry`` None: the parcel's first planned industry, else no industry (the
        default weights and all enterprises).
        """
        record = self.reader.parcel(zone, code)
        if industry is None and getattr(record, "industries", None):
            industry = str(record.industries[0])
        return self.score_parcels(zone, [record], industry, model)

    def ranking(
        self, zone: str, industry: str | None, model: AttractivenessModel | None = None
    ) -> ParcelScores:
        """Every parcel of the zone scored for ``industry`` (in the store's order)."""
        return self.score_parcels(zone, list(self.reader.parcels(zone)), industry, model)

    def invalidate(self) -> None:
        """Forget cached inputs and grids (after data changed without a revision bump)."""
        self._inputs.clear()
        self._grids.clear()


SORT_KEYS = ("score", "value_index")
ORDERS = ("desc", "asc")


def rank_order(result: ParcelScores, sort: str = "score", order: str = "desc") -> list[int]:
    """Indices of ``result``'s parcels by ``sort`` (score or value_index), best first
    (``desc``) or worst first (``asc``); unknown values (NaN) last, ties by parcel code."""
    if sort not in SORT_KEYS:
        raise InvalidParameter("sort", f"unknown sort {sort!r}; expected one of {SORT_KEYS}")
    if order not in ORDERS:
        raise InvalidParameter("order", f"unknown order {order!r}; expected one of {ORDERS}")
    values = result.scores.score if sort == "score" else result.scores.value_index
    key = np.where(np.isfinite(values), values, np.nan)
    signed = -key if order == "desc" else key
    missing = ~np.isfinite(signed)
    codes = np.array([str(p.code) for p in result.parcels], dtype=np.str_)
    ordered = np.lexsort((codes, np.where(missing, 0.0, signed), missing))
    return [int(i) for i in ordered]


class BundleReader:
    """A :class:`ZoneReader` over one in-memory :class:`~zoneatlas.records.ZoneBundle`:
    the demo zone without a database, and the fake of the unit tests."""

    def __init__(self, bundle: Any) -> None:
        self.bundle = bundle
        self.slug = str(bundle.zone.slug)

    def _check(self, zone: str) -> None:
        if zone != self.slug:
            from zoneatlas.errors import ZoneNotFound

            raise ZoneNotFound(zone)

    def get_zone(self, slug: str) -> Any:
        self._check(slug)
        return self.bundle.zone

    def features(self, zone: str, layer: str | None = None) -> Sequence[Any]:
        self._check(zone)
        return [f for f in self.bundle.features if layer is None or f.layer == layer]

    def pois(self, zone: str) -> Sequence[Any]:
        self._check(zone)
        return list(self.bundle.pois)

    def enterprises(self, zone: str, industry: str | None = None) -> Sequence[Any]:
        self._check(zone)
        return [e for e in self.bundle.enterprises if industry is None or e.industry == industry]

    def land_grades(self, zone: str) -> Sequence[Any]:
        self._check(zone)
        return list(self.bundle.land_grades)

    def parcels(self, zone: str) -> Sequence[Any]:
        self._check(zone)
        return sorted(self.bundle.parcels, key=lambda p: p.code)

    def parcel(self, zone: str, code: str) -> Any:
        from zoneatlas.errors import ParcelNotFound

        self._check(zone)
        for record in self.bundle.parcels:
            if record.code == code:
                return record
        raise ParcelNotFound(code)
