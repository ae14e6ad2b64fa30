// The controlled vocabularies from /api/vocab (land use, status, industry, development
// level), each term with zh and en names, a national code and a display colour.
import { lang } from "./i18n.js";

let vocabularies = {};

export function setVocab(data) {
  vocabularies = data || {};
}

export function terms(name) {
  return vocabularies[name] || [];
}

export function term(name, key) {
  return terms(name).find((t) => t.key === key) || null;
}

/** The term's name in the current language; an unknown key is shown as it is. */
export function termName(name, key) {
  const found = term(name, key);
  if (!found) return key ?? "";
  return found[lang()] || found.zh || found.en || key;
}

export function termColor(name, key, fallback = "#9aa3ad") {
  return term(name, key)?.color || fallback;
}

/** A MapLibre `match` expression colouring features by the term key in `property`. */
export function colorExpression(name, property, fallback = "#9aa3ad") {
  const list = terms(name);
  if (!list.length) return fallback;
  return ["match", ["get", property], ...list.flatMap((t) => [t.key, t.color || fallback]), fallback];
}
