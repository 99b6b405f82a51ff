import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.allowedOrigins).toBe('*');
    expect(c.kbWatch).toBe(true);
    expect(c.admin).toEqual({ email: undefined, password: undefined });
  });

  it('parses values', () => {
    const c = loadConfig({ PORT: '8080', PORSAN_ALLOWED_ORIGINS: 'https://a.example, https://b.example', PORSAN_KB_WATCH: 'false', PORSAN_KB_ANSWER_THRESHOLD: '0.6' });
    expect(c.port).toBe(8080);
    expect(c.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.kbWatch).toBe(false);
    expect(c.kbThresholds).toEqual({ answerThreshold: 0.6 });
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', PORSAN_ADMIN_EMAIL: 'nope', PORSAN_KB_ANSWER_THRESHOLD: '3' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('PORSAN_ADMIN_EMAIL');
      expect(msg).toContain('PORSAN_KB_ANSWER_THRESHOLD');
    }
  });

  it('refuses a password without an email, and short passwords', () => {
    expect(() => loadConfig({ PORSAN_ADMIN_PASSWORD: 'long enough password' })).toThrow(/PORSAN_ADMIN_EMAIL/);
    expect(() => loadConfig({ PORSAN_ADMIN_EMAIL: 'a@b.co', PORSAN_ADMIN_PASSWORD: 'short' })).toThrow(/at least 10/);
  });
});
