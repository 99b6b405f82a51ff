// Hygiene: security headers on every response, Secure cookies and HSTS behind https, the
// console's content policy, no server paths in answers, and password hashes upgraded on login.
import { afterEach, describe, expect, it } from 'vitest';
import type { KbEntryInfo, KbIssueInfo } from '../../protocol/index.ts';
import { legacyScryptHash } from '../../server/auth.ts';
import { login } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

describe('headers', () => {
  it('every kind of response carries helmet’s headers; widget files may be loaded by other sites', async () => {
    server = await startTestServer();
    for (const path of ['/api/me', '/healthz', '/', '/console/', '/widget.js', '/no-such-file']) {
      const res = await fetch(server.url + path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toBeTruthy();
      expect(res.headers.get('strict-transport-security'), path).toBeNull(); // plain http: no HSTS
    }
    expect((await fetch(server.url + '/widget.js')).headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await fetch(server.url + '/api/me')).headers.get('content-security-policy')).toContain("default-src 'none'");
    const csp = (await fetch(server.url + '/console/')).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+;/);
    expect(csp).not.toMatch(/connect-src[^;]*\bws: /);
  });

  it('with an https public URL: HSTS, Secure session cookies, and the console connects only to its own wss origin', async () => {
    server = await startTestServer({ env: { PORSAN_PUBLIC_URL: 'https://chat.example.com' } });
    const res = await fetch(server.url + '/console/');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' wss://chat.example.com;");
    const loginRes = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://chat.example.com' },
      body: JSON.stringify(server.admin),
    });
    expect(loginRes.status).toBe(200);
    expect(loginRes.headers.get('set-cookie')).toMatch(/; Secure/i);
    expect(loginRes.headers.get('set-cookie')).toMatch(/; HttpOnly/i);
  });
});

describe('answers', () => {
  it('the knowledge-base API names files inside the knowledge base, never the server’s absolute paths', async () => {
    server = await startTestServer();
    const cookie = await login(server.url, server.admin.email, server.admin.password);
    const body = (await (await fetch(`${server.url}/api/kb`, { headers: { cookie } })).json()) as { entries: KbEntryInfo[]; issues: KbIssueInfo[] };
    expect(body.entries.length).toBeGreaterThan(0);
    for (const e of body.entries) expect(e.file).toMatch(/^(fa|ar|en)\/[\w-]+\.md$/);
    expect(JSON.stringify(body)).not.toContain(server.config.kbDir);
  });
});

describe('passwords', () => {
  it('an earlier scrypt hash logs in and is replaced by argon2id', async () => {
    server = await startTestServer();
    const admin = (await server.porsan.store.agents.byEmail(server.admin.email))!;
    await server.porsan.store.agents.update(admin.id, { passwordHash: await legacyScryptHash(server.admin.password) });
    expect((await server.porsan.store.agents.credentials(server.admin.email))?.passwordHash).toMatch(/^scrypt\$/);
    await login(server.url, server.admin.email, server.admin.password);
    expect((await server.porsan.store.agents.credentials(server.admin.email))?.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
