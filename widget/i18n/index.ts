// UI strings and locale-aware formatting (Persian digits and calendar for fa).
// Each language is its own chunk (dist/widget/fa.js …): a visitor downloads only theirs.
import type { Locale } from '../../protocol/index.ts';
import type { Strings } from './en.ts';

export type { Strings };

const loaded: Partial<Record<Locale, Strings>> = {};

export function loadStrings(locale: Locale): Promise<Strings> {
  const have = loaded[locale];
  if (have) return Promise.resolve(have);
  const mod = locale === 'fa' ? import('./fa.ts') : locale === 'ar' ? import('./ar.ts') : import('./en.ts');
  return mod.then((m) => (loaded[locale] = m.default));
}

/** The strings of a locale already loaded with `loadStrings`. */
export function strings(locale: Locale): Strings {
  return loaded[locale] || (loaded.en as Strings) || Object.values(loaded)[0]!;
}

const TAG: Record<Locale, string> = { fa: 'fa-IR', ar: 'ar', en: 'en' };

export function num(locale: Locale, n: number): string {
  return new Intl.NumberFormat(TAG[locale]).format(n);
}

/** The wait while queued: "about 3 minutes", "less than a minute" (in the locale's words and digits). */
export function eta(locale: Locale, t: Strings, seconds: number): string {
  return seconds < 60 ? t.etaSoon : t.eta(new Intl.NumberFormat(TAG[locale], { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(Math.round(seconds / 60)));
}

/** "14:05" (or "۱۴:۰۵") and the full date for a title attribute. */
export function times(locale: Locale, iso: string): { short: string; full: string } {
  const d = new Date(iso);
  if (isNaN(+d)) return { short: '', full: '' };
  return {
    short: new Intl.DateTimeFormat(TAG[locale], { hour: '2-digit', minute: '2-digit' }).format(d),
    full: new Intl.DateTimeFormat(TAG[locale], { dateStyle: 'full', timeStyle: 'short' }).format(d),
  };
}
