// Is the From address really the sender's? Only when a DKIM signature that verifies belongs to
// the From domain (relaxed alignment, as DMARC counts it), or SPF passes for the envelope sender
// and that sender's domain aligns with From. Anything else is unverified: it may be anyone.
// mailauth does the cryptography and the DNS; the client address for SPF is read from the
// newest Received header (the one the mailbox's own MX wrote), as mailauth's trustReceived does.
import { createRequire } from 'node:module';
import { authenticate, type DNSResolver } from 'mailauth';

const require = createRequire(import.meta.url);
// mailauth's own alignment rule (organizational domains through the public suffix list).
const { getAlignment } = require('mailauth/lib/tools.js') as { getAlignment: (fromDomain: string, domains: string[], strict?: boolean) => { domain: string } | false | undefined };

export type { DNSResolver };

export interface SenderCheck {
  /** The From address, lower-case; null when there is not exactly one. */
  address: string | null;
  verified: boolean;
  /** How it was verified, or why not (shown to agents). */
  reason: string;
}

export async function checkSender(raw: Buffer, opts: { resolver?: DNSResolver; mta?: string } = {}): Promise<SenderCheck> {
  let result: Awaited<ReturnType<typeof authenticate>>;
  try {
    result = await authenticate(raw, { trustReceived: true, resolver: opts.resolver, mta: opts.mta ?? 'porsan', disableArc: true, disableBimi: true, disableDmarc: true });
  } catch (err) {
    return { address: null, verified: false, reason: `not checked: ${err instanceof Error ? err.message : String(err)}` };
  }
  const froms = result.dkim.headerFrom ?? [];
  const address = froms.length === 1 ? froms[0]!.toLowerCase() : null;
  if (!address) return { address: null, verified: false, reason: 'not exactly one From address' };
  const fromDomain = address.split('@').pop() ?? '';
  const dkim = result.dkim.results.find((r) => r.status.result === 'pass' && r.status.aligned);
  if (dkim) return { address, verified: true, reason: `dkim=pass (${dkim.signingDomain})` };
  const spf = result.spf;
  if (spf && spf.status.result === 'pass' && spf.domain && getAlignment(fromDomain, [spf.domain])) return { address, verified: true, reason: `spf=pass (${spf.domain})` };
  const dkimSeen = result.dkim.results.map((r) => `dkim=${r.status.result}${r.signingDomain ? ` (${r.signingDomain})` : ''}`).join(', ') || 'dkim=none';
  return { address, verified: false, reason: `${dkimSeen}; spf=${spf ? spf.status.result : 'none'}` };
}
