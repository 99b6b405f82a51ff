// Knowledge-base entries as files, for editing from the console: the markdown file of an entry
// (front matter as the loader reads it, then the answer), checked by the loader's own parser
// before it is written, and written only when the file on disk is still the one the editor
// started from (its sha256): a concurrent edit is refused, never overwritten. Writes to one
// entry run one at a time in this process.
import { createHash } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { KbEntryDraft, KbIssueInfo, Locale } from '../../protocol/index.ts';
import { LOCALES } from '../../protocol/index.ts';
import { parseEntry } from '../knowledge/index.ts';

/** The loader's rule for ids (they are file names too). */
export const ENTRY_ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;

export function hashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `<locale>/<id>.md`, relative to the knowledge-base folder (the id is checked by ENTRY_ID first). */
export function entryFile(locale: Locale, id: string): string {
  return `${locale}/${id}.md`;
}

function scalar(s: string): string {
  return stringify(s, { lineWidth: 0 }).trimEnd();
}

/** The file for an entry, in the layout of the knowledge base's own files. */
export function renderEntry(e: KbEntryDraft): string {
  const tags = e.tags.map((t) => (TAG.test(t) && scalar(t) === t ? t : JSON.stringify(t)));
  return ['---', `id: ${e.id}`, `locale: ${e.locale}`, 'questions:', ...e.questions.map((q) => `  - ${scalar(q)}`), `tags: [${tags.join(', ')}]`, '---', e.answer.trim(), ''].join('\n');
}

/** What the loader would say about this entry as a file (an empty list: it loads). */
export function checkEntry(e: KbEntryDraft): { text: string; issues: KbIssueInfo[] } {
  const file = entryFile(e.locale, e.id);
  const issues: KbIssueInfo[] = [];
  if (!ENTRY_ID.test(e.id)) issues.push({ file, line: null, message: 'id may contain only letters, digits, ".", "_" and "-", and must start with a letter or digit' });
  for (const t of e.tags) if (!TAG.test(t)) issues.push({ file, line: null, message: `tag "${t}": letters, digits, spaces, "_" and "-" only` });
  if (e.questions.some((q) => /[\r\n]/.test(q))) issues.push({ file, line: null, message: 'a question must be one line' });
  if (issues.length) return { text: '', issues };
  const text = renderEntry(e);
  const parsed = parseEntry(file, text, e.locale);
  issues.push(...parsed.issues.map((i) => ({ ...i, file })));
  if (parsed.entry && JSON.stringify(parsed.entry.questions) !== JSON.stringify(e.questions.map((q) => q.trim()))) {
    issues.push({ file, line: null, message: 'the questions do not read back as written' });
  }
  return { text, issues };
}

export interface EntryOnDisk {
  entry: KbEntryDraft;
  hash: string;
  file: string;
}

export class ConflictError extends Error {
  constructor(readonly current: EntryOnDisk | null) {
    super(current ? 'This entry was changed meanwhile (by someone else or in its file).' : 'This entry no longer exists.');
  }
}

export class EntryFiles {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string) {}

  /** The entry `id` as its file says now (any locale folder), or null. Throws on a file that does not load. */
  async read(id: string): Promise<EntryOnDisk | null> {
    if (!ENTRY_ID.test(id)) return null;
    for (const locale of LOCALES) {
      const file = entryFile(locale, id);
      const text = await readFile(join(this.dir, file), 'utf8').catch(() => null);
      if (text === null) continue;
      const parsed = parseEntry(file, text, locale);
      if (!parsed.entry) throw new InvalidFileError(file, parsed.issues);
      const { questions, tags, answer } = parsed.entry;
      return { entry: { id, locale, questions, tags, answer }, hash: hashOf(text), file };
    }
    return null;
  }

  /**
   * Writes `text` as the file of (locale, id) if the file is still at `baseHash` (null: it must
   * not exist yet); throws ConflictError otherwise.
   */
  write(locale: Locale, id: string, text: string, baseHash: string | null): Promise<{ hash: string; file: string }> {
    const file = entryFile(locale, id);
    return this.exclusive(id, async () => {
      await this.expect(id, baseHash);
      const path = join(this.dir, file);
      await mkdir(dirname(path), { recursive: true });
      // Written in place, not renamed over: Node's recursive file watcher on Linux stops seeing a
      // file that another one was renamed over, and the knowledge base's hot reload would miss it.
      // (One write of a few kilobytes; the reload waits for writes to settle anyway.)
      await writeFile(path, text, { encoding: 'utf8', flag: baseHash === null ? 'wx' : 'w' });
      return { hash: hashOf(text), file };
    });
  }

  remove(id: string, baseHash: string): Promise<void> {
    return this.exclusive(id, async () => {
      const current = await this.expect(id, baseHash);
      if (current) await unlink(join(this.dir, current.file));
    });
  }

  private async expect(id: string, baseHash: string | null): Promise<EntryOnDisk | null> {
    let current: EntryOnDisk | null;
    try {
      current = await this.read(id);
    } catch (err) {
      if (!(err instanceof InvalidFileError)) throw err;
      // a broken file is still someone's file: only the exact bytes the editor saw may be replaced
      const text = await readFile(join(this.dir, err.file), 'utf8');
      if (hashOf(text) === baseHash) return null;
      throw new ConflictError(null);
    }
    if ((current?.hash ?? null) !== baseHash) throw new ConflictError(current);
    return current;
  }

  private exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(key) ?? Promise.resolve();
    const run = prev.then(task, task);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    void settled.then(() => {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    });
    return run;
  }
}

export class InvalidFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: KbIssueInfo[],
  ) {
    super(`${file} does not load: ${issues[0]?.message ?? 'invalid'}`);
  }
}
