"""Policy benefits as data, and their estimated value in 万元 for a project.

A benefit is an object with a ``kind`` and that kind's numbers; an optional ``when`` rule
(see :mod:`zoneatlas.policies.rules`) restricts it, e.g. a higher share for larger
investments. Kinds and their estimate:

=====================  ================================================  ======================
kind                   numbers                                           estimate (万元)
=====================  ================================================  ======================
land_price_subsidy     share (0–1], cap_wan                              share × land cost
rent_subsidy           share, years, cap_wan                             share × annual rent × years
tax_rebate             share, local_share (0–1], years, cap_wan          share × local_share ×
                                                                         annual tax × years
equipment_subsidy      share, cap_wan                                    share × equipment
talent_award           amount_wan, max_count                             amount × min(talents, max)
one_off_award          amount_wan                                        amount
=====================  ================================================  ======================

``cap_wan`` is optional (no cap); every estimate is capped by it. An estimate needs the
project facts it multiplies; when one is missing the value is None and ``missing`` says
which fact to give.

>>> benefit = parse_benefits([{"kind": "land_price_subsidy", "share": 0.3, "cap_wan": 500}])[0]
>>> estimate(benefit, {"land_cost_wan": 1000}).value_wan
300.0
>>> estimate(benefit, {"land_cost_wan": 5000}).value_wan
500.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from zoneatlas.messages import Bi, number, placeholders, text
from zoneatlas.messages import join as join_names
from zoneatlas.policies.rules import (
    MAX_LIST,
    Facts,
    Rule,
    RuleInvalid,
    check_number,
    describe,
    evaluate,
    field_name,
    parse_rule,
)

#: kind → (required numbers, optional numbers, the project fact it multiplies)
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str | None]] = {
    "land_price_subsidy": (("share",), ("cap_wan",), "land_cost_wan"),
    "rent_subsidy": (("share", "years"), ("cap_wan",), "rent_wan"),
    "tax_rebate": (("share", "local_share", "years"), ("cap_wan",), "annual_tax_wan"),
    "equipment_subsidy": (("share",), ("cap_wan",), "equipment_wan"),
    "talent_award": (("amount_wan",), ("max_count",), "talents"),
    "one_off_award": (("amount_wan",), (), None),
}
#: (low, high, whole numbers only) of each number a benefit may carry; low is exclusive.
RANGES: dict[str, tuple[float, float, bool]] = {
    "share": (0.0, 1.0, False),
    "local_share": (0.0, 1.0, False),
    "years": (0.0, 20.0, True),
    "cap_wan": (0.0, 1e7, False),
    "amount_wan": (0.0, 1e6, False),
    "max_count": (0.0, 10_000.0, True),
}
MAX_BENEFITS = 32


@dataclass(frozen=True)
class Benefit:
    kind: str
    numbers: dict[str, float]
    when: Rule | None = None


@dataclass(frozen=True)
class BenefitValue:
    """A benefit's estimate for one project: ``value_wan`` None when facts are missing,
    0 when its ``when`` condition is not met (``applies`` False)."""

    benefit: Benefit
    value_wan: float | None
    applies: bool | None
    capped: bool = False
    missing: tuple[str, ...] = ()


def parse_benefits(document: Any, path: str = "benefits") -> tuple[Benefit, ...]:
    """Validate a list of benefit objects; raise :class:`RuleInvalid` naming the path."""
    if not isinstance(document, list):
        raise RuleInvalid(path, "expected a list of benefits")
    if len(document) > min(MAX_BENEFITS, MAX_LIST):
        raise RuleInvalid(path, f"at most {MAX_BENEFITS} benefits per policy")
    return tuple(_benefit(item, f"{path}[{i}]") for i, item in enumerate(document))


def _benefit(item: Any, path: str) -> Benefit:
    if not isinstance(item, dict):
        raise RuleInvalid(path, "expected an object with a kind")
    kind = item.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise RuleInvalid(f"{path}.kind", f"unknown benefit kind; known: {', '.join(KINDS)}")
    required, optional, _ = KINDS[kind]
    allowed = {"kind", "when", *required, *optional}
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise RuleInvalid(
            f"{path}.{unknown[0]}", f"not a field of {kind}; allowed: {sorted(allowed)}"
        )
    numbers: dict[str, float] = {}
    for name in (*required, *optional):
        if name not in item:
            if name in required:
                raise RuleInvalid(f"{path}.{name}", f"{kind} needs {name}")
            continue
        numbers[name] = _in_range(name, item[name], f"{path}.{name}")
    when = parse_rule(item["when"], f"{path}.when") if "when" in item else None
    return Benefit(kind, numbers, when)


def _in_range(name: str, value: Any, path: str) -> float:
    number_value = check_number(value, path)
    low, high, whole = RANGES[name]
    if not low < number_value <= high:
        raise RuleInvalid(path, f"{name} must be > {low:g} and ≤ {high:g}")
    if whole and not number_value.is_integer():
        raise RuleInvalid(path, f"{name} must be a whole number")
    return number_value


def estimate(benefit: Benefit, facts: Facts) -> BenefitValue:
    """The benefit's value in 万元 for a project described by ``facts``."""
    if benefit.when is not None:
        outcome = evaluate(benefit.when, facts)
        if outcome.met is False:
            return BenefitValue(benefit, 0.0, False)
        if outcome.met is None:
            return BenefitValue(benefit, None, None, missing=outcome.missing)
    n = benefit.numbers
    _, _, base_field = KINDS[benefit.kind]
    base = 1.0
    if base_field is not None:
        given = facts.get(base_field)
        if not isinstance(given, int | float):
            return BenefitValue(benefit, None, True, missing=(base_field,))
        base = max(float(given), 0.0)
    value = {
        "land_price_subsidy": lambda: n["share"] * base,
        "rent_subsidy": lambda: n["share"] * base * n["years"],
        "tax_rebate": lambda: n["share"] * n["local_share"] * base * n["years"],
        "equipment_subsidy": lambda: n["share"] * base,
        "talent_award": lambda: n["amount_wan"] * min(base, n.get("max_count", base)),
        "one_off_award": lambda: n["amount_wan"],
    }[benefit.kind]()
    cap = n.get("cap_wan")
    capped = cap is not None and value > cap
    return BenefitValue(
        benefit, round(min(value, cap) if cap is not None else value, 2), True, capped
    )


def _bi(message: dict[str, str]) -> Bi:
    return Bi(message["zh"], message["en"])


def describe_benefit(benefit: Benefit) -> dict[str, str]:
    """The benefit's terms in zh and en, e.g. 土地出让价款补贴30%(上限500万元)."""
    n = benefit.numbers
    cap, count = n.get("cap_wan"), n.get("max_count")
    params: dict[str, Any] = {
        "share": number(n.get("share", 0) * 100, 0),
        "local": number(n.get("local_share", 0) * 100, 0),
        "years": number(n.get("years", 0)),
        "cap": _bi(text("benefit.cap", amount=number(cap)) if cap else text("benefit.no_cap")),
        "amount": number(n.get("amount_wan", 0)),
        "count": _bi(
            text("benefit.max_count", count=number(count)) if count else text("benefit.any_count")
        ),
    }
    template = f"benefit.{benefit.kind}"
    wanted = placeholders(template)["zh"]
    terms = text(template, **{k: v for k, v in params.items() if k in wanted})
    if benefit.when is not None:
        when = text("benefit.when", condition=describe(benefit.when))
        terms = {"zh": f"{terms['zh']};{when['zh']}", "en": f"{terms['en']}; {when['en']}"}
    return terms


def value_note(value: BenefitValue) -> dict[str, str]:
    """What the estimate is, or what to give to get one."""
    if value.applies is False:
        return text("benefit.not_applicable")
    if value.value_wan is None:
        return text(
            "benefit.value_unknown", fields=join_names([field_name(f) for f in value.missing])
        )
    return text("benefit.value", value=number(value.value_wan, 2 if value.value_wan < 10 else 0))


def total_wan(values: Sequence[BenefitValue]) -> float:
    """Sum of the known estimates, 万元."""
    return round(sum(v.value_wan for v in values if v.value_wan is not None), 2)
