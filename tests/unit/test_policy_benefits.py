"""Policy benefits: each kind's estimate in 万元, caps, conditional benefits, missing facts,
and validation of benefit documents."""

from __future__ import annotations

from typing import Any

import pytest

from zoneatlas.policies.benefits import (
    describe_benefit,
    estimate,
    parse_benefits,
    total_wan,
    value_note,
)
from zoneatlas.policies.rules import RuleInvalid

pytestmark = pytest.mark.unit


def one(document: dict[str, Any]) -> Any:
    return parse_benefits([document])[0]


@pytest.mark.parametrize(
    ("document", "facts", "value"),
    [
        (
            {"kind": "land_price_subsidy", "share": 0.2, "cap_wan": 1000},
            {"land_cost_wan": 2140},
            428.0,
        ),
        (
            {"kind": "land_price_subsidy", "share": 0.2, "cap_wan": 100},
            {"land_cost_wan": 2140},
            100.0,
        ),
        ({"kind": "rent_subsidy", "share": 0.5, "years": 3}, {"rent_wan": 40}, 60.0),
        (
            {"kind": "tax_rebate", "share": 0.5, "local_share": 0.4, "years": 3, "cap_wan": 2000},
            {"annual_tax_wan": 1000},
            600.0,
        ),
        (
            {"kind": "equipment_subsidy", "share": 0.15, "cap_wan": 300},
            {"equipment_wan": 1000},
            150.0,
        ),
        ({"kind": "talent_award", "amount_wan": 50, "max_count": 10}, {"talents": 3}, 150.0),
        ({"kind": "talent_award", "amount_wan": 50, "max_count": 10}, {"talents": 30}, 500.0),
        ({"kind": "one_off_award", "amount_wan": 100}, {}, 100.0),
    ],
)
def test_estimates(document: dict[str, Any], facts: dict[str, Any], value: float) -> None:
    assert estimate(one(document), facts).value_wan == pytest.approx(value)


def test_cap_is_reported() -> None:
    result = estimate(
        one({"kind": "land_price_subsidy", "share": 0.5, "cap_wan": 10}), {"land_cost_wan": 100}
    )
    assert result.capped and result.value_wan == 10


def test_missing_fact_gives_no_value_and_names_it() -> None:
    result = estimate(one({"kind": "rent_subsidy", "share": 0.5, "years": 3}), {})
    assert result.value_wan is None
    assert result.missing == ("rent_wan",)
    assert "年租金" in value_note(result)["zh"] and "annual rent" in value_note(result)["en"]


def test_conditional_benefit() -> None:
    benefit = one(
        {
            "kind": "one_off_award",
            "amount_wan": 200,
            "when": {"field": "investment_wan", "op": ">=", "value": 100000},
        }
    )
    assert estimate(benefit, {"investment_wan": 200000}).value_wan == 200
    small = estimate(benefit, {"investment_wan": 5000})
    assert small.value_wan == 0 and small.applies is False
    assert estimate(benefit, {}).value_wan is None
    terms = describe_benefit(benefit)
    assert "一次性奖励200万元" in terms["zh"] and "计划投资不低于100,000万元" in terms["zh"]
    assert "one-off award of 200万元" in terms["en"]


def test_total_skips_unknown_values() -> None:
    values = [
        estimate(one({"kind": "one_off_award", "amount_wan": 100}), {}),
        estimate(one({"kind": "rent_subsidy", "share": 0.5, "years": 3}), {}),
    ]
    assert total_wan(values) == 100


def test_descriptions() -> None:
    tax = one({"kind": "tax_rebate", "share": 0.5, "local_share": 0.4, "years": 3, "cap_wan": 2000})
    assert describe_benefit(tax)["zh"] == "地方留成税收(40%)返还50%,3年(上限2,000万元)"
    uncapped = describe_benefit(one({"kind": "equipment_subsidy", "share": 0.1}))
    assert "不设上限" in uncapped["zh"] and "no cap" in uncapped["en"]


@pytest.mark.parametrize(
    ("document", "path", "words"),
    [
        ({"kind": "cash"}, "benefits[0].kind", "unknown benefit kind"),
        ({"kind": "land_price_subsidy"}, "benefits[0].share", "needs share"),
        ({"kind": "land_price_subsidy", "share": 1.5}, "benefits[0].share", "≤ 1"),
        ({"kind": "land_price_subsidy", "share": 0}, "benefits[0].share", "> 0"),
        ({"kind": "land_price_subsidy", "share": "0.3"}, "benefits[0].share", "expected a number"),
        ({"kind": "rent_subsidy", "share": 0.5, "years": 2.5}, "benefits[0].years", "whole number"),
        (
            {"kind": "one_off_award", "amount_wan": 1, "share": 0.1},
            "benefits[0].share",
            "not a field",
        ),
        (
            {
                "kind": "one_off_award",
                "amount_wan": 1,
                "when": {"field": "x", "op": "==", "value": 1},
            },
            "benefits[0].when.field",
            "unknown field",
        ),
        ("one_off_award", "benefits[0]", "expected an object"),
    ],
)
def test_bad_benefits_are_refused(document: Any, path: str, words: str) -> None:
    with pytest.raises(RuleInvalid) as caught:
        parse_benefits([document])
    assert caught.value.parameter == path
    assert words in str(caught.value)


def test_benefit_list_size_and_type() -> None:
    with pytest.raises(RuleInvalid, match="at most 32"):
        parse_benefits([{"kind": "one_off_award", "amount_wan": 1}] * 33)
    with pytest.raises(RuleInvalid, match="expected a list"):
        parse_benefits({"kind": "one_off_award", "amount_wan": 1})
