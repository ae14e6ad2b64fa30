"""CLI commands of the investor's journey: ``zoneatlas match``, ``zoneatlas compare``,
``zoneatlas policies list|show``, ``zoneatlas import policies`` and ``zoneatlas leads
list``. They call the same service functions as the API; ``--json`` prints the API's JSON.

Leads are printed as plain text (:class:`rich.text.Text`, never parsed as markup); a page
that shows them must HTML-escape them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from zoneatlas.errors import InvalidParameter, ZoneAtlasError

out = Console()

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file path or database URL.")]
ZoneOption = Annotated[str | None, typer.Option("--zone", help="Zone slug.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
LangOption = Annotated[
    str | None, typer.Option("--lang", help="Language of the table: zh or en (default setting).")
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Date for prices and policies, YYYY-MM-DD (default today)."),
]

policies_app = typer.Typer(help="The policy library (“1+4+3” 政策体系).", no_args_is_help=True)
leads_app = typer.Typer(
    help="Investor inquiries (leads), for the bureau only.", no_args_is_help=True
)


def _open(db: str | None, zone: str | None) -> tuple[Any, str, str]:
    """(store, zone slug, language) from ``--db``/``--zone`` and the settings."""
    from zoneatlas.service import open_store
    from zoneatlas.settings import Settings, database_url_from

    settings = Settings()
    url = database_url_from(db) if db else settings.database_url
    store = open_store(url)
    slug = zone or settings.zone
    if slug not in [z.slug for z in store.list_zones()]:
        raise ZoneAtlasError(
            f"the database at {url} holds no zone {slug!r}; build the demo with "
            "`zoneatlas demo --no-serve`"
        )
    return store, slug, settings.default_language


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidParameter("--date", f"{value!r} is not a date (YYYY-MM-DD)") from None


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _validated(model: Any, values: dict[str, Any], options: dict[str, str]) -> Any:
    from pydantic import ValidationError

    try:
        return model(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first.get("loc") else "request"
        raise InvalidParameter(options.get(field, field), str(first["msg"])) from None


MATCH_OPTIONS = {
    "industry": "--industry",
    "land_use": "--land-use",
    "area_min_m2": "--area-min",
    "area_max_m2": "--area-max",
    "area_min_mu": "--mu-min",
    "area_max_mu": "--mu-max",
    "far_min": "--far-min",
    "far_max": "--far-max",
    "budget_wan": "--budget-wan",
    "investment_wan": "--investment-wan",
    "annual_output_wan": "--output-wan",
    "annual_tax_wan": "--tax-wan",
    "functional_area": "--area",
    "enterprise_type": "--enterprise-type",
    "talents": "--talents",
    "energy_tce": "--energy-tce",
    "limit": "--limit",
}
Num = Annotated[float | None, typer.Option()]


def match_command(
    industry: Annotated[
        str | None, typer.Option("--industry", help="Industry key or name.")
    ] = None,
    land_use: Annotated[
        str | None, typer.Option("--land-use", help="Land-use key or name.")
    ] = None,
    area_min: Annotated[float | None, typer.Option("--area-min", help="Smallest area, m².")] = None,
    area_max: Annotated[float | None, typer.Option("--area-max", help="Largest area, m².")] = None,
    mu_min: Annotated[float | None, typer.Option("--mu-min", help="Smallest area, 亩.")] = None,
    mu_max: Annotated[float | None, typer.Option("--mu-max", help="Largest area, 亩.")] = None,
    far_min: Annotated[
        float | None, typer.Option("--far-min", help="Plot ratio needed, at least.")
    ] = None,
    far_max: Annotated[
        float | None, typer.Option("--far-max", help="Plot ratio planned, at most.")
    ] = None,
    budget_wan: Annotated[
        float | None, typer.Option("--budget-wan", help="Land budget, 万元.")
    ] = None,
    investment_wan: Annotated[
        float | None, typer.Option("--investment-wan", help="Planned investment, 万元.")
    ] = None,
    output_wan: Annotated[
        float | None, typer.Option("--output-wan", help="Expected annual output, 万元.")
    ] = None,
    tax_wan: Annotated[
        float | None, typer.Option("--tax-wan", help="Expected annual tax, 万元.")
    ] = None,
    area: Annotated[
        str | None, typer.Option("--area", help="Preferred functional area code.")
    ] = None,
    enterprise_type: Annotated[
        str | None, typer.Option("--enterprise-type", help="high_tech, sme, headquarters, ...")
    ] = None,
    talents: Annotated[int | None, typer.Option("--talents", help="High-level talents.")] = None,
    energy_tce: Annotated[
        float | None, typer.Option("--energy-tce", help="Annual energy use, 吨标煤.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many parcels to list.")] = 10,
    date: DateOption = None,
    lang: LangOption = None,
    db: DbOption = None,
    zone: ZoneOption = None,
    as_json: JsonOption = False,
) -> None:
    """Site matching (智能选址): rank parcels for a project, with reasons for and against."""
    from zoneatlas.investor.service import run_match
    from zoneatlas.matching.request import MatchRequest

    values = dict(
        industry=industry,
        land_use=land_use,
        area_min_m2=area_min,
        area_max_m2=area_max,
        area_min_mu=mu_min,
        area_max_mu=mu_max,
        far_min=far_min,
        far_max=far_max,
        budget_wan=budget_wan,
        investment_wan=investment_wan,
        annual_output_wan=output_wan,
        annual_tax_wan=tax_wan,
        functional_area=area,
        enterprise_type=enterprise_type,
        talents=talents,
        energy_tce=energy_tce,
        limit=limit,
        date=_date(date),
    )
    request = _validated(MatchRequest, values, MATCH_OPTIONS)
    store, slug, language = _open(db, zone)
    result = run_match(store, slug, request)
    if as_json:
        _print_json(result)
        return
    _print_match(result, lang or language)


def _print_match(result: dict[str, Any], lang: str) -> None:
    zh = lang == "zh"
    table = Table(
        title=(
            f"智能选址:{result['candidates']}/{result['searched']}个地块符合硬性条件"
            if zh
            else f"Site matching: {result['candidates']} of {result['searched']} "
            "parcels meet the hard constraints"
        ),
    )
    for header in (
        ("#", "#"),
        ("地块", "Parcel"),
        ("得分", "Score"),
        ("面积(亩)", "Area (亩)"),
        ("地价(万元)", "Land (万元)"),
        ("政策(万元)", "Policies (万元)"),
    ):
        table.add_column(header[0] if zh else header[1], overflow="fold")
    for row in result["results"]:
        cost = row["land_cost"]["total_wan"]
        table.add_row(
            str(row["rank"]),
            Text(row["code"]),
            f"{row['score']:.1f}",
            f"{row['area_mu']:,.1f}",
            "–" if cost is None else f"{cost:,.0f}",
            f"{row['policy_value_wan']:,.0f}",
        )
    out.print(table)
    for row in result["results"]:
        name = row["name_zh"] if zh else row["name_en"] or row["name_zh"]
        out.print(Text(f"#{row['rank']} {row['code']} {name}", style="bold"))
        for mark, key in (("✓", "reasons_for"), ("✗", "reasons_against")):
            for item in row[key]:
                out.print(Text(f"  {mark} {item[lang]}"))
    if result["near_misses"]:
        out.print(Text("差一点符合:" if zh else "Near misses:", style="bold"))
        for near in result["near_misses"]:
            out.print(Text(f"  {near['code']}  {near['excluded_by'][lang]}"))


def compare_command(
    codes: Annotated[list[str], typer.Argument(help="2 to 4 parcel codes.")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the comparison to an .xlsx file.")
    ] = None,
    industry: Annotated[
        str | None, typer.Option("--industry", help="Industry of the project.")
    ] = None,
    investment_wan: Annotated[
        float | None, typer.Option("--investment-wan", help="Planned investment, 万元.")
    ] = None,
    date: DateOption = None,
    db: DbOption = None,
    zone: ZoneOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compare 2–4 parcels side by side (land cost, policies, distances); --out FILE.xlsx."""
    from zoneatlas.investor.compare import compare_parcels
    from zoneatlas.investor.xlsx import comparison_xlsx
    from zoneatlas.policies.project import Project

    project = _validated(
        Project,
        {"industry": industry, "investment_wan": investment_wan},
        {"industry": "--industry", "investment_wan": "--investment-wan"},
    )
    store, slug, _ = _open(db, zone)
    comparison = compare_parcels(store, slug, codes, project, _date(date))
    if out_file is not None:
        out_file.write_bytes(comparison_xlsx(comparison))
    if as_json:
        _print_json(comparison)
        return
    table = Table(show_lines=False)
    table.add_column("")
    for code in comparison["codes"]:
        table.add_column(code)
    for row in comparison["rows"]:
        unit = f"({row['unit_zh']})" if row["unit_zh"] else ""
        table.add_row(
            Text(f"{row['label_zh']}{unit}"),
            *(
                Text("–" if v is None else f"{v:,}" if isinstance(v, float) else str(v))
                for v in row["values"]
            ),
        )
    out.print(table)
    if out_file is not None:
        out.print(f"Wrote {out_file}")


@policies_app.command("list")
def policies_list(
    industry: Annotated[
        str | None, typer.Option("--industry", help="Industry key or name.")
    ] = None,
    active_on: Annotated[
        str | None, typer.Option("--active-on", help="Only policies in force on YYYY-MM-DD.")
    ] = None,
    db: DbOption = None,
    zone: ZoneOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the zone's policies with level, dates and status."""
    from zoneatlas.investor.service import list_policies
    from zoneatlas.policies.project import industry_key

    try:
        key = industry_key(industry)
    except ValueError as exc:
        raise InvalidParameter("--industry", str(exc)) from None
    store, slug, _ = _open(db, zone)
    policies = list_policies(store, slug, industry=key, active_on=_date(active_on))
    if as_json:
        _print_json(policies)
        return
    table = Table()
    for header in ("ID", "政策", "级别", "施行", "失效", "状态"):
        table.add_column(header, overflow="fold")
    for p in policies:
        table.add_row(
            p["id"],
            Text(p["title_zh"]),
            p["level_zh"],
            p["effective"],
            p["expiry"] or "–",
            p["status_zh"],
        )
    out.print(table)


@policies_app.command("show")
def policies_show(
    policy_id: Annotated[str, typer.Argument(help="Policy id, e.g. jy-talent.")],
    db: DbOption = None,
    zone: ZoneOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one policy: issuer, dates, conditions and benefits."""
    from zoneatlas.investor.service import get_policy

    store, slug, _ = _open(db, zone)
    policy = get_policy(store, slug, policy_id)
    if as_json:
        _print_json(policy)
        return
    out.print(Text(f"{policy['title_zh']}\n{policy['title_en']}"), style="bold")
    out.print(Text(f"{policy['issuer_zh']}  {policy['document_number']}"))
    out.print(Text(f"{policy['effective']} – {policy['expiry'] or '…'}  ({policy['status_zh']})"))
    out.print(Text(f"条件 Conditions: {policy['conditions_zh']} / {policy['conditions_en']}"))
    for benefit in policy["benefits"]:
        out.print(Text(f"  • {benefit['terms']['zh']} / {benefit['terms']['en']}"))
    if policy["synthetic"]:
        out.print(Text(policy["summary_zh"]))


def import_policies(
    file: Annotated[Path, typer.Argument(help="Policies as YAML or JSON (a list of objects).")],
    db: DbOption = None,
    zone: ZoneOption = None,
) -> None:
    """Validate a policy file and make it the zone's policy library (all or nothing)."""
    from zoneatlas.investor.policy_file import load_policies

    if not file.exists():
        raise ZoneAtlasError(f"{file}: no such file")
    policies = load_policies(file)
    store, slug, _ = _open(db, zone)
    store.replace_policies(slug, policies)
    out.print(f"Imported {len(policies)} policies into {slug}")


@leads_app.command("list")
def leads_list(
    db: DbOption = None,
    zone: ZoneOption = None,
    as_json: JsonOption = False,
) -> None:
    """List investor inquiries (personal data: for the bureau, never public)."""
    from zoneatlas.investor.inquiry import leads_json

    store, slug, _ = _open(db, zone)
    leads = leads_json(store.leads(slug))
    if as_json:
        _print_json(leads)
        return
    # plain text, one block per lead: nothing a lead holds is interpreted as markup
    typer.echo(f"{len(leads)} lead(s) in {slug}")
    for lead in leads:
        investment = lead["investment_wan"]
        typer.echo("")
        typer.echo(f"{lead['reference']}  {lead['created']}  {lead['status']}")
        typer.echo(f"  name: {lead['name']}    organisation: {lead['organisation'] or '–'}")
        typer.echo(
            f"  contact: {lead['contact']}    industry: {lead['industry'] or '–'}    "
            f"investment: {'–' if investment is None else f'{investment:,.0f} 万元'}"
        )
        typer.echo(f"  parcels: {', '.join(lead['parcel_codes']) or '–'}")
        for n, line in enumerate(lead["message"].splitlines() or [""]):
            typer.echo(f"  {'message: ' if n == 0 else '         '}{line}")


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add the commands to the main CLI."""
    app.command("match")(match_command)
    app.command("compare")(compare_command)
    app.add_typer(policies_app, name="policies")
    app.add_typer(leads_app, name="leads")
    import_app.command("policies")(import_policies)
