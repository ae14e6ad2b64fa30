// The inquiry form (咨询), a modal dialog used by the map's parcel panel, the match results
// and the compare page: POST /api/inquiries, then the named contact who will answer. What
// the investor types is only ever set as form values or textContent, never as HTML; a 422
// is shown by the field it names, a 429 as "try again in N minutes". The `website` field is
// a honeypot: visually hidden, out of the tab order and hidden from assistive technology.
import { postJSON, splitDetail } from "./api.js";
import { applyStatic, lang, num, t } from "./i18n.js";
import { el, esc } from "./util.js";
import { termName, terms } from "./vocab.js";

const MAX_MESSAGE = 2000;
const CLOSE_ICON = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
const PHONE_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>';
const MAIL_ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><rect x="3" y="5" width="18" height="14" rx="2" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M4 7l8 6 8-6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>';

const FORM = `
  <header class="dialog-head">
    <div>
      <h2 id="inquiry-title" data-i18n="inquiry.title">投资咨询</h2>
      <p class="dialog-sub" data-i18n="inquiry.intro">留下联系方式，园区招商负责人会尽快与您联系。</p>
    </div>
    <button type="button" class="icon-btn" data-action="close-inquiry" data-testid="inquiry-close" data-i18n-aria-label="panel.close" aria-label="关闭">${CLOSE_ICON}</button>
  </header>
  <form class="inquiry-form" data-testid="inquiry-form" novalidate>
    <div class="inquiry-parcels" data-inquiry-parcels hidden>
      <span data-i18n="inquiry.parcels">咨询地块</span>
      <ul class="chips" data-testid="inquiry-parcels"></ul>
    </div>
    <label class="field">
      <span><span data-i18n="inquiry.name">姓名</span> <abbr class="required" data-i18n-title="inquiry.required" title="必填">*</abbr></span>
      <input type="text" name="name" maxlength="100" autocomplete="name" required data-testid="inquiry-name">
      <span class="field-error" data-error-for="name" hidden></span>
    </label>
    <label class="field">
      <span data-i18n="inquiry.organisation">单位名称</span>
      <input type="text" name="organisation" maxlength="200" autocomplete="organization" data-testid="inquiry-organisation">
      <span class="field-error" data-error-for="organisation" hidden></span>
    </label>
    <label class="field">
      <span><span data-i18n="inquiry.contact">联系电话或邮箱</span> <abbr class="required" data-i18n-title="inquiry.required" title="必填">*</abbr></span>
      <input type="text" name="contact" maxlength="254" autocomplete="tel" inputmode="email" required data-testid="inquiry-contact" data-i18n-placeholder="inquiry.contact_hint" placeholder="">
      <span class="field-error" data-error-for="contact" hidden></span>
    </label>
    <div class="field-grid">
      <label class="field">
        <span data-i18n="match.industry">产业类别</span>
        <select name="industry" data-testid="inquiry-industry"></select>
        <span class="field-error" data-error-for="industry" hidden></span>
      </label>
      <label class="field">
        <span data-i18n="match.investment">计划总投资</span>
        <span class="input-unit"><input type="number" name="investment_wan" min="0" step="any" inputmode="decimal" data-testid="inquiry-investment"><span data-i18n="unit.wan">万元</span></span>
        <span class="field-error" data-error-for="investment_wan" hidden></span>
      </label>
    </div>
    <label class="field">
      <span data-i18n="inquiry.message">留言</span>
      <textarea name="message" rows="4" maxlength="${MAX_MESSAGE}" data-testid="inquiry-message" data-i18n-placeholder="inquiry.message_hint" placeholder=""></textarea>
      <span class="hint counter" data-counter>0 / ${MAX_MESSAGE}</span>
      <span class="field-error" data-error-for="message" hidden></span>
    </label>
    <div class="hp" aria-hidden="true">
      <label>Website <input type="text" name="website" tabindex="-1" autocomplete="off" data-testid="inquiry-website"></label>
    </div>
    <p class="hint privacy" data-i18n="inquiry.privacy">您的信息仅用于园区招商部门与您联系，不会公开显示。</p>
    <p class="form-error" data-testid="inquiry-error" role="alert" hidden></p>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary" data-testid="inquiry-submit"><span data-i18n="inquiry.submit">提交咨询</span></button>
      <button type="button" class="btn btn-quiet" data-action="close-inquiry" data-i18n="inquiry.cancel">取消</button>
    </div>
  </form>
  <section class="inquiry-done" data-testid="inquiry-success" hidden tabindex="-1">
    <div class="done-mark" aria-hidden="true">✓</div>
    <h2 data-i18n="inquiry.thanks">感谢您的咨询</h2>
    <p class="done-message" data-done-message></p>
    <div data-done-contact></div>
    <p class="hint" data-done-reference></p>
    <div class="form-actions"><button type="button" class="btn btn-primary" data-action="close-inquiry" data-i18n="inquiry.done">完成</button></div>
  </section>`;

let dialog = null;
let current = { parcels: [] };
let lastResult = null;

/** "tel:" target of a phone number as shown (0431-80000202 → tel:043180000202). */
function telHref(phone) {
  return `tel:${String(phone).replace(/[^\d+]/g, "")}`;
}

/**
 * A contact card (name, role, phone as a tel: link, e-mail as a mailto: link, and the note
 * of a fictitious demo contact) built with textContent. `testid` marks it for tests.
 */
export function contactCard(contact, { testid = "contact-card", compact = false } = {}) {
  const zh = lang() === "zh";
  const pickText = (field) => (zh ? contact[`${field}_zh`] || contact[`${field}_en`] : contact[`${field}_en`] || contact[`${field}_zh`]) || "";
  const card = el("div", { class: `contact-card${compact ? " is-compact" : ""}`, "data-testid": testid });
  const name = el("p", { class: "contact-name", "data-testid": `${testid}-name` });
  name.textContent = pickText("name");
  const role = el("p", { class: "contact-role" });
  role.textContent = pickText("role");
  card.append(name, role);
  const lines = el("div", { class: "contact-lines" });
  if (contact.phone) {
    const phone = el("a", { class: "contact-line", href: telHref(contact.phone), "data-testid": `${testid}-phone` }, PHONE_ICON);
    phone.append(document.createTextNode(contact.phone));
    lines.append(phone);
  }
  if (contact.email) {
    const mail = el("a", { class: "contact-line", href: `mailto:${contact.email}`, "data-testid": `${testid}-email` }, MAIL_ICON);
    mail.append(document.createTextNode(contact.email));
    lines.append(mail);
  }
  card.append(lines);
  const note = pickText("note");
  if (note) {
    const p = el("p", { class: "contact-note" });
    p.textContent = note;
    card.append(p);
  }
  return card;
}

function build() {
  dialog = el("dialog", { class: "inquiry", "data-testid": "inquiry-dialog", "aria-labelledby": "inquiry-title" }, FORM);
  document.body.append(dialog);
  const form = dialog.querySelector("form");
  dialog.addEventListener("click", (event) => {
    if (event.target.closest("[data-action=close-inquiry]") || event.target === dialog) dialog.close();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(form);
  });
  form.elements.message.addEventListener("input", () => renderCounter(form));
  form.addEventListener("input", (event) => clearError(form, event.target.name));
}

function renderCounter(form) {
  dialog.querySelector("[data-counter]").textContent = `${num(form.elements.message.value.length)} / ${num(MAX_MESSAGE)}`;
}

function fillIndustries(select, chosen) {
  const value = chosen ?? select.value;
  select.innerHTML = `<option value="">${esc(t("match.any"))}</option>${terms("industry")
    .map((term) => `<option value="${esc(term.key)}">${esc(termName("industry", term.key))}</option>`).join("")}`;
  select.value = value || "";
}

function renderParcels() {
  const box = dialog.querySelector("[data-inquiry-parcels]");
  const list = box.querySelector("ul");
  list.replaceChildren(...current.parcels.map((code) => {
    const chip = el("li", { class: "chip mono" });
    chip.textContent = code;
    return chip;
  }));
  box.hidden = current.parcels.length === 0;
}

function clearError(form, name) {
  for (const node of dialog.querySelectorAll("[data-error-for]")) {
    if (!name || node.dataset.errorFor === name) {
      node.hidden = true;
      node.textContent = "";
      form.elements[node.dataset.errorFor]?.removeAttribute("aria-invalid");
    }
  }
  if (!name) dialog.querySelector("[data-testid=inquiry-error]").hidden = true;
}

/** A readable message, in the page's language where the kind of problem is known. */
function fieldMessage(field, detail) {
  const text = detail.replace(/^Value error,\s*/i, "");
  if (/markup|script/i.test(text)) return t("inquiry.error_markup");
  if (/control character/i.test(text)) return t("inquiry.error_control");
  if (field === "contact") return t("inquiry.error_contact");
  if (/at least 1 character|field required|missing/i.test(text)) return t("inquiry.error_required");
  const long = /at most (\d+) character/i.exec(text);
  if (long) return t("inquiry.error_too_long", { n: num(Number(long[1])) });
  if (field === "investment_wan") return t("inquiry.error_amount");
  if (field === "parcels") return t("inquiry.error_parcels", { detail: text });
  return text;
}

function showErrors(form, pairs) {
  let first = null;
  const general = [];
  for (const [field, detail] of pairs) {
    const node = dialog.querySelector(`[data-error-for="${field}"]`);
    if (!node) {
      general.push(field === "website" ? t("inquiry.error_rejected") : fieldMessage(field, detail));
      continue;
    }
    node.textContent = fieldMessage(field, detail);
    node.hidden = false;
    form.elements[field]?.setAttribute("aria-invalid", "true");
    first ??= form.elements[field];
  }
  if (general.length) showGeneral(general.join(" "));
  first?.focus();
}

function showGeneral(message) {
  const error = dialog.querySelector("[data-testid=inquiry-error]");
  error.hidden = false;
  error.textContent = message;
}

function readForm(form) {
  const value = (name) => form.elements[name].value.trim();
  const body = {
    name: value("name"),
    organisation: value("organisation"),
    contact: value("contact"),
    message: form.elements.message.value,
    parcels: current.parcels,
    website: form.elements.website.value,
  };
  if (value("industry")) body.industry = value("industry");
  if (value("investment_wan")) body.investment_wan = Number(value("investment_wan"));
  return body;
}

async function submit(form) {
  clearError(form);
  const body = readForm(form);
  // Empty required fields are caught here: an attempt the server would refuse still counts
  // against the per-address limit.
  const missing = [["name", body.name], ["contact", body.contact]].filter(([, v]) => !v);
  if (missing.length) {
    showErrors(form, missing.map(([field]) => [field, "at least 1 character"]));
    return;
  }
  const button = dialog.querySelector("[data-testid=inquiry-submit]");
  button.disabled = true;
  dialog.setAttribute("aria-busy", "true");
  try {
    lastResult = await postJSON("/inquiries", body, current.zone ? { zone: current.zone } : {});
    form.reset();
    renderCounter(form);
    showDone();
  } catch (err) {
    if (err.status === 422) {
      showErrors(form, splitDetail(err.detail, err.parameter || ""));
    } else if (err.status === 429) {
      const minutes = Math.max(1, Math.ceil((err.retryAfter || 600) / 60));
      showGeneral(t("inquiry.error_rate", { n: minutes }));
    } else {
      showGeneral(t("inquiry.error_failed", { detail: err.detail || err.message }));
    }
  } finally {
    button.disabled = false;
    dialog.removeAttribute("aria-busy");
  }
}

function showDone() {
  const done = dialog.querySelector("[data-testid=inquiry-success]");
  dialog.querySelector("form").hidden = true;
  dialog.querySelector(".dialog-head").hidden = true;
  done.hidden = false;
  renderDone();
  done.focus();
}

function renderDone() {
  if (!lastResult) return;
  const done = dialog.querySelector("[data-testid=inquiry-success]");
  done.querySelector("[data-done-message]").textContent = lastResult.message?.[lang()] || lastResult.message?.zh || "";
  const slot = done.querySelector("[data-done-contact]");
  slot.replaceChildren(lastResult.contact ? contactCard(lastResult.contact, { testid: "inquiry-contact-card" }) : "");
  done.querySelector("[data-done-reference]").textContent = t("inquiry.reference", { id: lastResult.id });
}

/**
 * Open the form for `parcels` (codes of interest), prefilled with `industry` and
 * `investment_wan` when the investor gave them; `zone` is the zone slug.
 */
export function openInquiry({ parcels = [], industry = "", investment_wan = null, zone = "" } = {}) {
  if (!dialog) build();
  current = { parcels: [...new Set(parcels)].slice(0, 10), zone };
  lastResult = null;
  const form = dialog.querySelector("form");
  form.hidden = false;
  dialog.querySelector(".dialog-head").hidden = false;
  dialog.querySelector("[data-testid=inquiry-success]").hidden = true;
  clearError(form);
  applyStatic(dialog);
  fillIndustries(form.elements.industry, industry || form.elements.industry.value);
  if (investment_wan !== null && investment_wan !== undefined && investment_wan !== "" && !form.elements.investment_wan.value) {
    form.elements.investment_wan.value = investment_wan;
  }
  renderParcels();
  renderCounter(form);
  if (!dialog.open) dialog.showModal();
  form.elements.name.focus();
}

/** Redraw the open dialog in a new language (labels by data-i18n, the rest here). */
export function redrawInquiry() {
  if (!dialog) return;
  applyStatic(dialog);
  fillIndustries(dialog.querySelector("form").elements.industry);
  renderDone();
}
