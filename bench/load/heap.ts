// Where a heap snapshot's bytes are (bench:load --heap-snapshot): self size and count by
// constructor / kind, largest first. `npx tsx bench/load/heap.ts <file.heapsnapshot> [top]`
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

function tally(file: string): { by: Map<string, { size: number; count: number }>; total: number } {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const f = s.snapshot.meta.node_fields;
  const width = f.length, iType = f.indexOf('type'), iName = f.indexOf('name'), iSize = f.indexOf('self_size');
  const types = s.snapshot.meta.node_types[0];
  const by = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + iType]!]!;
    const name = type === 'object' || type === 'closure' ? `${type} ${s.strings[s.nodes[i + iName]!]}` : type;
    const size = s.nodes[i + iSize]!;
    total += size;
    const e = by.get(name) ?? { size: 0, count: 0 };
    e.size += size;
    e.count++;
    by.set(name, e);
  }
  return { by, total };
}

/** With `base` (e.g. the idle server's snapshot): what `file` has more of, per `per` (e.g. per visitor). */
export function summarizeHeap(file: string, top = 40, base?: string, per = 1): void {
  const { by, total } = tally(file);
  if (base) {
    const b = tally(base).by;
    for (const [k, v] of by) {
      const o = b.get(k);
      if (o) by.set(k, { size: v.size - o.size, count: v.count - o.count });
    }
  }
  const unit = per > 1 ? 1 : 2 ** 20;
  for (const v of by.values()) { v.size /= per; v.count /= per; }
  console.log(`total ${(total / 2 ** 20).toFixed(1)} MB`);
  for (const [k, v] of [...by].sort((a, b) => b[1].size - a[1].size).slice(0, top)) console.log(`${(v.size / unit).toFixed(2).padStart(10)} ${per > 1 ? 'B' : 'MB'} ${v.count.toFixed(per > 1 ? 2 : 0).padStart(9)}  ${k.slice(0, 100)}`);
}

// `npx tsx bench/load/heap.ts <file> [top] [base file] [divide by]`
if (process.argv[1]?.endsWith('heap.ts')) summarizeHeap(process.argv[2]!, Number(process.argv[3] ?? 40), process.argv[4], Number(process.argv[5] ?? 1));
