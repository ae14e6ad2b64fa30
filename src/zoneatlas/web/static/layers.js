// Thematic layers over the basemap: the key parcels (coloured by status or land use),
// enterprises (circles by industry, or a client-side heatmap), and POIs (canvas-drawn
// icons in a symbol layer: icon-only symbols need no glyphs, so this works offline).
import { colorExpression } from "./vocab.js";

export const EMPTY = { type: "FeatureCollection", features: [] };
const byZoom = (low, high) => ["interpolate", ["linear"], ["zoom"], 11, low, 17, high];
const hovered = ["boolean", ["feature-state", "hover"], false];

export function addParcelLayers(map) {
  // promoteId: the parcel code is the feature id used for the hover state.
  map.addSource("parcels", { type: "geojson", data: EMPTY, promoteId: "code" });
  map.addLayer({ id: "parcels-fill", type: "fill", source: "parcels",
    paint: { "fill-color": "#9aa3ad", "fill-opacity": ["case", hovered, 0.95, 0.74] } });
  map.addLayer({ id: "parcels-outline", type: "line", source: "parcels",
    paint: { "line-color": "#ffffff", "line-width": byZoom(0.5, 2), "line-opacity": 0.95 } });
  map.addLayer({ id: "parcels-hover", type: "line", source: "parcels",
    paint: { "line-color": "#0f172a", "line-width": 2, "line-opacity": ["case", hovered, 1, 0] } });
  const none = ["==", ["get", "code"], "\u0000"];
  map.addLayer({ id: "parcels-selected-halo", type: "line", source: "parcels", filter: none,
    layout: { "line-join": "round" }, paint: { "line-color": "#ffffff", "line-width": 6 } });
  map.addLayer({ id: "parcels-selected", type: "line", source: "parcels", filter: none,
    layout: { "line-join": "round" }, paint: { "line-color": "#0f172a", "line-width": 2.5 } });
}

/** Colour the parcels by `status` or `land_use`, with the vocabulary colours. */
export function colorParcels(map, colorBy) {
  map.setPaintProperty("parcels-fill", "fill-color", colorExpression(colorBy, colorBy));
}

export function selectParcel(map, code) {
  const filter = ["==", ["get", "code"], code ?? "\u0000"];
  map.setFilter("parcels-selected-halo", filter);
  map.setFilter("parcels-selected", filter);
}

export function addEnterpriseLayers(map, collection) {
  map.addSource("enterprises", { type: "geojson", data: collection });
  map.addLayer({ id: "enterprise-heat", type: "heatmap", source: "enterprises",
    layout: { visibility: "none" },
    paint: {
      "heatmap-weight": 1,
      "heatmap-intensity": ["interpolate", ["linear"], ["zoom"], 11, 0.8, 16, 2],
      "heatmap-radius": ["interpolate", ["linear"], ["zoom"], 11, 16, 16, 48],
      "heatmap-opacity": 0.72,
      "heatmap-color": ["interpolate", ["linear"], ["heatmap-density"],
        0, "rgba(255,255,255,0)", 0.15, "rgba(254,240,138,0.55)", 0.35, "#fcd34d",
        0.55, "#fb923c", 0.75, "#ef4444", 1, "#991b1b"],
    } });
  map.addLayer({ id: "enterprises", type: "circle", source: "enterprises",
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

/** Heat weight: 1 per enterprise, or its output (万元) scaled by the square root to 0..1. */
export function setHeatWeight(map, mode, collection) {
  if (mode === "count") {
    map.setPaintProperty("enterprise-heat", "heatmap-weight", 1);
    return;
  }
  const max = Math.max(1, ...collection.features.map((f) => Number(f.properties.output_wan) || 0));
  map.setPaintProperty("enterprise-heat", "heatmap-weight",
    ["interpolate", ["linear"], ["sqrt", ["max", 0, ["to-number", ["get", "output_wan"], 0]]],
      0, 0.05, Math.sqrt(max), 1]);
}

export const POI_COLORS = {
  school: "#2563eb", hospital: "#dc2626", exhibition: "#7c3aed", scenic: "#0d9488",
  studio: "#db2777", park: "#16a34a", transit: "#0891b2", government: "#475569",
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
