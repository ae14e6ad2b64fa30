// Start an investor page (site matching, compare): the dictionaries and the language (the
// map page's choice, kept in localStorage and ?lang=), the zone's name and data notice in
// the header, the vocabularies, and the compare tray's count in the page links.
import { getJSON, setApiBase } from "./api.js";
import { initialLang, lang, loadDictionaries, onLangChange, pick, setLang, t } from "./i18n.js";
import { onTrayChange, trayCodes } from "./tray.js";
import { setVocab } from "./vocab.js";

const body = document.body;
const $ = (selector) => document.querySelector(selector);

function renderChrome(zone, titleKey) {
  const zoneName = pick(zone);
  $("[data-testid=zone-name]").textContent = zoneName;
  document.title = `${t(titleKey)} · ${zoneName}`;
  for (const button of document.querySelectorAll("[data-testid=lang-switch] [data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang()));
  }
  const notice = $("[data-testid=notice]");
  const text = pick(zone, "notice");
  notice.hidden = !text;
  for (const node of notice.querySelectorAll("[data-notice-text]")) node.textContent = text;
  const open = notice.classList.contains("open");
  notice.querySelector(".notice-full").hidden = !open;
  notice.querySelector("[data-notice-more]").textContent = t(open ? "notice.less" : "notice.more");
  // Page links keep the language, so a shared link opens as the reader chose.
  for (const link of document.querySelectorAll(".page-nav a, a.brand")) {
    const url = new URL(link.getAttribute("href"), location.origin);
    url.searchParams.set("lang", lang());
    link.setAttribute("href", `${url.pathname}${url.search}`);
  }
}

function renderTrayCount() {
  const count = $("[data-tray-count]");
  if (!count) return;
  const n = trayCodes().length;
  count.hidden = n === 0;
  count.textContent = String(n);
}

/**
 * Load what every investor page needs and wire the header. `titleKey` names the page's
 * title in i18n.json. Resolves to {zone, vocab}; `onLang` runs after every language switch.
 */
export async function startPage({ titleKey, onLang }) {
  setApiBase(body.dataset.apiUrl || "/api");
  await loadDictionaries(`${body.dataset.staticUrl || "/static"}/i18n.json`);
  setLang(initialLang(body.dataset.lang || "zh"), { persist: false });
  const [zones, vocab] = await Promise.all([getJSON("/zones"), getJSON("/vocab")]);
  setVocab(vocab);
  const slug = new URLSearchParams(location.search).get("zone") || body.dataset.zone;
  const zone = zones.find((z) => z.slug === slug) || zones[0];
  if (!zone) throw new Error("no zone");
  renderChrome(zone, titleKey);
  renderTrayCount();
  onTrayChange(renderTrayCount);

  $("[data-testid=lang-switch]").addEventListener("click", (event) => {
    const button = event.target.closest("[data-lang]");
    if (button && button.dataset.lang !== lang()) setLang(button.dataset.lang);
  });
  const notice = $("[data-testid=notice]");
  notice.querySelector("button").addEventListener("click", () => {
    const open = notice.classList.toggle("open");
    notice.querySelector("button").setAttribute("aria-expanded", String(open));
    renderChrome(zone, titleKey);
  });
  onLangChange(() => {
    renderChrome(zone, titleKey);
    onLang?.();
  });
  return { zone, vocab };
}

/** Show a start-up failure in place of the page's content. */
export function showStartError(error, container) {
  console.error(error);
  const message = document.createElement("p");
  message.className = "form-error";
  message.setAttribute("role", "alert");
  message.textContent = t("app.load_error", { detail: error.detail || error.message });
  container.replaceChildren(message);
}
