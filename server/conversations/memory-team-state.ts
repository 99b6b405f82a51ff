// The team's live state for one process: presence and grace timers in memory.
import type { Presence } from '../../protocol/index.ts';
import type { TeamState } from './ports.ts';

interface Entry {
  presence: Presence;
  sockets: Set<string>;
  offlineTimer: NodeJS.Timeout | null;
  lastAssignedAt: number;
}

export class MemoryTeamState implements TeamState {
  private readonly agents = new Map<string, Entry>();
  private readonly changeListeners: (() => void)[] = [];
  private readonly offlineListeners: ((agentId: string) => void)[] = [];
  private readonly locks = new Map<string, Promise<void>>();

  constructor(private readonly graceMs: number) {}

  private entry(agentId: string): Entry {
    let e = this.agents.get(agentId);
    if (!e) this.agents.set(agentId, (e = { presence: 'offline', sockets: new Set(), offlineTimer: null, lastAssignedAt: 0 }));
    return e;
  }

  private changed() {
    for (const l of this.changeListeners) l();
  }

  private wentOffline(agentId: string) {
    for (const l of this.offlineListeners) l(agentId);
  }

  async connected(agentId: string, socketId: string): Promise<void> {
    const e = this.entry(agentId);
    e.sockets.add(socketId);
    if (e.offlineTimer) clearTimeout(e.offlineTimer);
    e.offlineTimer = null;
    if (e.presence === 'offline') {
      e.presence = 'online';
      this.changed();
    }
  }

  async disconnected(agentId: string, socketId: string): Promise<void> {
    const e = this.entry(agentId);
    e.sockets.delete(socketId);
    if (e.sockets.size > 0 || e.offlineTimer || e.presence === 'offline') return;
    e.offlineTimer = setTimeout(() => {
      e.offlineTimer = null;
      if (e.sockets.size > 0) return;
      e.presence = 'offline';
      this.changed();
      this.wentOffline(agentId);
    }, this.graceMs);
    e.offlineTimer.unref();
  }

  async setPresence(agentId: string, presence: 'online' | 'away'): Promise<void> {
    const e = this.entry(agentId);
    if (e.presence === presence) return;
    e.presence = presence;
    this.changed();
  }

  async forceOffline(agentId: string): Promise<void> {
    const e = this.entry(agentId);
    if (e.offlineTimer) clearTimeout(e.offlineTimer);
    e.offlineTimer = null;
    e.sockets.clear();
    e.presence = 'offline';
    this.changed();
    this.wentOffline(agentId);
  }

  async presences(): Promise<Map<string, Presence>> {
    return new Map([...this.agents].map(([id, e]) => [id, e.presence]));
  }

  async noteAssigned(agentId: string): Promise<void> {
    this.entry(agentId).lastAssignedAt = Date.now();
  }

  async lastAssigned(): Promise<Map<string, number>> {
    return new Map([...this.agents].map(([id, e]) => [id, e.lastAssignedAt]));
  }

  /** One at a time within this process: a second caller waits its turn instead of skipping. */
  async exclusive(name: string, _ttlMs: number, task: () => Promise<void>): Promise<boolean> {
    const before = this.locks.get(name) ?? Promise.resolve();
    const run = before.then(task, task);
    const settled = run.catch(() => undefined);
    this.locks.set(name, settled);
    await run;
    return true;
  }

  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  onWentOffline(listener: (agentId: string) => void): void {
    this.offlineListeners.push(listener);
  }

  async close(): Promise<void> {
    for (const e of this.agents.values()) if (e.offlineTimer) clearTimeout(e.offlineTimer);
  }
}
