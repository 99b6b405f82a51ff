// The widget's pure parts: config resolution, colour contrast, message merging, safe links,
// the rich-text renderer (as a VNode tree: no DOM needed), text direction, the size bench.
import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import type { ChatMessage, RichBlock } from '../../protocol/index.ts';
import { fromDataset, resolveConfig } from '../../widget/config.ts';
import { onColor } from '../../widget/boot.ts';
import { mergeMessages, uuid } from '../../widget/transport.ts';
import { Rich, richText, safeHref } from '../../common/rich.tsx';
import en from '../../widget/i18n/en.ts';
import fa from '../../widget/i18n/fa.ts';
import ar from '../../widget/i18n/ar.ts';
import { eta, num, times } from '../../widget/i18n/index.ts';
import moreEn from '../../widget/i18n/more-en.ts';
import moreFa from '../../widget/i18n/more-fa.ts';
import moreAr from '../../widget/i18n/more-ar.ts';
import { normalizeCode } from '../../widget/app/extras.tsx';

describe('config', () => {
  const resolve = (sources: object[], lang = '', src = 'https://chat.example.com/widget.js') => resolveConfig(sources, lang, src, 'https://shop.example');

  it('defaults: server from the script, locale from <html lang>, side from the direction', () => {
    expect(resolve([], 'fa-IR')).toMatchObject({ server: 'https://chat.example.com', locale: 'fa', position: 'left', hideLauncher: false, prechat: false });
    expect(resolve([], 'en-GB')).toMatchObject({ locale: 'en', position: 'right' });
    expect(resolve([], 'de')).toMatchObject({ locale: 'en' });
    expect(resolve([], 'ar', '')).toMatchObject({ server: 'https://shop.example', locale: 'ar', position: 'left' });
  });

  it('later sources win; data-* strings become options; bad values are dropped', () => {
    const ds = { locale: 'ar', position: 'right', hideLauncher: '', prechat: 'true', color: 'red', avatar: 'javascript:alert(1)', title: 'Help' } as DOMStringMap;
    const c = resolve([{ locale: 'en', title: 'From config', greeting: 'Hi' }, fromDataset(ds)]);
    expect(c).toMatchObject({ locale: 'ar', position: 'right', hideLauncher: true, prechat: true, title: 'Help', greeting: 'Hi' });
    expect(c.color).toBeUndefined(); // only #rgb / #rrggbb
    expect(c.avatar).toBeUndefined(); // only http(s)
    expect(resolve([{ server: 'https://x.example/' }]).server).toBe('https://x.example');
    expect(fromDataset({ other: 'x' } as DOMStringMap)).toEqual({});
  });
});

describe('onColor', () => {
  it('picks the text colour with the better contrast', () => {
    expect(onColor('#0b57d0')).toBe('#fff');
    expect(onColor('#ffd400')).toBe('#000');
    expect(onColor('#fff')).toBe('#000');
    expect(onColor('#000')).toBe('#fff');
  });
});

describe('mergeMessages', () => {
  const m = (seq: number, id = 'm' + seq): ChatMessage => ({ id, seq, conversationId: 'c1', clientId: null, author: 'bot', text: String(seq), createdAt: '2026-01-01T00:00:00Z' });

  it('keeps seq order and drops ids already present', () => {
    const a = mergeMessages([m(1), m(2)], [m(4), m(2), m(3), m(4)]);
    expect(a.list.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
    expect(a.added.map((x) => x.seq)).toEqual([4, 3]);
  });

  it('returns the same list when nothing is new', () => {
    const list = [m(1)];
    expect(mergeMessages(list, [m(1)]).list).toBe(list);
  });
});

describe('uuid', () => {
  it('is unique', () => {
    expect(new Set(Array.from({ length: 100 }, uuid)).size).toBe(100);
  });
});

describe('safeHref', () => {
  it('allows http(s), mailto and tel only', () => {
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeHref('tel:+982112345678')).toBe('tel:+982112345678');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/relative', 42, null]) expect(safeHref(bad)).toBeNull();
  });
});

/** All VNodes in a tree. */
function walk(node: unknown, out: VNode[] = []): VNode[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === 'object' && 'type' in node) {
    const v = node as VNode<{ children?: unknown }>;
    out.push(v);
    if (typeof v.type === 'function') walk((v.type as (p: unknown) => unknown)(v.props), out);
    else walk(v.props.children, out);
  }
  return out;
}

describe('Rich', () => {
  const blocks: RichBlock[] = [
    { t: 'p', c: ['Hi ', { t: 'b', c: ['bold'] }, { t: 'br' }, { t: 'a', href: 'https://example.com', c: ['ok'] }, { t: 'a', href: 'javascript:alert(1)', c: ['evil'] }] },
    { t: 'ul', items: [['one'], [{ t: 'code', c: ['<script>'] }]] },
    { t: 'pre', v: '<img src=x onerror=alert(1)>' },
    { t: 'script', c: ['x'] } as unknown as RichBlock,
  ];
  const nodes = walk(Rich({ blocks }));
  const tags = nodes.map((n) => n.type).filter((t) => typeof t === 'string');

  it('renders only allowed elements and never raw HTML', () => {
    expect(tags).toEqual(['p', 'strong', 'br', 'a', 'span', 'ul', 'li', 'li', 'code', 'pre', 'code']);
    expect(nodes.some((n) => n.props && 'dangerouslySetInnerHTML' in (n.props as object))).toBe(false);
  });

  it('flattens to plain text for screen readers', () => {
    expect(richText(blocks)).toBe('Hi bold okevil one; <script> <img src=x onerror=alert(1)>');
  });

  it('makes links safe: allowed schemes only, new tab, no opener', () => {
    const links = nodes.filter((n) => n.type === 'a');
    expect(links).toHaveLength(1);
    expect(links[0].props).toMatchObject({ href: 'https://example.com/', target: '_blank', rel: 'noopener noreferrer' });
  });
});

describe('i18n', () => {
  it('has every string in fa and ar', () => {
    expect(Object.keys(fa).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
  });

  it('has every late-view string (leave a message, look-up) in fa and ar', () => {
    expect(Object.keys(moreFa).sort()).toEqual(Object.keys(moreEn).sort());
    expect(Object.keys(moreAr).sort()).toEqual(Object.keys(moreEn).sort());
  });

  it('says the estimated wait in minutes, in the locale (Persian digits for fa)', () => {
    expect(en.queue('2', eta('en', en, 170))).toBe('You are in the queue, position 2 · about 3 minutes');
    expect(en.queue('2', eta('en', en, 59))).toBe('You are in the queue, position 2 · less than a minute');
    expect(en.queue('2', '')).toBe('You are in the queue, position 2');
    expect(eta('en', en, 0)).toBe('less than a minute');
    expect(eta('en', en, 60)).toBe('about 1 minute');
    expect(eta('fa', fa, 600)).toBe('حدود ۱۰ دقیقه');
    expect(fa.queue(num('fa', 2), eta('fa', fa, 30))).toBe('شما در صف هستید، نفر ۲ — زمان انتظار کمتر از یک دقیقه');
    expect(eta('ar', ar, 180)).toMatch(/^حوالي (٣|3) دقائق$/);
  });

  it('reads tracking codes typed loosely: any case, separators, Persian or Arabic digits', () => {
    expect(normalizeCode(' abcd efgh 2345 ')).toBe('ABCD-EFGH-2345');
    expect(normalizeCode('ABCD-EFGH-۲۳۴۵')).toBe('ABCD-EFGH-2345');
    expect(normalizeCode('abcdefgh٢٣٤٥')).toBe('ABCD-EFGH-2345');
    expect(normalizeCode(' short ')).toBe('short');
  });

  it('formats numbers and times per locale (Persian digits for fa)', () => {
    expect(num('fa', 12)).toBe('۱۲');
    expect(num('en', 12)).toBe('12');
    expect(times('fa', '2026-03-21T10:05:00Z').short).toMatch(/^[۰-۹]{2}:[۰-۹]{2}$/);
    expect(times('fa', '2026-03-21T10:05:00Z').full).toContain('۱۴۰۵'); // Persian calendar year
    expect(times('en', 'nonsense')).toEqual({ short: '', full: '' });
  });
});
