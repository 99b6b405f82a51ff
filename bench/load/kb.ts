// The load benchmark's knowledge base: the eval store KB (used by path, copied only into a temp
// dir) plus deterministic synthetic entries up to `total`, as markdown files a real server loads.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticKb } from '../match.ts';

import { evalDir } from '../domains.ts';

/** The eval set (../shared/eval beside the project, or PORSAN_EVAL_DIR). */
export const EVAL_DIR = evalDir() ?? '../shared/eval';
export const EVAL_KB = join(EVAL_DIR, 'kb-store');

export interface LoadKb {
  dir: string;
  evalEntries: number;
  syntheticEntries: number;
}

const yamlString = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

export function buildLoadKb(total = 10_000): LoadKb {
  if (!existsSync(EVAL_KB)) throw new Error(`the eval KB is missing: ${EVAL_KB} (set PORSAN_EVAL_DIR)`);
  const dir = mkdtempSync(join(tmpdir(), 'porsan-load-kb-'));
  cpSync(EVAL_KB, dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  const evalEntries = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.md')).length;
  const synthetic = Math.max(0, total - evalEntries);
  const { entries } = syntheticKb(synthetic, 7);
  for (const e of entries) {
    const folder = join(dir, e.locale);
    mkdirSync(folder, { recursive: true });
    const front = ['---', `id: ${e.id}`, `locale: ${e.locale}`, 'questions:', ...e.questions.map((q) => `  - ${yamlString(q)}`), `tags: [${e.tags.map(yamlString).join(', ')}]`, '---'];
    writeFileSync(join(folder, `${e.id}.md`), `${front.join('\n')}\n${e.answer}\n`);
  }
  return { dir, evalEntries, syntheticEntries: entries.length };
}
