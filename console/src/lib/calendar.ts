// Days for the reports: YYYY-MM-DD strings (the server's days), shown and picked in the Persian
// (Jalali) calendar in the Persian console and in the Gregorian calendar in English.
import { jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import type { UiLang } from '../i18n.ts';

export const PERSIAN_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y!, m!, d!];
}

/** Today in the browser's time zone. */
export function todayIso(now = new Date()): string {
  return isoDay(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return isoDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function toPersian(day: string): { jy: number; jm: number; jd: number } {
  const [y, m, d] = parts(day);
  return toJalaali(y, m, d);
}

export function fromPersian(jy: number, jm: number, jd: number): string {
  const g = toGregorian(jy, jm, Math.min(jd, jalaaliMonthLength(jy, jm)));
  return isoDay(g.gy, g.gm, g.gd);
}

export function persianMonthLength(jy: number, jm: number): number {
  return jalaaliMonthLength(jy, jm);
}

/** The first day of the month `day` is in: the Persian month in fa, the Gregorian one in en. */
export function monthStart(day: string, lang: UiLang): string {
  if (lang === 'fa') {
    const { jy, jm } = toPersian(day);
    return fromPersian(jy, jm, 1);
  }
  const [y, m] = parts(day);
  return isoDay(y, m, 1);
}

/** A day as people read it: "۱۵ اسفند ۱۴۰۴" in fa, "6 Mar 2026" in en. */
export function formatDay(day: string, lang: UiLang, style: 'long' | 'short' = 'long'): string {
  const [y, m, d] = parts(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  const opts: Intl.DateTimeFormatOptions = style === 'long' ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', opts).format(date);
}

/** A day in the calendar of the console's language, as YYYY/MM/DD (for CSV files). */
export function calendarDay(day: string, lang: UiLang): string {
  if (lang !== 'fa') return day;
  const { jy, jm, jd } = toPersian(day);
  return `${jy}/${pad(jm)}/${pad(jd)}`;
}
