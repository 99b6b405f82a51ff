// What the system says when a visitor asks for a person, composed from how things really are:
// their place in the queue and the expected wait, or why nobody can answer now (the team is away,
// outside the business hours in the settings, nobody online). Said once, by the system.
import type { BusinessHours, HandoffReason, Locale } from '../../protocol/index.ts';
import { botText } from './bot-text.ts';
import type { Context } from './context.ts';
import { nowIso } from './drafts.ts';
import type { MessageDraft } from './model.ts';

const TAG: Record<Locale, string> = { fa: 'fa-IR', ar: 'ar', en: 'en-GB' };

/** The system's handoff message: queued at a live position (with the wait), or nobody can answer (and why). */
export async function handoffDraft(ctx: Context, locale: Locale, reason: HandoffReason, conversationId: string): Promise<{ draft: MessageDraft; queued: boolean }> {
  const meta = { type: 'handoff', reason } as const;
  const why = await ctx.team.unavailableBecause();
  if (why) {
    const text =
      why === 'away' ? botText('unavailableAway', locale)
      : why === 'closed' ? botText('unavailableClosed', locale, { hours: describeHours(ctx.team.settings().hours, locale) })
      : botText('unavailableNobodyOnline', locale);
    return { draft: { clientId: null, author: 'system', text, meta }, queued: false };
  }
  // Joining now, it goes after everyone already waiting.
  const position = await ctx.store.conversations.queuePosition({ id: conversationId, queuedAt: nowIso() });
  const seconds = (await ctx.estimator())(position);
  return { draft: { clientId: null, author: 'system', text: queuedText(locale, position, seconds), meta }, queued: true };
}

export function queuedText(locale: Locale, position: number, etaSeconds: number | null): string {
  const minutes = (m: number) => new Intl.NumberFormat(TAG[locale], { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(m);
  const wait = etaSeconds === null ? '' : etaSeconds < 60 ? botText('queuedEtaSoon', locale) : botText('queuedEta', locale, { wait: minutes(Math.round(etaSeconds / 60)) });
  return botText('queuedAt', locale, { position: new Intl.NumberFormat(TAG[locale]).format(position), eta: wait });
}

const DAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;

/**
 * The opening hours as a sentence part, in the visitor's language: consecutive days with the same
 * ranges grouped ("Saturday–Thursday 09:00–18:00"), then the time zone ("Iran Time").
 */
export function describeHours(hours: BusinessHours, locale: Locale): string {
  // The same few settings are described again for every visitor who asks outside them, and the
  // Intl formatters behind it cost more than the rest of a bot turn: kept per settings and language.
  const key = `${locale}|${JSON.stringify(hours)}`;
  let text = described.get(key);
  if (text === undefined) {
    if (described.size >= 100) described.clear();
    described.set(key, (text = describe(hours, locale)));
  }
  return text;
}
const described = new Map<string, string>();

function describe(hours: BusinessHours, locale: Locale): string {
  const tag = TAG[locale];
  const dayName = (d: number) => new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + d)));
  const digits = new Intl.NumberFormat(tag, { minimumIntegerDigits: 2, useGrouping: false });
  const clock = (hm: string) => hm.split(':').map((n) => digits.format(Number(n))).join(':');
  const ranges = (d: number) => hours.days[DAYS[d]!].map((r) => r.split('-').map(clock).join('–')).join(locale === 'en' ? ', ' : '، ');
  // Start the week after a closed day, so a run like Saturday–Thursday is not cut at Sunday.
  const closed = DAYS.findIndex((d) => hours.days[d].length === 0);
  const start = closed < 0 ? 0 : (closed + 1) % 7;
  const groups: { from: number; to: number; text: string }[] = [];
  for (let i = 0; i < 7; i++) {
    const d = (start + i) % 7;
    const text = ranges(d);
    if (!text) continue;
    const last = groups.at(-1);
    if (last && last.text === text && (last.to + 1) % 7 === d) last.to = d;
    else groups.push({ from: d, to: d, text });
  }
  const zone = new Intl.DateTimeFormat(tag, { timeZone: hours.timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? hours.timeZone;
  const sep = locale === 'en' ? '; ' : '؛ ';
  const days = groups.map((g) => `${g.from === g.to ? dayName(g.from) : `${dayName(g.from)}–${dayName(g.to)}`} ${g.text}`).join(sep);
  return `${days} (${zone})`;
}
