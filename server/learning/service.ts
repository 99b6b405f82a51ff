// Learned wordings for editors: the list ranked by evidence, accept (the wording joins the
// entry's `questions:` in its markdown file, which stays the source of truth; the hot reload
// applies it) and reject. With `autoLearn` N > 0, a pending wording that N different visitors
// confirmed is matched by the bot before an editor decides (rejected ones never are).
import type { KbSaved, LearnedWordingInfo } from '../../protocol/index.ts';
import type { KbEntry, KnowledgeService } from '../knowledge/index.ts';
import { normalizeForGrouping } from '../knowledge/index.ts';
import { checkEntry, EntryFiles } from '../kb-files/entries.ts';
import { nextReload } from '../kb-files/reload.ts';
import type { LearnedRecord, LearnedStore } from './model.ts';

/** The most wordings an entry may have from the console (its editor's limit). */
const MAX_QUESTIONS = 30;

/** How often the auto-learned set is re-read (other nodes record evidence too). */
const REFRESH_MS = 60_000;

export class LearningError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export interface LearningOptions {
  store: LearnedStore;
  knowledge: KnowledgeService;
  kbDir: string;
  watching: boolean;
  /** 0: only what editors accept is learned */
  autoLearn: number;
  log?: (msg: string, extra?: object) => void;
}

export class Learning {
  private readonly files: EntryFiles;
  private auto = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private again = false;

  constructor(private readonly opts: LearningOptions) {
    this.files = new EntryFiles(opts.kbDir);
    if (opts.autoLearn > 0) {
      this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
      this.timer.unref();
    }
  }

  /** Re-reads the wordings enough visitors confirmed and gives them to the matcher (coalesced). */
  refresh(): Promise<void> {
    if (this.opts.autoLearn <= 0) return Promise.resolve();
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        try {
          const rows = await this.opts.store.confirmedBy(this.opts.autoLearn);
          const live = rows.filter((r) => this.opts.knowledge.entry(r.entryId));
          const ids = new Set(live.map((r) => r.id));
          if (ids.size !== this.auto.size || [...ids].some((id) => !this.auto.has(id))) {
            this.auto = ids;
            this.opts.knowledge.setLearned(live.map((r) => ({ entryId: r.entryId, text: r.text })));
          }
        } catch (err) {
          this.opts.log?.('learned wordings could not be refreshed', { error: String(err) });
        }
      } while (this.again);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async list(): Promise<LearnedWordingInfo[]> {
    const rows = await this.opts.store.list({ limit: 300 });
    const rank = { pending: 0, accepted: 1, rejected: 2 } as const;
    return rows.sort((a, b) => rank[a.status] - rank[b.status]).map((r) => this.info(r));
  }

  /** Appends the wording to its entry's questions (unless it is there already) and marks it accepted. */
  async accept(id: string, by: string): Promise<{ wording: LearnedWordingInfo; saved: KbSaved | null }> {
    const rec = await this.opts.store.get(id);
    if (!rec) throw new LearningError('not_found', 'No such learned wording.');
    const onDisk = await this.files.read(rec.entryId);
    if (!onDisk) throw new LearningError('not_found', 'Its entry no longer exists.');
    const wording = rec.text.replace(/\s+/g, ' ').trim();
    const known = onDisk.entry.questions.some((q) => normalizeForGrouping(q, onDisk.entry.locale) === rec.normalized);
    let saved: KbSaved | null = null;
    if (!known) {
      // the console's FAQ editor takes up to 30 wordings per entry (kb-edit-routes.ts)
      if (onDisk.entry.questions.length >= MAX_QUESTIONS) throw new LearningError('invalid', `${rec.entryId} already has ${MAX_QUESTIONS} wordings: edit it to make room first.`);
      const entry = { ...onDisk.entry, questions: [...onDisk.entry.questions, wording] };
      const { text, issues } = checkEntry(entry);
      if (issues.length) throw new LearningError('invalid', issues.map((i) => i.message).join('; '));
      const reloaded = nextReload(this.opts.knowledge, this.opts.watching);
      const written = await this.files.write(entry.locale, entry.id, text, onDisk.hash); // ConflictError when changed meanwhile
      saved = { ...written, live: await reloaded };
    }
    const done = await this.opts.store.setStatus(id, 'accepted', by);
    await this.refresh();
    return { wording: this.info(done ?? rec), saved };
  }

  async reject(id: string, by: string): Promise<LearnedWordingInfo> {
    const done = await this.opts.store.setStatus(id, 'rejected', by);
    if (!done) throw new LearningError('not_found', 'No such learned wording.');
    await this.refresh();
    return this.info(done);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private info(r: LearnedRecord): LearnedWordingInfo {
    const entry: KbEntry | undefined = this.opts.knowledge.entry(r.entryId);
    return { ...r, entryTitle: entry?.questions[0] ?? null, auto: this.auto.has(r.id) };
  }
}

/** The entries whose FAQ answer an agent's message contains (the console inserts answers whole). */
export function answeredWith(knowledge: KnowledgeService, text: string, locale: string): KbEntry[] {
  const t = text.trim();
  if (t.length < 10) return [];
  return knowledge.entries().filter((e) => e.locale === locale && e.answer.length <= t.length && t.includes(e.answer.trim()));
}
