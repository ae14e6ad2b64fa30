// The compare page: /compare?codes=A,B[,C,D] (plus optional project facts such as
// industry and investment_wan) → GET /api/compare with the same query → a side-by-side
// table of planning conditions, land cost, 标准地 indicators, policies and their value,
// distances to key places and the contact. On a phone the table scrolls inside its own
// container (the label column stays put); the page itself never scrolls sideways. Without
// codes the page takes the compare tray's.
import { apiUrl, getJSON } from "./api.js";
import { lang, num, numShort, t } from "./i18n.js";
import { contactCard, openInquiry, redrawInquiry } from "./inquiry.js";
import { areaText, bi, costText, farText, policyList, wan } from "./match-cards.js";
import { showStartError, startPage } from "./page.js";
import { projectFromQuery } from "./project.js";
import { removeFromTray, trayCodes } from "./tray.js";
import { esc } from "./util.js";
import { unitPrice } from "./valuation.js";
import { termName } from "./vocab.js";

const $ = (selector) => document.querySelector(selector);
const body = $("[data-testid=compare-body]");
const present = (v) => v !== null && v !== undefined && v !== "";
const state = { zone: null, codes: [], project: {}, data: null };

function codesFromUrl() {
  const value = new URLSearchParams(location.search).get("codes") || "";
  return [...new Set(value.split(",").map((c) => c.trim()).filter(Boolean))];
}

function query(extra = {}) {
  return { codes: state.codes.join(","), ...state.project, zone: state.zone?.slug, ...extra };
}

function pageUrl(codes) {
  const url = new URL(location.href);
  url.searchParams.set("codes", codes.join(","));
  return `${url.pathname}${url.search}`;
}

// ---------------------------------------------------------------- cells

function distance(metres) {
  if (!present(metres)) return t("value.none");
  return metres >= 1000 ? t("compare.km", { v: numShort(metres / 1000, 1) }) : t("compare.m", { v: num(metres, 0) });
}

function limit(value, key, decimals = 1) {
  return present(value) ? t(key, { v: numShort(value, decimals) }) : t("value.none");
}

/** A row: label, and per parcel {html} or {text, value} (value ranks the best cell). */
const ROWS = {
  site: [
    ["field.functional_area", (p) => ({ text: bi(p, "functional_area") || t("value.none") })],
    ["field.land_use", (p) => ({ text: bi(p, "land_use") })],
    ["field.status", (p) => ({ text: bi(p, "status") })],
    ["field.area", (p) => {
      const area = areaText(p);
      return { text: area.main, detail: area.detail, value: p.area_m2 };
    }],
    ["field.far", (p) => ({ text: farText(p) })],
    ["field.density", (p) => ({ text: limit(p.density_max_pct, "value.at_most_pct") })],
    ["field.green", (p) => ({ text: limit(p.green_min_pct, "value.at_least_pct") })],
    ["field.height", (p) => ({ text: limit(p.height_max_m, "value.at_most_m") })],
    ["field.lease", (p) => ({ text: limit(p.lease_years, "value.years", 0) })],
    ["field.development_level", (p) => ({ text: p.development_level ? termName("development_level", p.development_level) : t("value.none") })],
    ["valuation.grade", (p) => ({ text: p.grade ? t("grade.name", { grade: p.grade }) : t("value.none") })],
  ],
  cost: [
    ["field.price", (p) => ({ text: present(p.start_price_yuan_m2) ? t("value.price", { v: num(p.start_price_yuan_m2, 0) }) : t("value.not_listed") })],
    ["compare.unit_price", (p) => ({ text: present(p.land_cost?.unit_price_yuan_m2) ? unitPrice(p.land_cost.unit_price_yuan_m2) : t("value.none"), value: p.land_cost?.unit_price_yuan_m2, best: "low" })],
    ["match.land_cost", (p) => {
      const cost = costText(p.land_cost);
      return { text: cost.main, detail: cost.detail, value: p.land_cost?.total_wan, best: "low" };
    }],
  ],
  intensity: [
    ["intensity.investment_wan_per_mu", (p) => ({ text: limit(p.intensity?.investment_wan_per_mu, "compare.at_least_wan_mu", 0) })],
    ["intensity.tax_wan_per_mu", (p) => ({ text: limit(p.intensity?.tax_wan_per_mu, "compare.at_least_wan_mu", 0) })],
    ["intensity.output_wan_per_mu", (p) => ({ text: limit(p.intensity?.output_wan_per_mu, "compare.at_least_wan_mu", 0) })],
    ["intensity.energy_tce_per_wan", (p) => ({ text: limit(p.intensity?.energy_tce_per_wan, "compare.at_most_tce", 2) })],
  ],
  policies: [
    ["match.policy_total", (p) => ({ text: wan(p.policy_value_wan), value: p.policy_value_wan, best: "high" })],
    ["compare.policies", (p) => ({ html: policyList(p.policies || []) })],
  ],
  places: ["school", "hospital", "transit", "commercial"].map((kind) => [
    `compare.near_${kind}`,
    (p) => {
      const place = p.nearest?.[kind];
      return place ? { text: distance(place.distance_m), detail: bi(place, "name"), value: place.distance_m, best: "low" }
        : { text: t("value.none") };
    },
  ]),
  contact: [
    ["compare.contact", (p) => ({ node: p.contact ? contactCard(p.contact, { testid: "compare-contact", compact: true }) : null })],
  ],
};

const SECTIONS = [
  ["site", "panel.planning"],
  ["cost", "compare.section_cost"],
  ["intensity", "compare.section_intensity"],
  ["policies", "compare.section_policies"],
  ["places", "compare.section_places"],
  ["contact", "compare.section_contact"],
];

function bestIndex(cells) {
  const rule = cells.find((c) => c.best)?.best;
  const values = cells.map((c) => (present(c.value) ? Number(c.value) : null));
  const known = values.filter((v) => v !== null);
  if (!rule || known.length < 2 || new Set(known).size < 2) return -1;
  const target = rule === "low" ? Math.min(...known) : Math.max(...known);
  return values.indexOf(target);
}

function cellHtml(cell, best) {
  if (cell.html !== undefined) return `<td>${cell.html}</td>`;
  if (cell.node !== undefined) return `<td data-node></td>`;
  const badge = best ? ` <span class="best" title="${esc(t("compare.best"))}">${esc(t("compare.best"))}</span>` : "";
  return `<td${best ? ' class="is-best"' : ""}><strong>${esc(cell.text)}</strong>${badge}${cell.detail ? `<span class="cell-detail">${esc(cell.detail)}</span>` : ""}</td>`;
}

function headCell(p) {
  return `<th scope="col" data-testid="compare-parcel" data-code="${esc(p.code)}">
      <span class="mono">${esc(p.code)}</span>
      <span class="th-name">${esc(bi(p, "name"))}</span>
    </th>`;
}

function actionCell(p) {
  const mapUrl = `/?parcel=${encodeURIComponent(p.code)}&lang=${lang()}`;
  const brochure = `/parcels/${encodeURIComponent(p.code)}/brochure?lang=${lang()}`;
  return `<td><div class="cell-actions">
      <a class="btn btn-small" href="${esc(mapUrl)}">${esc(t("nav.map"))}</a>
      <a class="btn btn-small" href="${esc(brochure)}" data-testid="compare-brochure">${esc(t("brochure.link"))}</a>
      <button type="button" class="btn btn-small btn-primary" data-action="inquire" data-code="${esc(p.code)}" data-testid="compare-inquire">${esc(t("match.inquire"))}</button>
      ${state.codes.length > 2 ? `<button type="button" class="btn btn-small btn-quiet" data-action="drop" data-code="${esc(p.code)}">${esc(t("compare.remove"))}</button>` : ""}
    </div></td>`;
}

function renderTable() {
  const { parcels } = state.data;
  const rows = [];
  const nodes = [];
  for (const [section, titleKey] of SECTIONS) {
    if (section === "intensity" && !parcels.some((p) => p.intensity)) continue;
    rows.push(`<tr class="section-row"><th scope="rowgroup" colspan="${parcels.length + 1}">${esc(t(titleKey))}</th></tr>`);
    for (const [labelKey, cellOf] of ROWS[section]) {
      const cells = parcels.map(cellOf);
      const best = bestIndex(cells);
      cells.forEach((c, i) => c.node !== undefined && nodes.push([rows.length, i, c.node]));
      rows.push(`<tr><th scope="row">${esc(t(labelKey))}</th>${cells.map((c, i) => cellHtml(c, i === best)).join("")}</tr>`);
    }
  }
  rows.push(`<tr class="actions-row"><th scope="row"><span class="visually-hidden">${esc(t("compare.actions"))}</span></th>${parcels.map(actionCell).join("")}</tr>`);
  body.innerHTML = `
    <div class="table-scroll" role="region" tabindex="0" aria-label="${esc(t("compare.table_label"))}" data-testid="compare-scroll">
      <table class="compare-table cols-${parcels.length}" data-testid="compare-table">
        <thead><tr><th scope="col" class="corner">${esc(t("field.code"))}</th>${parcels.map(headCell).join("")}</tr></thead>
        <tbody>${rows.join("")}</tbody>
      </table>
    </div>
    <p class="hint compare-note">${esc(t("compare.note"))}</p>`;
  const bodyRows = body.querySelectorAll("tbody tr");
  for (const [row, column, node] of nodes) {
    const cell = bodyRows[row].querySelectorAll("td")[column];
    if (node) cell.append(node);
    else cell.textContent = t("value.none");
  }
}

function renderSummary() {
  const summary = $("[data-compare-summary]");
  if (!state.data) {
    summary.textContent = t("compare.intro");
    return;
  }
  const facts = [];
  if (state.project.industry) facts.push(termName("industry", state.project.industry));
  if (state.project.investment_wan) facts.push(t("compare.project_investment", { v: wan(state.project.investment_wan) }));
  const parts = [t("compare.summary", { n: state.data.parcels.length, date: state.data.date })];
  parts.push(facts.length ? t("compare.project", { facts: facts.join(lang() === "en" ? ", " : "，") }) : t("compare.no_project"));
  summary.textContent = parts.join(" · ");
}

function renderEmpty() {
  const tray = trayCodes();
  const ready = tray.length >= 2;
  body.innerHTML = `<div class="card empty-state" data-testid="compare-empty">
      <p>${esc(t("compare.empty"))}</p>
      <div class="form-actions">
        ${ready ? `<a class="btn btn-primary" href="${esc(pageUrl(tray))}">${esc(t("tray.compare", { n: tray.length }))}</a>` : ""}
        <a class="btn" href="/match?lang=${lang()}">${esc(t("nav.match"))}</a>
        <a class="btn" href="/?lang=${lang()}">${esc(t("nav.map"))}</a>
      </div>
    </div>`;
}

function render() {
  renderSummary();
  $("[data-compare-tools]").hidden = !state.data;
  if (!state.data) {
    renderEmpty();
    return;
  }
  const xlsx = apiUrl("/compare.xlsx", query());
  $("[data-testid=compare-export]").setAttribute("href", `${xlsx.pathname}${xlsx.search}`);
  renderTable();
}

async function load() {
  const error = $("[data-testid=compare-error]");
  error.hidden = true;
  state.data = null;
  if (state.codes.length < 2) {
    render();
    return;
  }
  body.setAttribute("aria-busy", "true");
  try {
    state.data = await getJSON("/compare", query());
  } catch (err) {
    error.textContent = t("compare.error", { detail: err.detail || err.message });
    error.hidden = false;
  } finally {
    body.removeAttribute("aria-busy");
  }
  render();
  document.body.dataset.compareLoaded = state.data ? state.data.codes.join(",") : "";
}

function wire() {
  body.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const code = button.dataset.code;
    if (button.dataset.action === "inquire") {
      openInquiry({ parcels: [code], industry: state.project.industry, investment_wan: state.project.investment_wan, zone: state.zone.slug });
    }
    if (button.dataset.action === "drop") {
      state.codes = state.codes.filter((c) => c !== code);
      removeFromTray(code);
      history.replaceState(history.state, "", pageUrl(state.codes));
      load();
    }
  });
  $("[data-testid=compare-share]").addEventListener("click", async (event) => {
    const label = event.currentTarget.querySelector("span");
    try {
      await navigator.clipboard.writeText(location.href);
      label.textContent = t("panel.copied");
    } catch {
      label.textContent = location.href;
    }
  });
}

async function main() {
  const { zone } = await startPage({
    titleKey: "compare.title",
    onLang: () => {
      render();
      redrawInquiry();
    },
  });
  state.zone = zone;
  state.project = projectFromQuery(location.search);
  state.codes = codesFromUrl();
  if (state.codes.length === 0 && trayCodes().length >= 2) {
    state.codes = trayCodes();
    history.replaceState(history.state, "", pageUrl(state.codes));
  }
  wire();
  await load();
}

main().catch((error) => showStartError(error, body));
