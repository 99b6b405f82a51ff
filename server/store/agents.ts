// People who log in to the console (agents, editors, admins) and their sessions.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AgentInfo, AgentRole } from '../../protocol/index.ts';
import { avatarPath, type Agent, type AgentPatch } from '../conversations/model.ts';
import type { Database } from './schema.ts';
import { now, toAgent, type AgentRow } from './rows.ts';

export function toAgentInfo(a: Pick<Agent, 'id' | 'email' | 'name' | 'role'> & Partial<Pick<Agent, 'avatarVersion'>>): AgentInfo {
  return { id: a.id, email: a.email, name: a.name, role: a.role, avatar: a.avatarVersion ? avatarPath({ id: a.id, avatarVersion: a.avatarVersion }) : null };
}

/** The person behind a live session, and when the session ends. */
export interface SessionAgent extends Agent {
  sessionExpiresAt: string;
}

export class AgentRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(a: { email: string; name: string; role: AgentRole; passwordHash: string }): Promise<Agent> {
    const row: AgentRow = {
      id: randomUUID(),
      email: a.email.toLowerCase(),
      name: a.name,
      role: a.role,
      password_hash: a.passwordHash,
      active: 1,
      max_conversations: null,
      created_at: now(),
      avatar_version: null,
    };
    await this.db.insertInto('agents').values(row).execute();
    return toAgent(row);
  }

  async byEmail(email: string): Promise<Agent | undefined> {
    const row = await this.db.selectFrom('agents').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row && toAgent(row);
  }

  /** For login: the person and their stored password hash. */
  async credentials(email: string): Promise<{ agent: Agent; passwordHash: string } | undefined> {
    const row = await this.db.selectFrom('agents').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row && { agent: toAgent(row), passwordHash: row.password_hash };
  }

  async get(id: string): Promise<Agent | undefined> {
    const row = await this.db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAgent(row);
  }

  async all(): Promise<Agent[]> {
    return (await this.db.selectFrom('agents').selectAll().orderBy('name').execute()).map(toAgent);
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('agents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** false when there is no such agent. */
  async update(id: string, patch: AgentPatch): Promise<boolean> {
    const row: Partial<AgentRow> = {};
    if (patch.name !== undefined) row.name = patch.name;
    if (patch.role !== undefined) row.role = patch.role;
    if (patch.active !== undefined) row.active = patch.active ? 1 : 0;
    if (patch.maxConversations !== undefined) row.max_conversations = patch.maxConversations;
    if (patch.passwordHash !== undefined) row.password_hash = patch.passwordHash;
    if (Object.keys(row).length === 0) return (await this.get(id)) !== undefined;
    const res = await this.db.updateTable('agents').set(row).where('id', '=', id).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  // ------------------------------------------------------------ sessions
  async createSession(tokenHash: string, agentId: string, expiresAt: Date): Promise<void> {
    await this.db.insertInto('sessions').values({ token_hash: tokenHash, agent_id: agentId, created_at: now(), expires_at: expiresAt.toISOString() }).execute();
  }

  /** The active agent behind an unexpired session, if any. */
  async sessionAgent(tokenHash: string): Promise<SessionAgent | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('agents', 'agents.id', 'sessions.agent_id')
      .selectAll('agents')
      .select('sessions.expires_at as session_expires_at')
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now())
      .where('agents.active', '=', 1)
      .executeTakeFirst();
    return row && { ...toAgent(row), sessionExpiresAt: row.session_expires_at };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteSessionsOf(agentId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('agent_id', '=', agentId).execute();
  }
}
