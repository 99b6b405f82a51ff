// The hours editor lists the week from the locale's first day: Saturday in Persian.
import { describe, expect, it } from 'vitest';
import { firstDayOfWeek, weekOrder } from '../../console/src/lib/week.ts';

describe('the week of the console’s language', () => {
  it('starts on Saturday in Persian (Iran), on Monday in British English, on Sunday in US English', () => {
    expect(firstDayOfWeek('fa-IR')).toBe(6);
    expect(firstDayOfWeek('en-GB')).toBe(1);
    expect(firstDayOfWeek('en-US')).toBe(0);
  });
  it('orders the business-hours keys from that day', () => {
    expect(weekOrder('fa-IR')).toEqual(['6', '0', '1', '2', '3', '4', '5']);
    expect(weekOrder('en-GB')).toEqual(['1', '2', '3', '4', '5', '6', '0']);
  });
});
