// GCJ-02 ("Mars coordinates", used by Amap/Gaode): a faithful port of the forward transform
// in zoneatlas/geo/gcj02.py (same constants, same order of operations, same out-of-China
// rule), used only at the display edge to draw our WGS-84/CGCS2000 layers over a GCJ-02
// basemap. Stored data never changes. The browser test checks this port against the Python
// reference to 1e-9 degrees.

const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_E2 = 0.00669342162296594323;
const PI = Math.PI;

/** The rough mainland-China box in which the GCJ-02 offset applies. */
export function inChina(lon, lat) {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

/** The GCJ-02 offset [dLon, dLat] (degrees) at WGS-84 (lon, lat); [0, 0] outside China. */
function offset(lon, lat) {
  if (!inChina(lon, lat)) return [0, 0];
  const x = lon - 105.0;
  const y = lat - 35.0;
  const waves = (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += waves;
  dLat += (20.0 * Math.sin(y * PI) + 40.0 * Math.sin(y / 3.0 * PI)) * 2.0 / 3.0;
  dLat += (160.0 * Math.sin(y / 12.0 * PI) + 320.0 * Math.sin(y * PI / 30.0)) * 2.0 / 3.0;
  let dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLon += waves;
  dLon += (20.0 * Math.sin(x * PI) + 40.0 * Math.sin(x / 3.0 * PI)) * 2.0 / 3.0;
  dLon += (150.0 * Math.sin(x / 12.0 * PI) + 300.0 * Math.sin(x / 30.0 * PI)) * 2.0 / 3.0;
  const radLat = lat * (PI / 180.0);
  const magic = 1.0 - KRASOVSKY_E2 * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  dLat = dLat * 180.0 / ((KRASOVSKY_A * (1 - KRASOVSKY_E2)) / (magic * sqrtMagic) * PI);
  dLon = dLon * 180.0 / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * PI);
  return [dLon, dLat];
}

/** WGS-84 (or CGCS2000) degrees to GCJ-02 degrees: returns [lon, lat]. */
export function wgs84ToGcj02(lon, lat) {
  const [dLon, dLat] = offset(lon, lat);
  return [lon + dLon, lat + dLat];
}

/** A position [lon, lat, ...rest] in GCJ-02 (any third value, e.g. a height, is kept). */
export function positionToGcj02(position) {
  const [lon, lat, ...rest] = position;
  return [...wgs84ToGcj02(lon, lat), ...rest];
}

/**
 * [minx, miny, maxx, maxy] around the GCJ-02 positions (or `fn`'s) of a WGS-84 box's corners.
 * The offset varies slowly, so this bounds the moved box to well under a metre.
 */
export function bboxToGcj02([minx, miny, maxx, maxy], fn = positionToGcj02) {
  const corners = [[minx, miny], [minx, maxy], [maxx, miny], [maxx, maxy]].map(fn);
  const lons = corners.map((c) => c[0]);
  const lats = corners.map((c) => c[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

// Nesting depth of the coordinates of each geometry type (0 = one position).
const DEPTH = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2,
  MultiPolygon: 3 };

function mapCoordinates(coordinates, depth, fn) {
  return depth === 0 ? fn(coordinates) : coordinates.map((c) => mapCoordinates(c, depth - 1, fn));
}

/**
 * A copy of any GeoJSON object (FeatureCollection, Feature, GeometryCollection or a Point …
 * MultiPolygon geometry) with every position moved by `fn` (default: into GCJ-02). Other
 * members (properties, ids) are kept; a `bbox` member is recomputed from its corners.
 */
export function geojsonToGcj02(geojson, fn = positionToGcj02) {
  if (!geojson || typeof geojson !== "object") return geojson;
  const copy = { ...geojson };
  if (Array.isArray(geojson.bbox) && geojson.bbox.length === 4) copy.bbox = bboxToGcj02(geojson.bbox, fn);
  switch (geojson.type) {
    case "FeatureCollection":
      copy.features = geojson.features.map((f) => geojsonToGcj02(f, fn));
      break;
    case "Feature":
      copy.geometry = geojson.geometry ? geojsonToGcj02(geojson.geometry, fn) : geojson.geometry;
      break;
    case "GeometryCollection":
      copy.geometries = geojson.geometries.map((g) => geojsonToGcj02(g, fn));
      break;
    default:
      if (geojson.type in DEPTH && Array.isArray(geojson.coordinates)) {
        copy.coordinates = mapCoordinates(geojson.coordinates, DEPTH[geojson.type], fn);
      }
  }
  return copy;
}
