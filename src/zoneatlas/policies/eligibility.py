"""Which policies apply to a project, on a date, and what they are worth.

A policy in force on the evaluation date is *eligible* when its industries cover the
project's industry and its conditions are met, *not eligible* when a condition fails, and
*needs info* when a condition tests a fact the project did not give. A policy whose expiry
date is before the evaluation date is *expired* and never applied (its value is 0); one
whose effective date is after it is *not yet effective*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from zoneatlas.errors import NotFound
from zoneatlas.messages import Bi, join, number, text
from zoneatlas.parcels import vocab
from zoneatlas.policies.benefits import (
    Benefit,
    BenefitValue,
    describe_benefit,
    estimate,
    parse_benefits,
    total_wan,
    value_note,
)
from zoneatlas.policies.rules import (
    Facts,
    Rule,
    RuleInvalid,
    blame_reason,
    describe,
    evaluate,
    field_name,
    parse_rule,
)
from zoneatlas.policies.vocab import FRAMEWORKS, LEVELS, framework_name, level_name
from zoneatlas.records import Policy


class PolicyNotFound(NotFound):
    def __init__(self, slug: str) -> None:
        super().__init__(f"no policy {slug!r}")
        self.slug = slug


@dataclass(frozen=True)
class ParsedPolicy:
    """A policy record with its validated conditions and benefits."""

    record: Policy
    conditions: Rule
    benefits: tuple[Benefit, ...]


@dataclass(frozen=True)
class PolicyOutcome:
    """A policy's result for one project; ``value_wan`` sums the known benefit estimates of
    an eligible policy and is 0 for every other status."""

    policy: ParsedPolicy
    status: str  # eligible, not_eligible, needs_info, expired, not_yet_effective
    reasons: tuple[dict[str, str], ...] = ()
    missing: tuple[str, ...] = ()
    benefits: tuple[BenefitValue, ...] = field(default_factory=tuple)
    value_wan: float = 0.0


def parse_policy(policy: Policy) -> ParsedPolicy:
    """Validate a policy's fields and documents; raise RuleInvalid naming the bad path."""
    where = f"policies.{policy.slug}"
    if policy.level not in LEVELS:
        raise RuleInvalid(f"{where}.level", f"expected one of {', '.join(LEVELS)}")
    if policy.framework not in FRAMEWORKS:
        raise RuleInvalid(f"{where}.framework", f"expected one of {', '.join(FRAMEWORKS)}")
    for industry in policy.industries:
        if vocab.lookup("industry", industry) is None:
            raise RuleInvalid(f"{where}.industries", f"unknown industry {industry!r}")
    if policy.expiry is not None and policy.expiry < policy.effective:
        raise RuleInvalid(f"{where}.expiry", "is before the effective date")
    return ParsedPolicy(
        record=policy,
        conditions=parse_rule(policy.conditions, f"{where}.conditions"),
        benefits=parse_benefits(policy.benefits, f"{where}.benefits"),
    )


def status_on(policy: Policy, date: dt.date) -> str:
    """``active``, ``expired`` or ``not_yet_effective`` on ``date``."""
    if policy.expiry is not None and policy.expiry < date:
        return "expired"
    if policy.effective > date:
        return "not_yet_effective"
    return "active"


def evaluate_policy(policy: ParsedPolicy, facts: Facts, date: dt.date) -> PolicyOutcome:
    """The outcome of one policy for a project's ``facts`` on ``date``."""
    record = policy.record
    status = status_on(record, date)
    if status == "expired":
        assert record.expiry is not None
        return PolicyOutcome(
            policy, "expired", (text("policy.expired_on", date=record.expiry.isoformat()),)
        )
    if status == "not_yet_effective":
        reason = text("policy.effective_from", date=record.effective.isoformat())
        return PolicyOutcome(policy, "not_yet_effective", (reason,))
    industry = facts.get("industry")
    if record.industries and industry is not None and industry not in record.industries:
        names = join([vocab_name(i) for i in record.industries])
        reason = text(
            "policy.industry_not_covered", industries=names, industry=vocab_name(str(industry))
        )
        return PolicyOutcome(policy, "not_eligible", (reason,))
    outcome = evaluate(policy.conditions, facts)
    missing = outcome.missing
    if record.industries and industry is None:
        missing = ("industry", *missing)
    if outcome.met is False:
        return PolicyOutcome(policy, "not_eligible", tuple(blame_reason(b) for b in outcome.blame))
    values = tuple(estimate(b, facts) for b in policy.benefits)
    if outcome.met is None or missing:
        fields = join([field_name(f) for f in dict.fromkeys(missing)])
        return PolicyOutcome(
            policy, "needs_info", (text("policy.missing", fields=fields),), missing, values
        )
    # eligible; benefits whose estimate needs more facts say which (the status stays)
    unvalued = tuple(dict.fromkeys(f for v in values for f in v.missing))
    return PolicyOutcome(policy, "eligible", (), unvalued, values, total_wan(values))


def vocab_name(industry: str) -> Bi:
    term = vocab.lookup("industry", industry)
    return Bi(term.zh, term.en) if term else Bi(industry, industry)


def evaluate_all(
    policies: Iterable[ParsedPolicy], facts: Facts, date: dt.date
) -> list[PolicyOutcome]:
    """Outcomes of every policy, eligible first, then by value, then by slug."""
    order = {
        "eligible": 0,
        "needs_info": 1,
        "not_eligible": 2,
        "not_yet_effective": 3,
        "expired": 4,
    }
    outcomes = [evaluate_policy(p, facts, date) for p in policies]
    return sorted(outcomes, key=lambda o: (order[o.status], -o.value_wan, o.policy.record.slug))


def find_policy(policies: Sequence[ParsedPolicy], slug: str) -> ParsedPolicy:
    for policy in policies:
        if policy.record.slug == slug:
            return policy
    raise PolicyNotFound(slug)


# -- JSON ------------------------------------------------------------------------------


def policy_summary(policy: ParsedPolicy, date: dt.date) -> dict[str, Any]:
    """A policy's listing entry (no rule documents), with its status on ``date``."""
    r = policy.record
    status = status_on(r, date)
    status_text = text(f"policy.status.{status}")
    return {
        "id": r.slug,
        "title_zh": r.title_zh,
        "title_en": r.title_en,
        "level": r.level,
        "level_zh": level_name(r.level).zh,
        "level_en": level_name(r.level).en,
        "framework": r.framework,
        "framework_zh": framework_name(r.framework).zh,
        "framework_en": framework_name(r.framework).en,
        "issuer_zh": r.issuer_zh,
        "issuer_en": r.issuer_en,
        "document_number": r.document_number,
        "effective": r.effective.isoformat(),
        "expiry": r.expiry.isoformat() if r.expiry else None,
        "status": status,
        "status_zh": status_text["zh"],
        "status_en": status_text["en"],
        "industries": list(r.industries),
        "summary_zh": r.summary_zh,
        "summary_en": r.summary_en,
        "source": r.source,
        "synthetic": r.synthetic,
    }


def policy_detail(policy: ParsedPolicy, date: dt.date) -> dict[str, Any]:
    """The listing entry plus the conditions and benefits, as data and as sentences."""
    conditions = describe(policy.conditions)
    return {
        **policy_summary(policy, date),
        "conditions": policy.record.conditions,
        "conditions_zh": conditions.zh,
        "conditions_en": conditions.en,
        "benefits": [
            {**raw, "terms": describe_benefit(parsed)}
            for raw, parsed in zip(policy.record.benefits, policy.benefits, strict=True)
        ],
    }


def outcome_json(outcome: PolicyOutcome, date: dt.date) -> dict[str, Any]:
    """An outcome with the policy's summary, its reasons and each benefit's estimate."""
    status_text = text(f"policy.status.{outcome.status}")
    policy = outcome.policy
    values = dict(enumerate(outcome.benefits))
    return {
        **policy_summary(policy, date),
        "eligibility": outcome.status,
        "eligibility_zh": status_text["zh"],
        "eligibility_en": status_text["en"],
        "reasons": list(outcome.reasons),
        "missing": list(outcome.missing),
        "value_wan": outcome.value_wan,
        "benefits": [_benefit_json(b, values.get(i)) for i, b in enumerate(policy.benefits)],
        "value_text": text("benefit.value", value=number(outcome.value_wan)),
    }


def _benefit_json(benefit: Benefit, value: BenefitValue | None) -> dict[str, Any]:
    """A benefit's terms and, where the policy applies, its estimate."""
    return {
        "kind": benefit.kind,
        "terms": describe_benefit(benefit),
        "value_wan": value.value_wan if value is not None else None,
        "capped": value.capped if value is not None else False,
        "note": value_note(value) if value is not None else None,
    }
