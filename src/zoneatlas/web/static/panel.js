// The parcel panel: a side panel on wide screens, a bottom sheet on phones (app.css decides).
// It shows the planning conditions of one parcel, its land price estimate, its
// attractiveness (attractiveness-panel.js), the investor's actions, contact and policies
// (investor-panel.js) in the current language.
import { attractivenessSection } from "./attractiveness-panel.js";
import { lang, num, numShort, t } from "./i18n.js";
import { investorSections, renderActions } from "./investor-panel.js";
import { term, termColor, termName } from "./vocab.js";
import { esc } from "./util.js";
import { renderValuation } from "./valuation.js";

const CLOSE_ICON = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
const LINK_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';

const present = (v) => v !== null && v !== undefined && v !== "";

function row(key, value, testid) {
  const id = testid ? ` data-testid="${testid}"` : "";
  return `<div class="kv"${id}><dt>${esc(t(key))}</dt><dd>${value}</dd></div>`;
}

function far(p) {
  if (!present(p.far_min) && !present(p.far_max)) return esc(t("value.none"));
  if (!present(p.far_min)) return esc(`≤ ${numShort(p.far_max)}`);
  if (!present(p.far_max) || p.far_min === p.far_max) return esc(numShort(p.far_min ?? p.far_max));
  return esc(t("value.far", { min: numShort(p.far_min), max: numShort(p.far_max) }));
}

function maybe(value, key, decimals = 1) {
  return present(value) ? esc(t(key, { v: numShort(value, decimals) })) : esc(t("value.none"));
}

function landUse(p) {
  const found = term("land_use", p.land_use);
  const name = esc(termName("land_use", p.land_use));
  const code = found?.code ? ` <span class="muted">${esc(t("value.gb_code", { code: found.code }))}</span>` : "";
  return `<span class="swatch" style="--c:${esc(found?.color || "#9aa3ad")}"></span>${name}${code}`;
}

function areaValue(p) {
  const mu = present(p.area_mu) ? p.area_mu : Number(p.area_m2) / (10000 / 15);
  return esc(t("value.area", { m2: num(p.area_m2, 0), mu: num(mu, 1) }));
}

function industries(list) {
  const keys = Array.isArray(list) ? list : String(list || "").split(";").filter(Boolean);
  if (!keys.length) return esc(t("value.none"));
  return `<ul class="chips">${keys.map((k) => `<li class="chip" style="--c:${esc(termColor("industry", k))}">${esc(termName("industry", k))}</li>`).join("")}</ul>`;
}

function price(p) {
  if (!present(p.start_price_yuan_m2)) {
    return `<div class="price-card is-empty" data-testid="panel-price"><span>${esc(t("field.price"))}</span><strong>${esc(t("value.not_listed"))}</strong></div>`;
  }
  return `<div class="price-card" data-testid="panel-price"><span>${esc(t("field.price"))}</span><strong>${esc(t("value.price", { v: num(p.start_price_yuan_m2, 0) }))}</strong></div>`;
}

/**
 * Render the panel for parcel properties `p`; `areaName(code)` names a functional area;
 * `valuation` is the estimate's view state (see valuation.js), `correctionsOpen` whether its
 * corrections list is expanded, `attractiveness` the attractiveness section's view state.
 */
export function renderParcel(container, p, { areaName, valuation, correctionsOpen = false, attractiveness = null }) {
  const statusColor = termColor("status", p.status);
  const name = lang() === "en" ? p.name_en || p.name_zh : p.name_zh || p.name_en;
  const synthetic = p.synthetic
    ? `<span class="badge badge-synthetic" data-testid="synthetic-badge">${esc(t("badge.synthetic"))}</span>` : "";
  container.innerHTML = `
    <header class="panel-head">
      <div class="sheet-grip" aria-hidden="true"></div>
      <div class="panel-heading">
        <p class="panel-code" data-testid="panel-code">${esc(p.code)}</p>
        <h2 class="panel-name" id="parcel-panel-title">${esc(name)}</h2>
        <div class="badges">
          <span class="badge badge-status" style="--c:${esc(statusColor)}" data-testid="panel-status">${esc(termName("status", p.status))}</span>
          ${synthetic}
        </div>
      </div>
      <button type="button" class="icon-btn" data-action="close-panel" data-testid="panel-close" aria-label="${esc(t("panel.close"))}">${CLOSE_ICON}</button>
    </header>
    <div class="panel-body">
      ${renderActions(p.code)}
      ${price(p)}
      <section class="valuation" data-testid="panel-valuation" aria-live="polite">
        ${renderValuation(valuation, { open: correctionsOpen })}
      </section>
      ${attractivenessSection(attractiveness)}
      <section>
        <h3>${esc(t("panel.land"))}</h3>
        <dl>
          ${row("field.code", `<span class="mono">${esc(p.code)}</span>`)}
          ${row("field.functional_area", esc(areaName(p.functional_area) || t("value.none")))}
          ${row("field.land_use", landUse(p), "panel-land-use")}
          ${row("field.area", areaValue(p), "panel-area")}
          ${row("field.lease", maybe(p.lease_years, "value.years", 0))}
          ${row("field.development_level", esc(p.development_level ? termName("development_level", p.development_level) : t("value.none")))}
          ${row("field.status", `<span class="swatch" style="--c:${esc(statusColor)}"></span>${esc(termName("status", p.status))}`)}
        </dl>
      </section>
      <section>
        <h3>${esc(t("panel.planning"))}</h3>
        <dl>
          ${row("field.far", far(p), "panel-far")}
          ${row("field.density", maybe(p.density_max_pct, "value.at_most_pct"))}
          ${row("field.green", maybe(p.green_min_pct, "value.at_least_pct"))}
          ${row("field.height", maybe(p.height_max_m, "value.at_most_m"))}
        </dl>
      </section>
      <section>
        <h3>${esc(t("field.industries"))}</h3>
        ${industries(p.industries)}
      </section>
      ${investorSections()}
      <section class="provenance">
        <h3>${esc(t("panel.provenance"))}</h3>
        <dl>
          ${row("field.source", esc(p.source || t("value.none")))}
          ${row("field.updated", esc(p.updated || t("value.none")))}
        </dl>
        ${p.synthetic ? `<p class="note">${esc(t("panel.synthetic_note"))}</p>` : ""}
      </section>
      <button type="button" class="btn btn-quiet" data-action="copy-link">${LINK_ICON}<span>${esc(t("panel.share"))}</span></button>
    </div>`;
}

export function renderMessage(container, message) {
  container.innerHTML = `
    <header class="panel-head">
      <div class="sheet-grip" aria-hidden="true"></div>
      <p class="panel-message">${esc(message)}</p>
      <button type="button" class="icon-btn" data-action="close-panel" data-testid="panel-close" aria-label="${esc(t("panel.close"))}">${CLOSE_ICON}</button>
    </header>`;
}

/** Replace only the estimate section, keeping the panel's scroll position. */
export function updateValuation(container, valuation, { correctionsOpen = false } = {}) {
  const section = container.querySelector("[data-testid=panel-valuation]");
  if (section) section.innerHTML = renderValuation(valuation, { open: correctionsOpen });
}
