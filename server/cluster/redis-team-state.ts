// The team's live state shared by every node, in Redis: presence, which node holds which console
// socket (with node heartbeats, so a dead node's sockets stop counting), grace deadlines swept by
// every node (exactly one wins each and requeues), last-assignment times and a routing lock.
//
// Keys (after the deployment's prefix, default "porsan:"): presence (hash agent → online|away),
// sockets:<agent> (set node|socket), node:<node>:sockets (set agent|socket), nodes (zset node →
// last heartbeat ms), grace (zset agent → deadline ms), assigned (hash agent → ms), lock:<name>.
import { randomUUID } from 'node:crypto';
import type { Presence } from '../../protocol/index.ts';
import type { TeamState } from '../conversations/ports.ts';
import type { Logger } from '../log.ts';
import { within, type RedisClient } from './redis.ts';

/** Reads that decide what visitors see wait at most this long for Redis, then use what was last known. */
const READ_MS = 1000;

function keys(prefix: string) {
  return {
    presence: `${prefix}presence`,
    sockets: (agentId: string) => `${prefix}sockets:${agentId}`,
    nodeSockets: (nodeId: string) => `${prefix}node:${nodeId}:sockets`,
    nodes: `${prefix}nodes`,
    grace: `${prefix}grace`,
    assigned: `${prefix}assigned`,
    lock: (name: string) => `${prefix}lock:${name}`,
  };
}

/** Deletes a lock only if it is still ours. */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface RedisTeamOptions {
  /** Every key starts with it (several deployments can share one Redis). */
  prefix: string;
  nodeId: string;
  graceMs: number;
  /** A node silent this long is dead: its sockets stop counting. */
  nodeTimeoutMs: number;
  /** How often this node beats and sweeps. */
  sweepMs?: number;
}

export class RedisTeamState implements TeamState {
  private readonly changeListeners: (() => void)[] = [];
  private readonly offlineListeners: ((agentId: string) => void)[] = [];
  /** This node's own console sockets and the presence they last set: re-told to Redis if it lost them. */
  private readonly local = new Map<string, { sockets: Set<string>; presence: 'online' | 'away' }>();
  private readonly timer: NodeJS.Timeout;
  private sweeping = false;
  private readonly K: ReturnType<typeof keys>;
  private lastPresences = new Map<string, Presence>();
  private lastAssignedTimes = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient,
    private readonly opts: RedisTeamOptions,
    private readonly log: Logger,
  ) {
    this.K = keys(opts.prefix);
    this.timer = setInterval(() => void this.sweep(), opts.sweepMs ?? 1000);
    this.timer.unref();
    // Redis restarted empty (it keeps nothing on disk here): tell it again what this node holds.
    redis.on('ready', () => void this.retell());
  }

  static async start(redis: RedisClient, opts: RedisTeamOptions, log: Logger): Promise<RedisTeamState> {
    const state = new RedisTeamState(redis, opts, log);
    await redis.zAdd(keys(opts.prefix).nodes, { score: Date.now(), value: opts.nodeId });
    return state;
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  async connected(agentId: string, socketId: string): Promise<void> {
    const mine = this.local.get(agentId) ?? { sockets: new Set<string>(), presence: 'online' as const };
    mine.sockets.add(socketId);
    this.local.set(agentId, mine);
    const [, , , added] = await this.redis
      .multi()
      .sAdd(this.K.sockets(agentId), `${this.opts.nodeId}|${socketId}`)
      .sAdd(this.K.nodeSockets(this.opts.nodeId), `${agentId}|${socketId}`)
      .zRem(this.K.grace, agentId)
      .hSetNX(this.K.presence, agentId, 'online')
      .exec();
    if (Number(added) === 1) this.changed();
  }

  async disconnected(agentId: string, socketId: string): Promise<void> {
    const mine = this.local.get(agentId);
    mine?.sockets.delete(socketId);
    if (mine && mine.sockets.size === 0) this.local.delete(agentId);
    await this.redis.multi().sRem(this.K.sockets(agentId), `${this.opts.nodeId}|${socketId}`).sRem(this.K.nodeSockets(this.opts.nodeId), `${agentId}|${socketId}`).exec();
    if (!(await this.hasLiveSockets(agentId)) && (await this.redis.hExists(this.K.presence, agentId))) {
      await this.redis.zAdd(this.K.grace, { score: Date.now() + this.opts.graceMs, value: agentId }, { condition: 'NX' });
    }
  }

  async setPresence(agentId: string, presence: 'online' | 'away'): Promise<void> {
    const mine = this.local.get(agentId);
    if (mine) mine.presence = presence;
    const before = await this.redis.hGet(this.K.presence, agentId);
    if (before === presence) return;
    await this.redis.hSet(this.K.presence, agentId, presence);
    this.changed();
  }

  async forceOffline(agentId: string): Promise<void> {
    this.local.delete(agentId);
    await this.redis.multi().hDel(this.K.presence, agentId).del(this.K.sockets(agentId)).zRem(this.K.grace, agentId).exec();
    this.changed();
    for (const l of this.offlineListeners) l(agentId);
  }

  async presences(): Promise<Map<string, Presence>> {
    const read = this.redis.hGetAll(this.K.presence).then((all) => {
      this.lastPresences = new Map(Object.entries(all).map(([id, p]): [string, Presence] => [id, p === 'away' ? 'away' : 'online']));
      return this.lastPresences;
    });
    return within(read, READ_MS, () => this.lastPresences);
  }

  async noteAssigned(agentId: string): Promise<void> {
    await this.redis.hSet(this.K.assigned, agentId, String(Date.now()));
  }

  async lastAssigned(): Promise<Map<string, number>> {
    const read = this.redis.hGetAll(this.K.assigned).then((all) => (this.lastAssignedTimes = new Map(Object.entries(all).map(([id, ms]) => [id, Number(ms)]))));
    return within(read, READ_MS, () => this.lastAssignedTimes);
  }

  /** Holds the lock while `task` runs; if another node holds it, tries again for a few seconds. */
  async exclusive(name: string, ttlMs: number, task: () => Promise<void>): Promise<boolean> {
    const token = randomUUID();
    for (let attempt = 0; attempt < 30; attempt++) {
      const got: string | null = await within(this.redis.set(this.K.lock(name), token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }), READ_MS, () => 'unreachable');
      if (got === 'unreachable') return false; // the periodic sweep routes once Redis is back
      if (got === 'OK') {
        try {
          await task();
        } finally {
          await this.redis.eval(RELEASE, { keys: [this.K.lock(name)], arguments: [token] }).catch(() => undefined);
        }
        return true;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  onWentOffline(listener: (agentId: string) => void): void {
    this.offlineListeners.push(listener);
  }

  private async liveNodes(now = Date.now()): Promise<Set<string>> {
    return new Set(await this.redis.zRangeByScore(this.K.nodes, now - this.opts.nodeTimeoutMs, '+inf'));
  }

  private async hasLiveSockets(agentId: string, live?: Set<string>): Promise<boolean> {
    const members = await this.redis.sMembers(this.K.sockets(agentId));
    if (members.length === 0) return false;
    const nodes = live ?? (await this.liveNodes());
    return members.some((m) => nodes.has(m.split('|')[0] ?? ''));
  }

  /** Heartbeat; forget dead nodes' sockets; take agents whose grace ran out offline (one node wins each). */
  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const now = Date.now();
      await this.redis.zAdd(this.K.nodes, { score: now, value: this.opts.nodeId });
      for (const dead of await this.redis.zRangeByScore(this.K.nodes, '-inf', now - this.opts.nodeTimeoutMs)) await this.buryNode(dead);
      const live = await this.liveNodes(now);
      for (const agentId of await this.redis.zRangeByScore(this.K.grace, '-inf', now)) {
        if (await this.hasLiveSockets(agentId, live)) {
          await this.redis.zRem(this.K.grace, agentId);
          continue;
        }
        if ((await this.redis.zRem(this.K.grace, agentId)) !== 1) continue; // another node took it
        await this.redis.hDel(this.K.presence, agentId);
        this.changed();
        for (const l of this.offlineListeners) l(agentId);
      }
    } catch (err) {
      this.log.warn({ err }, 'team state sweep failed (Redis unreachable?)');
    } finally {
      this.sweeping = false;
    }
  }

  /** A node stopped beating: its sockets are gone; their agents get the grace period from its last beat. */
  private async buryNode(nodeId: string): Promise<void> {
    const last = Number((await this.redis.zScore(this.K.nodes, nodeId)) ?? Date.now());
    for (const entry of await this.redis.sMembers(this.K.nodeSockets(nodeId))) {
      const [agentId, socketId] = entry.split('|') as [string, string];
      await this.redis.sRem(this.K.sockets(agentId), `${nodeId}|${socketId}`);
      if (!(await this.hasLiveSockets(agentId)) && (await this.redis.hExists(this.K.presence, agentId))) {
        await this.redis.zAdd(this.K.grace, { score: last + this.opts.graceMs, value: agentId }, { condition: 'NX' });
      }
    }
    await this.redis.multi().del(this.K.nodeSockets(nodeId)).zRem(this.K.nodes, nodeId).exec();
    this.log.warn({ node: nodeId }, 'a node stopped answering; its agents get the grace period');
  }

  /** After Redis came back empty: this node's sockets and presences, told again. */
  private async retell(): Promise<void> {
    try {
      await this.redis.zAdd(this.K.nodes, { score: Date.now(), value: this.opts.nodeId });
      for (const [agentId, { sockets, presence }] of this.local) {
        for (const socketId of sockets) {
          await this.redis.sAdd(this.K.sockets(agentId), `${this.opts.nodeId}|${socketId}`);
          await this.redis.sAdd(this.K.nodeSockets(this.opts.nodeId), `${agentId}|${socketId}`);
        }
        await this.redis.hSetNX(this.K.presence, agentId, presence);
      }
      this.changed();
    } catch (err) {
      this.log.warn({ err }, 'could not re-tell Redis this node’s sockets');
    }
  }

  /** Leaving cleanly: this node's sockets stop counting at once (their agents get the grace period). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    try {
      await this.redis.zAdd(this.K.nodes, { score: 0, value: this.opts.nodeId });
      await this.buryNode(this.opts.nodeId);
    } catch {
      // Redis is gone too: the other nodes find this one silent and bury it themselves
    }
  }
}
