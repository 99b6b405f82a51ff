// Security headers (helmet) on every response, with the content policy each part needs:
// the API runs nothing, the console only its own scripts and its own server, the widget's
// files are loaded by other sites, and the demo page stands in for a customer's site.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.ts';
import { ownOrigin } from '../security/network.ts';

/** Defaults for every response: nothing may run, nothing may frame it; HSTS when served over https. */
export function apiHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] } },
    strictTransportSecurity: config.publicOrigin?.startsWith('https:') ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}

/** The console: its own scripts, styles and server only (`'self'` covers its WebSocket too). */
export function consoleHeaders(config: Config): RequestHandler {
  // Its own WebSocket spelled out as well, for browsers where 'self' does not cover ws(s):.
  const ownSocket = (req: IncomingMessage) => (ownOrigin(req, config.publicOrigin, config.trustProxy) ?? '').replace(/^http/, 'ws');
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ownSocket],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
  });
}

/** widget.js and its chunks are fetched by customers' pages on other origins. */
export const widgetHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  next();
};

/**
 * The demo shop is a stand-in for a customer's page (an inline script picks the language and
 * loads the widget); the embed test page loads the widget from another loopback server.
 */
export const demoHeaders: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'", 'http://127.0.0.1:*', 'http://localhost:*'],
    styleSrc: ["'self'", "'unsafe-inline'"],
    // blob: the widget shows files fetched with the visitor's token as blob: URLs
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'", 'http://127.0.0.1:*', 'ws://127.0.0.1:*', 'http://localhost:*', 'ws://localhost:*'],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
});
