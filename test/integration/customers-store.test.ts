// The customer model on every backend: one record per verified identity (also when first seen
// twice at once), a visitor's link, and the customer's conversations across visitors and channels.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, openSqliteStore, type Store } from '../../server/store/index.ts';

const pgUrl = process.env.PORSAN_TEST_DATABASE_URL;
const backends: [string, () => Promise<Store>][] = [['sqlite', () => openSqliteStore(mkdtempSync(join(tmpdir(), 'porsan-customers-')))]];
if (pgUrl) backends.push(['postgres', () => openPostgresStore(pgUrl, { schema: `porsan_cust_${process.pid}_${Date.now()}` })]);

describe.each(backends)('customers on %s', (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('makes one customer per user id, even when first seen ten times at once', async () => {
    const all = await Promise.all(Array.from({ length: 10 }, () => store.customers.findOrCreateVerifiedCustomer({ userId: 'u-42' }, { name: 'Sara' })));
    expect(new Set(all.map((c) => c.id)).size).toBe(1);
    expect(all[0]).toMatchObject({ userId: 'u-42', email: null, name: 'Sara' });
  });

  it('keys by a lower-cased address when there is no user id, apart from user ids', async () => {
    const a = await store.customers.findOrCreateVerifiedCustomer({ email: 'Sara@Example.com ' });
    const b = await store.customers.findOrCreateVerifiedCustomer({ email: 'sara@example.com' });
    expect(a.id).toBe(b.id);
    expect(a.email).toBe('sara@example.com');
    const byUser = await store.customers.findOrCreateVerifiedCustomer({ userId: 'sara@example.com' });
    expect(byUser.id).not.toBe(a.id);
  });

  it('links visitors, gathers their conversations on every channel, and unlinks', async () => {
    const customer = await store.customers.findOrCreateVerifiedCustomer({ userId: 'u-history' });
    const phone = await store.visitors.create({ tokenHash: crypto.randomUUID(), locale: 'fa' });
    const laptop = await store.visitors.create({ tokenHash: crypto.randomUUID(), locale: 'fa' });
    const stranger = await store.visitors.create({ tokenHash: crypto.randomUUID(), locale: 'fa' });
    const before = await store.conversations.open({ visitorId: phone.id, locale: 'fa', pageUrl: null });
    expect(before).toMatchObject({ channel: 'chat', customerId: null });
    await store.customers.link(phone.id, customer.id);
    expect((await store.customers.customerOf(phone.id))?.id).toBe(customer.id);
    expect(await store.visitors.get(phone.id)).toMatchObject({ customerId: customer.id, verified: true });
    await store.customers.link(laptop.id, customer.id);
    const mail = await store.conversations.open({ visitorId: laptop.id, locale: 'fa', pageUrl: null, channel: 'email', customerId: customer.id });
    await store.conversations.open({ visitorId: stranger.id, locale: 'fa', pageUrl: null });
    const history = await store.customers.conversationsOfCustomer(customer.id);
    expect(history.map((c) => c.id).sort()).toEqual([before.id, mail.id].sort());
    expect(history.find((c) => c.id === mail.id)?.channel).toBe('email');
    expect((await store.customers.openConversationOf(customer.id, 'chat'))?.id).toBe(before.id);
    expect((await store.customers.openConversationOf(customer.id))?.id).toBe(mail.id);
    await store.customers.unlink(phone.id);
    expect(await store.customers.customerOf(phone.id)).toBeUndefined();
    expect(await store.visitors.get(phone.id)).toMatchObject({ customerId: null, verified: false });
    expect((await store.customers.conversationsOfCustomer(customer.id)).length).toBe(2);
  });
});
