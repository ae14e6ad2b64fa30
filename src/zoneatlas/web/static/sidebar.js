// The side panel (a drawer on phones): parcel filters with the result count, the zone's
// indicators and its timeline, as three tabs.
import { num, numShort, pick, t } from "./i18n.js";
import { termName, terms } from "./vocab.js";
import { debounce, esc } from "./util.js";

const M2_PER_MU = 10000 / 15;
const SELECTS = { land_use: "land_use", status: "status", industry: "industry" };

export function initTabs(root) {
  const tabs = [...root.querySelectorAll('[role="tab"]')];
  const show = (tab) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
  };
  root.addEventListener("click", (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) show(tab);
  });
  root.addEventListener("keydown", (event) => {
    const index = tabs.indexOf(document.activeElement);
    if (index < 0 || !["ArrowLeft", "ArrowRight"].includes(event.key)) return;
    const next = tabs[(index + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    show(next);
  });
}

/** Fill the selects with the vocabulary names in the current language, keeping the values. */
export function renderFilterOptions(form, areas) {
  const fill = (select, options) => {
    const value = select.value;
    select.innerHTML = `<option value="">${esc(t("filter.all"))}</option>` +
      options.map(([key, label]) => `<option value="${esc(key)}">${esc(label)}</option>`).join("");
    select.value = value;
  };
  for (const [name, vocabulary] of Object.entries(SELECTS)) {
    fill(form.elements[name], terms(vocabulary).map((term) => [term.key, termName(vocabulary, term.key)]));
  }
  fill(form.elements.functional_area, areas.map((area) => [area.code, pick(area)]));
  renderAreaHint(form);
}

function renderAreaHint(form) {
  const min = parseFloat(form.elements.min_area_m2.value);
  const max = parseFloat(form.elements.max_area_m2.value);
  const hint = form.querySelector("[data-area-hint]");
  if (Number.isNaN(min) && Number.isNaN(max)) {
    hint.textContent = t("filter.area_mu_hint");
    return;
  }
  const mu = (value) => (Number.isNaN(value) ? t("filter.no_limit") : num(value / M2_PER_MU, 1));
  hint.textContent = t("filter.area_mu", { min: mu(min), max: mu(max) });
}

export function readFilters(form) {
  const data = new FormData(form);
  const filters = {};
  for (const [name, value] of data.entries()) {
    const text = String(value).trim();
    if (text) filters[name] = text;
  }
  return filters;
}

/** Call `onChange(filters)` when a select changes or (debounced) when an area is typed. */
export function initFilters(form, onChange) {
  const changed = () => onChange(readFilters(form));
  const typed = debounce(changed, 450);
  form.addEventListener("change", (event) => {
    if (event.target.type === "number") renderAreaHint(form);
    changed();
  });
  form.addEventListener("input", (event) => {
    if (event.target.type !== "number") return;
    renderAreaHint(form);
    typed();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    changed();
  });
  form.addEventListener("reset", () => setTimeout(() => {
    renderAreaHint(form);
    changed();
  }));
}

/**
 * "显示 N / total 个地块" into `nodes`; with `areaNode`, the total area of the parcels shown
 * ({m2, mu}) in hectares and mu.
 */
export function renderCount(nodes, shown, total, areaNode = null, area = {}) {
  for (const node of nodes) node.textContent = t("filter.count", { n: num(shown), total: num(total) });
  if (!areaNode) return;
  const known = area.m2 !== null && area.m2 !== undefined;
  areaNode.hidden = !known || shown === 0;
  if (!known) return;
  const mu = area.mu ?? area.m2 / M2_PER_MU;
  areaNode.textContent = t("filter.count_area", {
    ha: num(area.m2 / 10000, area.m2 >= 1e6 ? 0 : 1), mu: num(mu, 0) });
}

const ARROW_UP = "▲";
const ARROW_DOWN = "▼";

export function renderOverview(root, indicators) {
  if (!indicators.length) {
    root.innerHTML = `<p class="empty">${esc(t("overview.empty"))}</p>`;
    return;
  }
  const year = Math.max(...indicators.map((i) => i.year));
  const rows = indicators.filter((i) => i.year === year);
  const sources = [...new Set(rows.map((i) => i.source).filter(Boolean))];
  root.innerHTML = `
    <h2 class="section-title">${esc(t("overview.indicators", { year }))}</h2>
    <ul class="indicators" data-testid="indicators">
      ${rows.map((i) => {
        const yoy = i.yoy_pct === null || i.yoy_pct === undefined ? ""
          : `<span class="yoy ${i.yoy_pct >= 0 ? "up" : "down"}">${esc(t("overview.yoy"))} ${i.yoy_pct >= 0 ? ARROW_UP : ARROW_DOWN} ${esc(numShort(Math.abs(i.yoy_pct), 2))}%</span>`;
        return `<li class="indicator">
          <p class="indicator-name">${esc(pick(i))}${i.synthetic ? ` <span class="badge badge-synthetic badge-small">${esc(t("overview.illustrative"))}</span>` : ""}</p>
          <p class="indicator-value"><strong>${esc(numShort(i.value, 2))}</strong> <span>${esc(pick(i, "unit"))}</span></p>
          ${yoy}
        </li>`;
      }).join("")}
    </ul>
    ${sources.map((s) => `<p class="source">${esc(t("overview.source", { source: s }))}</p>`).join("")}`;
}

export function renderTimeline(root, events) {
  if (!events.length) {
    root.innerHTML = `<p class="empty">${esc(t("timeline.empty"))}</p>`;
    return;
  }
  const sorted = [...events].sort((a, b) => String(b.date).localeCompare(String(a.date)));
  root.innerHTML = `
    <h2 class="section-title">${esc(t("timeline.title"))}</h2>
    <ol class="timeline" data-testid="timeline">
      ${sorted.map((e) => `<li>
        <time datetime="${esc(e.date)}">${esc(e.date)}</time>
        <p class="timeline-title">${esc(pick(e, "title"))}</p>
        ${pick(e, "body") ? `<p class="timeline-body">${esc(pick(e, "body"))}</p>` : ""}
        ${e.source ? `<p class="source">${esc(t("overview.source", { source: e.source }))}</p>` : ""}
      </li>`).join("")}
    </ol>`;
}
