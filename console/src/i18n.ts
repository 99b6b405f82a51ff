// The console's own UI language (not the visitors'): English by default, Persian (RTL) on request.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { HandoffReason, Locale } from '../../protocol/index.ts';
import { en } from './strings/en.ts';
import { fa } from './strings/fa.ts';

export type UiLang = 'en' | 'fa';
const STORAGE_KEY = 'porsan.console.lang';

export type StringKey = keyof typeof en;

const TABLES: Record<UiLang, Record<StringKey, string>> = { en, fa };

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export function translator(lang: UiLang): Translate {
  const table = TABLES[lang];
  return (key, vars) => {
    let s = table[key];
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll('{' + k + '}', formatNumber(lang, v));
    return s;
  };
}

function formatNumber(lang: UiLang, v: string | number): string {
  return typeof v === 'number' ? v.toLocaleString(lang === 'fa' ? 'fa-IR' : 'en-US') : v;
}

/** Persian digits in the Persian UI, for strings built by hand (clock-like durations). */
export function localDigits(lang: UiLang, s: string): string {
  return lang === 'fa' ? s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]) : s;
}

export function dirOf(lang: UiLang): 'rtl' | 'ltr' {
  return lang === 'fa' ? 'rtl' : 'ltr';
}

/** BCP 47 tag for Intl formatting in the console's language. */
export function intlTag(lang: UiLang): string {
  return lang === 'fa' ? 'fa-IR' : 'en-GB';
}

export function loadLang(): UiLang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'fa' ? 'fa' : 'en';
  } catch {
    return 'en';
  }
}

export function saveLang(lang: UiLang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** Applies the language to <html> so the whole layout flips through CSS logical properties. */
export function applyLang(lang: UiLang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = dirOf(lang);
}

export function localeName(t: Translate, locale: Locale): string {
  return t(('lang_' + locale) as StringKey);
}

export function reasonText(t: Translate, reason: HandoffReason): string {
  return t(('reason_' + reason) as StringKey);
}

export interface I18n {
  lang: UiLang;
  t: Translate;
  setLang: (lang: UiLang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'en', t: translator('en'), setLang: () => {} });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
