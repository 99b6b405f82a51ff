// Proactive messages on a real server: admins' rules are checked at the door, the enabled ones
// (without names or counts) are written into widget.js, the widget's shown/opened reports are
// counted, and a visitor answering one starts a conversation that opens with that message and
// carries the rule's name to agents; conversations started count per rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationSummary, ProactiveRuleInput, ProactiveRuleReport, WidgetSiteConfig } from '../../protocol/index.ts';
import { connectVisitor, login, next, ok, signInAgent } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let cookie: string;
const closers: { disconnect(): unknown }[] = [];

const RULE: ProactiveRuleInput = {
  name: 'Checkout help',
  enabled: true,
  conditions: { url: { type: 'glob', value: '/checkout*' }, secondsOnPage: 30, locales: ['fa', 'en'], hours: 'inside' },
  messages: { fa: 'برای پرداخت کمک می‌خواهید؟', en: 'Need a hand with checkout?' },
  delaySeconds: 2,
  frequency: 'visitor',
};

beforeAll(async () => {
  server = await startTestServer();
  cookie = await login(server.url, server.admin.email, server.admin.password);
});
afterAll(async () => {
  for (const c of closers) c.disconnect();
  await server.close();
});

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

/** The site configuration widget.js carries, read back out of the served script. */
async function siteConfig(): Promise<WidgetSiteConfig> {
  const code = await (await fetch(`${server.url}/widget.js`)).text();
  const m = /JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(code);
  if (!m) throw new Error('no site configuration in widget.js');
  return JSON.parse(JSON.parse(m[1]!)) as WidgetSiteConfig;
}
const beacon = (body: unknown, origin?: string) =>
  fetch(`${server.url}/visitor/proactive`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', ...(origin && { origin }) }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('rules', () => {
  it('are refused when malformed (a regex that does not compile, no message, unknown keys)', async () => {
    for (const bad of [
      { ...RULE, conditions: { url: { type: 'regex', value: '([' } } },
      { ...RULE, messages: {} },
      { ...RULE, conditions: { ...RULE.conditions, evil: true } },
      { ...RULE, delaySeconds: -1 },
      { ...RULE, name: '' },
    ]) {
      expect((await api('POST', '/api/proactive', bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('the enabled ones go into widget.js with the business hours they need and the upload limits, without names', async () => {
    const created = (await (await api('POST', '/api/proactive', RULE)).json()) as { rule: ProactiveRuleReport };
    expect(created.rule).toMatchObject({ name: 'Checkout help', shown: 0, opened: 0, converted: 0 });
    const off = (await (await api('POST', '/api/proactive', { ...RULE, name: 'Switched off', enabled: false })).json()) as { rule: ProactiveRuleReport };
    const site = await siteConfig();
    expect(site.rules.map((r) => r.id)).toEqual([created.rule.id]);
    expect(site.rules[0]).toEqual({ id: created.rule.id, conditions: RULE.conditions, messages: RULE.messages, delaySeconds: 2, frequency: 'visitor' });
    expect(JSON.stringify(site)).not.toContain('Checkout help');
    expect(site.hours?.timeZone).toBe('Asia/Tehran');
    expect(site.upload).toEqual({ maxBytes: 10 * 1024 * 1024 }); // every type: not spelled out on every page view
    expect((await api('DELETE', `/api/proactive/${off.rule.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/proactive/${off.rule.id}`)).status).toBe(404);
  });
});

describe('a visitor and a rule', () => {
  it('counts bubbles shown and opened (from any allowed page, no token), refuses unknown rules and garbage', async () => {
    const [rule] = (await (await api('GET', '/api/proactive')).json()).rules as ProactiveRuleReport[];
    expect((await beacon({ ruleId: rule!.id, event: 'shown' }, 'https://shop.example')).status).toBe(204);
    expect((await beacon({ ruleId: rule!.id, event: 'shown' })).status).toBe(204);
    expect((await beacon({ ruleId: rule!.id, event: 'opened' })).status).toBe(204);
    expect((await beacon({ ruleId: 'no-such-rule', event: 'shown' })).status).toBe(404);
    expect((await beacon({ ruleId: rule!.id, event: 'hacked' })).status).toBe(400);
    expect((await beacon('{not json')).status).toBe(400);
    expect((await beacon('x'.repeat(5000))).status).toBe(413);
    const after = ((await (await api('GET', '/api/proactive')).json()).rules as ProactiveRuleReport[])[0];
    expect(after).toMatchObject({ shown: 2, opened: 1, converted: 0 });
  });

  it('answering it starts a conversation that opens with the message and shows the rule’s name to agents', async () => {
    const [rule] = (await (await api('GET', '/api/proactive')).json()).rules as ProactiveRuleReport[];
    const v = await connectVisitor(server.url, { locale: 'fa', page: 'https://shop.example/checkout/pay' });
    const agent = await signInAgent(server, 'RuleReader');
    closers.push(v.socket, agent.socket);
    const { message } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'answer-1', text: 'کارتم پذیرفته نمی‌شود', ruleId: rule!.id });
    const sync = await ok<{ messages: ChatMessage[] }>(v.socket, 'sync', { conversationId: message.conversationId, afterSeq: 0 });
    expect(sync.messages[0]).toMatchObject({ seq: 1, author: 'bot', text: 'برای پرداخت کمک می‌خواهید؟', meta: { type: 'proactive', ruleId: rule!.id, ruleName: 'Checkout help' } });
    expect(sync.messages[1]).toMatchObject({ seq: 2, author: 'visitor', clientId: 'answer-1' });
    // the visitor asks for a person: agents see where the conversation came from
    const queued = next<ConversationSummary[]>(agent.socket, 'queue', (q) => q.some((c) => c.id === message.conversationId));
    await ok(v.socket, 'handoff', {});
    const item = (await queued).find((c) => c.id === message.conversationId)!;
    expect(item.startedFrom).toEqual({ ruleId: rule!.id, ruleName: 'Checkout help' });
    expect(item.firstQuestion).toBe('کارتم پذیرفته نمی‌شود');
    const after = ((await (await api('GET', '/api/proactive')).json()).rules as ProactiveRuleReport[])[0];
    expect(after!.converted).toBe(1);
  });

  it('a rule id on a later message, an unknown or a switched-off rule, starts nothing from a rule', async () => {
    const [rule] = (await (await api('GET', '/api/proactive')).json()).rules as ProactiveRuleReport[];
    const v = await connectVisitor(server.url);
    closers.push(v.socket);
    const first = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'p1', text: 'hello', ruleId: 'no-such-rule' });
    expect(first.message.seq).toBe(1);
    await ok(v.socket, 'send', { clientId: 'p2', text: 'again', ruleId: rule!.id });
    const sync = await ok<{ messages: ChatMessage[] }>(v.socket, 'sync', { conversationId: first.message.conversationId, afterSeq: 0 });
    expect(sync.messages.some((m) => m.meta?.type === 'proactive')).toBe(false);
    expect((await server.porsan.store.conversations.get(first.message.conversationId))?.startedFrom).toBeNull();
    await api('PUT', `/api/proactive/${rule!.id}`, { ...RULE, enabled: false });
    const w = await connectVisitor(server.url);
    closers.push(w.socket);
    const off = await ok<{ message: ChatMessage }>(w.socket, 'send', { clientId: 'q1', text: 'hi', ruleId: rule!.id });
    expect((await server.porsan.store.conversations.get(off.message.conversationId))?.startedFrom).toBeNull();
  });
});
