// The basemap. By default (kind "zone") it is offline: a style with no remote source, glyphs
// or sprite, drawn only from the zone's own layers (/api/basemap). Symbol layers would need
// glyph PBFs, which do not exist offline, so the few names on the basemap (functional areas,
// development axes) are HTML markers instead; they follow the language switch.
//
// An online basemap (tianditu, amap, osm, custom; the server renders the choice into
// <body data-basemap>) adds raster tiles right above the background and hides our own
// roads, water, parks and zone fill, which the tiles already show. Over a GCJ-02 basemap
// (Amap) everything we draw is shifted into GCJ-02 at this display edge: GeoJSON through
// toMap()/toMapPoint()/toMapBbox(), vector tiles by the server (?offset=gcj02).
import { bboxToGcj02, geojsonToGcj02, positionToGcj02 } from "./gcj02.js";
import { pick } from "./i18n.js";
import { esc, labelPoint, lineMidpoint } from "./util.js";

const KINDS = ["zone", "tianditu", "amap", "osm", "custom"];
const OFFSETS = ["none", "gcj02"];
const ZONE_BASEMAP = Object.freeze({ kind: "zone", layers: [], attribution: "", offset: "none" });
let current = ZONE_BASEMAP;

/**
 * Parse the basemap choice rendered into <body data-basemap> ({kind, layers: [[url, ...],
 * ...], attribution, offset}); anything missing or malformed means the offline basemap.
 */
export function parseBasemapConfig(text) {
  let value;
  try {
    value = JSON.parse(text || "null");
  } catch {
    return ZONE_BASEMAP;
  }
  if (!value || !KINDS.includes(value.kind) || value.kind === "zone") return ZONE_BASEMAP;
  const layers = (Array.isArray(value.layers) ? value.layers : [])
    .map((urls) => (Array.isArray(urls) ? urls.filter((u) => typeof u === "string" && u) : []))
    .filter((urls) => urls.length);
  return Object.freeze({
    kind: value.kind,
    layers,
    attribution: typeof value.attribution === "string" ? value.attribution : "",
    offset: OFFSETS.includes(value.offset) ? value.offset : "none",
  });
}

/** Use `config` (from parseBasemapConfig) for the style and the display offset. */
export function setBasemapConfig(config) {
  current = config || ZONE_BASEMAP;
}

export const basemapConfig = () => current;
export const isOnlineBasemap = () => current.kind !== "zone";
/** "none" or "gcj02": the coordinate system our layers must be drawn in. */
export const displayOffset = () => current.offset;

/** A GeoJSON object as it must reach MapLibre (shifted into GCJ-02 when the basemap is). */
export function toMap(geojson) {
  return current.offset === "gcj02" ? geojsonToGcj02(geojson) : geojson;
}

/** A [lon, lat] position as it must reach MapLibre. */
export function toMapPoint(position) {
  return current.offset === "gcj02" && position ? positionToGcj02(position) : position;
}

/** A [minx, miny, maxx, maxy] box as it must reach MapLibre. */
export function toMapBbox(bbox) {
  return current.offset === "gcj02" ? bboxToGcj02(bbox) : bbox;
}

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

/** Ids of the online basemap's raster layers (and sources), bottom to top. */
export const rasterLayerIds = () => current.layers.map((_, i) => `basemap-raster-${i}`);

/**
 * The style to start the map with: the offline style, plus (for an online basemap) one
 * raster source and layer per tile set, right above the background, bottom to top.
 */
export function basemapStyle() {
  const style = offlineStyle();
  if (!isOnlineBasemap()) return style;
  style.name = `zoneatlas-${current.kind}`;
  rasterLayerIds().forEach((id, i) => {
    style.sources[id] = { type: "raster", tiles: current.layers[i], tileSize: 256,
      attribution: current.attribution };
    style.layers.push({ id, type: "raster", source: id });
  });
  return style;
}

// Our own drawing of what an online basemap already shows; hidden over one.
const OFFLINE_ONLY = ["zone-fill", "park-fill", "water-fill", "water-line", "road-casing", "road"];

const isLayer = (name) => ["==", ["get", "layer"], name];
const isPolygon = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
const isLine = ["in", ["geometry-type"], ["literal", ["LineString", "MultiLineString"]]];
const byZoom = (low, high) => ["interpolate", ["exponential", 1.5], ["zoom"], 11, low, 17, high];
const roadWidth = (trunk, main, secondary) =>
  ["match", ["get", "kind"], "trunk", trunk, "main", main, secondary];

/**
 * Add the basemap source and layers; return the functional areas and axes for the legend.
 * `collection` must already be in the map's coordinates (see toMap()).
 */
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
  // The layers stay (others are placed relative to them), only hidden.
  if (isOnlineBasemap()) for (const id of OFFLINE_ONLY) map.setLayoutProperty(id, "visibility", "none");
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
