// The console's reducer and small helpers, without a browser: ordering and de-duplication of
// messages, what counts as unread, what moves between the lists.
import { describe, expect, it } from 'vitest';
import type { AgentInfo, ChatMessage, ConversationDetail, ConversationSummary } from '../../protocol/index.ts';
import { parseUserAgent } from '../../console/src/lib/ua.ts';
import { preview } from '../../console/src/lib/preview.ts';
import { formatElapsed } from '../../console/src/lib/time.ts';
import { initialState, mergeMessage, reducer, type WorkspaceState } from '../../console/src/state.ts';

const me: AgentInfo = { id: 'a1', email: 'me@example.com', name: 'Me', role: 'agent' };

function msg(seq: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return { id: 'm' + seq, conversationId: 'c1', seq, clientId: null, author: 'visitor', text: 'text ' + seq, createdAt: new Date(seq * 1000).toISOString(), ...over };
}

function summary(over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 'c1', status: 'queued', locale: 'en', visitorName: null, pageUrl: null, firstQuestion: 'hi', lastMessage: null, agentId: null, agentName: null,
    handoffReason: 'button', queuedAt: null, queuePosition: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', rating: null,
    tags: [], resolution: null, trackingCode: null, ...over,
  };
}

function detail(messages: ChatMessage[], over: Partial<ConversationSummary> = {}): ConversationDetail {
  return {
    conversation: summary(over),
    messages,
    visitor: { id: 'v1', profile: {}, page: null, locale: 'en', userAgent: null, visits: 1, firstSeenAt: '2026-01-01T00:00:00Z', timeZone: null },
    earlier: [],
  };
}

const run = (s: WorkspaceState, ...actions: Parameters<typeof reducer>[1][]) => actions.reduce(reducer, s);
const start = (): WorkspaceState => run({ ...initialState, agent: me }, { type: 'hello', agent: me, queue: [summary()], mine: [] });

describe('console state', () => {
  it('keeps messages in seq order without duplicates', () => {
    let list = [msg(1), msg(3)];
    list = mergeMessage(list, msg(2));
    list = mergeMessage(list, msg(3, { text: 'edited' }));
    expect(list.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(list[2].text).toBe('edited');
  });

  it('replaces the sending bubble with the stored message, whichever arrives first', () => {
    let s = run(start(), { type: 'select', id: 'c1' }, { type: 'opened', id: 'c1', detail: detail([msg(1)], { status: 'assigned', agentId: 'a1' }) });
    s = reducer(s, { type: 'outgoing', outgoing: { clientId: 'k1', conversationId: 'c1', kind: 'reply', text: 'hello', state: 'sending', createdAt: '' } });
    expect(s.outbox).toHaveLength(1);
    // The broadcast comes before the ack: the bubble goes, the message stays once.
    const stored = msg(2, { author: 'agent', clientId: 'k1', text: 'hello' });
    s = run(s, { type: 'message', message: stored }, { type: 'sent', clientId: 'k1', message: stored });
    expect(s.outbox).toHaveLength(0);
    expect(s.open?.detail?.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('counts unread visitor messages only where the agent is not looking', () => {
    const mine = summary({ status: 'assigned', agentId: 'a1' });
    let s = run(start(), { type: 'claimed', conversation: mine });
    expect(s.mine.map((c) => c.id)).toEqual(['c1']);
    expect(s.queue).toHaveLength(0);
    s = run(s, { type: 'message', message: msg(5) }, { type: 'message', message: msg(6, { author: 'bot' }) });
    expect(s.unread).toEqual({ c1: 1 });
    s = reducer(s, { type: 'select', id: 'c1' });
    expect(s.unread).toEqual({});
    s = reducer(s, { type: 'message', message: msg(7) });
    expect(s.unread).toEqual({});
    s = reducer(s, { type: 'message', message: msg(8), hidden: true });
    expect(s.unread).toEqual({ c1: 1 });
  });

  it('a conversation routed or transferred to me counts as new; my own claim does not', () => {
    let s = run(start(), { type: 'busy', id: 'c1', what: 'claim' }, { type: 'conversation', conversation: summary({ status: 'assigned', agentId: 'a1' }) });
    expect(s.unread).toEqual({});
    s = reducer(s, { type: 'conversation', conversation: summary({ id: 'c2', status: 'assigned', agentId: 'a1' }) });
    expect(s.unread).toEqual({ c2: 1 });
    // Transferred away: it leaves my list.
    s = reducer(s, { type: 'conversation', conversation: summary({ id: 'c2', status: 'assigned', agentId: 'someone-else' }) });
    expect(s.mine.map((c) => c.id)).toEqual(['c1']);
  });

  it('a reopen after a reconnect keeps messages that arrived live meanwhile', () => {
    let s = run(start(), { type: 'select', id: 'c1' }, { type: 'opened', id: 'c1', detail: detail([msg(1)]) }, { type: 'message', message: msg(3) });
    s = reducer(s, { type: 'opened', id: 'c1', detail: detail([msg(1), msg(2)]) });
    expect(s.open?.detail?.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('reads user agents, previews markdown, formats waits', () => {
    expect(parseUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1')).toEqual({ browser: 'Safari 17', os: 'iOS 17', device: 'mobile' });
    expect(parseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0')).toEqual({ browser: 'Edge 126', os: 'Windows 10/11', device: 'desktop' });
    expect(parseUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toEqual({ browser: 'Firefox 128', os: 'Linux', device: 'desktop' });
    expect(preview('Orders before **2 pm**:\n\n- **Tehran:** 1–2 days\n- see [the page](https://x.example)')).toBe('Orders before 2 pm: Tehran: 1–2 days see the page');
    expect(formatElapsed(new Date(0).toISOString(), 65_000)).toBe('1:05');
    expect(formatElapsed(new Date(0).toISOString(), 3_725_000)).toBe('1:02:05');
  });
});
