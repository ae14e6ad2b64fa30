"""标准地 control indicators of the demo's industrial, research and logistics parcels.

Chinese provinces publish "standard land" (标准地) indicators for industrial land sold with
its conditions attached: fixed-asset investment and tax per 亩, often output per 亩 and
energy per unit of output. The values here are **synthetic** but in the ranges such
documents use for a provincial-capital high-tech zone (投资强度 ≥ 300 万元/亩, 亩均税收 ≥ 20
万元/亩); they vary by land use and functional area, with no random draw, so the demo
bundle stays deterministic.
"""

from __future__ import annotations

from zoneatlas.parcels.model import Parcel
from zoneatlas.records import IntensityRule

SOURCE = "净月高新区标准地控制性指标(示意)"

#: land use → (investment 万元/亩, tax 万元/亩, output 万元/亩, energy 吨标煤/万元)
_BASE: dict[str, tuple[float, float, float | None, float | None]] = {
    "industrial_1": (300.0, 20.0, 450.0, 0.30),
    "industrial_2": (280.0, 18.0, 400.0, 0.45),
    "research": (350.0, 25.0, None, 0.20),
    "logistics": (200.0, 12.0, None, None),
}
#: Functional areas that ask more of the land they sell (a multiplier on the minimums).
_AREA_FACTOR = {"digital": 1.2, "health_valley": 1.1}


def demo_intensity_rules(parcels: list[Parcel]) -> list[IntensityRule]:
    """One rule per industrial, research or logistics parcel; none for other uses."""
    rules = []
    for parcel in parcels:
        base = _BASE.get(parcel.land_use)
        if base is None:
            continue
        factor = _AREA_FACTOR.get(parcel.functional_area, 1.0)
        investment, tax, output, energy = base
        rules.append(
            IntensityRule(
                parcel_code=parcel.code,
                investment_wan_per_mu=round(investment * factor, 0),
                tax_wan_per_mu=round(tax * factor, 1),
                output_wan_per_mu=round(output * factor, 0) if output else None,
                energy_tce_per_wan=energy,
                source=SOURCE,
                synthetic=True,
            )
        )
    return rules
