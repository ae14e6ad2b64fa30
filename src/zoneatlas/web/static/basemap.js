// The offline basemap: a style with no remote source, glyphs or sprite, drawn only from the
// zone's own layers (/api/basemap). Symbol layers would need glyph PBFs, which do not exist
// offline, so the few names on the basemap (functional areas, development axes) are HTML
// markers instead; they follow the language switch.
import { pick } from "./i18n.js";
import { esc, labelPoint, lineMidpoint } from "./util.js";

export const COLORS = {
  background: "#e9ece6",
  zone: "#f8f8f4",
  boundary: "#4b5563",
  water: "#aad3ee",
  waterLine: "#7fb8e0",
  park: "#cfe6c0",
  road: "#ffffff",
  roadCasing: "#cfd3d8",
};

const AXIS_COLORS = ["#c2410c", "#6d28d9", "#0f766e"];

/** A MapLibre style with only a background: every other layer is added from local data. */
export function offlineStyle() {
  return {
    version: 8,
    name: "zoneatlas-offline",
    sources: {},
    layers: [{ id: "background", type: "background", paint: { "background-color": COLORS.background } }],
  };
}

const isLayer = (name) => ["==", ["get", "layer"], name];
const isPolygon = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
const isLine = ["in", ["geometry-type"], ["literal", ["LineString", "MultiLineString"]]];
const byZoom = (low, high) => ["interpolate", ["exponential", 1.5], ["zoom"], 11, low, 17, high];
const roadWidth = (trunk, main, secondary) =>
  ["match", ["get", "kind"], "trunk", trunk, "main", main, secondary];

/** Add the basemap source and layers; return the functional areas and axes for the legend. */
export function addBasemap(map, collection) {
  const axes = [];
  const areas = [];
  for (const feature of collection.features) {
    const p = feature.properties || {};
    if (p.layer === "axis") {
      p.axis_color = AXIS_COLORS[axes.length % AXIS_COLORS.length];
      axes.push({ ...p, geometry: feature.geometry, color: p.axis_color });
    } else if (p.layer === "functional_area") {
      areas.push({ ...p, geometry: feature.geometry, color: p.color || "#64748b" });
    }
  }
  map.addSource("basemap", { type: "geojson", data: collection });
  const add = (layer) => map.addLayer({ source: "basemap", ...layer });
  add({ id: "zone-fill", type: "fill", filter: ["all", isLayer("boundary"), isPolygon],
    paint: { "fill-color": COLORS.zone } });
  add({ id: "park-fill", type: "fill", filter: ["all", isLayer("park"), isPolygon],
    paint: { "fill-color": COLORS.park } });
  add({ id: "water-fill", type: "fill", filter: ["all", isLayer("water"), isPolygon],
    paint: { "fill-color": COLORS.water, "fill-outline-color": COLORS.waterLine } });
  add({ id: "water-line", type: "line", filter: ["all", isLayer("water"), isLine],
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": COLORS.water, "line-width": byZoom(2, 10) } });
  add({ id: "area-fill", type: "fill", filter: ["all", isLayer("functional_area"), isPolygon],
    paint: { "fill-color": ["coalesce", ["get", "color"], "#64748b"], "fill-opacity": 0.1 } });
  add({ id: "road-casing", type: "line", filter: ["all", isLayer("road"), isLine],
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": COLORS.roadCasing,
      "line-width": byZoom(roadWidth(3.2, 2.2, 1.2), roadWidth(20, 14, 8)) } });
  add({ id: "road", type: "line", filter: ["all", isLayer("road"), isLine],
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": COLORS.road,
      "line-width": byZoom(roadWidth(2, 1.3, 0.6), roadWidth(17, 11.5, 6)) } });
  add({ id: "area-outline", type: "line", filter: ["all", isLayer("functional_area")],
    layout: { "line-join": "round" },
    paint: { "line-color": ["coalesce", ["get", "color"], "#64748b"], "line-width": 1.6,
      "line-opacity": 0.8, "line-dasharray": [3, 2] } });
  add({ id: "boundary-line", type: "line", filter: ["all", isLayer("boundary")],
    layout: { "line-join": "round" },
    paint: { "line-color": COLORS.boundary, "line-width": 2, "line-dasharray": [4, 2] } });
  return { areas, axes };
}

/** The development axes go above the parcels so they stay readable; call after parcels. */
export function addAxes(map) {
  const axisFilter = ["all", isLayer("axis"), isLine];
  map.addLayer({ id: "axis-casing", type: "line", source: "basemap", filter: axisFilter,
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": "#ffffff", "line-opacity": 0.85, "line-width": byZoom(6, 14) } });
  map.addLayer({ id: "axis", type: "line", source: "basemap", filter: axisFilter,
    layout: { "line-cap": "butt", "line-join": "round" },
    paint: { "line-color": ["coalesce", ["get", "axis_color"], AXIS_COLORS[0]],
      "line-width": byZoom(3.5, 9), "line-opacity": 0.9, "line-dasharray": [2, 1.2] } });
}

/** HTML labels for the functional areas and axes; `refresh()` re-reads the language. */
export function addBasemapLabels(map, { areas, axes }) {
  const labels = [];
  const make = (record, point, kind) => {
    if (!point) return;
    const node = document.createElement("div");
    node.className = `map-label ${kind}-label`;
    node.style.setProperty("--label-color", record.color);
    node.setAttribute("aria-hidden", "true");
    const marker = new maplibregl.Marker({ element: node, anchor: "center" }).setLngLat(point).addTo(map);
    labels.push({ record, node, marker });
  };
  for (const area of areas) make(area, labelPoint(area.geometry), "area");
  // Parallel axes would put their labels side by side at mid-length; stagger them along.
  axes.forEach((axis, i) => {
    const at = axes.length > 1 ? 0.38 + (0.24 * i) / (axes.length - 1) : 0.5;
    make(axis, lineMidpoint(axis.geometry, at), "axis");
  });
  // Hide a label that would overlap one placed before it (areas come before axes), so a
  // phone at low zoom shows fewer names rather than a pile of them.
  const declutter = () => {
    const placed = [];
    for (const { node } of labels) {
      node.style.visibility = "";
      const box = node.firstElementChild?.getBoundingClientRect();
      if (!box) continue;
      const hit = placed.some((b) => box.left < b.right && box.right > b.left &&
        box.top < b.bottom && box.bottom > b.top);
      if (hit) node.style.visibility = "hidden";
      else placed.push(box);
    }
  };
  map.on("moveend", declutter);
  const refresh = () => {
    for (const { record, node } of labels) node.innerHTML = `<span>${esc(pick(record))}</span>`;
    declutter();
  };
  refresh();
  return { refresh, labels };
}
