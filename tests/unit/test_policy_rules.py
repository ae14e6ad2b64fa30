"""The policy rule engine: parsing, three-valued evaluation, descriptions, and rule data
written to break it (deep nesting, huge lists, unknown operators, wrong types, code-like
strings), which must be refused with the path named or treated as plain data."""

from __future__ import annotations

import builtins
import math
from typing import Any

import pytest

from zoneatlas.policies.rules import (
    ALWAYS,
    MAX_DEPTH,
    MAX_LIST,
    MAX_NODES,
    Leaf,
    RuleInvalid,
    blame_reason,
    describe,
    evaluate,
    parse_rule,
)

pytestmark = pytest.mark.unit

BIG_DIGITAL = {
    "all": [
        {"field": "investment_wan", "op": ">=", "value": 5000},
        {"field": "industry", "op": "in", "value": ["digital_economy", "life_health"]},
    ]
}


def rejected(document: Any) -> RuleInvalid:
    with pytest.raises(RuleInvalid) as caught:
        parse_rule(document)
    return caught.value


# -- evaluation ----------------------------------------------------------------------------


def test_all_of_two_conditions() -> None:
    rule = parse_rule(BIG_DIGITAL)
    assert evaluate(rule, {"investment_wan": 8000, "industry": "digital_economy"}).met is True
    failed = evaluate(rule, {"investment_wan": 3000, "industry": "digital_economy"})
    assert failed.met is False
    assert [b.actual for b in failed.blame] == [3000]


def test_missing_fact_is_unknown_and_named() -> None:
    outcome = evaluate(parse_rule(BIG_DIGITAL), {"investment_wan": 8000})
    assert outcome.met is None
    assert outcome.missing == ("industry",)


def test_a_false_condition_beats_an_unknown_one() -> None:
    outcome = evaluate(parse_rule(BIG_DIGITAL), {"investment_wan": 10})
    assert outcome.met is False


@pytest.mark.parametrize(
    ("op", "value", "actual", "expected"),
    [
        ("==", 10, 10, True),
        ("!=", 10, 10, False),
        ("<", 10, 9.99, True),
        ("<=", 10, 10, True),
        (">", 10, 10, False),
        (">=", 10, 10, True),
        ("between", [10, 20], 20, True),
        ("between", [10, 20], 20.01, False),
        ("in", [1, 2, 3], 2, True),
        ("not_in", [1, 2, 3], 2, False),
    ],
)
def test_every_operator(op: str, value: Any, actual: float, expected: bool) -> None:
    rule = parse_rule({"field": "headcount", "op": op, "value": value})
    assert evaluate(rule, {"headcount": actual}).met is expected


def test_any_and_not() -> None:
    rule = parse_rule(
        {
            "any": [
                {"field": "talents", "op": ">=", "value": 3},
                {"not": {"field": "enterprise_type", "op": "==", "value": "sme"}},
            ]
        }
    )
    assert evaluate(rule, {"talents": 5, "enterprise_type": "sme"}).met is True
    assert evaluate(rule, {"talents": 0, "enterprise_type": "high_tech"}).met is True
    outcome = evaluate(rule, {"talents": 0, "enterprise_type": "sme"})
    assert outcome.met is False
    assert {b.negated for b in outcome.blame} == {False, True}
    assert evaluate(rule, {"talents": 0}).met is None


def test_empty_document_means_no_conditions() -> None:
    assert parse_rule({}) == ALWAYS
    assert evaluate(ALWAYS, {}).met is True


def test_descriptions_in_both_languages() -> None:
    text = describe(parse_rule(BIG_DIGITAL))
    assert "计划投资不低于5,000万元" in text.zh
    assert "数字经济" in text.zh and "生命健康" in text.zh
    assert "planned investment ≥ 5,000 万元" in text.en
    assert "Digital economy" in text.en
    outcome = evaluate(parse_rule(BIG_DIGITAL), {"investment_wan": 3000, "industry": "life_health"})
    reason = blame_reason(outcome.blame[0])
    assert "当前为3,000万元" in reason["zh"]
    assert "given: 3,000 万元" in reason["en"]


# -- validation ----------------------------------------------------------------------------


def test_error_names_the_path() -> None:
    error = rejected(
        {
            "all": [
                {"field": "industry", "op": "==", "value": "film_tourism"},
                {"field": "investment_wan", "op": ">=", "value": "5000"},
            ]
        }
    )
    assert error.parameter == "conditions.all[1].value"
    assert "expected a number, got str" in str(error)


@pytest.mark.parametrize(
    ("document", "path", "words"),
    [
        ({"field": "salary", "op": ">=", "value": 1}, "conditions.field", "unknown field"),
        ({"field": "headcount", "op": "=~", "value": 1}, "conditions.op", "unknown operator"),
        ({"field": "headcount", "op": "__eq__", "value": 1}, "conditions.op", "unknown operator"),
        ({"field": "industry", "op": ">=", "value": "x"}, "conditions.op", "compares numbers"),
        ({"field": "headcount", "op": ">=", "value": True}, "conditions.value", "got bool"),
        ({"field": "headcount", "op": ">=", "value": None}, "conditions.value", "got null"),
        ({"field": "headcount", "op": ">=", "value": [1]}, "conditions.value", "got list"),
        ({"field": "headcount", "op": ">=", "value": math.inf}, "conditions.value", "finite"),
        ({"field": "headcount", "op": ">=", "value": math.nan}, "conditions.value", "finite"),
        ({"field": "headcount", "op": ">=", "value": 1e300}, "conditions.value", "finite"),
        ({"field": "headcount", "op": "between", "value": [5, 1]}, "conditions.value", "greater"),
        (
            {"field": "headcount", "op": "between", "value": [1, 2, 3]},
            "conditions.value",
            "[low, high]",
        ),
        ({"field": "headcount", "op": "in", "value": []}, "conditions.value", "at least 1"),
        ({"field": "headcount", "op": "in", "value": 3}, "conditions.value", "expected a list"),
        (
            {"field": "industry", "op": "==", "value": "steel"},
            "conditions.value",
            "unknown industry",
        ),
        (
            {"field": "industry", "op": "in", "value": ["film_tourism", 3]},
            "conditions.value[1]",
            "string",
        ),
        ({"field": "industry", "op": "==", "value": "x", "note": 1}, "conditions", "unknown keys"),
        ({"field": "industry", "op": "=="}, "conditions", "missing"),
        ({"all": [], "any": []}, "conditions", "exactly one key"),
        ({"all": []}, "conditions.all", "non-empty list"),
        ({"all": {"field": "headcount"}}, "conditions.all", "non-empty list"),
        ({"not": []}, "conditions.not", "expected an object"),
        ([BIG_DIGITAL], "conditions", "expected an object"),
        ("investment_wan >= 5000", "conditions", "expected an object"),
        (None, "conditions", "expected an object"),
        ({"field": {"x": 1}, "op": "==", "value": 1}, "conditions.field", "unknown field"),
    ],
)
def test_bad_documents_are_refused(document: Any, path: str, words: str) -> None:
    error = rejected(document)
    assert error.parameter == path
    assert words in str(error)


def test_deep_nesting_is_refused_without_recursing() -> None:
    document: Any = {"field": "headcount", "op": ">", "value": 1}
    for _ in range(100_000):  # far deeper than Python's recursion limit
        document = {"not": document}
    error = rejected(document)
    assert f"at most {MAX_DEPTH} levels" in str(error)
    assert error.parameter.count(".not") == MAX_DEPTH


def test_nesting_up_to_the_limit_is_fine() -> None:
    document: Any = {"field": "headcount", "op": ">", "value": 1}
    for _ in range(MAX_DEPTH - 1):
        document = {"not": document}
    assert evaluate(parse_rule(document), {"headcount": 2}).met is (MAX_DEPTH % 2 == 1)


def test_huge_lists_are_refused() -> None:
    error = rejected({"field": "headcount", "op": "in", "value": list(range(MAX_LIST + 1))})
    assert f"at most {MAX_LIST} items" in str(error)
    leaf = {"field": "headcount", "op": ">", "value": 1}
    error = rejected({"any": [leaf] * (MAX_LIST + 1)})
    assert f"at most {MAX_LIST} rules" in str(error)


def test_too_many_nodes_are_refused() -> None:
    leaf = {"field": "headcount", "op": ">", "value": 1}
    wide = {"all": [{"any": [leaf] * 60}] * 5}  # 1 + 5 + 300 nodes
    error = rejected(wide)
    assert f"more than {MAX_NODES} nodes" in str(error)


def test_long_strings_are_refused() -> None:
    error = rejected({"field": "functional_area", "op": "==", "value": "x" * 201})
    assert "at most 200 characters" in str(error)


@pytest.mark.parametrize(
    "payload",
    [
        "__import__('os').system('touch /tmp/pwned')",
        "{{7*7}}",
        "${jndi:ldap://x}",
        "'; DROP TABLE policies; --",
        "lambda: 1",
    ],
)
def test_code_like_strings_are_plain_data(payload: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the rule engine must never evaluate code")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(builtins, "compile", refuse)
    rule = parse_rule({"field": "functional_area", "op": "==", "value": payload})
    assert isinstance(rule, Leaf) and rule.value == payload
    assert evaluate(rule, {"functional_area": "digital"}).met is False
    assert evaluate(rule, {"functional_area": payload}).met is True
    assert rejected({"field": payload, "op": "==", "value": 1}).parameter == "conditions.field"
    assert rejected({"field": "headcount", "op": payload, "value": 1}).parameter == "conditions.op"
    assert (
        rejected({"field": "industry", "op": "==", "value": payload}).parameter
        == "conditions.value"
    )


def test_text_facts_never_satisfy_numeric_comparisons() -> None:
    rule = parse_rule({"field": "investment_wan", "op": ">=", "value": 1})
    assert evaluate(rule, {"investment_wan": "99999"}).met is False
