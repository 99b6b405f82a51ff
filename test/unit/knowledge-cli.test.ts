// The `porsan` bin as a child process: kb match (JSON Lines in → one line out per line, in
// order) and kb check (exit status reflects validation).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/porsan.mjs');
const KB = resolve(ROOT, 'test/fixtures/kb-bikes');
const BROKEN = resolve(ROOT, 'test/fixtures/kb-broken');

function porsan(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
}

describe('porsan kb match', () => {
  it('writes exactly one JSON line per input line, in order, and survives malformed lines', () => {
    const lines = [
      JSON.stringify({ q: 'how much does it cost to rent a bike?', locale: 'en' }),
      JSON.stringify({ q: 'ساعت کاری فروشگاه چیست؟' }),
      'this is not json',
      JSON.stringify({ q: 'I want to talk to a human', locale: 'en' }),
      JSON.stringify({ nope: 1 }),
      JSON.stringify({ q: 'what is the capital of Peru?', locale: 'en' }),
      JSON.stringify({ q: 'كم سعر استئجار الدراجة؟', locale: 'xx' }),
      JSON.stringify({ q: 'كم سعر استئجار الدراجة؟', locale: 'ar' }),
    ];
    const r = porsan(['kb', 'match', '--kb', KB], lines.join('\n') + '\n');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    expect(out[0]).toMatchObject({ id: 'rental-price-en' });
    expect(out[0].score).toBeGreaterThan(0.5);
    expect(Array.isArray(out[0].suggestions)).toBe(true);
    expect(out[1].id).toBe('opening-hours-fa');
    expect(out[2]).toMatchObject({ id: null, score: 0, suggestions: [] });
    expect(typeof out[2].error).toBe('string');
    expect(out[3].id).toBe('talk-to-us'); // the KB's own talk-to-a-person entry
    expect(out[4]).toMatchObject({ id: null, score: 0, suggestions: [] });
    expect(out[4].error).toMatch(/q/);
    expect(out[5].id).toBeNull();
    expect(out[6].error).toMatch(/locale/);
    expect(out[7].id).toBe('rental-price-ar');
    for (const o of out) expect(Object.keys(o).sort()).toEqual(o.error ? ['error', 'id', 'score', 'suggestions'] : ['id', 'score', 'suggestions']);
  });

  it('is deterministic across runs', () => {
    const input = ['helmet', 'opening hours?', 'bike stolen'].map((q) => JSON.stringify({ q })).join('\n');
    const a = porsan(['kb', 'match', '--kb', KB], input);
    const b = porsan(['kb', 'match', '--kb', KB], input);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.trim().split('\n')).toHaveLength(3);
  });
});

describe('porsan kb check', () => {
  it('exits non-zero on a broken KB and prints file:line: message for each issue', () => {
    const r = porsan(['kb', 'check', BROKEN]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/en[\\/]no-questions-en\.md:4: .*questions/);
    expect(r.stdout).toMatch(/en[\\/]wrong-locale-en\.md:3: .*folder/);
    expect(r.stdout).toMatch(/bad-yaml-en\.md:\d+: invalid YAML/);
    expect(r.stdout).toMatch(/empty-answer-en\.md:\d+: empty answer/);
    expect(r.stdout).toMatch(/duplicate id "good-en"/);
  });
  it('exits 0 on a clean KB', () => {
    const r = porsan(['kb', 'check', KB]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ok: 12 entries/);
  });
  it('kb ask prints the decision and candidates', () => {
    const r = porsan(['kb', 'ask', '--kb', KB, '--locale', 'en', 'how much is a bike per day']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/decision: answer → rental-price-en/);
    expect(r.stdout).toMatch(/candidates:/);
  });
});
