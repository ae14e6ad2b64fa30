"""A small, safe rule engine for policy conditions.

A rule is JSON data, never code::

    {"all": [{"field": "investment_wan", "op": ">=", "value": 5000},
             {"field": "industry", "op": "in", "value": ["digital_economy"]}]}

Groups are ``{"all": [...]}``, ``{"any": [...]}`` and ``{"not": rule}``; a leaf compares
one field of the project (from the fixed whitelist :data:`FIELDS`) with a constant using
one of :data:`OPS`. ``{}`` means "no conditions". :func:`parse_rule` validates a document
(unknown fields or operators, wrong types, nesting deeper than :data:`MAX_DEPTH`, more than
:data:`MAX_NODES` nodes, lists longer than :data:`MAX_LIST`, strings longer than
:data:`MAX_TEXT`) and names the path of the first problem, e.g.
``conditions.all[1].value``. Nothing is ever passed to ``eval``: a string such as
``"__import__('os')"`` is a plain value that simply equals no industry.

Evaluation is three-valued: a leaf whose field the project does not give is *unknown*, so
an investor learns which facts to give rather than being told "not eligible".

>>> rule = parse_rule({"field": "investment_wan", "op": ">=", "value": 5000})
>>> evaluate(rule, {"investment_wan": 8000}).met
True
>>> evaluate(rule, {}).met is None
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from zoneatlas.errors import InvalidParameter
from zoneatlas.messages import Bi, join, label, number, text
from zoneatlas.parcels import vocab
from zoneatlas.policies.vocab import ENTERPRISE_TYPES, enterprise_type_name

MAX_DEPTH = 8
MAX_NODES = 256
MAX_LIST = 64
MAX_TEXT = 200
#: Numbers in rules and facts stay within ±this (万元, m², people).
MAX_NUMBER = 1e12

Fact = float | str
Facts = Mapping[str, Fact | None]


@dataclass(frozen=True)
class FieldSpec:
    """A project attribute a rule may test: a number (with its unit) or a text key."""

    key: str
    kind: Literal["number", "text"]
    unit: str = ""
    #: Allowed text values; None = any text (functional area codes differ per zone).
    choices: tuple[str, ...] | None = None


FIELDS: dict[str, FieldSpec] = {
    spec.key: spec
    for spec in (
        FieldSpec("industry", "text", choices=tuple(vocab.keys("industry"))),
        FieldSpec("enterprise_type", "text", choices=ENTERPRISE_TYPES),
        FieldSpec("functional_area", "text"),
        FieldSpec("land_use", "text", choices=tuple(vocab.keys("land_use"))),
        FieldSpec("investment_wan", "number", "unit.wan"),
        FieldSpec("equipment_wan", "number", "unit.wan"),
        FieldSpec("annual_output_wan", "number", "unit.wan"),
        FieldSpec("annual_tax_wan", "number", "unit.wan"),
        FieldSpec("rent_wan", "number", "unit.wan"),
        FieldSpec("headcount", "number", "unit.people"),
        FieldSpec("talents", "number", "unit.people"),
        FieldSpec("area_m2", "number", "unit.m2"),
        FieldSpec("land_cost_wan", "number", "unit.wan"),
    )
}

NUMBER_OPS = frozenset({"<", "<=", ">", ">=", "between"})
OPS = frozenset({"==", "!=", "in", "not_in"}) | NUMBER_OPS


class RuleInvalid(InvalidParameter):
    """A rule or benefit document that cannot be used; ``parameter`` is the path."""


@dataclass(frozen=True)
class Leaf:
    field: str
    op: str
    value: Any  # float | str | tuple[float | str, ...], validated by parse_rule


@dataclass(frozen=True)
class Group:
    kind: Literal["all", "any", "not"]
    children: tuple[Rule, ...]


Rule = Leaf | Group
#: The empty document ``{}``: no conditions.
ALWAYS = Group("all", ())


@dataclass(frozen=True)
class Blame:
    """Why a rule failed: a leaf that was false (``negated`` False) or a rule under a
    ``not`` that was true (``negated`` True); ``actual`` is the project's value."""

    rule: Rule
    negated: bool = False
    actual: Fact | None = None


@dataclass(frozen=True)
class Outcome:
    """``met`` is True, False or None (unknown: ``missing`` lists the fields to give)."""

    met: bool | None
    blame: tuple[Blame, ...] = ()
    missing: tuple[str, ...] = ()


# -- parsing ---------------------------------------------------------------------------


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0

    def take(self, path: str) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise RuleInvalid(path, f"the rule has more than {MAX_NODES} nodes")


def parse_rule(document: Any, path: str = "conditions") -> Rule:
    """Validate a rule document and return its parsed form; raise :class:`RuleInvalid`."""
    if isinstance(document, dict) and not document:
        return ALWAYS
    return _parse(document, path, 1, _Budget())


def _parse(node: Any, path: str, depth: int, budget: _Budget) -> Rule:
    if depth > MAX_DEPTH:
        raise RuleInvalid(path, f"rules may nest at most {MAX_DEPTH} levels deep")
    budget.take(path)
    if not isinstance(node, dict):
        raise RuleInvalid(path, f"expected an object, got {_type(node)}")
    keys = set(node)
    if keys & {"all", "any", "not"}:
        if len(keys) != 1:
            raise RuleInvalid(path, f"a group has exactly one key, got {sorted(keys)}")
        (kind,) = keys
        if kind == "not":
            return Group("not", (_parse(node["not"], f"{path}.not", depth + 1, budget),))
        items = node[kind]
        if not isinstance(items, list) or not items:
            raise RuleInvalid(f"{path}.{kind}", "expected a non-empty list of rules")
        if len(items) > MAX_LIST:
            raise RuleInvalid(f"{path}.{kind}", f"at most {MAX_LIST} rules per group")
        children = tuple(
            _parse(item, f"{path}.{kind}[{i}]", depth + 1, budget) for i, item in enumerate(items)
        )
        return Group("all" if kind == "all" else "any", children)
    if keys != {"field", "op", "value"}:
        extra = sorted(keys - {"field", "op", "value"})
        missing = sorted({"field", "op", "value"} - keys)
        detail = f"unknown keys {extra}" if extra else f"missing {missing}"
        raise RuleInvalid(path, f"a rule is all/any/not or field/op/value ({detail})")
    return _leaf(node, path)


def _leaf(node: dict[str, Any], path: str) -> Leaf:
    field, op, value = node["field"], node["op"], node["value"]
    if not isinstance(field, str) or field not in FIELDS:
        raise RuleInvalid(
            f"{path}.field", f"unknown field {_show(field)}; known: {', '.join(FIELDS)}"
        )
    if not isinstance(op, str) or op not in OPS:
        raise RuleInvalid(f"{path}.op", f"unknown operator {_show(op)}; known: {_ops()}")
    spec = FIELDS[field]
    if spec.kind == "text" and op in NUMBER_OPS:
        raise RuleInvalid(f"{path}.op", f"{op!r} compares numbers; {field} is text")
    where = f"{path}.value"
    if op in ("in", "not_in"):
        items = _list(value, where, minimum=1)
        return Leaf(
            field, op, tuple(_scalar(spec, v, f"{where}[{i}]") for i, v in enumerate(items))
        )
    if op == "between":
        items = _list(value, where, minimum=2)
        if len(items) != 2:
            raise RuleInvalid(where, "between takes [low, high]")
        low, high = (_scalar(spec, v, f"{where}[{i}]") for i, v in enumerate(items))
        assert isinstance(low, float) and isinstance(high, float)
        if low > high:
            raise RuleInvalid(where, f"low {number(low, 2)} is greater than high {number(high, 2)}")
        return Leaf(field, op, (low, high))
    return Leaf(field, op, _scalar(spec, value, where))


def _list(value: Any, path: str, minimum: int) -> list[Any]:
    if not isinstance(value, list):
        raise RuleInvalid(path, f"expected a list, got {_type(value)}")
    if len(value) < minimum:
        raise RuleInvalid(path, f"expected at least {minimum} item(s)")
    if len(value) > MAX_LIST:
        raise RuleInvalid(path, f"at most {MAX_LIST} items, got {len(value)}")
    return value


def _scalar(spec: FieldSpec, value: Any, path: str) -> Fact:
    if spec.kind == "number":
        return check_number(value, path)
    if not isinstance(value, str):
        raise RuleInvalid(path, f"{spec.key} is text; expected a string, got {_type(value)}")
    if len(value) > MAX_TEXT:
        raise RuleInvalid(path, f"strings are at most {MAX_TEXT} characters")
    if spec.choices is not None and value not in spec.choices:
        raise RuleInvalid(
            path, f"unknown {spec.key} {_show(value)}; known: {', '.join(spec.choices)}"
        )
    return value


def check_number(value: Any, path: str) -> float:
    """A finite number within ±:data:`MAX_NUMBER` (booleans and numeric strings are not)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleInvalid(path, f"expected a number, got {_type(value)}")
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise RuleInvalid(path, f"expected a finite number within ±{MAX_NUMBER:g}")
    return float(value)


def _type(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _show(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _ops() -> str:
    return ", ".join(sorted(OPS))


# -- evaluation ------------------------------------------------------------------------


def evaluate(rule: Rule, facts: Facts) -> Outcome:
    """Evaluate ``rule`` against a project's ``facts`` (field → number or text key)."""
    if isinstance(rule, Leaf):
        actual = facts.get(rule.field)
        if actual is None:
            return Outcome(None, missing=(rule.field,))
        met = _compare(rule, actual)
        return Outcome(met, () if met else (Blame(rule, actual=actual),))
    outcomes = [evaluate(child, facts) for child in rule.children]
    missing = tuple(dict.fromkeys(m for o in outcomes for m in o.missing))
    if rule.kind == "not":
        (inner,) = outcomes
        if inner.met is None:
            return Outcome(None, missing=missing)
        if inner.met:
            return Outcome(False, (Blame(rule.children[0], negated=True),))
        return Outcome(True)
    values = [o.met for o in outcomes]
    if rule.kind == "all":
        if False in values:
            return Outcome(False, tuple(b for o in outcomes if o.met is False for b in o.blame))
        return Outcome(None, missing=missing) if None in values else Outcome(True)
    if True in values:
        return Outcome(True)
    if None in values:
        return Outcome(None, missing=missing)
    return Outcome(False, tuple(b for o in outcomes for b in o.blame))


def _compare(leaf: Leaf, actual: Fact) -> bool:
    op, value = leaf.op, leaf.value
    if op == "==":
        return bool(actual == value)
    if op == "!=":
        return bool(actual != value)
    if op == "in":
        return actual in value
    if op == "not_in":
        return actual not in value
    if not isinstance(actual, int | float):
        return False
    if op == "between":
        return bool(value[0] <= actual <= value[1])
    if op == "<":
        return bool(actual < value)
    if op == "<=":
        return bool(actual <= value)
    if op == ">":
        return bool(actual > value)
    return bool(actual >= value)


# -- descriptions ----------------------------------------------------------------------


def field_name(field: str) -> Bi:
    return label(f"field.{field}")


def fact_text(field: str, value: Fact) -> Bi:
    """A value of ``field`` as shown to people: vocabulary names, numbers with units."""
    spec = FIELDS[field]
    if spec.kind == "number":
        assert isinstance(value, int | float)
        unit = label(spec.unit) if spec.unit else Bi("", "")
        digits = 0 if float(value).is_integer() else 2
        return Bi(f"{number(value, digits)}{unit.zh}", f"{number(value, digits)} {unit.en}".strip())
    if field == "enterprise_type" and value in ENTERPRISE_TYPES:
        return enterprise_type_name(str(value))
    vocabulary = {"industry": "industry", "land_use": "land_use"}.get(field)
    term = vocab.lookup(vocabulary, str(value)) if vocabulary else None
    return Bi(term.zh, term.en) if term else Bi(str(value), str(value))


def describe(rule: Rule) -> Bi:
    """The rule as a sentence in zh and en, e.g. 计划投资不低于5,000万元."""
    if isinstance(rule, Leaf):
        if rule.op == "between":
            low, high = (fact_text(rule.field, v) for v in rule.value)
            value = Bi(f"{low.zh}–{high.zh}", f"{low.en} and {high.en}")
        elif rule.op in ("in", "not_in"):
            value = join([fact_text(rule.field, v) for v in rule.value], en_sep=", ")
        else:
            value = fact_text(rule.field, rule.value)
        rendered = text(f"rule.op.{rule.op}", field=field_name(rule.field), value=value)
        return Bi(rendered["zh"], rendered["en"])
    if not rule.children:
        return label("policy.no_conditions")
    items = join([describe(c) for c in rule.children], zh_sep=";", en_sep="; ")
    if rule.kind == "all" and len(rule.children) == 1:
        return describe(rule.children[0])
    rendered = text(f"rule.{rule.kind}", items=items)
    return Bi(rendered["zh"], rendered["en"])


def blame_reason(blame: Blame) -> dict[str, str]:
    """Why a condition failed, in zh and en (the project's value in brackets)."""
    condition = describe(blame.rule)
    if blame.negated:
        return text("policy.condition_excluded", condition=condition)
    if blame.actual is not None and isinstance(blame.rule, Leaf):
        actual = text("rule.actual", actual=fact_text(blame.rule.field, blame.actual))
        condition = Bi(condition.zh + actual["zh"], condition.en + actual["en"])
    return text("policy.condition_failed", condition=condition)
