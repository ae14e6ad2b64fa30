// The public map page. Everything shown comes from the same-origin JSON API; the template
// only passes the zone slug, the language and the static prefix as data-* attributes.
// When the key parcels are drawn, body[data-parcels-loaded] holds their count and
// window.zoneAtlas.ready resolves (the browser tests wait on both).
import { getJSON, setApiBase } from "./api.js";
import { addAxes, addBasemap, addBasemapLabels, offlineStyle } from "./basemap.js";
import { initialLang, lang, loadDictionaries, onLangChange, pick, setLang, t } from "./i18n.js";
import { wireMap } from "./interaction.js";
import {
  EMPTY, addEnterpriseLayers, addParcelLayers, addPoiLayer, colorParcels, selectParcel,
  setHeatWeight, setVisible,
} from "./layers.js";
import { renderLegend } from "./legend.js";
import { renderMessage, renderParcel } from "./panel.js";
import {
  initFilters, initTabs, renderCount, renderFilterOptions, renderOverview, renderTimeline,
} from "./sidebar.js";
import { labelPoint } from "./util.js";
import { setVocab } from "./vocab.js";

const body = document.body;
const $ = (selector) => document.querySelector(selector);
const config = {
  zone: body.dataset.zone || "",
  staticUrl: body.dataset.staticUrl || "/static",
  apiUrl: body.dataset.apiUrl || "/api",
  serverLang: body.dataset.lang || "zh",
};
const phone = window.matchMedia("(max-width: 760px)");
const canHover = window.matchMedia("(hover: hover) and (pointer: fine)");
const PARCEL_LAYERS = ["parcels-fill", "parcels-outline", "parcels-hover", "parcels-selected-halo",
  "parcels-selected"];

const state = {
  zone: null,
  total: 0,
  shown: 0,
  parcels: EMPTY,
  byCode: new Map(),
  filters: {},
  selected: null,
  colorBy: "status",
  layers: { parcels: true, enterprises: false, heat: false, pois: true },
  heatWeight: "output",
  collapsed: phone.matches,
  basemapOpen: false,
  basemap: { areas: [], axes: [], poiCategories: [] },
  enterprises: EMPTY,
  indicators: [],
  timeline: [],
};

let map = null;
let labels = null;
let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {}); // a failed start is shown on the page; avoid an unhandled rejection
window.zoneAtlas = { map: null, ready, state };

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
      mapInstance.fitBounds(state.zone.bbox, { padding: fitPadding() });
    });
    return this.container;
  }

  onRemove() {
    this.container.remove();
  }
}

function createMap(zone) {
  const [minx, miny, maxx, maxy] = zone.bbox;
  const dx = maxx - minx;
  const dy = maxy - miny;
  const instance = new maplibregl.Map({
    container: "map",
    style: offlineStyle(),
    bounds: zone.bbox,
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
  setVisible(map, "enterprise-heat", state.layers.heat);
  setVisible(map, "pois", state.layers.pois);
}

// ---------------------------------------------------------------- parcels and filters

async function setParcels(collection) {
  state.parcels = collection;
  state.byCode = new Map(collection.features.map((f) => [f.properties.code ?? f.id, f]));
  state.shown = collection.features.length;
  map.getSource("parcels").setData(collection);
  renderCount(document.querySelectorAll("[data-count]"), state.shown, state.total);
  $("[data-testid=filter-empty]").hidden = state.shown > 0;
  await waitIdle();
  body.dataset.parcelsLoaded = String(state.shown);
}

let filterRequest = null;

async function applyFilters(filters) {
  filterRequest?.abort();
  const request = new AbortController();
  filterRequest = request;
  state.filters = filters;
  const error = $("[data-testid=filter-error]");
  body.dataset.parcelsLoading = "true";
  try {
    const collection = await getJSON("/parcels", { zone: state.zone.slug, ...filters },
      { signal: request.signal });
    error.hidden = true;
    await setParcels(collection);
  } catch (err) {
    if (err.name === "AbortError") return;
    error.textContent = t("filter.error", { detail: err.detail || err.message });
    error.hidden = false;
  } finally {
    if (filterRequest === request) delete body.dataset.parcelsLoading;
  }
}

// ---------------------------------------------------------------- parcel panel

const panel = $("[data-testid=parcel-panel]");

function areaName(code) {
  const area = state.basemap.areas.find((a) => a.code === code);
  return area ? pick(area) : code || "";
}

function setUrlParam(name, value) {
  const url = new URL(location.href);
  if (value) url.searchParams.set(name, value);
  else url.searchParams.delete(name);
  history.replaceState(history.state, "", url);
}

function showPanel() {
  panel.classList.add("open");
  panel.setAttribute("aria-hidden", "false");
  panel.inert = false;
  body.classList.add("panel-open");
}

/** Pan so that the selected parcel is not hidden behind the bottom sheet or side panel. */
function keepVisible(feature) {
  const point = labelPoint(feature.geometry);
  if (!point) return;
  const box = map.getContainer().getBoundingClientRect();
  const { x, y } = map.project(point);
  if (phone.matches) {
    // The sheet may still be sliding in: use its final position, not its current one.
    const sheetTop = window.innerHeight - panel.offsetHeight - box.top;
    if (y > sheetTop - 24 || y < 0) map.panBy([0, y - Math.max(60, sheetTop / 2)], { duration: 350 });
    return;
  }
  const panelLeft = box.width - panel.offsetWidth - 24;
  if (x > panelLeft - 24) map.panBy([x - panelLeft / 2, 0], { duration: 350 });
}

async function openParcel(code, { fly = false } = {}) {
  state.selected = code;
  selectParcel(map, code);
  closeDrawer();
  showPanel();
  let feature = state.byCode.get(code);
  if (!feature) {
    renderMessage(panel, t("panel.loading"));
    try {
      feature = await getJSON(`/parcels/${encodeURIComponent(code)}`, { zone: state.zone.slug });
    } catch (err) {
      if (state.selected === code) {
        renderMessage(panel, err.status === 404 ? t("panel.not_found", { code })
          : t("app.load_error", { detail: err.detail || err.message }));
      }
      return;
    }
    if (state.selected !== code) return;
  }
  state.selectedFeature = feature;
  renderParcel(panel, feature.properties, { areaName });
  panel.querySelector(".panel-body").scrollTop = 0;
  setUrlParam("parcel", code);
  body.dataset.selectedParcel = code;
  if (fly) {
    const point = labelPoint(feature.geometry);
    if (point) map.jumpTo({ center: point, zoom: Math.max(map.getZoom(), 14) });
  }
  requestAnimationFrame(() => keepVisible(feature));
}

function closePanel() {
  if (!state.selected && !panel.classList.contains("open")) return;
  state.selected = null;
  state.selectedFeature = null;
  selectParcel(map, null);
  panel.classList.remove("open");
  panel.setAttribute("aria-hidden", "true");
  panel.inert = true;
  body.classList.remove("panel-open");
  delete body.dataset.selectedParcel;
  setUrlParam("parcel", null);
}

panel.addEventListener("click", async (event) => {
  const action = event.target.closest("[data-action]")?.dataset.action;
  if (action === "close-panel") closePanel();
  if (action === "copy-link") {
    const label = event.target.closest("button").querySelector("span");
    try {
      await navigator.clipboard.writeText(location.href);
      label.textContent = t("panel.copied");
    } catch {
      label.textContent = location.href;
    }
  }
});

// ---------------------------------------------------------------- legend, drawer, header

const legend = $("[data-testid=legend]");

function drawLegend() {
  renderLegend(legend, state, state.basemap, (change) => {
    if ("collapse" in change) state.collapsed = change.collapse;
    if (change.colorBy) {
      state.colorBy = change.colorBy;
      colorParcels(map, state.colorBy);
    }
    if (change.heatWeight) {
      state.heatWeight = change.heatWeight;
      setHeatWeight(map, state.heatWeight, state.enterprises);
    }
    if (change.layer) {
      state.layers[change.layer] = change.visible;
      applyLayerVisibility();
    }
    drawLegend();
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
  const notice = $("[data-testid=notice]");
  const text = pick(state.zone, "notice");
  notice.hidden = !text;
  for (const node of notice.querySelectorAll("[data-notice-text]")) node.textContent = text;
  const open = notice.classList.contains("open");
  notice.querySelector(".notice-full").hidden = !open;
  notice.querySelector("[data-notice-more]").textContent = t(open ? "notice.less" : "notice.more");
}

function renderAll() {
  renderChrome();
  renderFilterOptions($("[data-testid=filters]"), state.basemap.areas);
  renderCount(document.querySelectorAll("[data-count]"), state.shown, state.total);
  renderOverview($("#tab-overview"), state.indicators);
  renderTimeline($("#tab-timeline"), state.timeline);
  if (map) {
    drawLegend();
    labels?.refresh();
    localizeControls();
    if (state.selectedFeature) renderParcel(panel, state.selectedFeature.properties, { areaName });
  }
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
  const parcels = getJSON("/parcels", params);
  const enterprises = getJSON("/enterprises", params);
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
  const drawn = addBasemap(map, basemap);
  state.basemap.areas = drawn.areas;
  state.basemap.axes = drawn.axes;
  addParcelLayers(map);
  colorParcels(map, state.colorBy);
  state.enterprises = await enterprises;
  addEnterpriseLayers(map, state.enterprises);
  setHeatWeight(map, state.heatWeight, state.enterprises);
  addAxes(map);
  const poiData = await pois;
  state.basemap.poiCategories = [...new Set(poiData.features.map((f) => f.properties.category))].sort();
  addPoiLayer(map, poiData);
  labels = addBasemapLabels(map, drawn);
  applyLayerVisibility();
  wireMap(map, {
    parcel: (code) => state.byCode.get(code),
    openParcel,
    closePanel,
    hover: canHover.matches,
  });
  renderAll();

  const all = await parcels;
  state.total = all.features.length;
  await setParcels(all);
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
