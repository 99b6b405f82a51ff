// The console's report helpers: CSV files spreadsheets read right (and safely), the Persian
// calendar, durations and shares as people read them.
import { describe, expect, it } from 'vitest';
import { addDays, calendarDay, formatDay, fromPersian, monthStart, toPersian } from '../../console/src/lib/calendar.ts';
import { toCsv } from '../../console/src/lib/csv.ts';
import { formatDuration, formatShare, weekOrder } from '../../console/src/lib/report-format.ts';
import { translator } from '../../console/src/i18n.ts';

describe('CSV', () => {
  it('quotes what needs it, keeps formulas as text, and starts with a byte-order mark', () => {
    const csv = toCsv([
      ['name', 'note', 'n'],
      ['Sara, "the" agent', 'line\nbreak', 3.5],
      ['=HYPERLINK("x")', '+1', null],
      ['سلام', -2, undefined],
    ]);
    expect(csv).toBe('\uFEFFname,note,n\r\n"Sara, ""the"" agent","line\nbreak",3.5\r\n"\'=HYPERLINK(""x"")",\'+1,\r\nسلام,-2,\r\n');
  });
});

describe('the Persian calendar', () => {
  it('converts both ways and finds a month’s first day in either calendar', () => {
    expect(toPersian('2026-03-21')).toEqual({ jy: 1405, jm: 1, jd: 1 }); // Nowruz 1405
    expect(fromPersian(1405, 1, 1)).toBe('2026-03-21');
    expect(fromPersian(1404, 12, 31)).toBe(fromPersian(1404, 12, 29)); // 1404 is not a leap year: the last day
    expect(monthStart('2026-12-07', 'fa')).toBe('2026-11-22'); // 1 Azar 1405
    expect(monthStart('2026-12-07', 'en')).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(calendarDay('2026-03-21', 'fa')).toBe('1405/01/01');
    expect(calendarDay('2026-03-21', 'en')).toBe('2026-03-21');
    expect(formatDay('2026-03-21', 'fa')).toBe('۱ فروردین ۱۴۰۵');
    expect(formatDay('2026-03-21', 'en')).toBe('21 March 2026');
  });
});

describe('figures in words', () => {
  it('writes durations and shares in the console’s language', () => {
    const en = translator('en');
    const fa = translator('fa');
    expect(formatDuration(45, en, 'en')).toBe('45 s');
    expect(formatDuration(180, en, 'en')).toBe('3 min');
    expect(formatDuration(210, en, 'en')).toBe('3.5 min');
    expect(formatDuration(7800, en, 'en')).toBe('2.2 h');
    expect(formatDuration(180, fa, 'fa')).toBe('۳ دقیقه');
    expect(formatDuration(null, en, 'en')).toBeNull();
    expect(formatShare(1 / 3, 'en')).toBe('33.3%');
    expect(formatShare(0.4, 'fa')).toBe('۴۰٪');
    expect(weekOrder('fa')[0]).toBe(6); // the Persian week starts on Saturday
  });
});
