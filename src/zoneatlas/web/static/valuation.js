// The land price estimate in the parcel panel, from GET /api/parcels/{code}/valuation (the
// benchmark land price coefficient method, 基准地价系数修正法): unit price (元/m²), total
// (万元), per mu (万元/亩), floor price (元/m² of floor area), the land grade, the national
// minimum for industrial land, and every correction the estimate applied.
import { lang, num, numShort, t } from "./i18n.js";
import { esc } from "./util.js";

const present = (v) => v !== null && v !== undefined && v !== "";
const zh = () => lang() !== "en";

/** A price in 元: whole yuan from 1,000 up, at most one decimal below (252, 486.7). */
export function yuan(value) {
  return Math.abs(value) >= 1000 ? num(value, 0) : numShort(value, 1);
}

/** An amount in 万元 as Chinese readers read it, or in CNY for English readers. */
export function wanAmount(value, decimals) {
  if (zh()) return num(value, value >= 1000 ? 0 : decimals);
  // 100 万元 = CNY 1 million; below that, whole CNY (rounded to the hundred) read better.
  return value >= 100 ? `${num(value / 100, 2)} million` : num(Math.round(value * 100) * 100, 0);
}

export function unitPrice(value) {
  return t("valuation.yuan_m2", { v: yuan(value) });
}

/** "劣 (inferior)" → "劣" in Chinese, "inferior" in English. */
function levelName(level) {
  if (!present(level)) return "";
  const match = /^(.*?)\s*\((.*)\)\s*$/.exec(String(level));
  if (!match) return String(level);
  return zh() ? match[1] : match[2];
}

function inputText(item) {
  const { input, unit } = item;
  if (!present(input)) return item.input_source === "default" ? t("valuation.not_given") : "";
  if (item.key === "benchmark") return t("grade.name", { grade: input });
  if (typeof input === "number") {
    const text = unit === "m" ? num(input, 0) : numShort(input, 2);
    return unit && unit !== "%" ? `${text} ${unit === "years" ? t("valuation.years_unit") : unit}` : text;
  }
  return String(input);
}

function signed(value, text) {
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text.replace(/^-/, "")}`;
  return text;
}

/** What an entry does to the price: a benchmark, a percent, a factor or an amount. */
function effect(item) {
  if (item.kind === "benchmark") return unitPrice(item.coefficient);
  if (item.kind === "development") {
    return signed(item.coefficient, t("valuation.yuan_m2", { v: yuan(Math.abs(item.coefficient)) }));
  }
  if (present(item.percent)) return signed(item.percent, `${numShort(Math.abs(item.percent), 2)}%`);
  if (present(item.coefficient)) return `×${numShort(item.coefficient, 4)}`;
  return t("value.none");
}

function correction(item) {
  const name = zh() ? item.name_zh || item.name_en : item.name_en || item.name_zh;
  const details = [inputText(item), levelName(item.level)].filter(Boolean).join(" · ");
  const off = item.applied === false;
  return `<li class="correction${off ? " is-off" : ""}" data-testid="correction">
      <span class="correction-name">${esc(name)}</span>
      <span class="correction-effect">${esc(off ? t("valuation.not_applied") : effect(item))}</span>
      ${details ? `<span class="correction-detail">${esc(details)}</span>` : ""}
    </li>`;
}

function minimumCheck(minimum) {
  if (!minimum) return "";
  const below = minimum.below_minimum;
  const verdict = below ? t("valuation.below_minimum") : t("valuation.above_minimum");
  const priority = present(minimum.priority_minimum_yuan_m2)
    ? `<span class="minimum-detail">${esc(t("valuation.priority_minimum", { v: unitPrice(minimum.priority_minimum_yuan_m2) }))}</span>` : "";
  return `<div class="minimum ${below ? "is-below" : "is-ok"}" data-testid="valuation-minimum">
      <p class="minimum-head">
        <span>${esc(t("valuation.minimum", { grade: minimum.national_grade }))}</span>
        <strong>${esc(unitPrice(minimum.minimum_yuan_m2))}</strong>
      </p>
      <p class="minimum-verdict"><span aria-hidden="true">${below ? "!" : "✓"}</span>${esc(verdict)}</p>
      ${priority}
      ${minimum.source ? `<span class="minimum-detail">${esc(minimum.source)}</span>` : ""}
    </div>`;
}

function figure(label, value, testid) {
  return `<div class="valuation-figure" data-testid="${testid}"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`;
}

/**
 * The estimate section's inner HTML for `view`: {status: "loading"} | {status: "error",
 * httpStatus, detail} | {status: "ok", data}. `open` keeps the corrections list expanded.
 */
export function renderValuation(view, { open = false } = {}) {
  const title = `<h3>${esc(t("valuation.title"))}</h3>`;
  if (!view || view.status === "loading") {
    return `${title}<div class="valuation-card is-loading" aria-busy="true"><span class="spinner" aria-hidden="true"></span>${esc(t("valuation.loading"))}</div>`;
  }
  if (view.status === "error") {
    const message = view.httpStatus === 404 ? t("valuation.unavailable")
      : t("valuation.error", { detail: view.detail });
    return `${title}<p class="valuation-message" data-testid="valuation-error">${esc(message)}</p>`;
  }
  const v = view.data;
  const perMu = t("valuation.per_mu_value", { v: wanAmount(v.wan_per_mu, 1) });
  const total = t("valuation.total_value", { v: wanAmount(v.total_wan, 1) });
  const useName = zh() ? v.use_name_zh || v.use_name_en : v.use_name_en || v.use_name_zh;
  const synthetic = v.synthetic_tables
    ? `<span class="badge badge-synthetic badge-small" data-testid="valuation-synthetic">${esc(t("overview.illustrative"))}</span>` : "";
  const warnings = (v.warnings || []).map((w) => `<li>${esc(w)}</li>`).join("");
  const breakdown = v.breakdown || [];
  return `${title}
    <div class="valuation-card">
      <div class="valuation-main">
        <span class="valuation-label">${esc(t("valuation.unit_price"))}</span>
        <strong class="valuation-price" data-testid="valuation-unit-price">${esc(unitPrice(v.unit_price_yuan_m2))}</strong>
        <span class="valuation-context">${esc(t("valuation.context", { grade: t("grade.name", { grade: v.grade }), use: useName, date: v.valuation_date }))}</span>
      </div>
      <dl class="valuation-figures">
        ${figure(t("valuation.total"), total, "valuation-total")}
        ${figure(t("valuation.per_mu"), perMu, "valuation-per-mu")}
        ${figure(t("valuation.floor_price"), present(v.floor_price_yuan_m2) ? unitPrice(v.floor_price_yuan_m2) : t("value.none"), "valuation-floor-price")}
        ${figure(t("valuation.grade"), t("grade.name", { grade: v.grade }), "valuation-grade")}
      </dl>
    </div>
    ${minimumCheck(v.minimum)}
    <details class="corrections" data-testid="valuation-corrections" ${open ? "open" : ""}>
      <summary>${esc(t("valuation.corrections", { n: breakdown.length }))}</summary>
      <ol class="correction-list">${breakdown.map(correction).join("")}</ol>
      ${v.formula ? `<p class="valuation-formula">${esc(v.formula)}</p>` : ""}
    </details>
    <p class="valuation-source" data-testid="valuation-source">${esc(t("valuation.source", { source: v.table_source || v.table_set || t("value.none") }))} ${synthetic}</p>
    ${warnings ? `<ul class="valuation-warnings" data-testid="valuation-warnings">${warnings}</ul>` : ""}
    <p class="valuation-note">${esc(t("valuation.disclaimer"))}</p>`;
}
