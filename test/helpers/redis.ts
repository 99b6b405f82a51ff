// A private Redis server for one test file (so a test may stop and restart it without touching
// anyone else's), when the machine has redis-server; keeps nothing on disk.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { until } from './wait.ts';
import { freePort } from './process.ts';

export const HAVE_REDIS_SERVER = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;

export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const ping = () => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG';
  const start = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp'], { stdio: 'ignore' });
    await until(ping, 'the private redis-server to answer');
  };
  const stop = async () => {
    const p = proc;
    if (!p) return;
    const exited = new Promise((resolve) => p.once('exit', resolve));
    p.kill('SIGKILL');
    await exited;
    proc = null;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop };
}
