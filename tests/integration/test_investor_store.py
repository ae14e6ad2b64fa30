"""Storage of policies, contacts, 标准地 indicators and leads on SQLite and PostGIS; the
migration matches the schema; the policy file import; the CLI commands."""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from typer.testing import CliRunner

from tests.sample import sample_bundle
from zoneatlas.cli import app
from zoneatlas.demo import build_demo_bundle
from zoneatlas.demo.policies import demo_policies
from zoneatlas.errors import ImportRejected
from zoneatlas.investor.policy_file import load_policies
from zoneatlas.records import Lead, ZoneBundle
from zoneatlas.store import Store
from zoneatlas.store.schema import metadata

pytestmark = pytest.mark.integration
INVESTOR_TABLES = {"policies", "contacts", "parcel_intensity", "leads", "lead_parcels"}


@cache
def demo() -> ZoneBundle:
    return build_demo_bundle()


def lead(reference: str, codes: list[str], zone: str = "testzone") -> Lead:
    return Lead(
        reference=reference,
        zone=zone,
        created="2026-11-27T08:00:00+00:00",
        name="张三",
        organisation="某公司",
        contact="13912345678",
        industry="digital_economy",
        investment_wan=5000.0,
        message="<b>not markup, just text</b>",
        parcel_codes=codes,
    )


def test_migration_matches_the_schema(empty_store: Store) -> None:
    def ours(name: str | None, kind: str, parents: dict[str, str | None]) -> bool:
        if kind == "schema":
            return True
        table = name if kind == "table" else parents.get("table_name")
        return table in INVESTOR_TABLES

    def our_object(item: Any, name: str | None, kind: str, *_: Any) -> bool:
        table = name if kind == "table" else getattr(getattr(item, "table", None), "name", None)
        return table in INVESTOR_TABLES

    opts = {"include_name": ours, "include_object": our_object}
    with empty_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts=opts)
        diffs = compare_metadata(context, metadata)
    assert diffs == []


def test_investor_records_round_trip(empty_store: Store) -> None:
    bundle = demo()
    empty_store.replace_zone(bundle)
    slug = bundle.zone.slug
    assert empty_store.policies(slug) == sorted(
        bundle.policies, key=lambda p: (p.effective, p.slug)
    )
    assert empty_store.contacts(slug) == bundle.contacts
    assert empty_store.intensity_rules(slug) == sorted(
        bundle.intensity_rules, key=lambda r: r.parcel_code
    )
    copied = empty_store.bundle(slug)
    assert len(copied.policies) == 10 and len(copied.contacts) == len(bundle.contacts)
    assert len(copied.intensity_rules) == len(bundle.intensity_rules)


def test_replacing_policies_bumps_the_revision(store: Store) -> None:
    before = store.revision("testzone")
    store.replace_policies("testzone", demo_policies()[:2])
    assert store.revision("testzone") == before + 1
    assert [p.slug for p in store.policies("testzone")] == [
        "jy-high-quality-development",
        "jy-investment-attraction",
    ]


def test_leads_are_stored_with_their_parcels_and_survive_a_rebuild(store: Store) -> None:
    store.add_lead(lead("L-1", ["T-001", "T-002"]))
    store.add_lead(lead("L-2", []))
    stored = store.leads("testzone")
    assert [(x.reference, x.parcel_codes) for x in stored] == [
        ("L-1", ["T-001", "T-002"]),
        ("L-2", []),
    ]
    assert stored[0].message == "<b>not markup, just text</b>"  # stored as typed
    store.replace_zone(sample_bundle())  # rebuilding the zone keeps the inquiries
    assert len(store.leads("testzone")) == 2
    assert store.leads("elsewhere") == []
    assert store.existing_parcel_codes("testzone", ["T-001", "NOPE"]) == {"T-001"}


def test_policy_file_round_trip(tmp_path: Path) -> None:
    rows = []
    for policy in demo_policies():
        row = dataclasses.asdict(policy)
        row["effective"] = policy.effective.isoformat()
        row["expiry"] = policy.expiry.isoformat() if policy.expiry else None
        rows.append(row)
    path = tmp_path / "policies.yaml"
    path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    assert load_policies(path) == demo_policies()


def test_policy_file_problems_are_all_listed(tmp_path: Path) -> None:
    good = {
        "slug": "a",
        "title_zh": "甲",
        "level": "district",
        "framework": "core",
        "effective": "2020-01-01",
    }
    rows = [
        good,
        {**good, "slug": "b", "conditions": {"field": "headcount", "op": "eval", "value": 1}},
        {**good, "slug": "a"},
        {**good, "slug": "c", "effective": "soon"},
        {**good, "slug": "d", "backdoor": "x"},
        "not an object",
    ]
    path = tmp_path / "policies.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        load_policies(path)
    rows_with_problems = [row for row, _ in caught.value.problems]
    assert rows_with_problems == [2, 3, 4, 5, 6]
    assert "conditions.op" in caught.value.problems[0][1]


def test_policy_file_refuses_python_tags_and_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("- !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="cannot parse"):
        load_policies(path)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ImportRejected, match="cannot parse"):
        load_policies(deep)


def test_cli_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    runner = CliRunner()
    assert runner.invoke(app, ["demo", "--no-serve", "--db", db]).exit_code == 0
    result = runner.invoke(
        app,
        [
            "match",
            "--db",
            db,
            "--industry",
            "digital_economy",
            "--mu-min",
            "20",
            "--mu-max",
            "80",
            "--budget-wan",
            "2000",
            "--investment-wan",
            "20000",
            "--date",
            "2020-12-31",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    matched = json.loads(result.output)
    assert matched["results"] and matched["results"][0]["reasons_for"]
    readable = runner.invoke(app, ["match", "--db", db, "--industry", "数字经济", "--limit", "2"])
    assert readable.exit_code == 0 and "智能选址" in readable.output
    codes = [r["code"] for r in matched["results"][:2]]
    out = tmp_path / "compare.xlsx"
    compared = runner.invoke(app, ["compare", *codes, "--db", db, "--out", str(out)])
    assert compared.exit_code == 0, compared.output
    assert out.stat().st_size > 0
    listed = runner.invoke(
        app, ["policies", "list", "--db", db, "--active-on", "2020-06-01", "--json"]
    )
    assert {p["id"] for p in json.loads(listed.output)} >= {"jy-epidemic-ten-measures"}
    shown = runner.invoke(app, ["policies", "show", "jy-talent", "--db", db])
    assert shown.exit_code == 0 and "人才" in shown.output
    leads = runner.invoke(app, ["leads", "list", "--db", db, "--json"])
    assert leads.exit_code == 0 and json.loads(leads.output) == []
    bad = runner.invoke(app, ["match", "--db", db, "--mu-min", "10", "--area-min", "5"])
    assert bad.exit_code != 0


def test_cli_prints_leads_as_plain_text(tmp_path: Path) -> None:
    from zoneatlas.service import open_store

    db = tmp_path / "leads.sqlite"
    store = open_store(f"sqlite:///{db}")
    store.replace_zone(sample_bundle("jingyue-2020"))
    store.add_lead(
        dataclasses.replace(lead("L-9", ["T-001"], zone="jingyue-2020"), name="[red]张三[/red]")
    )
    result = CliRunner().invoke(app, ["leads", "list", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "[red]张三[/red]" in result.output  # shown as typed, not as Rich markup
    assert "L-9" in result.output and "T-001" in result.output
    store.engine.dispose()
