// The server-side heat layers on the map, one at a time, chosen in the legend (heat-legend.js
// draws the controls): enterprise density and output density as PNG heat tiles
// (/api/heat/enterprises/{z}/{x}/{y}.png, a colour scale fixed per filter set, so panning
// shows no seams), the land price surface (the land grade polygons coloured by one use's
// benchmark price), the attractiveness grid as one image (/api/attractiveness/overlay.json)
// and H3 hexagons (/api/hex/enterprises). They sit above the basemap's fills and below the
// roads, the zone's outlines and the parcels, so parcels stay clickable over any of them.
import { apiUrl, getJSON } from "./api.js";
import { toMap, toMapPoint } from "./basemap.js";

export const HEAT_MODES = ["none", "density", "output", "landprice", "attractiveness", "hexagons"];
export const HEAT_RADIUS_M = 500;
export const PRICE_USES = ["industrial", "commercial", "residential"];
export const ATTRACT_LAYERS = ["quality", "value"];
/** H3 resolutions offered, with the mean cell area in km² (H3's published averages). */
export const HEX_RESOLUTIONS = { 7: 5.16, 8: 0.737, 9: 0.105, 10: 0.015 };
/** Hexagon statistics: the query each one sends, and the unit key of its values. */
export const HEX_STATS = {
  count: { stat: "count", unit: "heat.unit_firms_cell" },
  output: { stat: "sum", field: "output_wan", unit: "heat.unit_wan_cell" },
  employees: { stat: "sum", field: "employees", unit: "heat.unit_people_cell" },
};
// Price surface: pale gold (cheapest grade) to deep brown (dearest); the hexagons' classes.
const PRICE_COLORS = ["#fff3c4", "#fdd27f", "#f5a04a", "#d46a1f", "#8f3b0b"];
const HEX_COLORS = ["#fde9a9", "#fdc068", "#f98b43", "#e0512f", "#a3202b"];

// The first layer drawn over the heat: the roads, so the heat reads as a surface under them.
const BEFORE = "road-casing";
/** The map layer that draws each mode (the one the opacity slider sets). */
export const HEAT_LAYER = {
  density: "heat-raster",
  output: "heat-raster",
  landprice: "heat-landprice",
  attractiveness: "heat-image",
  hexagons: "heat-hex",
};
const OPACITY_PROPERTY = {
  "heat-raster": "raster-opacity",
  "heat-image": "raster-opacity",
  "heat-landprice": "fill-opacity",
  "heat-hex": "fill-opacity",
};

/** The heat state a page starts with: no heat layer, 80 % opacity. */
export function defaultHeat(industry = "") {
  return {
    mode: "none",
    industry: "", // density, output, hexagons: "" for every industry
    attractIndustry: industry || "digital_economy",
    attractLayer: "quality",
    priceUse: "industrial",
    hexStat: "count",
    hexRes: 8,
    opacity: 0.8,
  };
}

/** Query parameters of the heat tiles and their legend for `heat` (density or output). */
export function tileParams(zone, heat) {
  // One ramp for both: the others' dark, translucent low ends turn a light basemap grey.
  const params = { zone, radius: HEAT_RADIUS_M, ramp: "heat" };
  if (heat.mode === "output") params.weight = "output_wan";
  if (heat.industry) params.industry = heat.industry;
  return params;
}

/** The XYZ tile URL template (absolute; the braces must stay unescaped for MapLibre). */
export function tileTemplate(zone, heat) {
  const url = apiUrl("/heat/enterprises", tileParams(zone, heat));
  return `${url.origin}${url.pathname}/{z}/{x}/{y}.png${url.search}`;
}

function hexParams(zone, heat) {
  const { stat, field } = HEX_STATS[heat.hexStat] || HEX_STATS.count;
  return { zone, res: heat.hexRes, stat, field, industry: heat.industry };
}

/**
 * Class breaks for `values`: up to 5 classes at quantiles, rounded to two significant
 * digits and made distinct (hexagon counts are small whole numbers).
 */
export function classBreaks(values, classes = 5) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const round = (v) => (v <= 0 ? 0 : Number(v.toPrecision(2)));
  const breaks = [];
  for (let i = 1; i < classes; i++) {
    const q = round(sorted[Math.min(sorted.length - 1, Math.floor((i / classes) * sorted.length))]);
    if (q > (breaks.at(-1) ?? -Infinity) && q < sorted.at(-1)) breaks.push(q);
  }
  return [...breaks, sorted.at(-1)];
}

// Each mode's map layers, and the sources they own (the land price surface draws the land
// grade source, which stays for the grade layer).
const MODE_LAYERS = {
  "heat-raster": ["heat-raster"],
  "heat-image": ["heat-image"],
  "heat-landprice": ["heat-landprice"],
  "heat-hex": ["heat-hex-line", "heat-hex"],
};
const OWN_SOURCES = ["heat-raster", "heat-image", "heat-hex"];

/** Remove every heat layer but those of `keep` (a HEAT_LAYER id, or null for all). */
function removeLayers(map, keep) {
  for (const [id, layers] of Object.entries(MODE_LAYERS)) {
    if (id === keep) continue;
    for (const layer of layers) if (map.getLayer(layer)) map.removeLayer(layer);
    if (OWN_SOURCES.includes(id) && map.getSource(id)) map.removeSource(id);
  }
}

const before = (map) => (map.getLayer(BEFORE) ? BEFORE : undefined);

function showRaster(map, zone, heat, bbox) {
  const tiles = [tileTemplate(zone, heat)];
  const source = map.getSource("heat-raster");
  if (source) {
    if (source.tiles?.[0] !== tiles[0]) source.setTiles(tiles);
  } else {
    // Tiles only where there can be heat: the zone grown by the kernel radius (~0.01°).
    const pad = 0.01;
    const [minx, miny, maxx, maxy] = bbox;
    map.addSource("heat-raster", { type: "raster", tiles, tileSize: 256, maxzoom: 18,
      bounds: [minx - pad, miny - pad, maxx + pad, maxy + pad] });
  }
  if (!map.getLayer("heat-raster")) {
    map.addLayer({ id: "heat-raster", type: "raster", source: "heat-raster",
      paint: { "raster-opacity": heat.opacity, "raster-fade-duration": 150 } }, before(map));
  }
}

function showImage(map, overlay) {
  const url = new URL(overlay.image, location.origin).href;
  const coordinates = overlay.coordinates.map((corner) => toMapPoint(corner));
  const source = map.getSource("heat-image");
  if (source) source.updateImage({ url, coordinates });
  else map.addSource("heat-image", { type: "image", url, coordinates });
  if (!map.getLayer("heat-image")) {
    map.addLayer({ id: "heat-image", type: "raster", source: "heat-image",
      paint: { "raster-opacity": 0, "raster-fade-duration": 0 } }, before(map));
  }
}

function priceColor(use, grades) {
  const prices = [...new Set(grades.map((g) => Number(g[`price_${use}`])).filter(Number.isFinite))]
    .sort((a, b) => a - b);
  const value = ["to-number", ["get", `price_${use}`], -1];
  if (prices.length < 2) return [PRICE_COLORS[2], prices];
  const stops = prices.flatMap((price, i) => [price,
    PRICE_COLORS[Math.round((i / (prices.length - 1)) * (PRICE_COLORS.length - 1))]]);
  return [["case", ["<", value, 0], "#c4ccd4", ["interpolate", ["linear"], value, ...stops]], prices];
}

function showPrice(map, heat, grades) {
  const [color] = priceColor(heat.priceUse, grades);
  if (!map.getLayer("heat-landprice")) {
    map.addLayer({ id: "heat-landprice", type: "fill", source: "land-grades",
      paint: { "fill-color": color, "fill-opacity": 0 } }, before(map));
  } else {
    map.setPaintProperty("heat-landprice", "fill-color", color);
  }
}

function showHexagons(map, collection, breaks) {
  const data = toMap(collection);
  const source = map.getSource("heat-hex");
  if (source) source.setData(data);
  else map.addSource("heat-hex", { type: "geojson", data });
  const steps = breaks.slice(0, -1).flatMap((limit, i) => [limit, HEX_COLORS[i + 1]]);
  // Class i holds values up to breaks[i]: a value equal to a break stays in the lower class.
  const value = ["-", ["to-number", ["get", "value"], 0], 1e-9];
  const color = steps.length ? ["step", value, HEX_COLORS[0], ...steps] : HEX_COLORS[0];
  if (!map.getLayer("heat-hex")) {
    map.addLayer({ id: "heat-hex", type: "fill", source: "heat-hex",
      paint: { "fill-color": color, "fill-opacity": 0 } }, before(map));
    map.addLayer({ id: "heat-hex-line", type: "line", source: "heat-hex",
      paint: { "line-color": "#ffffff", "line-width": 0.8, "line-opacity": 0 } }, before(map));
  } else {
    map.setPaintProperty("heat-hex", "fill-color", color);
  }
}

/** Set the active heat layer's opacity (0..1). */
export function setHeatOpacity(map, heat) {
  const id = HEAT_LAYER[heat.mode];
  if (!id || !map.getLayer(id)) return;
  map.setPaintProperty(id, OPACITY_PROPERTY[id], heat.opacity);
  if (id === "heat-hex" && map.getLayer("heat-hex-line")) {
    map.setPaintProperty("heat-hex-line", "line-opacity", Math.min(1, heat.opacity * 0.9));
  }
}

/**
 * Keep the map's heat layer in step with `heat` ({mode, industry, ...}; see defaultHeat).
 * `context` gives the zone ({slug, bbox}) and `grades()`, a promise of the land grade
 * properties (the grade layer's source is then on the map). Resolves to the legend's view:
 * {mode, status: "ok", ...} with what heat-legend.js draws, or {status: "error", detail};
 * a call overtaken by a newer one resolves to null.
 */
export function createHeatLayers(map, context) {
  let latest = 0;

  async function show(heat) {
    const call = ++latest;
    const stale = () => call !== latest;
    const zone = context.zone().slug;
    const id = HEAT_LAYER[heat.mode] || null;
    removeLayers(map, id);
    if (!id) return { mode: "none", status: "ok" };
    try {
      if (heat.mode === "density" || heat.mode === "output") {
        const legend = await getJSON("/heat/enterprises/legend", tileParams(zone, heat));
        if (stale()) return null;
        showRaster(map, zone, heat, context.zone().bbox);
        setHeatOpacity(map, heat);
        return { mode: heat.mode, status: "ok", kind: "ramp", legend };
      }
      if (heat.mode === "attractiveness") {
        const overlay = await getJSON("/attractiveness/overlay.json",
          { zone, industry: heat.attractIndustry, layer: heat.attractLayer });
        if (stale()) return null;
        showImage(map, overlay);
        setHeatOpacity(map, heat);
        return { mode: heat.mode, status: "ok", kind: "ramp", legend: overlay.legend, overlay };
      }
      if (heat.mode === "landprice") {
        const grades = await context.grades();
        if (stale()) return null;
        showPrice(map, heat, grades);
        setHeatOpacity(map, heat);
        return { mode: heat.mode, status: "ok", kind: "price", grades, colors: PRICE_COLORS,
          prices: priceColor(heat.priceUse, grades)[1] };
      }
      const collection = await getJSON("/hex/enterprises", hexParams(zone, heat));
      if (stale()) return null;
      const values = collection.features.map((f) => Number(f.properties.value));
      const breaks = classBreaks(values);
      showHexagons(map, collection, breaks);
      setHeatOpacity(map, heat);
      return { mode: heat.mode, status: "ok", kind: "classes", breaks, colors: HEX_COLORS,
        cells: values.length, integers: values.every(Number.isInteger) };
    } catch (err) {
      if (stale()) return null;
      removeLayers(map, null);
      return { mode: heat.mode, status: "error", detail: err.detail || err.message };
    }
  }

  return { show };
}
