"""Attractiveness factors, scores and value index on small fake zones (metres, no store)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest
import shapely
import shapely.affinity
from shapely.geometry import LineString, box
from shapely.geometry.base import BaseGeometry

from zoneatlas.attractiveness.factors import decay, nearest_distance, raw_at
from zoneatlas.attractiveness.inputs import AttractivenessInputs, Features, Places
from zoneatlas.attractiveness.model import Decay, default_model, override_weights
from zoneatlas.attractiveness.price import relative_price, value_index
from zoneatlas.attractiveness.score import ScoreGrids, score_at, score_grids, zone_grid
from zoneatlas.heat.points import PointLayer
from zoneatlas.landprice.demo import demo_table_set

pytestmark = pytest.mark.unit
EPSG = 4551
SIZE = 6000.0  # the fake zone is a 6 km square
RNG_SEED = 5


def fake_inputs(
    stations: Sequence[tuple[float, float]] = ((3000.0, 3000.0),),
    roads: Sequence[BaseGeometry] = (LineString([(0, 1000), (SIZE, 1000)]),),
    places: Sequence[tuple[str, float, float]] = (),
    firms: Sequence[tuple[str, float, float]] = (),
    green: Sequence[BaseGeometry] = (),
    grades: dict[str, BaseGeometry] | None = None,
    tables: bool = True,
) -> AttractivenessInputs:
    """A square zone in metres with the given stations, main roads, POIs, firms, parks."""
    spots = [("transit", x, y) for x, y in stations] + list(places)
    shapes = [("road", "main", g) for g in roads] + [("park", "park", g) for g in green]
    geometry = np.empty(len(shapes), dtype=object)
    geometry[:] = [g for _, _, g in shapes]
    fx = np.array([x for _, x, _ in firms], dtype=np.float64)
    fy = np.array([y for _, _, y in firms], dtype=np.float64)
    layer = PointLayer(
        "enterprises",
        EPSG,
        fx,
        fy,
        fx,
        fy,
        {"employees": np.ones(len(firms)), "output_wan": np.ones(len(firms))},
        {"industry": np.array([i for i, _, _ in firms], dtype=np.str_)},
    )
    default_grades = {"I": box(0, 3000, SIZE, SIZE), "V": box(0, 0, SIZE, 3000)}
    return AttractivenessInputs(
        zone="fake",
        epsg=EPSG,
        boundary=box(0, 0, SIZE, SIZE),
        features=Features(
            np.array([layer for layer, _, _ in shapes], dtype=np.str_),
            np.array([kind for _, kind, _ in shapes], dtype=np.str_),
            geometry,
        ),
        places=Places(
            np.array([c for c, _, _ in spots], dtype=np.str_),
            np.array([x for _, x, _ in spots], dtype=np.float64),
            np.array([y for _, _, y in spots], dtype=np.float64),
        ),
        firms=layer,
        grades=default_grades if grades is None else grades,
        tables=demo_table_set() if tables else None,
    )


def scores_of(inputs: AttractivenessInputs, industry: str | None = "digital_economy") -> ScoreGrids:
    model = default_model()
    return score_grids(inputs, zone_grid(inputs.boundary, model.cell_m, EPSG), model, industry)


def test_decay_is_one_near_halves_and_never_rises() -> None:
    spec = Decay(full_m=300.0, half_m=800.0)
    d = np.linspace(0.0, 20_000.0, 2001)
    values = decay(d, spec)
    assert values[d <= 300].min() == 1.0
    assert decay(np.array([1100.0, 1900.0]), spec).tolist() == [0.5, 0.25]
    assert np.all(np.diff(values) <= 0) and decay(np.array([math.inf]), spec)[0] == 0.0


def test_nearest_distance_is_zero_inside_polygons_and_inf_without_targets() -> None:
    targets = np.array([box(0, 0, 10, 10), shapely.Point(100, 0)], dtype=object)
    d = nearest_distance(np.array([5.0, 40.0, 100.0]), np.array([5.0, 0.0, 3.0]), targets)
    assert d.tolist() == [0.0, 30.0, 3.0]
    assert np.isinf(nearest_distance(np.array([1.0]), np.array([1.0]), np.empty(0, object)))[0]


def test_moving_a_probe_towards_a_metro_station_never_lowers_accessibility() -> None:
    """Property over many random probes: on a zone with stations and no road, each probe
    moves part of the way (or all the way) towards its nearest station; its accessibility
    never falls. (Towards any other station it may: the nearest one then recedes.)"""
    rng = np.random.default_rng(RNG_SEED)
    stations = np.array([(1000.0, 4500.0), (3500.0, 2500.0), (5200.0, 800.0)])
    inputs = fake_inputs(stations=[tuple(s) for s in stations], roads=())
    factor = default_model().factor("accessibility")
    x, y = rng.uniform(0, SIZE, 4000), rng.uniform(0, SIZE, 4000)
    nearest = np.argmin(np.hypot(x[:, None] - stations[:, 0], y[:, None] - stations[:, 1]), 1)
    target = stations[nearest]
    before = raw_at(factor, inputs, None, x, y)
    for t in [*rng.uniform(0, 1, 20).tolist(), 1.0]:
        nx, ny = x + t * (target[:, 0] - x), y + t * (target[:, 1] - y)
        after = raw_at(factor, inputs, None, nx, ny)
        assert np.all(after >= before), t
    assert before.min() < 0.05 and before.max() == 0.5  # no road: transit is half the factor


def test_closer_to_transit_and_no_farther_from_a_road_never_scores_lower() -> None:
    """With roads too: over random pairs of positions, the one at most as far from both
    the nearest main road and the nearest station has at least the accessibility."""
    rng = np.random.default_rng(RNG_SEED + 1)
    roads = [LineString([(0, 1000), (SIZE, 1200)]), LineString([(2500, 0), (2600, SIZE)])]
    inputs = fake_inputs(stations=[(3000.0, 3000.0), (800.0, 5000.0)], roads=roads)
    factor = default_model().factor("accessibility")
    x, y = rng.uniform(0, SIZE, (2, 3000))
    road = nearest_distance(x, y, inputs.features.select(["road"]))
    stops = np.array(shapely.points(inputs.places.x, inputs.places.y))
    transit = nearest_distance(x, y, stops)
    value = raw_at(factor, inputs, None, x, y)
    i, j = rng.integers(0, x.size, (2, 200_000))
    dominates = (road[i] <= road[j]) & (transit[i] <= transit[j])
    assert dominates.sum() > 10_000
    assert np.all(value[i][dominates] >= value[j][dominates])


def test_parcels_moved_towards_a_station_score_no_lower_accessibility() -> None:
    """The same through the parcel path (centroid scoring) with translated polygons."""
    rng = np.random.default_rng(RNG_SEED + 2)
    station = np.array([3000.0, 3000.0])
    inputs = fake_inputs(stations=[tuple(station)], roads=())
    scores = scores_of(inputs)
    corners = rng.uniform(200, SIZE - 400, (500, 2))
    parcels = shapely.box(corners[:, 0], corners[:, 1], corners[:, 0] + 150, corners[:, 1] + 90)
    centre = shapely.get_coordinates(shapely.centroid(parcels))
    for t in (0.2, 0.7):
        moved = np.asarray(
            [
                shapely.affinity.translate(p, *(t * (station - c)))
                for p, c in zip(parcels, centre, strict=True)
            ]
        )
        a, b = (
            score_at(inputs, scores, *shapely.get_coordinates(shapely.centroid(g)).T)
            for g in (parcels, moved)
        )
        assert np.all(b.values["accessibility"] >= a.values["accessibility"])


def test_contributions_are_weight_times_value_and_sum_to_the_score() -> None:
    rng = np.random.default_rng(RNG_SEED + 3)
    firms = [("digital_economy", *xy) for xy in rng.uniform(1000, 2500, (60, 2))]
    places = [("school", 1500.0, 1500.0), ("hospital", 4000.0, 4000.0)]
    inputs = fake_inputs(firms=firms, places=places, green=[box(4000, 0, 5000, 1000)])
    scores = scores_of(inputs)
    x, y = rng.uniform(0, SIZE, (2, 500))
    result = score_at(inputs, scores, x, y)
    weights = default_model().weights_for("digital_economy")
    total = sum(result.contributions.values())
    np.testing.assert_allclose(total, result.score, atol=1e-9)
    for key, weight in weights.items():
        np.testing.assert_allclose(result.contributions[key], 100 * weight * result.values[key])
        assert np.all((result.values[key] >= 0) & (result.values[key] <= 1))
    assert result.score.max() > 30 and result.score.min() >= 0


def test_grid_cells_equal_the_point_scores_of_their_centres() -> None:
    rng = np.random.default_rng(RNG_SEED + 4)
    firms = [("digital_economy", *xy) for xy in rng.normal(2000, 400, (80, 2))]
    inputs = fake_inputs(firms=firms, places=[("school", 2500.0, 2500.0)])
    scores = scores_of(inputs)
    cx, cy = scores.grid.centres()
    qx, qy = np.meshgrid(cx, cy)
    points = score_at(inputs, scores, qx.ravel(), qy.ravel())
    for key, grid_values in scores.factors.values.items():  # FFT path: 0.5 % of the peak
        np.testing.assert_allclose(points.values[key], grid_values.ravel(), atol=5e-3)
    np.testing.assert_allclose(points.score, scores.quality.ravel(), atol=0.5)


def test_agglomeration_counts_only_the_industry_and_scores_one_at_the_robust_max() -> None:
    firms = [("digital_economy", 1500.0 + dx, 1500.0) for dx in range(0, 200, 10)]
    firms += [("film_tourism", 4500.0 + dx, 4500.0) for dx in range(0, 200, 10)]
    inputs = fake_inputs(firms=firms)
    digital = scores_of(inputs, "digital_economy")
    values = digital.factors.values["agglomeration"]
    assert values.max() == 1.0 and values[digital.factors.inside].mean() < 0.2
    result = score_at(inputs, digital, np.array([1600.0, 4600.0]), np.array([1500.0, 4500.0]))
    assert result.values["agglomeration"][0] == 1.0 and result.values["agglomeration"][1] == 0.0
    nobody = scores_of(inputs, "education")
    assert nobody.factors.scales["agglomeration"] == 0.0
    assert nobody.factors.values["agglomeration"].max() == 0.0


def test_public_services_count_within_reach_with_linear_decay() -> None:
    places = [("school", 1000.0, 1000.0), ("school", 1000.0, 1000.0), ("hospital", 1000.0, 1000.0)]
    inputs = fake_inputs(places=places)
    factor = default_model().factor("public_services")
    d = np.array([0.0, 750.0, 1500.0, 3000.0])
    values = raw_at(factor, inputs, None, 1000.0 + d, np.full(4, 1000.0))
    # schools: 2·(1 − d/1500) over saturation 2; hospital: 1·(1 − d/1500) over 1
    np.testing.assert_allclose(values, [1.0, 0.5, 0.0, 0.0])


def test_environment_is_one_inside_green_space_and_decays_outside() -> None:
    inputs = fake_inputs(green=[box(0, 0, 1000, 1000)], places=[("scenic", 5000.0, 5000.0)])
    factor = default_model().factor("environment")
    values = raw_at(factor, inputs, None, np.array([500.0, 1600.0, 5000.0]), np.full(3, 500.0))
    np.testing.assert_allclose(values, [1.0, 0.5, 2 ** (-4000.0 / 600.0)])  # box nearer


def test_value_index_falls_as_land_price_rises_at_equal_quality() -> None:
    prices = np.linspace(300.0, 5000.0, 200)  # above the floor 0.25 × median
    v = value_index(np.full(prices.shape, 60.0), relative_price(prices, 1000.0, 0.25))
    assert np.all(np.diff(v) < 0)
    assert value_index(np.array([60.0]), relative_price(np.array([1000.0]), 1000.0, 0.25))[0] == 60
    # guards: a price at or below 0 or unknown gives no index; a tiny price is capped
    guarded = relative_price(np.array([0.0, np.nan, 1.0]), 1000.0, 0.25)
    assert np.isnan(guarded[:2]).all() and guarded[2] == 0.25
    assert np.isnan(relative_price(np.array([500.0]), math.nan, 0.25)).all()


def test_same_place_at_a_dearer_grade_has_the_same_score_and_a_lower_value_index() -> None:
    inputs = fake_inputs(places=[("school", 3000.0, 3000.0)])
    scores = scores_of(inputs)
    result = score_at(inputs, scores, np.full(2, 3100.0), np.full(2, 3100.0), np.array(["V", "I"]))
    assert result.score[0] == result.score[1]
    assert result.price[1] > result.price[0] and result.value_index[1] < result.value_index[0]
    # demo tables: digital economy → research → industrial prices
    assert result.price.tolist() == [360.0, 720.0]


def test_the_median_price_is_over_the_zones_cells() -> None:
    inputs = fake_inputs(grades={"I": box(0, 0, SIZE, 2000), "III": box(0, 2000, SIZE, SIZE)})
    scores = scores_of(inputs, "film_tourism")  # commercial: I 5600, III 3500
    assert scores.reference.table.table == "commercial"
    assert scores.reference.median_yuan_m2 == 3500.0


def test_without_tables_or_grades_there_is_no_value_index() -> None:
    for inputs in (fake_inputs(tables=False), fake_inputs(grades={})):
        scores = scores_of(inputs)
        assert math.isnan(scores.reference.median_yuan_m2)
        result = score_at(inputs, scores, np.array([100.0]), np.array([100.0]))
        assert np.isnan(result.value_index).all() and np.isfinite(result.score).all()


def test_grid_is_aligned_to_whole_cells_and_covers_the_boundary() -> None:
    boundary = box(123.4, 56.7, 5432.1, 4321.0)
    grid = zone_grid(boundary, 100.0)
    west, south, east, north = grid.bounds
    assert (west, north) == (100.0, 4400.0) and south <= 56.7 and east >= 5432.1
    assert grid.cols == 54 and grid.rows == 44


def test_request_weights_change_the_score_but_not_the_factor_values() -> None:
    inputs = fake_inputs(places=[("school", 3000.0, 3000.0)])
    model = override_weights(
        default_model(), "accessibility:1,agglomeration:0,public_services:0,environment:0", None
    )
    grid = zone_grid(inputs.boundary, model.cell_m, EPSG)
    only_access = score_grids(inputs, grid, model, "digital_economy")
    default = scores_of(inputs)
    np.testing.assert_allclose(only_access.quality, 100 * default.factors.values["accessibility"])
