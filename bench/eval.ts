// `npm run eval`: answer quality on every domain present — the kb-store dev set (../shared/eval)
// and the blind held-out domains in test/fixtures — scored as in ../shared/eval/README.md, with the
// middle band and suggestions apart; per-kind figures; the person-request set; the learning
// simulation; and the leave-one-domain-out calibration figures.
//   npm run eval                      everything
//   npm run eval -- --kb DIR --set FILE [--verbose]   one KB and query set (every miss with -v)
import { resolve } from 'node:path';
import { KnowledgeBase } from '../server/knowledge/index.ts';
import { loadKb } from '../server/knowledge/loader.ts';
import { collectCases, leaveOneOut } from './calibrate.ts';
import { DEMO_KB, domains, loadDomain, personRequests, ROOT, type Domain, type PersonQuery } from './domains.ts';
import { learningSimulation, pct, tally, type Tally } from './metrics.ts';

const HEADER = 'domain      in-scope answered   wrong   oos answered   person   answered|offered   middle band   suggestions';
function row(name: string, t: Tally): string {
  const c = (a: number, b: number, w: number) => `${pct(a, b)} (${a}/${b})`.padStart(w);
  return `${name.padEnd(10)} ${c(t.right, t.inScope, 18)} ${pct(t.wrong, t.inScope).padStart(7)} ${c(t.oosAnswered, t.oos, 14)} ${pct(t.personRight, t.person).padStart(8)} ${c(t.offered, t.inScope, 18)} ${pct(t.confirm, t.inScope).padStart(13)} ${pct(t.suggest, t.inScope).padStart(13)}`;
}

async function runDomains(list: Domain[], verbose: boolean): Promise<void> {
  console.log('targets: in-scope answered >= 80% (>= 90% after learning), wrong <= 1%, oos answered <= 3%, person >= 99%, answered|offered >= 95%\n');
  console.log(HEADER);
  const tallies: Array<[string, Tally, KnowledgeBase]> = [];
  for (const d of list) {
    const ld = await loadDomain(d);
    const kb = new KnowledgeBase(ld.entries);
    const t0 = performance.now();
    const t = tally(kb, ld.queries);
    const ms = (performance.now() - t0) / Math.max(1, ld.queries.length);
    tallies.push([d.name, t, kb]);
    console.log(row(d.name, t) + `   ${ms.toFixed(2)} ms/q`);
  }
  console.log('\nright answers per kind (oos: not answered; human: handed to a person):');
  const kinds = [...new Set(tallies.flatMap(([, t]) => [...t.kinds.keys()]))].sort();
  console.log('kind        ' + tallies.map(([n]) => n.padStart(16)).join(''));
  for (const k of kinds) console.log(k.padEnd(12) + tallies.map(([, t]) => { const x = t.kinds.get(k); return (x ? `${pct(x.ok, x.n)} (${x.ok}/${x.n})` : '').padStart(16); }).join(''));
  if (verbose) {
    for (const [name, t] of tallies) {
      console.log(`\nerrors (${name}):`);
      for (const r of t.rows) if (!r.ok) console.log(`  [${r.query.kind}] ${r.answer.decision} ${r.id ?? r.answer.entry?.id ?? '-'} (${r.answer.score.toFixed(2)}) offered ${r.answer.suggestions.map((e) => e.id).join(',') || '-'} want ${r.query.expect ?? 'null'}: ${r.query.q}`);
    }
  }
  console.log('\nlearning simulation (visitors on the even-numbered queries pick the right entry when it is offered; the odd-numbered ones scored):');
  console.log('domain     learned   answered before → after   wrong before → after   oos answered before → after');
  for (const [name, , kb] of tallies) {
    const ld = await loadDomain(list.find((d) => d.name === name)!);
    const s = learningSimulation(kb, ld.queries);
    console.log(`${name.padEnd(10)} ${String(s.learned).padStart(7)}   ${pct(s.before.right, s.before.inScope).padStart(7)} → ${pct(s.after.right, s.after.inScope).padEnd(13)} ${pct(s.before.wrong, s.before.inScope).padStart(6)} → ${pct(s.after.wrong, s.after.inScope).padEnd(12)} ${pct(s.before.oosAnswered, s.before.oos).padStart(6)} → ${pct(s.after.oosAnswered, s.after.oos)}`);
  }
}

export interface PersonFigures { byKey: Map<string, { n: number; human: number }>; misses: string[]; requests: number; found: number; nearMisses: number; falseHandoffs: number }

/** The person-request set asked of a KB: requests handed to a person, near-misses that were not. */
export function personFigures(kb: KnowledgeBase, qs: readonly PersonQuery[]): PersonFigures {
  const f: PersonFigures = { byKey: new Map(), misses: [], requests: 0, found: 0, nearMisses: 0, falseHandoffs: 0 };
  for (const q of qs) {
    const a = kb.decide(q.q, q.locale);
    const human = a.decision === 'human';
    const key = `${q.request ? 'requests' : 'near-misses'} ${a.locale}`;
    const v = f.byKey.get(key) ?? { n: 0, human: 0 };
    v.n++; if (human) v.human++;
    f.byKey.set(key, v);
    if (q.request) { f.requests++; if (human) f.found++; } else { f.nearMisses++; if (human) f.falseHandoffs++; }
    if (human !== q.request) f.misses.push(`  ${q.request ? 'missed' : 'false handoff'} [${q.kind}, ${a.locale}] ${q.q}`);
  }
  return f;
}

async function runPersonRequests(verbose: boolean): Promise<void> {
  const qs = personRequests();
  if (!qs.length) return;
  const { entries } = await loadKb(DEMO_KB);
  const f = personFigures(new KnowledgeBase(entries), qs);
  console.log(`\nperson-request set (test/fixtures/person-requests, asked of the demo KB): requests handed to a person ${pct(f.found, f.requests)} (${f.found}/${f.requests}), false handoffs ${pct(f.falseHandoffs, f.nearMisses)} (${f.falseHandoffs}/${f.nearMisses})   targets >= 99%, 0`);
  for (const [k, v] of [...f.byKey].sort()) console.log(`  ${k.padEnd(16)} handed to a person ${pct(v.human, v.n).padStart(7)} (${v.human}/${v.n})`);
  if (verbose) console.log(f.misses.join('\n'));
}

async function runLeaveOneOut(): Promise<void> {
  const { names, cases } = await collectCases();
  if (names.length < 2) return;
  const lodo = leaveOneOut(names, cases);
  console.log('\nleave-one-domain-out (each domain decided by a confidence model and answer point fitted on the other domains):');
  console.log('domain      in-scope answered   wrong   oos answered   answered|offered   middle band   point (answer ≥ score, lead ≥)');
  for (const [n, f] of lodo) {
    console.log(`${n.padEnd(10)} ${pct(f.right, f.inScope).padStart(18)} ${pct(f.wrong, f.inScope).padStart(7)} ${pct(f.oosAnswered, f.oos).padStart(14)} ${pct(f.offered, f.inScope).padStart(18)} ${pct(f.confirm, f.inScope).padStart(13)}   ${f.point.answerThreshold.toFixed(2)} / ${f.point.answerMargin}`);
  }
}

if (process.argv[1]?.endsWith('bench/eval.ts')) {
  const args = process.argv.slice(2);
  const get = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const verbose = args.includes('--verbose') || args.includes('-v');
  const kb = get('--kb'), set = get('--set');
  if (kb || set) {
    if (!kb || !set) { console.error('give both --kb DIR and --set FILE'); process.exit(2); }
    await runDomains([{ name: 'custom', kbDir: resolve(ROOT, kb), setFile: resolve(ROOT, set) }], verbose);
  } else {
    const list = domains();
    if (!list.length) { console.error('no evaluation domain found (../shared/eval beside the project, or test/fixtures)'); process.exit(2); }
    await runDomains(list, verbose);
    await runPersonRequests(verbose);
    if (!args.includes('--no-loo')) await runLeaveOneOut();
  }
}
