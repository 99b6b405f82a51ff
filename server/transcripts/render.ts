// A conversation as plain text for its visitor: what they saw (no internal notes), with times in
// their time zone and labels in the conversation's language. Markdown stays as written.
import type { ChatMessage, Locale } from '../../protocol/index.ts';

const LABELS = {
  title: { fa: 'متن گفتگو', ar: 'نص المحادثة', en: 'Conversation transcript' },
  started: { fa: 'آغاز', ar: 'البداية', en: 'Started' },
  code: { fa: 'کد پیگیری', ar: 'رمز المتابعة', en: 'Tracking code' },
  you: { fa: 'شما', ar: 'أنت', en: 'You' },
  bot: { fa: 'دستیار خودکار', ar: 'المساعد الآلي', en: 'Assistant' },
  agent: { fa: 'پشتیبان', ar: 'الدعم', en: 'Support' },
} satisfies Record<string, Record<Locale, string>>;

const INTL: Record<Locale, string> = { fa: 'fa-IR', ar: 'ar', en: 'en-GB' };

export interface TranscriptInput {
  id: string;
  locale: Locale;
  createdAt: string;
  trackingCode: string | null;
  messages: ChatMessage[];
  /** The visitor's IANA time zone, when known (else UTC). */
  timeZone: string | null;
  siteName?: string;
}

function safeZone(tz: string | null): string {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

export function renderTranscript(c: TranscriptInput): { filename: string; text: string } {
  const l = c.locale;
  const timeZone = safeZone(c.timeZone);
  const full = new Intl.DateTimeFormat(INTL[l], { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const time = new Intl.DateTimeFormat(INTL[l], { hour: '2-digit', minute: '2-digit', timeZone });
  const who = (m: ChatMessage) => (m.author === 'visitor' ? LABELS.you[l] : m.author === 'bot' ? LABELS.bot[l] : m.agentName || LABELS.agent[l]);
  const lines = [
    `${c.siteName ? c.siteName + ' — ' : ''}${LABELS.title[l]}`,
    `${LABELS.started[l]}: ${full.format(new Date(c.createdAt))} (${timeZone})`,
    ...(c.trackingCode ? [`${LABELS.code[l]}: ${c.trackingCode}`] : []),
    '',
  ];
  for (const m of c.messages) {
    if (m.meta?.type === 'note') continue;
    const at = time.format(new Date(m.createdAt));
    if (m.author === 'system') lines.push(`[${at}] — ${m.text}`);
    else lines.push(`[${at}] ${who(m)}:`, ...m.text.split('\n').map((line) => `  ${line}`));
  }
  const day = new Date(c.createdAt).toISOString().slice(0, 10);
  return { filename: `transcript-${day}-${c.id.slice(0, 8)}.txt`, text: lines.join('\n') + '\n' };
}
