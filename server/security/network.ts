// Who is asking, and from which page: the client's address and the server's own origin,
// read the same way for Express requests and Socket.IO handshakes. X-Forwarded-* headers are
// believed only from proxies the operator trusts (PORSAN_TRUST_PROXY), never by default.
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Express's `trust proxy` value and the same rule as a function of (address, hop index). */
export interface ProxyTrust {
  setting: false | number | string[];
  trusts: (address: string, hop: number) => boolean;
}

/** `''`/`false` → trust nobody; a number → that many hops; otherwise a comma list of addresses, CIDRs or proxy-addr names. */
export function proxyTrust(value: string | undefined): ProxyTrust {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return { setting: false, trusts: () => false };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return { setting: hops, trusts: (_a, i) => i < hops };
  }
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  return { setting: list, trusts: proxyaddr.compile(list) };
}

/** The client's address: the socket peer, or the first untrusted hop of X-Forwarded-For behind trusted proxies. */
export function clientAddress(req: IncomingMessage, trust: ProxyTrust): string {
  try {
    return proxyaddr(req as Parameters<typeof proxyaddr>[0], trust.trusts);
  } catch {
    return req.socket?.remoteAddress ?? 'unknown';
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(',')[0]?.trim() || undefined;
}

/**
 * The origin this server is reached at: the configured public URL, else the request's own
 * Host (and X-Forwarded-Host/Proto only when the peer is a trusted proxy).
 */
export function ownOrigin(req: IncomingMessage, publicOrigin: string | null, trust: ProxyTrust): string | null {
  if (publicOrigin) return publicOrigin;
  const peer = req.socket?.remoteAddress ?? '';
  const viaProxy = peer !== '' && trust.trusts(peer, 0);
  const host = (viaProxy && firstHeader(req.headers['x-forwarded-host'])) || firstHeader(req.headers.host);
  if (!host) return null;
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const proto = (viaProxy && firstHeader(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
  return normalizeOrigin(`${proto}://${host}`);
}

/** `scheme://host[:port]` in the form browsers send in the Origin header, or null. */
export function normalizeOrigin(value: string): string | null {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** The Origin header, if the client sent one (browsers always do on cross-site and WebSocket requests). */
export function requestOrigin(req: IncomingMessage): string | undefined {
  const o = req.headers.origin;
  return typeof o === 'string' && o !== '' ? o : undefined;
}
