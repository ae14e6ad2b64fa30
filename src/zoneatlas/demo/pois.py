"""Points of interest of the demo zone: schools, hospitals, venues, studios, parks, transit.

Names come from the report where it names them (schools, 市急救中心, 市疾控中心, 金胶卷,
20 座超大摄影棚, 长春野生动物园, 净月潭国家森林公园); the rest are generic and end in (示意).
Every location is illustrative. Positions are local metres (east, north of 125.50°E
43.775°N, see :mod:`zoneatlas.demo.layout`); the sites they occupy are kept free of parcels.
"""

from __future__ import annotations

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

from zoneatlas.demo.figures import REPORT_SOURCE
from zoneatlas.demo.layout import ORIGIN_X_M, ORIGIN_Y_M, Layout
from zoneatlas.demo.project import to_lonlat, xy_to_lonlat
from zoneatlas.records import Poi

NAMED_SOURCE = f"{REPORT_SOURCE}(名称;位置示意)"
ILLUSTRATIVE_SOURCE = "示意"
#: Radius in metres of the site kept free of parcels around a school, hospital or venue.
SITE_RADIUS_M = 90.0

#: Film base with the 20 super-large sound stages (20座超大摄影棚), local metres.
STUDIO_BASE_LOCAL: Polygon = box(-3420, 2150, -2580, 3050)
#: Start-up area of the 数字经济产业园 (Digital Economy Industrial Park) on 聚业大街.
DIGITAL_PARK_LOCAL: Polygon = box(-4650, 2000, -3850, 2800)

# name_zh, name_en, category, local x, local y, named in the report
_POIS: tuple[tuple[str, str, str, float, float, bool], ...] = (
    ("华蕴学校", "Huayun School", "school", -2950, 5350, True),
    ("净月第一实验学校", "Jingyue No. 1 Experimental School", "school", -4250, 3900, True),
    ("玉潭小学", "Yutan Primary School", "school", -700, -4200, True),
    ("净月潭实验校", "Jingyuetan Experimental School", "school", -1000, 1300, True),
    ("明泽学校", "Mingze School (under construction)", "school", -5050, -1300, True),
    ("新城大街学校", "Xincheng Street School (under construction)", "school", -2250, -1500,
     True),
    ("慧泽学校", "Huize School", "school", -3100, -1500, True),
    ("长春市急救中心", "Changchun Emergency Medical Center", "hospital", -1900, -2600, True),
    ("长春市疾控中心", "Changchun Center for Disease Control and Prevention", "hospital",
     -800, -2600, True),
    ("福祉社区卫生服务中心(示意)", "Fuzhi Community Health Service Center (illustrative)",
     "hospital", -4200, 5000, False),
    ("玉潭社区卫生服务中心(示意)", "Yutan Community Health Service Center (illustrative)",
     "hospital", 500, -5300, False),
    ("长春国际影都展示中心(金胶卷)",
     "Changchun International Film Capital Exhibition Center (Golden Film Roll)",
     "exhibition", -1100, 2900, True),
    ("净月潭国家森林公园", "Jingyuetan National Forest Park", "scenic", 900, 4300, True),
    ("长春野生动物园", "Changchun Wildlife Park", "scenic", 4600, -2000, True),
    # the commercial centre (商服中心) that the land price tables measure distances from
    ("影都商务中心(示意)", "Film Capital Business Centre (illustrative)", "commercial",
     -1700, 3700, False),
    ("净月潭站(示意)", "Jingyuetan Station (illustrative)", "transit", 450, 3900, False),
    ("博硕路站(示意)", "Boshuo Road Station (illustrative)", "transit", -1200, 1800, False),
    ("福祉大路站(示意)", "Fuzhi Road Station (illustrative)", "transit", -1200, 4600, False),
    ("净月高新区管委会", "Jingyue High-tech Zone Administrative Committee", "government",
     -2000, 5300, False),
    ("净月高新区政务服务中心", "Jingyue High-tech Zone Government Service Center",
     "government", -2050, 4400, False),
)  # fmt: skip


def studio_positions() -> np.ndarray:
    """Local x, y (metres) of the 20 sound stages: 5 columns × 4 rows, 150 m by 200 m apart,
    numbered from the north-west corner."""
    cols, rows = np.meshgrid(np.arange(5), np.arange(4))
    x = -3300.0 + 150.0 * cols.ravel()
    y = 2900.0 - 200.0 * rows.ravel()
    return np.column_stack([x, y])


def reserved_sites() -> BaseGeometry:
    """Land kept free of key parcels (EPSG:4551): the film base, the digital park's start-up
    area and a :data:`SITE_RADIUS_M` site around each school, hospital and venue."""
    points = shapely.points([(x, y) for _, _, _, x, y, _ in _POIS])
    sites = shapely.union_all(
        [*shapely.buffer(points, SITE_RADIUS_M), STUDIO_BASE_LOCAL, DIGITAL_PARK_LOCAL]
    )
    return shapely.affinity.translate(sites, ORIGIN_X_M, ORIGIN_Y_M)


def _poi(name_zh: str, name_en: str, category: str, x: float, y: float, named: bool) -> Poi:
    lon, lat = xy_to_lonlat(np.array([x + ORIGIN_X_M]), np.array([y + ORIGIN_Y_M]))
    return Poi(
        name_zh=name_zh,
        name_en=name_en,
        category=category,
        lon=round(float(lon[0]), 6),
        lat=round(float(lat[0]), 6),
        source=NAMED_SOURCE if named else ILLUSTRATIVE_SOURCE,
        synthetic=True,
    )


def pois(layout: Layout) -> list[Poi]:
    """All POIs in lon/lat (6 decimals, about 0.1 m): the fixed list, the 20 sound stages
    and one point per small park of ``layout``."""
    result = [_poi(*spec) for spec in _POIS]
    for n, (x, y) in enumerate(studio_positions(), start=1):
        result.append(
            _poi(f"超大摄影棚{n}号", f"Super-large Sound Stage No. {n}", "studio", x, y, True)
        )
    for park in layout.parks:
        if park.kind != "park":
            continue
        point = to_lonlat(park.geometry.representative_point())
        result.append(
            Poi(
                name_zh=park.name_zh,
                name_en=park.name_en,
                category="park",
                lon=round(point.x, 6),
                lat=round(point.y, 6),
                source=ILLUSTRATIVE_SOURCE,
                synthetic=True,
            )
        )
    return result
