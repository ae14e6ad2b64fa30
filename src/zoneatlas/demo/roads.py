"""The demo zone's main road network and its two development axes, in local metres.

Names are those of 净月高新区 streets (some named in the report: 东滨河路, 新城乙一路, 临河街,
东部快速路南延, 长双快速路, 净莲三环路, 天普路); their courses are illustrative. Following
Changchun's convention, 街 run north-south and 路 east-west. ``kind`` is the road class:
``trunk`` (expressways and arterials), ``main`` or ``secondary``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.geometry.base import BaseGeometry


class RoadLine(NamedTuple):
    name_zh: str
    name_en: str
    kind: str
    line: LineString


Points = tuple[tuple[float, float], ...]

# North-south streets west to east, then east-west roads north to south, then the ring road.
_ROADS: tuple[tuple[str, str, str, Points], ...] = (
    ("临河街", "Linhe Street", "secondary", ((-5450, -5800), (-5450, 7200))),
    ("聚业大街", "Juye Street", "trunk",
     ((-4550, -7300), (-4700, -3000), (-4800, 1000), (-4650, 4500), (-4500, 7300))),
    ("东部快速路", "Eastern Expressway (south extension)", "trunk",
     ((-3580, -7300), (-3580, 7300))),
    ("新城大街", "Xincheng Street", "main", ((-2500, -7300), (-2500, 7300))),
    ("生态大街", "Shengtai Street", "trunk",
     ((-1350, -7300), (-1400, -2000), (-1300, 2500), (-1350, 7300))),
    ("净月大街", "Jingyue Street", "main", ((350, -7300), (350, -2600), (250, 7300))),
    ("天富街", "Tianfu Street", "secondary", ((1600, -7300), (1600, -3150))),
    ("南四环路", "South Fourth Ring Road", "trunk",
     ((-7300, 6350), (-3000, 6500), (1500, 6300), (7300, 6000))),
    ("博学路", "Boxue Road", "secondary", ((-7300, 5600), (250, 5600))),
    ("福祉大路", "Fuzhi Road", "main", ((-7300, 4700), (250, 4700))),
    ("永顺路", "Yongshun Road", "secondary", ((-7300, 3300), (300, 3300))),
    ("博硕路", "Boshuo Road", "main", ((-7300, 1900), (350, 1900))),
    ("天普路", "Tianpu Road", "secondary", ((-7300, 650), (350, 650))),
    ("丙三十二路", "Bing 32nd Road", "secondary", ((-7300, -900), (350, -900))),
    ("新城乙一路", "Xincheng Yi 1st Road", "secondary", ((-7300, -2100), (350, -2100))),
    ("长双快速路", "Changchun-Shuangyang Expressway", "trunk",
     ((-7300, -3100), (800, -3150), (4500, -3100), (7300, -2900))),
    ("玉潭路", "Yutan Road", "main", ((-7300, -4700), (7300, -4700))),
    ("丙二十八路", "Bing 28th Road", "secondary", ((-5000, -5900), (7300, -5850))),
    ("净莲三环路", "Jinglian Third Ring Road", "main",
     ((1500, 6300), (3300, 6000), (4400, 4800), (5600, 4500), (6200, 2500), (5900, 0),
      (6100, -2500), (5600, -3100))),
)  # fmt: skip

#: The two development axes of "双螺旋": street name → (axis name zh, axis name en, the
#: leading industry the axis carries, used as the feature's kind).
AXES: dict[str, tuple[str, str, str]] = {
    "生态大街": (
        "生态大街影视文旅发展轴",
        "Shengtai Street film, culture and tourism axis",
        "film_tourism",
    ),
    "聚业大街": ("聚业大街数字科创发展轴", "Juye Street digital sci-tech axis", "digital_economy"),
}

#: Offset in metres of 东滨河路 east of the river's centre line.
_RIVERSIDE_OFFSET_M = 330.0


def _longest_part(geometry: BaseGeometry) -> LineString | None:
    """The longest LineString of a clipped road (a concave boundary can cut a road in two)."""
    if isinstance(geometry, LineString):
        return None if geometry.is_empty else geometry
    if isinstance(geometry, MultiLineString):
        parts = list(geometry.geoms)
        return max(parts, key=lambda part: part.length)
    merged = shapely.line_merge(geometry) if not geometry.is_empty else geometry
    return _longest_part(merged) if isinstance(merged, LineString | MultiLineString) else None


def _riverside(river_x: Callable[[np.ndarray], np.ndarray]) -> LineString:
    y = np.linspace(-5200.0, 7300.0, 60)
    return LineString(np.column_stack([river_x(y) + _RIVERSIDE_OFFSET_M, y]))


def road_lines(
    boundary: Polygon, river_x: Callable[[np.ndarray], np.ndarray]
) -> tuple[list[RoadLine], list[RoadLine]]:
    """Roads clipped to ``boundary`` and the two axes, as LineStrings in local metres.

    ``river_x`` gives the river's centre line (x for y) so that 东滨河路 follows its east bank.
    """
    specs: list[tuple[str, str, str, LineString]] = [
        ("东滨河路", "Dongbinhe Road", "main", _riverside(river_x))
    ]
    specs += [(zh, en, kind, LineString(points)) for zh, en, kind, points in _ROADS]
    roads: list[RoadLine] = []
    for zh, en, kind, line in specs:
        clipped = _longest_part(line.intersection(boundary))
        if clipped is not None:
            roads.append(RoadLine(zh, en, kind, clipped))
    axes = [RoadLine(*AXES[road.name_zh], road.line) for road in roads if road.name_zh in AXES]
    return roads, axes
