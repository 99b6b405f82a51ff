// Loading and validating a knowledge-base directory: `<dir>/<locale>/<id>.md`, YAML front
// matter then a markdown answer. Every problem is reported with its file and line.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../protocol/index.ts';
import type { KbEntry, KbIssue } from './types.ts';

const FrontMatter = z.object({
  id: z.string().trim().min(1, 'id must be a non-empty string').regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'id may contain only letters, digits, ".", "_" and "-"'),
  locale: z.enum(['fa', 'ar', 'en'], { message: 'locale must be one of fa, ar, en' }),
  questions: z.array(z.string().trim().min(1, 'questions must be non-empty strings'), { message: 'questions must be a list of strings' }).min(1, 'questions needs at least one question'),
  tags: z.array(z.string().trim().min(1, 'tags must be non-empty strings'), { message: 'tags must be a list of strings' }).default([]),
});

export interface LoadResult {
  entries: KbEntry[];
  issues: KbIssue[];
}

/** Parse one KB file's text. `file` is used in issues; `folder` is the locale folder name. */
export function parseEntry(file: string, text: string, folder: string | null): { entry: KbEntry | null; issues: KbIssue[] } {
  const issues: KbIssue[] = [];
  const issue = (line: number | null, message: string) => issues.push({ file, line, message });
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  if (lines[0].trim() !== '---') {
    issue(1, 'missing YAML front matter (the file must start with a line "---")');
    return { entry: null, issues };
  }
  let end = -1;
  for (let i = 1; i < lines.length; i++) if (lines[i].trim() === '---') { end = i; break; }
  if (end < 0) {
    issue(1, 'front matter is not closed (no second "---" line)');
    return { entry: null, issues };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const yamlLine = (offset: number | undefined) => (offset === undefined ? 2 : lc.linePos(offset).line + 1);
  if (doc.errors.length) {
    for (const e of doc.errors) issue(yamlLine(e.pos?.[0]), `invalid YAML: ${e.message.split('\n')[0]}`);
    return { entry: null, issues };
  }
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issue(2, 'front matter must be a YAML mapping (id, locale, questions, tags)');
    return { entry: null, issues };
  }
  const parsed = FrontMatter.safeParse(data);
  if (!parsed.success) {
    for (const e of parsed.error.issues) {
      const node = nodeAt(doc.contents as YamlNode | null, e.path as Array<string | number>);
      const field = e.path.length ? e.path.join('.') : 'front matter';
      issue(node?.range ? yamlLine(node.range[0]) : 2, `${field}: ${e.message}`);
    }
    return { entry: null, issues };
  }
  const fm = parsed.data;
  const fmLine = (key: string) => {
    const n = nodeAt(doc.contents as YamlNode | null, [key]);
    return n?.range ? yamlLine(n.range[0]) : 2;
  };
  const answer = lines.slice(end + 1).join('\n').trim();
  if (!answer) issue(end + 2, 'empty answer: the markdown body after the front matter is empty');
  if (folder !== null && folder !== fm.locale) issue(fmLine('locale'), `locale "${fm.locale}" does not match the folder "${folder}"`);
  const stem = basename(file).replace(/\.md$/i, '');
  if (stem !== fm.id) issue(fmLine('id'), `id "${fm.id}" does not match the file name "${stem}.md"`);
  const entry: KbEntry = { id: fm.id, locale: fm.locale, questions: fm.questions, tags: fm.tags, answer, file };
  return { entry: issues.length ? null : entry, issues };
}

function nodeAt(root: YamlNode | null, path: Array<string | number>): YamlNode | null {
  let cur: unknown = root;
  let last: YamlNode | null = root;
  for (const key of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return last;
      cur = pair.value ?? pair.key;
    } else if (isSeq(cur) && typeof key === 'number') {
      cur = cur.items[key];
    } else return last;
    if (cur && typeof cur === 'object' && 'range' in (cur as object)) last = cur as YamlNode;
  }
  return last;
}

/** Load and validate every entry of a KB directory. Valid entries are returned even when others fail. */
export async function loadKb(dir: string): Promise<LoadResult> {
  const issues: KbIssue[] = [];
  const entries: KbEntry[] = [];
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) return { entries, issues: [{ file: dir, line: null, message: 'not a directory' }] };
  } catch {
    return { entries, issues: [{ file: dir, line: null, message: 'knowledge-base directory not found' }] };
  }
  const files = await listMarkdown(dir);
  const seen = new Map<string, string>();
  for (const file of files) {
    const rel = relative(dir, file).split(/[\\/]/);
    const folder = rel.length === 2 ? rel[0] : null;
    if (rel.length === 1) continue; // README.md etc. at the root are not entries
    if (folder === null || !LOCALES.includes(folder as Locale)) {
      issues.push({ file, line: null, message: `entry is not in a locale folder (${LOCALES.join(', ')}): expected <kb>/<locale>/<id>.md` });
      continue;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      issues.push({ file, line: null, message: `cannot read file: ${(e as Error).message}` });
      continue;
    }
    const r = parseEntry(file, text, folder);
    issues.push(...r.issues);
    if (!r.entry) continue;
    const prev = seen.get(r.entry.id);
    if (prev) {
      issues.push({ file, line: 2, message: `duplicate id "${r.entry.id}" (also in ${relative(dir, prev)})` });
      continue;
    }
    seen.set(r.entry.id, file);
    entries.push(r.entry);
  }
  return { entries, issues };
}

async function listMarkdown(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, depth: number) => {
    const items = await readdir(d, { withFileTypes: true });
    items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const it of items) {
      if (it.name.startsWith('.')) continue;
      const p = join(d, it.name);
      if (it.isDirectory() && depth < 3) await walk(p, depth + 1);
      else if (it.isFile() && /\.md$/i.test(it.name)) out.push(p);
    }
  };
  await walk(dir, 0);
  return out;
}
