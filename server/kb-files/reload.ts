// Waiting for the knowledge base to reload after a file was written, so the answer to an editor
// can say whether the bot already uses the change.
import type { KnowledgeService } from '../knowledge/index.ts';

/** How long a save waits for the knowledge base to reload with it. */
export const RELOAD_WAIT_MS = 3000;

/** Resolves when the knowledge base has reloaded (true) or after a while, or at once when not watching (false). Call it before writing. */
export function nextReload(knowledge: KnowledgeService, watching: boolean): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    if (!watching) return resolve(false);
    const timer = setTimeout(() => {
      off();
      resolve(false);
    }, RELOAD_WAIT_MS);
    const off = knowledge.onReload(() => {
      clearTimeout(timer);
      off();
      resolve(true);
    });
  });
}
