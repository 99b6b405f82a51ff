// Failover in a real browser: the widget and the console reach two nodes through a load
// balancer; the node they are on is killed; they reconnect to the other node by themselves and
// show every message once, in order. Needs PostgreSQL and redis-server (skipped otherwise).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationSummary } from '../../protocol/index.ts';
import { artifact, launchBrowser, requireConsoleBuild, signInConsole } from '../helpers/browser.ts';
import { connectAgent, login, next, ok, type AgentSocket } from '../helpers/clients.ts';
import { startBalancer, type Balancer } from '../helpers/balancer.ts';
import { POSTGRES, freshPostgresUrl } from '../helpers/postgres.ts';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';
import { HAVE_REDIS_SERVER, startPrivateRedis, type PrivateRedis } from '../helpers/redis.ts';
import { assertBuilt, sel, shown } from './widget-helpers.ts';

const enabled = !!POSTGRES && HAVE_REDIS_SERVER;

describe.skipIf(!enabled)('failover in the browser', { timeout: 120_000 }, () => {
  let redis: PrivateRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  let lb: Balancer;
  let browser: Browser;
  let agent: AgentSocket;

  beforeAll(async () => {
    assertBuilt();
    requireConsoleBuild();
    redis = await startPrivateRedis();
    const env = { PORSAN_DATABASE_URL: await freshPostgresUrl('failover'), PORSAN_REDIS_URL: redis.url, PORSAN_NODE_TIMEOUT_SECONDS: '2', PORSAN_AGENT_GRACE_SECONDS: '30' };
    a = await startServerProcess(env);
    b = await startServerProcess(env);
    lb = await startBalancer(() => [a.port, b.port]);
    browser = await launchBrowser();
    agent = await connectAgent(b.url, await login(b.url, b.admin.email, b.admin.password));
    await ok(agent, 'hello', {});
  }, 120_000);
  afterAll(async () => {
    agent?.disconnect();
    await browser?.close();
    await lb?.close();
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  it('the widget and the console move to the surviving node and show each message once', async () => {
    const visitorCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const consoleCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      // Both reach the cluster through the balancer, which sends everything to node A while it lives.
      const shop = await visitorCtx.newPage();
      await shop.goto(`${lb.url}/?lang=en`);
      await shop.click(sel.launcher);
      await shop.locator(sel.input).waitFor();
      const queued = next<ConversationSummary[]>(agent, 'queue', (q) => q.length > 0);
      await shop.fill(sel.input, 'I want to talk to a person');
      await shop.keyboard.press('Enter');
      const [conv] = await queued;
      await ok(agent, 'claim', { conversationId: conv!.id });

      const desk = await consoleCtx.newPage();
      await signInConsole(desk, lb.url, a.admin);
      await desk.locator(`.mine li[data-conversation-id="${conv!.id}"], .queue li[data-conversation-id="${conv!.id}"]`).first().waitFor().catch(() => undefined);

      const sent: string[] = [];
      const say = async (text: string) => {
        await ok<{ message: ChatMessage }>(agent, 'send', { conversationId: conv!.id, clientId: crypto.randomUUID(), text });
        sent.push(text);
      };
      await say('First, from node B');
      await say('Second, from node B');
      await shop.locator(`${sel.log} .agent`, { hasText: 'Second, from node B' }).waitFor();

      a.proc.kill('SIGKILL');
      await say('Third, while node A is gone');
      await say('Fourth, while node A is gone');
      // the widget reconnects through the balancer (now to node B), asks for what it missed
      await shop.locator(`${sel.log} .agent`, { hasText: 'Fourth, while node A is gone' }).waitFor({ timeout: 30_000 });
      const agentLines = (await shown(shop)).filter((l) => l.startsWith('agent: '));
      expect(agentLines).toEqual(sent.map((t) => `agent: ${t}`));
      await shop.screenshot({ path: artifact('cluster-failover-widget.png') });

      // the console, also moved to node B, is connected again
      await desk.getByText('Connected').waitFor({ timeout: 30_000 });
      await desk.screenshot({ path: artifact('cluster-failover-console.png') });
    } finally {
      await visitorCtx.close();
      await consoleCtx.close();
    }
  });
});
