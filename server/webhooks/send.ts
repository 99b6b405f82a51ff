// One attempt: POST the delivery's body, signed per the Standard Webhooks specification
// (webhook-id, webhook-timestamp, webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>"
// with the endpoint's whsec_ key). 2xx is delivered; redirects are not followed (a 3xx is a failed
// attempt, so a redirect cannot lead to a private address); private targets are refused at connect.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { isPublicAddress, publicOnlyLookup, UnsafeTarget } from './ssrf.ts';

export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  signal?: AbortSignal;
}

export function signatureHeaders(secret: string, id: string, body: string, at = new Date()): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

export function sendOnce(target: { url: string; secret: string; id: string; payload: string }, opts: SendOptions): Promise<AttemptResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): AttemptResult => ({ statusCode, error, durationMs: performance.now() - started });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return resolve(done(null, 'not a URL'));
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!opts.allowPrivate && isIP(host) && !isPublicAddress(host)) return resolve(done(null, new UnsafeTarget(`${host} is a private, loopback or link-local address`).message));
    const body = Buffer.from(target.payload);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        'user-agent': 'Porsan-Webhooks/1',
        ...signatureHeaders(target.secret, target.id, target.payload),
      },
      timeout: opts.timeoutMs,
      ...(!opts.allowPrivate && { lookup: publicOnlyLookup() }),
      ...(opts.signal && { signal: opts.signal }),
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      // The answer's body is not needed: read it away (up to a limit) so the socket is freed.
      let seen = 0;
      res.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > 64 * 1024) res.destroy();
      });
      const finish = () => resolve(done(status, status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? `redirect to ${String(res.headers.location ?? '?').slice(0, 200)} not followed` : `HTTP ${status}`));
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (err) => resolve(done(null, err.message)));
    req.end(body);
  });
}
