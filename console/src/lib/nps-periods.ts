// NPS over time: the report's days as they are (up to a month), else in weeks of seven days from
// the range's first day, each with its answers and its score (promoters − detractors, in %).
import type { ReportDay } from '../../../protocol/index.ts';

export interface NpsPeriod {
  /** First and last day (YYYY-MM-DD). */
  from: string;
  to: string;
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100…100; null without answers. */
  score: number | null;
}

export function npsPeriods(days: ReportDay[]): NpsPeriod[] {
  const size = days.length > 31 ? 7 : 1;
  const out: NpsPeriod[] = [];
  for (let i = 0; i < days.length; i += size) {
    const chunk = days.slice(i, i + size);
    const answers = chunk.reduce((s, d) => s + d.npsResponses, 0);
    const promoters = chunk.reduce((s, d) => s + d.npsPromoters, 0);
    const detractors = chunk.reduce((s, d) => s + d.npsDetractors, 0);
    out.push({ from: chunk[0]!.date, to: chunk[chunk.length - 1]!.date, answers, promoters, passives: answers - promoters - detractors, detractors, score: answers ? ((promoters - detractors) / answers) * 100 : null });
  }
  return out;
}

/** "+40", "−12", "0": the score as people write it. */
export function signedScore(score: number, format: (n: number) => string): string {
  const r = Math.round(score);
  return r > 0 ? `+${format(r)}` : r < 0 ? `−${format(-r)}` : format(0);
}
