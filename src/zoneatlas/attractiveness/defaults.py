"""The built-in attractiveness model document (data, validated by ``model.parse_model``).

Why these numbers: docs/attractiveness.md, section "Default weights". In short: the four
factors follow the regional factors that benchmark land price tables grade (交通条件,
产业集聚度, 公共服务设施, 环境条件, GB/T 18508-2014 and the demo's tables); the weights are a
stated judgement for the demo zone, not an estimate, and a zone should set its own
(e.g. by an expert panel / AHP) and publish them with their source.
"""

from __future__ import annotations

from typing import Any

_ACCESSIBILITY = {
    "key": "accessibility",
    "kind": "accessibility",
    "name_zh": "交通可达性",
    "name_en": "Accessibility",
    "description_zh": (
        "到最近主干道(快速路、主干路)与最近轨道/公交站点的距离,各自按距离衰减"
        "(道路 100 m 内为 1,之后每 500 m 减半;站点 300 m 内为 1,之后每 800 m 减半),"
        "两者各占一半。距离越近得分越高,绝不会因更近而降低。"
    ),
    "description_en": (
        "Distance to the nearest main road (trunk or main) and to the nearest metro/bus "
        "stop, each decayed (roads: 1 within 100 m, halving every 500 m beyond; stops: 1 "
        "within 300 m, halving every 800 m), blended half and half. Closer never scores lower."
    ),
    "params": {
        "road": {"full_m": 100.0, "half_m": 500.0},
        "transit": {"full_m": 300.0, "half_m": 800.0},
        "transit_share": 0.5,
        "road_kinds": ["trunk", "main"],
        "transit_categories": ["transit"],
    },
}

_AGGLOMERATION = {
    "key": "agglomeration",
    "kind": "agglomeration",
    "name_zh": "产业集聚度",
    "name_en": "Industry agglomeration",
    "description_zh": (
        "本产业企业的核密度(四次核,半径 1000 m),除以全区网格第 99 百分位的密度后截断到 1:"
        "同行越集中的地方得分越高。"
    ),
    "description_en": (
        "Kernel density of enterprises of the investor's industry (quartic kernel, 1000 m "
        "radius) over the 99th percentile of the zone's cells, capped at 1: the more firms "
        "of the same industry around, the higher."
    ),
    "params": {"kernel": "quartic", "radius_m": 1000.0, "percentile": 99.0, "weight": "none"},
}

_PUBLIC_SERVICES = {
    "key": "public_services",
    "kind": "public_services",
    "name_zh": "公共服务",
    "name_en": "Public services",
    "description_zh": (
        "1500 m 内的学校与医院,每处按 1 − 距离/1500 m 计数;学校计满 2 处、医院计满 1 处得满分,"
        "两类各占一半。"
    ),
    "description_en": (
        "Schools and hospitals within 1500 m, each counted 1 − distance/1500 m; 2 schools and "
        "1 hospital (so counted) give full marks, each category half of the factor."
    ),
    "params": {
        "reach_m": 1500.0,
        "categories": [
            {"category": "school", "share": 0.5, "saturation": 2.0},
            {"category": "hospital", "share": 0.5, "saturation": 1.0},
        ],
    },
}

_ENVIRONMENT = {
    "key": "environment",
    "kind": "environment",
    "name_zh": "生态环境",
    "name_en": "Environment",
    "description_zh": (
        "到最近公园绿地或水体(地图要素与公园、景区兴趣点)的距离,其内为 0;每 600 m 减半。"
    ),
    "description_en": (
        "Distance to the nearest green space or water (map features and park/scenic POIs), "
        "0 inside one; the value halves every 600 m."
    ),
    "params": {
        "decay": {"full_m": 0.0, "half_m": 600.0},
        "feature_layers": ["park", "green", "water"],
        "poi_categories": ["park", "scenic"],
    },
}


def _weights(access: float, cluster: float, services: float, environment: float) -> Any:
    return {
        "accessibility": access,
        "agglomeration": cluster,
        "public_services": services,
        "environment": environment,
    }


DEFAULT_DOCUMENT: dict[str, Any] = {
    "format": "zoneatlas-attractiveness/1",
    "name": "Zone Atlas default attractiveness model",
    "version": "1.0",
    "source": {
        "title": "Zone Atlas default model (docs/attractiveness.md)",
        "basis_zh": (
            "因子取自基准地价评估的区域因素(交通条件、产业集聚、公共服务设施、环境条件,"
            "GB/T 18508-2014《城镇土地估价规程》);权重为本项目对示范区的设定,"
            "并非统计估计,正式使用时应由开发区按专家打分(AHP)等方法确定并公布。"
        ),
        "basis_en": (
            "Factors follow the regional factors of benchmark land price evaluation "
            "(transport, industrial clustering, public facilities, environment; GB/T "
            "18508-2014). The weights are this project's stated judgement for the demo zone, "
            "not an estimate; a zone should set its own (e.g. by an expert panel / AHP) and "
            "publish them."
        ),
        "synthetic": True,
    },
    "cell_m": 100.0,
    "factors": [_ACCESSIBILITY, _AGGLOMERATION, _PUBLIC_SERVICES, _ENVIRONMENT],
    "weights": _weights(0.30, 0.30, 0.20, 0.20),
    "industry_weights": {
        # talent-driven: staff and their families weigh schools and hospitals
        "digital_economy": _weights(0.25, 0.35, 0.25, 0.15),
        # visitors and scenery: the forest park and the lake are the product
        "film_tourism": _weights(0.30, 0.25, 0.10, 0.35),
        # clustering with suppliers, labs and hospitals
        "life_health": _weights(0.25, 0.35, 0.20, 0.20),
        # freight: roads first, then the supply chain
        "advanced_manufacturing": _weights(0.40, 0.35, 0.10, 0.15),
        "modern_services": _weights(0.35, 0.30, 0.20, 0.15),
        "education": _weights(0.30, 0.15, 0.25, 0.30),
    },
    "industry_uses": {
        "advanced_manufacturing": "industrial",
        "life_health": "industrial",
        "film_tourism": "commercial",
        "modern_services": "commercial",
        # 科研用地; a table set prices it through its use_mapping (the demo: industrial)
        "digital_economy": "research",
        "education": "research",
    },
    "default_use": "industrial",
    "value_index": {"min_relative_price": 0.25},
}
