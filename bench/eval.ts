// `npm run eval`: the `kb match` engine over the kb-store dev set, scored as in
// ../shared/eval/README.md. Options: --kb DIR --set FILE --verbose (print every miss).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locale } from '../protocol/index.ts';
import { loadKb } from '../server/knowledge/loader.ts';
import { KnowledgeBase, type MatchConfig } from '../server/knowledge/index.ts';
import { matchRecord } from '../server/cli/kb.ts';

const ROOT = resolve(import.meta.dirname, '..');

export interface EvalQuery { q: string; locale?: Locale; expect: string | null; accept?: string[]; kind: string }
export interface EvalResult {
  inScope: number; correct: number; wrong: number; missed: number; oos: number; falseAnswers: number;
  /** in-scope queries where the right entry was answered or offered among the suggestions */
  offered: number;
  kinds: Map<string, { n: number; ok: number }>;
  rows: Array<{ query: EvalQuery; id: string | null; score: number; ok: boolean }>;
}

export function evaluate(kb: KnowledgeBase, queries: EvalQuery[]): EvalResult {
  const r: EvalResult = { inScope: 0, correct: 0, wrong: 0, missed: 0, oos: 0, falseAnswers: 0, offered: 0, kinds: new Map(), rows: [] };
  for (const query of queries) {
    const { id, score } = matchRecord(kb, query.q, query.locale);
    const a = kb.answer(query.q, query.locale);
    const suggestions = a.decision === 'suggest' ? a.suggestions.map((e) => e.id) : [];
    let ok: boolean;
    if (query.expect === null) {
      r.oos++;
      ok = id === null;
      if (!ok) r.falseAnswers++;
    } else {
      r.inScope++;
      ok = id !== null && (id === query.expect || (query.accept ?? []).includes(id));
      if (ok || (id === null && suggestions.some((x) => x === query.expect || (query.accept ?? []).includes(x)))) r.offered++;
      if (ok) r.correct++;
      else if (id === null) r.missed++;
      else r.wrong++;
    }
    const k = r.kinds.get(query.kind) ?? { n: 0, ok: 0 };
    k.n++; if (ok) k.ok++;
    r.kinds.set(query.kind, k);
    r.rows.push({ query, id, score, ok });
  }
  return r;
}

export async function runEval(opts: { kb?: string; set?: string; verbose?: boolean; config?: Partial<MatchConfig> } = {}): Promise<EvalResult> {
  const kbDir = resolve(ROOT, opts.kb ?? '../shared/eval/kb-store');
  const setFile = resolve(ROOT, opts.set ?? '../shared/eval/kb-store.dev.jsonl');
  const { entries, issues } = await loadKb(kbDir);
  if (issues.length) console.warn(`warning: ${issues.length} KB issue(s), e.g. ${issues[0].file}: ${issues[0].message}`);
  const kb = new KnowledgeBase(entries, opts.config);
  const queries = readFileSync(setFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalQuery);
  const t0 = performance.now();
  const r = evaluate(kb, queries);
  const ms = performance.now() - t0;
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
  console.log(`kb: ${kbDir} (${entries.length} entries)\nset: ${setFile} (${queries.length} queries, ${(ms / queries.length).toFixed(2)} ms/query)`);
  console.log(`thresholds: answer ${kb.config.answerThreshold}, suggest ${kb.config.suggestThreshold}\n`);
  console.log(`in-scope accuracy      ${pct(r.correct, r.inScope).padStart(7)}  (${r.correct}/${r.inScope})   target >= 97%`);
  console.log(`wrong-answer rate      ${pct(r.wrong, r.inScope).padStart(7)}  (${r.wrong}/${r.inScope})   target <= 1%`);
  console.log(`missed (no answer)     ${pct(r.missed, r.inScope).padStart(7)}  (${r.missed}/${r.inScope})`);
  console.log(`answered or suggested   ${pct(r.offered, r.inScope).padStart(6)}  (${r.offered}/${r.inScope})   right entry answered, or offered by a 'suggest' decision`);
  console.log(`oos false-answer rate  ${pct(r.falseAnswers, r.oos).padStart(7)}  (${r.falseAnswers}/${r.oos})   target <= 3%\n`);
  console.log('accuracy per kind:');
  for (const [kind, k] of [...r.kinds].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${kind.padEnd(11)} ${pct(k.ok, k.n).padStart(7)}  (${k.ok}/${k.n})`);
  if (opts.verbose) {
    console.log('\nerrors:');
    for (const row of r.rows) if (!row.ok) console.log(`  [${row.query.kind}] got ${row.id ?? 'null'} (${row.score.toFixed(2)}) want ${row.query.expect ?? 'null'}: ${row.query.q}`);
  }
  return r;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/eval.ts')) {
  const args = process.argv.slice(2);
  const get = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  await runEval({ kb: get('--kb'), set: get('--set'), verbose: args.includes('--verbose') || args.includes('-v') });
}
