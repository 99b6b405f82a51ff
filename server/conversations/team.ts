// The team: its settings (routing mode, business hours, the "away" switch, default limit),
// who is online (through the TeamState port), and whether a person can answer right now.
import { EventEmitter } from 'node:events';
import type { AgentStatus, Presence, TeamSettings } from '../../protocol/index.ts';
import { coalesce } from './coalesce.ts';
import { withinHours } from './hours.ts';
import type { Agent } from './model.ts';
import type { ConversationStore, TeamState } from './ports.ts';

export interface TeamEvents {
  /** The whole team's status, ready to send (coalesced: a few times a second at most). */
  statuses: [agents: AgentStatus[]];
}

export interface TeamOptions {
  leaveMessageWhenNobodyOnline: boolean;
  /** Re-read the settings this often (other processes may change them); 0: only on change here. */
  settingsRefreshMs?: number;
}

export class Team extends EventEmitter<TeamEvents> {
  private current: TeamSettings;
  private readonly refresher: NodeJS.Timeout | null;
  /** Ask for a status announcement; several requests close together make one. */
  readonly changed: () => void;

  private constructor(
    private readonly store: ConversationStore,
    readonly state: TeamState,
    private readonly defaults: TeamSettings,
    saved: Partial<TeamSettings> | undefined,
    private readonly opts: TeamOptions,
  ) {
    super();
    this.current = { ...defaults, ...saved };
    this.changed = coalesce(async () => {
      try {
        this.emit('statuses', await this.statuses());
      } catch {
        // the next change announces again
      }
    }, 150);
    state.onChange(this.changed);
    this.refresher = opts.settingsRefreshMs ? setInterval(() => void this.reload(), opts.settingsRefreshMs) : null;
    this.refresher?.unref();
  }

  static async open(store: ConversationStore, state: TeamState, defaults: TeamSettings, opts: TeamOptions): Promise<Team> {
    return new Team(store, state, defaults, await store.settings.get<TeamSettings>('team'), opts);
  }

  settings(): TeamSettings {
    return this.current;
  }

  private async reload(): Promise<void> {
    try {
      const saved = await this.store.settings.get<TeamSettings>('team');
      this.current = { ...this.defaults, ...saved };
    } catch {
      // keep the last known settings
    }
  }

  async updateSettings(patch: Partial<TeamSettings>): Promise<TeamSettings> {
    await this.reload();
    this.current = { ...this.current, ...patch };
    await this.store.settings.put('team', this.current);
    this.changed();
    return this.current;
  }

  limitOf(agent: Pick<Agent, 'maxConversations'>): number {
    return agent.maxConversations ?? this.current.defaultLimit;
  }

  async presenceOf(agentId: string): Promise<Presence> {
    return (await this.state.presences()).get(agentId) ?? 'offline';
  }

  async onlineAgentIds(): Promise<string[]> {
    return [...(await this.state.presences())].filter(([, p]) => p === 'online').map(([id]) => id);
  }

  /** Can a person answer a handoff now? If not, the visitor is offered to leave a message. */
  async available(at = new Date()): Promise<boolean> {
    return (await this.unavailableBecause(at)) === null;
  }

  /** Why nobody can answer a handoff now (what the visitor is told), or null when someone can. */
  async unavailableBecause(at = new Date()): Promise<'away' | 'closed' | 'nobody_online' | null> {
    if (this.current.teamAway) return 'away';
    if (!withinHours(this.current.hours, at)) return 'closed';
    if (this.opts.leaveMessageWhenNobodyOnline && (await this.onlineAgentIds()).length === 0) return 'nobody_online';
    return null;
  }

  async statuses(): Promise<AgentStatus[]> {
    const [agents, counts, presences] = await Promise.all([this.store.agents.all(), this.store.conversations.openCounts(), this.state.presences()]);
    return agents.map((a) => ({
      id: a.id,
      email: a.email,
      name: a.name,
      role: a.role,
      presence: a.active ? (presences.get(a.id) ?? 'offline') : 'offline',
      active: a.active,
      openConversations: counts.get(a.id) ?? 0,
      limit: this.limitOf(a),
    }));
  }

  async close(): Promise<void> {
    if (this.refresher) clearInterval(this.refresher);
    await this.state.close();
  }
}
