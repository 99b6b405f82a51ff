// A real Porsan server in its own process (`server/main.ts`, as `npm run serve` starts it): for
// tests that must see the process survive, or die, or run beside another node.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_KB, ROOT } from './server.ts';
import { until } from './wait.ts';

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  admin: { email: string; password: string };
  proc: ChildProcess;
  /** Everything the process printed (JSON log lines and the banner). */
  output(): string;
  /** Still running? */
  alive(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(env: Record<string, string> = {}, opts: { port?: number; dataDir?: string } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'porsan-proc-'));
  const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PORSAN_DATA_DIR: dataDir,
      PORSAN_KB_DIR: DEMO_KB,
      PORSAN_KB_WATCH: 'false',
      PORSAN_ADMIN_EMAIL: admin.email,
      PORSAN_ADMIN_PASSWORD: admin.password,
      PORSAN_STATIC_DIR: join(ROOT, 'dist'),
      PORSAN_LOG_LEVEL: 'warn',
      PORSAN_ALWAYS_OPEN: 'true',
      PORSAN_LEAVE_MESSAGE_WHEN_NOBODY_ONLINE: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const alive = () => proc.exitCode === null && proc.signalCode === null;
  try {
    await until(async () => {
      if (!alive()) throw new Error(`server process exited during start:\n${out}`);
      return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    }, 'the server process to answer /healthz', 90_000);
  } catch (err) {
    proc.kill('SIGKILL'); // never leave a half-started server behind
    throw err;
  }
  return {
    url,
    port,
    dataDir,
    admin,
    proc,
    output: () => out,
    alive,
    async stop(signal = 'SIGTERM') {
      if (!alive()) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (alive()) proc.kill('SIGKILL');
    },
  };
}
