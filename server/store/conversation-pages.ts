// Conversations page by page for the REST API: newest first, filtered by state and start time,
// continued after the last one seen (so pages stay right while new conversations arrive).
import type { Kysely } from 'kysely';
import type { ConversationStatus } from '../../protocol/index.ts';
import type { ListedConversation } from '../conversations/model.ts';
import type { Database } from './schema.ts';
import { toConversation } from './rows.ts';

export interface PageQuery {
  status?: ConversationStatus;
  /** ISO instants: started in [fromIso, toIso). */
  fromIso?: string;
  toIso?: string;
  /** Continue after this conversation (newest-first order). */
  after?: { createdAt: string; id: string };
  limit: number;
}

export class ConversationPageRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async page(q: PageQuery): Promise<(ListedConversation & { agentName: string | null })[]> {
    let s = this.db
      .selectFrom('conversations')
      .leftJoin('visitors', 'visitors.id', 'conversations.visitor_id')
      .leftJoin('agents', 'agents.id', 'conversations.agent_id')
      .selectAll('conversations')
      .select(['visitors.name as visitor_name', 'agents.name as agent_name']);
    if (q.status) s = s.where('conversations.status', '=', q.status);
    if (q.fromIso) s = s.where('conversations.created_at', '>=', q.fromIso);
    if (q.toIso) s = s.where('conversations.created_at', '<', q.toIso);
    const after = q.after;
    if (after) {
      s = s.where((eb) =>
        eb.or([eb('conversations.created_at', '<', after.createdAt), eb.and([eb('conversations.created_at', '=', after.createdAt), eb('conversations.id', '<', after.id)])]),
      );
    }
    const rows = await s.orderBy('conversations.created_at', 'desc').orderBy('conversations.id', 'desc').limit(q.limit).execute();
    return rows.map((r) => ({ ...toConversation(r), visitorName: r.visitor_name, agentName: r.agent_name }));
  }
}
