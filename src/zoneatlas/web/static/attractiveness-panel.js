// The parcel panel's attractiveness section (区域综合吸引力): for an industry (the investor's
// saved project industry, else the parcel's first permitted one, else one chosen here),
// GET /api/parcels/{code}/attractiveness gives the score (0-100), the value index, the land
// price reference (元/m²) and each factor's contribution, drawn as a small bar chart in
// plain HTML. The method page (/attractiveness/method) explains the model.
import { getJSON } from "./api.js";
import { gradeName } from "./grades.js";
import { lang, num, numShort, t } from "./i18n.js";
import { savedProject } from "./project.js";
import { esc } from "./util.js";
import { termName, terms } from "./vocab.js";

const present = (v) => v !== null && v !== undefined && v !== "";
const name = (record) => (lang() === "en" ? record.name_en || record.name_zh : record.name_zh || record.name_en);

/** The industry to score for when the reader has not chosen one: the saved project's, or
 * null (the API then takes the parcel's first permitted industry). */
export function preferredIndustry(chosen) {
  return chosen || savedProject().industry || null;
}

/** Load the attractiveness of `code`; resolves to the section's view state. */
export async function loadAttractiveness(code, zone, industry, signal) {
  const path = `/parcels/${encodeURIComponent(code)}/attractiveness`;
  try {
    return { status: "ok", data: await getJSON(path, { zone, industry }, { signal }) };
  } catch (err) {
    if (err.name === "AbortError") return { status: "aborted" };
    return { status: "error", detail: err.detail || err.message };
  }
}

function methodLink(industry) {
  const query = new URLSearchParams({ lang: lang() });
  if (industry) query.set("industry", industry);
  return `<a href="/attractiveness/method?${esc(query.toString())}" data-testid="attract-method">${esc(t("attract.method"))}</a>`;
}

function industrySelect(current) {
  const options = terms("industry").map((term) =>
    `<option value="${esc(term.key)}" ${term.key === current ? "selected" : ""}>${esc(termName("industry", term.key))}</option>`);
  const none = current ? "" : `<option value="" selected>${esc(t("attract.default_weights"))}</option>`;
  return `<label class="attract-industry">
      <span>${esc(t("attract.industry"))}</span>
      <select data-attract-industry data-testid="attract-industry">${none}${options.join("")}</select>
    </label>`;
}

function figure(label, value, { testid, context = "", extra = "" } = {}) {
  return `<div class="attract-figure${extra}"><dt>${esc(label)}</dt>
      <dd data-testid="${testid}">${value}</dd>${context ? `<span class="attract-context">${esc(context)}</span>` : ""}</div>`;
}

function bars(factors) {
  // One scale for every bar: the largest factor maximum (weight × 100) fills the track.
  const top = Math.max(...factors.map((f) => f.weight * 100), 1e-9);
  const percent = (points) => `${Math.max(0, Math.min(100, (points / top) * 100)).toFixed(3)}%`;
  return factors.map((f) => {
    const title = t("attract.factor_title", { name: name(f), value: numShort(f.value, 2),
      weight: numShort(f.weight, 2), points: numShort(f.contribution, 2) });
    return `<li class="attract-bar" data-testid="attract-bar" data-factor="${esc(f.key)}" data-contribution="${esc(f.contribution)}" title="${esc(title)}">
        <span class="attract-bar-name">${esc(name(f))}</span>
        <span class="attract-track" aria-hidden="true">
          <span class="attract-max" style="width:${percent(f.weight * 100)}"></span>
          <span class="attract-fill" data-testid="attract-fill" style="width:${percent(f.contribution)}"></span>
        </span>
        <span class="attract-points">${esc(numShort(f.contribution, 1))}</span>
      </li>`;
  }).join("");
}

function body(data) {
  const price = data.land_price || {};
  const priceValue = present(data.land_price_reference)
    ? esc(t("attract.price_value", { v: num(data.land_price_reference, 0) })) : esc(t("attract.no_price"));
  const context = present(data.land_price_reference) && price.grade
    ? t("attract.price_context", { grade: gradeName(price.grade), median: num(price.median_yuan_m2, 0) }) : "";
  return `<dl class="attract-figures">
      ${figure(t("attract.score"), `${esc(numShort(data.score, 1))}<small>${esc(t("attract.out_of"))}</small>`, { testid: "attract-score" })}
      ${figure(t("attract.value_index"), esc(present(data.value_index) ? numShort(data.value_index, 1) : t("value.none")), { testid: "attract-value" })}
      ${figure(t("attract.price_ref"), priceValue, { testid: "attract-price", context, extra: " is-price" })}
    </dl>
    <p class="attract-bars-title">${esc(t("attract.bars"))}</p>
    <ul class="attract-bars" data-testid="attract-bars">${bars(data.factors || [])}</ul>
    <p class="attract-hint">${esc(t("attract.bars_hint"))}${data.model?.synthetic ? ` <span class="badge badge-synthetic badge-small">${esc(t("attract.synthetic"))}</span>` : ""}</p>`;
}

/** The section's inner HTML for `view`: {status: "loading" | "ok" | "error", data, industry}. */
export function renderAttractiveness(view) {
  const industry = view?.data?.industry?.key || view?.industry || "";
  const head = `<div class="attract-head"><h3>${esc(t("attract.title"))}</h3>${methodLink(industry)}</div>`;
  if (!view || view.status === "loading") {
    return `${head}<div class="attract-card is-loading" aria-busy="true"><span class="spinner" aria-hidden="true"></span>${esc(t("attract.loading"))}</div>`;
  }
  if (view.status === "error") {
    return `${head}<p class="attract-message" data-testid="attract-error">${esc(t("attract.error", { detail: view.detail }))}</p>`;
  }
  return `${head}<div class="attract-card">${industrySelect(industry)}${body(view.data)}</div>`;
}

/** The empty section the panel template places; filled by updateAttractiveness(). */
export function attractivenessSection(view) {
  return `<section class="attract" data-testid="panel-attractiveness" aria-live="polite">${renderAttractiveness(view)}</section>`;
}

/** Redraw only the attractiveness section of the open panel. */
export function updateAttractiveness(panel, view) {
  const section = panel.querySelector("[data-testid=panel-attractiveness]");
  if (section) section.innerHTML = renderAttractiveness(view);
}
