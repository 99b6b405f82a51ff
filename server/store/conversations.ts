// Conversations: creation, every state transition as one conditional update (returning the
// result, so nobody has to read it again), and the lists the console shows.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Channel, ConversationStatus, Locale, StartedFrom } from '../../protocol/index.ts';
import type { Conversation, ConversationPatch, ListedConversation } from '../conversations/model.ts';
import type { Dialect } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { conversationPatchRow, now, toConversation, type ConversationRow } from './rows.ts';
import { compiledOnce } from './compiled.ts';

export class ConversationRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /** Starts a conversation and makes it the visitor's current one. */
  async open(c: { visitorId: string; locale: Locale; pageUrl: string | null; startedFrom?: StartedFrom | null; channel?: Channel; customerId?: string | null }): Promise<Conversation> {
    const t = now();
    const row: ConversationRow = {
      id: randomUUID(),
      visitor_id: c.visitorId,
      status: 'bot',
      locale: c.locale,
      agent_id: null,
      handoff_reason: null,
      queued_at: null,
      assigned_at: null,
      first_response_at: null,
      closed_at: null,
      closed_by: null,
      rating: null,
      rating_comment: null,
      last_seq: 0,
      first_question: null,
      last_message: null,
      page_url: c.pageUrl,
      tags: '[]',
      resolution: null,
      tracking_code: null,
      proactive_rule_id: c.startedFrom?.ruleId ?? null,
      proactive_rule_name: c.startedFrom?.ruleName ?? null,
      created_at: t,
      updated_at: t,
      customer_id: c.customerId ?? null,
      channel: c.channel ?? 'chat',
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('conversations').values(row).execute();
      await trx.updateTable('visitors').set({ current_conversation_id: row.id }).where('id', '=', c.visitorId).execute();
    });
    return toConversation(row);
  }

  async get(id: string): Promise<Conversation | undefined> {
    const row = await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toConversation(row);
  }

  /** The visitor's current conversation (open, or closed but not dismissed), in one query. */
  async currentOf(visitorId: string): Promise<Conversation | undefined> {
    const [row] = (await this.db.executeQuery(this.currentOfQuery(visitorId))).rows;
    return row && toConversation(row);
  }
  private readonly currentOfQuery = compiledOnce(1, (visitorId: string) =>
    this.db
      .selectFrom('visitors')
      .innerJoin('conversations', 'conversations.id', 'visitors.current_conversation_id')
      .selectAll('conversations')
      .where('visitors.id', '=', visitorId),
  );

  /**
   * A state transition as one conditional update: it happens only if the conversation is
   * still in one of `from` (and, when given, still owned by `owner`). Of any number of
   * concurrent callers, at most one gets the updated conversation; the others get null.
   */
  async transition(id: string, from: readonly ConversationStatus[], patch: ConversationPatch, owner?: string): Promise<Conversation | null> {
    let q = this.db
      .updateTable('conversations')
      .set({ ...conversationPatchRow(patch), updated_at: now() })
      .where('id', '=', id)
      .where('status', 'in', [...from]);
    if (owner !== undefined) q = q.where('agent_id', '=', owner);
    const row = await q.returningAll().executeTakeFirst();
    return row ? toConversation(row) : null;
  }

  /**
   * Gives a waiting conversation (queued or a left message) to an agent, as one conditional
   * update that also checks the agent's limit: of any number of concurrent claims exactly one
   * wins, and an agent never ends up over their limit. On PostgreSQL the agent's row is locked
   * first, so claims by one agent are counted one after another (under READ COMMITTED two
   * concurrent counts would both see the old number); SQLite runs one transaction at a time.
   */
  assign(id: string, agentId: string, limit: number, from: readonly ConversationStatus[] = ['queued', 'offline'], currentOwner?: string): Promise<Conversation | null> {
    return this.db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres') await trx.selectFrom('agents').select('id').where('id', '=', agentId).forUpdate().execute();
      return this.assignIn(trx, id, agentId, limit, from, currentOwner);
    });
  }

  private async assignIn(trx: Transaction<Database>, id: string, agentId: string, limit: number, from: readonly ConversationStatus[], currentOwner?: string): Promise<Conversation | null> {
    const t = now();
    let q = trx
      .updateTable('conversations')
      .set({ status: 'assigned', agent_id: agentId, assigned_at: t, updated_at: t })
      .where('id', '=', id)
      .where('status', 'in', [...from])
      .where((eb) =>
        eb(
          eb.selectFrom('conversations as mine').select((e) => e.fn.countAll<number>().as('n')).where('mine.agent_id', '=', agentId).where('mine.status', '=', 'assigned'),
          '<',
          limit,
        ),
      );
    if (currentOwner !== undefined) q = q.where('agent_id', '=', currentOwner);
    const row = await q.returningAll().executeTakeFirst();
    return row ? toConversation(row) : null;
  }

  /** A rating, once, for a closed conversation. */
  async rate(id: string, score: number, comment: string | null): Promise<Conversation | null> {
    const row = await this.db
      .updateTable('conversations')
      .set({ rating: score, rating_comment: comment, updated_at: now() })
      .where('id', '=', id)
      .where('status', '=', 'closed')
      .where('rating', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toConversation(row) : null;
  }

  async setTags(id: string, tags: string[]): Promise<Conversation | undefined> {
    const row = await this.db.updateTable('conversations').set({ tags: JSON.stringify(tags), updated_at: now() }).where('id', '=', id).returningAll().executeTakeFirst();
    return row && toConversation(row);
  }

  /** Queued (or, with `offline`, left-message) conversations, oldest first, with visitors' names: one query. */
  async waiting(status: 'queued' | 'offline' = 'queued'): Promise<ListedConversation[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .leftJoin('visitors', 'visitors.id', 'conversations.visitor_id')
      .selectAll('conversations')
      .select('visitors.name as visitor_name')
      .where('conversations.status', '=', status)
      .orderBy('conversations.queued_at')
      .orderBy('conversations.id')
      .execute();
    return rows.map((r) => ({ ...toConversation(r), visitorName: r.visitor_name }));
  }

  /** 1-based place of a queued conversation: how many wait ahead of it, plus one. */
  async queuePosition(c: Pick<Conversation, 'id' | 'queuedAt'>): Promise<number> {
    const r = await this.db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'queued')
      .where((eb) => eb.or([eb('queued_at', '<', c.queuedAt ?? ''), eb.and([eb('queued_at', '=', c.queuedAt ?? ''), eb('id', '<', c.id)])]))
      .executeTakeFirstOrThrow();
    return Number(r.n) + 1;
  }

  async ofAgent(agentId: string, statuses: readonly ConversationStatus[]): Promise<ListedConversation[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .leftJoin('visitors', 'visitors.id', 'conversations.visitor_id')
      .selectAll('conversations')
      .select('visitors.name as visitor_name')
      .where('conversations.agent_id', '=', agentId)
      .where('conversations.status', 'in', [...statuses])
      .orderBy('conversations.updated_at', 'desc')
      .execute();
    return rows.map((r) => ({ ...toConversation(r), visitorName: r.visitor_name }));
  }

  async ofVisitor(visitorId: string, limit = 20): Promise<Conversation[]> {
    const rows = await this.db.selectFrom('conversations').selectAll().where('visitor_id', '=', visitorId).orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(toConversation);
  }

  async byTrackingCode(code: string): Promise<Conversation | undefined> {
    const row = await this.db.selectFrom('conversations').selectAll().where('tracking_code', '=', code).executeTakeFirst();
    return row && toConversation(row);
  }

  /** Open (assigned) conversations per agent. */
  async openCounts(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('conversations')
      .select((eb) => ['agent_id', eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'assigned')
      .groupBy('agent_id')
      .execute();
    return new Map(rows.filter((r) => r.agent_id).map((r) => [r.agent_id as string, Number(r.n)]));
  }

  /** Conversations started from each proactive rule. */
  async startedFromRules(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('conversations')
      .select((eb) => ['proactive_rule_id', eb.fn.countAll<number>().as('n')])
      .where('proactive_rule_id', 'is not', null)
      .groupBy('proactive_rule_id')
      .execute();
    return new Map(rows.map((r) => [r.proactive_rule_id as string, Number(r.n)]));
  }

  /** Seconds from queueing to pick-up of the most recent claims, newest first. */
  async recentPickupSeconds(limit = 20): Promise<number[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select(['queued_at', 'assigned_at'])
      .where('assigned_at', 'is not', null)
      .where('queued_at', 'is not', null)
      .where('tracking_code', 'is', null)
      .orderBy('assigned_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => (Date.parse(r.assigned_at as string) - Date.parse(r.queued_at as string)) / 1000).filter((s) => s >= 0);
  }
}
