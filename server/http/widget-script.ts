// widget.js as served: the built loader with the site's part of the configuration written in
// (the proactive rules, business hours when a rule asks, the upload limits), so every page
// has them with the script it loads anyway and deciding whether to greet costs no request.
// The build leaves the string "__PORSAN_SITE__" where they go (widget/loader.ts).
import { readFile, stat } from 'node:fs/promises';
import type { RequestHandler } from 'express';
import type { WidgetSiteConfig } from '../../protocol/index.ts';
import type { Logger } from '../log.ts';

export const SITE_MARKER = '__PORSAN_SITE__';
const MARKER = /(["'`])__PORSAN_SITE__\1/;

/** The loader's code with `site` in place of the marker (as a JS string literal holding JSON). */
export function withSiteConfig(code: string, site: WidgetSiteConfig): string | null {
  if (!MARKER.test(code)) return null;
  const literal = JSON.stringify(JSON.stringify(site));
  return code.replace(MARKER, () => literal);
}

export function widgetScript(file: string, siteConfig: () => Promise<WidgetSiteConfig>, log: Logger): RequestHandler {
  let built: { mtimeMs: number; code: string } | null = null;
  let warned = false;
  return async (_req, res, next) => {
    try {
      const s = await stat(file).catch(() => null);
      if (!s) return res.status(503).type('text/plain').send('The widget is not built yet: run `npm run build`.');
      if (built?.mtimeMs !== s.mtimeMs) built = { mtimeMs: s.mtimeMs, code: await readFile(file, 'utf8') };
      let code = withSiteConfig(built.code, await siteConfig());
      if (code === null) {
        if (!warned) log.warn('widget.js has no site-config marker: proactive messages and upload limits are not sent to the widget');
        warned = true;
        code = built.code;
      }
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.type('application/javascript').send(code);
    } catch (err) {
      next(err);
    }
  };
}
