import { describe, expect, it } from 'vitest';
import { defaultSettings, withinHours } from '../../server/conversations/hours.ts';

describe('business hours', () => {
  const hours = defaultSettings({ alwaysOpen: false, timeZone: 'Asia/Tehran' }).hours;

  it('opens Saturday to Thursday, 09:00–18:00 Tehran time', () => {
    // 2026-11-21 is a Saturday. Tehran is UTC+3:30 all year (no daylight saving since 2022).
    expect(withinHours(hours, new Date('2026-11-21T05:29:00Z'))).toBe(false); // 08:59
    expect(withinHours(hours, new Date('2026-11-21T05:30:00Z'))).toBe(true); // 09:00
    expect(withinHours(hours, new Date('2026-11-21T14:29:00Z'))).toBe(true); // 17:59
    expect(withinHours(hours, new Date('2026-11-21T14:30:00Z'))).toBe(false); // 18:00
    expect(withinHours(hours, new Date('2026-11-26T08:00:00Z'))).toBe(true); // Thursday 11:30
  });

  it('is closed on Friday', () => {
    expect(withinHours(hours, new Date('2026-11-27T08:00:00Z'))).toBe(false);
  });

  it('follows the configured time zone, and "always" means always', () => {
    const london = { ...hours, timeZone: 'Europe/London' };
    expect(withinHours(london, new Date('2026-11-21T09:30:00Z'))).toBe(true); // GMT in November
    expect(withinHours(london, new Date('2026-11-21T18:30:00Z'))).toBe(false);
    const always = defaultSettings({ alwaysOpen: true, timeZone: 'Asia/Tehran' }).hours;
    expect(withinHours(always, new Date('2026-11-27T23:59:00Z'))).toBe(true);
  });
});
