// Figures as people read them, in the console's language: durations, shares, counts.
import type { Translate, UiLang } from '../i18n.ts';
import { intlTag } from '../i18n.ts';

export function formatNumber(n: number, lang: UiLang, digits = 0): string {
  return n.toLocaleString(intlTag(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatShare(rate: number | null, lang: UiLang): string | null {
  if (rate === null) return null;
  return new Intl.NumberFormat(intlTag(lang), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** 45 s, 3.5 min, 2.2 h: the unit that keeps the number short. */
export function formatDuration(seconds: number | null, t: Translate, lang: UiLang): string | null {
  if (seconds === null) return null;
  if (seconds < 90) return t('durS', { n: formatNumber(Math.round(seconds), lang) });
  if (seconds < 90 * 60) return t('durM', { n: formatNumber(seconds / 60, lang, seconds < 600 ? 1 : 0) });
  return t('durH', { n: formatNumber(seconds / 3600, lang, 1) });
}

/** Weekday names, Sunday = 0, in the console's language. */
export function weekdayNames(lang: UiLang): string[] {
  const f = new Intl.DateTimeFormat(intlTag(lang), { weekday: 'long', timeZone: 'UTC' });
  // 2026-03-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2026, 2, 1 + i))));
}

/** The week as it is read: from Saturday in Persian, from Monday in English. */
export function weekOrder(lang: UiLang): number[] {
  return lang === 'fa' ? [6, 0, 1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 0];
}
