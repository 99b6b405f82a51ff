// The reporting module on a seeded database (test/helpers/report-seed.ts): known conversations in,
// the exact figures out, worked out by hand — on SQLite, and on PostgreSQL when
// PORSAN_TEST_DATABASE_URL is set.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, reportQuery } from '../../server/reports/index.ts';
import { addDays, dayStart, localTime, today } from '../../server/reports/calendar.ts';
import { percentile, percentiles } from '../../server/reports/compute.ts';
import { openPostgresStore, openSqliteStore, type Store } from '../../server/store/index.ts';
import { POSTGRES, freshPostgresUrl } from '../helpers/postgres.ts';
import { AGENTS, seedReports } from '../helpers/report-seed.ts';

const TZ = 'Asia/Tehran';
const backends: [string, () => Promise<Store>][] = [['sqlite', () => openSqliteStore(mkdtempSync(join(tmpdir(), 'porsan-reports-')))]];
if (POSTGRES) backends.push(['postgres', async () => openPostgresStore(await freshPostgresUrl('reports'))]);

describe('percentiles (nearest rank)', () => {
  it('takes the value at rank ⌈p·n⌉', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 90)).toBe(4);
    expect(percentiles([30, 10, 20, 40, 50, 60, 70, 80, 90, 100])).toEqual({ count: 10, p50: 50, p90: 90 });
  });
});

describe('the team’s calendar', () => {
  it('starts Tehran’s days at 20:30 UTC the evening before', () => {
    expect(new Date(dayStart('2026-03-01', TZ)).toISOString()).toBe('2026-02-28T20:30:00.000Z');
    expect(localTime(Date.parse('2026-03-03T21:00:00Z'), TZ)).toEqual({ date: '2026-03-04', weekday: 3, hour: 0 });
  });

  it('follows daylight saving time where there is one', () => {
    // Berlin goes from +01:00 to +02:00 on 2026-03-29.
    expect(new Date(dayStart('2026-03-29', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(dayStart('2026-03-30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(localTime(Date.parse('2026-03-29T01:30:00Z'), 'Europe/Berlin').hour).toBe(3);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(today(TZ, Date.parse('2026-03-03T21:00:00Z'))).toBe('2026-03-04');
  });

  it('refuses impossible dates and ranges', () => {
    expect(reportQuery.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
    expect(reportQuery.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
    expect(reportQuery.safeParse({ from: '2025-01-01', to: '2026-03-01' }).success).toBe(false);
    expect(reportQuery.safeParse({ from: '2026-03-01', to: '2026-03-03', locale: 'de' }).success).toBe(false);
    expect(reportQuery.safeParse({ from: '2026-03-01', to: '2026-03-03', locale: 'fa' }).success).toBe(true);
  });
});

describe.each(backends)('reports on %s', (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await seedReports(store);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives the exact summary for 1–3 March (Tehran days)', async () => {
    const { summary } = await buildReport(store.reports, TZ, { from: '2026-03-01', to: '2026-03-03' });
    expect(summary).toEqual({
      from: '2026-03-01',
      to: '2026-03-03',
      timeZone: TZ,
      locale: null,
      // c1 c2 c3 c4 c5 c7 c8 c11 c12 (c9 and c10 fall on other Tehran days)
      conversations: 9,
      botOnly: 4, // c1 c2 c3 c8
      botAnswered: 5, // c1 c2 c3 c4 c8
      botResolved: 3, // c1 c3 c8: c2's visitor came back for the same answer, c4 asked for a person
      botResolutionRate: 3 / 9,
      handoffs: 5, // c4 c5 c7 c11 c12
      firstResponseSeconds: { count: 3, p50: 180, p90: 360 }, // 60 (c11), 180 (c4), 360 (c5); c7 is a left message
      queueWaitSeconds: { count: 3, p50: 120, p90: 300 }, // 30, 120, 300
      resolutionSeconds: { count: 3, p50: 1800, p90: 7800 }, // 1200, 1800, 7800; c11 was spam
      firstContactResolution: { closed: 3, resolved: 1, rate: 1 / 3 }, // c4 only: c5's visitor came back to a person, c7 unresolved
      csat: { count: 3, average: 4, distribution: [0, 0, 1, 1, 1] },
      // 10, 9, 6, 8, 9 (n6 is on 4 March in Tehran): 3 promoters, 1 passive, 1 detractor → (3 − 1) / 5 = 40
      nps: { count: 5, promoters: 3, passives: 1, detractors: 1, score: 40 },
    });
  });

  it('gives days, reasons, agents, busiest hours, comments and unanswered questions', async () => {
    const r = await buildReport(store.reports, TZ, { from: '2026-03-01', to: '2026-03-03' });
    expect(r.days).toEqual([
      { date: '2026-03-01', conversations: 4, botOnly: 3, botResolved: 2, handoffs: 1, npsResponses: 2, npsPromoters: 2, npsDetractors: 0 },
      { date: '2026-03-02', conversations: 3, botOnly: 0, botResolved: 0, handoffs: 3, npsResponses: 2, npsPromoters: 0, npsDetractors: 1 },
      { date: '2026-03-03', conversations: 2, botOnly: 1, botResolved: 1, handoffs: 1, npsResponses: 1, npsPromoters: 1, npsDetractors: 0 },
    ]);
    // c7 asked in words (then left a message through the form): counted as asked.
    expect(r.handoffReasons).toEqual({ asked: 3, button: 1, bot_failed: 1 });
    expect(r.agents).toEqual([
      { agentId: AGENTS.A.id, name: 'Ava', conversations: 2, firstResponseSeconds: { count: 1, p50: 180, p90: 180 }, csat: { count: 2, average: 4.5 } },
      { agentId: AGENTS.B.id, name: 'Bo', conversations: 2, firstResponseSeconds: { count: 2, p50: 60, p90: 360 }, csat: { count: 1, average: 3 } },
    ]);
    const cells: [number, number, number][] = [];
    r.hours.forEach((row, weekday) => row.forEach((n, hour) => n && cells.push([weekday, hour, n])));
    // Sunday 09:30, 10:30, 11:30, 18:30; Monday 08:30, 13:30, 15:30; Tuesday 13:30, 22:30 (Tehran)
    expect(cells).toEqual([[0, 9, 1], [0, 10, 1], [0, 11, 1], [0, 18, 1], [1, 8, 1], [1, 13, 1], [1, 15, 1], [2, 13, 1], [2, 22, 1]]);
    expect(r.comments).toEqual([
      { conversationId: 'c5', score: 3, comment: 'ok', agentName: 'Bo', createdAt: '2026-03-02T10:00:00.000Z' },
      { conversationId: 'c4', score: 5, comment: 'great help', agentName: 'Ava', createdAt: '2026-03-01T08:00:00.000Z' },
    ]);
    expect(r.npsComments).toEqual([
      { conversationId: 'c5', score: 6, comment: 'ارسال کند بود', createdAt: '2026-03-02T11:00:00.000Z' },
      { conversationId: 'c4', score: 9, comment: 'would tell my sister', createdAt: '2026-03-01T09:00:00.000Z' },
    ]);
    expect(r.unanswered.map((u) => [u.normalized, u.locale, u.count])).toEqual([['where parcel', 'en', 3], ['کد تخفیف', 'fa', 1]]);
    expect(['Where is my parcel', 'where is my parcel?', 'WHERE IS MY PARCEL']).toContain(r.unanswered[0]!.example);
  });

  it('narrows to one language (a return in another language still counts)', async () => {
    const r = await buildReport(store.reports, TZ, { from: '2026-03-01', to: '2026-03-03', locale: 'fa' });
    expect(r.summary).toMatchObject({
      locale: 'fa',
      conversations: 2, // c5 c8
      botOnly: 1,
      botResolved: 1,
      botResolutionRate: 0.5,
      handoffs: 1,
      firstResponseSeconds: { count: 1, p50: 360, p90: 360 },
      firstContactResolution: { closed: 1, resolved: 0, rate: 0 }, // c5's visitor came back (in English) to a person
      csat: { count: 1, average: 3, distribution: [0, 0, 1, 0, 0] },
      nps: { count: 2, promoters: 1, passives: 0, detractors: 1, score: 0 }, // n3 (6) and n5 (9), the Persian conversations' answers
    });
    expect(r.unanswered.map((u) => u.normalized)).toEqual(['کد تخفیف']);
  });

  it('one day, and a day with nothing', async () => {
    const day = await buildReport(store.reports, TZ, { from: '2026-03-03', to: '2026-03-03' });
    expect(day.summary).toMatchObject({ conversations: 2, botResolved: 1, handoffs: 1, firstResponseSeconds: { count: 1, p50: 60, p90: 60 } });
    const empty = await buildReport(store.reports, TZ, { from: '2026-04-01', to: '2026-04-02' });
    expect(empty.summary).toMatchObject({ conversations: 0, botResolutionRate: null, firstResponseSeconds: { count: 0, p50: null, p90: null }, csat: { count: 0, average: null } });
    expect(empty.days.map((d) => d.conversations)).toEqual([0, 0]);
    expect(empty.summary.nps).toEqual({ count: 0, promoters: 0, passives: 0, detractors: 0, score: null });
  });

  it('reads the same figures in another time zone’s days', async () => {
    // In UTC, c10 (2026-02-28T20:00Z) is outside 1–3 March and c9 (2026-03-03T21:00Z) inside.
    const utc = await buildReport(store.reports, 'UTC', { from: '2026-03-01', to: '2026-03-03' });
    expect(utc.summary.conversations).toBe(10);
    expect(utc.days.map((d) => d.conversations)).toEqual([4, 3, 3]);
    // n6 (21:00 UTC on 3 March) joins: 10, 9, 6, 8, 9, 10 → (4 − 1) / 6 = 50
    expect(utc.summary.nps).toEqual({ count: 6, promoters: 4, passives: 1, detractors: 1, score: 50 });
    expect(utc.days.map((d) => d.npsResponses)).toEqual([2, 2, 2]);
  });
});
