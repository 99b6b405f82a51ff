// Hot reload: openKnowledge({ watch: true }) on a temp copy of a KB picks up edits without a
// restart, and keeps serving the last good version when an edit breaks the KB.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledge, type KnowledgeService } from '../../server/knowledge/index.ts';
import { until } from '../helpers/wait.ts';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/kb-bikes');
/** An edit of the fixture's helmet entry that adds a question. */
const HELMET_WITH_TRAILER = `---
id: helmet-en
locale: en
questions:
  - Do you provide helmets?
  - Can I rent a child trailer?
tags: [equipment]
---
Helmets are free; child trailers cost 10 euros per day.
`;


describe('knowledge base hot reload', () => {
  let dir: string;
  let kb: KnowledgeService;
  const logs: Array<{ level: string; msg: string }> = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'porsan-kb-'));
    cpSync(FIXTURE, dir, { recursive: true });
    logs.length = 0;
    kb = await openKnowledge({ dir, watch: true, log: (level, msg) => logs.push({ level, msg }) });
  });
  afterEach(async () => {
    await kb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a newly added entry without restart and notifies listeners', async () => {
    const q = 'Can I take the bike on the train?';
    expect(kb.answer(q, 'en').entry?.id).not.toBe('trains-en');
    let reloads = 0;
    const off = kb.onReload(() => reloads++);
    writeFileSync(join(dir, 'en', 'trains-en.md'), `---
id: trains-en
locale: en
questions:
  - Can I take the bike on the train?
  - Are rental bikes allowed on public transport?
tags: [transport]
---
Yes, folding bikes are allowed on all trains; city bikes only outside rush hours.
`);
    await until(() => kb.entry('trains-en') !== undefined);
    const a = kb.answer(q, 'en');
    expect(a.decision).toBe('answer');
    expect(a.entry?.id).toBe('trains-en');
    expect(reloads).toBeGreaterThanOrEqual(1);
    expect(kb.issues()).toEqual([]);
    off();
  });

  it('applies an edit to an existing entry', async () => {
    writeFileSync(join(dir, 'en', 'helmet-en.md'), HELMET_WITH_TRAILER);
    await until(() => kb.entry('helmet-en')?.questions.includes('Can I rent a child trailer?') ?? false);
    expect(kb.answer('can i rent a child trailer', 'en').entry?.id).toBe('helmet-en');
  });

  it('keeps serving the last good version when an edit breaks the KB, and reports the file', async () => {
    const before = kb.entries().length;
    writeFileSync(join(dir, 'en', 'rental-price-en.md'), `---
id: rental-price-en
locale: en
questions: [broken
---
`);
    await until(() => kb.issues().length > 0);
    const issues = kb.issues();
    expect(issues.some((i) => i.file.endsWith(join('en', 'rental-price-en.md')) && typeof i.line === 'number')).toBe(true);
    expect(logs.some((l) => l.level === 'error')).toBe(true);
    // last good version still answers, including the entry whose file is now broken
    expect(kb.entries()).toHaveLength(before);
    expect(kb.answer('how much does it cost to rent a bike?', 'en').entry?.id).toBe('rental-price-en');

    // fixing the file swaps the new version in and clears the issues
    writeFileSync(join(dir, 'en', 'rental-price-en.md'), `---
id: rental-price-en
locale: en
questions:
  - How much does it cost to rent a bike?
  - Do you have weekly rental prices?
tags: [prices]
---
5 euros per hour, 20 per day, 90 per week.
`);
    await until(() => kb.issues().length === 0 && (kb.entry('rental-price-en')?.questions.length ?? 0) === 2 && kb.entry('rental-price-en')!.answer.includes('90'));
    expect(kb.answer('weekly rental prices', 'en').entry?.id).toBe('rental-price-en');
  });

  it('applies edits to other files while one file stays broken, keeping the broken file’s last good entries', async () => {
    writeFileSync(join(dir, 'en', 'rental-price-en.md'), '---\nid: rental-price-en\nlocale: en\nquestions: [broken\n---\n');
    await until(() => kb.issues().length > 0);
    writeFileSync(join(dir, 'en', 'helmet-en.md'), HELMET_WITH_TRAILER);
    await until(() => kb.entry('helmet-en')?.questions.includes('Can I rent a child trailer?') ?? false);
    expect(kb.answer('can i rent a child trailer', 'en').entry?.id).toBe('helmet-en');
    expect(kb.issues().some((i) => i.file.endsWith(join('en', 'rental-price-en.md')))).toBe(true);
    expect(kb.answer('how much does it cost to rent a bike?', 'en').entry?.id).toBe('rental-price-en');
    expect(logs.some((l) => l.level === 'error' && l.msg.includes('last good version'))).toBe(true);
  });

  it('never swaps in an empty knowledge base: all entry folders gone keeps the last good version', async () => {
    const before = kb.entries().length;
    for (const l of ['en', 'fa', 'ar']) rmSync(join(dir, l), { recursive: true, force: true });
    await until(() => logs.some((l) => l.msg.includes('no valid entry')));
    expect(kb.entries()).toHaveLength(before);
    expect(kb.answer('how much does it cost to rent a bike?', 'en').entry?.id).toBe('rental-price-en');
  });
});
