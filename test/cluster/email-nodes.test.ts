// Two nodes (separate processes) on one PostgreSQL and one Redis, both configured with the same
// support mailbox (a private Dovecot): each mail becomes exactly one conversation — one node at a
// time takes the new mail (a Redis lock), and a mail read twice is stored once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_DOVECOT, startPrivateImap, type PrivateImap } from '../helpers/imap.ts';
import { POSTGRES, freshPostgresUrl } from '../helpers/postgres.ts';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';
import { HAVE_REDIS_SERVER, startPrivateRedis, type PrivateRedis } from '../helpers/redis.ts';
import { startSmtp, type Inbox } from '../helpers/smtp.ts';
import { until } from '../helpers/wait.ts';

const enabled = !!POSTGRES && HAVE_REDIS_SERVER && HAVE_DOVECOT;
if (!enabled) console.warn('⚠ the email cluster test is skipped: it needs PostgreSQL (PORSAN_TEST_DATABASE_URL), redis-server and Dovecot.');

describe.skipIf(!enabled)('the email channel on two nodes', { timeout: 240_000 }, () => {
  let redis: PrivateRedis;
  let imap: PrivateImap;
  let smtp: Inbox;
  let db: string;
  let nodes: ServerProcess[] = [];

  beforeAll(async () => {
    [redis, imap, smtp] = await Promise.all([startPrivateRedis(), startPrivateImap(), startSmtp()]);
    db = await freshPostgresUrl('email_nodes');
    const env = { PORSAN_DATABASE_URL: db, PORSAN_REDIS_URL: redis.url, PORSAN_IMAP_URL: imap.url, PORSAN_SMTP_URL: smtp.url, PORSAN_MAIL_FROM: 'support@shop.example', PORSAN_EMAIL_POLL_SECONDS: '1' };
    const first = await startServerProcess(env); // migrates first
    nodes = [first, await startServerProcess(env)];
  }, 240_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await Promise.all([redis?.stop(), imap?.stop(), smtp?.close()]);
  });

  it('turns each mail into exactly one conversation', async () => {
    const N = 8;
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        imap.deliver([`From: Customer ${i} <c${i}@customer.example>`, 'To: support@shop.example', `Subject: Question ${i}`, `Message-ID: <cluster-${i}@customer.example>`, '', `Where is order ${1000 + i}?`, ''].join('\r\n')),
      ),
    );
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
      await until(async () => (await count(`select count(*) as n from email_messages where direction = 'in' and message_id is not null`)) === N, 'every mail stored', 60_000);
      await new Promise((r) => setTimeout(r, 2500)); // both nodes have looked again since
      expect(await count(`select count(*) as n from email_messages`)).toBe(N);
      expect(await count(`select count(*) as n from conversations where channel = 'email'`)).toBe(N);
      expect(await count(`select count(*) as n from conversations where channel = 'email' and status = 'queued' and last_seq >= 2`)).toBe(N);
      expect(await count(`select count(*) as n from messages m join conversations c on c.id = m.conversation_id where c.channel = 'email' and m.author = 'visitor'`)).toBe(N);
    } finally {
      await client.end();
    }
    expect((await imap.list()).every((m) => m.flags.includes('\\Seen'))).toBe(true);
    for (const n of nodes) expect(n.alive()).toBe(true);
  });
});
