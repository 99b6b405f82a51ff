// Where a CPU profile's time goes (the server's, under load): self time by
// function and by part of the code (store, knowledge, Socket.IO, ...), busy time only.
// `npx tsx bench/load/profile.ts <file.cpuprofile> [top]` (bench:load --profile writes them)
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const PARTS: Array<[string, RegExp]> = [
  ['store (SQLite, Kysely)', /better-sqlite3|kysely|server\/store\//],
  ['knowledge (matching)', /server\/knowledge\//],
  ['Socket.IO / engine.io / ws', /socket\.io|engine\.io|\/ws\/|socket\.io-parser/],
  ['zod', /\/zod\//],
  ['conversations (domain)', /server\/conversations\//],
  ['realtime (edge)', /server\/realtime\//],
  ['markdown', /marked|server\/text\//],
  ['rate limits', /rate-limiter-flexible|server\/security\//],
  ['metrics', /prom-client|server\/metrics/],
  ['node internals', /^node:|^internal\//],
];

export function summarize(file: string, top = 25): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const fn = new Map<string, number>();
  const parts = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const [id, us] of self) {
    total += us;
    const n = byId.get(id)!;
    const name = n.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') continue;
    // (the profiler stopping itself is not the server's work)
    let own = false;
    for (let cur: number | undefined = id; cur !== undefined && !own; cur = parent.get(cur)) own = byId.get(cur)!.callFrame.url.endsWith('bench/load/profiler.ts');
    if (own) continue;
    busy += us;
    const key = `${name || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|server|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    // a part is the nearest frame (this one or a caller) in a known file; GC and natives count where they were called
    let part = name === '(garbage collector)' ? 'garbage collector' : 'other';
    for (let cur: number | undefined = id; cur !== undefined && part === 'other'; cur = parent.get(cur)) if (byId.get(cur)!.callFrame.functionName === 'commitTransaction') part = 'store: COMMIT (WAL pages, FTS5 flush)';
    for (let cur: number | undefined = id; cur !== undefined && part === 'other'; cur = parent.get(cur)) {
      const url = byId.get(cur)!.callFrame.url;
      const hit = PARTS.find(([, re]) => re.test(url));
      if (hit) part = hit[0];
    }
    parts.set(part, (parts.get(part) ?? 0) + us);
  }
  const pc = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  console.log(`busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s profiled`);
  for (const [k, us] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`${pc(us)}  ${k}`);
  console.log('');
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pc(us)}  ${k}`);
}

if (process.argv[1]?.endsWith('profile.ts')) summarize(process.argv[2]!, Number(process.argv[3] ?? 25));
