// SQLite in WAL mode copies the log back into the database now and then (a checkpoint), with an
// fsync. Done by the connection that happens to commit, it stalls the event loop for tens of
// milliseconds; so the main connection never checkpoints (wal_autocheckpoint = 0) and a worker
// thread with a connection of its own does it every second (PASSIVE: it never blocks writers).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = (mode) => {
  try {
    const [r] = db.pragma('wal_checkpoint(' + mode + ')');
    parentPort.postMessage({ checkpointed: r ? r.checkpointed : 0 });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message) });
  }
};
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  checkpoint('TRUNCATE');
  db.close();
  parentPort.postMessage('closed');
});
`;

export interface Checkpointer {
  /** Checkpoints done so far. */
  readonly count: () => number;
  /** A last full checkpoint, then the worker ends. */
  close(): Promise<void>;
}

export function startCheckpointer(file: string, everyMs = 1000): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, module, everyMs } });
  worker.unref();
  let count = 0;
  let closed: (() => void) | null = null;
  worker.on('message', (m: unknown) => {
    if (m === 'closed') closed?.();
    else if (m && typeof m === 'object' && 'checkpointed' in m) count++;
  });
  worker.on('error', () => closed?.());
  return {
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        closed = () => {
          void worker.terminate();
          resolve();
        };
        worker.postMessage('close');
        setTimeout(() => closed?.(), 5000).unref();
      }),
  };
}
