// The real Porsan server under load, in its own process (run.ts pins it to one core): started
// through the app's API on the load KB with a temp data directory, with the per-address limits
// lifted (every visitor of the benchmark comes from 127.0.0.1). Talks to run.ts over IPC.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { loadConfig } from '../../server/config.ts';
import { startPorsan } from '../../server/app.ts';
import { openKnowledge } from '../../server/knowledge/index.ts';
import { LIFTED_LIMITS } from './limits.ts';
import { profile } from './profiler.ts';
import { statsNow, tell, type ServerCmd, type ServerMsg } from './ipc.ts';

const kbDir = process.argv[2];
if (!kbDir) throw new Error('usage: server-porsan.ts <kb dir>');

// The knowledge index's own heap: loaded once alone (and let go) before the server starts.
let kbHeapBytes: number | undefined;
let kbLoadMs: number | undefined;
if (process.argv.includes('--kb-heap')) {
  const before = statsNow(true).heapUsed;
  const t0 = performance.now();
  const kb = await openKnowledge({ dir: kbDir, watch: false });
  kbLoadMs = performance.now() - t0;
  kbHeapBytes = statsNow(true).heapUsed - before;
  await kb.close();
}

const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  PORSAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'porsan-load-data-')),
  PORSAN_KB_DIR: kbDir,
  PORSAN_KB_WATCH: 'false',
  PORSAN_LOG_LEVEL: 'warn',
  PORSAN_STATIC_DIR: join(import.meta.dirname, '../../dist'),
  ...LIFTED_LIMITS,
});
const porsan = await startPorsan(config);
tell<ServerMsg>({ type: 'ready', port: porsan.port, kbHeapBytes, kbLoadMs, entries: porsan.knowledge.entries().length });

process.on('message', (cmd: ServerCmd) => {
  if (cmd.type === 'stats') tell<ServerMsg>({ type: 'stats', stats: statsNow(cmd.gc) });
  if (cmd.type === 'profile') void profile(cmd.file).then(() => tell<ServerMsg>({ type: 'profiled', file: cmd.file }));
  if (cmd.type === 'snapshot') tell<ServerMsg>({ type: 'snapshotted', file: writeHeapSnapshot(cmd.file) });
  if (cmd.type === 'stop') void porsan.close().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
