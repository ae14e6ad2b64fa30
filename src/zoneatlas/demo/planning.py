"""Planning conditions, status, prices and 2020 land transactions of the demo's key parcels.

The report gives only the parcel count (328) and two land auction records (6830 and 7214
元/m², each breaking Changchun's record unit price); every other attribute here is drawn
from ranges typical of Chinese high-tech zones and marked ``synthetic``. Land uses follow
each functional area's role; lease terms are the statutory maxima of 《城镇国有土地使用权
出让和转让暂行条例》 (residential 70, commercial/business/entertainment 40, industrial,
research and logistics 50 years).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import shapely

from zoneatlas.demo.figures import REPORT_SOURCE
from zoneatlas.demo.lots import Lot
from zoneatlas.demo.project import many_to_lonlat
from zoneatlas.parcels.model import Parcel
from zoneatlas.records import LandTransaction

PARCEL_SOURCE = "净月高新区重点招商引资地块(示意)"
TRANSACTION_SOURCE = "示意数据(非公开成交记录)"


@dataclass(frozen=True)
class UseRule:
    """Planning condition choices of one land use. FAR is floor area ratio (容积率), density
    and green ratio are percent, height metres, prices 元/m² of land."""

    far_min: tuple[float, ...]
    far_max: tuple[float, ...]
    density_pct: tuple[float, ...]
    green_pct: tuple[float, ...]
    height_m: tuple[float, ...]
    lease_years: int
    start_price: tuple[float, float]
    deal_price: tuple[float, float]


USE_RULES: dict[str, UseRule] = {
    "residential": UseRule((1.2, 1.5), (2.0, 2.2, 2.5), (20, 22, 25), (30, 35),
                           (36, 54, 60, 80), 70, (3500, 6000), (3200, 6400)),
    "commercial": UseRule((2.0, 2.5), (3.0, 3.5, 4.0, 4.5), (40, 45, 50), (20, 25),
                          (50, 60, 80, 100), 40, (2000, 4500), (1800, 4200)),
    "business": UseRule((2.0, 2.5), (3.5, 4.0, 4.5), (35, 40, 45), (20, 25),
                        (60, 80, 100, 120), 40, (2000, 4000), (1600, 3800)),
    "entertainment": UseRule((1.0, 1.2, 1.5), (2.0, 2.5), (35, 40), (25, 30, 35),
                             (24, 30, 40), 40, (2000, 3500), (1200, 3000)),
    "research": UseRule((1.2, 1.5), (2.0, 2.5, 3.0), (35, 40, 45), (20, 25, 30),
                        (24, 36, 45, 60), 50, (500, 900), (450, 900)),
    "industrial_1": UseRule((1.0, 1.2), (1.5, 1.8, 2.0), (40, 50, 55), (10, 15),
                            (24, 30, 36), 50, (380, 600), (330, 600)),
    "industrial_2": UseRule((1.0,), (1.5, 1.8), (45, 50, 60), (10, 15),
                            (24, 30), 50, (300, 450), (300, 480)),
    "logistics": UseRule((0.8, 1.0), (1.2, 1.5), (50, 55, 60), (10, 15),
                         (24,), 50, (300, 420), (300, 450)),
}  # fmt: skip

#: Land-use mix per functional area code ("" is the sector outside the three areas).
AREA_USES: dict[str, tuple[tuple[str, float], ...]] = {
    "film_core": (("commercial", 0.30), ("entertainment", 0.22), ("business", 0.26),
                  ("residential", 0.22)),
    "digital": (("business", 0.30), ("research", 0.30), ("industrial_1", 0.25),
                ("commercial", 0.15)),
    "health_valley": (("research", 0.32), ("industrial_1", 0.30), ("industrial_2", 0.18),
                      ("residential", 0.20)),
    "": (("logistics", 0.50), ("industrial_2", 0.25), ("industrial_1", 0.25)),
}  # fmt: skip

#: Short names used in parcel names: area code → (zh, en).
AREA_LABELS: dict[str, tuple[str, str]] = {
    "film_core": ("影都核心区", "Film Core"),
    "digital": ("数字产业区", "Digital Area"),
    "health_valley": ("健康科创谷", "Health Valley"),
    "": ("东南片区", "South-east Sector"),
}

#: The area's leading industry, and the second industry a parcel of a given use may add.
AREA_INDUSTRY = {
    "film_core": "film_tourism",
    "digital": "digital_economy",
    "health_valley": "life_health",
    "": "",
}
SECOND_INDUSTRY = {
    "commercial": "modern_services",
    "business": "modern_services",
    "industrial_1": "advanced_manufacturing",
    "industrial_2": "advanced_manufacturing",
    "logistics": "modern_services",
}

#: Parcels per status other than "available" (the rest): most key parcels are on offer.
STATUS_COUNTS = {"transferred": 28, "signed": 30, "negotiating": 36, "reserved": 50}
#: The two published record auctions: unit price 元/m² (published) and an illustrative date
#: (the report gives none; the lower record came first).
RECORD_AUCTIONS = ((6830.0, dt.date(2020, 7, 16)), (7214.0, dt.date(2020, 11, 19)))
#: Share of available parcels with a published starting price.
PRICED_SHARE = 0.6

YEAR_START = dt.date(2020, 1, 1)


def _names(lots: list[Lot]) -> list[tuple[str, str]]:
    """``影都核心区A-12地块``-style names: a letter per 800 m band from the area's north edge,
    then a running number inside the band (lots arrive in reading order)."""
    centroids = shapely.get_coordinates(shapely.centroid([lot.geometry for lot in lots]))
    names: list[tuple[str, str]] = []
    top: dict[str, float] = {}
    for lot, (_, cy) in zip(lots, centroids, strict=True):
        top[lot.area_code] = max(top.get(lot.area_code, cy), cy)
    counters: dict[tuple[str, int], int] = {}
    for lot, (_, cy) in zip(lots, centroids, strict=True):
        band = int((top[lot.area_code] - cy) // 800.0)
        key = (lot.area_code, band)
        counters[key] = counters.get(key, 0) + 1
        label = f"{chr(ord('A') + band)}-{counters[key]:02d}"
        zh, en = AREA_LABELS[lot.area_code]
        names.append((f"{zh}{label}地块", f"{en} plot {label}"))
    return names


def _land_uses(lots: list[Lot], rng: np.random.Generator) -> list[str]:
    uses: list[str] = []
    for lot in lots:
        mix = AREA_USES[lot.area_code]
        weights = np.array([w for _, w in mix])
        uses.append(mix[int(rng.choice(len(mix), p=weights / weights.sum()))][0])
    return uses


def _statuses(
    lots: list[Lot], uses: list[str], rng: np.random.Generator
) -> tuple[list[str], list[int]]:
    """Statuses with :data:`STATUS_COUNTS`, and the indices of the two record-auction
    parcels (residential parcels of the film core near 净月潭, transferred)."""
    candidates = [
        i
        for i, (lot, use) in enumerate(zip(lots, uses, strict=True))
        if lot.area_code == "film_core" and use == "residential"
    ]
    if len(candidates) < len(RECORD_AUCTIONS):
        raise RuntimeError("the film core has too few residential parcels for the records")
    records = [int(i) for i in rng.choice(candidates, len(RECORD_AUCTIONS), replace=False)]
    statuses = ["available"] * len(lots)
    for i in records:
        statuses[i] = "transferred"
    rest = [i for i in rng.permutation(len(lots)) if i not in records]
    start = 0
    for status, count in STATUS_COUNTS.items():
        count -= len(records) if status == "transferred" else 0
        for i in rest[start : start + count]:
            statuses[int(i)] = status
        start += count
    return statuses, records


def _day(rng: np.random.Generator, first: int = 0, last: int = 365) -> dt.date:
    """A day of 2020 (a leap year: day 0 is 1 January, day 365 is 31 December)."""
    return YEAR_START + dt.timedelta(days=int(rng.integers(first, last + 1)))


def _price(bounds: tuple[float, float], rng: np.random.Generator) -> float:
    """A price in 元/m² drawn from ``bounds``, rounded to 10 元 as announcements are."""
    return float(round(rng.uniform(*bounds) / 10.0) * 10.0)


def _industries(area_code: str, use: str, rng: np.random.Generator) -> list[str]:
    """Industries a parcel is planned for; housing serves the area but is no industry."""
    if use == "residential":
        return []
    leading = AREA_INDUSTRY[area_code]
    second = SECOND_INDUSTRY.get(use, "")
    industries = [leading] if leading else []
    if second and (not industries or rng.random() < 0.3):
        industries.append(second)
    return industries


def _level(rng: np.random.Generator) -> str:
    return str(rng.choice(["seven_one", "five_one", "nine_one"], p=[0.7, 0.15, 0.15]))


def _parcel(
    lot: Lot, code: str, name: tuple[str, str], use: str, status: str, rng: np.random.Generator
) -> Parcel:
    rule = USE_RULES[use]
    priced = status == "available" and rng.random() < PRICED_SHARE
    return Parcel(
        code=code,
        name_zh=name[0],
        name_en=name[1],
        functional_area=lot.area_code,
        land_use=use,
        status=status,
        geometry=lot.geometry,  # replaced by its lon/lat version in plan_parcels
        area_m2=round(float(lot.geometry.area), 2),
        far_min=float(rng.choice(rule.far_min)),
        far_max=float(rng.choice(rule.far_max)),
        density_max_pct=float(rng.choice(rule.density_pct)),
        green_min_pct=float(rng.choice(rule.green_pct)),
        height_max_m=float(rng.choice(rule.height_m)),
        lease_years=rule.lease_years,
        development_level=_level(rng),
        industries=_industries(lot.area_code, use, rng),
        start_price_yuan_m2=_price(rule.start_price, rng) if priced else None,
        source=PARCEL_SOURCE,
        updated=_day(rng),
        synthetic=True,
    )


def plan_parcels(
    lots: list[Lot], rng: np.random.Generator
) -> tuple[list[Parcel], list[LandTransaction]]:
    """The 328 parcels (lon/lat geometry, areas in m² from EPSG:4551) coded JY-2020-001...,
    and the 2020 land transactions of the transferred ones in date order."""
    uses = _land_uses(lots, rng)
    statuses, records = _statuses(lots, uses, rng)
    names = _names(lots)
    parcels = [
        _parcel(lot, f"JY-2020-{n + 1:03d}", names[n], uses[n], statuses[n], rng)
        for n, lot in enumerate(lots)
    ]
    lonlat = many_to_lonlat([p.geometry for p in parcels])
    for parcel, geometry in zip(parcels, lonlat, strict=True):
        parcel.geometry = geometry
    transactions = _record_transactions([parcels[i] for i in records])
    transactions += _synthetic_transactions(
        [p for i, p in enumerate(parcels) if p.status == "transferred" and i not in records],
        rng,
    )
    return parcels, sorted(transactions, key=lambda t: (t.date, t.parcel_code))


def _record_transactions(parcels: list[Parcel]) -> list[LandTransaction]:
    transactions = []
    for parcel, (price, date) in zip(parcels, RECORD_AUCTIONS, strict=True):
        parcel.updated = date
        transactions.append(
            LandTransaction(
                date=date,
                land_use=parcel.land_use,
                area_m2=parcel.area_m2,
                price_yuan_m2=price,
                parcel_code=parcel.code,
                note_zh=f"成交单价{price:.0f}元/平方米为公布数据(打破长春市土拍单价纪录);"
                "日期、面积与地块为示意",
                note_en=f"Unit price {price:.0f} yuan/m² as published (a Changchun land "
                "auction record); date, area and parcel are illustrative",
                source=REPORT_SOURCE,
                synthetic=False,
            )
        )
    return transactions


def _synthetic_transactions(
    parcels: list[Parcel], rng: np.random.Generator
) -> list[LandTransaction]:
    transactions = []
    for parcel in parcels:
        date = _day(rng, first=31, last=354)  # February to mid-December
        parcel.updated = date
        transactions.append(
            LandTransaction(
                date=date,
                land_use=parcel.land_use,
                area_m2=parcel.area_m2,
                price_yuan_m2=_price(USE_RULES[parcel.land_use].deal_price, rng),
                parcel_code=parcel.code,
                note_zh="示意成交记录",
                note_en="Illustrative transaction",
                source=TRANSACTION_SOURCE,
                synthetic=True,
            )
        )
    return transactions
