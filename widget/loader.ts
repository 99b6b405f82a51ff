// widget.js — the one <script> sites embed. Reads the options, renders the launcher and
// defines window.Porsan; the app (widget/app.js) comes only when the visitor shows intent.
import { boot } from './boot.ts';
import { fromDataset, resolveConfig } from './config.ts';
import type { MountApp, StartProactive } from './types.ts';

/** Hashed chunk file names from the app build, e.g. { preact: 'preact-1a2b.js', fa: 'fa-3c4d.js' } (vite.config.ts). */
declare const __PORSAN_CHUNKS__: Record<string, string>;
/** The string "__PORSAN_SITE__", which the server replaces with the site's configuration as JSON (server/http/widget-script.ts). */
declare const __PORSAN_SITE__: string;

(function () {
  const prev = window.Porsan;
  if (prev && 'open' in prev) return; // loaded twice
  const script = (document.currentScript || document.querySelector('script[src$="/widget.js"]')) as HTMLScriptElement | null;
  const config = resolveConfig(
    [window.PorsanConfig || {}, script ? fromDataset(script.dataset) : {}],
    document.documentElement.lang,
    script ? script.src : '',
    location.origin,
  );
  try {
    config.site = JSON.parse(__PORSAN_SITE__);
  } catch {
    // served as built, without the server's part: no proactive messages, default limits
  }
  const start = () => {
    const base = config.server + '/widget/';
    const chunks = __PORSAN_CHUNKS__; // (once: `define` would write the object out at each use)
    const api = boot(config, () => {
      // app.js imports these two; asking now fetches all three at once instead of in turn.
      for (const k of ['preact', config.locale]) {
        const f = chunks[k];
        if (f) import(/* @vite-ignore */ base + f).catch(() => {});
      }
      return import(/* @vite-ignore */ base + 'app.js') as Promise<{ mount: MountApp }>;
    }, () => import(/* @vite-ignore */ base + chunks.proactive) as Promise<{ start: StartProactive }>);
    window.Porsan = api;
    // A stub `Porsan.q` filled before this script ran (see widget/README.md).
    for (const [name, ...args] of (prev && prev.q) || []) (api[name] as (...a: unknown[]) => void)(...args);
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
