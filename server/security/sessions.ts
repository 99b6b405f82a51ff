// The person behind a console session, as the store has them now: active, unexpired, with
// their current role. Socket events and HTTP requests ask here each time; the answer is
// cached for a moment only, and any revocation clears the cache at once on this node.
import type { SessionAgent, Store } from '../store/index.ts';

const TTL_MS = 1000;

export class AgentSessions {
  private readonly cache = new Map<string, { agent: SessionAgent | undefined; until: number }>();

  constructor(private readonly store: Store) {}

  async current(sessionHash: string): Promise<SessionAgent | undefined> {
    const now = Date.now();
    const hit = this.cache.get(sessionHash);
    if (hit && hit.until > now) return hit.agent;
    const agent = await this.store.agents.sessionAgent(sessionHash);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(sessionHash, { agent, until: now + TTL_MS });
    return agent;
  }

  /** Forget every cached answer (someone's rights changed). */
  invalidate(): void {
    this.cache.clear();
  }
}
