// Interface language: one message table per language (messages/*.js), the
// choice kept in localStorage, <html lang/dir> set from it (rtl for ar, he).
import ar from './messages/ar.js';
import en from './messages/en.js';
import he from './messages/he.js';

export const LANGS = {en, ar, he};
const RTL = new Set(['ar', 'he']);
let current = 'en';

function initial() {
  let stored = '';
  try {
    stored = localStorage.getItem('tahqiq.lang') || '';
  } catch {
    // Storage can be disabled; the browser language is the fallback.
  }
  if (LANGS[stored]) return stored;
  const nav = (navigator.language || 'en').slice(0, 2);
  return LANGS[nav] ? nav : 'en';
}

export function setLang(lang) {
  current = LANGS[lang] ? lang : 'en';
  try {
    localStorage.setItem('tahqiq.lang', current);
  } catch {
    // Not kept across reloads then; nothing else depends on it.
  }
  document.documentElement.lang = current;
  document.documentElement.dir = RTL.has(current) ? 'rtl' : 'ltr';
}

export function lang() {
  return current;
}

// t('search.total', 12) -> "12 documents"; a missing key falls back to
// English, then to the key itself, so a gap is visible but harmless.
export function t(key, ...args) {
  const s = LANGS[current][key] ?? en[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => (args[i] === undefined ? '' : String(args[i])));
}

// Whether `key` has a message (in English at least).
export function hasMessage(key) {
  return Object.prototype.hasOwnProperty.call(en, key);
}

// Numbers in the interface language's digits and grouping.
export function num(n) {
  return new Intl.NumberFormat(current === 'ar' ? 'ar' : current).format(n);
}

setLang(initial());
