"""The demo zone's policy library: the "1+4+3" policy system the report names.

The report (长春日报 2021-01-12) names the core measure 《净月高新区关于加快推进高质量发展实施
办法》, its four supporting areas (招商引资, 科技创新, 高层次人才引进, 金融业聚集发展), 《长春国际
影都影视产业政策白皮书1.0》 (published at the signing of 2020-09-06), 《长春净月高新区关于加快网红
经济高质量发展十条政策》, 《净月高新区抗疫情稳经济十条措施》 (2020-02-25) and 《疫情期间促进工业
服务业平稳运行若干政策》 (2000余万元 paid to 33 firms). The titles, dates and the facts just
quoted are the report's; every condition, share, cap, document number, issuer detail and
expiry date below is **synthetic**, marked so in each record, and no real policy's terms.
Titles the report does not give end in (示意).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zoneatlas.demo.figures import REPORT_SOURCE
from zoneatlas.records import Policy

SOURCE = f"{REPORT_SOURCE}(政策名称);条款为示意"
ISSUER_ZH = "长春净月高新技术产业开发区管理委员会"
ISSUER_EN = "Administrative Committee of Changchun Jingyue High-tech Zone"
LEADING = ["film_tourism", "life_health", "digital_economy"]
#: In force until replaced (synthetic): later than any demo evaluation date.
LONG_TERM = dt.date(2030, 12, 31)
NOTE_ZH = "条款为示意数据,不代表实际政策内容,以政府正式文件为准。"
NOTE_EN = "Terms are illustrative, not the actual policy; the official document prevails."


def _ge(field: str, value: float) -> dict[str, Any]:
    return {"field": field, "op": ">=", "value": value}


def _in(field: str, values: list[str]) -> dict[str, Any]:
    return {"field": field, "op": "in", "value": values}


def _policy(
    slug: str,
    title_zh: str,
    title_en: str,
    framework: str,
    effective: dt.date,
    expiry: dt.date | None,
    conditions: dict[str, Any],
    benefits: list[dict[str, Any]],
    summary: tuple[str, str],
    **extra: Any,
) -> Policy:
    fields: dict[str, Any] = {
        "level": "district",
        "issuer_zh": ISSUER_ZH,
        "issuer_en": ISSUER_EN,
        "document_number": f"长净高管发〔{effective.year}〕{len(slug) % 9 + 1}号(示意)",
        "industries": [],
        "source": SOURCE,
    }
    fields.update(extra)
    return Policy(
        slug=slug,
        title_zh=title_zh,
        title_en=title_en,
        framework=framework,
        effective=effective,
        expiry=expiry,
        conditions=conditions,
        benefits=benefits,
        summary_zh=f"{summary[0]}{NOTE_ZH}",
        summary_en=f"{summary[1]} {NOTE_EN}",
        synthetic=True,
        **fields,
    )


def _core_and_supporting() -> list[Policy]:
    return [
        _policy(
            "jy-high-quality-development",
            "《净月高新区关于加快推进高质量发展实施办法》",
            "Jingyue High-tech Zone Measures to Accelerate High-quality Development",
            "core",
            dt.date(2020, 4, 1),
            LONG_TERM,
            {"all": [_ge("investment_wan", 5000), _in("industry", LEADING)]},
            [
                {"kind": "land_price_subsidy", "share": 0.2, "cap_wan": 1000},
                {
                    "kind": "tax_rebate",
                    "share": 0.5,
                    "local_share": 0.4,
                    "years": 3,
                    "cap_wan": 2000,
                },
            ],
            (
                "“1+4+3”政策体系的总体办法:主导产业项目投资5000万元以上给予地价与税收支持。",
                "The core of the “1+4+3” system: land price and tax support for leading-"
                "industry projects of 50 million yuan or more.",
            ),
        ),
        _policy(
            "jy-investment-attraction",
            "《净月高新区招商引资优惠政策(示意)》",
            "Jingyue investment attraction incentives (illustrative)",
            "supporting",
            dt.date(2020, 4, 1),
            LONG_TERM,
            {"all": [_ge("investment_wan", 10000)]},
            [
                {"kind": "one_off_award", "amount_wan": 100},
                {"kind": "one_off_award", "amount_wan": 200, "when": _ge("investment_wan", 100000)},
                {
                    "kind": "equipment_subsidy",
                    "share": 0.1,
                    "cap_wan": 500,
                    "when": _in("industry", ["advanced_manufacturing", "life_health"]),
                },
            ],
            (
                "招商引资配套政策:投资1亿元以上项目落户奖励,制造类项目设备补贴。",
                "Supporting policy on investment attraction: a settling-in award for projects "
                "of 100 million yuan or more, equipment subsidies for manufacturing.",
            ),
        ),
        _policy(
            "jy-tech-innovation",
            "《净月高新区支持科技创新若干政策(示意)》",
            "Jingyue support for science and technology innovation (illustrative)",
            "supporting",
            dt.date(2020, 4, 1),
            LONG_TERM,
            {"all": [_in("enterprise_type", ["high_tech", "sme", "startup"])]},
            [
                {"kind": "equipment_subsidy", "share": 0.15, "cap_wan": 300},
                {"kind": "rent_subsidy", "share": 0.5, "years": 3, "cap_wan": 100},
            ],
            (
                "科技创新配套政策:研发设备补贴与研发用房租金补贴。",
                "Supporting policy on innovation: subsidies for R&D equipment and rent.",
            ),
        ),
        _policy(
            "jy-talent",
            "《净月高新区高层次人才引进政策(示意)》",
            "Jingyue high-level talent attraction policy (illustrative)",
            "supporting",
            dt.date(2020, 4, 1),
            LONG_TERM,
            {"all": [_ge("talents", 1)]},
            [{"kind": "talent_award", "amount_wan": 50, "max_count": 10}],
            (
                "高层次人才引进配套政策:按引进人才给予奖励。",
                "Supporting policy on talent: an award per high-level talent recruited.",
            ),
        ),
        _policy(
            "jy-finance-cluster",
            "《净月高新区促进金融业聚集发展政策(示意)》",
            "Jingyue policy to cluster the financial industry (illustrative)",
            "supporting",
            dt.date(2020, 4, 1),
            LONG_TERM,
            {"all": [_in("enterprise_type", ["financial"])]},
            [
                {"kind": "one_off_award", "amount_wan": 300},
                {"kind": "rent_subsidy", "share": 0.3, "years": 3, "cap_wan": 300},
            ],
            (
                "金融业聚集发展配套政策:金融机构落户奖励与办公用房补贴。",
                "Supporting policy on finance: settling-in award and office rent subsidy "
                "for financial institutions.",
            ),
            industries=["modern_services"],
        ),
    ]


def _industry_policies() -> list[Policy]:
    return [
        _policy(
            "changchun-film-white-paper-1",
            "《长春国际影都影视产业政策白皮书1.0》",
            "Changchun International Film Capital Film Industry Policy White Paper 1.0",
            "industry",
            dt.date(2020, 9, 6),
            LONG_TERM,
            {"all": [_in("industry", ["film_tourism"])]},
            [
                {"kind": "rent_subsidy", "share": 0.5, "years": 3, "cap_wan": 200},
                {"kind": "one_off_award", "amount_wan": 500, "when": _ge("investment_wan", 50000)},
                {
                    "kind": "tax_rebate",
                    "share": 0.6,
                    "local_share": 0.4,
                    "years": 5,
                    "cap_wan": 5000,
                },
            ],
            (
                "市政府、净月高新区与万达集团三方联合发布,加大对影视文旅主导产业扶持力度。",
                "Published jointly by the city, the zone and Wanda Group to support the film, "
                "culture and tourism industry.",
            ),
            level="municipal",
            issuer_zh="长春市人民政府、净月高新区管委会、万达集团",
            issuer_en="Changchun Municipal Government, Jingyue High-tech Zone, Wanda Group",
            industries=["film_tourism"],
        ),
        _policy(
            "jy-internet-celebrity-economy",
            "《长春净月高新区关于加快网红经济高质量发展十条政策》",
            "Ten policies of Changchun Jingyue High-tech Zone on the internet celebrity economy",
            "industry",
            dt.date(2020, 9, 13),
            dt.date(2023, 12, 31),
            {"any": [_in("industry", ["digital_economy", "modern_services", "film_tourism"])]},
            [
                {"kind": "rent_subsidy", "share": 0.5, "years": 2, "cap_wan": 50},
                {"kind": "one_off_award", "amount_wan": 20},
            ],
            (
                "支持吉林(长春)网红经济先行试验区建设,推动网红经济与其他产业融合。",
                "Supports the Jilin (Changchun) internet celebrity economy pilot zone.",
            ),
            industries=["digital_economy", "modern_services", "film_tourism"],
        ),
        _policy(
            "jy-life-health",
            "《净月高新区支持生命健康产业发展若干政策(示意)》",
            "Jingyue support for the life and health industry (illustrative)",
            "industry",
            dt.date(2020, 6, 1),
            LONG_TERM,
            {"all": [_in("industry", ["life_health"]), _ge("investment_wan", 3000)]},
            [
                {"kind": "equipment_subsidy", "share": 0.2, "cap_wan": 1000},
                {
                    "kind": "land_price_subsidy",
                    "share": 0.3,
                    "cap_wan": 800,
                    "when": {
                        "field": "land_use",
                        "op": "in",
                        "value": ["industrial_1", "industrial_2", "research"],
                    },
                },
            ],
            (
                "生命健康科创谷主导产业专项政策:设备与工业、科研用地地价支持。",
                "Leading-industry policy of the Life and Health Valley: equipment and land "
                "price support for industrial and research land.",
            ),
            industries=["life_health"],
        ),
    ]


def _special_policies() -> list[Policy]:
    return [
        _policy(
            "jy-epidemic-ten-measures",
            "《净月高新区抗疫情稳经济十条措施》",
            "Jingyue High-tech Zone ten measures to fight the epidemic and stabilise the economy",
            "special",
            dt.date(2020, 2, 25),
            dt.date(2020, 12, 31),
            {},
            [{"kind": "rent_subsidy", "share": 0.25, "years": 1, "cap_wan": 30}],  # 3 months
            (
                "2020年2月25日出台,从稳定经营、减轻负担、财政金融保障、优化服务四方面提出10条举措。",
                "Issued on 25 February 2020: ten measures on operations, burdens, financing "
                "and services.",
            ),
        ),
        _policy(
            "changchun-epidemic-industry-services",
            "《疫情期间促进工业服务业平稳运行若干政策》",
            "Policies to keep industry and services running during the epidemic",
            "special",
            dt.date(2020, 3, 1),
            dt.date(2020, 12, 31),
            {
                "any": [
                    _in("industry", ["advanced_manufacturing", "modern_services"]),
                    _ge("annual_output_wan", 2000),
                ]
            },
            [{"kind": "one_off_award", "amount_wan": 60}],
            (
                "净月高新区落实该政策,发放扶持资金2000余万元,惠及企业33家。",
                "Implemented in Jingyue: over 20 million yuan paid to 33 firms.",
            ),
            level="municipal",
            issuer_zh="长春市人民政府(示意)",
            issuer_en="Changchun Municipal Government (illustrative)",
            document_number="长府发〔2020〕(示意)",
        ),
    ]


def demo_policies() -> list[Policy]:
    """The ten demo policies: 1 core, 4 supporting, 3 leading-industry, 2 special."""
    return [*_core_and_supporting(), *_industry_policies(), *_special_policies()]
