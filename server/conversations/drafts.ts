// The bot's and the system's own messages, in the conversation's language.
import type { Locale, MessageMeta } from '../../protocol/index.ts';
import { botText, type BotTextKey } from './bot-text.ts';
import type { MessageDraft } from './model.ts';

export function systemDraft(key: BotTextKey, locale: Locale, meta: MessageMeta, vars: Record<string, string | number> = {}): MessageDraft {
  return { clientId: null, author: 'system', text: botText(key, locale, vars), meta };
}

export function botDraft(text: string, meta: MessageMeta): MessageDraft {
  return { clientId: null, author: 'bot', text, meta };
}

export const nowIso = () => new Date().toISOString();
