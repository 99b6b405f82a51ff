// Webhook deliveries live in the database, not in a process: a server killed (SIGKILL) in the
// middle of a retry loses nothing — the next server on the same database sends the same delivery
// (same webhook-id, same body, a valid signature) once the dead process's claim lapses, and it ends
// delivered.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import type { WebhookDeliveryInfo } from '../../protocol/index.ts';
import { connectVisitor, login, ok } from '../helpers/clients.ts';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/process.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { startTestServer } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';

const ENV = {
  PORSAN_WEBHOOK_ALLOW_PRIVATE: 'true',
  PORSAN_WEBHOOK_TIMEOUT_SECONDS: '1', // a claim lapses 3 s after an attempt began
  PORSAN_WEBHOOK_RETRY_BASE_SECONDS: '2',
  PORSAN_WEBHOOK_SWEEP_SECONDS: '0.5',
};

let receiver: Receiver;
const procs: ServerProcess[] = [];
afterAll(async () => {
  for (const p of procs) await p.stop('SIGKILL');
  await receiver?.close();
});

async function start(dataDir: string, port: number): Promise<ServerProcess> {
  const p = await startServerProcess(ENV, { dataDir, port });
  procs.push(p);
  return p;
}

async function log(p: { url: string; admin: { email: string; password: string } }, webhookId: string): Promise<WebhookDeliveryInfo[]> {
  const cookie = await login(p.url, p.admin.email, p.admin.password);
  const res = await fetch(`${p.url}/api/webhooks/${webhookId}/deliveries`, { headers: { cookie } });
  return ((await res.json()) as { deliveries: WebhookDeliveryInfo[] }).deliveries;
}

describe('a delivery across a restart', () => {
  it('survives the server being killed in the middle of a retry', async () => {
    receiver = await startReceiver();
    const dataDir = mkdtempSync(join(tmpdir(), 'porsan-hooks-restart-'));

    // 1. A server process registers the endpoint; the first attempt fails (500), and the process is
    //    killed while the receiver holds the retry.
    const first = await start(dataDir, await freePort());
    const cookie = await login(first.url, first.admin.email, first.admin.password);
    const res = await fetch(`${first.url}/api/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ url: receiver.url, events: ['conversation.created'] }) });
    const { id, secret } = (await res.json()) as { id: string; secret: string };
    receiver.plan.push(500, 'hang');
    const v = await connectVisitor(first.url);
    await ok(v.socket, 'send', { clientId: 'k1', text: 'hello before the crash' });
    v.socket.disconnect();
    await until(() => receiver.received.length === 2, 'the retry to be under way', 15_000);
    expect(receiver.received[1]!.at - receiver.received[0]!.at).toBeGreaterThanOrEqual(1500); // the backoff
    await first.stop('SIGKILL');

    // 2. The next server on the same database takes the abandoned retry up once its claim lapses.
    receiver.plan.length = 0;
    const second = await startTestServer({ dataDir, env: ENV });
    try {
      await until(async () => (await log(second, id))[0]?.status === 'delivered', 'the delivery after the restart', 15_000);
      const [done] = await log(second, id);
      // three attempts: the failed one, the one the kill cut off, the one that got through
      expect(done).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
      expect((await second.porsan.store.webhooks.attempts(done!.id)).map((a) => a.statusCode)).toEqual([500, 200]);
      expect(receiver.received).toHaveLength(3);
      // The same delivery each time: one webhook-id, one body, each signature valid.
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([done!.id]));
      expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
      for (const r of receiver.received) expect(new Webhook(secret).verify(r.body, r.headers as Record<string, string>)).toMatchObject({ type: 'conversation.created' });
    } finally {
      await second.close();
    }
  }, 60_000);
});
