"""Eligibility of a project for the demo's "1+4+3" policy library: in force, expired (never
applied), not yet effective, industry not covered, needs information, and values."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from zoneatlas.demo.policies import demo_policies
from zoneatlas.policies.eligibility import (
    evaluate_all,
    evaluate_policy,
    find_policy,
    outcome_json,
    parse_policy,
    policy_detail,
    status_on,
)
from zoneatlas.policies.project import Project
from zoneatlas.policies.rules import RuleInvalid
from zoneatlas.records import Policy

pytestmark = pytest.mark.unit
LATE_2020 = dt.date(2020, 12, 31)
NOW = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def library() -> list:  # type: ignore[type-arg]
    return [parse_policy(p) for p in demo_policies()]


def test_demo_library_has_the_reports_policies() -> None:
    titles = {p.title_zh for p in demo_policies()}
    for title in (
        "《净月高新区关于加快推进高质量发展实施办法》",
        "《净月高新区抗疫情稳经济十条措施》",
        "《长春净月高新区关于加快网红经济高质量发展十条政策》",
        "《长春国际影都影视产业政策白皮书1.0》",
        "《疫情期间促进工业服务业平稳运行若干政策》",
    ):
        assert title in titles
    frameworks = [p.framework for p in demo_policies()]
    assert (
        frameworks.count("core"),
        frameworks.count("supporting"),
        frameworks.count("industry"),
    ) == (1, 4, 3)
    assert all(p.synthetic for p in demo_policies())
    epidemic = next(
        p for p in demo_policies() if p.title_zh == "《净月高新区抗疫情稳经济十条措施》"
    )
    assert (epidemic.effective, epidemic.expiry) == (dt.date(2020, 2, 25), dt.date(2020, 12, 31))
    white_paper = next(p for p in demo_policies() if "白皮书" in p.title_zh)
    assert white_paper.effective == dt.date(2020, 9, 6)


def test_expired_policy_is_listed_as_expired_and_never_applied(library: list) -> None:  # type: ignore[type-arg]
    epidemic = find_policy(library, "jy-epidemic-ten-measures")
    facts = Project(industry="digital_economy", rent_wan=100).facts()
    assert evaluate_policy(epidemic, facts, LATE_2020).status == "eligible"
    later = evaluate_policy(epidemic, facts, NOW)
    assert later.status == "expired" and later.value_wan == 0
    assert "2020-12-31" in later.reasons[0]["zh"] and "expired" in later.reasons[0]["en"]
    assert status_on(epidemic.record, NOW) == "expired"
    assert outcome_json(later, NOW)["benefits"][0]["value_wan"] is None


def test_not_yet_effective(library: list) -> None:  # type: ignore[type-arg]
    white_paper = find_policy(library, "changchun-film-white-paper-1")
    outcome = evaluate_policy(
        white_paper, Project(industry="film_tourism").facts(), dt.date(2020, 6, 1)
    )
    assert outcome.status == "not_yet_effective"


def test_eligible_with_value(library: list) -> None:  # type: ignore[type-arg]
    core = find_policy(library, "jy-high-quality-development")
    project = Project(industry="digital_economy", investment_wan=30000, annual_tax_wan=1000)
    outcome = evaluate_policy(core, project.facts(land_cost_wan=2140.0), NOW)
    assert outcome.status == "eligible"
    # 20 % of 2140 万元 land cost + 50 % × 40 % × 1000 万元 tax × 3 years
    assert outcome.value_wan == pytest.approx(428 + 600)


def test_not_eligible_names_the_condition(library: list) -> None:  # type: ignore[type-arg]
    core = find_policy(library, "jy-high-quality-development")
    outcome = evaluate_policy(
        core, Project(industry="digital_economy", investment_wan=1000).facts(), NOW
    )
    assert outcome.status == "not_eligible"
    assert "计划投资不低于5,000万元" in outcome.reasons[0]["zh"]
    assert "planned investment ≥ 5,000 万元" in outcome.reasons[0]["en"]


def test_industry_not_covered(library: list) -> None:  # type: ignore[type-arg]
    finance = find_policy(library, "jy-finance-cluster")
    outcome = evaluate_policy(
        finance, Project(industry="life_health", enterprise_type="financial").facts(), NOW
    )
    assert outcome.status == "not_eligible"
    assert "现代服务" in outcome.reasons[0]["zh"]


def test_needs_info_lists_the_missing_facts(library: list) -> None:  # type: ignore[type-arg]
    talent = find_policy(library, "jy-talent")
    outcome = evaluate_policy(talent, Project().facts(), NOW)
    assert outcome.status == "needs_info"
    assert outcome.missing == ("talents",)
    assert "引进高层次人才人数" in outcome.reasons[0]["zh"]


def test_outcomes_are_ordered_eligible_first(library: list) -> None:  # type: ignore[type-arg]
    project = Project(industry="film_tourism", investment_wan=60000, annual_tax_wan=2000, talents=2)
    outcomes = evaluate_all(library, project.facts(land_cost_wan=5000.0), NOW)
    order = [o.status for o in outcomes]
    assert order[0] == "eligible" and order[-1] == "expired"
    eligible = [o for o in outcomes if o.status == "eligible"]
    assert [o.value_wan for o in eligible] == sorted((o.value_wan for o in eligible), reverse=True)


def test_detail_has_sentences(library: list) -> None:  # type: ignore[type-arg]
    detail = policy_detail(find_policy(library, "jy-life-health"), NOW)
    assert detail["conditions_zh"].startswith("同时满足")
    assert detail["benefits"][1]["terms"]["en"].startswith("land price subsidy of 30 %")
    assert detail["status"] == "active"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"level": "galactic"}, "policies.x.level"),
        ({"framework": "5"}, "policies.x.framework"),
        ({"industries": ["steel"]}, "policies.x.industries"),
        ({"expiry": dt.date(2019, 1, 1)}, "policies.x.expiry"),
        ({"conditions": {"field": "headcount", "op": "~", "value": 1}}, "policies.x.conditions.op"),
        ({"benefits": [{"kind": "gift"}]}, "policies.x.benefits[0].kind"),
    ],
)
def test_bad_policies_are_refused(change: dict, path: str) -> None:  # type: ignore[type-arg]
    base = Policy("x", "测试", "Test", "district", "core", "", "", "", dt.date(2020, 1, 1))
    with pytest.raises(RuleInvalid) as caught:
        parse_policy(dataclasses.replace(base, **change))
    assert caught.value.parameter == path
