// The evaluation domains: the kb-store dev set (../shared/eval beside the project) and the blind
// held-out domains in test/fixtures. Each is a KB folder and a JSON Lines query set (eval format).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Locale } from '../protocol/index.ts';
import { loadKb } from '../server/knowledge/loader.ts';
import type { KbEntry } from '../server/knowledge/index.ts';

export const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = resolve(ROOT, 'test/fixtures');

export interface EvalQuery { q: string; locale?: Locale; expect: string | null; accept?: string[]; kind: string }
export interface Domain { name: string; kbDir: string; setFile: string }
export interface LoadedDomain extends Domain { entries: KbEntry[]; queries: EvalQuery[] }

/** `shared/eval` beside the project (or beside one of its parent folders, for git worktrees); PORSAN_EVAL_DIR wins. */
export function evalDir(): string | null {
  if (process.env.PORSAN_EVAL_DIR) return resolve(process.env.PORSAN_EVAL_DIR);
  for (let d = ROOT; ; d = dirname(d)) {
    const c = resolve(d, '../shared/eval');
    if (existsSync(resolve(c, 'kb-store.dev.jsonl'))) return c;
    if (dirname(d) === d) return null;
  }
}

/** Every domain whose files are present: dev first, then the held-out fixtures. */
export function domains(): Domain[] {
  const out: Domain[] = [];
  const ev = evalDir();
  if (ev) out.push({ name: 'dev', kbDir: resolve(ev, 'kb-store'), setFile: resolve(ev, 'kb-store.dev.jsonl') });
  for (const name of ['telecom', 'clinic', 'bikes', 'food', 'bank']) {
    const kbDir = resolve(FIXTURES, `kb-${name}`), setFile = resolve(FIXTURES, `kb-${name}-queries/heldout.jsonl`);
    if (existsSync(kbDir) && existsSync(setFile)) out.push({ name, kbDir, setFile });
  }
  return out;
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

export async function loadDomain(d: Domain): Promise<LoadedDomain> {
  const { entries, issues } = await loadKb(d.kbDir);
  if (issues.length) console.warn(`warning: ${d.name}: ${issues.length} KB issue(s), e.g. ${issues[0].file}: ${issues[0].message}`);
  return { ...d, entries, queries: readJsonl<EvalQuery>(d.setFile) };
}

/** The blind person-request set: requests for a person, and near-misses that are none. */
export interface PersonQuery { q: string; locale?: Locale; kind: string; request: boolean }
export function personRequests(): PersonQuery[] {
  const dir = resolve(FIXTURES, 'person-requests');
  const read = (f: string, request: boolean) => (existsSync(resolve(dir, f)) ? readJsonl<Omit<PersonQuery, 'request'>>(resolve(dir, f)).map((q) => ({ ...q, request })) : []);
  return [...read('requests.jsonl', true), ...read('near-misses.jsonl', false)];
}

/** The demo shop's KB (fa, ar, en, each with a talk-to-a-person entry): where the person-request set is asked. */
export const DEMO_KB = resolve(ROOT, 'knowledge-base');
