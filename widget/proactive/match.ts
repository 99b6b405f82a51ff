// The rules' conditions as plain functions of what the page knows (no DOM, no storage), so
// they can be tested on their own. Imports nothing at run time: this chunk must stay apart
// from the app's modules (see vite.config.ts).
import type { BusinessHours, Locale, ProactiveConditions, UrlMatch, WidgetRule } from '../../protocol/index.ts';

/** A visit ends after this long away (as the server counts visits). */
export const VISIT_GAP_MS = 30 * 60 * 1000;

/** Patterns starting with "/" look at the path and query; others at the whole address (no #fragment either way). */
export function urlMatches(m: UrlMatch, url: string): boolean {
  const full = url.replace(/#.*/, '');
  const target = m.value[0] === '/' ? full.replace(/^[a-z][\w+.-]*:\/\/[^/?]*/i, '') || '/' : full;
  if (m.type === 'prefix') return target.startsWith(m.value);
  try {
    const re =
      m.type === 'glob'
        ? new RegExp('^' + m.value.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$')
        : new RegExp(m.value);
    return re.test(target);
  } catch {
    return false;
  }
}

const DAYS: Record<string, string> = { Sun: '0', Mon: '1', Tue: '2', Wed: '3', Thu: '4', Fri: '5', Sat: '6' };

/** Whether `at` falls within the team's opening ranges, in the team's time zone. */
export function withinHours(hours: BusinessHours, at: Date): boolean {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  } catch {
    return false;
  }
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const minute = +get('hour') * 60 + +get('minute');
  return (hours.days[DAYS[get('weekday')] as keyof BusinessHours['days']] ?? []).some((r) => {
    const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(r);
    return !!m && minute >= +m[1]! * 60 + +m[2]! && minute < +m[3]! * 60 + +m[4]!;
  });
}

export interface PageFacts {
  url: string;
  referrer: string;
  locale: Locale;
  visits: number;
  hours?: BusinessHours;
  now: Date;
}

/** The conditions that do not change while the page is open (time on page and scroll depth are watched). */
export function staticConditionsHold(c: ProactiveConditions, p: PageFacts): boolean {
  if (c.url && !urlMatches(c.url, p.url)) return false;
  if (c.referrer && !(p.referrer && urlMatches(c.referrer, p.referrer))) return false;
  if (c.locales && !c.locales.includes(p.locale)) return false;
  if (c.minVisits && p.visits < c.minVisits) return false;
  if (c.hours && (!p.hours || withinHours(p.hours, p.now) !== (c.hours === 'inside'))) return false;
  return true;
}

/** Time on page (seconds) and scroll depth (percent) reached. */
export function liveConditionsHold(c: ProactiveConditions, secondsOnPage: number, scrollPercent: number): boolean {
  return secondsOnPage >= (c.secondsOnPage ?? 0) && scrollPercent >= (c.scrollPercent ?? 0);
}

/**
 * Not shown before to this visitor (`visitor` rules), or not in this visit (`visit` rules).
 * `shownAt`: when the rule's bubble was last shown here (ms), if ever.
 */
export function dueAgain(rule: Pick<WidgetRule, 'frequency'>, shownAt: number | undefined, visitStart: number): boolean {
  if (shownAt === undefined) return true;
  return rule.frequency === 'visit' && shownAt < visitStart;
}

/** Counts visits across page loads: a new one after 30 minutes away. */
export function nextVisit(prev: { n: number; start: number; last: number } | null, now: number): { n: number; start: number; last: number } {
  if (!prev || now - prev.last > VISIT_GAP_MS) return { n: (prev?.n ?? 0) + 1, start: now, last: now };
  return { ...prev, last: now };
}
