// Small helpers shared by the page modules: HTML escaping, debouncing, plane geometry on
// lon/lat coordinates (good enough for placing labels inside a development zone).

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export function el(tag, attrs = {}, html = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : value);
  }
  if (html) node.innerHTML = html;
  return node;
}

/** Signed area and centroid of a ring (planar, in degrees; fine for label placement). */
function ringCentroid(ring) {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-18) return { area: 0, point: ring[0] };
  return { area: Math.abs(area / 2), point: [cx / (3 * area), cy / (3 * area)] };
}

function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

/** A point inside the largest polygon of a (Multi)Polygon, for a label or a click. */
export function labelPoint(geometry) {
  let best = null;
  for (const polygon of polygonsOf(geometry)) {
    const c = ringCentroid(polygon[0]);
    if (!best || c.area > best.area) best = { ...c, polygon };
  }
  if (!best) return null;
  const inside = (p) => pointInRing(p, best.polygon[0]) &&
    !best.polygon.slice(1).some((hole) => pointInRing(p, hole));
  if (inside(best.point)) return best.point;
  // Concave shape: scan the horizontal line through the centroid for the widest inside run.
  const [minx, , maxx] = bounds({ type: "Polygon", coordinates: best.polygon });
  const y = best.point[1];
  let run = null;
  let start = null;
  const steps = 64;
  for (let i = 0; i <= steps; i++) {
    const x = minx + ((maxx - minx) * i) / steps;
    if (inside([x, y])) {
      start ??= x;
      if (!run || x - start > run[1] - run[0]) run = [start, x];
    } else {
      start = null;
    }
  }
  return run ? [(run[0] + run[1]) / 2, y] : best.polygon[0][0];
}

/** The point `fraction` (default halfway) along the longest part of a (Multi)LineString. */
export function lineMidpoint(geometry, fraction = 0.5) {
  const parts = geometry.type === "LineString" ? [geometry.coordinates]
    : geometry.type === "MultiLineString" ? geometry.coordinates : [];
  let best = null;
  for (const part of parts) {
    const lengths = [];
    let total = 0;
    for (let i = 1; i < part.length; i++) {
      const d = Math.hypot(part[i][0] - part[i - 1][0], part[i][1] - part[i - 1][1]);
      lengths.push(d);
      total += d;
    }
    if (!best || total > best.total) best = { part, lengths, total };
  }
  if (!best) return null;
  let remaining = best.total * fraction;
  for (let i = 0; i < best.lengths.length; i++) {
    if (remaining <= best.lengths[i]) {
      const f = best.lengths[i] ? remaining / best.lengths[i] : 0;
      const [x0, y0] = best.part[i];
      const [x1, y1] = best.part[i + 1];
      return [x0 + (x1 - x0) * f, y0 + (y1 - y0) * f];
    }
    remaining -= best.lengths[i];
  }
  return best.part[best.part.length - 1];
}

/** [minx, miny, maxx, maxy] of any GeoJSON geometry or FeatureCollection. */
export function bounds(geojson) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (coords) => {
    if (typeof coords[0] === "number") {
      box[0] = Math.min(box[0], coords[0]);
      box[1] = Math.min(box[1], coords[1]);
      box[2] = Math.max(box[2], coords[0]);
      box[3] = Math.max(box[3], coords[1]);
    } else {
      for (const c of coords) visit(c);
    }
  };
  if (geojson.type === "FeatureCollection") {
    for (const f of geojson.features) if (f.geometry) visit(f.geometry.coordinates);
  } else if (geojson.coordinates) {
    visit(geojson.coordinates);
  }
  return box;
}
