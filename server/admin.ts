// The first agent: an admin from PORSAN_ADMIN_EMAIL / PORSAN_ADMIN_PASSWORD, or with a
// generated password that is shown once. There is no default password.
import { generatePassword, hashPassword } from './auth.ts';
import type { Config } from './config.ts';
import type { Store } from './store/index.ts';

export interface AdminBootstrap {
  email: string;
  /** Only when generated: the caller prints it once. */
  generatedPassword: string | null;
}

export async function ensureAdmin(store: Store, config: Config): Promise<AdminBootstrap | null> {
  if ((await store.agents.count()) > 0) return null;
  const email = config.admin.email ?? 'admin@porsan.local';
  const generatedPassword = config.admin.password ? null : generatePassword();
  const password = config.admin.password ?? (generatedPassword as string);
  try {
    await store.agents.create({ email, name: 'Admin', role: 'admin', passwordHash: await hashPassword(password) });
  } catch (err) {
    // Another node starting at the same moment created the first admin (the email is unique).
    if (await store.agents.byEmail(email)) return null;
    throw err;
  }
  return { email, generatedPassword };
}
