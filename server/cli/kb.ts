// `porsan kb check|ask|match` — knowledge-base tools.
import { createInterface } from 'node:readline';
import { relative, resolve } from 'node:path';
import { LOCALES, type Locale } from '../../protocol/index.ts';
import { loadKb } from '../knowledge/loader.ts';
import { KnowledgeBase, type MatchConfig } from '../knowledge/index.ts';
import { runGaps } from './gaps.ts';

const USAGE = `usage:
  porsan kb check <dir>                                  validate a knowledge base (exit 0 only if clean)
  porsan kb ask --kb <dir> [--locale fa|ar|en] "question"  show the decision and top candidates
  porsan kb match --kb <dir>                             JSON Lines on stdin: {"q": "...", "locale": "fa"}
  porsan kb gaps [--data-dir DIR] [--limit N] [--json]   unanswered questions, grouped
`;

export interface MatchOutput {
  id: string | null;
  score: number;
  /** entries offered without answering, best first (an entry put to confirmation comes first) */
  suggestions: string[];
  error?: string;
}

/** One `kb match` record: the entry the bot would answer with (or the KB's human entry), else null. */
export function matchRecord(kb: KnowledgeBase, q: string, locale?: Locale): MatchOutput {
  const a = kb.answer(q, locale);
  const id = a.decision === 'answer' || a.decision === 'human' ? (a.entry?.id ?? null) : null;
  return { id, score: a.score, suggestions: a.suggestions.map((e) => e.id) };
}

/** Parse one JSON Lines input record; throws a readable message on bad input. */
export function parseMatchLine(line: string): { q: string; locale?: Locale } {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new Error('invalid JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object');
  const o = v as Record<string, unknown>;
  if (typeof o.q !== 'string') throw new Error('"q" must be a string');
  if (o.locale !== undefined && o.locale !== null && !LOCALES.includes(o.locale as Locale)) throw new Error(`"locale" must be one of ${LOCALES.join(', ')}`);
  return { q: o.q, locale: (o.locale ?? undefined) as Locale | undefined };
}

function configFromEnv(): Partial<MatchConfig> {
  const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v));
  const out: Partial<MatchConfig> = {};
  const a = num(process.env.PORSAN_KB_ANSWER_THRESHOLD), s = num(process.env.PORSAN_KB_SUGGEST_THRESHOLD);
  if (a !== undefined && Number.isFinite(a)) out.answerThreshold = a;
  if (s !== undefined && Number.isFinite(s)) out.suggestThreshold = s;
  return out;
}

interface Parsed { kb?: string; locale?: Locale; rest: string[]; json: boolean }
function parseArgs(args: string[]): Parsed {
  const p: Parsed = { rest: [], json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--kb') p.kb = args[++i];
    else if (a.startsWith('--kb=')) p.kb = a.slice(5);
    else if (a === '--locale') p.locale = args[++i] as Locale;
    else if (a.startsWith('--locale=')) p.locale = a.slice(9) as Locale;
    else if (a === '--json') p.json = true;
    else p.rest.push(a);
  }
  return p;
}

async function check(args: string[]): Promise<number> {
  const p = parseArgs(args);
  const dir = p.kb ?? p.rest[0];
  if (!dir) { process.stderr.write(USAGE); return 2; }
  const { entries, issues } = await loadKb(resolve(dir));
  const cwd = process.cwd();
  for (const i of issues) {
    const f = relative(cwd, i.file) || i.file;
    process.stdout.write(`${f}${i.line !== null ? `:${i.line}` : ''}: ${i.message}\n`);
  }
  const per = LOCALES.map((l) => `${l} ${entries.filter((e) => e.locale === l).length}`).join(', ');
  if (issues.length) {
    process.stderr.write(`${issues.length} issue(s) in ${dir}\n`);
    return 1;
  }
  process.stdout.write(`ok: ${entries.length} entries (${per})\n`);
  return 0;
}

async function openForQuery(dir: string | undefined): Promise<KnowledgeBase | null> {
  if (!dir) { process.stderr.write('missing --kb <dir>\n' + USAGE); return null; }
  const { entries, issues } = await loadKb(resolve(dir));
  for (const i of issues) process.stderr.write(`warning: ${i.file}${i.line !== null ? `:${i.line}` : ''}: ${i.message}\n`);
  return new KnowledgeBase(entries, configFromEnv());
}

async function ask(args: string[]): Promise<number> {
  const p = parseArgs(args);
  if (p.locale && !LOCALES.includes(p.locale)) { process.stderr.write(`--locale must be one of ${LOCALES.join(', ')}\n`); return 2; }
  const q = p.rest.join(' ').trim();
  if (!q) { process.stderr.write(USAGE); return 2; }
  const kb = await openForQuery(p.kb);
  if (!kb) return 2;
  const a = kb.decide(q, p.locale);
  const r = kb.rank(q, p.locale);
  if (p.json) {
    process.stdout.write(JSON.stringify({ decision: a.decision, locale: a.locale, entry: a.entry?.id ?? null, score: a.score, suggestions: a.suggestions.map((e) => e.id), candidates: a.candidates.map((c) => ({ id: c.entry.id, score: c.score })) }) + '\n');
    return 0;
  }
  const c = kb.config;
  process.stdout.write(`decision: ${a.decision}${a.entry ? ` → ${a.entry.id}` : ''}  (locale ${a.locale}, score ${a.score.toFixed(3)}; answer ≥ ${c.answerThreshold} with a lead ≥ ${c.answerMargin}, confirm ≥ ${c.confirmThreshold} with a lead ≥ ${c.confirmMargin}, suggest ≥ ${c.suggestThreshold}, offer ≥ ${c.offerThreshold})\n`);
  if (r.text !== q) process.stdout.write(`read as: ${r.text}\n`);
  if (a.suggestions.length) process.stdout.write(`${a.decision === 'confirm' ? 'also offered' : 'suggestions'}: ${a.suggestions.map((e) => e.id).join(', ')}\n`);
  process.stdout.write('candidates: (the score the bot ranks and decides by)\n');
  for (const x of a.candidates) process.stdout.write(`  ${x.score.toFixed(3)}  ${x.entry.id}  — ${x.entry.questions[0]}\n`);
  if (!a.candidates.length) process.stdout.write(a.decision === 'human' ? '  (asked for a person)\n' : '  (none)\n');
  return 0;
}

async function match(args: string[]): Promise<number> {
  const p = parseArgs(args);
  const kb = await openForQuery(p.kb);
  if (!kb) return 2;
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const out: string[] = [];
  const flush = () => { if (out.length) { process.stdout.write(out.join('')); out.length = 0; } };
  for await (const line of rl) {
    let rec: MatchOutput;
    try {
      const { q, locale } = parseMatchLine(line);
      rec = matchRecord(kb, q, locale);
    } catch (e) {
      rec = { id: null, score: 0, suggestions: [], error: (e as Error).message };
    }
    out.push(JSON.stringify(rec) + '\n');
    if (out.length >= 256) flush();
  }
  flush();
  return 0;
}

export async function runKb(args: string[]): Promise<number> {
  const [cmd, ...rest] = args;
  switch (cmd) {
    case 'check': return check(rest);
    case 'ask': return ask(rest);
    case 'match': return match(rest);
    case 'gaps': return runGaps(rest);
    default:
      process.stderr.write(USAGE);
      return cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 2;
  }
}
