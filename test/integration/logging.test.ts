// `npm start` in a terminal prints readable lines (the banner, then pino-pretty style logs);
// anywhere else (a pipe, a file, a service manager) every line on stdout is one JSON object.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { startServerProcess, freePort } from '../helpers/process.ts';
import { DEMO_KB, ROOT } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';

describe('logs', () => {
  it('are human-readable lines when asked for (a terminal)', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const log = createLogger('info', { pretty: true, destination: out });
    log.info({ port: 3000 }, 'porsan listening');
    await until(() => text.includes('porsan listening'), 'the line');
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: porsan listening\n\s+port: 3000\n/);
    expect(() => JSON.parse(text.split('\n')[0]!)).toThrow();
  });

  it('are JSON lines, banner included, when stdout is not a terminal', async () => {
    const server = await startServerProcess({ PORSAN_LOG_LEVEL: 'info' });
    try {
      await until(() => server.output().includes('Porsan is running'), 'the banner');
      const lines = server.output().split('\n').filter((l) => l.trim());
      const parsed = lines.map((l) => JSON.parse(l) as { msg: string; console?: string });
      const banner = parsed.find((l) => l.msg === 'Porsan is running');
      expect(banner?.console).toBe(`http://localhost:${server.port}/console`);
      expect(parsed.some((l) => l.msg === 'porsan listening')).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!existsSync('/usr/bin/script'))('are readable lines under a terminal (script(1) gives the server a pty)', async () => {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PORSAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'porsan-tty-')),
      PORSAN_KB_DIR: DEMO_KB,
      PORSAN_KB_WATCH: 'false',
      PORSAN_ADMIN_EMAIL: 'admin@example.com',
      PORSAN_ADMIN_PASSWORD: 'correct horse battery staple',
      PORSAN_STATIC_DIR: join(ROOT, 'dist'),
      TERM: 'dumb',
    };
    const proc = spawn('/usr/bin/script', ['-qfec', `${process.execPath} --import tsx server/main.ts`, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await until(() => out.includes('Porsan is running.') && out.includes('porsan listening'), 'the banner and the first log lines', 30_000);
      expect(out).toContain(`Console:    http://localhost:${port}/console`);
      expect(out).toMatch(/\[\d\d:\d\d:\d\d\] INFO: porsan listening/);
      expect(out).not.toMatch(/^\{"level"/m);
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
  });
});
