// ES module entry for sites that bundle the widget themselves:
//
//   import { load } from 'porsan/widget';
//   const chat = load({ server: 'https://chat.example.com', locale: 'fa' });
//   chat.on('message', (m) => console.log(m.author, m.text));
//
// Same behaviour as the <script> tag: the launcher renders at once, the app is a separate
// chunk of your bundle fetched on first intent. Your bundler must handle dynamic import().
import { boot } from './boot.ts';
import { resolveConfig } from './config.ts';
import type { PorsanApi, PorsanConfig } from './types.ts';

export type { ChatMessage, ConnectionState, Locale, PorsanApi, PorsanConfig, PorsanEvent, PorsanEvents, Position, VisitorProfile } from './types.ts';

/**
 * Renders the launcher and returns the API (also set as `window.Porsan` when free).
 * `server` defaults to the page's origin; `locale` to `<html lang>`.
 */
export function load(config: PorsanConfig = {}): PorsanApi {
  const existing = window.Porsan;
  if (existing && 'open' in existing) return existing;
  const api = boot(resolveConfig([config], document.documentElement.lang, '', location.origin), () => import('./app/main.tsx'), () => import('./proactive/main.ts'));
  window.Porsan = api;
  return api;
}
