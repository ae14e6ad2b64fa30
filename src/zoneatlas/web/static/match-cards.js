// The match page's result cards and near misses, from POST /api/match: score, parcel,
// area (公顷, m², 亩), estimated land cost and its method, the reasons for (✓) and against
// (✗) in the current language, eligible policies with their estimated value, the 标准地
// indicators the plan misses, and the actions (view on map, add to compare, inquire).
// Everything from the API goes through esc().
import { lang, num, numShort, t } from "./i18n.js";
import { inTray } from "./tray.js";
import { esc } from "./util.js";
import { unitPrice, wanAmount } from "./valuation.js";

const present = (v) => v !== null && v !== undefined && v !== "";
const MAP_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M9 4L3 6v14l6-2 6 2 6-2V4l-6 2-6-2zM9 4v14M15 6v14" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>';
const PLUS_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M12 5v14M5 12h14" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
const CHECK_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M5 12l5 5 9-10" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
const CHAT_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>';

/** The zh or en member of a record with `${field}_zh` / `${field}_en`. */
export function bi(record, field) {
  const zh = record[`${field}_zh`];
  const en = record[`${field}_en`];
  return (lang() === "en" ? en || zh : zh || en) || "";
}

/** A {zh, en} sentence from the API in the current language. */
export function sentence(text) {
  return (lang() === "en" ? text?.en || text?.zh : text?.zh || text?.en) || "";
}

/** An amount in 万元: "1,113 万元" in Chinese, "CNY 11.13 million" in English. */
export function wan(value, decimals = 0) {
  return present(value) ? t("valuation.total_value", { v: wanAmount(Number(value), decimals) }) : t("value.none");
}

export function areaText(p) {
  const ha = present(p.area_ha) ? p.area_ha : p.area_m2 / 10000;
  return {
    main: t("match.area_ha", { v: numShort(ha, 2) }),
    detail: t("value.area", { m2: num(p.area_m2, 0), mu: num(p.area_mu, 1) }),
  };
}

export function farText(p) {
  if (!present(p.far_min) && !present(p.far_max)) return t("value.none");
  if (!present(p.far_min) || p.far_min === p.far_max) return numShort(p.far_max ?? p.far_min);
  if (!present(p.far_max)) return `≥ ${numShort(p.far_min)}`;
  return t("value.far", { min: numShort(p.far_min), max: numShort(p.far_max) });
}

/** The land cost's figure and its method ("基准地价系数修正法" ...). */
export function costText(cost) {
  if (!cost || !present(cost.total_wan)) return { main: t("landcost.none"), detail: "" };
  const unit = present(cost.unit_price_yuan_m2) ? unitPrice(cost.unit_price_yuan_m2) : "";
  const method = t(cost.method === "start_price" ? "landcost.start_price" : "landcost.benchmark");
  return { main: wan(cost.total_wan), detail: [unit, method].filter(Boolean).join(" · ") };
}

function figure(label, value, detail, testid) {
  return `<div class="figure"${testid ? ` data-testid="${testid}"` : ""}>
      <dt>${esc(label)}</dt>
      <dd><strong>${esc(value)}</strong>${detail ? `<span>${esc(detail)}</span>` : ""}</dd>
    </div>`;
}

function reasons(list, kind) {
  return list.map((r) => `<li class="reason is-${kind}" data-testid="reason-${kind}">
      <span class="reason-mark" aria-hidden="true">${kind === "for" ? "✓" : "✗"}</span>
      <span class="visually-hidden">${esc(t(kind === "for" ? "match.reason_for" : "match.reason_against"))}</span>
      <span>${esc(sentence(r))}</span>
    </li>`).join("");
}

function missingFacts(keys) {
  return [...new Set(keys)].map((key) => t(`fact.${key}`)).join(lang() === "en" ? ", " : "、");
}

/** Policies of a result: eligible ones with their value, then those that need facts. */
export function policyList(policies) {
  const eligible = policies.filter((p) => p.eligibility === "eligible");
  const pending = policies.filter((p) => p.eligibility === "needs_info");
  const items = [
    ...eligible.map((p) => `<li class="policy is-eligible" data-testid="result-policy">
        <span class="policy-title">${esc(bi(p, "title"))}</span>
        <span class="policy-value">${esc(p.value_wan > 0 ? t("match.policy_value", { v: wan(p.value_wan) }) : t("policy.eligible"))}</span>
      </li>`),
    ...pending.map((p) => `<li class="policy is-pending">
        <span class="policy-title">${esc(bi(p, "title"))}</span>
        <span class="policy-need">${esc(t("policy.needs", { facts: missingFacts(p.missing || []) }))}</span>
      </li>`),
  ];
  return items.length ? `<ul class="policy-list">${items.join("")}</ul>` : `<p class="muted">${esc(t("policy.none"))}</p>`;
}

function policies(r) {
  const eligible = r.policies.filter((p) => p.eligibility === "eligible").length;
  const summary = eligible
    ? t("match.policies_summary", { n: eligible, v: wan(r.policy_value_wan) })
    : t("match.policies_none");
  return `<details class="result-policies">
      <summary>${esc(summary)}</summary>
      ${policyList(r.policies)}
    </details>`;
}

function intensity(r) {
  if (!r.intensity_missed?.length) return "";
  const names = r.intensity_missed.map((key) => t(`intensity.${key}`)).join(lang() === "en" ? ", " : "、");
  return `<p class="intensity-missed" data-testid="intensity-missed"><span aria-hidden="true">!</span>${esc(t("match.intensity_missed", { names }))}</p>`;
}

function scoreBadge(score) {
  const value = Math.round(Number(score) || 0);
  return `<div class="score" style="--score:${value}" data-testid="result-score" role="img" aria-label="${esc(t("match.score_label", { v: value }))}">
      <strong>${esc(num(value))}</strong><span>${esc(t("match.score_unit"))}</span>
    </div>`;
}

function compareButtonHtml(code) {
  const added = inTray(code);
  return `<button type="button" class="btn" data-action="compare" data-code="${esc(code)}" aria-pressed="${added}" data-testid="result-compare">${added ? CHECK_ICON : PLUS_ICON}<span>${esc(t(added ? "match.in_compare" : "match.add_compare"))}</span></button>`;
}

/** The "加入对比 / 已加入对比" toggle of parcel `code`, as an element. */
export function compareButton(code) {
  const holder = document.createElement("div");
  holder.innerHTML = compareButtonHtml(code);
  return holder.firstElementChild;
}

function actions(code, mapHref) {
  return `<div class="card-actions">
      <a class="btn" href="${esc(mapHref)}" data-testid="result-map">${MAP_ICON}<span>${esc(t("match.view_on_map"))}</span></a>
      ${compareButtonHtml(code)}
      <button type="button" class="btn btn-primary" data-action="inquire" data-code="${esc(code)}" data-testid="result-inquire">${CHAT_ICON}<span>${esc(t("match.inquire"))}</span></button>
    </div>`;
}

/** One ranked result; `mapHref(code)` is the map page's URL for the parcel. */
export function resultCard(r, mapHref) {
  const area = areaText(r);
  const cost = costText(r.land_cost);
  const place = [bi(r, "functional_area"), bi(r, "land_use")].filter(Boolean).join(" · ");
  return `<li class="card result-card" data-testid="match-result" data-code="${esc(r.code)}">
      <header class="result-head">
        <span class="rank" aria-label="${esc(t("match.rank", { n: r.rank }))}">${esc(r.rank)}</span>
        <div class="result-title">
          <p class="result-code mono" data-testid="result-code">${esc(r.code)}</p>
          <h3>${esc(bi(r, "name"))}</h3>
          <p class="result-place">${esc(place)} <span class="badge badge-small badge-plain">${esc(bi(r, "status"))}</span></p>
        </div>
        ${scoreBadge(r.score)}
      </header>
      <dl class="figures">
        ${figure(t("field.area"), area.main, area.detail, "result-area")}
        ${figure(t("match.land_cost"), cost.main, cost.detail, "result-cost")}
        ${figure(t("field.far"), farText(r), "")}
        ${figure(t("match.policy_total"), wan(r.policy_value_wan), "", "result-policy-value")}
      </dl>
      <ul class="reasons" data-testid="result-reasons">
        ${reasons(r.reasons_for || [], "for")}
        ${reasons(r.reasons_against || [], "against")}
      </ul>
      ${intensity(r)}
      ${policies(r)}
      ${actions(r.code, mapHref(r.code))}
    </li>`;
}

/** A parcel excluded by one hard constraint, with the reason. */
export function nearMissItem(m, mapHref) {
  const area = areaText(m);
  return `<li class="near-miss" data-testid="near-miss">
      <div class="near-miss-text">
        <p><span class="mono">${esc(m.code)}</span> · ${esc(bi(m, "name"))}</p>
        <p class="muted">${esc([area.main, bi(m, "land_use"), bi(m, "status")].filter(Boolean).join(" · "))}</p>
        <p class="reason is-against"><span class="reason-mark" aria-hidden="true">✗</span><span>${esc(sentence(m.excluded_by))}</span></p>
      </div>
      <a class="btn btn-quiet" href="${esc(mapHref(m.code))}" aria-label="${esc(t("match.view_on_map_code", { code: m.code }))}">${MAP_ICON}<span>${esc(t("nav.map"))}</span></a>
    </li>`;
}
