// One mail from the mailbox to the conversation domain: parsed (mailparser), machine mail and
// loops refused (noise.ts), a flood from one sender refused, the sender verified (verify.ts), the
// text cleaned (clean.ts), then received as a new thread or a reply.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Conversations } from '../conversations/service.ts';
import type { Logger } from '../log.ts';
import { LIMITS } from '../../protocol/index.ts';
import { RateLimited, type Limits } from '../security/limits.ts';
import { htmlToSafeText, stripQuotedAndSignature, tidy } from './clean.ts';
import { classifyNoise } from './noise.ts';
import { checkSender, type DNSResolver } from './verify.ts';

export interface InboundDeps {
  conversations: Conversations;
  limits: Limits;
  log: Logger;
  /** Our own address (PORSAN_MAIL_FROM), lower-case: mail from it is our own, never an answer. */
  ownAddress: string | null;
  resolver?: DNSResolver;
}

export type InboundOutcome =
  | { kind: 'received'; conversationId: string; created: boolean }
  | { kind: 'duplicate' }
  | { kind: 'ignored'; reason: string };

const ORIGINAL_MAX = 200_000;

const bare = (id: string) => id.trim().replace(/^<|>$/g, '').trim();

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string; name: string | null } | null {
  const list = (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value);
  const one = list[0];
  if (list.length !== 1 || !one?.address) return null;
  return { address: one.address.toLowerCase(), name: one.name?.trim() || null };
}

export async function handleInbound(raw: Buffer, deps: InboundDeps): Promise<InboundOutcome> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const lines = new Map<string, string>();
  for (const h of mail.headerLines) {
    if (!lines.has(h.key)) lines.set(h.key, h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  const from = firstAddress(mail.from);
  const noise = classifyNoise((name) => lines.get(name), from?.address ?? null);
  if (noise) return ignored(deps, noise, from?.address);
  if (!from) return ignored(deps, 'no single From address');
  if (deps.ownAddress && from.address === deps.ownAddress) return ignored(deps, 'our own mail', from.address);
  const sender = await checkSender(raw, { resolver: deps.resolver });
  const verified = sender.verified && sender.address === from.address;
  // Counted apart for proven and unproven senders: a forger cannot use up a customer's allowance.
  try {
    await deps.limits.take('emailSender', `${verified ? 'verified' : 'unverified'}:${from.address}`);
  } catch (err) {
    if (err instanceof RateLimited) return ignored(deps, 'too many mails from this sender', from.address);
    throw err;
  }
  const html = typeof mail.html === 'string' ? mail.html : null;
  const full = mail.text ?? (html ? htmlToSafeText(html) : '');
  const shown = stripQuotedAndSignature(html ? htmlToSafeText(html) : full);
  const subject = tidy(mail.subject ?? '', 300);
  const text = tidy(shown || subject || '…', LIMITS.messageChars);
  const headerId = mail.messageId ? bare(mail.messageId) : `generated-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@porsan`;
  const refs = [mail.inReplyTo ?? '', ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])]
    .flatMap((r) => r.split(/\s+/))
    .map(bare)
    .filter(Boolean);
  const r = await deps.conversations.email.receive({
    address: from.address,
    name: from.name,
    verified,
    verification: sender.reason,
    subject,
    text,
    original: tidy(full, ORIGINAL_MAX),
    headerId,
    replyTo: [...new Set(refs)].reverse(), // the newest first
  });
  if (!r) return { kind: 'duplicate' };
  if (!verified) deps.log.info({ from: from.address, why: sender.reason, conversation: r.conversation.id }, 'email: unverified sender (kept apart from any customer)');
  return { kind: 'received', conversationId: r.conversation.id, created: r.created };
}

function ignored(deps: InboundDeps, reason: string, from?: string): InboundOutcome {
  deps.log.info({ from, reason }, 'email: ignored');
  return { kind: 'ignored', reason };
}
