// First-run rough edge: a handoff is announced once, by the system, from how things really are —
// the live place in the queue, or why nobody can answer (the settings' hours, the team away) —
// never by the FAQ's static "talk to a person" text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessHours, ChatMessage, Locale } from '../../protocol/index.ts';
import { connectVisitor, next, ok, type TestVisitor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const visitors: TestVisitor[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const v of visitors) v.socket.disconnect();
  await server.close();
});

/** Says `text` and collects every message the turn produced (the question excluded). */
async function turn(locale: Locale, text: string): Promise<ChatMessage[]> {
  const v = await connectVisitor(server.url, { locale });
  visitors.push(v);
  const got: ChatMessage[] = [];
  v.socket.on('message', (m) => got.push(m));
  const seen = next<ChatMessage>(v.socket, 'message', (m) => m.author !== 'visitor');
  await ok(v.socket, 'send', { clientId: crypto.randomUUID(), text });
  await seen;
  await new Promise((r) => setTimeout(r, 200));
  return got.filter((m) => m.author !== 'visitor');
}

const always: BusinessHours['days'] = { '0': ['00:00-24:00'], '1': ['00:00-24:00'], '2': ['00:00-24:00'], '3': ['00:00-24:00'], '4': ['00:00-24:00'], '5': ['00:00-24:00'], '6': ['00:00-24:00'] };

describe('a handoff is said once, by the system', () => {
  it('in the queue: one system line with the live position, no FAQ answer, no hours', async () => {
    await server.porsan.team.updateSettings({ teamAway: false, hours: { timeZone: 'Asia/Tehran', days: always } });
    const first = await turn('en', 'human please');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ author: 'system', meta: { type: 'handoff', reason: 'asked' } });
    expect(first[0]!.text).toBe("You're in the queue to talk to a person: number 1.");
    const second = await turn('fa', 'میخوام با اپراتور صحبت کنم');
    expect(second.map((m) => m.author)).toEqual(['system']);
    expect(second[0]!.text).toContain('نفر ۲ صف');
    expect(second[0]!.text).not.toMatch(/شنبه|۹ تا ۱۸/);
  });

  it('outside the business hours of the settings: says the real hours (not the FAQ’s), and offers to leave a message', async () => {
    const today = new Date().getUTCDay(); // closed today (and yesterday), whatever day the test runs
    const days = Object.fromEntries(Object.entries(always).map(([d]) => [d, Number(d) === today || Number(d) === (today + 6) % 7 ? [] : ['08:30-12:00']])) as BusinessHours['days'];
    await server.porsan.team.updateSettings({ hours: { timeZone: 'UTC', days } });
    const [m, ...rest] = await turn('en', 'human please');
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ author: 'system', meta: { type: 'handoff' } });
    expect(m!.text).toMatch(/^We're outside our hours now; we answer \w+day–\w+day 08:30–12:00 \(.+\)\. Leave a message/);
  });

  it('with the team away: says so, nothing about hours', async () => {
    await server.porsan.team.updateSettings({ teamAway: true, hours: { timeZone: 'Asia/Tehran', days: always } });
    const [m] = await turn('ar', 'أريد التحدث مع موظف');
    expect(m!.text).toBe('زملاؤنا غير متاحين في هذه اللحظة. اترك رسالتك وسنرد عليك في أقرب وقت.');
    await server.porsan.team.updateSettings({ teamAway: false });
  });
});
