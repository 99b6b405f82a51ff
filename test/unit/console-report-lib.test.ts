// The console's report helpers: CSV files spreadsheets read right (and safely), the Persian
// calendar, durations and shares as people read them.
import { describe, expect, it } from 'vitest';
import { addDays, calendarDay, formatDay, fromPersian, monthStart, toPersian } from '../../console/src/lib/calendar.ts';
import { toCsv } from '../../console/src/lib/csv.ts';
import { formatDuration, formatShare, weekOrder } from '../../console/src/lib/report-format.ts';
import { translator } from '../../console/src/i18n.ts';
import { npsPeriods, signedScore } from '../../console/src/lib/nps-periods.ts';

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

describe('NPS over time', () => {
  const day = (date: string, answers: number, promoters: number, detractors: number) => ({ date, conversations: 0, botOnly: 0, botResolved: 0, handoffs: 0, npsResponses: answers, npsPromoters: promoters, npsDetractors: detractors });

  it('keeps days up to a month, each with its score', () => {
    expect(npsPeriods([day('2026-03-01', 4, 3, 1), day('2026-03-02', 0, 0, 0)])).toEqual([
      { from: '2026-03-01', to: '2026-03-01', answers: 4, promoters: 3, passives: 0, detractors: 1, score: 50 },
      { from: '2026-03-02', to: '2026-03-02', answers: 0, promoters: 0, passives: 0, detractors: 0, score: null },
    ]);
  });

  it('sums weeks of seven days over more than a month', () => {
    const days = Array.from({ length: 40 }, (_, i) => day(addDays('2026-03-01', i), i < 7 ? 1 : 0, i < 2 ? 1 : 0, i === 6 ? 1 : 0));
    const weeks = npsPeriods(days);
    expect(weeks.map((w) => [w.from, w.to])).toEqual([
      ['2026-03-01', '2026-03-07'], ['2026-03-08', '2026-03-14'], ['2026-03-15', '2026-03-21'], ['2026-03-22', '2026-03-28'], ['2026-03-29', '2026-04-04'], ['2026-04-05', '2026-04-09'],
    ]);
    // 7 answers: 2 promoters, 1 detractor → (2 − 1) / 7
    expect(weeks[0]).toMatchObject({ answers: 7, promoters: 2, passives: 4, detractors: 1 });
    expect(weeks[0]?.score).toBeCloseTo(100 / 7, 10);
    expect(weeks[1]?.score).toBeNull();
  });

  it('writes scores with their sign', () => {
    const n = (v: number) => v.toLocaleString('fa-IR');
    expect([signedScore(40, String), signedScore(-12.4, String), signedScore(0.2, String), signedScore(100, n)]).toEqual(['+40', '−12', '0', '+۱۰۰']);
  });
});
