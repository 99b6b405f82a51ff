// The widget's proactive conditions, as pure functions of what the page knows.
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../protocol/index.ts';
import { dueAgain, liveConditionsHold, nextVisit, staticConditionsHold, urlMatches, VISIT_GAP_MS, withinHours } from '../../widget/proactive/match.ts';

describe('page addresses', () => {
  const url = 'https://shop.example/checkout/pay?step=2#card';
  it('a pattern starting with / looks at the path and query; others at the whole address; never the fragment', () => {
    expect(urlMatches({ type: 'prefix', value: '/checkout' }, url)).toBe(true);
    expect(urlMatches({ type: 'prefix', value: '/check' }, 'https://shop.example/cart')).toBe(false);
    expect(urlMatches({ type: 'prefix', value: 'https://shop.example/checkout' }, url)).toBe(true);
    expect(urlMatches({ type: 'prefix', value: 'https://other.example/checkout' }, url)).toBe(false);
    expect(urlMatches({ type: 'glob', value: '/checkout/*' }, url)).toBe(true);
    expect(urlMatches({ type: 'glob', value: '/checkout/*#card' }, url)).toBe(false);
    expect(urlMatches({ type: 'glob', value: '/product?.html' }, 'https://shop.example/product2.html')).toBe(true);
    expect(urlMatches({ type: 'glob', value: '/product.html' }, 'https://shop.example/productXhtml')).toBe(false); // "." is literal
    expect(urlMatches({ type: 'glob', value: '*pay*' }, url)).toBe(true);
    expect(urlMatches({ type: 'regex', value: 'step=[23]' }, url)).toBe(true);
    expect(urlMatches({ type: 'regex', value: '([' }, url)).toBe(false); // broken: never matches, never throws
    expect(urlMatches({ type: 'prefix', value: '/' }, 'https://shop.example')).toBe(true);
  });
});

describe('business hours', () => {
  const hours: BusinessHours = { timeZone: 'Asia/Tehran', days: { '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': ['09:00-18:00'] } };
  it('in the team’s time zone', () => {
    // Saturday 2026-06-06 10:00 in Tehran is 06:30 UTC
    expect(withinHours(hours, new Date('2026-06-06T06:30:00Z'))).toBe(true);
    expect(withinHours(hours, new Date('2026-06-06T05:00:00Z'))).toBe(false); // 08:30 there
    expect(withinHours(hours, new Date('2026-06-07T06:30:00Z'))).toBe(false); // Sunday
    expect(withinHours({ ...hours, timeZone: 'Not/AZone' }, new Date())).toBe(false);
  });

  it('the rule asks for inside or outside; without the hours it holds for neither', () => {
    const at = new Date('2026-06-06T06:30:00Z');
    const page = { url: 'https://shop.example/', referrer: '', locale: 'fa' as const, visits: 1, now: at };
    expect(staticConditionsHold({ hours: 'inside' }, { ...page, hours })).toBe(true);
    expect(staticConditionsHold({ hours: 'outside' }, { ...page, hours })).toBe(false);
    expect(staticConditionsHold({ hours: 'inside' }, page)).toBe(false);
  });
});

describe('the other conditions', () => {
  const page = { url: 'https://shop.example/pricing', referrer: 'https://www.google.com/search?q=x', locale: 'en' as const, visits: 3, now: new Date() };
  it('all given ones must hold', () => {
    expect(staticConditionsHold({}, page)).toBe(true);
    expect(staticConditionsHold({ url: { type: 'prefix', value: '/pricing' }, locales: ['en'], minVisits: 3, referrer: { type: 'regex', value: 'google\\.' } }, page)).toBe(true);
    expect(staticConditionsHold({ locales: ['fa', 'ar'] }, page)).toBe(false);
    expect(staticConditionsHold({ minVisits: 4 }, page)).toBe(false);
    expect(staticConditionsHold({ referrer: { type: 'prefix', value: 'https://www.google.com' } }, { ...page, referrer: '' })).toBe(false);
    expect(liveConditionsHold({ secondsOnPage: 10, scrollPercent: 50 }, 10, 50)).toBe(true);
    expect(liveConditionsHold({ secondsOnPage: 10 }, 9.9, 100)).toBe(false);
    expect(liveConditionsHold({ scrollPercent: 50 }, 100, 49)).toBe(false);
  });

  it('at most once per visitor, or once per visit', () => {
    const visitStart = 1_000_000;
    expect(dueAgain({ frequency: 'visitor' }, undefined, visitStart)).toBe(true);
    expect(dueAgain({ frequency: 'visitor' }, visitStart - 10 * VISIT_GAP_MS, visitStart)).toBe(false);
    expect(dueAgain({ frequency: 'visit' }, visitStart - 1, visitStart)).toBe(true);
    expect(dueAgain({ frequency: 'visit' }, visitStart + 5, visitStart)).toBe(false);
  });

  it('a new visit after 30 minutes away', () => {
    const first = nextVisit(null, 1000);
    expect(first).toEqual({ n: 1, start: 1000, last: 1000 });
    const same = nextVisit(first, 1000 + VISIT_GAP_MS);
    expect(same).toEqual({ n: 1, start: 1000, last: 1000 + VISIT_GAP_MS });
    expect(nextVisit(same, 1000 + 2 * VISIT_GAP_MS + 1)).toMatchObject({ n: 2, start: 1000 + 2 * VISIT_GAP_MS + 1 });
  });
});
