// The Redis connection of a node in a cluster (PORSAN_REDIS_URL). It reconnects by itself when
// Redis goes away; commands made meanwhile wait in node-redis's queue and run once it is back
// (so broadcasts are delayed, not lost), and reads that must not wait use `within`.
import { createClient } from 'redis';
import type { Logger } from '../log.ts';

function makeClient(url: string, name: string) {
  return createClient({
    url,
    name,
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000), connectTimeout: 5000 },
  });
}

export type RedisClient = ReturnType<typeof makeClient>;

/** `work`'s result, or `fallback` when it takes longer than `ms` (Redis unreachable). */
export function within<T>(work: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), ms);
  });
  work.catch(() => undefined); // a late failure after the fallback was used is not an error
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function connectRedis(url: string, log: Logger, name: string): Promise<RedisClient> {
  const client = makeClient(url, name);
  let down = false;
  client.on('error', (err: unknown) => {
    if (!down) log.warn({ err, name }, 'redis connection lost; reconnecting');
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info({ name }, 'redis connection back');
    down = false;
  });
  await client.connect();
  return client;
}
