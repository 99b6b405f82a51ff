// The email channel against a real IMAP server (a private Dovecot, mail delivered by APPEND) and
// a real SMTP server in the test process: a customer's mail becomes a conversation in the queue,
// the agent's reply goes out threaded, the customer's answer lands in the same conversation;
// machine mail, spoofed senders and floods are kept out; the survey link is signed and works once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationDetail } from '../../protocol/index.ts';
import type { Conversation } from '../../server/conversations/model.ts';
import { ok, signInAgent, type AgentSocket } from '../helpers/clients.ts';
import { HAVE_DOVECOT, NO_DOVECOT_MESSAGE, startPrivateImap, type PrivateImap } from '../helpers/imap.ts';
import { testDns, type TestDns } from '../helpers/mail-auth.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startSmtp, type Inbox } from '../helpers/smtp.ts';
import { until } from '../helpers/wait.ts';

if (!HAVE_DOVECOT) console.warn(`⚠ ${NO_DOVECOT_MESSAGE}`);

interface Draft {
  from: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers?: string[];
  contentType?: string;
}

function compose(d: Draft): string {
  return [
    `From: ${d.from}`,
    'To: Shop Support <support@shop.example>',
    `Subject: ${d.subject}`,
    `Message-ID: <${d.messageId}>`,
    'Date: Mon, 7 Dec 2026 10:00:00 +0000',
    ...(d.inReplyTo ? [`In-Reply-To: <${d.inReplyTo}>`] : []),
    ...(d.references ? [`References: ${d.references.map((r) => `<${r}>`).join(' ')}`] : []),
    ...(d.headers ?? []),
    'MIME-Version: 1.0',
    `Content-Type: ${d.contentType ?? 'text/plain; charset=utf-8'}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    d.text.replace(/\n/g, '\r\n'),
    '',
  ].join('\r\n');
}

describe.skipIf(!HAVE_DOVECOT)('email channel (Dovecot IMAP + SMTP sink)', () => {
  let imap: PrivateImap;
  let smtp: Inbox;
  let dns: TestDns;
  let server: TestServer;
  let agent: { socket: AgentSocket; id: string; cookie: string };

  const deliver = async (d: Draft, signAs?: string) => {
    const raw = compose(d);
    await imap.deliver(signAs ? await dns.sign(raw, signAs) : raw);
    await server.porsan.email!.check();
  };
  const emailConversations = async (): Promise<Conversation[]> => {
    const rows = await server.porsan.store.db.selectFrom('conversations').select('id').where('channel', '=', 'email').execute();
    return Promise.all(rows.map(async (r) => (await server.porsan.store.conversations.get(r.id))!));
  };
  const messagesOf = (id: string) => server.porsan.store.messages.after(id, 0, { internal: true });
  const conversationWith = async (headerId: string) => {
    const rec = await until(() => server.porsan.store.email.byHeaderId(headerId), `the mail <${headerId}> stored`);
    return (await server.porsan.store.conversations.get(rec.conversationId))!;
  };

  beforeAll(async () => {
    [imap, smtp] = await Promise.all([startPrivateImap(), startSmtp({ reject: (a) => a.startsWith('nobody-here') })]);
    dns = testDns(['customer.example', 'other.example']);
    server = await startTestServer({
      env: {
        PORSAN_IMAP_URL: imap.url,
        PORSAN_SMTP_URL: smtp.url,
        PORSAN_MAIL_FROM: 'Shop Support <support@shop.example>',
        PORSAN_PUBLIC_URL: 'http://chat.shop.example',
        PORSAN_EMAIL_POLL_SECONDS: '600', // new mail must arrive by IDLE (tests that call check() do not wait for it)
        PORSAN_EMAIL_SENDER_LIMIT: '5',
        PORSAN_NPS: 'true',
      },
      start: { dnsResolver: dns.resolver },
    });
    agent = await signInAgent(server, 'MailMina');
    await ok(agent.socket, 'presence', { presence: 'online' });
  }, 60_000);
  afterAll(async () => {
    agent?.socket.disconnect();
    await server?.close();
    await Promise.all([imap?.stop(), smtp?.close()]);
  });

  it('turns a mail into a queued email conversation, sends the agent’s reply threaded over SMTP, and threads the customer’s answer into it', async () => {
    await deliver(
      {
        from: 'Sara Karimi <sara@customer.example>',
        subject: 'Order 1234 has not arrived',
        messageId: 'm1@customer.example',
        text: 'Hello,\nmy order 1234 has not arrived yet. Can you check?\n\n--\nSara Karimi\nCustomer Inc.',
      },
      'customer.example',
    );
    const conv = await conversationWith('m1@customer.example');
    expect(conv).toMatchObject({ channel: 'email', status: 'queued' });
    const customer = await server.porsan.store.customers.get(conv.customerId!);
    expect(customer?.email).toBe('sara@customer.example');
    const [question] = (await messagesOf(conv.id)).filter((m) => m.author === 'visitor');
    expect(question!.text).toBe('Hello,\nmy order 1234 has not arrived yet. Can you check?'); // the signature is cut
    expect(question!.meta).toMatchObject({ type: 'email', from: 'sara@customer.example', subject: 'Order 1234 has not arrived', verified: true });
    // The agent sees it in the queue, with its channel.
    const queue = (await server.porsan.conversations.agents.queue()).find((s) => s.id === conv.id);
    expect(queue).toMatchObject({ channel: 'email', visitorName: 'Sara Karimi' });
    // The full original stays available to agents (and only to them).
    const original = await fetch(`${server.url}/api/email/${encodeURIComponent((question!.meta as { emailId: string }).emailId)}/original`, { headers: { cookie: agent.cookie } });
    expect(original.status).toBe(200);
    expect(await original.text()).toContain('Customer Inc.');
    expect((await fetch(`${server.url}/api/email/${encodeURIComponent((question!.meta as { emailId: string }).emailId)}/original`)).status).toBe(401);

    await ok(agent.socket, 'claim', { conversationId: conv.id });
    await ok(agent.socket, 'send', { conversationId: conv.id, clientId: 'reply-1', text: 'Hello Sara, your order ships tomorrow.' });
    await server.porsan.mailIdle();
    const reply = await until(() => smtp.mails.find((m) => m.to.includes('sara@customer.example')), 'the reply mail');
    expect(reply.subject).toBe('Re: Order 1234 has not arrived');
    expect(reply.from).toBe('"Shop Support" <support@shop.example>');
    expect(reply.inReplyTo).toBe('<m1@customer.example>');
    expect(reply.references).toEqual(['<m1@customer.example>']);
    expect(reply.messageId).toMatch(/^<porsan\.[0-9a-f-]+@shop\.example>$/);
    expect(reply.text).toContain('your order ships tomorrow');
    const out = await server.porsan.store.email.byHeaderId(reply.messageId!.slice(1, -1));
    expect(out).toMatchObject({ conversationId: conv.id, direction: 'out', status: 'sent' });

    // The customer answers in their mail client: quoting us, threaded by In-Reply-To/References.
    const heard = new Promise<ChatMessage>((resolve) => agent.socket.on('message', (m: ChatMessage) => m.conversationId === conv.id && m.author === 'visitor' && resolve(m)));
    await deliver(
      {
        from: 'Sara Karimi <sara@customer.example>',
        subject: 'Re: Order 1234 has not arrived',
        messageId: 'm2@customer.example',
        inReplyTo: reply.messageId!.slice(1, -1),
        references: ['m1@customer.example', reply.messageId!.slice(1, -1)],
        text: `Great, thank you!\n\nOn Mon, 7 Dec 2026 at 10:05, Shop Support <support@shop.example> wrote:\n> Hello Sara, your order ships tomorrow.\n`,
      },
      'customer.example',
    );
    const answer = await heard;
    expect(answer.text).toBe('Great, thank you!');
    expect((await conversationWith('m2@customer.example')).id).toBe(conv.id);
    const detail = await ok<ConversationDetail>(agent.socket, 'open', { conversationId: conv.id });
    expect(detail.messages.filter((m) => m.author === 'visitor').map((m) => m.text)).toEqual(['Hello,\nmy order 1234 has not arrived yet. Can you check?', 'Great, thank you!']);
    // Read mail is marked as read in the mailbox.
    expect((await imap.list()).every((m) => m.flags.includes('\\Seen'))).toBe(true);

    // Resolved: the survey goes out by mail, with a signed link that works once.
    await ok(agent.socket, 'close', { conversationId: conv.id, resolution: 'resolved' });
    await server.porsan.mailIdle();
    const survey = await until(() => smtp.mails.find((m) => m.to.includes('sara@customer.example') && m.text.includes('/survey/')), 'the survey mail');
    expect(survey.inReplyTo).toBe('<m2@customer.example>');
    expect(survey.raw).toMatch(/^Auto-Submitted: auto-generated/im);
    const link = new URL(/http:\/\/chat\.shop\.example\/survey\/\S+/.exec(survey.text)![0]);
    const local = `${server.url}${link.pathname}`;
    const sig = link.searchParams.get('sig')!;
    expect((await fetch(`${local}?sig=${sig}`)).status).toBe(200);
    expect((await fetch(`${local}?sig=${sig.slice(0, -2)}xx`)).status).toBe(404);
    const forged = await fetch(local, { method: 'POST', body: new URLSearchParams({ sig: `${sig.slice(0, -2)}xx`, score: '1' }) });
    expect(forged.status).toBe(404);
    const first = await fetch(local, { method: 'POST', body: new URLSearchParams({ sig, score: '5' }) });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Thank you');
    const second = await fetch(local, { method: 'POST', body: new URLSearchParams({ sig, score: '1' }) });
    expect(second.status).toBe(410);
    expect((await server.porsan.store.conversations.get(conv.id))?.rating).toBe(5);
    // NPS by mail too: its own signed link (the CSAT signature does not open it), answered once.
    const npsLink = new URL(/http:\/\/chat\.shop\.example\/survey\/\S+\/nps\?\S+/.exec(survey.text)![0]);
    const npsLocal = `${server.url}${npsLink.pathname}`;
    const npsSig = npsLink.searchParams.get('sig')!;
    expect(npsSig).not.toBe(sig);
    expect((await fetch(`${npsLocal}?sig=${sig}`)).status).toBe(404);
    const npsPage = await fetch(`${npsLocal}?sig=${npsSig}`);
    expect(npsPage.status).toBe(200);
    expect(await npsPage.text()).toContain('How likely are you to recommend us?');
    expect((await fetch(npsLocal, { method: 'POST', body: new URLSearchParams({ sig: npsSig, score: '9', comment: 'Quick and kind' }) })).status).toBe(200);
    expect((await fetch(npsLocal, { method: 'POST', body: new URLSearchParams({ sig: npsSig, score: '0' }) })).status).toBe(410);
    const nps = await server.porsan.store.nps.inRange('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
    expect(nps).toEqual([expect.objectContaining({ conversationId: conv.id, score: 9, comment: 'Quick and kind', channel: 'email', customerId: conv.customerId })]);

    // A later answer in the same thread reopens the conversation (back in the queue), not a new one.
    await deliver(
      { from: 'sara@customer.example', subject: 'Re: Order 1234 has not arrived', messageId: 'm3@customer.example', inReplyTo: 'm2@customer.example', references: ['m1@customer.example', 'm2@customer.example'], text: 'Sorry, one more thing: can you gift-wrap it?' },
      'customer.example',
    );
    const reopened = await conversationWith('m3@customer.example');
    expect(reopened).toMatchObject({ id: conv.id, status: 'queued', agentId: null });
  });

  it('never opens a conversation for machine mail: auto-replies, bounces, vacation notices, lists', async () => {
    const before = (await emailConversations()).length;
    const sent = smtp.mails.length;
    const base = { from: 'sara@customer.example', subject: 'Automatic reply', text: 'I am out of the office until Monday.' };
    await deliver({ ...base, messageId: 'auto1@customer.example', headers: ['Auto-Submitted: auto-replied'] }, 'customer.example');
    await deliver({ ...base, messageId: 'auto2@customer.example', headers: ['X-Autoreply: yes'] }, 'customer.example');
    await deliver({ ...base, messageId: 'auto3@customer.example', headers: ['Precedence: auto_reply'] }, 'customer.example');
    await deliver({ ...base, messageId: 'list1@customer.example', subject: 'Weekly news', headers: ['List-Id: News <news.customer.example>', 'List-Unsubscribe: <mailto:leave@customer.example>'] }, 'customer.example');
    await deliver({ ...base, messageId: 'bulk1@customer.example', headers: ['Precedence: bulk'] }, 'customer.example');
    await deliver({
      from: 'Mail Delivery System <MAILER-DAEMON@customer.example>',
      subject: 'Undelivered Mail Returned to Sender',
      messageId: 'bounce1@customer.example',
      headers: ['Return-Path: <>'],
      contentType: 'multipart/report; report-type=delivery-status; boundary="b1"',
      text: '--b1\nContent-Type: text/plain\n\nThis is the mail system. Your message could not be delivered.\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.customer.example\n\nFinal-Recipient: rfc822; gone@customer.example\nAction: failed\nStatus: 5.1.1\n--b1--',
    });
    await deliver({ ...base, from: 'postmaster@other.example', messageId: 'bounce2@other.example', subject: 'Delivery Status Notification (Failure)', text: 'Delivery failed.' });
    expect((await emailConversations()).length).toBe(before);
    for (const id of ['auto1', 'auto2', 'auto3', 'list1', 'bulk1', 'bounce1']) expect(await server.porsan.store.email.byHeaderId(`${id}@customer.example`)).toBeUndefined();
    await server.porsan.mailIdle();
    expect(smtp.mails.length).toBe(sent); // and nothing answered them
    expect((await imap.list()).every((m) => m.flags.includes('\\Seen'))).toBe(true); // but they were read
  });

  it('keeps a spoofed sender (a customer’s address without a valid DKIM signature or SPF pass) out of that customer’s history', async () => {
    const sara = (await server.porsan.store.customers.findOrCreateVerifiedCustomer({ email: 'sara@customer.example' })).id;
    const historyBefore = (await server.porsan.store.customers.conversationsOfCustomer(sara)).map((c) => c.id);
    const saraThread = await conversationWith('m1@customer.example');
    // 1) no signature at all; 2) signed by another domain; 3) a signature broken by a changed body;
    // and one of them pretends to answer Sara's thread.
    await deliver({ from: 'Sara Karimi <sara@customer.example>', subject: 'Change my address', messageId: 'spoof1@evil.example', text: 'Send my order to 1 Evil Street.' });
    await deliver({ from: 'Sara Karimi <sara@customer.example>', subject: 'Re: Order 1234 has not arrived', messageId: 'spoof2@evil.example', inReplyTo: 'm1@customer.example', references: ['m1@customer.example'], text: 'What is my address on file?' }, 'other.example');
    const tampered = (await dns.sign(compose({ from: 'sara@customer.example', subject: 'Refund', messageId: 'spoof3@evil.example', text: 'Please refund me.' }), 'customer.example')).replace('Please refund me.', 'Please refund me to IBAN 666.');
    await imap.deliver(tampered);
    await server.porsan.email!.check();

    for (const id of ['spoof1@evil.example', 'spoof2@evil.example', 'spoof3@evil.example']) {
      const conv = await conversationWith(id);
      expect(conv.customerId).toBeNull();
      expect(conv.id).not.toBe(saraThread.id);
      const visitor = await server.porsan.store.visitors.get(conv.visitorId);
      expect(visitor).toMatchObject({ email: 'sara@customer.example', verified: false, customerId: null });
      const [m] = (await messagesOf(conv.id)).filter((x) => x.author === 'visitor');
      expect(m!.meta).toMatchObject({ type: 'email', verified: false });
    }
    expect((await server.porsan.store.customers.conversationsOfCustomer(sara)).map((c) => c.id)).toEqual(historyBefore);
    expect((await messagesOf(saraThread.id)).some((m) => m.text.includes('address on file'))).toBe(false);
  });

  it('limits mails per sender, and tells the agent when a reply cannot be delivered', async () => {
    for (let i = 1; i <= 7; i++) await deliver({ from: 'flood@other.example', subject: `Question ${i}`, messageId: `flood${i}@other.example`, text: `Question number ${i}` }, 'other.example');
    const stored = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => server.porsan.store.email.byHeaderId(`flood${i}@other.example`)));
    expect(stored.filter(Boolean).length).toBe(5); // PORSAN_EMAIL_SENDER_LIMIT

    await deliver({ from: 'nobody-here@other.example', subject: 'Where is my parcel?', messageId: 'gone1@other.example', text: 'Hello?' }, 'other.example');
    const conv = await conversationWith('gone1@other.example');
    await ok(agent.socket, 'claim', { conversationId: conv.id });
    const note = new Promise<ChatMessage>((resolve) => agent.socket.on('message', (m: ChatMessage) => m.conversationId === conv.id && m.meta?.type === 'email_failed' && resolve(m)));
    await ok(agent.socket, 'send', { conversationId: conv.id, clientId: 'reply-gone', text: 'It is on its way.' });
    await server.porsan.mailIdle();
    expect((await note).meta).toMatchObject({ type: 'email_failed', error: expect.stringContaining('550') });
    const out = (await server.porsan.store.email.ofConversation(conv.id)).find((r) => r.direction === 'out');
    expect(out).toMatchObject({ status: 'failed' });
    await ok(agent.socket, 'close', { conversationId: conv.id });
  });

  it('hears of new mail through IDLE without polling, and shows HTML mail as safe text', async () => {
    const html = '<html><body><p dir="rtl">سلام، <b>بسته‌ام</b> <a href="https://tracker.example/t">این‌جا</a> گیر کرده است.</p><img src="https://tracker.example/pixel.gif"><div class="gmail_quote">در تاریخ ۱۷ آذر، پشتیبانی نوشت:<blockquote>پاسخ قبلی</blockquote></div></body></html>';
    await imap.deliver(
      await dns.sign(compose({ from: 'Reza <reza@customer.example>', subject: 'بسته', messageId: 'html1@customer.example', text: html, contentType: 'text/html; charset=utf-8' }), 'customer.example'),
    );
    const conv = await conversationWith('html1@customer.example'); // no check(): IDLE told the reader
    expect(conv.locale).toBe('fa');
    const [m] = (await messagesOf(conv.id)).filter((x) => x.author === 'visitor');
    expect(m!.text).toBe('سلام، بسته‌ام این‌جا گیر کرده است.');
    expect(m!.text).not.toMatch(/tracker|pixel|پاسخ قبلی/);
  });

  it('reconnects by itself when the IMAP server goes away and comes back', async () => {
    await imap.restart(1500); // every connection dropped; nobody listening for a while
    await imap.deliver(compose({ from: 'Reza <reza@customer.example>', subject: 'Still there?', messageId: 'after-restart@customer.example', text: 'Did you get my mail?' }));
    const conv = await conversationWith('after-restart@customer.example'); // no check(): the reader came back by itself
    expect(conv).toMatchObject({ channel: 'email', status: 'queued' });
  });

  it('suggests the FAQ answer to the agent for an email question, without mailing it', async () => {
    const sent = smtp.mails.length;
    await deliver({ from: 'Omid <omid@customer.example>', subject: 'Account', messageId: 'faq1@customer.example', text: 'How do I create an account?' }, 'customer.example');
    const conv = await conversationWith('faq1@customer.example');
    const suggestion = (await messagesOf(conv.id)).find((m) => m.meta?.type === 'email_suggestion');
    expect(suggestion).toMatchObject({ author: 'bot', internal: true, meta: { entryId: 'account-create-en' } });
    expect((suggestion!.meta as { score: number }).score).toBeGreaterThan(0.5);
    expect(suggestion!.text).toContain('Sign up');
    await server.porsan.mailIdle();
    expect(smtp.mails.length).toBe(sent);
    expect(conv.status).toBe('queued');
  });
});
