// What agents read of a mail: the new words without quoted history or signature; HTML as plain
// text with nothing remote; and which mail is machine mail that must never be answered.
import { describe, expect, it } from 'vitest';
import { htmlToSafeText, stripQuotedAndSignature } from '../../server/email/clean.ts';
import { classifyNoise } from '../../server/email/noise.ts';
import { replySubject } from '../../server/email/outbound.ts';
import { parseImapUrl } from '../../server/email/reader.ts';

describe('stripQuotedAndSignature', () => {
  it('cuts a Gmail-style attribution and the quote under it', () => {
    expect(stripQuotedAndSignature('Thanks, that works.\n\nOn Mon, 7 Dec 2026 at 10:05, Support <s@shop.example> wrote:\n> Try again\n> please\n')).toBe('Thanks, that works.');
  });
  it('cuts Persian and Arabic attributions', () => {
    expect(stripQuotedAndSignature('ممنون، درست شد.\n\nدر تاریخ دوشنبه ۱۷ آذر ۱۴۰۵، پشتیبانی نوشت:\n> دوباره امتحان کنید')).toBe('ممنون، درست شد.');
    expect(stripQuotedAndSignature('شكرًا لكم.\n\nفي الاثنين، 7 ديسمبر، كتب الدعم:\n> حاول مرة أخرى')).toBe('شكرًا لكم.');
  });
  it('cuts an Outlook header block and the original message', () => {
    const text = 'Yes please.\n\n________________________________\nFrom: Support <s@shop.example>\nSent: Monday\nTo: me\nSubject: Re: order\n\nShall we refund?';
    expect(stripQuotedAndSignature(text)).toBe('Yes please.');
    expect(stripQuotedAndSignature('See below.\n-----Original Message-----\nFrom: x\nhello')).toBe('See below.');
  });
  it('cuts the signature after "-- " and phone taglines, and keeps a lone "From:" line that is not a header block', () => {
    expect(stripQuotedAndSignature('My order is late.\n\n-- \nSara\n+98 912 000 0000')).toBe('My order is late.');
    expect(stripQuotedAndSignature('Where is it?\n\nSent from my iPhone')).toBe('Where is it?');
    expect(stripQuotedAndSignature('Hello\nFrom: the top of the page I cannot find the cart.\nThanks')).toBe('Hello\nFrom: the top of the page I cannot find the cart.\nThanks');
  });
  it('drops inline quoted lines but keeps the answers between them', () => {
    expect(stripQuotedAndSignature('> What size?\nL\n> Which colour?\nBlue')).toBe('L\nBlue');
  });
});

describe('htmlToSafeText', () => {
  it('turns HTML into text without images, remote links or quoted blocks', () => {
    const html = '<div>Hi <b>team</b>,<br>the <a href="https://tracker.example/x">tracking page</a> is empty.<img src="https://tracker.example/pixel.gif"></div><div class="gmail_quote">On Mon … wrote:<blockquote>old text</blockquote></div><script>alert(1)</script>';
    const text = htmlToSafeText(html);
    expect(text).toContain('Hi team,');
    expect(text).toContain('the tracking page is empty.');
    expect(text).not.toMatch(/tracker\.example|pixel|old text|alert|<|>/);
  });
});

describe('classifyNoise', () => {
  const h = (headers: Record<string, string>) => (name: string) => headers[name];
  it('recognises automatic mail, bounces, vacation replies and list mail', () => {
    expect(classifyNoise(h({ 'auto-submitted': 'auto-replied' }), 'a@b.example')).toBe('auto-submitted');
    expect(classifyNoise(h({ 'auto-submitted': 'no' }), 'a@b.example')).toBeNull();
    expect(classifyNoise(h({ 'content-type': 'multipart/report; report-type=delivery-status; boundary=x' }), 'a@b.example')).toBe('bounce');
    expect(classifyNoise(h({ 'return-path': '<>' }), 'a@b.example')).toBe('bounce');
    expect(classifyNoise(h({}), 'MAILER-DAEMON@b.example')).toBe('bounce');
    expect(classifyNoise(h({ 'x-autoreply': 'yes' }), 'a@b.example')).toBe('vacation');
    expect(classifyNoise(h({ 'x-autorespond': 'x' }), 'a@b.example')).toBe('vacation');
    expect(classifyNoise(h({ precedence: 'auto_reply' }), 'a@b.example')).toBe('vacation');
    expect(classifyNoise(h({ precedence: 'bulk' }), 'a@b.example')).toBe('list');
    expect(classifyNoise(h({ precedence: 'junk' }), 'a@b.example')).toBe('list');
    expect(classifyNoise(h({ 'list-id': '<news.b.example>' }), 'a@b.example')).toBe('list');
    expect(classifyNoise(h({ 'list-unsubscribe': '<mailto:x@b.example>' }), 'a@b.example')).toBe('list');
    expect(classifyNoise(h({ 'return-path': '<a@b.example>', 'content-type': 'text/plain' }), 'a@b.example')).toBeNull();
  });
});

describe('threading and settings', () => {
  it('makes one "Re:" subject, whatever the client prefixed', () => {
    expect(replySubject('Order late')).toBe('Re: Order late');
    expect(replySubject('Re: RE: Aw: Order late')).toBe('Re: Order late');
    expect(replySubject('')).toBe('Re: …');
  });
  it('reads the mailbox URL with encoded credentials and a default INBOX', () => {
    expect(parseImapUrl('imaps://support%40shop.example:p%40ss@mail.shop.example')).toEqual({ host: 'mail.shop.example', port: 993, secure: true, user: 'support@shop.example', pass: 'p@ss', mailbox: 'INBOX' });
    expect(parseImapUrl('imap://u:p@127.0.0.1:1143/Support')).toMatchObject({ port: 1143, secure: false, mailbox: 'Support' });
  });
});
