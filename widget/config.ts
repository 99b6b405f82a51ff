// Turns script data-* attributes, window.PorsanConfig and <html lang> into one resolved config.
import type { Locale, PorsanConfig, Position, ResolvedConfig } from './types.ts';

export const RTL: Record<Locale, boolean> = { fa: true, ar: true, en: false };

function asLocale(v: unknown): Locale | undefined {
  const l = String(v || '').slice(0, 2).toLowerCase();
  return l === 'fa' || l === 'ar' || l === 'en' ? l : undefined;
}

function flag(v: unknown): boolean {
  return v === true || v === '' || v === 'true' || v === '1';
}

/** `data-locale="fa" data-hide-launcher …` → options (only the keys present). */
export function fromDataset(ds: DOMStringMap): PorsanConfig {
  const out: Record<string, unknown> = {};
  for (const k of ['server', 'locale', 'position', 'color', 'title', 'greeting', 'avatar', 'hideLauncher', 'prechat', 'proactive']) {
    if (ds[k] != null) out[k] = ds[k];
  }
  return out as PorsanConfig;
}

/**
 * Later sources win: `window.PorsanConfig`, then the script's data-* attributes.
 * `scriptSrc` gives the default server (the origin widget.js came from).
 */
export function resolveConfig(sources: PorsanConfig[], htmlLang: string, scriptSrc: string, pageOrigin: string): ResolvedConfig {
  const c: PorsanConfig = Object.assign({}, ...sources);
  const locale = asLocale(c.locale) || asLocale(htmlLang) || 'en';
  const pos = String(c.position || '');
  let server = c.server || '';
  if (!server) {
    try {
      server = new URL(scriptSrc).origin;
    } catch {
      server = pageOrigin;
    }
  }
  return {
    server: server.replace(/\/+$/, ''),
    locale,
    position: (pos === 'left' || pos === 'right' ? pos : RTL[locale] ? 'left' : 'right') as Position,
    color: /^#([0-9a-f]{3}){1,2}$/i.test(c.color || '') ? c.color : undefined,
    title: c.title || undefined,
    greeting: c.greeting || undefined,
    avatar: /^https?:\/\//.test(c.avatar || '') ? c.avatar : undefined,
    hideLauncher: flag(c.hideLauncher),
    prechat: flag(c.prechat),
    proactive: !/^(off|false|0)$/.test(String(c.proactive)),
  };
}
