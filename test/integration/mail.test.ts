// Transcripts and mail, against a real SMTP server in the test process (smtp-server, read back
// with mailparser): a visitor downloads their transcript and has it mailed; offline agents hear of
// a new left message; the reply to a left message reaches the visitor with the tracking code.
// Without SMTP nothing breaks, and nothing offers email.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, Result, Transcript } from '../../protocol/index.ts';
import { call, connectVisitor, next, ok, signInAgent } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startSmtp, type Inbox } from '../helpers/smtp.ts';
import { until } from '../helpers/wait.ts';

describe('with SMTP', () => {
  let server: TestServer;
  let inbox: Inbox;
  const sockets: { disconnect(): unknown }[] = [];
  beforeAll(async () => {
    inbox = await startSmtp();
    server = await startTestServer({
      env: { PORSAN_SMTP_URL: inbox.url, PORSAN_MAIL_FROM: 'Porsan Shop <support@shop.example>', PORSAN_PUBLIC_URL: 'http://chat.shop.example', PORSAN_AGENT_GRACE_SECONDS: '0' },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
    await inbox.close();
  });

  it('gives a visitor their transcript, and mails it to the address they give', async () => {
    const v = await connectVisitor(server.url, { locale: 'fa' });
    sockets.push(v.socket);
    const answer = next<ChatMessage>(v.socket, 'message', (m) => m.author === 'bot');
    const { message } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 't1', text: 'سفارشم کی می‌رسد؟' });
    const bot = await answer;
    const t = await ok<Transcript>(v.socket, 'transcript', { conversationId: message.conversationId });
    expect(t.mail).toBe(true);
    expect(t.filename).toMatch(/^transcript-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.txt$/);
    expect(t.text).toContain('متن گفتگو');
    expect(t.text).toContain('شما:\n  سفارشم کی می‌رسد؟');
    expect(t.text).toContain(bot.text.split('\n')[0]!);

    // Nobody else's conversation: the same answer as for one that does not exist.
    const stranger = await connectVisitor(server.url);
    sockets.push(stranger.socket);
    expect(await call(stranger.socket, 'transcript', { conversationId: message.conversationId })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await call(stranger.socket, 'mailTranscript', { conversationId: message.conversationId, email: 'thief@example.com' })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await call(v.socket, 'mailTranscript', { conversationId: message.conversationId, email: 'not an email' })).toMatchObject({ ok: false, error: 'invalid' });

    await ok(v.socket, 'mailTranscript', { conversationId: message.conversationId, email: 'sara@example.com' });
    const mail = await until(() => inbox.mails.find((m) => m.to.includes('sara@example.com')), 'the transcript mail');
    expect(mail.from).toBe('"Porsan Shop" <support@shop.example>');
    expect(mail.subject).toBe('متن گفتگوی شما');
    expect(mail.text).toContain('سفارشم کی می‌رسد؟');
    expect(mail.text).toContain(t.text.trim().split('\n').at(-1)!.trim());
    expect(inbox.mails.some((m) => m.to.includes('thief@example.com'))).toBe(false);
  });

  it('tells offline agents of a new left message, and mails the reply to the visitor with the code', async () => {
    inbox.mails.length = 0;
    const online = await signInAgent(server, 'OnlineOmid');
    sockets.push(online.socket);
    await ok(online.socket, 'presence', { presence: 'online' });
    const offline = await signInAgent(server, 'OfflineOlga');
    offline.socket.disconnect(); // never comes back within the test
    const supervisor = await signInAgent(server, 'SupSima', { role: 'supervisor' });
    supervisor.socket.disconnect();
    const editor = await signInAgent(server, 'EditorEli', { role: 'editor' });
    editor.socket.disconnect();
    await until(async () => (await server.porsan.team.presenceOf(offline.id)) === 'offline' && (await server.porsan.team.presenceOf(supervisor.id)) === 'offline', 'Olga and Sima offline');

    const v = await connectVisitor(server.url, { locale: 'en' });
    sockets.push(v.socket);
    const left = await ok<{ trackingCode: string; conversation: { id: string } }>(v.socket, 'leaveMessage', { name: 'Reza', email: 'reza@example.com', text: 'Please call me about my refund' });
    await server.porsan.mailIdle();
    const notices = inbox.mails.filter((m) => m.subject.includes('Reza'));
    // Offline people who work conversations: Olga, Sima and the admin (who never opened the console). Not Omid (online), not Eli (an editor).
    const to = notices.flatMap((m) => m.to).sort();
    expect(to).toEqual(['admin@example.com', 'offlineolga@example.com', 'supsima@example.com']);
    expect(to).not.toContain('onlineomid@example.com');
    expect(to).not.toContain('editoreli@example.com');
    const notice = notices[0]!;
    expect(notice.subject).toBe('پیام تازه از Reza · New message from Reza');
    expect(notice.text).toContain('Please call me about my refund');
    expect(notice.text).toContain(left.trackingCode);
    expect(notice.text).toContain(`http://chat.shop.example/console/c/${left.conversation.id}`);
    expect(notice.text).toContain('reza@example.com');

    await ok(online.socket, 'claim', { conversationId: left.conversation.id });
    await ok(online.socket, 'note', { conversationId: left.conversation.id, clientId: 'n1', text: 'internal: check refund policy' });
    await ok(online.socket, 'send', { conversationId: left.conversation.id, clientId: 'r1', text: 'Hi Reza, your refund was sent today.' });
    await server.porsan.mailIdle();
    const replies = inbox.mails.filter((m) => m.to.includes('reza@example.com'));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.subject).toBe(`A reply to your message (tracking code ${left.trackingCode})`);
    expect(replies[0]!.text).toContain('OnlineOmid replied to the message you left:');
    expect(replies[0]!.text).toContain('Hi Reza, your refund was sent today.');
    expect(replies[0]!.text).toContain(left.trackingCode);
    expect(replies[0]!.text).not.toContain('internal');
  });

  it('limits how many transcripts one address may have mailed', async () => {
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    const { message } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'l1', text: 'hello' });
    const results: Result[] = [];
    for (let i = 0; i < 6; i++) results.push(await call(v.socket, 'mailTranscript', { conversationId: message.conversationId, email: `me${i}@example.com` }));
    // 5 per hour from one address, attempts included: the first test made two (one refused as not found)
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.at(-1)).toMatchObject({ ok: false, error: 'rate_limited' });
  });
});

describe('without SMTP', () => {
  let server: TestServer;
  const sockets: { disconnect(): unknown }[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it('offers no email, and left messages and their replies work as before', async () => {
    expect(server.porsan.mailer).toBeNull();
    const v = await connectVisitor(server.url);
    sockets.push(v.socket);
    const { message } = await ok<{ message: ChatMessage }>(v.socket, 'send', { clientId: 'n1', text: 'hello' });
    const t = await ok<Transcript>(v.socket, 'transcript', { conversationId: message.conversationId });
    expect(t.mail).toBe(false);
    expect(t.text).toContain('hello');
    expect(await call(v.socket, 'mailTranscript', { conversationId: message.conversationId, email: 'a@example.com' })).toMatchObject({ ok: false, error: 'forbidden' });

    const agent = await signInAgent(server, 'NoMail');
    sockets.push(agent.socket);
    const w = await connectVisitor(server.url);
    sockets.push(w.socket);
    const left = await ok<{ trackingCode: string; conversation: { id: string } }>(w.socket, 'leaveMessage', { name: 'Ali', email: 'ali@example.com', text: 'call me' });
    await ok(agent.socket, 'claim', { conversationId: left.conversation.id });
    const seen = next<ChatMessage>(w.socket, 'message', (m) => m.author === 'agent');
    await ok(agent.socket, 'send', { conversationId: left.conversation.id, clientId: 'x', text: 'Done.' });
    expect((await seen).text).toBe('Done.');
  });
});
