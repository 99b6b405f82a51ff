// The owner's settings: mail only with an SMTP URL, webhook retries and the private-target switch.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('mail, webhook and API settings', () => {
  it('sends no mail and calls no private address by default', () => {
    const c = loadConfig({});
    expect(c.mail).toBeNull();
    expect(c.webhooks).toMatchObject({ allowPrivate: false, timeoutMs: 10_000, sweepMs: 5000, retry: { baseMs: 10_000, windowMs: 24 * 3600_000 } });
    expect(c.apiRateLimit).toBe(600);
  });

  it('reads an SMTP URL and a sender, with a sender from the public URL when none is given', () => {
    expect(loadConfig({ PORSAN_SMTP_URL: 'smtps://user:pw@mail.example:465', PORSAN_MAIL_FROM: 'Shop <help@shop.example>' }).mail).toEqual({ smtpUrl: 'smtps://user:pw@mail.example:465', from: 'Shop <help@shop.example>' });
    expect(loadConfig({ PORSAN_SMTP_URL: 'smtp://127.0.0.1:25', PORSAN_PUBLIC_URL: 'https://chat.shop.example' }).mail?.from).toBe('Porsan <no-reply@chat.shop.example>');
  });

  it('refuses what is not an SMTP URL, a sender with line breaks, and odd webhook settings', () => {
    expect(() => loadConfig({ PORSAN_SMTP_URL: 'http://mail.example' })).toThrow(/PORSAN_SMTP_URL/);
    expect(() => loadConfig({ PORSAN_SMTP_URL: 'smtp://x', PORSAN_MAIL_FROM: 'a@b.example\r\nBcc: all@x.example' })).toThrow(/PORSAN_MAIL_FROM/);
    expect(() => loadConfig({ PORSAN_WEBHOOK_ALLOW_PRIVATE: 'maybe' })).toThrow(/PORSAN_WEBHOOK_ALLOW_PRIVATE/);
    expect(() => loadConfig({ PORSAN_WEBHOOK_TIMEOUT_SECONDS: '0' })).toThrow(/PORSAN_WEBHOOK_TIMEOUT_SECONDS/);
    expect(loadConfig({ PORSAN_WEBHOOK_ALLOW_PRIVATE: 'true', PORSAN_WEBHOOK_RETRY_HOURS: '2' }).webhooks).toMatchObject({ allowPrivate: true, retry: { windowMs: 2 * 3600_000 } });
  });
});
