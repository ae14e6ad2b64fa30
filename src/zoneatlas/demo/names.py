"""Synthetic firm names: ``长春启明数字科技有限公司(示意)`` and its English, unique per industry.

A name is a place prefix, a brand word and an industry suffix; names are drawn without
replacement from all combinations, so they are unique and the same for the same seed. All
are marked (示意) / (illustrative) so that none is taken for a real company.
"""

from __future__ import annotations

import numpy as np

_PLACES = (("长春", "Changchun"), ("吉林省", "Jilin"), ("净月", "Jingyue"))

_BRANDS = (
    ("启明", "Qiming"), ("华创", "Huachuang"), ("星河", "Xinghe"), ("云帆", "Yunfan"),
    ("博远", "Boyuan"), ("瑞德", "Ruide"), ("恒信", "Hengxin"), ("鼎盛", "Dingsheng"),
    ("长青", "Changqing"), ("智远", "Zhiyuan"), ("汇通", "Huitong"), ("天成", "Tiancheng"),
    ("新锐", "Xinrui"), ("卓越", "Zhuoyue"), ("宏图", "Hongtu"), ("锦程", "Jincheng"),
    ("盛世", "Shengshi"), ("金桥", "Jinqiao"), ("润泽", "Runze"), ("东升", "Dongsheng"),
    ("北辰", "Beichen"), ("雪松", "Xuesong"), ("白桦", "Baihua"), ("青山", "Qingshan"),
    ("远航", "Yuanhang"), ("嘉禾", "Jiahe"), ("同创", "Tongchuang"), ("海纳", "Haina"),
    ("明德", "Mingde"), ("弘毅", "Hongyi"), ("永信", "Yongxin"), ("睿思", "Ruisi"),
    ("众合", "Zhonghe"), ("凯瑞", "Kairui"), ("联华", "Lianhua"), ("鸿运", "Hongyun"),
    ("晨曦", "Chenxi"), ("如意", "Ruyi"), ("兴业", "Xingye"), ("泰和", "Taihe"),
    ("德润", "Derun"), ("诚达", "Chengda"), ("福源", "Fuyuan"), ("光华", "Guanghua"),
    ("松涛", "Songtao"), ("朗月", "Langyue"), ("清泉", "Qingquan"), ("万象", "Wanxiang"),
)  # fmt: skip

_SUFFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "digital_economy": (
        ("数字科技", "Digital Technology"), ("信息技术", "Information Technology"),
        ("软件", "Software"), ("网络科技", "Network Technology"), ("大数据", "Big Data"),
        ("智能科技", "Intelligent Technology"),
    ),
    "film_tourism": (
        ("影视传媒", "Film and Media"), ("文化旅游", "Culture and Tourism"),
        ("影视制作", "Film Production"), ("文化传播", "Cultural Communication"),
        ("动漫", "Animation"), ("演艺", "Performing Arts"),
    ),
    "life_health": (
        ("生物医药", "Biopharmaceutical"), ("医疗器械", "Medical Devices"),
        ("健康科技", "Health Technology"), ("生物科技", "Biotechnology"),
        ("医药", "Pharmaceutical"), ("康养", "Wellness"),
    ),
    "advanced_manufacturing": (
        ("智能制造", "Intelligent Manufacturing"), ("精密机械", "Precision Machinery"),
        ("新材料", "New Materials"), ("汽车零部件", "Auto Parts"), ("光电", "Optoelectronics"),
        ("装备", "Equipment"),
    ),
    "modern_services": (
        ("商务服务", "Business Services"), ("管理咨询", "Management Consulting"),
        ("供应链", "Supply Chain"), ("物业服务", "Property Services"),
        ("会展", "Exhibition Services"), ("金融服务", "Financial Services"),
    ),
    "education": (
        ("教育科技", "Education Technology"), ("培训", "Training"),
        ("职业培训", "Vocational Training"), ("文化教育", "Culture and Education"),
        ("艺术培训", "Art Training"), ("科普", "Science Education"),
    ),
}  # fmt: skip


def firm_names(industry: str, count: int, rng: np.random.Generator) -> list[tuple[str, str]]:
    """``count`` distinct (name_zh, name_en) pairs for firms of ``industry``."""
    suffixes = _SUFFIXES[industry]
    total = len(_PLACES) * len(_BRANDS) * len(suffixes)
    if count > total:
        raise ValueError(f"{industry}: {count} names asked, {total} combinations exist")
    names = []
    for index in rng.choice(total, size=count, replace=False):
        place, rest = divmod(int(index), len(_BRANDS) * len(suffixes))
        brand, suffix = divmod(rest, len(suffixes))
        (pz, pe), (bz, be), (sz, se) = _PLACES[place], _BRANDS[brand], suffixes[suffix]
        names.append((f"{pz}{bz}{sz}有限公司(示意)", f"{pe} {be} {se} Co., Ltd. (illustrative)"))
    return names
