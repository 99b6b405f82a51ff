// `porsan admin reset-password`: the fix for a lost first password, without wiping the data.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/auth.ts';
import { openStore } from '../../server/store/index.ts';
import { ROOT } from '../helpers/server.ts';

function porsan(args: string[], env: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/porsan.mjs'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, input, encoding: 'utf8', timeout: 30_000 });
}

async function withAdmin() {
  const dataDir = mkdtempSync(join(tmpdir(), 'porsan-cli-admin-'));
  const store = await openStore({ databaseUrl: null, dataDir });
  const admin = await store.agents.create({ email: 'owner@example.com', name: 'Admin', role: 'admin', passwordHash: await hashPassword('the forgotten one') });
  await store.agents.createSession('session-hash', admin.id, new Date(Date.now() + 3600_000));
  await store.close();
  return dataDir;
}

async function passwordWorks(dataDir: string, password: string): Promise<{ works: boolean; sessionLive: boolean }> {
  const store = await openStore({ databaseUrl: null, dataDir });
  try {
    const found = await store.agents.credentials('owner@example.com');
    return { works: await verifyPassword(password, found!.passwordHash), sessionLive: !!(await store.agents.sessionAgent('session-hash')) };
  } finally {
    await store.close();
  }
}

describe('porsan admin reset-password', () => {
  it('prints a generated password once, which then works; the old one and the sessions do not', async () => {
    const dataDir = await withAdmin();
    const r = porsan(['admin', 'reset-password', 'OWNER@example.com'], { PORSAN_DATA_DIR: dataDir });
    expect(r.status, r.stderr).toBe(0);
    const password = /New password for owner@example\.com \(admin\): (\S+)/.exec(r.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{16}$/);
    expect(r.stdout).toContain('shown only this once');
    expect(await passwordWorks(dataDir, password!)).toEqual({ works: true, sessionLive: false });
    expect((await passwordWorks(dataDir, 'the forgotten one')).works).toBe(false);
  });

  it('takes the password from standard input with --password-stdin (never printing it)', async () => {
    const dataDir = await withAdmin();
    const r = porsan(['admin', 'reset-password', 'owner@example.com', '--password-stdin'], { PORSAN_DATA_DIR: dataDir }, 'my own long passphrase\n');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('my own long passphrase');
    expect((await passwordWorks(dataDir, 'my own long passphrase')).works).toBe(true);
  });

  it('refuses a short password, an unknown email and a missing data directory, changing nothing', async () => {
    const dataDir = await withAdmin();
    expect(porsan(['admin', 'reset-password', 'owner@example.com', '--password-stdin'], { PORSAN_DATA_DIR: dataDir }, 'short\n').status).toBe(2);
    const unknown = porsan(['admin', 'reset-password', 'nobody@example.com'], { PORSAN_DATA_DIR: dataDir });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('nobody with the email nobody@example.com');
    expect(porsan(['admin', 'reset-password', 'owner@example.com'], { PORSAN_DATA_DIR: join(dataDir, 'missing') }).status).toBe(2);
    expect(await passwordWorks(dataDir, 'the forgotten one')).toEqual({ works: true, sessionLive: true });
  });
});
