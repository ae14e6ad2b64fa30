// The legend card on the map: the heat layer switcher (heat-legend.js), how parcels are
// coloured (a status / land-use switch), the layer toggles (parcels, enterprises, land
// grades, POIs) and what every colour and symbol means.
import { pick, t } from "./i18n.js";
import { COLORS } from "./basemap.js";
import { gradeLegend } from "./grades.js";
import { heatEvent, heatMini, heatSection } from "./heat-legend.js";
import { POI_COLORS, poiIcon } from "./layers.js";
import { termName, terms } from "./vocab.js";
import { esc } from "./util.js";

const CHEVRON = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M6 15l6-6 6 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>';

const iconUrls = new Map();
function iconUrl(category) {
  if (!iconUrls.has(category)) iconUrls.set(category, poiIcon(category).toDataURL());
  return iconUrls.get(category);
}

function swatchList(items, kind = "fill") {
  return `<ul class="legend-list">${items.map(({ color, label, html }) => `
    <li>${html || `<span class="legend-swatch legend-${kind}" style="--c:${esc(color)}"></span>`}<span>${esc(label)}</span></li>`).join("")}</ul>`;
}

function toggle(id, label, checked) {
  return `<label class="switch" data-testid="layer-${id}">
    <input type="checkbox" data-layer="${id}" ${checked ? "checked" : ""}>
    <span class="switch-track" aria-hidden="true"></span><span class="switch-label">${esc(label)}</span>
  </label>`;
}

/**
 * Render the legend into `root` from `state` ({colorBy, layers, collapsed, heat, heatView,
 * grades: the land grade properties or null, gradesError}) and `basemap` ({areas, axes,
 * poiCategories, online, shifted}); `on` gets {colorBy, layer, collapse} or {heat: change}
 * (see heat-legend.js heatEvent). The opacity slider does not redraw the legend (a redraw
 * would end the drag): its label is updated here.
 */
export function renderLegend(root, state, basemap, on) {
  const classes = terms(state.colorBy).map((term) => ({
    color: term.color, label: termName(state.colorBy, term.key) }));
  const industries = terms("industry").map((term) => ({
    color: term.color, label: termName("industry", term.key) }));
  const pois = basemap.poiCategories.map((category) => ({
    label: t(`poi.${category in POI_COLORS ? category : "other"}`),
    html: `<img class="legend-icon" src="${iconUrl(category)}" alt="">`,
  }));
  const base = [
    ...basemap.areas.map((a) => ({ color: a.color, label: pick(a), html: `<span class="legend-swatch legend-area" style="--c:${esc(a.color)}"></span>` })),
    ...basemap.axes.map((a) => ({ color: a.color, label: pick(a), html: `<span class="legend-swatch legend-axis" style="--c:${esc(a.color)}"></span>` })),
    // Over an online basemap our water, parks and roads are hidden: the tiles show them.
    ...(basemap.online ? [] : [
      { color: COLORS.water, label: t("legend.water") },
      { color: COLORS.park, label: t("legend.park") },
      { label: t("legend.road"), html: '<span class="legend-swatch legend-road"></span>' },
    ]),
    { label: t("legend.boundary"), html: '<span class="legend-swatch legend-boundary"></span>' },
  ];
  const { layers } = state;
  root.classList.toggle("collapsed", state.collapsed);
  root.innerHTML = `
    <button type="button" class="legend-head" data-action="collapse" aria-expanded="${!state.collapsed}" data-testid="legend-toggle">
      <span>${esc(t("legend.title"))}</span>${CHEVRON}
    </button>
    ${state.collapsed ? heatMini(state.heat, state.heatView) : ""}
    <div class="legend-body">
      ${heatSection(state.heat, state.heatView, { offsetNote: basemap.shifted })}
      <div class="legend-section">
        <p class="legend-label" id="color-by-label">${esc(t("legend.color_by"))}</p>
        <div class="segmented" role="group" aria-labelledby="color-by-label">
          <button type="button" data-color-by="status" data-testid="color-by-status" aria-pressed="${state.colorBy === "status"}">${esc(t("legend.by_status"))}</button>
          <button type="button" data-color-by="land_use" data-testid="color-by-land-use" aria-pressed="${state.colorBy === "land_use"}">${esc(t("legend.by_land_use"))}</button>
        </div>
        ${swatchList(classes)}
      </div>
      <div class="legend-section">
        <p class="legend-label">${esc(t("legend.layers"))}</p>
        ${toggle("parcels", t("layer.parcels"), layers.parcels)}
        ${toggle("enterprises", t("layer.enterprises"), layers.enterprises)}
        ${toggle("grades", t("layer.grades"), layers.grades)}
        ${toggle("pois", t("layer.pois"), layers.pois)}
      </div>
      ${layers.grades ? `
        <div class="legend-section">
          <p class="legend-label">${esc(t("legend.grades"))}</p>
          ${gradeLegend(state.grades, state.gradesError)}
        </div>` : ""}
      ${layers.enterprises ? `
        <div class="legend-section">
          <p class="legend-label">${esc(t("legend.industries"))}</p>
          ${swatchList(industries, "dot")}
        </div>` : ""}
      <details class="legend-section legend-basemap" ${state.basemapOpen ? "open" : ""}>
        <summary class="legend-label">${esc(t("legend.basemap"))}</summary>
        ${swatchList(base)}
        ${layers.pois && pois.length ? `
          <p class="legend-label legend-sublabel">${esc(t("legend.pois"))}</p>
          ${swatchList(pois)}` : ""}
      </details>
    </div>`;
  root.onclick = (event) => {
    const target = event.target.closest("button");
    if (!target) return;
    const heat = heatEvent(event);
    if (heat) on({ heat });
    else if (target.dataset.action === "collapse") on({ collapse: !state.collapsed });
    else if (target.dataset.colorBy) on({ colorBy: target.dataset.colorBy });
  };
  root.onchange = (event) => {
    const input = event.target;
    const heat = heatEvent(event);
    if (heat) on({ heat });
    else if (input.dataset.layer) on({ layer: input.dataset.layer, visible: input.checked });
  };
  root.oninput = (event) => {
    const heat = heatEvent(event);
    if (!heat) return;
    const label = root.querySelector("[data-heat-opacity-value]");
    if (label) label.textContent = `${Math.round(heat.opacity * 100)}%`;
    on({ heat, redraw: false });
  };
  const details = root.querySelector("details");
  details.ontoggle = () => { state.basemapOpen = details.open; };
}
