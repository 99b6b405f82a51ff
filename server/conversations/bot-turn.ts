// The bot's turn: what it says to a visitor's question, planned before anything is stored so
// that the question, the answer and any move to the queue are written in one transaction.
import type { Locale, MessageMeta, Suggestion } from '../../protocol/index.ts';
import type { Answer, KbEntry } from '../knowledge/index.ts';
import { botText } from './bot-text.ts';
import { handoffDraft } from './availability.ts';
import type { Context } from './context.ts';
import { botDraft, nowIso, systemDraft } from './drafts.ts';
import { DomainError } from './errors.ts';
import type { Conversation, MessageDraft } from './model.ts';
import type { AppendGuard } from './ports.ts';
import type { VisitorQuota } from './quota.ts';

export interface TurnPlan {
  /** What follows the visitor's message. */
  drafts: MessageDraft[];
  /** With a handoff: the move to the queue, made only if the conversation is still with the bot. */
  guard?: AppendGuard;
  /** A question the bot could not answer, for editors. */
  unanswered?: { locale: Locale; normalized: string };
  /** 'queued': the visitor asked for a person and is now waiting; 'nobody': nobody can answer now. */
  handoff?: 'queued' | 'nobody';
}

export async function planBotTurn(ctx: Context, conv: Conversation, question: string, quota: VisitorQuota): Promise<TurnPlan> {
  const answer: Answer = ctx.bot.decide(question, conv.locale);
  const locale = answer.locale;
  if (answer.decision === 'human') {
    try {
      await quota.handoff();
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'rate_limited') throw err;
      return { drafts: [systemDraft('rateLimited', conv.locale, { type: 'handoff', reason: 'asked' })] };
    }
    // The system says it once, from the live queue and the real settings; the FAQ's own
    // "talk to a person" entry only tells the bot what such a request looks like.
    const { draft, queued } = await handoffDraft(ctx, conv.locale, 'asked', conv.id);
    // Nobody can answer now: the widget offers to leave a message instead.
    if (!queued) return { drafts: [draft], handoff: 'nobody' };
    return { drafts: [draft], guard: { from: ['bot'], patch: { status: 'queued', queuedAt: nowIso(), handoffReason: 'asked' } }, handoff: 'queued' };
  }
  if (answer.decision === 'answer' && answer.entry) {
    return { drafts: [botDraft(answer.entry.answer, { type: 'answer', entryId: answer.entry.id, score: answer.score })] };
  }
  if (answer.decision === 'confirm' && answer.entry) {
    const title = answer.entry.questions[0] ?? answer.entry.id;
    const meta: MessageMeta = { type: 'confirm', entryId: answer.entry.id, title, score: answer.score, suggestions: answer.suggestions.slice(0, 2).map(suggestion) };
    return { drafts: [botDraft(botText('confirm', locale, { title }), meta)] };
  }
  // A guess in another language than the widget's, with nothing close enough to suggest, is
  // not trusted (Latin-letter gibberish on a Persian page should not get English suggestions).
  const trusted = answer.decision !== 'none' || locale === conv.locale;
  const replyLocale = trusted ? locale : conv.locale;
  const suggestions: Suggestion[] = trusted ? answer.suggestions.slice(0, 3).map(suggestion) : [];
  return {
    drafts: [{ ...systemDraft(suggestions.length ? 'noAnswer' : 'noAnswerNoSuggestions', replyLocale, { type: 'no_answer', suggestions }), author: 'bot' }],
    unanswered: { locale, normalized: ctx.bot.normalize(question, locale) },
  };
}

export const suggestion = (e: KbEntry): Suggestion => ({ id: e.id, title: e.questions[0] ?? e.id });
