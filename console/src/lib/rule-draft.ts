// A proactive rule as the form edits it (text fields), and back to what the API takes.
import type { Locale, ProactiveRule, ProactiveRuleInput, UrlMatch } from '../../../protocol/index.ts';

export const RULE_LOCALES: Locale[] = ['fa', 'ar', 'en'];

export interface RuleDraft {
  name: string;
  enabled: boolean;
  urlType: '' | UrlMatch['type'];
  urlValue: string;
  referrerType: '' | UrlMatch['type'];
  referrerValue: string;
  seconds: string;
  scroll: string;
  visits: string;
  locales: Locale[];
  hours: '' | 'inside' | 'outside';
  messages: Record<Locale, string>;
  delay: string;
  frequency: 'visitor' | 'visit';
}

export const EMPTY_DRAFT: RuleDraft = {
  name: '',
  enabled: true,
  urlType: 'prefix',
  urlValue: '',
  referrerType: '',
  referrerValue: '',
  seconds: '',
  scroll: '',
  visits: '',
  locales: [],
  hours: '',
  messages: { fa: '', ar: '', en: '' },
  delay: '0',
  frequency: 'visitor',
};

export function draftOf(r: ProactiveRule): RuleDraft {
  const c = r.conditions;
  return {
    name: r.name,
    enabled: r.enabled,
    urlType: c.url?.type ?? '',
    urlValue: c.url?.value ?? '',
    referrerType: c.referrer?.type ?? '',
    referrerValue: c.referrer?.value ?? '',
    seconds: c.secondsOnPage === undefined ? '' : String(c.secondsOnPage),
    scroll: c.scrollPercent === undefined ? '' : String(c.scrollPercent),
    visits: c.minVisits === undefined ? '' : String(c.minVisits),
    locales: c.locales ?? [],
    hours: c.hours ?? '',
    messages: { fa: r.messages.fa ?? '', ar: r.messages.ar ?? '', en: r.messages.en ?? '' },
    delay: String(r.delaySeconds),
    frequency: r.frequency,
  };
}

const whole = (s: string, min: number, max: number): number | undefined | null => {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** What to send, or the name of the first field that is not right. */
export function inputOf(d: RuleDraft): { ok: true; rule: ProactiveRuleInput } | { ok: false; field: string } {
  if (!d.name.trim()) return { ok: false, field: 'name' };
  const seconds = whole(d.seconds, 0, 3600);
  const scroll = whole(d.scroll, 0, 100);
  const visits = whole(d.visits, 1, 1000);
  const delay = whole(d.delay, 0, 3600) ?? 0;
  if (seconds === null) return { ok: false, field: 'seconds' };
  if (scroll === null) return { ok: false, field: 'scroll' };
  if (visits === null) return { ok: false, field: 'visits' };
  if (delay === null) return { ok: false, field: 'delay' };
  if (d.urlType && !d.urlValue.trim()) return { ok: false, field: 'url' };
  if (d.referrerType && !d.referrerValue.trim()) return { ok: false, field: 'referrer' };
  const messages = Object.fromEntries(RULE_LOCALES.filter((l) => d.messages[l].trim()).map((l) => [l, d.messages[l].trim()]));
  if (Object.keys(messages).length === 0) return { ok: false, field: 'messages' };
  return {
    ok: true,
    rule: {
      name: d.name.trim(),
      enabled: d.enabled,
      conditions: {
        ...(d.urlType && { url: { type: d.urlType, value: d.urlValue.trim() } }),
        ...(d.referrerType && { referrer: { type: d.referrerType, value: d.referrerValue.trim() } }),
        ...(seconds !== undefined && { secondsOnPage: seconds }),
        ...(scroll !== undefined && { scrollPercent: scroll }),
        ...(visits !== undefined && { minVisits: visits }),
        ...(d.locales.length > 0 && { locales: d.locales }),
        ...(d.hours && { hours: d.hours }),
      },
      messages,
      delaySeconds: delay,
      frequency: d.frequency,
    },
  };
}
