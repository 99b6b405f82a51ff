// The one reporting module: a date range in the team's time zone (and a locale) → the figures
// the console's Reports page, its CSV files and GET /api/v1/reports/summary all show.
import { z } from 'zod';
import { LOCALES, type Locale, type Report } from '../../protocol/index.ts';
import type { ReportRepo } from '../store/reports.ts';
import { addDays, dayStart, isDate } from './calendar.ts';
import { computeReport } from './compute.ts';

/** The longest range one report covers. */
export const MAX_DAYS = 366;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD').refine(isDate, 'not a date in the calendar');

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD[&locale=] — the team's days, `to` included. */
export const reportQuery = z
  .object({
    from: date.describe('First day (YYYY-MM-DD, the team’s time zone).'),
    to: date.describe('Last day, included (YYYY-MM-DD).'),
    locale: z.enum(LOCALES as [Locale, ...Locale[]]).optional().describe('Only conversations in this language.'),
  })
  .refine((q) => q.from <= q.to, { message: '`from` must not be after `to`', path: ['to'] })
  .refine((q) => q.to <= addDays(q.from, MAX_DAYS - 1), { message: `at most ${MAX_DAYS} days`, path: ['to'] });
export type ReportQuery = z.infer<typeof reportQuery>;

export async function buildReport(repo: ReportRepo, timeZone: string, q: ReportQuery): Promise<Report> {
  const fromIso = new Date(dayStart(q.from, timeZone)).toISOString();
  const toIso = new Date(dayStart(addDays(q.to, 1), timeZone)).toISOString();
  const facts = await repo.facts({ fromIso, toIso, locale: q.locale ?? null });
  return computeReport(facts, { from: q.from, to: q.to, timeZone, locale: q.locale ?? null });
}
