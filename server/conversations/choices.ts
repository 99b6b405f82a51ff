// A visitor's choice on a bot message (the middle band's "Is this what you mean?", or one of the
// suggestions), the bot's reply to it, and the evidence it gives for learned wordings: that the
// visitor's question means the chosen entry. Evidence stops counting if they ask for a person
// later in the conversation (`personAsked`); an agent answering a handed-off question with an
// entry's FAQ answer is evidence too (`agentAnswered`).
import type { ChatMessage, ConfirmMeta, Locale, MessageMeta } from '../../protocol/index.ts';
import type { EvidenceSource } from '../learning/model.ts';
import type { Context } from './context.ts';
import { botDraft, systemDraft } from './drafts.ts';
import { DomainError } from './errors.ts';
import type { Conversation, Message, MessageDraft, Visitor } from './model.ts';
import { botText } from './bot-text.ts';

/** The visitor's question a bot message replied to: the last plain visitor message before it. */
function questionBefore(messages: readonly Message[], seq: number): Message | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.seq < seq && m.author === 'visitor' && !m.meta) return m;
  }
  return undefined;
}

export async function choose(ctx: Context, visitor: Visitor, messageId: string, entryId: string | null): Promise<ChatMessage> {
  const conv = await ctx.store.conversations.currentOf(visitor.id);
  if (!conv || conv.status !== 'bot') throw new DomainError('wrong_state', 'The bot no longer has this conversation.');
  const messages = await ctx.store.messages.after(conv.id, 0);
  const target = messages.find((m) => m.id === messageId && m.author === 'bot');
  const meta = target?.meta;
  if (!target || (meta?.type !== 'confirm' && meta?.type !== 'no_answer')) throw new DomainError('not_found', 'No such message to choose on.');
  const onConfirm = meta.type === 'confirm';
  const offered = [...(onConfirm ? [meta.entryId] : []), ...meta.suggestions.map((s) => s.id)];
  if (entryId === null ? !onConfirm : !offered.includes(entryId)) throw new DomainError('invalid', 'That was not offered.');
  const entry = entryId === null ? null : ctx.bot.entry(entryId);
  if (entryId !== null && !entry) throw new DomainError('not_found', 'That entry no longer exists.');
  const title = entryId === null ? botText('somethingElse', conv.locale) : onConfirm && entryId === meta.entryId ? meta.title : (meta.suggestions.find((s) => s.id === entryId)?.title ?? entryId);
  // One choice per bot message: the client id makes a second tap (or another tab's) a retry.
  const choice: MessageDraft = { clientId: `choice-${messageId}`, author: 'visitor', text: title, meta: { type: 'choice', messageId, entryId, on: onConfirm ? 'confirm' : 'suggestion' } };
  const reply = entry
    ? botDraft(entry.answer, { type: 'answer', entryId: entry.id, score: onConfirm && entry.id === meta.entryId ? meta.score : 0, chosen: true })
    : otherSuggestions(conv.locale, meta as ConfirmMeta);
  const r = await ctx.store.messages.append(conv.id, [choice, reply], { from: ['bot'] });
  if (!r) throw new DomainError('wrong_state', 'The bot no longer has this conversation.');
  const mine = r.messages[0]!;
  if (!r.created) return ctx.chat(mine);
  await ctx.announce(r.messages, r.conversation);
  const question = questionBefore(messages, target.seq);
  if (entry && question) await addEvidence(ctx, conv, question.text, entry.id, entry.locale, onConfirm ? 'confirm' : 'pick');
  // "No, something else": the bot's best guess was wrong, a question for editors like any unanswered one.
  if (!entry && question) await ctx.store.unanswered.record({ conversationId: conv.id, locale: conv.locale, text: question.text, normalized: ctx.bot.normalize(question.text, conv.locale) });
  return ctx.chat(mine);
}

function otherSuggestions(locale: Locale, meta: ConfirmMeta): MessageDraft {
  const m: MessageMeta = { type: 'no_answer', suggestions: meta.suggestions };
  return { ...systemDraft(meta.suggestions.length ? 'otherSuggestions' : 'noAnswerNoSuggestions', locale, m), author: 'bot' };
}

async function addEvidence(ctx: Context, conv: Conversation, text: string, entryId: string, locale: Locale, source: EvidenceSource): Promise<void> {
  await ctx.store.learned.addEvidence({ text, normalized: ctx.bot.normalize(text, locale), entryId, locale, conversationId: conv.id, visitorId: conv.visitorId, source });
  ctx.events.emit('learned', { entryId });
}

/** The visitor asked for a person: their choices in this conversation were not what they needed. */
export async function personAsked(ctx: Context, conversationId: string): Promise<void> {
  if ((await ctx.store.learned.voidVisitorEvidence(conversationId)) > 0) ctx.events.emit('learned', { entryId: null });
}

/** An agent's message in a handed-off conversation: if it carries an entry's FAQ answer, the visitor's last question means that entry. */
export async function agentAnswered(ctx: Context, conv: Conversation, text: string): Promise<void> {
  const entries = ctx.bot.answeredWith(text, conv.locale);
  if (entries.length !== 1) return; // two answers pasted together say nothing about one question
  const question = questionBefore(await ctx.store.messages.after(conv.id, 0), Number.MAX_SAFE_INTEGER);
  if (question) await addEvidence(ctx, conv, question.text, entries[0]!.id, entries[0]!.locale, 'agent');
}
