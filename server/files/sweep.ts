// Orphans do not stay: staged uploads that never finished (the process stopped mid-upload),
// files whose message was never stored, and stored bytes no file refers to any more. Only
// what is older than `graceMs` goes, so an upload in progress is never taken.
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import type { FileStorage } from './storage.ts';

export interface SweepStore {
  deleteOrphans(before: string): Promise<number>;
  hashesInUse(hashes: string[]): Promise<Set<string>>;
}

export interface Swept {
  staged: number;
  rows: number;
  stored: number;
}

export async function sweepFiles(storage: FileStorage, attachments: SweepStore, graceMs: number, now = Date.now()): Promise<Swept> {
  const cutoff = now - graceMs;
  const swept: Swept = { staged: 0, rows: 0, stored: 0 };
  for (const name of await readdir(storage.stagingDir).catch(() => [] as string[])) {
    const path = join(storage.stagingDir, name);
    const s = await stat(path).catch(() => null);
    if (s && s.mtimeMs < cutoff && (await unlink(path).then(() => true, () => false))) swept.staged++;
  }
  swept.rows = await attachments.deleteOrphans(new Date(cutoff).toISOString());
  let batch: string[] = [];
  const flush = async () => {
    const used = await attachments.hashesInUse(batch);
    for (const hash of batch) {
      if (used.has(hash)) continue;
      await storage.delete(hash);
      swept.stored++;
    }
    batch = [];
  };
  for await (const f of storage.list()) {
    if (f.modifiedMs >= cutoff) continue;
    batch.push(f.hash);
    if (batch.length >= 200) await flush();
  }
  await flush();
  return swept;
}

/** Sweeps now and then every `everyMs`; returns a stop function. */
export function startSweeper(storage: FileStorage, attachments: SweepStore, log: Logger, opts: { graceMs: number; everyMs: number }): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const s = await sweepFiles(storage, attachments, opts.graceMs);
      if (s.staged || s.rows || s.stored) log.info(s, 'swept orphaned uploads');
    } catch (err) {
      log.warn({ err }, 'file sweep failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), 5_000);
  const timer = setInterval(() => void run(), opts.everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
