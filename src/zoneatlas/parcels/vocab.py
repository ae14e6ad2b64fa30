"""Controlled vocabularies of the parcel record, each term with its Chinese and English name.

Land-use names and codes follow 《国土空间调查、规划、用途管制用地用海分类指南》 (自然资源部,
2023); the key is what the API and files use, the code is the national classification code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str
    zh: str
    en: str
    code: str = ""
    color: str = "#888888"


LAND_USES: tuple[Term, ...] = (
    Term("residential", "城镇住宅用地", "Urban residential", "0701", "#f2c94c"),
    Term("commercial", "商业用地", "Commercial", "0901", "#eb5757"),
    Term("business", "商务金融用地", "Business and finance", "0902", "#c0392b"),
    Term("entertainment", "娱乐用地", "Entertainment", "0903", "#e67e22"),
    Term("research", "科研用地", "Scientific research", "0802", "#9b51e0"),
    Term("industrial_1", "一类工业用地", "Class I industrial", "100101", "#8d6e63"),
    Term("industrial_2", "二类工业用地", "Class II industrial", "100102", "#6d4c41"),
    Term("logistics", "物流仓储用地", "Logistics and warehousing", "1101", "#7f8c8d"),
)

STATUSES: tuple[Term, ...] = (
    Term("available", "可出让", "Available", color="#27ae60"),
    Term("reserved", "储备中", "Reserved", color="#2d9cdb"),
    Term("negotiating", "洽谈中", "Negotiating", color="#f2994a"),
    Term("signed", "已签约", "Signed", color="#bb6bd9"),
    Term("transferred", "已出让", "Transferred", color="#828282"),
)

INDUSTRIES: tuple[Term, ...] = (
    Term("film_tourism", "影视文旅", "Film, culture and tourism", color="#e74c3c"),
    Term("life_health", "生命健康", "Life and health", color="#27ae60"),
    Term("digital_economy", "数字经济", "Digital economy", color="#2f80ed"),
    Term("advanced_manufacturing", "先进制造", "Advanced manufacturing", color="#8e6c4a"),
    Term("modern_services", "现代服务", "Modern services", color="#f2994a"),
    Term("education", "教育培训", "Education and training", color="#9b51e0"),
)

DEVELOPMENT_LEVELS: tuple[Term, ...] = (
    Term("nine_one", "九通一平", "9 utilities connected, site levelled"),
    Term("seven_one", "七通一平", "7 utilities connected, site levelled"),
    Term("five_one", "五通一平", "5 utilities connected, site levelled"),
    Term("three_one", "三通一平", "3 utilities connected, site levelled"),
)

VOCABULARIES: dict[str, tuple[Term, ...]] = {
    "land_use": LAND_USES,
    "status": STATUSES,
    "industry": INDUSTRIES,
    "development_level": DEVELOPMENT_LEVELS,
}


def lookup(vocabulary: str, value: str) -> Term | None:
    """Find a term by key, national code, or Chinese or English name (case-insensitive)."""
    wanted = value.strip().casefold()
    for term in VOCABULARIES[vocabulary]:
        if wanted in (term.key, term.code, term.zh, term.en.casefold()) and wanted:
            return term
    return None


def keys(vocabulary: str) -> list[str]:
    return [term.key for term in VOCABULARIES[vocabulary]]
