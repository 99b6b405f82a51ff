// What the load benchmark's visitors ask: the eval queries (answered, suggested and unanswered
// ones, human requests included), grouped by the language of the visitor's widget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../protocol/index.ts';
import { EVAL_DIR } from './kb.ts';

interface EvalQuery {
  q: string;
  locale?: Locale;
  expect: string | null;
}

/** A widget's language for a query without one: its own entry's, else the script it is written in. */
function localeOf(q: EvalQuery): Locale {
  if (q.locale) return q.locale;
  const fromExpect = q.expect?.slice(-2);
  if (fromExpect === 'fa' || fromExpect === 'ar' || fromExpect === 'en') return fromExpect;
  if (/[پچژگکی]/.test(q.q)) return 'fa';
  return /[\u0600-\u06FF]/.test(q.q) ? 'ar' : 'en';
}

export function loadQuestions(): Record<Locale, string[]> {
  const lines = readFileSync(join(EVAL_DIR, 'kb-store.dev.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const out: Record<Locale, string[]> = { fa: [], ar: [], en: [] };
  for (const line of lines) {
    const q = JSON.parse(line) as EvalQuery;
    out[localeOf(q)].push(q.q);
  }
  return out;
}
