// The site matching page (智能选址): the project form → POST /api/match → ranked result
// cards and near misses (match-cards.js). The form's values live in the URL (?industry=...),
// so a result list can be shared and comes back after "View on map" and the back button.
// A 422 is shown under the field it names. The compare tray (tray.js) is the sticky bar.
import { getJSON, postJSON, splitDetail } from "./api.js";
import { lang, num, pick, t } from "./i18n.js";
import { openInquiry, redrawInquiry } from "./inquiry.js";
import { compareButton, nearMissItem, resultCard } from "./match-cards.js";
import { showStartError, startPage } from "./page.js";
import { saveProject } from "./project.js";
import { onTrayChange, renderTrayBar, toggleInTray, TRAY_MAX, wireTrayBar } from "./tray.js";
import { esc } from "./util.js";
import { termName, terms } from "./vocab.js";

const M2_PER_MU = 10000 / 15;
const NUMBERS = ["area_min", "area_max", "far_min", "far_max", "budget_wan", "investment_wan",
  "annual_output_wan", "annual_tax_wan"];
const CHOICES = ["industry", "land_use", "functional_area"];
const $ = (selector) => document.querySelector(selector);
const form = $("[data-testid=match-form]");
const results = $("[data-testid=match-results]");
const tray = $("[data-testid=compare-tray]");

const state = { zone: null, areas: [], unit: "m2", result: null, request: null, notice: "" };

// ---------------------------------------------------------------- the form

function fillSelect(select, options) {
  const value = select.value;
  select.innerHTML = `<option value="">${esc(t("match.any"))}</option>` +
    options.map(([key, label]) => `<option value="${esc(key)}">${esc(label)}</option>`).join("");
  select.value = value;
}

function renderOptions() {
  fillSelect(form.elements.industry, terms("industry").map((x) => [x.key, termName("industry", x.key)]));
  fillSelect(form.elements.land_use, terms("land_use").map((x) => [x.key, termName("land_use", x.key)]));
  fillSelect(form.elements.functional_area, state.areas.map((a) => [a.code, pick(a)]));
}

function setUnit(unit, { convert = true } = {}) {
  if (unit === state.unit) return;
  if (convert) {
    for (const name of ["area_min", "area_max"]) {
      const input = form.elements[name];
      const value = parseFloat(input.value);
      if (Number.isNaN(value)) continue;
      const next = unit === "mu" ? value / M2_PER_MU : value * M2_PER_MU;
      input.value = String(Math.round(next * 10) / 10);
    }
  }
  state.unit = unit;
  renderUnit();
}

function renderUnit() {
  for (const button of form.querySelectorAll("[data-unit]")) {
    button.setAttribute("aria-pressed", String(button.dataset.unit === state.unit));
  }
  form.querySelector("[data-area-unit]").textContent = t(state.unit === "mu" ? "unit.mu" : "unit.m2");
  renderAreaHint();
}

/** "≈ 2.0 – 5.3 公顷 · 30 – 80 亩" under the area inputs, in the other unit. */
function renderAreaHint() {
  const hint = form.querySelector("[data-area-hint]");
  const values = ["area_min", "area_max"].map((name) => parseFloat(form.elements[name].value));
  if (values.every(Number.isNaN)) {
    hint.textContent = t("filter.area_mu_hint");
    return;
  }
  const m2 = values.map((v) => (Number.isNaN(v) ? null : state.unit === "mu" ? v * M2_PER_MU : v));
  const text = (list, fn) => list.map((v) => (v === null ? t("filter.no_limit") : fn(v))).join(" – ");
  hint.textContent = state.unit === "mu"
    ? t("match.area_hint_m2", { range: text(m2, (v) => num(v, 0)) })
    : t("match.area_hint_mu", { range: text(m2, (v) => num(v / M2_PER_MU, 1)) });
}

/** The form as the URL query it is kept in (also what fills it back). */
function formQuery() {
  const query = new URLSearchParams();
  for (const name of [...CHOICES, ...NUMBERS]) {
    const value = String(form.elements[name].value).trim();
    if (value) query.set(name, value);
  }
  if (state.unit === "mu") query.set("unit", "mu");
  return query;
}

function fillFromQuery(query) {
  setUnit(query.get("unit") === "mu" ? "mu" : "m2", { convert: false });
  let any = false;
  for (const name of [...CHOICES, ...NUMBERS]) {
    const value = query.get(name);
    if (value === null) continue;
    form.elements[name].value = value;
    any = true;
  }
  renderAreaHint();
  return any;
}

/** The POST /api/match body: the numbers given, the area in the chosen unit. */
function requestBody() {
  const body = { limit: 20, near_misses: 8 };
  for (const name of CHOICES) {
    const value = form.elements[name].value;
    if (value) body[name] = value;
  }
  for (const name of NUMBERS) {
    const text = String(form.elements[name].value).trim();
    if (!text) continue;
    const value = Number(text);
    const key = name.startsWith("area_") ? `${name}_${state.unit}` : name;
    body[key] = Number.isFinite(value) ? value : text; // the API names a bad value
  }
  return body;
}

function clearErrors() {
  for (const node of form.querySelectorAll("[data-error-for]")) {
    node.hidden = true;
    node.textContent = "";
  }
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  $("[data-testid=match-error]").hidden = true;
}

function fieldMessage(message) {
  if (/greater than or equal to 0|greater than 0/i.test(message)) return t("match.error_positive");
  if (/less than the minimum|greater than the maximum/i.test(message)) return t("match.error_order");
  const most = /less than or equal to ([\d.]+)/i.exec(message);
  if (most) return t("match.error_at_most", { v: most[1] });
  if (/valid number/i.test(message)) return t("match.error_number");
  return message;
}

function showErrors(detail, parameter) {
  let first = null;
  const general = [];
  for (const [field, message] of splitDetail(detail, parameter || "")) {
    const node = field && form.querySelector(`[data-error-for~="${CSS.escape(field)}"]`);
    if (!node) {
      general.push(message);
      continue;
    }
    node.textContent = fieldMessage(message);
    node.hidden = false;
    const input = form.elements[field.replace(/_(m2|mu)$/, "")] || form.elements[field];
    input?.setAttribute("aria-invalid", "true");
    first ??= input;
  }
  if (general.length) {
    const error = $("[data-testid=match-error]");
    error.textContent = t("match.error", { detail: general.join("; ") });
    error.hidden = false;
  }
  first?.focus();
}

// ---------------------------------------------------------------- results

function mapHref(code) {
  const url = new URL("/", location.origin);
  url.searchParams.set("parcel", code);
  url.searchParams.set("lang", lang());
  if (state.zone && state.zone.slug !== document.body.dataset.zone) url.searchParams.set("zone", state.zone.slug);
  return `${url.pathname}${url.search}`;
}

function projectFacts() {
  const facts = {};
  for (const name of ["industry", "investment_wan", "annual_output_wan", "annual_tax_wan"]) {
    const value = String(form.elements[name].value).trim();
    if (value) facts[name] = value;
  }
  return facts;
}

function renderResults() {
  const data = state.result;
  if (!data) return;
  const shown = data.results.length;
  const summary = shown
    ? t("match.summary", { searched: num(data.searched), candidates: num(data.candidates), shown: num(shown) })
    : t("match.no_results", { searched: num(data.searched) });
  const near = data.near_misses || [];
  results.innerHTML = `
    <header class="results-head">
      <h2>${esc(t("match.results"))}</h2>
      <p class="results-summary" data-testid="match-summary">${esc(summary)}</p>
      <p class="hint">${esc(t("match.date_note", { date: data.date }))}</p>
    </header>
    <p class="tray-notice" data-tray-notice role="status"${state.notice ? "" : " hidden"}>${esc(state.notice)}</p>
    <ol class="result-list">${data.results.map((r) => resultCard(r, mapHref)).join("")}</ol>
    ${near.length ? `<section class="near-misses" data-testid="near-misses">
      <h2>${esc(t("match.near_misses"))}</h2>
      <p class="hint">${esc(t("match.near_misses_hint"))}</p>
      <ul>${near.map((m) => nearMissItem(m, mapHref)).join("")}</ul>
    </section>` : ""}`;
}

async function runMatch({ scroll = true } = {}) {
  clearErrors();
  const body = requestBody();
  history.replaceState(history.state, "", `${location.pathname}?${withLang(formQuery())}`);
  saveProject(projectFacts());
  const submit = $("[data-testid=match-submit]");
  submit.disabled = true;
  results.setAttribute("aria-busy", "true");
  results.classList.add("is-busy");
  try {
    state.result = await postJSON("/match", body, { zone: state.zone.slug });
    state.notice = "";
    renderResults();
    renderTray();
    if (scroll && window.matchMedia("(max-width: 900px)").matches) {
      results.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  } catch (err) {
    if (err.status === 422) showErrors(err.detail, err.parameter);
    else showErrors(t("app.load_error", { detail: err.detail || err.message }), "");
  } finally {
    submit.disabled = false;
    results.setAttribute("aria-busy", "false");
    results.classList.remove("is-busy");
  }
}

function withLang(query) {
  const params = new URLSearchParams(location.search);
  if (params.get("lang")) query.set("lang", params.get("lang"));
  if (params.get("zone")) query.set("zone", params.get("zone"));
  return query.toString();
}

// ---------------------------------------------------------------- tray and actions

function renderTray() {
  renderTrayBar(tray, () => ({ ...projectFacts(), lang: lang() }));
  for (const button of results.querySelectorAll("[data-action=compare]")) {
    button.replaceWith(compareButton(button.dataset.code));
  }
}

function wireResults() {
  results.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const code = button.dataset.code;
    if (button.dataset.action === "compare") {
      const { full } = toggleInTray(code);
      state.notice = full ? t("tray.full", { max: TRAY_MAX }) : "";
      const notice = results.querySelector("[data-tray-notice]");
      notice.hidden = !state.notice;
      notice.textContent = state.notice;
    }
    if (button.dataset.action === "inquire") {
      const facts = projectFacts();
      openInquiry({ parcels: [code], industry: facts.industry, investment_wan: facts.investment_wan, zone: state.zone.slug });
    }
  });
}

// ---------------------------------------------------------------- start

function wireForm() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runMatch();
  });
  form.addEventListener("reset", () => setTimeout(() => {
    clearErrors();
    renderAreaHint();
  }));
  form.querySelector("[data-testid=area-unit]").addEventListener("click", (event) => {
    const button = event.target.closest("[data-unit]");
    if (button) setUnit(button.dataset.unit);
  });
  form.addEventListener("input", (event) => {
    if (event.target.name === "area_min" || event.target.name === "area_max") renderAreaHint();
    const error = form.querySelector(`[data-error-for~="${CSS.escape(event.target.name || "")}"]`);
    if (error) error.hidden = true;
  });
}

async function main() {
  const { zone } = await startPage({
    titleKey: "match.title",
    onLang: () => {
      renderOptions();
      renderUnit();
      renderResults();
      renderTray();
      redrawInquiry();
    },
  });
  state.zone = zone;
  const basemap = await getJSON("/basemap", { zone: zone.slug });
  state.areas = basemap.features
    .filter((f) => f.properties.layer === "functional_area")
    .map((f) => f.properties);
  renderOptions();
  wireForm();
  wireResults();
  wireTrayBar(tray);
  onTrayChange(renderTray);
  renderTray();
  const given = fillFromQuery(new URLSearchParams(location.search));
  renderUnit();
  document.body.dataset.ready = "true";
  if (given) await runMatch({ scroll: false });
}

main().catch((error) => showStartError(error, results));
