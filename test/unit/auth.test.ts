import { describe, expect, it } from 'vitest';
import { hashPassword, hashToken, legacyScryptHash, needsRehash, newToken, readCookie, verifyPassword } from '../../server/auth.ts';

describe('passwords', () => {
  it('verifies the right password and rejects others', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('correct horse', 'garbage')).toBe(false);
  });

  it('still verifies the scrypt hashes of earlier versions, and asks for them to be replaced', async () => {
    const old = await legacyScryptHash('correct horse');
    expect(await verifyPassword('correct horse', old)).toBe(true);
    expect(await verifyPassword('wrong horse', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('x'))).toBe(false);
    expect(needsRehash('$argon2id$v=19$m=4096,t=1,p=1$abc$def')).toBe(true);
  });

  it('never matches a malformed or hostile stored hash', async () => {
    for (const stored of ['', 'scrypt$', 'scrypt$1048576$8$1$AAAA$AAAA', '$argon2id$v=19$m=1,t=1,p=1$%%$%%']) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

describe('tokens and cookies', () => {
  it('makes unguessable tokens and stable hashes', () => {
    const a = newToken();
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(a).not.toBe(newToken());
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).not.toBe(a);
  });

  it('reads one cookie from a header', () => {
    expect(readCookie('a=1; porsan_session=abc%3D; b=2', 'porsan_session')).toBe('abc=');
    expect(readCookie('a=1', 'porsan_session')).toBeUndefined();
    expect(readCookie(undefined, 'x')).toBeUndefined();
  });

  it('does not throw on broken percent-encoding (it used to stop the server)', () => {
    expect(readCookie('porsan_session=%', 'porsan_session')).toBe('%');
    expect(readCookie('porsan_session=%E0%A4%A', 'porsan_session')).toBe('%E0%A4%A');
  });
});
