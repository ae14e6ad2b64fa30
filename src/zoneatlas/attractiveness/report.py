"""JSON documents of the attractiveness index, shared by the API and ``zoneatlas
attractiveness --json``: a parcel's score with its factor contributions, a ranking, and
the model (weights, factor definitions and formulas in zh and en, for the method page).

Contributions are rounded to 0.01 point and the score is their sum, so the numbers a
chart shows add up exactly.
"""

from __future__ import annotations

import math
from typing import Any

from zoneatlas.attractiveness.model import (
    AccessibilityFactor,
    AgglomerationFactor,
    AttractivenessModel,
    Decay,
    EnvironmentFactor,
    Factor,
    PublicServicesFactor,
)
from zoneatlas.attractiveness.score import ScoreGrids
from zoneatlas.attractiveness.service import ParcelScores
from zoneatlas.parcels import vocab

METHOD_DOC = "docs/attractiveness.md"
QUALITY_FORMULA = "Q = 100 · Σ_i w_i · f_i"


def _number(value: float, digits: int = 2) -> float | None:
    return round(float(value), digits) if math.isfinite(value) else None


def _decay(spec: Decay) -> str:
    return f"2^(−max(d − {spec.full_m:g} m, 0) / {spec.half_m:g} m)"


def factor_formula(factor: Factor) -> str:
    """The factor's formula with its parameters filled in."""
    if isinstance(factor, AccessibilityFactor):
        access = factor.params
        return (
            f"{1 - access.transit_share:g} · {_decay(access.road)} [d = to nearest road of kind "
            f"{', '.join(access.road_kinds)}] + {access.transit_share:g} · "
            f"{_decay(access.transit)} [d = to nearest POI of category "
            f"{', '.join(access.transit_categories)}]"
        )
    if isinstance(factor, AgglomerationFactor):
        cluster = factor.params
        return (
            f"min(D / D_p{cluster.percentile:g}, 1); D = scaled {cluster.kernel} kernel density, "
            f"radius {cluster.radius_m:g} m, of the industry's enterprises "
            f"(weight {cluster.weight})"
        )
    if isinstance(factor, PublicServicesFactor):
        services = factor.params
        parts = " + ".join(
            f"{c.share:g} · min(S_{c.category} / {c.saturation:g}, 1)" for c in services.categories
        )
        return f"{parts}; S = Σ max(1 − d / {services.reach_m:g} m, 0)"
    assert isinstance(factor, EnvironmentFactor)
    green = factor.params
    targets = ", ".join([*green.feature_layers, *green.poi_categories])
    return f"{_decay(green.decay)} [d = to nearest of: {targets}; 0 inside]"


def value_formula(model: AttractivenessModel) -> str:
    m = model.value_index.min_relative_price
    return f"V = Q / max(P / P_median, {m:g})"


def model_info(model: AttractivenessModel) -> dict[str, Any]:
    """Name, version, fingerprint and source of a model (the short form in answers)."""
    return {
        "name": model.name,
        "version": model.version,
        "fingerprint": model.fingerprint,
        "source": model.source.title,
        "synthetic": model.source.synthetic,
        "method": METHOD_DOC,
    }


def industry_info(industry: str | None) -> dict[str, str] | None:
    term = vocab.lookup("industry", industry) if industry else None
    return None if term is None else {"key": term.key, "name_zh": term.zh, "name_en": term.en}


def model_document(model: AttractivenessModel, industry: str | None = None) -> dict[str, Any]:
    """The model for the method page: every factor with its definition, formula and
    weight (for ``industry`` when given), the formulas of Q and V, the whole document."""
    weights = model.weights_for(industry)
    factors = [
        {
            "key": f.key,
            "kind": f.kind,
            "name_zh": f.name_zh,
            "name_en": f.name_en,
            "description_zh": f.description_zh,
            "description_en": f.description_en,
            "formula": factor_formula(f),
            "params": f.params.model_dump(mode="json"),
            "weight": weights[f.key],
        }
        for f in model.factors
    ]
    return {
        **model_info(model),
        "basis_zh": model.source.basis_zh,
        "basis_en": model.source.basis_en,
        "industry": industry_info(industry),
        "cell_m": model.cell_m,
        "quality_formula": QUALITY_FORMULA,
        "value_formula": value_formula(model),
        "land_use_for_industry": model.use_for(industry),
        "factors": factors,
        "document": model.model_dump(mode="json"),
    }


def _factor_rows(result: ParcelScores, index: int) -> tuple[list[dict[str, Any]], float]:
    grids = result.grids
    rows, total = [], 0.0
    for factor in grids.model.factors:
        contribution = round(float(result.scores.contributions[factor.key][index]), 2)
        total += contribution
        rows.append(
            {
                "key": factor.key,
                "kind": factor.kind,
                "name_zh": factor.name_zh,
                "name_en": factor.name_en,
                "value": round(float(result.scores.values[factor.key][index]), 4),
                "weight": grids.weights[factor.key],
                "contribution": contribution,
            }
        )
    return rows, round(total, 2)


def _land_price(grids: ScoreGrids, price: float, grade: str) -> dict[str, Any]:
    reference = grids.reference
    median = reference.median_yuan_m2
    relative = price / median if math.isfinite(price) and median > 0 else math.nan
    return {
        "unit": "元/m²",
        "grade": grade or None,
        "use": reference.table.use,
        "table_use": reference.table.table,
        "median_yuan_m2": _number(median, 1),
        "relative_price": _number(relative, 4),
        "source": reference.source,
    }


def parcel_entry(result: ParcelScores, index: int) -> dict[str, Any]:
    """One scored parcel: score, value index, price reference and factor contributions."""
    parcel = result.parcels[index]
    factors, score = _factor_rows(result, index)
    price = float(result.scores.price[index])
    return {
        "code": parcel.code,
        "name_zh": parcel.name_zh,
        "name_en": getattr(parcel, "name_en", ""),
        "land_use": parcel.land_use,
        "functional_area": getattr(parcel, "functional_area", ""),
        "score": score,
        "value_index": _number(float(result.scores.value_index[index])),
        "land_price_reference": _number(price, 1),
        "land_price": _land_price(result.grids, price, str(result.scores.grade[index])),
        "location": {
            "method": "centroid",
            "lon": round(float(result.lon[index]), 6),
            "lat": round(float(result.lat[index]), 6),
        },
        "factors": factors,
    }


def parcel_document(result: ParcelScores) -> dict[str, Any]:
    """``GET /api/parcels/{code}/attractiveness``: the first (only) parcel of ``result``."""
    return {
        **parcel_entry(result, 0),
        "industry": industry_info(result.grids.industry),
        "score_unit": "points out of 100",
        "quality_formula": QUALITY_FORMULA,
        "value_formula": value_formula(result.grids.model),
        "model": model_info(result.grids.model),
    }


def ranking_document(result: ParcelScores, order: list[int]) -> dict[str, Any]:
    """Parcels in ``order`` (indices into ``result``) with their contributions."""
    return {
        "industry": industry_info(result.grids.industry),
        "count": len(result.parcels),
        "parcels": [parcel_entry(result, index) for index in order],
        "model": model_info(result.grids.model),
    }
