// The knowledge service the server uses: a KB folder loaded and kept current (hot reload), with
// the learned wordings applied to every version.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import type { Locale } from '../../protocol/index.ts';
import { KnowledgeBase, type KbSearchHit } from './knowledge-base.ts';
import { loadKb } from './loader.ts';
import type { Answer, KbEntry, KbIssue, LearnedWording, LegacyAnswer, MatchConfig, RankedEntry } from './types.ts';

/** Hot-reload debounce: editors write files in several steps. */
export const RELOAD_DEBOUNCE_MS = 150;

export interface KnowledgeService {
  /** What the bot does with a message, with the middle band (`confirm`) and the ranked candidates. */
  decide(question: string, locale?: Locale): Answer;
  /** `decide` with `confirm` folded into `suggest`, for callers that do not show the middle band yet. */
  answer(question: string, locale?: Locale): LegacyAnswer;
  /**
   * Ranked search for agents and editors: the top entries in the bot's own order with the bot's own
   * score, best first. Unlike `answer`, it returns hits for short keyword queries the bot itself
   * would not answer. The language is inferred from the text when `locale` is missing.
   */
  search(query: string, locale?: Locale, limit?: number): KbSearchHit[];
  /** The entry closest to a question the bot could not answer, whatever its score (null: no shared word). */
  closest(question: string, locale?: Locale): RankedEntry | null;
  /**
   * Replace the learned wordings (e.g. the ones visitors confirmed, from the store). They are
   * matched like the entries' own questions from now on, across reloads; wordings of entries that
   * no longer exist are ignored.
   */
  setLearned(wordings: readonly LearnedWording[]): void;
  entries(): KbEntry[];
  entry(id: string): KbEntry | undefined;
  /** validation errors of the last load attempt (empty when clean) */
  issues(): KbIssue[];
  onReload(listener: () => void): () => void;
  close(): Promise<void>;
}

export type KbLog = (level: 'info' | 'warn' | 'error', msg: string, extra?: object) => void;

export interface OpenKnowledgeOptions {
  dir: string;
  watch?: boolean;
  config?: Partial<MatchConfig>;
  /** learned wordings to apply from the start (see `setLearned`) */
  learned?: readonly LearnedWording[];
  log?: KbLog;
}

/**
 * The entries of a reload in which some files are broken: every valid file as it is now, and for
 * each broken file the entries it had in the last good version (one broken file does not hold back
 * the edits to the others, nor take its own entries out of service).
 */
export function keepLastGood(loaded: KbEntry[], issues: KbIssue[], previous: KbEntry[]): { entries: KbEntry[]; kept: number } {
  if (!issues.length) return { entries: loaded, kept: 0 };
  const broken = new Set(issues.map((i) => i.file));
  const ids = new Set(loaded.map((e) => e.id));
  const old = previous.filter((e) => broken.has(e.file) && !ids.has(e.id));
  return { entries: [...loaded, ...old], kept: old.length };
}

/** Load a KB directory once (no watching) into a searchable snapshot. */
export async function loadKnowledgeBase(dir: string, config?: Partial<MatchConfig>, learned?: readonly LearnedWording[]): Promise<{ kb: KnowledgeBase; issues: KbIssue[] }> {
  const { entries, issues } = await loadKb(dir);
  return { kb: new KnowledgeBase(entries, config, learned), issues };
}

export async function openKnowledge(opts: OpenKnowledgeOptions): Promise<KnowledgeService> {
  const log: KbLog = opts.log ?? (() => {});
  const first = await loadKb(opts.dir);
  let learned: readonly LearnedWording[] = opts.learned ?? [];
  let current = new KnowledgeBase(first.entries, opts.config, learned);
  let lastIssues = first.issues;
  if (lastIssues.length) log('error', `knowledge base has ${lastIssues.length} issue(s); serving the ${first.entries.length} valid entries`, { dir: opts.dir, issues: lastIssues });
  else log('info', `knowledge base loaded: ${first.entries.length} entries`, { dir: opts.dir });
  const listeners = new Set<() => void>();
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let loading: Promise<void> | null = null;
  let again = false;

  const notify = () => {
    for (const l of listeners) {
      try { l(); } catch (e) { log('warn', 'knowledge reload listener failed', { error: String(e) }); }
    }
  };

  const reload = async (): Promise<void> => {
    if (loading) { again = true; return loading; }
    loading = (async () => {
      do {
        again = false;
        try {
          const r = await loadKb(opts.dir);
          if (closed) return;
          lastIssues = r.issues;
          // (an empty reload is a folder being replaced or a mistake far more often than the wish for a bot without answers)
          if (r.entries.length === 0 && current.all.length > 0) {
            log('error', `knowledge base reload found no valid entry (${r.issues.length} issue(s)); still serving the last good version`, { dir: opts.dir, issues: r.issues });
            continue;
          }
          const { entries, kept } = keepLastGood(r.entries, r.issues, current.all);
          current = new KnowledgeBase(entries, opts.config, learned);
          if (r.issues.length) {
            log('error', `knowledge base reloaded with ${r.issues.length} issue(s): the other files' edits are in, the last good version of ${kept} entr${kept === 1 ? 'y' : 'ies'} from broken files stays in service`, { dir: opts.dir, issues: r.issues });
          } else log('info', `knowledge base reloaded: ${r.entries.length} entries`, { dir: opts.dir });
          notify();
        } catch (e) {
          log('error', 'knowledge base reload crashed; still serving the last good version', { error: String(e) });
        }
      } while (again && !closed);
    })().finally(() => { loading = null; });
    return loading;
  };

  if (opts.watch) {
    try {
      watcher = fsWatch(opts.dir, { recursive: true }, (_event, name) => {
        if (closed) return;
        if (name && /(^|[\\/])\.|~$|\.swp$/.test(String(name))) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => { timer = null; void reload(); }, RELOAD_DEBOUNCE_MS);
      });
      watcher.on('error', (e) => log('warn', 'knowledge base watcher error', { error: String(e) }));
    } catch (e) {
      log('warn', 'cannot watch the knowledge base directory; hot reload disabled', { dir: opts.dir, error: String(e) });
    }
  }

  return {
    decide: (q, l) => current.decide(q, l),
    answer: (q, l) => current.answer(q, l),
    search: (q, l, n) => current.search(q, l, n),
    closest: (q, l) => current.closest(q, l),
    setLearned(wordings) {
      learned = [...wordings];
      current = new KnowledgeBase(current.all, opts.config, learned);
      notify();
    },
    entries: () => current.all,
    entry: (id) => current.entry(id),
    issues: () => lastIssues,
    onReload(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      if (loading) await loading.catch(() => {});
    },
  };
}
