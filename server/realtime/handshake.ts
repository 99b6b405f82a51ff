// The first request of every Socket.IO connection, on either transport, before any namespace:
// a browser page may connect only from an allowed site (PORSAN_ALLOWED_ORIGINS) or from this
// server's own console, and one address may open only so many connections a minute.
import type { IncomingMessage } from 'node:http';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Limits } from '../security/limits.ts';
import { clientAddress, ownOrigin, requestOrigin } from '../security/network.ts';

export function originAllowed(req: IncomingMessage, config: Config): boolean {
  const origin = requestOrigin(req);
  // No Origin: not a browser page (browsers send it on cross-site and WebSocket requests).
  if (origin === undefined || config.allowedOrigins === '*') return true;
  return config.allowedOrigins.includes(origin) || origin === ownOrigin(req, config.publicOrigin, config.trustProxy);
}

export function allowHandshake(config: Config, limits: Limits, log: Logger) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    try {
      if (!originAllowed(req, config)) return callback('forbidden origin', false);
      limits.take('connection', clientAddress(req, config.trustProxy)).then(
        () => callback(null, true),
        () => callback('too many connections', false),
      );
    } catch (err) {
      log.warn({ err }, 'socket handshake check failed');
      callback('bad request', false);
    }
  };
}
