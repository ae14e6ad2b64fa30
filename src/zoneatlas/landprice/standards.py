"""National rules the land price engine applies whatever the zone's tables say.

- Statutory maximum land-use terms: 《城镇国有土地使用权出让和转让暂行条例》 (国务院令第55号,
  1990) art. 12: residential 70 years; industrial 50; education, science, culture, health
  and sports 50; commercial, tourism and entertainment 40; mixed and other uses 50.
- 全国工业用地出让最低价标准 (国土资发〔2006〕307号): the minimum transfer price of industrial
  land (warehousing included) by land grade (土地等别) 1-15, 840 down to 60 元/m²; revised by
  国土资发〔2009〕56号, which lets priority industries with intensive land use
  (优先发展产业且用地集约的工业项目) be priced at no less than 70 % of the standard.
- Factor levels of GB/T 18508-2014 《城镇土地估价规程》: 优, 较优, 一般, 较劣, 劣.

>>> statutory_max_term("business")
40
>>> industrial_minimum(8)
252.0
"""

from __future__ import annotations

from dataclasses import dataclass

from zoneatlas.parcels.vocab import LAND_USES

#: Five factor levels, best first, as GB/T 18508-2014 names them.
LEVELS: tuple[str, ...] = ("优", "较优", "一般", "较劣", "劣")
#: English names of the levels, in the same order.
LEVELS_EN: tuple[str, ...] = ("superior", "good", "average", "poor", "inferior")
#: Index of 一般 (average), the level assumed when a factor is neither given nor derivable.
AVERAGE_LEVEL = 2

#: Land-use keys a table set may carry: the parcel vocabulary plus the generic
#: ``industrial`` and ``public`` that benchmark tables often use.
EXTRA_USES: dict[str, tuple[str, str]] = {
    "industrial": ("工业用地", "Industrial"),
    "public": ("公共管理与公共服务用地", "Public services"),
}

#: Category of every land-use key; the category sets the statutory term, whether the FAR
#: correction applies by default and whether the industrial minimum price applies.
USE_CATEGORY: dict[str, str] = {
    "residential": "residential",
    "commercial": "commercial",
    "business": "commercial",
    "entertainment": "commercial",
    "research": "public",
    "public": "public",
    "industrial": "industrial",
    "industrial_1": "industrial",
    "industrial_2": "industrial",
    "logistics": "industrial",
}

#: Statutory maximum term in years by category (国务院令第55号 art. 12).
STATUTORY_MAX_TERM_YEARS: dict[str, int] = {
    "residential": 70,
    "commercial": 40,
    "industrial": 50,
    "public": 50,
}

#: 全国工业用地出让最低价标准, 元/m² of land, for land grades (等别) 1 to 15.
INDUSTRIAL_MINIMUM_YUAN_M2: tuple[float, ...] = (
    840.0, 720.0, 600.0, 480.0, 384.0, 336.0, 288.0, 252.0,
    204.0, 168.0, 144.0, 120.0, 96.0, 84.0, 60.0,
)  # fmt: skip
#: Share of the minimum allowed for priority industrial projects (国土资发〔2009〕56号).
PRIORITY_PROJECT_SHARE = 0.70
INDUSTRIAL_MINIMUM_SOURCE = (
    "全国工业用地出让最低价标准 (国土资发〔2006〕307号); priority projects ≥ 70 % "
    "(国土资发〔2009〕56号)"
)


@dataclass(frozen=True)
class UseName:
    """Chinese and English name of a land-use key."""

    zh: str
    en: str


def known_uses() -> tuple[str, ...]:
    """Every land-use key a table set or a request may name."""
    return tuple(term.key for term in LAND_USES) + tuple(EXTRA_USES)


def use_name(use: str) -> UseName:
    """Chinese and English name of ``use`` (the key itself when unknown)."""
    for term in LAND_USES:
        if term.key == use:
            return UseName(term.zh, term.en)
    zh, en = EXTRA_USES.get(use, (use, use))
    return UseName(zh, en)


def statutory_max_term(use: str) -> int:
    """Statutory maximum land-use term in years for the land-use key ``use``."""
    return STATUTORY_MAX_TERM_YEARS[USE_CATEGORY[use]]


def is_industrial(use: str) -> bool:
    """True for the uses the national industrial minimum price applies to."""
    return USE_CATEGORY.get(use) == "industrial"


def industrial_minimum(grade: int) -> float:
    """National minimum transfer price (元/m²) of industrial land in land grade ``grade``."""
    return INDUSTRIAL_MINIMUM_YUAN_M2[grade - 1]


def level_index(text: str) -> int | None:
    """Index (0 = 优) of a level given by its Chinese or English name, else None."""
    wanted = text.strip().casefold()
    for i, (zh, en) in enumerate(zip(LEVELS, LEVELS_EN, strict=True)):
        if wanted in (zh, en):
            return i
    return None
