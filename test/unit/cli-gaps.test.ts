// `porsan kb gaps`: unanswered questions from the server's database, grouped and ranked.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/porsan.mjs'), 'kb', 'gaps', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('porsan kb gaps', () => {
  it('lists unanswered questions grouped by normalized text, most asked first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porsan-gaps-'));
    const store = await openSqliteStore(dir);
    for (const [text, normalized, locale] of [['آیا فضاپیما دارید؟', 'فضاپیما', 'fa'], ['فضاپیما دارید', 'فضاپیما', 'fa'], ['moon shop?', 'moon shop', 'en']]) {
      await store.unanswered.record({ conversationId: null, locale: locale!, text: text!, normalized: normalized! });
    }
    await store.close();

    const json = run('--data-dir', dir, '--json');
    expect(json.status).toBe(0);
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { normalized: string; count: number; locale: string });
    expect(rows.map((r) => [r.normalized, r.count, r.locale])).toEqual([['فضاپیما', 2, 'fa'], ['moon shop', 1, 'en']]);

    const table = run('--data-dir', dir);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^\s+2\s+fa\s/m);
  });

  it('explains a missing data directory and bad options', () => {
    const missing = run('--data-dir', join(tmpdir(), 'no-such-porsan-dir'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no data directory');
    expect(run('--limit', 'many').status).toBe(2);
  });
});
