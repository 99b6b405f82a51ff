// `porsan admin reset-password <email> [--password-stdin]`: a lost password, fixed from the
// server's machine. Reads PORSAN_DATA_DIR / PORSAN_DATABASE_URL like the server; prints a new
// generated password once, or takes one from standard input. The person's sessions end (a running
// server refuses their next request and cuts their live console).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatePassword, hashPassword } from '../auth.ts';
import { openStore } from '../store/index.ts';

const USAGE = 'usage: porsan admin reset-password <email> [--password-stdin]\n';
const MIN_PASSWORD = 10;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // one trailing newline (echo, a here-string) is not part of the password
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function runAdmin(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'reset-password') {
    process.stderr.write(`porsan admin: unknown command${sub ? ` "${sub}"` : ''}\n${USAGE}`);
    return 2;
  }
  const fromStdin = rest.includes('--password-stdin');
  const positional = rest.filter((a) => a !== '--password-stdin');
  const unknown = positional.find((a) => a.startsWith('-'));
  if (unknown || positional.length !== 1) {
    process.stderr.write(`porsan admin reset-password: ${unknown ? `unknown option ${unknown}` : 'give one email'}\n${USAGE}`);
    return 2;
  }
  const email = positional[0]!;
  const databaseUrl = process.env.PORSAN_DATABASE_URL || null;
  const dataDir = resolve(process.env.PORSAN_DATA_DIR || './data');
  if (!databaseUrl && !existsSync(dataDir)) {
    process.stderr.write(`porsan admin reset-password: no data directory at ${dataDir} (set PORSAN_DATA_DIR, or PORSAN_DATABASE_URL)\n`);
    return 2;
  }
  let password: string;
  if (fromStdin) {
    password = await readStdin();
    if (password.length < MIN_PASSWORD) {
      process.stderr.write(`porsan admin reset-password: the password must be at least ${MIN_PASSWORD} characters\n`);
      return 2;
    }
  } else password = generatePassword();

  const store = await openStore({ databaseUrl, dataDir });
  try {
    const agent = await store.agents.byEmail(email);
    if (!agent) {
      process.stderr.write(`porsan admin reset-password: nobody with the email ${email}\n`);
      return 1;
    }
    await store.agents.update(agent.id, { passwordHash: await hashPassword(password) });
    await store.agents.deleteSessionsOf(agent.id);
    process.stdout.write(
      fromStdin
        ? `Password of ${agent.email} (${agent.role}) changed; their sessions have ended.\n`
        : `New password for ${agent.email} (${agent.role}): ${password}\nIt is shown only this once. Their sessions have ended.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
