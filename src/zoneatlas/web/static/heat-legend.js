// The legend's heat section: the heat layer switcher (a radio group), the active layer's
// options (industry, land use, index, statistic, cell size), its colour scale with units
// and an opacity slider. The map side is heat-layers.js; app.js keeps the state.
import { lang, num, numShort, t } from "./i18n.js";
import { gradeName } from "./grades.js";
import {
  ATTRACT_LAYERS, HEAT_MODES, HEAT_RADIUS_M, HEX_RESOLUTIONS, HEX_STATS, PRICE_USES,
} from "./heat-layers.js";
import { esc } from "./util.js";
import { termName, terms } from "./vocab.js";

const unitOf = (legend) => (lang() === "en" ? legend.unit_en : legend.unit_zh) || "";

/** A scale value, short: 36.5, 1,190, 28万 / 280K (a legend tick, not a figure to quote). */
export function compact(value) {
  if (!Number.isFinite(value)) return t("value.none");
  if (Math.abs(value) < 10000) return numShort(value, Math.abs(value) < 100 ? 1 : 0);
  return new Intl.NumberFormat(lang() === "en" ? "en-GB" : "zh-CN",
    { notation: "compact", maximumSignificantDigits: 2 }).format(value);
}

function select(name, testid, label, options, value) {
  return `<label class="heat-field">
      <span>${esc(label)}</span>
      <select data-heat-option="${name}" data-testid="${testid}">
        ${options.map(([key, text]) => `<option value="${esc(key)}" ${String(key) === String(value) ? "selected" : ""}>${esc(text)}</option>`).join("")}
      </select>
    </label>`;
}

function industryOptions(withAll) {
  const list = terms("industry").map((term) => [term.key, termName("industry", term.key)]);
  return withAll ? [["", t("heat.all_industries")], ...list] : list;
}

function options(heat) {
  switch (heat.mode) {
    case "density":
    case "output":
      return select("industry", "heat-industry", t("heat.industry"), industryOptions(true), heat.industry);
    case "landprice":
      return select("priceUse", "heat-use", t("heat.use"),
        PRICE_USES.map((use) => [use, t(`heat.use_${use}`)]), heat.priceUse);
    case "attractiveness":
      return `${select("attractIndustry", "heat-attract-industry", t("heat.industry"), industryOptions(false), heat.attractIndustry)}
        <div class="segmented segmented-small heat-index" role="group" aria-label="${esc(t("heat.index"))}" data-testid="heat-attract-layer">
          ${ATTRACT_LAYERS.map((layer) => `<button type="button" data-attract-layer="${layer}" aria-pressed="${heat.attractLayer === layer}">${esc(t(`heat.${layer}`))}</button>`).join("")}
        </div>`;
    case "hexagons":
      return `${select("hexStat", "heat-hex-stat", t("heat.stat"),
        Object.keys(HEX_STATS).map((key) => [key, t(`heat.stat_${key}`)]), heat.hexStat)}
        ${select("hexRes", "heat-hex-res", t("heat.res"),
          Object.entries(HEX_RESOLUTIONS).map(([res, km2]) => [res, t("heat.res_option", { km2: numShort(km2, 3) })]), heat.hexRes)}
        ${select("industry", "heat-industry", t("heat.industry"), industryOptions(true), heat.industry)}`;
    default:
      return "";
  }
}

function ramp({ legend }) {
  const colors = legend.colors || [];
  const gradient = colors.map((c, i) => `${c} ${((i / Math.max(1, colors.length - 1)) * 100).toFixed(1)}%`);
  return `<div class="heat-ramp" style="background: linear-gradient(90deg, ${esc(gradient.join(", "))})" aria-hidden="true"></div>
    <div class="heat-ticks">${(legend.breaks || []).map((b) => `<span>${esc(compact(b))}</span>`).join("")}</div>`;
}

function classList(items) {
  return `<ul class="heat-classes">${items.map(({ color, label, value }) => `<li>
      <span class="legend-swatch" style="--c:${esc(color)}"></span><span>${esc(label)}</span>
      ${value ? `<span class="heat-class-value">${esc(value)}</span>` : ""}
    </li>`).join("")}</ul>`;
}

function priceClasses(view, heat) {
  const { prices, colors } = view;
  // The same stops as the map's fill (heat-layers.js priceColor): one colour per price.
  const colorOf = (price) => (prices.length < 2 ? colors[2]
    : colors[Math.round((prices.indexOf(price) / (prices.length - 1)) * (colors.length - 1))]);
  const rows = view.grades
    .filter((g) => Number.isFinite(Number(g[`price_${heat.priceUse}`])))
    .sort((a, b) => b[`price_${heat.priceUse}`] - a[`price_${heat.priceUse}`])
    .map((g) => ({ color: colorOf(Number(g[`price_${heat.priceUse}`])), label: gradeName(g.grade),
      value: num(g[`price_${heat.priceUse}`], 0) }));
  return classList(rows);
}

/** Class labels: a value equal to a break is in the lower class, so whole counts read
 * "≤ 2", "3", "4 – 5" and other values "≤ 2.5", "2.5 – 3.1". */
function hexClasses(view) {
  const { breaks, colors, integers } = view;
  return classList(breaks.map((to, i) => {
    let from = i === 0 ? null : breaks[i - 1];
    if (from !== null && integers) from = Math.floor(from) + 1;
    let label;
    if (from === null) label = t("heat.class_upto", { to: compact(to) });
    else if (integers && from >= to) label = compact(to);
    else label = t("heat.class_range", { from: compact(from), to: compact(to) });
    return { color: colors[i], label };
  }));
}

function industryName(key) {
  return key ? termName("industry", key) : t("heat.all_industries");
}

/** The title, unit and note of the active layer's scale. */
function describe(view, heat) {
  const firms = view.legend?.points;
  switch (heat.mode) {
    case "density":
    case "output":
      return { unit: unitOf(view.legend),
        note: t(`heat.note_${heat.mode}`, { radius: HEAT_RADIUS_M, n: num(firms, 0) }) };
    case "attractiveness":
      return { unit: unitOf(view.legend),
        note: t(`heat.note_${heat.attractLayer}`, { industry: industryName(heat.attractIndustry) }) };
    case "landprice":
      return { unit: t("heat.unit_yuan_m2"),
        note: t("heat.note_price", { use: t(`heat.use_${heat.priceUse}`),
          date: view.grades?.[0]?.base_date || t("value.none") }) };
    default:
      return { unit: t(HEX_STATS[heat.hexStat]?.unit || "heat.unit_firms_cell"),
        note: t("heat.note_hex", { res: heat.hexRes, km2: numShort(HEX_RESOLUTIONS[heat.hexRes], 3),
          n: num(view.cells, 0) }) };
  }
}

function scale(view, heat, offsetNote) {
  if (!view || view.mode !== heat.mode) {
    return `<p class="legend-note heat-status" data-testid="heat-legend" aria-busy="true">${esc(t("heat.loading"))}</p>`;
  }
  if (view.status === "error") {
    return `<p class="legend-note heat-status is-error" data-testid="heat-legend">${esc(t("heat.error", { detail: view.detail }))}</p>`;
  }
  const { unit, note } = describe(view, heat);
  const body = view.kind === "ramp" ? ramp(view)
    : view.kind === "price" ? priceClasses(view, heat) : hexClasses(view);
  const method = heat.mode === "attractiveness"
    ? ` <a href="/attractiveness/method?lang=${lang()}&amp;industry=${esc(heat.attractIndustry)}" data-testid="heat-method">${esc(t("heat.method"))}</a>` : "";
  const shifted = offsetNote && heat.mode !== "landprice" && heat.mode !== "hexagons"
    && heat.mode !== "attractiveness" ? `<p class="legend-note">${esc(t("heat.offset_note"))}</p>` : "";
  return `<div class="heat-scale" data-testid="heat-legend">
      <p class="heat-unit">${esc(t(`heat.mode_${heat.mode}`))}<span data-testid="heat-unit">${esc(unit)}</span></p>
      ${body}
      <p class="legend-note">${esc(note)}${method}</p>
      ${shifted}
    </div>`;
}

/** The active layer's scale alone (no options, no notes), for the collapsed legend. */
export function heatMini(heat, view) {
  if (heat.mode === "none" || !view || view.mode !== heat.mode || view.status !== "ok") return "";
  const { unit } = describe(view, heat);
  const body = view.kind === "ramp" ? ramp(view)
    : view.kind === "price" ? priceClasses(view, heat) : hexClasses(view);
  return `<div class="legend-mini heat-scale" data-testid="heat-legend-mini">
      <p class="heat-unit">${esc(t(`heat.mode_${heat.mode}`))}<span>${esc(unit)}</span></p>
      ${body}
    </div>`;
}

function opacity(heat) {
  const percent = Math.round(heat.opacity * 100);
  return `<label class="heat-opacity">
      <span>${esc(t("heat.opacity"))}</span>
      <input type="range" min="0" max="100" step="5" value="${percent}" data-heat-opacity data-testid="heat-opacity">
      <output data-heat-opacity-value>${percent}%</output>
    </label>`;
}

/**
 * The heat section's HTML for `heat` (the state, see heat-layers.js defaultHeat) and
 * `view` (what the layer's last load returned); `offsetNote`: the basemap is shifted
 * (GCJ-02) and heat tiles are not.
 */
export function heatSection(heat, view, { offsetNote = false } = {}) {
  const radios = HEAT_MODES.map((mode) => `<label class="heat-mode" data-testid="heat-mode-${mode}">
      <input type="radio" name="heat-mode" value="${mode}" data-heat-mode ${heat.mode === mode ? "checked" : ""}>
      <span>${esc(t(`heat.mode_${mode}`))}</span>
    </label>`).join("");
  const active = heat.mode !== "none";
  return `<div class="legend-section heat-section">
      <fieldset class="heat-modes" data-testid="layer-heat">
        <legend class="legend-label">${esc(t("heat.title"))}</legend>
        ${radios}
      </fieldset>
      ${active ? `<div class="heat-options">${options(heat)}</div>
        ${scale(view, heat, offsetNote)}
        ${opacity(heat)}` : ""}
    </div>`;
}

/** A tapped hexagon's popup: its value with the statistic's unit and its enterprises. */
export function hexPopup(feature, lngLat, heat) {
  const { value, count } = feature.properties;
  const stat = HEX_STATS[heat.hexStat] || HEX_STATS.count;
  const cell = t("heat.note_hex_short", { res: heat.hexRes, km2: numShort(HEX_RESOLUTIONS[heat.hexRes], 3) });
  const html = `<p class="popup-kicker">${esc(t("heat.mode_hexagons"))} · ${esc(t(`heat.stat_${heat.hexStat}`))}</p>
    <p class="popup-title" data-testid="hex-popup">${esc(`${num(value, 0)} ${t(stat.unit)}`)}</p>
    <p class="popup-note">${esc(t("heat.hex_popup", { count: num(count, 0) }))}${esc(cell)}</p>`;
  return new maplibregl.Popup({ className: "point-popup", maxWidth: "260px", offset: 6 })
    .setLngLat(lngLat)
    .setHTML(html);
}

/**
 * What a legend event asks of the heat: {mode}, {option, value}, {attractLayer} or
 * {opacity} (0..1), or null when the event is not the heat section's.
 */
export function heatEvent(event) {
  const target = event.target;
  if (event.type === "input") {
    return target.matches?.("[data-heat-opacity]") ? { opacity: Number(target.value) / 100 } : null;
  }
  if (event.type === "change") {
    if (target.matches?.("[data-heat-mode]")) return { mode: target.value };
    if (target.dataset?.heatOption) {
      const value = target.dataset.heatOption === "hexRes" ? Number(target.value) : target.value;
      return { option: target.dataset.heatOption, value };
    }
    return null;
  }
  const button = target.closest?.("[data-attract-layer]");
  return button ? { attractLayer: button.dataset.attractLayer } : null;
}
