"""``zoneatlas price``: value a parcel (by code or ad hoc) and run the ratio study.

The commands call :func:`price_command` and :func:`ratio_study_command`, which the API can
call too. Where tables, parcels, target layers and transactions come from is a
:class:`PriceBackend` made by a factory from ``--db``/``--zone``; the main CLI passes one
backed by the store (``make_price_app(factory)``), and without one the demo tables and
demo transactions are used. ``--tables FILE`` always wins over the backend's tables.

``zoneatlas price CODE ...`` and ``zoneatlas price --use ...`` run the ``estimate``
command; ``zoneatlas price ratio-study`` runs the ratio study.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from shapely.geometry.base import BaseGeometry
from typer.core import TyperGroup

from zoneatlas.errors import InvalidParameter, ZoneAtlasError
from zoneatlas.landprice.distance import distance_inputs
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.load import load_table_set
from zoneatlas.landprice.model import Valuation, ValuationRequest
from zoneatlas.landprice.ratio import RatioStats
from zoneatlas.landprice.render import (
    ratio_study_to_dict,
    render_ratio_table,
    render_table,
    valuation_to_dict,
)
from zoneatlas.landprice.study import Transaction, load_transactions, transaction_ratio_study
from zoneatlas.landprice.tables import TableSet


@dataclass(frozen=True)
class ParcelFacts:
    """What the engine needs to know about a stored parcel (area m², geometry lon/lat)."""

    use: str
    area_m2: float
    far: float | None = None
    grade: str | None = None
    geometry: BaseGeometry | None = None
    term_years: float | None = None
    development: str | None = None


@dataclass(frozen=True)
class PriceBackend:
    """Where ``zoneatlas price`` gets its data; every source is a callable, called lazily."""

    tables: Callable[[], TableSet]
    parcel_lookup: Callable[[str], ParcelFacts] | None = None
    targets: Callable[[], Mapping[str, Sequence[BaseGeometry]]] | None = None
    transactions: Callable[[], Sequence[Transaction]] | None = None
    metric_epsg: int | None = None


BackendFactory = Callable[[str | None, str | None], PriceBackend]


def demo_backend(_db: str | None = None, _zone: str | None = None) -> PriceBackend:
    """The demo tables and demo transactions, no parcels (used when no factory is given)."""
    from zoneatlas.landprice.demo import demo_table_set, demo_transactions

    return PriceBackend(tables=demo_table_set, transactions=demo_transactions)


def parse_factor_options(options: Sequence[str]) -> tuple[dict[str, str], dict[str, float]]:
    """``NAME=LEVEL`` and ``NAME=NUMBER`` options → (levels, numeric inputs)."""
    levels: dict[str, str] = {}
    inputs: dict[str, float] = {}
    for option in options:
        name, sep, value = option.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise InvalidParameter("factor", f"{option!r} is not NAME=LEVEL or NAME=NUMBER")
        try:
            number = float(value)
        except ValueError:
            levels[name.strip()] = value.strip()
        else:
            if not math.isfinite(number):
                raise InvalidParameter(f"inputs.{name.strip()}", "must be a finite number")
            inputs[name.strip()] = number
    return levels, inputs


def price_command(
    backend: PriceBackend,
    *,
    code: str | None = None,
    tables_file: Path | None = None,
    use: str | None = None,
    grade: str | None = None,
    area_m2: float | None = None,
    far: float | None = None,
    term_years: float | None = None,
    date: dt.date | None = None,
    factors: Sequence[str] = (),
    development: str | None = None,
) -> Valuation:
    """Value a stored parcel (``code``) or an ad-hoc one; options override stored facts.

    Raises
    ------
    InvalidParameter
        A required value is missing (use, grade, area, FAR) or invalid.
    ZoneAtlasError
        No parcel lookup configured, or the lookup's own errors (ParcelNotFound).
    """
    tables = load_table_set(tables_file) if tables_file else backend.tables()
    facts = _facts(backend, code)
    levels, inputs = parse_factor_options(factors)
    use = use or (facts.use if facts else None)
    grade = grade or (facts.grade if facts else None)
    area_m2 = area_m2 if area_m2 is not None else (facts.area_m2 if facts else None)
    far = far if far is not None else (facts.far if facts else None)
    for name, value in (("use", use), ("grade", grade), ("area_m2", area_m2), ("far", far)):
        if value is None:
            option = "--area" if name == "area_m2" else f"--{name}"
            raise InvalidParameter(name, f"required: pass {option}")
    assert use is not None and grade is not None and area_m2 is not None and far is not None
    derived: dict[str, float] = {}
    if facts is not None and facts.geometry is not None and backend.targets is not None:
        derived = distance_inputs(
            tables, use, facts.geometry, backend.targets(), backend.metric_epsg
        )
    stored_development = facts.development if facts else None
    chosen = development or stored_development
    request = ValuationRequest(
        use=use,
        grade=grade,
        area_m2=area_m2,
        far=far,
        term_years=term_years if term_years is not None else (facts.term_years if facts else None),
        valuation_date=date or dt.date.today(),
        levels=levels,
        inputs=inputs,
        derived=derived,
        development=chosen.replace("+", ",").split(",") if chosen else None,
        parcel_code=code,
    )
    return value_parcel(tables, request)


def _facts(backend: PriceBackend, code: str | None) -> ParcelFacts | None:
    if code is None:
        return None
    if backend.parcel_lookup is None:
        raise ZoneAtlasError(
            "pricing a parcel by code needs a database; use --use/--grade/--area/--far instead"
        )
    return backend.parcel_lookup(code)


def ratio_study_command(
    backend: PriceBackend, *, tables_file: Path | None = None, transactions_file: Path | None = None
) -> list[RatioStats]:
    """Ratio study of the tables against the backend's (or a file's) transactions."""
    tables = load_table_set(tables_file) if tables_file else backend.tables()
    if transactions_file is not None:
        sales: Sequence[Transaction] = load_transactions(transactions_file)
    elif backend.transactions is not None:
        sales = backend.transactions()
    else:
        raise ZoneAtlasError("no transactions: pass --transactions FILE")
    if not sales:
        raise ZoneAtlasError("no transactions to study")
    return transaction_ratio_study(tables, sales)


class _EstimateByDefault(TyperGroup):
    """Route ``price CODE ...`` and ``price --use ...`` to the ``estimate`` command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["estimate", *args]
        return super().parse_args(ctx, args)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file path or database URL.")]
ZoneOption = Annotated[str | None, typer.Option("--zone", help="Zone slug.")]
TablesOption = Annotated[
    Path | None,
    typer.Option("--tables", help="Table set file (.yaml/.json) to value against, not imported."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def make_price_app(backend_factory: BackendFactory | None = None) -> typer.Typer:
    """The ``price`` sub-app; ``backend_factory(db, zone)`` supplies tables and parcels."""
    factory = backend_factory or demo_backend
    price_app = typer.Typer(
        cls=_EstimateByDefault,
        help="Land price by the benchmark land price method (基准地价系数修正法, GB/T 18508-2014). "
        "`zoneatlas price CODE` and `zoneatlas price --use ...` are short for `price estimate`.",
        no_args_is_help=True,
    )
    price_app.command("estimate")(_estimate_command(factory))
    price_app.command("ratio-study")(_ratio_study_command(factory))
    return price_app


def _estimate_command(factory: BackendFactory) -> Callable[..., None]:
    def estimate(
        code: Annotated[
            str | None, typer.Argument(metavar="PARCEL_CODE", help="Parcel code (omit for ad hoc).")
        ] = None,
        use: Annotated[str | None, typer.Option(help="Land use, e.g. residential.")] = None,
        grade: Annotated[str | None, typer.Option(help="Land grade, e.g. II.")] = None,
        area: Annotated[float | None, typer.Option(help="Land area in m².")] = None,
        far: Annotated[float | None, typer.Option(help="Plot ratio (容积率).")] = None,
        term: Annotated[float | None, typer.Option(help="Term in years (default: max).")] = None,
        date: Annotated[
            dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Valuation date (today).")
        ] = None,
        factor: Annotated[
            list[str] | None, typer.Option(help="NAME=LEVEL (优…劣) or NAME=NUMBER; repeatable.")
        ] = None,
        development: Annotated[
            str | None, typer.Option(help="Development level (five_one) or items a,b.")
        ] = None,
        tables: TablesOption = None,
        db: DbOption = None,
        zone: ZoneOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Value a parcel: a readable breakdown, or JSON with --json."""
        valuation = price_command(
            factory(db, zone),
            code=code,
            tables_file=tables,
            use=use,
            grade=grade,
            area_m2=area,
            far=far,
            term_years=term,
            date=date.date() if date else None,
            factors=factor or [],
            development=development,
        )
        if as_json:
            _print_json(valuation_to_dict(valuation))
        else:
            Console().print(render_table(valuation))

    return estimate


def _ratio_study_command(factory: BackendFactory) -> Callable[..., None]:
    def ratio_study(
        transactions: Annotated[
            Path | None, typer.Option(help="Transactions file (.json/.yaml/.csv).")
        ] = None,
        tables: TablesOption = None,
        db: DbOption = None,
        zone: ZoneOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Compare estimates with transactions: median ratio, COD, PRD, PRB (IAAO 2013)."""
        stats = ratio_study_command(
            factory(db, zone), tables_file=tables, transactions_file=transactions
        )
        if as_json:
            _print_json(ratio_study_to_dict(stats))
        else:
            Console().print(render_ratio_table(stats))

    return ratio_study


#: The sub-app with the demo backend; the main CLI builds its own with the store's factory.
price_app = make_price_app()
