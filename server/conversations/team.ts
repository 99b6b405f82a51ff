// The team: who is online, their limits, the team's settings (routing mode, business
// hours, the "away" switch), and whether a person can answer right now.
// Presence lives in this process's memory; see the README for running several processes.
import { EventEmitter } from 'node:events';
import type { AgentStatus, BusinessHours, Presence, TeamSettings } from '../../protocol/index.ts';
import type { AgentRow, Store } from '../store/index.ts';

export interface TeamEvents {
  /** Presence, limits or settings changed. */
  changed: [];
  /** An agent's sockets have all been gone for the grace period. */
  wentOffline: [agentId: string];
}

interface AgentPresence {
  presence: Presence;
  sockets: number;
  offlineTimer: NodeJS.Timeout | null;
  /** When this agent last got a conversation; routing breaks ties by longest idle. */
  lastAssignedAt: number;
}

const SATURDAY_TO_THURSDAY: BusinessHours = {
  timeZone: 'Asia/Tehran',
  days: { '6': ['09:00-18:00'], '0': ['09:00-18:00'], '1': ['09:00-18:00'], '2': ['09:00-18:00'], '3': ['09:00-18:00'], '4': ['09:00-18:00'], '5': [] },
};
const ALWAYS: BusinessHours['days'] = { '0': ['00:00-24:00'], '1': ['00:00-24:00'], '2': ['00:00-24:00'], '3': ['00:00-24:00'], '4': ['00:00-24:00'], '5': ['00:00-24:00'], '6': ['00:00-24:00'] };

export function defaultSettings(opts: { alwaysOpen: boolean; timeZone: string }): TeamSettings {
  return {
    routing: 'manual',
    teamAway: false,
    hours: { timeZone: opts.timeZone, days: opts.alwaysOpen ? ALWAYS : SATURDAY_TO_THURSDAY.days },
    defaultLimit: 5,
  };
}

const WEEKDAYS: Record<string, keyof BusinessHours['days']> = { Sun: '0', Mon: '1', Tue: '2', Wed: '3', Thu: '4', Fri: '5', Sat: '6' };

const clocks = new Map<string, Intl.DateTimeFormat>();
function clock(timeZone: string): Intl.DateTimeFormat {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, f);
  }
  return f;
}

export function withinHours(hours: BusinessHours, at: Date): boolean {
  const parts = clock(hours.timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = WEEKDAYS[get('weekday')];
  if (!day) return false;
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  return (hours.days[day] ?? []).some((range) => {
    const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(range);
    if (!m) return false;
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3]) * 60 + Number(m[4]);
    return minute >= from && minute < to;
  });
}

export class Team extends EventEmitter<TeamEvents> {
  private readonly agents = new Map<string, AgentPresence>();
  private current: TeamSettings;

  private constructor(
    private readonly store: Store,
    settings: TeamSettings,
    private readonly opts: { graceMs: number; leaveMessageWhenNobodyOnline: boolean },
  ) {
    super();
    this.current = settings;
  }

  static async open(store: Store, defaults: TeamSettings, opts: { graceMs: number; leaveMessageWhenNobodyOnline: boolean }): Promise<Team> {
    const saved = await store.setting<TeamSettings>('team');
    return new Team(store, { ...defaults, ...saved }, opts);
  }

  settings(): TeamSettings {
    return this.current;
  }

  async updateSettings(patch: Partial<TeamSettings>): Promise<TeamSettings> {
    this.current = { ...this.current, ...patch };
    await this.store.putSetting('team', this.current);
    this.emit('changed');
    return this.current;
  }

  // ------------------------------------------------------------ presence
  private entry(agentId: string): AgentPresence {
    let p = this.agents.get(agentId);
    if (!p) {
      p = { presence: 'offline', sockets: 0, offlineTimer: null, lastAssignedAt: 0 };
      this.agents.set(agentId, p);
    }
    return p;
  }

  /** A console socket connected: the agent is online unless they chose "away". */
  connected(agentId: string): void {
    const p = this.entry(agentId);
    p.sockets += 1;
    if (p.offlineTimer) clearTimeout(p.offlineTimer);
    p.offlineTimer = null;
    if (p.presence === 'offline') {
      p.presence = 'online';
      this.emit('changed');
    }
  }

  /** A console socket left; when none is back within the grace period the agent is offline. */
  disconnected(agentId: string): void {
    const p = this.entry(agentId);
    p.sockets = Math.max(0, p.sockets - 1);
    if (p.sockets > 0 || p.offlineTimer) return;
    p.offlineTimer = setTimeout(() => {
      p.offlineTimer = null;
      if (p.sockets > 0) return;
      p.presence = 'offline';
      this.emit('changed');
      this.emit('wentOffline', agentId);
    }, this.opts.graceMs);
    p.offlineTimer.unref();
  }

  /** Deactivation or logout: offline at once. */
  forceOffline(agentId: string): void {
    const p = this.entry(agentId);
    if (p.offlineTimer) clearTimeout(p.offlineTimer);
    p.offlineTimer = null;
    p.sockets = 0;
    p.presence = 'offline';
    this.emit('changed');
    this.emit('wentOffline', agentId);
  }

  setPresence(agentId: string, presence: 'online' | 'away'): void {
    const p = this.entry(agentId);
    if (p.presence === presence) return;
    p.presence = presence;
    this.emit('changed');
  }

  presenceOf(agentId: string): Presence {
    return this.agents.get(agentId)?.presence ?? 'offline';
  }

  noteAssigned(agentId: string): void {
    this.entry(agentId).lastAssignedAt = Date.now();
  }

  lastAssignedAt(agentId: string): number {
    return this.agents.get(agentId)?.lastAssignedAt ?? 0;
  }

  limitOf(agent: Pick<AgentRow, 'max_conversations'>): number {
    return agent.max_conversations ?? this.current.defaultLimit;
  }

  onlineAgentIds(): string[] {
    return [...this.agents.entries()].filter(([, p]) => p.presence === 'online').map(([id]) => id);
  }

  /** Can a person answer a handoff now? If not, the visitor is offered to leave a message. */
  available(at = new Date()): boolean {
    if (this.current.teamAway) return false;
    if (!withinHours(this.current.hours, at)) return false;
    if (this.opts.leaveMessageWhenNobodyOnline && this.onlineAgentIds().length === 0) return false;
    return true;
  }

  async statuses(): Promise<AgentStatus[]> {
    const [rows, counts] = await Promise.all([this.store.agents(), this.store.openCounts()]);
    return rows.map((a) => ({
      id: a.id,
      email: a.email,
      name: a.name,
      role: a.role as AgentStatus['role'],
      presence: a.active ? this.presenceOf(a.id) : 'offline',
      active: a.active === 1,
      openConversations: counts.get(a.id) ?? 0,
      limit: this.limitOf(a),
    }));
  }

  close(): void {
    for (const p of this.agents.values()) if (p.offlineTimer) clearTimeout(p.offlineTimer);
  }
}
