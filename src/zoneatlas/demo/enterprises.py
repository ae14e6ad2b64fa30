"""Synthetic enterprises of the demo zone, plus the 13 head firms of the 数字经济产业园.

Firms of the three leading industries cluster (Gaussian clusters) in their functional
areas; the others spread over the zone's land. No firm sits in water or in the forest park.
Sizes are skewed as in any firm population: employees and output per employee are
log-normal. The report names five of the digital park's 13 head firms; the other eight
names here are generic and marked (示意). Every location is illustrative.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from zoneatlas.demo.figures import REPORT_SOURCE
from zoneatlas.demo.layout import ORIGIN_X_M, ORIGIN_Y_M, Layout
from zoneatlas.demo.names import firm_names
from zoneatlas.demo.pois import DIGITAL_PARK_LOCAL
from zoneatlas.demo.project import xy_to_lonlat
from zoneatlas.records import Enterprise

FloatArray = npt.NDArray[np.float64]

DIGITAL_PARK = "数字经济产业园"
SYNTHETIC_SOURCE = "示意数据"
HEAD_NAMED_SOURCE = f"企业名称见{REPORT_SOURCE};位置示意"

#: industry → (firm count, median employees, median output per employee in 万元/year).
#: Chosen so that the life-health and manufacturing firms together produce about the
#: published 规上工业总产值 (125.3 亿元), the only output figure the report gives.
INDUSTRY_PROFILES: dict[str, tuple[int, float, float]] = {
    "film_tourism": (520, 18.0, 30.0),
    "life_health": (470, 30.0, 25.0),
    "digital_economy": (560, 25.0, 35.0),
    "advanced_manufacturing": (280, 40.0, 30.0),
    "modern_services": (380, 15.0, 25.0),
    "education": (177, 12.0, 15.0),
}
#: Leading industry → functional area code its firms cluster in.
CLUSTER_AREA = {
    "film_tourism": "film_core",
    "life_health": "health_valley",
    "digital_economy": "digital",
}
CLUSTERS_PER_AREA = 3
CLUSTER_SIGMA_M = 550.0

#: Head firms of the digital park: (name_zh, name_en, named in the report).
HEAD_FIRMS: tuple[tuple[str, str, bool], ...] = (
    ("盘石", "Panshi", True),
    ("紫光", "Unigroup (Ziguang)", True),
    ("易启科技", "Yiqi Technology", True),
    ("京东云", "JD Cloud", True),
    ("达闼科技", "CloudMinds Technology", True),
    ("某云计算头部企业(示意)", "A cloud computing head firm (illustrative)", False),
    ("某人工智能头部企业(示意)", "An artificial intelligence head firm (illustrative)", False),
    ("某大数据头部企业(示意)", "A big data head firm (illustrative)", False),
    ("某网络安全头部企业(示意)", "A cyber security head firm (illustrative)", False),
    ("某工业互联网头部企业(示意)", "An industrial internet head firm (illustrative)", False),
    ("某数字内容头部企业(示意)", "A digital content head firm (illustrative)", False),
    ("某智能终端头部企业(示意)", "A smart device head firm (illustrative)", False),
    ("某金融科技头部企业(示意)", "A fintech head firm (illustrative)", False),
)


def _firm_land(layout: Layout) -> BaseGeometry:
    """Where firms may sit (EPSG:4551): the zone minus water (10 m margin) and forest park."""
    blocked = [w.geometry.buffer(10.0) for w in layout.water]
    blocked += [p.geometry for p in layout.parks if p.kind == "forest_park"]
    land = layout.boundary.buffer(-10.0).difference(shapely.union_all(blocked))
    shapely.prepare(land)
    return land


def _first_on_land(
    land: BaseGeometry, x: FloatArray, y: FloatArray, count: int
) -> tuple[FloatArray, FloatArray]:
    inside = shapely.contains_xy(land, x, y)
    if inside.sum() < count:
        raise RuntimeError(f"only {inside.sum()} of {len(x)} sampled points on land")
    return x[inside][:count], y[inside][:count]


def _clustered(
    layout: Layout, land: BaseGeometry, area_code: str, count: int, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray]:
    """``count`` points in Gaussian clusters centred on random points of the area."""
    area = next(a.geometry for a in layout.areas if a.code == area_code)
    minx, miny, maxx, maxy = area.bounds
    draws = rng.uniform((minx, miny), (maxx, maxy), size=(400, 2))
    centres = draws[shapely.contains_xy(area, draws[:, 0], draws[:, 1])][:CLUSTERS_PER_AREA]
    pick = rng.integers(0, len(centres), size=count * 3)
    offsets = rng.normal(0.0, CLUSTER_SIGMA_M, size=(count * 3, 2))
    points = centres[pick] + offsets
    return _first_on_land(land, points[:, 0], points[:, 1], count)


def _spread(
    land: BaseGeometry, count: int, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray]:
    minx, miny, maxx, maxy = land.bounds
    points = rng.uniform((minx, miny), (maxx, maxy), size=(count * 3, 2))
    return _first_on_land(land, points[:, 0], points[:, 1], count)


def _sizes(
    count: int, median_employees: float, median_output: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Employees (3-5000) and annual output in 万元 (0.1 万元 precision), log-normal."""
    employees = np.clip(np.rint(rng.lognormal(np.log(median_employees), 1.0, count)), 3, 5000)
    per_head = rng.lognormal(np.log(median_output), 0.5, count)
    return employees.astype(np.int64), np.round(employees * per_head, 1)


def _build(
    industry: str,
    xy: tuple[FloatArray, FloatArray],
    names: list[tuple[str, str]],
    sizes: tuple[npt.NDArray[np.int64], FloatArray],
) -> list[Enterprise]:
    lon, lat = xy_to_lonlat(xy[0], xy[1])
    return [
        Enterprise(
            name_zh=zh,
            name_en=en,
            industry=industry,
            lon=round(float(x), 6),
            lat=round(float(y), 6),
            employees=int(n),
            output_wan=float(out),
            source=SYNTHETIC_SOURCE,
            synthetic=True,
        )
        for (zh, en), x, y, n, out in zip(names, lon, lat, *sizes, strict=True)
    ]


def _head_firms(rng: np.random.Generator) -> list[Enterprise]:
    """The 13 head firms, on a 5 × 3 grid (two slots left free) in the park's start-up area."""
    minx, miny, maxx, maxy = DIGITAL_PARK_LOCAL.bounds
    cols, rows = np.meshgrid(
        np.linspace(minx + 80, maxx - 80, 5), np.linspace(maxy - 100, miny + 100, 3)
    )
    x = cols.ravel()[: len(HEAD_FIRMS)] + ORIGIN_X_M
    y = rows.ravel()[: len(HEAD_FIRMS)] + ORIGIN_Y_M
    employees, output = _sizes(len(HEAD_FIRMS), 300.0, 60.0, rng)
    firms = _build(
        "digital_economy", (x, y), [(zh, en) for zh, en, _ in HEAD_FIRMS], (employees, output)
    )
    for firm, (_, _, named) in zip(firms, HEAD_FIRMS, strict=True):
        firm.park = DIGITAL_PARK
        firm.head_firm = True
        firm.source = HEAD_NAMED_SOURCE if named else "名称与位置均为示意"
    return firms


def enterprises(layout: Layout, rng: np.random.Generator) -> list[Enterprise]:
    """The 13 head firms, then 2,387 synthetic firms by industry (2,400 in all)."""
    land = _firm_land(layout)
    result = _head_firms(rng)
    for industry, (count, median_employees, median_output) in INDUSTRY_PROFILES.items():
        if industry in CLUSTER_AREA:
            xy = _clustered(layout, land, CLUSTER_AREA[industry], count, rng)
        else:
            xy = _spread(land, count, rng)
        names = firm_names(industry, count, rng)
        sizes = _sizes(count, median_employees, median_output, rng)
        result += _build(industry, xy, names, sizes)
    return result
