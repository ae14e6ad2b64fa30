// Popups for the point layers: an enterprise (industry, employees, output) or a POI.
import { lang, num, pick, t } from "./i18n.js";
import { termColor, termName } from "./vocab.js";
import { esc } from "./util.js";

function row(label, value) {
  return `<div class="kv"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`;
}

/** 万元 for Chinese readers; million CNY (万元 / 100) for English ones. */
function output(wan) {
  if (wan === null || wan === undefined) return t("value.none");
  return lang() === "en"
    ? t("enterprise.output_value", { v: num(Number(wan) / 100, 1) })
    : t("enterprise.output_value", { v: num(wan, 0) });
}

export function pointPopup(kind, feature) {
  const p = feature.properties;
  let html;
  if (kind === "poi") {
    html = `<p class="popup-kicker">${esc(t(`poi.${p.category}`) || t("poi.other"))}</p>
      <p class="popup-title">${esc(pick(p))}</p>
      ${p.synthetic === true || p.synthetic === "true" ? `<span class="badge badge-synthetic badge-small">${esc(t("badge.synthetic"))}</span>` : ""}`;
  } else {
    const headFirm = p.head_firm === true || p.head_firm === "true";
    html = `<p class="popup-kicker"><span class="swatch" style="--c:${esc(termColor("industry", p.industry))}"></span>${esc(termName("industry", p.industry))}</p>
      <p class="popup-title">${esc(pick(p))}</p>
      <dl>
        ${row(t("enterprise.employees"), t("enterprise.people", { v: num(p.employees) }))}
        ${row(t("enterprise.output"), output(p.output_wan))}
      </dl>
      ${headFirm ? `<span class="badge badge-status" style="--c:#b45309">${esc(t("enterprise.head_firm"))}</span>` : ""}
      ${p.synthetic === true || p.synthetic === "true" ? `<span class="badge badge-synthetic badge-small">${esc(t("badge.synthetic"))}</span>` : ""}`;
  }
  return new maplibregl.Popup({ className: "point-popup", maxWidth: "260px", offset: 10 })
    .setLngLat(feature.geometry.coordinates)
    .setHTML(html);
}
