"""What matching and comparison need of a zone, built once per zone revision.

:func:`zone_context` loads the parcels, functional areas, intensity indicators, policies
and contacts of a zone, turns the parcels into columns (:class:`ParcelArrays`) and
prepares the land price engine's inputs (grade and distances of every parcel). Building it
loops over parcels (grades, geometry); it is cached by the zone's data revision, which
every write bumps, so a request after an import sees the new data.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from zoneatlas.errors import NotFound, ParcelNotFound
from zoneatlas.landprice.batch import Coded
from zoneatlas.landprice.distance import derive_distances_batch
from zoneatlas.landprice.grades import grade_for_geometry
from zoneatlas.landprice.tables import TableSet
from zoneatlas.matching.arrays import FloatArray, ParcelArrays
from zoneatlas.matching.landcost import LandCostInputs
from zoneatlas.messages import Bi
from zoneatlas.parcels.model import Parcel
from zoneatlas.policies.eligibility import ParsedPolicy, parse_policy
from zoneatlas.policies.rules import RuleInvalid
from zoneatlas.records import Contact, FunctionalArea, IntensityRule
from zoneatlas.store import Store
from zoneatlas.valuation import reference_targets, zone_table_set

log = logging.getLogger(__name__)
CACHE_SIZE = 8


@dataclass(frozen=True)
class ZoneContext:
    """A zone's parcels (in store order, by code) with their columns and engine inputs."""

    zone: str
    revision: int
    metric_epsg: int
    parcels: tuple[Parcel, ...]
    arrays: ParcelArrays
    land_cost: LandCostInputs
    areas: tuple[FunctionalArea, ...]
    area_names: dict[str, Bi]
    intensity: dict[str, IntensityRule]
    policies: tuple[ParsedPolicy, ...]
    contacts: tuple[Contact, ...]

    def index_of(self, code: str) -> int:
        try:
            return self.arrays.codes.index(code)
        except ValueError:
            raise ParcelNotFound(code) from None


# One cache per store (weakly held, so a closed store's entries go with it): two stores
# may hold the same zone at the same revision with different data (tests, other databases).
_caches: weakref.WeakKeyDictionary[Store, OrderedDict[tuple[str, int], ZoneContext]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def zone_context(store: Store, zone: str) -> ZoneContext:
    """The zone's context at its current revision (cached per store, thread-safe)."""
    key = (zone, store.revision(zone))
    with _lock:
        cache = _caches.setdefault(store, OrderedDict())
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    context = build_context(store, zone, key[1])
    with _lock:
        cache[key] = context
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
    return context


def parsed_policies(store: Store, zone: str) -> list[ParsedPolicy]:
    """The zone's policies, validated; a stored policy that fails validation is logged
    and left out (policies are validated when written, so this means a hand edit)."""
    result = []
    for policy in store.policies(zone):
        try:
            result.append(parse_policy(policy))
        except RuleInvalid as exc:
            log.warning("policy %s is invalid and not applied: %s", policy.slug, exc)
    return result


def build_context(store: Store, zone: str, revision: int) -> ZoneContext:
    metric_epsg = store.get_zone(zone).metric_epsg
    parcels = store.parcels(zone)
    areas = store.functional_areas(zone)
    rules = store.intensity_rules(zone)
    arrays = ParcelArrays.from_records(parcels, areas, rules)
    return ZoneContext(
        zone=zone,
        revision=revision,
        metric_epsg=metric_epsg,
        parcels=tuple(parcels),
        arrays=arrays,
        land_cost=_land_cost_inputs(store, zone, parcels, metric_epsg),
        areas=tuple(areas),
        area_names={a.code: Bi(a.name_zh, a.name_en) for a in areas},
        intensity={r.parcel_code: r for r in rules},
        policies=tuple(parsed_policies(store, zone)),
        contacts=tuple(store.contacts(zone)),
    )


def _tables(store: Store, zone: str) -> TableSet | None:
    try:
        return zone_table_set(store, zone)
    except NotFound:
        return None


def _land_cost_inputs(
    store: Store, zone: str, parcels: list[Parcel], metric_epsg: int
) -> LandCostInputs:
    tables = _tables(store, zone)
    grades = {g.grade: g.geometry for g in store.land_grades(zone)}
    grade_labels = [grade_for_geometry(grades, p.geometry) or "" for p in parcels]
    derived: dict[str, FloatArray] = {}
    if tables is not None and parcels:
        derived = _derived_distances(store, zone, tables, parcels, metric_epsg)
    return LandCostInputs(
        tables=tables,
        use=Coded.from_values([p.land_use for p in parcels] or np.empty(0, str)),
        grade=Coded.from_values(grade_labels or np.empty(0, str)),
        area_m2=np.asarray([p.area_m2 for p in parcels], dtype=np.float64),
        far=_floats([p.far_max for p in parcels]),
        term_years=_floats([p.lease_years for p in parcels]),
        development=Coded.from_values([p.development_level for p in parcels] or np.empty(0, str)),
        start_price_yuan_m2=_floats([p.start_price_yuan_m2 for p in parcels]),
        derived=derived,
    )


def _derived_distances(
    store: Store, zone: str, tables: TableSet, parcels: list[Parcel], metric_epsg: int
) -> dict[str, FloatArray]:
    """Factor key → distance in metres of every parcel to the factor's target layer (the
    engine ignores the distance for parcels whose use does not grade that factor)."""
    wanted: dict[str, str] = {}
    for table in tables.uses.values():
        for factor in table.factors:
            numeric = factor.numeric
            if numeric is not None and numeric.source == "distance" and numeric.target:
                wanted.setdefault(factor.key, numeric.target)
    targets = reference_targets(store, zone)
    layers = {t: targets[t] for t in set(wanted.values()) if targets.get(t)}
    distances = derive_distances_batch([p.geometry for p in parcels], layers, metric_epsg)
    return {key: distances[target] for key, target in wanted.items() if target in distances}


def _floats(values: list[float | int | None]) -> FloatArray:
    return np.asarray([np.nan if v is None else float(v) for v in values], dtype=np.float64)
