// Mail that must never open a conversation or get an answer (RFC 3834 and how mail systems
// really mark their machine mail): automatic messages, bounces, vacation replies, list mail.
// Answering any of them is how mail loops start.

/** Header names lower-case, values as they came (the first of each when repeated). */
export type HeaderLookup = (name: string) => string | undefined;

export type Noise = 'auto-submitted' | 'bounce' | 'vacation' | 'list';

const LIST_HEADERS = ['list-id', 'list-unsubscribe', 'list-post', 'list-help', 'list-subscribe', 'list-owner', 'list-archive'];
const DSN_TYPES = /^multipart\/report\b[^]*report-type\s*=\s*"?(delivery-status|disposition-notification)/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|noreply-dmarc-support)@/i;

/** Why this mail is machine mail, or null for a person's mail. */
export function classifyNoise(header: HeaderLookup, from: string | null): Noise | null {
  const auto = header('auto-submitted')?.trim().toLowerCase();
  if (auto && !auto.startsWith('no')) return 'auto-submitted';
  const type = header('content-type') ?? '';
  if (DSN_TYPES.test(type) || /^message\/(delivery-status|disposition-notification)/i.test(type)) return 'bounce';
  const returnPath = header('return-path')?.trim();
  if (returnPath !== undefined && /^<\s*>$/.test(returnPath)) return 'bounce'; // the null sender: bounces and other notices
  if (from && DAEMON.test(from)) return 'bounce';
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined || header('x-autoreply-from') !== undefined || header('x-mail-autoreply') !== undefined) return 'vacation';
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply') return 'vacation';
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'list';
  if (header('x-auto-response-suppress')?.toLowerCase().includes('all') && /^(auto|out of office|automatic reply)/i.test(header('subject') ?? '')) return 'vacation';
  if (LIST_HEADERS.some((h) => header(h) !== undefined)) return 'list';
  return null;
}
