// The benchmark land grade layer (基准地价级别): the zone's grade areas from /api/land-grades,
// as translucent fills under the parcels, their legend (benchmark prices per use) and the
// popup shown when a grade area is tapped where no parcel is.
import { num, t } from "./i18n.js";
import { esc } from "./util.js";

// Grade I (dearest) darkest to grade V lightest: one calm blue-slate hue, so the layer reads
// as a background and does not compete with the parcel colours drawn over it.
export const GRADE_COLORS = {
  I: "#24446a",
  II: "#3d6489",
  III: "#6a8fb0",
  IV: "#9fbbd2",
  V: "#d3e1ec",
};
const FALLBACK = "#c4ccd4";
const USES = ["residential", "commercial", "industrial"];
export const GRADE_LAYERS = ["land-grades-fill", "land-grades-outline"];

function gradeColor() {
  return ["match", ["get", "grade"], ...Object.entries(GRADE_COLORS).flat(), FALLBACK];
}

/**
 * Add the grade source and layers, hidden until shown: the fill under `fillBefore` (the
 * roads stay crisp over it), the outline under `lineBefore` (the parcels).
 */
export function addGradeLayers(map, collection, { fillBefore, lineBefore }) {
  map.addSource("land-grades", { type: "geojson", data: collection });
  map.addLayer({ id: "land-grades-fill", type: "fill", source: "land-grades",
    layout: { visibility: "none" },
    paint: { "fill-color": gradeColor(), "fill-opacity": 0.36 } }, fillBefore);
  map.addLayer({ id: "land-grades-outline", type: "line", source: "land-grades",
    layout: { visibility: "none", "line-join": "round" },
    paint: { "line-color": "#1f3b5c", "line-opacity": 0.55,
      "line-width": ["interpolate", ["linear"], ["zoom"], 11, 1, 16, 2.2] } }, lineBefore);
}

/** "II 级" / "Grade II". */
export function gradeName(grade) {
  return t("grade.name", { grade });
}

const price = (value) => (value === null || value === undefined ? t("value.none") : num(value, 0));

/** The legend block: one row per grade with its benchmark price per use (元/m²). */
export function gradeLegend(grades, error) {
  if (error) return `<p class="legend-note">${esc(t("grade.load_error", { detail: error }))}</p>`;
  if (!grades) return `<p class="legend-note">${esc(t("app.loading"))}</p>`;
  const first = grades[0] || {};
  const head = USES.map((use) => `<th scope="col">${esc(t(`grade.use_${use}`))}</th>`).join("");
  const rows = grades.map((g) => `<tr>
      <th scope="row"><span class="legend-swatch legend-grade" style="--c:${esc(GRADE_COLORS[g.grade] || FALLBACK)}"></span>${esc(g.grade)}</th>
      ${USES.map((use) => `<td>${esc(price(g[`price_${use}`]))}</td>`).join("")}
    </tr>`).join("");
  const synthetic = grades.some((g) => g.synthetic)
    ? ` <span class="badge badge-synthetic badge-small">${esc(t("overview.illustrative"))}</span>` : "";
  return `<table class="grade-table" data-testid="grade-legend">
      <caption>${esc(t("grade.table_caption"))}</caption>
      <thead><tr><th scope="col">${esc(t("grade.grade"))}</th>${head}</tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <p class="legend-note">${esc(t("grade.base_date", { date: first.base_date || t("value.none") }))}${synthetic}</p>`;
}

/** Popup for a tapped grade area: the grade and its benchmark prices. */
export function gradePopup(feature, lngLat) {
  const g = feature.properties;
  const synthetic = g.synthetic === true || g.synthetic === "true";
  const rows = USES.map((use) => `<div class="kv"><dt>${esc(t(`grade.use_${use}`))}</dt><dd>${esc(t("grade.price", { v: price(g[`price_${use}`]) }))}</dd></div>`).join("");
  const html = `<p class="popup-kicker"><span class="swatch" style="--c:${esc(GRADE_COLORS[g.grade] || FALLBACK)}"></span>${esc(t("grade.kicker"))}</p>
    <p class="popup-title" data-testid="grade-popup-title">${esc(gradeName(g.grade))}</p>
    <dl>${rows}</dl>
    <p class="popup-note">${esc(t("grade.base_date", { date: g.base_date || t("value.none") }))}</p>
    ${g.source ? `<p class="popup-note">${esc(t("overview.source", { source: g.source }))}</p>` : ""}
    ${synthetic ? `<span class="badge badge-synthetic badge-small">${esc(t("badge.synthetic"))}</span>` : ""}`;
  return new maplibregl.Popup({ className: "point-popup grade-popup", maxWidth: "270px", offset: 6 })
    .setLngLat(lngLat)
    .setHTML(html);
}
