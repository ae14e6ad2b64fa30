// The parcel panel's behaviour: open a parcel (its full record and, alongside, its land price
// estimate, attractiveness, contact and policies), keep it in view beside the panel or above
// the bottom sheet, close it, and redraw it in a new language. What it shows is drawn by
// panel.js, valuation.js, attractiveness-panel.js and investor-panel.js; its buttons open
// the inquiry form and fill the compare tray.
import { getJSON } from "./api.js";
import { loadAttractiveness, preferredIndustry, updateAttractiveness } from "./attractiveness-panel.js";
import { toMap } from "./basemap.js";
import { t } from "./i18n.js";
import { openInquiry } from "./inquiry.js";
import { loadInvestorInfo, updateActions, updateInvestor } from "./investor-panel.js";
import { savedProject } from "./project.js";
import { onTrayChange, toggleInTray } from "./tray.js";
import { selectParcel } from "./layers.js";
import { renderMessage, renderParcel, updateValuation } from "./panel.js";
import { labelPoint } from "./util.js";

function setUrlParam(name, value) {
  const url = new URL(location.href);
  if (value) url.searchParams.set(name, value);
  else url.searchParams.delete(name);
  history.replaceState(history.state, "", url);
}

/**
 * Wire the panel element `panel`. `state` is the page state (zone, selected,
 * selectedFeature, valuation, correctionsOpen, attract: the attractiveness view,
 * attractChoice: the industry the reader picked in it); `map()` returns the map; `phone` is the
 * phone media query; `areaName(code)` names a functional area; `beforeOpen()` runs first
 * on every open (the page closes its drawer). Returns {open(code, {fly}), close(), redraw()}.
 */
export function createParcelPanel(panel, { state, map, phone, areaName, beforeOpen }) {
  const body = document.body;
  let request = null;
  let attractRequest = null;

  function show() {
    panel.classList.add("open");
    panel.setAttribute("aria-hidden", "false");
    panel.inert = false;
    body.classList.add("panel-open");
  }

  /** Pan so that the selected parcel is not hidden behind the bottom sheet or side panel. */
  function keepVisible(feature) {
    const point = labelPoint(toMap(feature.geometry));
    if (!point) return;
    const box = map().getContainer().getBoundingClientRect();
    const { x, y } = map().project(point);
    if (phone.matches) {
      // The sheet may still be sliding in: use its final position, not its current one.
      const sheetTop = window.innerHeight - panel.offsetHeight - box.top;
      if (y > sheetTop - 24 || y < 0) map().panBy([0, y - Math.max(60, sheetTop / 2)], { duration: 350 });
      return;
    }
    const panelLeft = box.width - panel.offsetWidth - 24;
    if (x > panelLeft - 24) map().panBy([x - panelLeft / 2, 0], { duration: 350 });
  }

  function redraw() {
    if (!state.selectedFeature) return;
    renderParcel(panel, state.selectedFeature.properties, {
      areaName, valuation: state.valuation, correctionsOpen: state.correctionsOpen,
      attractiveness: state.attract });
    updateInvestor(panel, state.selectedFeature.properties, state.investor);
  }

  /** Show the contact and the policies once they arrive. */
  async function showInvestor(code, pending) {
    const info = await pending;
    if (state.selected !== code || info.contact.status === "aborted") return;
    state.investor = info;
    updateInvestor(panel, state.selectedFeature.properties, info);
  }

  /** Show the attractiveness once it arrives (or why there is none). */
  async function showAttractiveness(code, pending) {
    const view = await pending;
    if (state.selected !== code || view.status === "aborted") return;
    state.attract = view;
    updateAttractiveness(panel, view);
  }

  /** Score the open parcel for another industry (the reader's choice in the section). */
  function rescore(industry) {
    const code = state.selected;
    if (!code) return;
    attractRequest?.abort();
    attractRequest = new AbortController();
    state.attractChoice = industry || null;
    state.attract = { status: "loading", industry };
    updateAttractiveness(panel, state.attract);
    showAttractiveness(code, loadAttractiveness(code, state.zone.slug, preferredIndustry(state.attractChoice),
      attractRequest.signal));
  }

  /** Show the land price estimate once it arrives (or why there is none). */
  async function showValuation(code, pending) {
    let view;
    try {
      view = { status: "ok", data: await pending };
    } catch (err) {
      if (err.name === "AbortError") return;
      view = { status: "error", httpStatus: err.status, detail: err.detail || err.message };
    }
    if (state.selected !== code) return;
    state.valuation = view;
    updateValuation(panel, view, { correctionsOpen: state.correctionsOpen });
  }

  /**
   * Open the panel for parcel `code`: its full record from /api/parcels/{code} (the tiles
   * carry only some properties) and its estimate from /api/parcels/{code}/valuation.
   */
  async function open(code, { fly = false } = {}) {
    request?.abort();
    attractRequest?.abort();
    const mine = new AbortController();
    request = mine;
    attractRequest = mine;
    state.selected = code;
    selectParcel(map(), code);
    beforeOpen();
    const switching = panel.classList.contains("open") && state.selectedFeature;
    show();
    // Switching parcels keeps the old one (dimmed) until the new one is in, without a jump.
    if (switching) panel.classList.add("is-busy");
    else renderMessage(panel, t("panel.loading"));
    const path = `/parcels/${encodeURIComponent(code)}`;
    const params = { zone: state.zone.slug };
    const valuation = getJSON(`${path}/valuation`, params, { signal: mine.signal });
    valuation.catch(() => {}); // handled in showValuation; the parcel may fail first
    const investor = loadInvestorInfo(code, state.zone.slug, mine.signal);
    const industry = preferredIndustry(state.attractChoice);
    const attract = loadAttractiveness(code, state.zone.slug, industry, mine.signal);
    let feature;
    try {
      feature = await getJSON(path, params, { signal: mine.signal });
    } catch (err) {
      if (err.name === "AbortError" || state.selected !== code) return;
      panel.classList.remove("is-busy");
      state.selectedFeature = null;
      renderMessage(panel, err.status === 404 ? t("panel.not_found", { code })
        : t("app.load_error", { detail: err.detail || err.message }));
      return;
    }
    if (state.selected !== code) return;
    panel.classList.remove("is-busy");
    state.selectedFeature = feature;
    state.valuation = { status: "loading" };
    state.investor = null;
    state.correctionsOpen = false;
    state.attract = { status: "loading", industry };
    redraw();
    showValuation(code, valuation);
    showInvestor(code, investor);
    showAttractiveness(code, attract);
    panel.querySelector(".panel-body").scrollTop = 0;
    setUrlParam("parcel", code);
    body.dataset.selectedParcel = code;
    if (fly) {
      const point = labelPoint(toMap(feature.geometry));
      if (point) map().jumpTo({ center: point, zoom: Math.max(map().getZoom(), 14) });
    }
    requestAnimationFrame(() => keepVisible(feature));
  }

  function close() {
    if (!state.selected && !panel.classList.contains("open")) return;
    request?.abort();
    attractRequest?.abort();
    state.selected = null;
    state.selectedFeature = null;
    state.valuation = null;
    state.investor = null;
    state.attract = null;
    panel.classList.remove("is-busy");
    selectParcel(map(), null);
    panel.classList.remove("open");
    panel.setAttribute("aria-hidden", "true");
    panel.inert = true;
    body.classList.remove("panel-open");
    delete body.dataset.selectedParcel;
    setUrlParam("parcel", null);
  }

  // <details> toggle events do not bubble: listen in the capture phase.
  panel.addEventListener("toggle", (event) => {
    if (event.target.matches?.("[data-testid=valuation-corrections]")) {
      state.correctionsOpen = event.target.open;
    }
  }, true);

  panel.addEventListener("change", (event) => {
    if (event.target.matches("[data-attract-industry]")) rescore(event.target.value);
  });

  panel.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "close-panel") close();
    if (action === "inquire" && state.selected) {
      const project = savedProject();
      openInquiry({ parcels: [state.selected], industry: project.industry,
        investment_wan: project.investment_wan, zone: state.zone.slug });
    }
    if (action === "compare" && state.selected) {
      const { full } = toggleInTray(state.selected);
      if (full) updateActions(panel, state.selected, t("tray.full", { max: 4 }));
    }
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

  onTrayChange(() => {
    if (state.selected && state.selectedFeature) updateActions(panel, state.selected);
  });

  return { open, close, redraw };
}
