// Where the bytes of sent files live, by content hash, behind one small interface: local disk
// under PORSAN_DATA_DIR/files (the default); an S3-compatible store can implement the same.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStorage {
  /** Where uploads are written while they arrive and are checked (always local disk). */
  readonly stagingDir: string;
  /** Takes a checked file from staging under its hash; when that content is already stored, keeps it (refreshing its age) and drops the staged copy. */
  put(hash: string, stagedPath: string): Promise<void>;
  /** The bytes, or null when they are not there. */
  open(hash: string): Promise<{ stream: Readable; size: number } | null>;
  delete(hash: string): Promise<void>;
  /** Every stored hash and when it was last written (ms), for the orphan sweep. */
  list(): AsyncIterable<{ hash: string; modifiedMs: number }>;
}

const HASH = /^[0-9a-f]{64}$/;

/** files/ab/abcdef… (two-letter folders keep directories small), staging in files/tmp/. */
export class LocalFileStorage implements FileStorage {
  readonly stagingDir: string;

  private constructor(private readonly root: string) {
    this.stagingDir = join(root, 'tmp');
  }

  static async open(root: string): Promise<LocalFileStorage> {
    const s = new LocalFileStorage(root);
    await mkdir(s.stagingDir, { recursive: true });
    return s;
  }

  private path(hash: string): string {
    if (!HASH.test(hash)) throw new Error('not a content hash');
    return join(this.root, hash.slice(0, 2), hash);
  }

  async put(hash: string, stagedPath: string): Promise<void> {
    const target = this.path(hash);
    const existing = await stat(target).catch(() => null);
    if (existing) {
      const now = new Date();
      await utimes(target, now, now);
      await unlink(stagedPath).catch(() => {});
      return;
    }
    await mkdir(join(this.root, hash.slice(0, 2)), { recursive: true });
    await rename(stagedPath, target);
  }

  async open(hash: string): Promise<{ stream: Readable; size: number } | null> {
    const file = this.path(hash);
    const s = await stat(file).catch(() => null);
    if (!s?.isFile()) return null;
    return { stream: createReadStream(file), size: s.size };
  }

  async delete(hash: string): Promise<void> {
    await rm(this.path(hash), { force: true });
  }

  async *list(): AsyncIterable<{ hash: string; modifiedMs: number }> {
    for (const dir of await readdir(this.root).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await readdir(join(this.root, dir)).catch(() => [] as string[])) {
        if (!HASH.test(name)) continue;
        const s = await stat(join(this.root, dir, name)).catch(() => null);
        if (s) yield { hash: name, modifiedMs: s.mtimeMs };
      }
    }
  }
}
