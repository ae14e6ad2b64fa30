"""The message catalogue of the investor's journey: every reason, label and unit that
matching, the policy library, comparison and inquiries show, in 中文 and English.

A message is a key with one ``str.format`` template per language. Parameters that differ
by language (names of areas, land uses, industries) are passed as :class:`Bi` values and
each language takes its own side; numbers are formatted before they are passed (see
:func:`number`). ``tests/unit/test_messages.py`` fails when a key lacks a language or when
the two templates of a key name different parameters.

>>> text("match.cost_over_budget", cost=number(2140), pct="7")["en"]
'estimated land cost 2,140万元 is 7 % over budget'
>>> text("match.industry_fits_area", area=Bi("数字产业功能区", "Digital Industry Area"))["zh"]
'行业符合数字产业功能区的主导产业'
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from typing import Any

LANGUAGES: tuple[str, ...] = ("zh", "en")


@dataclass(frozen=True)
class Bi:
    """A parameter value with one text per language."""

    zh: str
    en: str

    def get(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


def _m(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


MESSAGES: dict[str, dict[str, str]] = {
    # -- matching: reasons for ----------------------------------------------------------
    "match.industry_fits_area": _m("行业符合{area}的主导产业", "industry fits the {area}"),
    "match.industry_permitted": _m(
        "地块规划允许{industry}产业", "the parcel is planned for {industry}"
    ),
    "match.area_within": _m(
        "面积{area}公顷({area_mu}亩)在所需范围{low}–{high}公顷内",
        "area {area} ha ({area_mu} 亩) is within the range {low}–{high} ha",
    ),
    "match.area_below": _m(
        "面积{area}公顷比所需下限{low}公顷小{pct}%",
        "area {area} ha is {pct} % below the minimum of {low} ha",
    ),
    "match.area_above": _m(
        "面积{area}公顷比所需上限{high}公顷大{pct}%",
        "area {area} ha is {pct} % above the maximum of {high} ha",
    ),
    "match.cost_within_budget": _m(
        "估算地价{cost}万元在预算{budget}万元以内",
        "estimated land cost {cost}万元 is within the budget of {budget}万元",
    ),
    "match.cost_over_budget": _m(
        "估算地价{cost}万元超出预算{pct}%",
        "estimated land cost {cost}万元 is {pct} % over budget",
    ),
    "match.cost_unknown": _m(
        "无法估算该地块地价", "the land cost of this parcel cannot be estimated"
    ),
    "match.cost_estimate": _m(
        "估算地价{cost}万元({unit}元/平方米)",
        "estimated land cost {cost}万元 ({unit} 元/m²)",
    ),
    "match.far_fits": _m(
        "容积率{far_min}–{far_max}满足需要", "plot ratio {far_min}–{far_max} meets the need"
    ),
    "match.far_too_low": _m(
        "容积率上限{far_max}低于所需的{need}",
        "maximum plot ratio {far_max} is below the {need} needed",
    ),
    "match.far_too_high": _m(
        "容积率下限{far_min}高于计划的{need}",
        "minimum plot ratio {far_min} is above the planned {need}",
    ),
    "match.far_unknown": _m("地块未给出容积率", "the parcel gives no plot ratio"),
    "match.in_preferred_area": _m("位于首选的{area}", "lies in the preferred {area}"),
    "match.outside_preferred_area": _m("不在首选的{area}内", "lies outside the preferred {area}"),
    "match.intensity_met": _m(
        "{indicator}{planned}{unit}达到控制指标{required}{unit}",
        "{indicator} {planned} {unit} meets the required {required} {unit}",
    ),
    "match.intensity_missed": _m(
        "{indicator}{planned}{unit}未达到控制指标{required}{unit}",
        "{indicator} {planned} {unit} misses the required {required} {unit}",
    ),
    "match.intensity_energy_met": _m(
        "{indicator}{planned}{unit}不高于上限{required}{unit}",
        "{indicator} {planned} {unit} is within the cap of {required} {unit}",
    ),
    "match.intensity_energy_missed": _m(
        "{indicator}{planned}{unit}高于上限{required}{unit}",
        "{indicator} {planned} {unit} exceeds the cap of {required} {unit}",
    ),
    "match.intensity_unchecked": _m(
        "地块有{indicator}控制指标{required}{unit},请提供计划值以核对",
        "the parcel requires {indicator} of {required} {unit}; give your plan to check it",
    ),
    "match.policies_value": _m(
        "可享受{count}项政策,估算价值{value}万元",
        "{count} policies apply, estimated value {value}万元",
    ),
    "match.status_reserved": _m(
        "地块储备中,可预约洽谈", "the parcel is reserved; talks can be arranged"
    ),
    # -- matching: exclusion (hard constraints) -------------------------------------------
    "exclude.status": _m("地块状态为{status},不可出让", "the parcel is {status}, not on offer"),
    "exclude.land_use": _m(
        "用地性质为{use},不是所需的{wanted}",
        "land use is {use}, not the {wanted} wanted",
    ),
    "exclude.industry": _m(
        "地块规划不允许{industry}产业", "the parcel is not planned for {industry}"
    ),
    "exclude.area_small": _m(
        "面积{area}公顷远小于所需下限{low}公顷",
        "area {area} ha is far below the minimum of {low} ha",
    ),
    "exclude.area_large": _m(
        "面积{area}公顷远大于所需上限{high}公顷",
        "area {area} ha is far above the maximum of {high} ha",
    ),
    # -- policies --------------------------------------------------------------------------
    "policy.status.eligible": _m("符合条件", "eligible"),
    "policy.status.not_eligible": _m("不符合条件", "not eligible"),
    "policy.status.needs_info": _m("需补充信息", "more information needed"),
    "policy.status.expired": _m("已失效", "expired"),
    "policy.status.not_yet_effective": _m("尚未生效", "not yet in effect"),
    "policy.status.active": _m("有效", "in effect"),
    "policy.expired_on": _m(
        "政策已于{date}失效,不予适用", "the policy expired on {date} and is not applied"
    ),
    "policy.effective_from": _m("政策自{date}起施行", "the policy takes effect on {date}"),
    "policy.industry_not_covered": _m(
        "政策适用于{industries},不含{industry}",
        "the policy covers {industries}, not {industry}",
    ),
    "policy.condition_failed": _m("不满足条件:{condition}", "condition not met: {condition}"),
    "policy.condition_excluded": _m("不适用于:{condition}", "does not apply when: {condition}"),
    "policy.missing": _m("需提供:{fields}", "please give: {fields}"),
    "policy.no_conditions": _m("无附加条件", "no further conditions"),
    "policy.level.national": _m("国家级", "national"),
    "policy.level.provincial": _m("省级", "provincial"),
    "policy.level.municipal": _m("市级", "municipal"),
    "policy.level.district": _m("区级", "district"),
    "policy.framework.core": _m("“1+4+3”政策体系:1(总体办法)", "“1+4+3” system: the 1 (core)"),
    "policy.framework.supporting": _m(
        "“1+4+3”政策体系:4(配套政策)", "“1+4+3” system: one of the 4 (supporting)"
    ),
    "policy.framework.industry": _m(
        "“1+4+3”政策体系:3(主导产业专项)", "“1+4+3” system: one of the 3 (leading industries)"
    ),
    "policy.framework.special": _m("专项及阶段性政策", "special and temporary measures"),
    # rule descriptions
    "rule.op.==": _m("{field}为{value}", "{field} is {value}"),
    "rule.op.!=": _m("{field}不为{value}", "{field} is not {value}"),
    "rule.op.<": _m("{field}小于{value}", "{field} < {value}"),
    "rule.op.<=": _m("{field}不超过{value}", "{field} ≤ {value}"),
    "rule.op.>": _m("{field}大于{value}", "{field} > {value}"),
    "rule.op.>=": _m("{field}不低于{value}", "{field} ≥ {value}"),
    "rule.op.in": _m("{field}为{value}之一", "{field} is one of {value}"),
    "rule.op.not_in": _m("{field}不为{value}之一", "{field} is none of {value}"),
    "rule.op.between": _m("{field}在{value}之间", "{field} is between {value}"),
    "rule.all": _m("同时满足:{items}", "all of: {items}"),
    "rule.any": _m("满足其一:{items}", "any of: {items}"),
    "rule.not": _m("不满足:{items}", "not: {items}"),
    "rule.actual": _m("(当前为{actual})", " (given: {actual})"),
    # rule fields
    "field.industry": _m("产业", "industry"),
    "field.enterprise_type": _m("企业类型", "enterprise type"),
    "field.functional_area": _m("功能区", "functional area"),
    "field.land_use": _m("用地性质", "land use"),
    "field.investment_wan": _m("计划投资", "planned investment"),
    "field.equipment_wan": _m("设备投资", "equipment investment"),
    "field.annual_output_wan": _m("年产值", "annual output"),
    "field.annual_tax_wan": _m("年纳税额", "annual tax"),
    "field.rent_wan": _m("年租金", "annual rent"),
    "field.headcount": _m("用工人数", "headcount"),
    "field.talents": _m("引进高层次人才人数", "high-level talents recruited"),
    "field.area_m2": _m("用地面积", "land area"),
    "field.land_cost_wan": _m("地价款", "land cost"),
    # benefits
    "benefit.land_price_subsidy": _m(
        "土地出让价款补贴{share}%({cap})",
        "land price subsidy of {share} % of the land cost ({cap})",
    ),
    "benefit.rent_subsidy": _m(
        "房租补贴{share}%,{years}年({cap})",
        "rent subsidy of {share} % for {years} years ({cap})",
    ),
    "benefit.tax_rebate": _m(
        "地方留成税收({local}%)返还{share}%,{years}年({cap})",
        "rebate of {share} % of the locally retained tax ({local} %) for {years} years ({cap})",
    ),
    "benefit.equipment_subsidy": _m(
        "设备投资补贴{share}%({cap})",
        "equipment subsidy of {share} % of the equipment investment ({cap})",
    ),
    "benefit.talent_award": _m(
        "人才奖励每人{amount}万元({count})",
        "talent award of {amount}万元 per person ({count})",
    ),
    "benefit.one_off_award": _m("一次性奖励{amount}万元", "one-off award of {amount}万元"),
    "benefit.cap": _m("上限{amount}万元", "cap {amount}万元"),
    "benefit.no_cap": _m("不设上限", "no cap"),
    "benefit.max_count": _m("最多{count}人", "at most {count} people"),
    "benefit.any_count": _m("人数不限", "any number of people"),
    "benefit.when": _m("适用条件:{condition}", "applies when: {condition}"),
    "benefit.value": _m("估算价值{value}万元", "estimated value {value}万元"),
    "benefit.value_unknown": _m("需提供{fields}后估算", "give {fields} to estimate"),
    "benefit.not_applicable": _m("本项不适用", "this item does not apply"),
    # enterprise types
    "enterprise.high_tech": _m("高新技术企业", "high-tech enterprise"),
    "enterprise.sme": _m("中小企业", "small or medium enterprise"),
    "enterprise.headquarters": _m("总部企业", "headquarters"),
    "enterprise.listed": _m("上市企业", "listed company"),
    "enterprise.financial": _m("金融机构", "financial institution"),
    "enterprise.startup": _m("初创企业", "start-up"),
    "enterprise.foreign": _m("外资企业", "foreign-invested enterprise"),
    # intensity indicators (标准地控制指标)
    "intensity.investment_wan_per_mu": _m("固定资产投资强度", "fixed-asset investment"),
    "intensity.tax_wan_per_mu": _m("亩均税收", "tax per 亩"),
    "intensity.output_wan_per_mu": _m("亩均产值", "output per 亩"),
    "intensity.energy_tce_per_wan": _m("单位产值能耗", "energy per unit of output"),
    # units
    "unit.wan_per_mu": _m("万元/亩", "万元/亩"),
    "unit.tce_per_wan": _m("吨标煤/万元", "t SCE/万元"),
    "unit.wan": _m("万元", "万元"),
    "unit.m2": _m("平方米", "m²"),
    "unit.mu": _m("亩", "亩"),
    "unit.ha": _m("公顷", "ha"),
    "unit.m": _m("米", "m"),
    "unit.yuan_m2": _m("元/平方米", "元/m²"),
    "unit.pct": _m("%", "%"),
    "unit.years": _m("年", "years"),
    "unit.people": _m("人", "people"),
    # comparison labels
    "compare.code": _m("地块编号", "Parcel code"),
    "compare.name": _m("地块名称", "Parcel name"),
    "compare.functional_area": _m("功能区", "Functional area"),
    "compare.land_use": _m("用地性质", "Land use"),
    "compare.status": _m("状态", "Status"),
    "compare.area_m2": _m("用地面积", "Area"),
    "compare.area_mu": _m("用地面积", "Area"),
    "compare.far": _m("容积率", "Plot ratio"),
    "compare.density_max_pct": _m("建筑密度上限", "Max. building density"),
    "compare.green_min_pct": _m("绿地率下限", "Min. green ratio"),
    "compare.height_max_m": _m("建筑限高", "Max. height"),
    "compare.lease_years": _m("出让年限", "Lease term"),
    "compare.development_level": _m("开发程度", "Site development"),
    "compare.industries": _m("规划产业", "Planned industries"),
    "compare.start_price": _m("起始价", "Starting price"),
    "compare.unit_price": _m("估算单价", "Estimated unit price"),
    "compare.land_cost": _m("估算地价", "Estimated land cost"),
    "compare.grade": _m("土地级别", "Land grade"),
    "compare.policy_value": _m("可享政策估算价值", "Estimated value of policies"),
    "compare.policy_count": _m("符合条件的政策", "Eligible policies"),
    "compare.distance_school": _m("距最近学校", "Nearest school"),
    "compare.distance_hospital": _m("距最近医院", "Nearest hospital"),
    "compare.distance_transit": _m("距最近轨道交通站", "Nearest transit station"),
    "compare.distance_commercial": _m("距商服中心", "Commercial centre"),
    "compare.intensity": _m("投资强度要求", "Required investment"),
    "compare.tax_intensity": _m("亩均税收要求", "Required tax per 亩"),
    "compare.contact": _m("联系人", "Contact"),
    "compare.phone": _m("联系电话", "Phone"),
    "compare.policy": _m("政策", "Policy"),
    "compare.policy_status": _m("适用情况", "Status"),
    "compare.notes": _m("说明", "Notes"),
    "compare.sheet": _m("地块对比", "Compare"),
    "compare.policies_sheet": _m("政策", "Policies"),
    "compare.synthetic_note": _m(
        "示意数据:地价为基准地价系数修正法估算,不构成报价;政策条款为示意。",
        "Illustrative data: land costs are benchmark-method estimates, not offers; policy "
        "terms are illustrative.",
    ),
    "compare.valuation_date": _m("估价日期", "Valuation date"),
    # inquiry
    "inquiry.received": _m(
        "已收到您的咨询,{name}({role})将尽快与您联系。",
        "Thank you: {name} ({role}) will contact you soon.",
    ),
    "inquiry.received_general": _m(
        "已收到您的咨询,投资促进部门将尽快与您联系。",
        "Thank you: the investment promotion office will contact you soon.",
    ),
    "contact.synthetic_note": _m(
        "示意联系人,非真实联系方式", "illustrative contact, not a real phone or e-mail"
    ),
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def placeholders(key: str) -> dict[str, set[str]]:
    """The parameter names of each language's template of ``key``."""
    return {language: _fields(MESSAGES[key][language]) for language in LANGUAGES}


def text(key: str, **params: Any) -> dict[str, str]:
    """Both languages of ``key`` with ``params`` filled in; :class:`Bi` values per language.

    Raises KeyError for an unknown key, so a typo fails in tests, not silently.
    """
    templates = MESSAGES[key]
    result = {}
    for language in LANGUAGES:
        values = {
            name: value.get(language) if isinstance(value, Bi) else value
            for name, value in params.items()
        }
        result[language] = templates[language].format(**values)
    return result


def reason(key: str, **params: Any) -> dict[str, Any]:
    """A reason as JSON: its key, both sentences and the plain parameters."""
    plain = {name: (vars(v) if isinstance(v, Bi) else v) for name, v in params.items()}
    return {"key": key, **text(key, **params), "params": plain}


def label(key: str) -> Bi:
    """A parameterless message as a :class:`Bi`."""
    templates = MESSAGES[key]
    return Bi(templates["zh"], templates["en"])


def number(value: float, decimals: int = 0) -> str:
    """``value`` with thousands separators, e.g. ``2,140`` or ``3.2``; ``–`` for NaN."""
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:,.{decimals}f}"


def join(items: list[Bi], *, zh_sep: str = "、", en_sep: str = ", ") -> Bi:
    """Join bilingual items with each language's list separator."""
    return Bi(zh_sep.join(i.zh for i in items), en_sep.join(i.en for i in items))
