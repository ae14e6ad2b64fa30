"""How a valuation and a ratio study are shown: one JSON shape for the CLI ``--json`` and
the API, and rich tables for the readable CLI output (Chinese and English names, units)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from rich.table import Table

from zoneatlas.landprice.model import BreakdownEntry, Valuation
from zoneatlas.landprice.ratio import (
    IAAO_SOURCE,
    MEDIAN_RANGE,
    PRB_RANGE,
    PRD_RANGE,
    RatioStats,
)


def valuation_to_dict(valuation: Valuation) -> dict[str, Any]:
    """The valuation as JSON-ready data (dates as ISO strings); CLI and API return this."""
    return valuation.model_dump(mode="json")


def ratio_study_to_dict(stats: Sequence[RatioStats]) -> dict[str, Any]:
    """A ratio study as JSON-ready data, with the IAAO ranges it is judged by."""
    return {
        "groups": [asdict(s) for s in stats],
        "iaao": {
            "median_ratio": list(MEDIAN_RANGE),
            "prd": list(PRD_RANGE),
            "prb": list(PRB_RANGE),
            "source": IAAO_SOURCE,
        },
    }


def _coefficient(entry: BreakdownEntry) -> str:
    if entry.kind == "additive":
        return "—" if entry.percent is None else f"{entry.percent:+g} %"
    if entry.coefficient is None:
        return "—"
    if entry.kind in ("benchmark", "development"):
        return f"{entry.coefficient:g} 元/m²"
    return f"{entry.coefficient:g}"


def _input(entry: BreakdownEntry) -> str:
    if entry.input is None:
        return "—"
    text = f"{entry.input:g}" if isinstance(entry.input, float) else str(entry.input)
    unit = f" {entry.unit}" if entry.unit and entry.kind == "additive" else ""
    source = f" ({entry.input_source})" if entry.input_source in ("geometry", "default") else ""
    return f"{text}{unit}{source}"


def render_table(valuation: Valuation) -> Table:
    """A readable table of the valuation: every factor, then the results with units.

    Fits 80 columns; the table each line came from is in the JSON (``breakdown[].table``).
    """
    v = valuation
    title = f"{v.use_name_zh} {v.use_name_en} · {v.grade} 级 grade · {v.valuation_date}"
    caption = f"{v.table_set} ({v.table_set_version}) · {v.table_source}"
    if v.synthetic_tables:
        caption += " · 示意数据 synthetic tables"
    table = Table(title=title, caption=caption)
    table.add_column("因素 Factor", ratio=3)
    table.add_column("输入 Input", ratio=3, overflow="fold")
    table.add_column("等级 Level", ratio=2)
    table.add_column("修正 Correction", ratio=2, justify="right")
    for entry in v.breakdown:
        table.add_row(
            f"{entry.name_zh}\n{entry.name_en}",
            _input(entry),
            entry.level or "—",
            _coefficient(entry) + ("" if entry.applied else "\n(not applied)"),
            style=None if entry.applied else "dim",
        )
    table.add_section()
    rows = [
        ("单价\nUnit price", f"{v.unit_price_yuan_m2:,.1f} 元/m²"),
        ("楼面地价\nFloor price", f"{v.floor_price_yuan_m2:,.1f} 元/m² (FAR {v.far:g})"),
        ("总价\nTotal", f"{v.total_wan:,.2f} 万元 = {v.total_yuan:,.0f} 元 ({v.area_m2:,.0f} m²)"),
        ("亩均\nPer mu", f"{v.wan_per_mu:,.2f} 万元/亩 ({v.area_mu:,.2f} 亩)"),
    ]
    if v.minimum is not None:
        flag = "低于 below" if v.minimum.below_minimum else "不低于 not below"
        minimum = f"{v.minimum.minimum_yuan_m2:g} 元/m² (grade {v.minimum.national_grade}): {flag}"
        rows.append(("工业用地最低价\nNational minimum", minimum))
    for label, value in rows:
        table.add_row(label, value, style="bold")
    table.add_row("公式\nFormula", v.formula)
    for warning in v.warnings:
        table.add_row("[yellow]注意\nWarning[/]", warning)
    return table


def render_ratio_table(stats: Sequence[RatioStats]) -> Table:
    """A ratio study beside the IAAO ranges (✗ marks a statistic outside its range)."""
    low, high = MEDIAN_RANGE
    table = Table(title="Ratio study 比率研究 (estimate / sale price)", caption=IAAO_SOURCE)
    headers = (
        "组 Group",
        "n",
        f"Median ({low:.2f}-{high:.2f})",
        "COD (limit)",
        f"PRD ({PRD_RANGE[0]:.2f}-{PRD_RANGE[1]:.2f})",
        f"PRB (±{PRB_RANGE[1]:.2f})",
    )
    for header in headers:
        table.add_column(header, justify="right" if header != headers[0] else "left")

    def mark(ok: bool | None) -> str:
        return "" if ok in (True, None) else " ✗"

    for s in stats:
        prb = "—" if s.prb is None else f"{s.prb:+.3f}{mark(s.prb_ok)}"
        table.add_row(
            s.group + (" (small sample)" if s.small_sample else ""),
            str(s.count),
            f"{s.median_ratio:.3f}{mark(s.median_ok)}",
            f"{s.cod:.1f} (≤ {s.cod_limit:g}){mark(s.cod_ok)}",
            f"{s.prd:.3f}{mark(s.prd_ok)}",
            prb,
        )
    return table
