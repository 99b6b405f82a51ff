import { describe, expect, it } from 'vitest';
import { hashPassword, hashToken, newToken, readCookie, verifyPassword } from '../../server/auth.ts';

describe('passwords', () => {
  it('verifies the right password and rejects others', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('correct horse', 'garbage')).toBe(false);
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
});
