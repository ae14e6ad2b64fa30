"""A tiny hand-made zone for API and store tests, independent of the demo generator."""

from __future__ import annotations

import datetime as dt

from shapely.geometry import LineString, Polygon, box

from zoneatlas.parcels.model import Parcel
from zoneatlas.records import (
    Enterprise,
    FunctionalArea,
    Indicator,
    LandGrade,
    LandTransaction,
    MapFeature,
    Poi,
    TimelineEvent,
    Zone,
    ZoneBundle,
)

LON, LAT = 125.50, 43.78
D = 0.002  # about 160 m east-west, 220 m north-south


def square(i: int, j: int) -> Polygon:
    x, y = LON + i * 1.5 * D, LAT + j * 1.5 * D
    return box(x, y, x + D, y + D)


def sample_parcels() -> list[Parcel]:
    specs = [
        ("T-001", "测试商业地块", "commercial", "available", ["film_tourism"], 6830.0),
        ("T-002", "测试工业地块", "industrial_1", "reserved", ["life_health"], 480.0),
        (
            "T-003",
            "测试科研地块",
            "research",
            "negotiating",
            ["digital_economy", "life_health"],
            None,
        ),
        ("T-004", "测试住宅地块", "residential", "transferred", [], 7214.0),
    ]
    parcels = []
    for n, (code, name, use, status, industries, price) in enumerate(specs):
        parcels.append(
            Parcel(
                code=code,
                name_zh=name,
                name_en=f"Test parcel {n + 1}",
                land_use=use,
                status=status,
                geometry=square(n, 0),
                area_m2=35_000.0 + 1000 * n,
                functional_area="core",
                far_min=1.0,
                far_max=2.5 + n,
                density_max_pct=40.0,
                green_min_pct=20.0,
                height_max_m=60.0,
                lease_years=50 if use != "residential" else 70,
                development_level="seven_one",
                industries=industries,
                start_price_yuan_m2=price,
                source="test fixture",
                updated=dt.date(2020, 6, 24),
                synthetic=True,
            )
        )
    return parcels


def sample_bundle(slug: str = "testzone") -> ZoneBundle:
    outline = box(LON - 0.01, LAT - 0.01, LON + 0.03, LAT + 0.02)
    return ZoneBundle(
        zone=Zone(
            slug=slug,
            name_zh="测试高新区",
            name_en="Test High-tech Zone",
            boundary=outline,
            metric_epsg=4551,
            source="tests",
            notice_zh="示意数据",
            notice_en="Illustrative",
        ),
        functional_areas=[
            FunctionalArea(
                "core",
                "核心区",
                "Core area",
                box(LON, LAT, LON + 0.02, LAT + 0.01),
                ["film_tourism"],
                "#e74c3c",
            )
        ],
        features=[
            MapFeature(
                "road",
                "测试大街",
                "Test Street",
                LineString([(LON, LAT - 0.002), (LON + 0.02, LAT - 0.002)]),
                "main",
            ),
            MapFeature(
                "water",
                "测试湖",
                "Test Lake",
                box(LON + 0.022, LAT + 0.012, LON + 0.025, LAT + 0.015),
            ),
        ],
        parcels=sample_parcels(),
        enterprises=[
            Enterprise(
                "甲公司", "Firm A", "digital_economy", LON + 0.001, LAT + 0.001, 120, 5000.0
            ),
            Enterprise("乙公司", "Firm B", "life_health", LON + 0.005, LAT + 0.003, 40, 800.0),
            Enterprise(
                "丙公司",
                "Firm C",
                "digital_economy",
                LON + 0.006,
                LAT + 0.004,
                300,
                12000.0,
                head_firm=True,
            ),
        ],
        pois=[Poi("测试学校", "Test School", "school", LON + 0.004, LAT + 0.006)],
        indicators=[
            Indicator(
                2020,
                "fiscal_revenue_total",
                "全口径财政收入",
                "Total fiscal revenue",
                60.1,
                "亿元",
                "100 million yuan",
                17.5,
                "长春日报 2021-01-12",
            )
        ],
        timeline=[TimelineEvent(dt.date(2020, 6, 24), "热力图上线", "Heat map launched")],
        transactions=[
            LandTransaction(dt.date(2020, 9, 1), "residential", 20000.0, 7214.0, "T-004")
        ],
        land_grades=[
            LandGrade("I", box(LON - 0.01, LAT - 0.01, LON + 0.005, LAT + 0.02)),
            LandGrade("II", box(LON + 0.005, LAT - 0.01, LON + 0.03, LAT + 0.02)),
        ],
    )
