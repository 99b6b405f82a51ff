// Webhook targets must be on the public internet: a URL that resolves to a private, loopback,
// link-local (cloud metadata) or otherwise special address is refused — when it is registered,
// and again at every connection (the address is checked as it is connected to, so a name that
// later resolves elsewhere cannot slip through). PORSAN_WEBHOOK_ALLOW_PRIVATE=true lifts this
// (tests, and deployments whose receivers live in their own network).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export class UnsafeTarget extends Error {}

/** Only ordinary public unicast addresses; IPv4 written as IPv6 is judged as IPv4. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

function refuse(host: string, address: string): UnsafeTarget {
  return new UnsafeTarget(`${host} is ${address === host ? 'a' : `at ${address}, a`} private, loopback or link-local address`);
}

/** The URL as a webhook target: http(s), no credentials in it, and (unless allowed) public addresses only. */
export async function checkTarget(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeTarget('not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeTarget('only http and https URLs');
  if (url.username || url.password) throw new UnsafeTarget('no user name or password in the URL');
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  const bad = addresses.find((a) => !isPublicAddress(a));
  if (bad !== undefined) throw refuse(host, bad);
  return url;
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, list) => {
      if (err || list.length === 0) reject(new UnsafeTarget(`${host} does not resolve`));
      else resolve(list.map((a) => a.address));
    });
  });
}

/**
 * For http.request's `lookup`: resolves like the system does, and fails the connection when any
 * address the name resolves to is not public.
 */
export function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (err, list: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const bad = list.find((a) => !isPublicAddress(a.address));
      if (bad || list.length === 0) return callback(refuse(hostname, bad?.address ?? hostname), '', 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, l: LookupAddress[]) => void)(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}
