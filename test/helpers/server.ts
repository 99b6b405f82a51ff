// Starts a real Porsan server on an ephemeral port with its own data directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '../../server/config.ts';
import { startPorsan, type Porsan, type StartOptions } from '../../server/app.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DEMO_KB = join(ROOT, 'knowledge-base');

export interface TestServer {
  url: string;
  port: number;
  config: Config;
  admin: { email: string; password: string };
  porsan: Porsan;
  close(): Promise<void>;
  /** Stop and start again on the same data directory (and the same port). */
  restart(): Promise<TestServer>;
}

export async function startTestServer(opts: { kbDir?: string; dataDir?: string; port?: number; env?: Record<string, string>; start?: StartOptions } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'porsan-test-'));
  const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
  const config = loadConfig({
    PORT: String(opts.port ?? 0),
    HOST: '127.0.0.1',
    PORSAN_DATA_DIR: dataDir,
    PORSAN_KB_DIR: opts.kbDir ?? DEMO_KB,
    PORSAN_ADMIN_EMAIL: admin.email,
    PORSAN_ADMIN_PASSWORD: admin.password,
    PORSAN_LOG_LEVEL: 'silent',
    PORSAN_STATIC_DIR: join(ROOT, 'dist'),
    PORSAN_LOGIN_LIMIT: '1000',
    PORSAN_ALWAYS_OPEN: 'true',
    PORSAN_LEAVE_MESSAGE_WHEN_NOBODY_ONLINE: 'false',
    ...opts.env,
  });
  const porsan = await startPorsan(config, opts.start);
  const port = porsan.port;
  const server: TestServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    config,
    admin,
    porsan,
    close: () => porsan.close(),
    async restart() {
      await porsan.close();
      return startTestServer({ ...opts, dataDir, port });
    },
  };
  return server;
}
