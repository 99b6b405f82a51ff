// The archive: every conversation, found by filters and words, newest first, a page at a time;
// the transcript of one; all transcripts of a filter for export. Agents and admins only (the
// edges check `conversations` before anything here runs).
import type { ArchiveFilter, ArchivePage, ChatMessage, ConversationDetail, ConversationSummary } from '../../protocol/index.ts';
import { EXPORT_MAX } from '../../protocol/index.ts';
import type { AgentSide } from './agent-side.ts';
import type { Context } from './context.ts';
import { DomainError } from './errors.ts';
import type { ListedConversation, Message } from './model.ts';
import { toSummary } from './presenters.ts';

type Cursor = { createdAt: string; id: string };

/** A page's end as an opaque string for the client. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt}|${c.id}`).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  const [createdAt, id, ...rest] = Buffer.from(s, 'base64url').toString().split('|');
  if (!createdAt || !id || rest.length || Number.isNaN(Date.parse(createdAt))) throw new DomainError('invalid', 'Invalid page cursor.');
  return { createdAt, id };
}

const MATCHES_SHOWN = 3;
const EXPORT_PAGE = 200;

export class Archive {
  constructor(
    private readonly ctx: Context,
    private readonly agents: AgentSide,
  ) {}

  async page(filter: ArchiveFilter, before: string | null, limit: number): Promise<ArchivePage> {
    const { conversations, next } = await this.ctx.store.archive.find(filter, { limit, before: before ? decodeCursor(before) : null });
    const matches: Map<string, Message[]> = filter.q ? await this.ctx.store.archive.matches(conversations.map((c) => c.id), filter.q, MATCHES_SHOWN) : new Map();
    const results = await Promise.all(
      conversations.map(async (c) => ({
        conversation: await this.summary(c),
        matches: (matches.get(c.id) ?? []).map((m) => ({ seq: m.seq, author: m.author, text: m.text, createdAt: m.createdAt })),
      })),
    );
    return { results, next: next ? encodeCursor(next) : null };
  }

  /** The whole transcript, as the console's conversation view has it. */
  transcript(conversationId: string): Promise<ConversationDetail> {
    return this.agents.detail(conversationId);
  }

  /** Every conversation of the filter (at most EXPORT_MAX) with all its messages, a page at a time. */
  async *export(filter: ArchiveFilter): AsyncGenerator<{ conversation: ConversationSummary; messages: ChatMessage[] }> {
    let before: Cursor | null = null;
    let sent = 0;
    while (sent < EXPORT_MAX) {
      const { conversations, next } = await this.ctx.store.archive.find(filter, { limit: Math.min(EXPORT_PAGE, EXPORT_MAX - sent), before });
      const messages = await this.ctx.store.archive.messagesOf(conversations.map((c) => c.id));
      for (const c of conversations) {
        yield { conversation: await this.summary(c), messages: await Promise.all((messages.get(c.id) ?? []).map((m) => this.ctx.chat(m))) };
      }
      sent += conversations.length;
      if (!next) return;
      before = next;
    }
  }

  private async summary(c: ListedConversation): Promise<ConversationSummary> {
    return toSummary(c, null, await this.ctx.agentName(c.agentId), c.visitorName);
  }
}
