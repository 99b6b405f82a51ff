// Scoring a knowledge base on a query set (the eval format of ../shared/eval/README.md), with the
// middle band and the suggestions counted apart, and the learning simulation.
import type { Answer, KnowledgeBase, LearnedWording } from '../server/knowledge/index.ts';
import type { EvalQuery } from './domains.ts';

export interface Tally {
  inScope: number; right: number; wrong: number; missed: number; oos: number; oosAnswered: number;
  /** in-scope queries whose right entry was answered, put to confirmation or among the suggestions */
  offered: number;
  /** in-scope queries that got the middle band (confirm) / suggestions (suggest or none with suggestions) */
  confirm: number; suggest: number;
  /** confirm decisions whose entry was the right one */
  confirmRight: number;
  person: number; personRight: number;
  kinds: Map<string, { n: number; ok: number }>;
  rows: Array<{ query: EvalQuery; answer: Answer; id: string | null; ok: boolean }>;
}

const isRight = (q: EvalQuery, id: string | null | undefined) => id != null && (id === q.expect || (q.accept ?? []).includes(id));

/** The id the bot answers with (an answer, or the talk-to-a-person entry), else null. */
export function answeredId(a: Answer): string | null {
  return a.decision === 'answer' || a.decision === 'human' ? (a.entry?.id ?? null) : null;
}

/** Entries put in front of the visitor without answering: the one to confirm and the suggestions. */
export function offeredIds(a: Answer): string[] {
  if (a.decision === 'confirm') return [a.entry!.id, ...a.suggestions.map((e) => e.id)];
  if (a.decision === 'suggest' || a.decision === 'none') return a.suggestions.map((e) => e.id);
  return [];
}

export function tally(kb: KnowledgeBase, queries: readonly EvalQuery[]): Tally {
  const t: Tally = { inScope: 0, right: 0, wrong: 0, missed: 0, oos: 0, oosAnswered: 0, offered: 0, confirm: 0, suggest: 0, confirmRight: 0, person: 0, personRight: 0, kinds: new Map(), rows: [] };
  for (const query of queries) {
    const answer = kb.decide(query.q, query.locale);
    const id = answeredId(answer);
    let ok: boolean;
    if (query.expect === null) {
      t.oos++;
      ok = id === null;
      if (!ok) t.oosAnswered++;
    } else {
      t.inScope++;
      ok = isRight(query, id);
      if (ok) t.right++;
      else if (id === null) t.missed++;
      else t.wrong++;
      if (ok || (id === null && offeredIds(answer).some((x) => isRight(query, x)))) t.offered++;
      if (answer.decision === 'confirm') { t.confirm++; if (isRight(query, answer.entry?.id)) t.confirmRight++; }
      else if (answer.suggestions.length && answer.decision !== 'answer') t.suggest++;
      if (query.kind === 'human') { t.person++; if (answer.decision === 'human') t.personRight++; }
    }
    const k = t.kinds.get(query.kind) ?? { n: 0, ok: 0 };
    k.n++; if (ok) k.ok++;
    t.kinds.set(query.kind, k);
    t.rows.push({ query, answer, id, ok });
  }
  return t;
}

export interface LearningResult {
  learned: number;
  before: Tally;
  after: Tally;
}

/**
 * Visitors on one half of the queries pick the right entry when the bot offers it (to confirm or
 * among the suggestions) without answering; those wordings are learned; the other half is scored
 * before and after. The halves alternate by position in the set (deterministic).
 */
export function learningSimulation(kb: KnowledgeBase, queries: readonly EvalQuery[]): LearningResult {
  const teach = queries.filter((_, i) => i % 2 === 0), test = queries.filter((_, i) => i % 2 === 1);
  const learned: LearnedWording[] = [];
  for (const q of teach) {
    if (q.expect === null || q.kind === 'human') continue;
    const a = kb.decide(q.q, q.locale);
    if (answeredId(a) !== null) continue;
    const pick = offeredIds(a).find((x) => isRight(q, x));
    if (pick) learned.push({ entryId: pick, text: q.q });
  }
  return { learned: learned.length, before: tally(kb, test), after: tally(kb.withLearned(learned), test) };
}

export const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
