"""The ``zoneatlas`` command line. Each command calls the same service and domain functions
as the web API. Errors a user can cause print one line to stderr and exit with status 1."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from zoneatlas.errors import ZoneAtlasError
from zoneatlas.settings import DEFAULT_DB_PATH, Settings, database_url_from

app = typer.Typer(
    name="zoneatlas",
    help="Zone Atlas (投资合作热力图): an investment cooperation heat map for development zones.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
import_app = typer.Typer(help="Import data into a zone (all or nothing).", no_args_is_help=True)
export_app = typer.Typer(help="Export a zone's data to a file.", no_args_is_help=True)
db_app = typer.Typer(help="Database administration.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
app.add_typer(db_app, name="db")


def _price_app() -> typer.Typer:
    from zoneatlas.landprice.cli import make_price_app
    from zoneatlas.valuation import store_backend_factory

    return make_price_app(store_backend_factory)


app.add_typer(_price_app(), name="price")


def _register_heat() -> None:
    from zoneatlas.heat.cli import heat_command

    app.command("heat")(heat_command)


_register_heat()


def _register_attractiveness() -> None:
    from zoneatlas.attractiveness.cli import attractiveness_command

    app.command("attractiveness")(attractiveness_command)


_register_attractiveness()


def _brochure_command() -> None:
    from zoneatlas.brochure import brochure_command

    app.command("brochure")(brochure_command)


_brochure_command()


def _investor_commands() -> None:
    from zoneatlas.investor.cli import register

    register(app, import_app)


_investor_commands()

err = Console(stderr=True)
out = Console()

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file path or SQLAlchemy URL (default: $ZONEATLAS_DATABASE_URL or "
        f"{DEFAULT_DB_PATH}).",
    ),
]
ZoneOption = Annotated[
    str | None, typer.Option("--zone", help="Zone slug (default: jingyue-2020).")
]


def _settings(db: str | None, zone: str | None = None) -> Settings:
    settings = Settings()
    updates: dict[str, str] = {}
    if db:
        updates["database_url"] = database_url_from(db)
    if zone:
        updates["zone"] = zone
    return settings.model_copy(update=updates)


def _require_existing_sqlite(url: str) -> None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    database = parsed.database or ""
    is_file = parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:")
    if is_file and not Path(database).exists():
        raise ZoneAtlasError(
            f"no database file at {database}; build one with `zoneatlas demo --no-serve --db PATH`"
        )


def _serve(settings: Settings, host: str, port: int) -> None:
    import gc

    import uvicorn

    from zoneatlas.app import create_app

    app = create_app(settings)
    # Move everything alive after start-up (modules, the app) out of the collector's reach:
    # full collections then scan only request garbage. Measured: cold 2k-polygon tiles no
    # longer spike from ~30 ms to ~70-80 ms when a gen-2 collection lands on them.
    gc.freeze()
    out.print(f"Zone Atlas serving [bold]http://{host}:{port}[/] (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@app.command()
def demo(
    db: DbOption = None,
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Build the database and exit.")
    ] = False,
) -> None:
    """Build the jingyue-2020 demo zone (fixed seed) and serve it."""
    from zoneatlas.service import build_demo

    settings = _settings(db, "jingyue-2020")
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("building the demo zone", total=None)
        build = build_demo(
            settings.database_url, lambda message: progress.update(task, description=message)
        )
    out.print(
        f"Built demo zone [bold]{build.slug}[/]: {build.parcels} parcels, "
        f"{build.enterprises} enterprises in {build.seconds:.2f} s → {settings.database_url}"
    )
    if not no_serve:
        _serve(settings, host, port)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    zone: ZoneOption = None,
) -> None:
    """Serve an existing database (the schema is migrated to the current version first)."""
    from zoneatlas.service import open_store

    settings = _settings(db, zone)
    _require_existing_sqlite(settings.database_url)
    store = open_store(settings.database_url)
    slugs = [z.slug for z in store.list_zones()]
    if settings.zone not in slugs:
        raise ZoneAtlasError(
            f"the database holds no zone {settings.zone!r} (it has: {', '.join(slugs) or 'none'}); "
            "build the demo with `zoneatlas demo --no-serve` or pass --zone"
        )
    _serve(settings, host, port)


@import_app.command("parcels")
def import_parcels(
    file: Annotated[
        Path, typer.Argument(help="GeoJSON, GeoPackage, Shapefile (.shp/.zip) or CSV.")
    ],
    crs: Annotated[
        str | None,
        typer.Option(
            "--crs", help="CRS of the file, e.g. EPSG:4530 (default: the file's own, or EPSG:4326)."
        ),
    ] = None,
    db: DbOption = None,
    zone: ZoneOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Import parcels; every row is validated and nothing is stored if any row fails."""
    from zoneatlas.io.parcels import import_parcels as run_import
    from zoneatlas.service import open_store

    settings = _settings(db, zone)
    if not file.exists():
        raise ZoneAtlasError(f"{file}: no such file")
    store = open_store(settings.database_url)
    result = run_import(store, settings.zone, file, crs)
    if as_json:
        out.print_json(
            json.dumps(
                {
                    "inserted": result.inserted,
                    "updated": result.updated,
                    "assumed_crs": result.assumed_crs,
                }
            )
        )
    else:
        if result.assumed_crs:
            out.print(f"The file names no CRS; its coordinates were read as {result.assumed_crs}")
        out.print(
            f"Imported {result.inserted + result.updated} parcels from {file} "
            f"({result.inserted} new, {result.updated} updated) into {settings.zone}"
        )


@import_app.command("landprice")
def import_landprice(
    file: Annotated[Path, typer.Argument(help="Table set document (.yaml, .yml or .json).")],
    db: DbOption = None,
    zone: ZoneOption = None,
) -> None:
    """Validate a benchmark land price table set and make it the zone's tables in force."""
    from zoneatlas.service import open_store
    from zoneatlas.valuation import import_table_set

    if not file.exists():
        raise ZoneAtlasError(f"{file}: no such file")
    settings = _settings(db, zone)
    tables = import_table_set(open_store(settings.database_url), settings.zone, file)
    out.print(
        f"Imported land price tables {tables.version} ({len(tables.uses)} uses) "
        f"into {settings.zone}"
    )


@export_app.command("parcels")
def export_parcels(
    file: Annotated[Path, typer.Argument(help="Output: .geojson, .gpkg, .shp, .zip or .csv.")],
    db: DbOption = None,
    zone: ZoneOption = None,
) -> None:
    """Export a zone's parcels; the format follows the extension."""
    from zoneatlas.io.parcels import export_parcels as run_export
    from zoneatlas.service import open_store

    settings = _settings(db, zone)
    count = run_export(open_store(settings.database_url), settings.zone, file)
    out.print(f"Exported {count} parcels of {settings.zone} to {file}")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Migrate the database schema to the current version."""
    from zoneatlas.service import open_store

    settings = _settings(db)
    open_store(settings.database_url)
    out.print(f"Database at {settings.database_url} is at the current schema version")


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="Backup file to write (.zip).")],
    db: DbOption = None,
) -> None:
    """Back up the whole database (every zone) to one zip file; works on SQLite and PostGIS."""
    from zoneatlas.service import open_store
    from zoneatlas.store.backup import backup as run_backup

    settings = _settings(db)
    counts = run_backup(open_store(settings.database_url).engine, file)
    out.print(f"Backed up {sum(counts.values())} rows in {len(counts)} tables to {file}")


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="Backup file made by `zoneatlas backup`.")],
    db: DbOption = None,
) -> None:
    """Replace all data in the database with a backup (one transaction: all or nothing)."""
    from zoneatlas.service import open_store
    from zoneatlas.store.backup import restore as run_restore

    if not file.exists():
        raise ZoneAtlasError(f"{file}: no such file")
    settings = _settings(db)
    counts = run_restore(open_store(settings.database_url).engine, file)
    out.print(f"Restored {sum(counts.values())} rows in {len(counts)} tables from {file}")


@app.command()
def copy(
    source: Annotated[str, typer.Option("--from", help="Source: SQLite path or database URL.")],
    target: Annotated[str, typer.Option("--to", help="Target: SQLite path or database URL.")],
    zone: ZoneOption = None,
) -> None:
    """Copy a zone between databases (e.g. SQLite to PostGIS), replacing it in the target."""
    from zoneatlas.service import open_store

    slug = zone or Settings().zone
    source_url = database_url_from(source)
    _require_existing_sqlite(source_url)
    bundle = open_store(source_url).bundle(slug)
    open_store(database_url_from(target)).replace_zone(bundle)
    out.print(f"Copied zone {slug} ({len(bundle.parcels)} parcels) from {source} to {target}")


def main() -> None:
    """Entry point: usage errors are Typer's; domain errors print one line, exit status 1."""
    try:
        app()
    except ZoneAtlasError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False, soft_wrap=True, markup=True)
        sys.exit(1)
