"""``zoneatlas attractiveness [CODE]``: a parcel's attractiveness, or the most and least
attractive parcels, for an industry.

Registered by the main CLI as ``app.command("attractiveness")(attractiveness_command)``.
The store and the land price tables are opened when the command runs (the same service
and JSON documents as the API).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from zoneatlas.errors import InvalidParameter

if TYPE_CHECKING:
    from zoneatlas.attractiveness.model import AttractivenessModel

# numpy, shapely, pyproj and the store are imported when the command runs, not when the
# command line starts.

out = Console()


def write_model(model: AttractivenessModel, path: Path) -> None:
    """Write ``model`` as YAML (.yaml, .yml) or JSON, to edit and pass back with --model."""
    document = model.model_dump(mode="json")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    elif path.suffix.lower() == ".json":
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        raise InvalidParameter("write-model", f"use .yaml, .yml or .json, not {path.name!r}")
    path.write_text(text, encoding="utf-8")


def _tables(store: Any) -> Any:
    from zoneatlas.errors import NotFound
    from zoneatlas.valuation import zone_table_set

    def lookup(zone: str) -> Any:
        try:
            return zone_table_set(store, zone)
        except NotFound:  # no table set: scores without a value index
            return None

    return lookup


@dataclass(frozen=True)
class RankingJob:
    """What a ranking run lists: industry key, how many at each end, sorted by what."""

    industry: str | None
    top: int = 5
    bottom: int = 5
    sort: str = "score"


def _run(
    store: Any, model: AttractivenessModel, zone: str, code: str | None, job: RankingJob
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The JSON document and the rows to print: one parcel, or the top and bottom ones."""
    from zoneatlas.attractiveness.report import parcel_document, ranking_document
    from zoneatlas.attractiveness.service import AttractivenessService, rank_order

    service = AttractivenessService(store, _tables(store), model)
    if code is not None:
        document = parcel_document(service.parcel(zone, code, job.industry))
        return document, [document]
    result = service.ranking(zone, job.industry)
    order = rank_order(result, job.sort, "desc")
    head = order[: job.top]
    tail = [i for i in order[len(order) - job.bottom :] if i not in head] if job.bottom else []
    document = ranking_document(result, head + tail)
    return document, document["parcels"]


def _table(entries: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title)
    for name in ("code", "area", "use", "Q", "V", "元/m²"):
        table.add_column(name, justify="right" if name in ("Q", "V", "元/m²") else "left")
    keys = [f["key"] for f in entries[0]["factors"]] if entries else []
    for key in keys:
        table.add_column(key, justify="right")
    for entry in entries:
        cells = [entry["code"], entry["functional_area"] or "-", entry["land_use"]]
        cells += [f"{entry['score']:.2f}", _fmt(entry["value_index"], ".2f")]
        cells += [_fmt(entry["land_price_reference"], ".0f")]
        cells += [f"{f['contribution']:.2f} ({f['value']:.2f})" for f in entry["factors"]]
        table.add_row(*cells)
    return table


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def attractiveness_command(
    code: Annotated[str | None, typer.Argument(help="Parcel code; none: a ranking.")] = None,
    industry: Annotated[
        str | None, typer.Option(help="Investor's industry: key or name, e.g. 数字经济.")
    ] = None,
    top: Annotated[int, typer.Option(help="Most attractive parcels listed.")] = 5,
    bottom: Annotated[int, typer.Option(help="Least attractive parcels listed.")] = 5,
    sort: Annotated[str, typer.Option(help="Rank by score or value_index.")] = "score",
    weights: Annotated[
        str | None, typer.Option(help="Weights key:w,... for every factor, summing to 1.")
    ] = None,
    model_file: Annotated[
        Path | None, typer.Option("--model", help="Model document (YAML or JSON).")
    ] = None,
    write: Annotated[
        Path | None,
        typer.Option("--write-model", help="Write the model in force to this file and stop."),
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="SQLite file path or SQLAlchemy URL.")
    ] = None,
    zone: Annotated[str | None, typer.Option("--zone", help="Zone slug.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Attractiveness index (区域综合吸引力指数) of a parcel, or the top and bottom parcels."""
    from zoneatlas.attractiveness.model import default_model, load_model, override_weights
    from zoneatlas.attractiveness.service import parse_industry
    from zoneatlas.settings import Settings

    model = load_model(model_file) if model_file else default_model()
    if write is not None:
        write_model(model, write)
        out.print(f"Wrote the model {model.name} {model.version} to {write}")
        return
    from zoneatlas.service import open_store
    from zoneatlas.settings import database_url_from

    key = parse_industry(industry)
    model = override_weights(model, weights, key)
    settings = Settings()
    store = open_store(database_url_from(db) if db else settings.database_url)
    job = RankingJob(key, max(top, 0), max(bottom, 0), sort)
    try:
        document, rows = _run(store, model, zone or settings.zone, code, job)
    finally:
        store.engine.dispose()
    if as_json:
        out.print_json(json.dumps(document, ensure_ascii=False))
        return
    title = code or f"top {job.top} / bottom {job.bottom}"
    out.print(_table(rows, f"{title} · {industry or 'parcel industry'}"))
    out.print(f"Q = 100·Σ w·f; V = Q / (P / P_median); model {model.name} {model.version}")
