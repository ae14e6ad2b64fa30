// Map interaction: clicks on POIs, enterprises, parcels, land grade areas and heat
// hexagons; hover highlight on desktop.
import { gradePopup } from "./grades.js";
import { lang, num, onLangChange, t } from "./i18n.js";
import { pointPopup } from "./popups.js";
import { esc } from "./util.js";
import { termName } from "./vocab.js";

// Pixels around a click within which a POI or enterprise symbol counts as hit (before parcels).
const POINT_TOLERANCE = 4;

/**
 * Clicks and hover on the map. A click opens a popup for a POI or enterprise symbol near it,
 * else the parcel panel for the parcel under it, else closes the panel (and, with the land
 * grade layer on, shows the grade area's popup; with the hexagon layer on, `hexPopup(feature,
 * lngLat)` makes the cell's). With a mouse, hovering a parcel highlights
 * it (feature state on the vector tiles) and shows a one-line tooltip from the tile's
 * properties.
 */
export function wireMap(map, { openParcel, closePanel, hover, hexPopup }) {
  const visible = (id) => map.getLayer(id) && map.getLayoutProperty(id, "visibility") !== "none";
  let popup = null;
  const closePopup = () => {
    popup?.remove();
    popup = null;
  };
  onLangChange(closePopup);
  map.on("click", (event) => {
    const { x, y } = event.point;
    const r = POINT_TOLERANCE;
    const box = [[x - r, y - r], [x + r, y + r]];
    const [poi] = visible("pois") ? map.queryRenderedFeatures(box, { layers: ["pois"] }) : [];
    const [firm] = !poi && visible("enterprises")
      ? map.queryRenderedFeatures(box, { layers: ["enterprises"] }) : [];
    closePopup();
    if (poi || firm) {
      popup = pointPopup(poi ? "poi" : "enterprise", poi || firm).addTo(map);
      return;
    }
    const [parcel] = visible("parcels-fill")
      ? map.queryRenderedFeatures(event.point, { layers: ["parcels-fill"] }) : [];
    if (parcel) {
      openParcel(parcel.properties.code);
      return;
    }
    closePanel();
    const [grade] = visible("land-grades-fill")
      ? map.queryRenderedFeatures(event.point, { layers: ["land-grades-fill"] }) : [];
    if (grade) {
      popup = gradePopup(grade, event.lngLat).addTo(map);
      return;
    }
    const [cell] = hexPopup && visible("heat-hex")
      ? map.queryRenderedFeatures(event.point, { layers: ["heat-hex"] }) : [];
    if (cell) popup = hexPopup(cell, event.lngLat).addTo(map);
  });

  if (!hover) return;
  let hoveredId = null;
  const tip = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: "hover-tip",
    offset: 14, maxWidth: "280px" });
  const target = (id) => ({ source: "parcels", sourceLayer: "parcels", id });
  const clearHover = () => {
    if (hoveredId !== null) map.setFeatureState(target(hoveredId), { hover: false });
    hoveredId = null;
    tip.remove();
    map.getCanvas().style.cursor = "";
  };
  map.on("mousemove", (event) => {
    const { x, y } = event.point;
    const box = [[x - 4, y - 4], [x + 4, y + 4]];
    const pointLayers = ["pois", "enterprises"].filter(visible);
    const overPoint = pointLayers.length && map.queryRenderedFeatures(box, { layers: pointLayers }).length;
    const [parcel] = !overPoint && visible("parcels-fill")
      ? map.queryRenderedFeatures(event.point, { layers: ["parcels-fill"] }) : [];
    if (!parcel) {
      clearHover();
      if (overPoint) map.getCanvas().style.cursor = "pointer";
      return;
    }
    const id = parcel.properties.code;
    if (id !== hoveredId) {
      clearHover();
      hoveredId = id;
      map.setFeatureState(target(id), { hover: true });
    }
    map.getCanvas().style.cursor = "pointer";
    const p = parcel.properties;
    const name = lang() === "en" ? p.name_en || p.name_zh : p.name_zh;
    const facts = [termName("land_use", p.land_use), termName("status", p.status),
      `${num(p.area_mu ?? p.area_m2 / (10000 / 15), 1)} ${t("unit.mu")}`];
    tip.setLngLat(event.lngLat)
      .setHTML(`<strong>${esc(p.code)}</strong> ${esc(name)}<br><span>${esc(facts.join(" · "))}</span>`)
      .addTo(map);
  });
  map.getCanvas().addEventListener("mouseleave", clearHover);
}
