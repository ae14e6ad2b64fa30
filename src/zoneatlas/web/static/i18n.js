// Interface strings in Chinese and English. The dictionaries live in i18n.json so that the
// page and the test suite (which checks both languages have the same keys) read one file.
// Vocabulary names (land use, status, industry, ...) come from /api/vocab, not from here.

export const LANGS = ["zh", "en"];
const STORAGE_KEY = "zoneatlas.lang";

let dictionaries = { zh: {}, en: {} };
let current = "zh";
const listeners = new Set();

export async function loadDictionaries(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  dictionaries = await response.json();
}

export function lang() {
  return current;
}

/** The language to start in: ?lang= in the URL, then the saved choice, then the server's. */
export function initialLang(serverLang) {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (LANGS.includes(fromUrl)) return fromUrl;
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage may be disabled (private mode); the URL still carries the choice
  }
  if (LANGS.includes(saved)) return saved;
  return LANGS.includes(serverLang) ? serverLang : "zh";
}

/**
 * Switch language: update <html lang> and every data-i18n element, notify listeners. A
 * user's choice (`persist`) is saved in localStorage and put in the URL as ?lang=.
 */
export function setLang(next, { persist = true } = {}) {
  if (!LANGS.includes(next)) return;
  current = next;
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore: see initialLang
    }
    const url = new URL(location.href);
    url.searchParams.set("lang", next);
    history.replaceState(history.state, "", url);
  }
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
  document.body.dataset.lang = next;
  applyStatic(document);
  for (const listener of listeners) listener(next);
}

export function onLangChange(listener) {
  listeners.add(listener);
}

/** Translate `key`, filling `{name}` placeholders from `params`. Missing keys show the key. */
export function t(key, params = {}) {
  const text = dictionaries[current]?.[key] ?? dictionaries.zh?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** The zh or en member of a record with name_zh/name_en (or title_zh, ...), falling back. */
export function pick(record, field = "name") {
  if (!record) return "";
  const other = current === "zh" ? "en" : "zh";
  return record[`${field}_${current}`] || record[`${field}_${other}`] || "";
}

/** Fill elements carrying data-i18n (text), data-i18n-title, data-i18n-aria-label. */
export function applyStatic(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll("[data-i18n-aria-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  }
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
}

const formatters = new Map();

/** Format a number with thousands separators and a fixed number of decimals. */
export function num(value, decimals = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return t("value.none");
  const key = `${current}:${decimals}`;
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.NumberFormat(current === "zh" ? "zh-CN" : "en-GB", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }));
  }
  return formatters.get(key).format(Number(value));
}

/** Format a number with up to `decimals` decimals, dropping trailing zeros (2.0 → 2). */
export function numShort(value, decimals = 2) {
  if (value === null || value === undefined) return t("value.none");
  return new Intl.NumberFormat(current === "zh" ? "zh-CN" : "en-GB", {
    maximumFractionDigits: decimals,
  }).format(Number(value));
}
