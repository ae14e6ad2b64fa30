"""The demo zone's land price tables: plausible, clearly synthetic, built by code.

Residential, commercial and industrial tables with five grades (I best ... V) at the base
date 2019-01-01, a quarterly land price index through 2021-10-01 (industrial land uses a
monthly growth rate instead) and the other land uses mapped explicitly onto those three:

=================  ==============
land use           priced by
=================  ==============
business           commercial
entertainment      commercial
research           industrial
industrial_1       industrial
industrial_2       industrial
logistics          industrial
=================  ==============

Every figure is made up for the jingyue-2020 demo and says so in ``source``; none is an
official benchmark price of 长春 or 净月高新区.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import numpy as np

from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.grades import demo_grade_polygons, grade_for_geometry
from zoneatlas.landprice.load import parse_table_set
from zoneatlas.landprice.model import ValuationRequest
from zoneatlas.landprice.study import Transaction
from zoneatlas.landprice.tables import TableSet

__all__ = [
    "DEMO_USE_MAPPING",
    "demo_grade_polygons",
    "demo_table_set",
    "demo_transactions",
    "grade_for_geometry",
]

#: Land uses without their own demo table → the table that prices them.
DEMO_USE_MAPPING: dict[str, str] = {
    "business": "commercial",
    "entertainment": "commercial",
    "research": "industrial",
    "industrial_1": "industrial",
    "industrial_2": "industrial",
    "logistics": "industrial",
}

_SHAPE = ("parcel_shape", "宗地形状", "Parcel shape", [1.02, 1.01, 1.0, 0.98, 0.96])
_AREA = ("parcel_area", "宗地面积", "Parcel size", [1.02, 1.01, 1.0, 0.99, 0.97])
_TERRAIN = ("terrain", "地形地势", "Terrain", [1.02, 1.01, 1.0, 0.98, 0.95])


def _levels(values: list[float]) -> dict[str, float]:
    return dict(zip(("优", "较优", "一般", "较劣", "劣"), values, strict=True))


def _sym(top: float) -> dict[str, float]:
    return _levels([top, top / 2, 0.0, -top / 2, -top])


def _distance(key: str, zh: str, en: str, target: str, cuts: list[float], top: float) -> Any:
    numeric = {"source": "distance", "target": target, "direction": "lower_better"}
    return {
        "key": key,
        "name_zh": zh,
        "name_en": en,
        "levels": _sym(top),
        "numeric": {**numeric, "thresholds": cuts},
    }


def _level(key: str, zh: str, en: str, top: float, group: str = "regional") -> Any:
    return {"key": key, "name_zh": zh, "name_en": en, "group": group, "levels": _sym(top)}


def _multiplier(spec: tuple[str, str, str, list[float]]) -> Any:
    key, zh, en, values = spec
    return {
        "key": key,
        "name_zh": zh,
        "name_en": en,
        "group": "individual",
        "kind": "multiplicative",
        "levels": _levels(values),
    }


def _far(rows: list[tuple[float, float]]) -> list[dict[str, float]]:
    return [{"far": far, "coefficient": k} for far, k in rows]


def _residential() -> dict[str, Any]:
    centre = ("distance_commercial_centre", "距商服中心距离", "Distance to commercial centre")
    environment = _level("environment", "环境质量", "Environmental quality", 2.0)
    environment["levels_by_grade"] = {"I": _sym(4.0)}
    return {
        "grades": {"I": 4600, "II": 3800, "III": 3000, "IV": 2300, "V": 1700},
        "base_far": 2.0,
        "base_development": ["seven_one"],
        "reduction_rate": 0.06,
        "factors": [
            _distance(*centre, "commercial_centre", [800, 1500, 2500, 4000], 3.0),
            _distance(
                "distance_metro_station",
                "距地铁站距离",
                "Distance to metro station",
                "metro_station",
                [500, 1000, 1500, 2500],
                2.4,
            ),
            _distance(
                "distance_bus_stop",
                "距公交站距离",
                "Distance to bus stop",
                "bus_stop",
                [200, 400, 700, 1000],
                1.6,
            ),
            _level("school_quality", "教育设施", "Schools nearby", 3.0),
            environment,
            _multiplier(_AREA),
            _multiplier(_SHAPE),
        ],
        "far_table": _far(
            [
                (1.0, 0.78),
                (1.5, 0.90),
                (2.0, 1.0),
                (2.5, 1.08),
                (3.0, 1.15),
                (3.5, 1.21),
                (4.0, 1.26),
            ]
        ),
    }


def _commercial() -> dict[str, Any]:
    centre = ("distance_commercial_centre", "距商服中心距离", "Distance to commercial centre")
    frontage = _level("frontage_m", "临街宽度", "Street frontage", 3.0, "individual")
    frontage["numeric"] = {"direction": "higher_better", "thresholds": [10, 20, 40, 60]}
    return {
        "grades": {"I": 5600, "II": 4500, "III": 3500, "IV": 2600, "V": 1900},
        "base_far": 2.0,
        "base_development": ["seven_one"],
        "reduction_rate": 0.07,
        "factors": [
            _distance(*centre, "commercial_centre", [300, 600, 1200, 2000], 5.0),
            _distance(
                "distance_main_road",
                "距主干道距离",
                "Distance to main road",
                "main_road",
                [30, 80, 150, 300],
                3.0,
            ),
            _distance(
                "distance_metro_station",
                "距地铁站距离",
                "Distance to metro station",
                "metro_station",
                [300, 600, 1000, 1500],
                3.0,
            ),
            _level("pedestrian_flow", "人流量", "Pedestrian flow", 4.0),
            frontage,
            _multiplier(_SHAPE),
        ],
        "far_table": _far(
            [
                (1.0, 0.72),
                (1.5, 0.87),
                (2.0, 1.0),
                (3.0, 1.18),
                (4.0, 1.31),
                (5.0, 1.40),
                (6.0, 1.46),
            ]
        ),
    }


def _industrial() -> dict[str, Any]:
    return {
        "grades": {"I": 720, "II": 600, "III": 500, "IV": 420, "V": 360},
        "base_far": 1.0,
        "base_development": ["five_one"],
        "reduction_rate": 0.065,
        "date_correction": {"monthly_growth_rate": 0.002, "source": "synthetic: 0.2 % a month"},
        "factors": [
            _distance(
                "distance_main_road",
                "距主干道距离",
                "Distance to main road",
                "main_road",
                [200, 500, 1000, 2000],
                3.0,
            ),
            _level("industrial_cluster", "产业集聚度", "Industrial clustering", 4.0),
            _level("infrastructure", "基础设施完善度", "Infrastructure", 3.0),
            _multiplier(_TERRAIN),
            _multiplier(_AREA),
        ],
    }


_ITEMS = {
    "road": ("通路", "Road", 40.0),
    "power": ("通电", "Power", 25.0),
    "water_supply": ("通上水", "Water supply", 20.0),
    "drainage": ("通下水", "Drainage", 25.0),
    "telecom": ("通讯", "Telecom", 10.0),
    "gas": ("通燃气", "Gas", 15.0),
    "heating": ("通热", "District heating", 30.0),
    "cable_tv": ("通有线电视", "Cable TV", 5.0),
    "broadband": ("通宽带", "Broadband", 5.0),
    "levelling": ("场地平整", "Site levelling", 15.0),
}
_FIVE = ["road", "power", "water_supply", "drainage", "telecom", "levelling"]
_BUNDLES = {
    "nine_one": (
        "九通一平",
        "9 utilities + levelling",
        [*_FIVE, "gas", "heating", "cable_tv", "broadband"],
    ),
    "seven_one": ("七通一平", "7 utilities + levelling", [*_FIVE, "gas", "heating"]),
    "five_one": ("五通一平", "5 utilities + levelling", _FIVE),
    "three_one": (
        "三通一平",
        "3 utilities + levelling",
        ["road", "power", "water_supply", "levelling"],
    ),
}


def _index() -> list[dict[str, Any]]:
    values = [100.0, 100.8, 101.5, 102.1, 102.6, 102.2, 102.9, 103.8, 104.6, 105.5, 106.1, 106.6]
    dates = [dt.date(2019 + q // 4, 1 + 3 * (q % 4), 1) for q in range(len(values))]
    return [{"date": d, "index": v} for d, v in zip(dates, values, strict=True)]


def demo_document() -> dict[str, Any]:
    """The demo table set as a plain document (what a YAML file would hold)."""
    return {
        "name": "jingyue-2020 demo benchmark land prices (synthetic)",
        "version": "demo-2019.1",
        "source": {
            "document_number": "示例〔2019〕1号 (synthetic, not an official document)",
            "issuing_body": "Zone Atlas demo generator",
            "title": "净月高新区基准地价示意表 (合成数据) / demo benchmark land prices (synthetic)",
            "base_date": dt.date(2019, 1, 1),
            "synthetic": True,
            "note": "Made up for the jingyue-2020 demo; no figure is an official price.",
        },
        "date_correction": {"index": _index(), "frequency": "quarterly", "source": "synthetic"},
        "uses": {
            "residential": _residential(),
            "commercial": _commercial(),
            "industrial": _industrial(),
        },
        "use_mapping": DEMO_USE_MAPPING,
        "development_costs": {
            k: {"name_zh": zh, "name_en": en, "cost_yuan_m2": c}
            for k, (zh, en, c) in _ITEMS.items()
        },
        "development_bundles": {
            k: {"name_zh": zh, "name_en": en, "items": items}
            for k, (zh, en, items) in _BUNDLES.items()
        },
        "national_industrial_grade": 8,
    }


@lru_cache(maxsize=1)
def demo_table_set() -> TableSet:
    """The validated demo table set (synthetic; see the module docstring)."""
    return parse_table_set(demo_document(), "demo table set")


def demo_levels(rng: np.random.Generator, tables: TableSet, use_key: str) -> dict[str, str]:
    """Random factor levels for a use (mostly around 一般), for demo and benchmark parcels."""
    names = ("优", "较优", "一般", "较劣", "劣")
    weights = np.array([0.1, 0.25, 0.3, 0.25, 0.1])
    return {f.key: names[int(rng.choice(5, p=weights))] for f in tables.uses[use_key].factors}


def demo_transactions(count: int = 60, seed: int = 20200624) -> list[Transaction]:
    """Synthetic land transactions for the demo's ratio study (fixed seed).

    Each is a random parcel of residential, commercial or class I industrial land valued by
    the demo tables at a random date between 2019-03 and 2021-09, times a log-normal
    "market" noise (median +2 %, about 9 % spread), rounded to whole 元/m².
    """
    tables = demo_table_set()
    rng = np.random.default_rng(seed)
    far_ranges = {"residential": (1.2, 3.5), "commercial": (1.2, 5.0), "industrial_1": (0.8, 2.0)}
    sales = []
    for i in range(count):
        use = str(rng.choice(list(far_ranges), p=[0.45, 0.25, 0.30]))
        table_key = "industrial" if use == "industrial_1" else use
        grade = str(rng.choice(list(tables.uses[table_key].grades)))
        low, high = far_ranges[use]
        request = ValuationRequest(
            use=use,
            grade=grade,
            area_m2=float(rng.integers(8, 120)) * 1000.0,
            far=round(float(rng.uniform(low, high)), 1),
            valuation_date=dt.date(2019, 3, 1) + dt.timedelta(days=int(rng.integers(0, 944))),
            levels=demo_levels(rng, tables, table_key),
        )
        estimate = value_parcel(tables, request).unit_price_yuan_m2
        price = round(estimate * float(np.exp(rng.normal(0.02, 0.09))))
        sales.append(
            Transaction(
                date=request.valuation_date or tables.source.base_date,
                use=use,
                grade=grade,
                area_m2=request.area_m2,
                far=request.far,
                price_yuan_m2=float(price),
                levels=request.levels,
                parcel_code=f"DEMO-SALE-{i + 1:03d}",
                source="synthetic demo transaction",
                synthetic=True,
            )
        )
    return sales
