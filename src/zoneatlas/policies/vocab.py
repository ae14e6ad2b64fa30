"""Vocabularies of the policy library: enterprise types, policy levels and the parts of the
"1+4+3" policy system, each key with its zh/en name in :mod:`zoneatlas.messages`."""

from __future__ import annotations

from zoneatlas.messages import Bi, label

ENTERPRISE_TYPES: tuple[str, ...] = (
    "high_tech",
    "sme",
    "headquarters",
    "listed",
    "financial",
    "startup",
    "foreign",
)

#: 国家 / 省 / 市 / 区, broadest first.
LEVELS: tuple[str, ...] = ("national", "provincial", "municipal", "district")

#: "1+4+3": the 1 core measure, the 4 supporting policies, the 3 leading-industry policies;
#: ``special`` holds temporary and topical measures outside the system.
FRAMEWORKS: tuple[str, ...] = ("core", "supporting", "industry", "special")


def enterprise_type_name(key: str) -> Bi:
    return label(f"enterprise.{key}")


def level_name(key: str) -> Bi:
    return label(f"policy.level.{key}")


def framework_name(key: str) -> Bi:
    return label(f"policy.framework.{key}")
