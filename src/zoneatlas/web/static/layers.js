// Thematic layers over the basemap: the key parcels (vector tiles, coloured by status or
// land use, filtered on the client), enterprises (vector tiles: circles by industry; their
// heat is drawn on the server, see heat-layers.js), and POIs (GeoJSON; canvas-drawn icons in a symbol layer: icon-only
// symbols need no glyphs, so this works offline).
import { colorExpression } from "./vocab.js";

export const EMPTY = { type: "FeatureCollection", features: [] };
const byZoom = (low, high) => ["interpolate", ["linear"], ["zoom"], 11, low, 17, high];
const hovered = ["boolean", ["feature-state", "hover"], false];
const NO_CODE = "\u0000";

/** A vector source spec from a TileJSON URL or from {url} / {tiles, minzoom, maxzoom, bounds}. */
const vectorSpec = (source) => ({ type: "vector", ...(typeof source === "string" ? { url: source } : source) });

/**
 * Parcels drawn from vector tiles: `source` is the TileJSON URL of the `parcels` layer (or a
 * source spec with `url` or `tiles`). The parcel code is promoted to the feature id, so
 * hover and selection can use feature state.
 */
export function addParcelLayers(map, source) {
  map.addSource("parcels", { ...vectorSpec(source), promoteId: { parcels: "code" } });
  const layer = (spec) => map.addLayer({ source: "parcels", "source-layer": "parcels", ...spec });
  layer({ id: "parcels-fill", type: "fill",
    paint: { "fill-color": "#9aa3ad", "fill-opacity": ["case", hovered, 0.95, 0.74] } });
  layer({ id: "parcels-outline", type: "line",
    paint: { "line-color": "#ffffff", "line-width": byZoom(0.5, 2), "line-opacity": 0.95 } });
  layer({ id: "parcels-hover", type: "line",
    paint: { "line-color": "#0f172a", "line-width": 2, "line-opacity": ["case", hovered, 1, 0] } });
  const none = ["==", ["get", "code"], NO_CODE];
  layer({ id: "parcels-selected-halo", type: "line", filter: none,
    layout: { "line-join": "round" }, paint: { "line-color": "#ffffff", "line-width": 6 } });
  layer({ id: "parcels-selected", type: "line", filter: none,
    layout: { "line-join": "round" }, paint: { "line-color": "#0f172a", "line-width": 2.5 } });
}

/**
 * The MapLibre filter expression matching the page's parcel filters (the same rules as the
 * API's: keys for land use, status and industry, a functional area code, areas in m² with
 * inclusive bounds). Industries travel in the tiles as ";key;key;", hence the substring test.
 */
export function parcelFilter(filters) {
  const all = ["all"];
  for (const name of ["land_use", "status", "functional_area"]) {
    if (filters[name]) all.push(["==", ["get", name], filters[name]]);
  }
  if (filters.industry) all.push(["in", `;${filters.industry};`, ["to-string", ["get", "industries"]]]);
  const area = ["to-number", ["get", "area_m2"], 0];
  if (filters.min_area_m2 !== undefined) all.push([">=", area, Number(filters.min_area_m2)]);
  if (filters.max_area_m2 !== undefined) all.push(["<=", area, Number(filters.max_area_m2)]);
  return all.length > 1 ? all : null;
}

/** Show only the parcels matching `filters` (the selection outline stays as it is). */
export function filterParcels(map, filters) {
  const expression = parcelFilter(filters);
  for (const id of ["parcels-fill", "parcels-outline", "parcels-hover"]) map.setFilter(id, expression);
}

/** Colour the parcels by `status` or `land_use`, with the vocabulary colours. */
export function colorParcels(map, colorBy) {
  map.setPaintProperty("parcels-fill", "fill-color", colorExpression(colorBy, colorBy));
}

export function selectParcel(map, code) {
  const filter = ["==", ["get", "code"], code ?? NO_CODE];
  map.setFilter("parcels-selected-halo", filter);
  map.setFilter("parcels-selected", filter);
}

/** Enterprises from vector tiles (`source`, as for parcels): circles by industry. */
export function addEnterpriseLayers(map, source) {
  map.addSource("enterprises", vectorSpec(source));
  map.addLayer({ id: "enterprises", type: "circle", source: "enterprises", "source-layer": "enterprises",
    layout: { visibility: "none" },
    paint: {
      "circle-color": colorExpression("industry", "industry"),
      "circle-radius": byZoom(
        ["case", ["boolean", ["get", "head_firm"], false], 3.8, 2.4],
        ["case", ["boolean", ["get", "head_firm"], false], 10, 6.5]),
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 1,
      "circle-opacity": 0.9,
    } });
}

/**
 * Lighten the parcel fills while a heat layer is on (`dim`), so the heat shows through
 * them; outlines, hover and selection stay as they are.
 */
export function dimParcels(map, dim) {
  map.setPaintProperty("parcels-fill", "fill-opacity",
    ["case", hovered, dim ? 0.7 : 0.95, dim ? 0.28 : 0.74]);
}

export const POI_COLORS = {
  school: "#2563eb", hospital: "#dc2626", exhibition: "#7c3aed", scenic: "#0d9488",
  studio: "#db2777", park: "#16a34a", transit: "#0891b2", government: "#475569",
  commercial: "#ea580c",
  other: "#6b7280",
};

const SIZE = 52; // canvas pixels; drawn at pixelRatio 2, so 26 CSS px

function drawGlyph(ctx, category) {
  const poly = (points) => {
    ctx.beginPath();
    points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.closePath();
    ctx.fill();
  };
  switch (category) {
    case "hospital":
      ctx.fillRect(22, 14, 8, 24);
      ctx.fillRect(14, 22, 24, 8);
      break;
    case "school":
      poly([[26, 14], [41, 21], [26, 28], [11, 21]]);
      ctx.fillRect(18, 25, 16, 9);
      ctx.fillRect(38, 21, 2, 11);
      break;
    case "exhibition":
      poly([[26, 13], [29.5, 22], [39, 22], [31.5, 28], [34.5, 38], [26, 32], [17.5, 38],
        [20.5, 28], [13, 22], [22.5, 22]]);
      break;
    case "scenic":
      poly([[10, 37], [22, 17], [34, 37]]);
      poly([[24, 37], [33, 23], [42, 37]]);
      break;
    case "studio":
      poly([[20, 15], [38, 26], [20, 37]]);
      break;
    case "park":
      ctx.beginPath();
      ctx.arc(26, 21, 9, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillRect(24, 27, 4, 12);
      break;
    case "transit":
      ctx.fillRect(16, 13, 20, 21);
      ctx.fillRect(18, 34, 4, 4);
      ctx.fillRect(30, 34, 4, 4);
      ctx.fillStyle = POI_COLORS.transit;
      ctx.fillRect(19, 17, 14, 7);
      break;
    case "commercial": // a shopping bag
      ctx.fillRect(15, 20, 22, 18);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#fff";
      ctx.beginPath();
      ctx.arc(26, 20, 6, Math.PI, 0);
      ctx.stroke();
      break;
    case "government":
      poly([[12, 21], [26, 12], [40, 21]]);
      for (const x of [15, 24, 33]) ctx.fillRect(x, 23, 4, 11);
      ctx.fillRect(12, 35, 28, 4);
      break;
    default:
      ctx.beginPath();
      ctx.arc(26, 26, 6, 0, Math.PI * 2);
      ctx.fill();
  }
}

/** A round POI icon (category colour, white pictogram) on a canvas. */
export function poiIcon(category) {
  const canvas = document.createElement("canvas");
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.beginPath();
  ctx.arc(26, 26, 25, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = POI_COLORS[category] || POI_COLORS.other;
  ctx.beginPath();
  ctx.arc(26, 26, 22, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = "#ffffff";
  drawGlyph(ctx, category);
  return canvas;
}

/** The POIs; `collection` must already be in the map's coordinates (see basemap.js toMap). */
export function addPoiLayer(map, collection) {
  for (const category of Object.keys(POI_COLORS)) {
    const canvas = poiIcon(category);
    const image = canvas.getContext("2d").getImageData(0, 0, SIZE, SIZE);
    map.addImage(`poi-${category}`, image, { pixelRatio: 2 });
  }
  map.addSource("pois", { type: "geojson", data: collection });
  map.addLayer({ id: "pois", type: "symbol", source: "pois",
    layout: {
      "icon-image": ["match", ["get", "category"], Object.keys(POI_COLORS),
        ["concat", "poi-", ["get", "category"]], "poi-other"],
      "icon-size": ["interpolate", ["linear"], ["zoom"], 11, 0.62, 15, 0.95],
      "icon-allow-overlap": false,
      "icon-padding": 1,
    } });
}

export function setVisible(map, layerId, visible) {
  if (map.getLayer(layerId)) map.setLayoutProperty(layerId, "visibility", visible ? "visible" : "none");
}
