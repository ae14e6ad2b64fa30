// The compare tray: up to four parcel codes kept in localStorage, so that parcels picked on
// the match page, on the map or in another tab end up on one compare page. The sticky bar
// (match page) shows the codes with a remove button each and the "对比 / Compare" link.
import { t } from "./i18n.js";
import { el } from "./util.js";

const STORAGE_KEY = "zoneatlas.compare";
export const TRAY_MAX = 4;
const listeners = new Set();
let memory = []; // when localStorage is unavailable (private mode), the tray lives here

function read() {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) || "[]");
    if (Array.isArray(stored)) return stored.filter((c) => typeof c === "string").slice(0, TRAY_MAX);
  } catch {
    // unreadable or disabled storage: fall back to memory
  }
  return memory;
}

function write(codes) {
  memory = codes;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(codes));
  } catch {
    // see read()
  }
  for (const listener of listeners) listener(codes);
}

export function trayCodes() {
  return [...read()];
}

export function inTray(code) {
  return read().includes(code);
}

/** Add `code`; returns false (and changes nothing) when the tray is full. */
export function addToTray(code) {
  const codes = read();
  if (codes.includes(code)) return true;
  if (codes.length >= TRAY_MAX) return false;
  write([...codes, code]);
  return true;
}

export function removeFromTray(code) {
  write(read().filter((c) => c !== code));
}

/** Add or remove `code`; returns {added, full}. */
export function toggleInTray(code) {
  if (inTray(code)) {
    removeFromTray(code);
    return { added: false, full: false };
  }
  const added = addToTray(code);
  return { added, full: !added };
}

export function clearTray() {
  write([]);
}

export function onTrayChange(listener) {
  listeners.add(listener);
}

window.addEventListener("storage", (event) => {
  if (event.key !== STORAGE_KEY) return;
  const codes = read();
  for (const listener of listeners) listener(codes);
});

/** The compare page's URL for `codes`, carrying `extra` query parameters (the project). */
export function compareUrl(codes, extra = {}) {
  const url = new URL("/compare", location.origin);
  url.searchParams.set("codes", codes.join(","));
  for (const [name, value] of Object.entries(extra)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  return `${url.pathname}${url.search}`;
}

/**
 * Draw the sticky tray bar into `root` (hidden when empty). `extra()` returns query
 * parameters for the compare link (the project facts and the language).
 */
export function renderTrayBar(root, extra = () => ({})) {
  const codes = trayCodes();
  root.hidden = codes.length === 0;
  document.body.classList.toggle("has-tray", codes.length > 0);
  if (!codes.length) {
    root.replaceChildren();
    return;
  }
  const list = el("ul", { class: "tray-items", "aria-label": t("tray.label") });
  for (const code of codes) {
    const item = el("li", { class: "tray-item" });
    item.append(el("span", { class: "mono" }));
    item.firstChild.textContent = code;
    const remove = el("button", {
      type: "button",
      class: "tray-remove",
      "data-remove": code,
      "aria-label": t("tray.remove", { code }),
    }, '<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>');
    item.append(remove);
    list.append(item);
  }
  const ready = codes.length >= 2;
  const go = ready
    ? el("a", { class: "btn btn-primary", href: compareUrl(codes, extra()), "data-testid": "tray-compare" })
    : el("span", { class: "btn btn-primary is-disabled", "aria-disabled": "true", "data-testid": "tray-compare" });
  go.textContent = ready ? t("tray.compare", { n: codes.length }) : t("tray.need_more");
  const head = el("p", { class: "tray-title" });
  head.textContent = t("tray.title", { n: codes.length, max: TRAY_MAX });
  const text = el("div", { class: "tray-text" });
  text.append(head, list);
  root.replaceChildren(text, go);
}

/** Wire the remove buttons of the bar in `root` (once). */
export function wireTrayBar(root) {
  root.addEventListener("click", (event) => {
    const remove = event.target.closest("[data-remove]");
    if (remove) removeFromTray(remove.dataset.remove);
  });
}
