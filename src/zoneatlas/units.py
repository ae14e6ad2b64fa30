"""Units the users of a Chinese development zone expect: m², 亩, 公顷, 万元, 亿元.

1 亩 = 10000/15 m² (exactly 666.67 m²); 1 公顷 = 10000 m² = 15 亩.

>>> round(m2_to_mu(6666.67), 2)
10.0
>>> mu_to_m2(15)
10000.0
"""

from __future__ import annotations

M2_PER_MU = 10000.0 / 15.0
M2_PER_HECTARE = 10000.0


def m2_to_mu(area_m2: float) -> float:
    """Square metres to 亩."""
    return area_m2 / M2_PER_MU


def mu_to_m2(area_mu: float) -> float:
    """亩 to square metres."""
    return area_mu * M2_PER_MU


def yuan_to_wan(yuan: float) -> float:
    """元 to 万元."""
    return yuan / 1e4
