// The investor's part of the map's parcel panel: the action row (咨询 / inquire, 加入对比 /
// add to compare, 推介书 / brochure), the responsible contact (GET /api/parcels/{code}/contact)
// and the policies that may apply (GET /api/parcels/{code}/policies, for the project last
// entered on the match page when there is one), in compact sections.
import { getJSON } from "./api.js";
import { lang, t } from "./i18n.js";
import { contactCard } from "./inquiry.js";
import { bi, sentence, wan } from "./match-cards.js";
import { savedProject } from "./project.js";
import { compareUrl, inTray, trayCodes } from "./tray.js";
import { esc } from "./util.js";

const CHAT_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>';
const PLUS_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M12 5v14M5 12h14" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
const CHECK_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M5 12l5 5 9-10" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
const DOC_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 16h6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>';
const SHOWN = ["eligible", "needs_info"];

/** The action row and the tray line under it, for parcel `code`. */
export function renderActions(code) {
  const added = inTray(code);
  const brochure = `/parcels/${encodeURIComponent(code)}/brochure?lang=${lang()}`;
  return `<div class="panel-actions" data-testid="panel-actions">
      <button type="button" class="btn btn-primary" data-action="inquire" data-testid="panel-inquire">${CHAT_ICON}<span>${esc(t("match.inquire"))}</span></button>
      <button type="button" class="btn" data-action="compare" aria-pressed="${added}" data-testid="panel-compare">${added ? CHECK_ICON : PLUS_ICON}<span>${esc(t(added ? "panel.in_compare" : "panel.add_compare"))}</span></button>
      <a class="btn" href="${esc(brochure)}" data-testid="panel-brochure">${DOC_ICON}<span>${esc(t("brochure.link"))}</span></a>
    </div>
    ${trayLine()}`;
}

function trayLine(notice = "") {
  const codes = trayCodes();
  if (!codes.length && !notice) return '<p class="panel-tray" data-testid="panel-tray" hidden></p>';
  const link = codes.length >= 2
    ? ` <a href="${esc(compareUrl(codes, { ...savedProject(), lang: lang() }))}" data-testid="panel-compare-link">${esc(t("tray.compare", { n: codes.length }))}</a>`
    : "";
  const text = notice || t("tray.title", { n: codes.length, max: 4 });
  return `<p class="panel-tray" data-testid="panel-tray">${esc(text)}${link}</p>`;
}

/** Redraw the action row of the open panel (after the tray changed). */
export function updateActions(panel, code, notice = "") {
  const row = panel.querySelector("[data-testid=panel-actions]");
  if (!row) return;
  const fresh = document.createElement("div");
  fresh.innerHTML = renderActions(code);
  row.replaceWith(fresh.firstElementChild);
  panel.querySelector("[data-testid=panel-tray]").outerHTML = trayLine(notice);
}

/** The empty sections the panel template places; filled by updateInvestor(). */
export function investorSections() {
  return `<section data-testid="panel-contact"><h3>${esc(t("contact.title"))}</h3><div data-slot></div></section>
    <section data-testid="panel-policies"><h3>${esc(t("policy.title"))}</h3><div data-slot></div></section>`;
}

/** Start loading the contact and the policies of `code`; resolves to {contact, policies}. */
export function loadInvestorInfo(code, zone, signal) {
  const path = `/parcels/${encodeURIComponent(code)}`;
  const project = savedProject();
  const settle = (promise) => promise.then((data) => ({ status: "ok", data }),
    (err) => (err.name === "AbortError" ? { status: "aborted" } : { status: "error", detail: err.detail || err.message }));
  return Promise.all([
    settle(getJSON(`${path}/contact`, { zone }, { signal })),
    settle(getJSON(`${path}/policies`, { zone, ...project }, { signal })),
  ]).then(([contact, policies]) => ({ contact, policies, project }));
}

/** Policies worth showing on `parcel`: in force and eligible or needing facts, and for one
 * of the parcel's industries unless the project names its own. */
function relevant(policies, parcel, project) {
  const industries = Array.isArray(parcel.industries) ? parcel.industries
    : String(parcel.industries || "").split(";").filter(Boolean);
  return policies.filter((p) => SHOWN.includes(p.eligibility) && (project.industry
    || !p.industries?.length || !industries.length || p.industries.some((i) => industries.includes(i))));
}

function policyItem(p) {
  const terms = (p.benefits || []).map((b) => sentence(b.terms)).filter(Boolean).slice(0, 2);
  const status = p.eligibility === "eligible"
    ? (p.value_wan > 0 ? t("match.policy_value", { v: wan(p.value_wan) }) : t("policy.eligible"))
    : t("policy.may_apply");
  return `<li class="panel-policy" data-testid="panel-policy">
      <p class="policy-title">${esc(bi(p, "title"))}</p>
      ${terms.length ? `<p class="policy-terms">${esc(terms.join(lang() === "en" ? "; " : "；"))}</p>` : ""}
      <span class="policy-status is-${esc(p.eligibility)}">${esc(status)}</span>
    </li>`;
}

/** Fill the contact and policy sections from `info` ({contact, policies, project} views). */
export function updateInvestor(panel, parcel, info) {
  const contactSlot = panel.querySelector("[data-testid=panel-contact] [data-slot]");
  const policySlot = panel.querySelector("[data-testid=panel-policies] [data-slot]");
  if (!contactSlot || !policySlot) return;
  if (!info) {
    contactSlot.innerHTML = policySlot.innerHTML = `<p class="muted">${esc(t("panel.loading_more"))}</p>`;
    return;
  }
  const { contact, policies, project } = info;
  if (contact.status === "ok" && contact.data) contactSlot.replaceChildren(contactCard(contact.data, { testid: "panel-contact-card", compact: true }));
  else contactSlot.innerHTML = `<p class="muted">${esc(t("contact.none"))}</p>`;
  if (policies.status !== "ok") {
    policySlot.innerHTML = `<p class="muted">${esc(t("policy.error"))}</p>`;
    return;
  }
  const list = relevant(policies.data.policies || [], parcel, project);
  const hasProject = Object.keys(project).length > 0;
  const note = hasProject ? t("policy.for_project") : t("policy.no_project");
  policySlot.innerHTML = `${list.length ? `<ul class="panel-policies">${list.map(policyItem).join("")}</ul>`
    : `<p class="muted">${esc(t("policy.none"))}</p>`}
    <p class="hint">${esc(note)} <a href="/match?lang=${lang()}">${esc(t("nav.match"))}</a></p>`;
}
