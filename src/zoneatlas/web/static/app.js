// The public map page. Everything shown comes from the same origin: parcels and enterprises
// as vector tiles (/tiles), the rest from the JSON API; the template only passes the zone
// slug, the language and the static prefix as data-* attributes. Filters are applied to the
// tiles on the client; the count and area come from /api/parcels/stats. When the key
// parcels are drawn, body[data-parcels-loaded] holds their count and window.zoneAtlas.ready
// resolves (the browser tests wait on both). The legend's heat layer switcher drives
// heat-layers.js; body[data-heat] names the heat layer once it is drawn. The basemap
// (offline by default, or online raster tiles, possibly GCJ-02) comes from
// <body data-basemap>; see basemap.js.
import { getJSON, setApiBase } from "./api.js";
import {
  addAxes, addBasemap, addBasemapLabels, basemapConfig, basemapStyle, displayOffset,
  isOnlineBasemap, parseBasemapConfig, setBasemapConfig, toMap, toMapBbox,
} from "./basemap.js";
import { GRADE_LAYERS, addGradeLayers } from "./grades.js";
import { createHeatLayers, defaultHeat, setHeatOpacity } from "./heat-layers.js";
import { hexPopup } from "./heat-legend.js";
import { initialLang, lang, loadDictionaries, onLangChange, pick, setLang, t } from "./i18n.js";
import { redrawInquiry } from "./inquiry.js";
import { wireMap } from "./interaction.js";
import {
  addEnterpriseLayers, addParcelLayers, addPoiLayer, colorParcels, dimParcels, filterParcels,
  setVisible,
} from "./layers.js";
import { renderLegend } from "./legend.js";
import { createParcelPanel } from "./parcel-panel.js";
import { savedProject } from "./project.js";
import {
  initFilters, initTabs, readFilters, renderCount, renderFilterOptions, renderOverview,
  renderTimeline,
} from "./sidebar.js";
import { setVocab } from "./vocab.js";

const body = document.body;
const $ = (selector) => document.querySelector(selector);
const config = {
  zone: body.dataset.zone || "",
  staticUrl: body.dataset.staticUrl || "/static",
  apiUrl: body.dataset.apiUrl || "/api",
  tilesUrl: body.dataset.tilesUrl || "/tiles",
  serverLang: body.dataset.lang || "zh",
};
setBasemapConfig(parseBasemapConfig(body.dataset.basemap));
const phone = window.matchMedia("(max-width: 760px)");
const canHover = window.matchMedia("(hover: hover) and (pointer: fine)");
const PARCEL_LAYERS = ["parcels-fill", "parcels-outline", "parcels-hover", "parcels-selected-halo",
  "parcels-selected"];

const state = {
  zone: null,
  total: 0,
  shown: 0,
  areaM2: null, // of the parcels shown, from /api/parcels/stats
  areaMu: null,
  filters: {},
  selected: null,
  selectedFeature: null,
  valuation: null, // the estimate's view state, see valuation.js
  investor: null, // the selected parcel's contact and policies, see investor-panel.js
  attract: null, // the selected parcel's attractiveness, see attractiveness-panel.js
  attractChoice: null, // the industry the reader chose in the panel's attractiveness section
  correctionsOpen: false,
  colorBy: "status",
  layers: { parcels: true, enterprises: false, grades: false, pois: true },
  heat: defaultHeat(savedProject().industry), // the heat layer chosen in the legend
  heatView: null, // what the heat layer's last load returned (its scale), see heat-layers.js
  grades: null, // land grade properties, once /api/land-grades has answered
  gradesError: null,
  collapsed: phone.matches,
  basemapOpen: false,
  basemap: { areas: [], axes: [], poiCategories: [], online: isOnlineBasemap(),
    shifted: displayOffset() !== "none" },
  indicators: [],
  timeline: [],
};

let map = null;
let labels = null;
let heatLayers = null;
let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {}); // a failed start is shown on the page; avoid an unhandled rejection
window.zoneAtlas = { map: null, ready, state, basemap: basemapConfig() };

// ---------------------------------------------------------------- map and layers

/** Map padding that keeps the zone clear of the legend and of an open side panel. */
function fitPadding() {
  if (phone.matches) return { top: 60, bottom: 56, left: 12, right: 56 };
  const right = body.classList.contains("panel-open") ? 420 : 64;
  const left = state.collapsed ? 48 : 290;
  return { top: 40, bottom: 40, left, right };
}

class FitZoneControl {
  onAdd(mapInstance) {
    this.container = document.createElement("div");
    this.container.className = "maplibregl-ctrl maplibregl-ctrl-group";
    this.container.innerHTML = '<button type="button" class="fit-zone" data-testid="fit-zone"><svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg></button>';
    this.container.firstChild.addEventListener("click", () => {
      mapInstance.fitBounds(toMapBbox(state.zone.bbox), { padding: fitPadding() });
    });
    return this.container;
  }

  onRemove() {
    this.container.remove();
  }
}

function createMap(zone) {
  const bbox = toMapBbox(zone.bbox);
  const [minx, miny, maxx, maxy] = bbox;
  const dx = maxx - minx;
  const dy = maxy - miny;
  const instance = new maplibregl.Map({
    container: "map",
    style: basemapStyle(),
    bounds: bbox,
    fitBoundsOptions: { padding: fitPadding() },
    maxBounds: [[minx - dx, miny - dy], [maxx + dx, maxy + dy]],
    maxZoom: 18,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  instance.touchZoomRotate.disableRotation();
  instance.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  instance.addControl(new FitZoneControl(), "top-right");
  instance.addControl(new maplibregl.ScaleControl({ unit: "metric", maxWidth: 90 }), "bottom-right");
  return instance;
}

function localizeControls() {
  const label = (selector, key) => {
    for (const node of document.querySelectorAll(selector)) {
      node.title = t(key);
      node.setAttribute("aria-label", t(key));
    }
  };
  label(".maplibregl-ctrl-zoom-in", "map.zoom_in");
  label(".maplibregl-ctrl-zoom-out", "map.zoom_out");
  label(".fit-zone", "app.fit_zone");
  map.getCanvas().setAttribute("aria-label", t("map.label"));
}

function waitIdle(timeoutMs = 8000) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    map.once("idle", () => {
      clearTimeout(timer);
      resolve();
    });
    map.triggerRepaint();
  });
}

function applyLayerVisibility() {
  for (const id of PARCEL_LAYERS) setVisible(map, id, state.layers.parcels);
  setVisible(map, "enterprises", state.layers.enterprises);
  for (const id of GRADE_LAYERS) setVisible(map, id, state.layers.grades);
  setVisible(map, "pois", state.layers.pois);
}

/** Absolute URL of a vector tile layer's TileJSON (MapLibre fetches it in a worker). */
function tileJsonUrl(layer) {
  const url = new URL(`${config.tilesUrl.replace(/\/$/, "")}/${layer}.json`, location.origin);
  url.searchParams.set("zone", state.zone.slug);
  return url.href;
}

/**
 * The source of a vector tile layer: its TileJSON URL, or, when our layers must be shifted
 * (a GCJ-02 basemap), the TileJSON read here with `offset=` added to every tile URL (the
 * server shifts the geometry) and its bounds shifted alike, so edge tiles are still asked for.
 */
async function vectorSource(layer) {
  const url = tileJsonUrl(layer);
  const offset = displayOffset();
  if (offset === "none") return { url };
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const tilejson = await response.json();
  // String concatenation, not URL(): the template's {z}/{x}/{y} must stay unescaped.
  const tiles = tilejson.tiles.map((tile) =>
    `${tile}${tile.includes("?") ? "&" : "?"}offset=${encodeURIComponent(offset)}`);
  const source = { tiles, minzoom: tilejson.minzoom, maxzoom: tilejson.maxzoom };
  if (tilejson.bounds) {
    const pad = 0.001; // degrees; the corner shift differs from an edge's by far less
    const [minx, miny, maxx, maxy] = toMapBbox(tilejson.bounds);
    source.bounds = [minx - pad, miny - pad, maxx + pad, maxy + pad];
  }
  return source;
}

let gradesRequest = null;

/**
 * Fetch the land grades the first time they are needed (the grade layer or the land price
 * surface) and add them under the parcels; resolves to the grades' properties.
 */
function ensureGrades() {
  if (state.grades) return Promise.resolve(state.grades);
  if (gradesRequest) return gradesRequest;
  state.gradesError = null;
  gradesRequest = getJSON("/land-grades", { zone: state.zone.slug })
    .then((collection) => {
      addGradeLayers(map, toMap(collection), { fillBefore: "road-casing", lineBefore: "parcels-fill" });
      state.grades = collection.features.map((f) => f.properties);
      return state.grades;
    })
    .catch((err) => {
      state.gradesError = err.detail || err.message;
      throw err;
    })
    .finally(() => {
      gradesRequest = null;
      applyLayerVisibility();
      drawLegend();
    });
  return gradesRequest;
}

// ---------------------------------------------------------------- heat layers

/** Draw the heat layer `state.heat` asks for, then its scale in the legend. */
async function applyHeat() {
  delete body.dataset.heat;
  const view = await heatLayers.show(state.heat);
  if (!view) return; // overtaken by a newer choice
  state.heatView = view;
  dimParcels(map, state.heat.mode !== "none");
  if (view.status === "ok") body.dataset.heat = state.heat.mode;
  drawLegend();
}

/** Apply a change from the legend's heat section (see heat-legend.js heatEvent). */
function changeHeat(change) {
  const heat = state.heat;
  if ("opacity" in change) {
    heat.opacity = change.opacity;
    setHeatOpacity(map, heat);
    return;
  }
  if (change.mode) {
    heat.mode = change.mode;
    state.heatView = null;
  }
  if (change.option) heat[change.option] = change.value;
  if (change.attractLayer) heat.attractLayer = change.attractLayer;
  applyHeat();
}

// ---------------------------------------------------------------- parcels and filters

/** Resolve once the parcel tiles in view are loaded and drawn (or after `timeoutMs`). */
async function parcelsDrawn(timeoutMs = 15000) {
  const deadline = performance.now() + timeoutMs;
  do {
    await waitIdle(Math.max(100, deadline - performance.now()));
  } while (!map.isSourceLoaded("parcels") && performance.now() < deadline);
}

function renderCounts() {
  renderCount(document.querySelectorAll("[data-count]"), state.shown, state.total,
    $("[data-testid=parcel-count-area]"), { m2: state.areaM2, mu: state.areaMu });
}

let filterRequest = null;

/**
 * Show the parcels matching `filters`: the stats endpoint validates them (a 422 names the
 * bad parameter, shown under the form) and counts; the tile layers get the same filter as
 * an expression. With `rethrow`, an error other than a 422 propagates (the first load).
 */
async function applyFilters(filters, { rethrow = false } = {}) {
  filterRequest?.abort();
  const request = new AbortController();
  filterRequest = request;
  const error = $("[data-testid=filter-error]");
  body.dataset.parcelsLoading = "true";
  try {
    const stats = await getJSON("/parcels/stats", { zone: state.zone.slug, ...filters },
      { signal: request.signal });
    error.hidden = true;
    state.filters = filters;
    filterParcels(map, filters);
    state.shown = stats.count;
    state.total = stats.total;
    state.areaM2 = stats.area_m2;
    state.areaMu = stats.area_mu;
    renderCounts();
    $("[data-testid=filter-empty]").hidden = state.shown > 0;
    await parcelsDrawn();
    if (filterRequest === request) body.dataset.parcelsLoaded = String(state.shown);
  } catch (err) {
    if (err.name === "AbortError") return;
    if (rethrow && err.status !== 422) throw err;
    error.textContent = t("filter.error", { detail: err.detail || err.message });
    error.hidden = false;
  } finally {
    if (filterRequest === request) delete body.dataset.parcelsLoading;
  }
}

// ---------------------------------------------------------------- parcel panel

const panel = $("[data-testid=parcel-panel]");
const parcelPanel = createParcelPanel(panel, {
  state,
  map: () => map,
  phone,
  areaName(code) {
    const area = state.basemap.areas.find((a) => a.code === code);
    return area ? pick(area) : code || "";
  },
  beforeOpen: () => closeDrawer(),
});
const openParcel = parcelPanel.open;
const closePanel = parcelPanel.close;

// ---------------------------------------------------------------- legend, drawer, header

const legend = $("[data-testid=legend]");

function drawLegend() {
  renderLegend(legend, state, state.basemap, (change) => {
    if ("collapse" in change) state.collapsed = change.collapse;
    if (change.colorBy) {
      state.colorBy = change.colorBy;
      colorParcels(map, state.colorBy);
    }
    if (change.heat) changeHeat(change.heat);
    if (change.layer) {
      state.layers[change.layer] = change.visible;
      if (change.layer === "grades" && change.visible) ensureGrades().catch(() => {});
      applyLayerVisibility();
    }
    if (change.redraw !== false) drawLegend();
  });
}

function openDrawer() {
  closePanel();
  body.classList.add("drawer-open");
  $("[data-testid=filters-toggle]").setAttribute("aria-expanded", "true");
}

function closeDrawer() {
  body.classList.remove("drawer-open");
  $("[data-testid=filters-toggle]").setAttribute("aria-expanded", "false");
}

function renderChrome() {
  const zoneName = pick(state.zone);
  $("[data-testid=zone-name]").textContent = zoneName;
  document.title = `${zoneName} · ${t("app.title")}`;
  for (const button of document.querySelectorAll("[data-testid=lang-switch] [data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang()));
  }
  renderAttribution();
  for (const link of document.querySelectorAll("[data-testid=nav-match], [data-testid=sidebar-match]")) {
    link.setAttribute("href", `/match?lang=${lang()}`);
  }
  const notice = $("[data-testid=notice]");
  const text = pick(state.zone, "notice");
  notice.hidden = !text;
  for (const node of notice.querySelectorAll("[data-notice-text]")) node.textContent = text;
  const open = notice.classList.contains("open");
  notice.querySelector(".notice-full").hidden = !open;
  notice.querySelector("[data-notice-more]").textContent = t(open ? "notice.less" : "notice.more");
}

/** "底图：© provider" and the online note, for an online basemap (the offline one is data-i18n). */
function renderAttribution() {
  if (!isOnlineBasemap()) return;
  const node = $("[data-testid=map-attribution] [data-attribution-text]");
  if (!node) return;
  const provider = basemapConfig().attribution || t("app.attribution_custom");
  node.textContent = t("app.attribution_online", { provider });
}

function renderAll() {
  renderChrome();
  renderFilterOptions($("[data-testid=filters]"), state.basemap.areas);
  renderCounts();
  renderOverview($("#tab-overview"), state.indicators);
  renderTimeline($("#tab-timeline"), state.timeline);
  if (map) {
    drawLegend();
    labels?.refresh();
    localizeControls();
    parcelPanel.redraw();
  }
  redrawInquiry();
}

function wireChrome() {
  $("[data-testid=lang-switch]").addEventListener("click", (event) => {
    const button = event.target.closest("[data-lang]");
    if (button && button.dataset.lang !== lang()) setLang(button.dataset.lang);
  });
  const notice = $("[data-testid=notice]");
  notice.querySelector("button").addEventListener("click", () => {
    const open = notice.classList.toggle("open");
    notice.querySelector("button").setAttribute("aria-expanded", String(open));
    renderChrome();
  });
  $("[data-testid=filters-toggle]").addEventListener("click", () =>
    body.classList.contains("drawer-open") ? closeDrawer() : openDrawer());
  $("[data-testid=map-count]").addEventListener("click", openDrawer);
  $("[data-action=close-drawer]").addEventListener("click", closeDrawer);
  $(".scrim").addEventListener("click", closeDrawer);
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (body.classList.contains("drawer-open")) closeDrawer();
    else closePanel();
  });
  initTabs($("[data-testid=sidebar-tabs]"));
  initFilters($("[data-testid=filters]"), applyFilters);
  onLangChange(renderAll);
}

function showFatal(error) {
  const overlay = $("[data-testid=map-status]");
  overlay.hidden = false;
  overlay.classList.add("is-error");
  overlay.querySelector("[data-status-text]").textContent =
    t("app.load_error", { detail: error.detail || error.message });
  const retry = overlay.querySelector("[data-action=retry]");
  retry.hidden = false;
  retry.onclick = () => location.reload();
}

// ---------------------------------------------------------------- start

async function main() {
  setApiBase(config.apiUrl);
  await loadDictionaries(`${config.staticUrl}/i18n.json`);
  setLang(initialLang(config.serverLang), { persist: false });
  $("[data-status-text]").textContent = t("app.loading");
  const [zones, vocab] = await Promise.all([getJSON("/zones"), getJSON("/vocab")]);
  setVocab(vocab);
  const slug = new URLSearchParams(location.search).get("zone") || config.zone;
  state.zone = zones.find((z) => z.slug === slug) || zones[0];
  if (!state.zone) throw new Error("no zone");
  const params = { zone: state.zone.slug };
  wireChrome();
  renderAll();

  const basemapData = getJSON("/basemap", params);
  const tileSources = Promise.all([vectorSource("parcels"), vectorSource("enterprises")]);
  tileSources.catch(() => {}); // awaited below, after the map has loaded
  const pois = getJSON("/pois", params);
  getJSON("/indicators", params).then((rows) => {
    state.indicators = rows;
    renderOverview($("#tab-overview"), rows);
  }).catch((err) => console.warn("indicators", err));
  getJSON("/timeline", params).then((rows) => {
    state.timeline = rows;
    renderTimeline($("#tab-timeline"), rows);
  }).catch((err) => console.warn("timeline", err));

  map = createMap(state.zone);
  window.zoneAtlas.map = map;
  await new Promise((resolve) => map.once("load", resolve));
  const basemap = await basemapData;
  const [parcelSource, enterpriseSource] = await tileSources;
  const drawn = addBasemap(map, toMap(basemap));
  state.basemap.areas = drawn.areas;
  state.basemap.axes = drawn.axes;
  addParcelLayers(map, parcelSource);
  colorParcels(map, state.colorBy);
  addEnterpriseLayers(map, enterpriseSource);
  heatLayers = createHeatLayers(map, { zone: () => state.zone, grades: ensureGrades });
  addAxes(map);
  const poiData = await pois;
  state.basemap.poiCategories = [...new Set(poiData.features.map((f) => f.properties.category))].sort();
  addPoiLayer(map, toMap(poiData));
  labels = addBasemapLabels(map, drawn);
  applyLayerVisibility();
  wireMap(map, { openParcel, closePanel, hover: canHover.matches,
    hexPopup: (feature, lngLat) => hexPopup(feature, lngLat, state.heat) });
  renderAll();

  await applyFilters(readFilters($("[data-testid=filters]")), { rethrow: true });
  $("[data-testid=map-status]").hidden = true;
  resolveReady(state.shown);
  const wanted = new URLSearchParams(location.search).get("parcel");
  if (wanted) openParcel(wanted, { fly: true });
}

main().catch((error) => {
  console.error(error);
  showFatal(error);
  rejectReady(error);
});
