// Files in conversations: a visitor's or an agent's file becomes a message carrying its
// metadata, and who may fetch a file is decided here: the visitor of its conversation (by
// their token, nobody else's) and the people who work conversations.
import type { AgentInfo, AttachmentInfo, ChatMessage } from '../../protocol/index.ts';
import type { Context } from './context.ts';
import { nowIso } from './drafts.ts';
import { DomainError } from './errors.ts';
import type { Attachment, Conversation, MessageDraft, StoredFile, Visitor } from './model.ts';
import type { AppendGuard, Appended } from './ports.ts';
import { UNLIMITED, type VisitorQuota } from './quota.ts';
import type { VisitorSide } from './visitor-side.ts';

export function attachmentInfo(a: Attachment): AttachmentInfo {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    mime: a.mime,
    kind: a.kind,
    ...(a.width && a.height ? { width: a.width, height: a.height } : {}),
  };
}

export class Attachments {
  constructor(
    private readonly ctx: Context,
    private readonly visitors: VisitorSide,
  ) {}

  /** A visitor's file, into their open conversation (a new one when there is none). The bot does not answer files. */
  async fromVisitor(visitor: Visitor, clientId: string, file: StoredFile, quota: VisitorQuota = UNLIMITED): Promise<ChatMessage> {
    const conv = await this.visitors.openFor(visitor, quota);
    const r = await this.store(conv, 'visitor', clientId, file, (draft) => this.ctx.store.messages.append(conv.id, [draft]));
    if (!r) throw new DomainError('internal', 'Could not store the file.');
    return this.announce(r, visitor.name);
  }

  /** Refuses early (before the upload is read) an agent who may not write in the conversation. */
  async assertAgentMayWrite(agent: AgentInfo, conversationId: string): Promise<void> {
    const conv = await this.ctx.mustGet(conversationId);
    if (conv.status !== 'assigned' || conv.agentId !== agent.id) throw new DomainError('forbidden', 'Only the agent who owns an open conversation can send files in it.');
  }

  /** An agent's file, in a conversation they own. */
  async fromAgent(agent: AgentInfo, conversationId: string, clientId: string, file: StoredFile): Promise<ChatMessage> {
    const { ctx } = this;
    const conv = await ctx.mustGet(conversationId);
    if (conv.status !== 'assigned' || conv.agentId !== agent.id) throw new DomainError('forbidden', 'Only the agent who owns an open conversation can send files in it.');
    ctx.rememberAgent(agent);
    const guard: AppendGuard = { from: ['assigned'], owner: agent.id, ...(!conv.firstResponseAt && { patch: { firstResponseAt: nowIso() } }) };
    const r = await this.store(conv, 'agent', clientId, file, (draft) => ctx.store.messages.append(conv.id, [{ ...draft, agentId: agent.id }], guard));
    if (!r) throw new DomainError('forbidden', 'Only the agent who owns an open conversation can send files in it.');
    return this.announce(r);
  }

  /** A file the visitor may fetch: one sent in a conversation of theirs. Anything else is "not found", so ids cannot be probed. */
  async forVisitor(visitor: Visitor, attachmentId: string): Promise<Attachment> {
    const a = await this.ctx.store.attachments.get(attachmentId);
    const conv = a?.messageId ? await this.ctx.store.conversations.get(a.conversationId) : undefined;
    if (!a || !conv || !(await this.ctx.visitorMaySee(visitor, conv))) throw new DomainError('not_found', 'No such file.');
    return a;
  }

  /** A file for the people who work conversations (the edge has checked the permission). */
  async forAgent(attachmentId: string): Promise<Attachment> {
    const a = await this.ctx.store.attachments.get(attachmentId);
    if (!a?.messageId) throw new DomainError('not_found', 'No such file.');
    return a;
  }

  /** The file's row, then its message; a retried upload (its client id already stored) keeps the first one. */
  private async store(conv: Conversation, by: Attachment['uploadedBy'], clientId: string, file: StoredFile, append: (d: MessageDraft) => Promise<Appended | null>): Promise<Appended | null> {
    const { store } = this.ctx;
    const row = await store.attachments.create({ ...file, conversationId: conv.id, uploadedBy: by });
    const r = await append({ clientId, author: by, text: file.name, meta: { type: 'attachment', file: attachmentInfo(row) } });
    const mine = r?.created ? r.messages[0] : undefined;
    if (mine) await store.attachments.attach(row.id, mine.id);
    else await store.attachments.discard(row.id);
    return r;
  }

  private async announce(r: Appended, visitorName?: string | null): Promise<ChatMessage> {
    const { ctx } = this;
    if (!r.created) return ctx.chat(r.messages[0]!);
    if (r.messages[0]!.seq === 1) await ctx.announceConversation(r.conversation, visitorName);
    const [chat] = await ctx.announce(r.messages, r.conversation);
    return chat!;
  }
}
