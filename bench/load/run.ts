// `npm run bench:load`: Porsan under an open-loop load of real websocket visitors, beside the
// bare Socket.IO floor measured by the same client in the same invocation. The server runs on
// core 0 and the client on core 1 (taskset, when it exists). Flags: --visitors N, --rates a,b
// (or --rate), --duration s, --warmup s, --lost-after s, --only porsan|bare, --profile (a CPU
// profile of the Porsan server's measured parts into bench/load/profiles/), --heap-snapshot (of
// the Porsan server with the visitors connected, ditto).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildLoadKb } from './kb.ts';
import { LIFTED_LIMITS } from './limits.ts';
import { waitFor, type ClientCmd, type ClientMsg, type ProcStats, type RunResult, type ServerCmd, type ServerMsg } from './ipc.ts';

const { values: flags } = parseArgs({
  options: {
    visitors: { type: 'string', default: '10000' },
    rates: { type: 'string', default: '200,1000' },
    rate: { type: 'string' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    'lost-after': { type: 'string', default: '3' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'heap-snapshot': { type: 'boolean', default: false },
    entries: { type: 'string', default: '10000' },
  },
});
const visitorCount = Number(flags.visitors);
const rates = (flags.rate ?? flags.rates).split(',').map(Number);
const seconds = Number(flags.duration);
const warmup = Number(flags.warmup);
const lostAfter = Number(flags['lost-after']);
const here = import.meta.dirname;
const pinned = spawnSync('taskset', ['-V']).status === 0 && cpus().length >= 2;

/** A node child with IPC, on one core when taskset exists (taskset execs node; the IPC fd is inherited). */
function child(script: string, args: string[], core: number, nodeArgs: string[] = []): ChildProcess {
  const node = [...nodeArgs, '--import', 'tsx', join(here, script), ...args];
  const [cmd, argv] = pinned ? ['taskset', ['-c', String(core), process.execPath, ...node]] : [process.execPath, node];
  return spawn(cmd, argv as string[], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: process.env });
}

function ask<T extends { type: string }>(p: ChildProcess, cmd: object, reply: T['type']): Promise<T> {
  const got = waitFor<T>(p, reply);
  p.send(cmd);
  return got;
}
const stats = async (server: ChildProcess, gc: boolean) => (await ask<Extract<ServerMsg, { type: 'stats' }>>(server, { type: 'stats', gc } satisfies ServerCmd, 'stats')).stats;
const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null ? r() : p.once('exit', () => r())));

interface Measured {
  name: string;
  ready: Extract<ServerMsg, { type: 'ready' }>;
  idle: ProcStats;
  connected: ProcStats;
  connectMs: number;
  failed: number;
  runs: Array<RunResult & { cpuPerQuestionMs: number; cpuAboveIdleMs: number; threadShare: string }>;
  /** the server's CPU with the visitors connected and nothing asked (pings, timers), ms per second */
  idleCpuMsPerS: number;
  after: ProcStats | null;
}

async function measure(name: 'porsan' | 'bare', kbDir: string): Promise<Measured> {
  const profileDir = join(here, 'profiles');
  const profiling = name === 'porsan' && flags.profile;
  if (flags.profile) mkdirSync(profileDir, { recursive: true });
  const server = child(name === 'porsan' ? 'server-porsan.ts' : 'server-bare.ts', name === 'porsan' ? [kbDir, '--kb-heap'] : [], 0, ['--expose-gc']);
  const ready = await waitFor<Extract<ServerMsg, { type: 'ready' }>>(server, 'ready');
  const idle = await stats(server, true);
  const snapshot = async (when: string) => {
    if (name !== 'porsan' || !flags['heap-snapshot']) return;
    mkdirSync(profileDir, { recursive: true });
    await ask(server, { type: 'snapshot', file: join(profileDir, `porsan-${when}.heapsnapshot`) } satisfies ServerCmd, 'snapshotted');
  };
  await snapshot('idle');
  const client = child('client.ts', [], 1);
  const conn = await ask<Extract<ClientMsg, { type: 'connected' }>>(client, { type: 'connect', url: `http://127.0.0.1:${ready.port}`, visitors: visitorCount } satisfies ClientCmd, 'connected');
  const connected = await stats(server, true);
  const i0 = await serverCpuMs(server), t0 = performance.now();
  await sleep(3000);
  const idleCpuMsPerS = ((await serverCpuMs(server)) - i0) / ((performance.now() - t0) / 1000);
  await snapshot('connected');
  const runs: Measured['runs'] = [];
  for (const [i, rate] of rates.entries()) {
    let cpu0: number | null = null;
    let w0 = 0;
    let threads0 = new Map<string, number>();
    const onStart = (m: ClientMsg) => {
      if (m.type !== 'measure-start') return;
      w0 = performance.now();
      threads0 = threadCpuMs(server);
      void serverCpuMs(server).then((c) => (cpu0 = c));
      if (profiling) server.send({ type: 'profile', file: null } satisfies ServerCmd);
    };
    client.on('message', onStart);
    const { result } = await ask<Extract<ClientMsg, { type: 'result' }>>(client, { type: 'run', label: name, rate, seconds, warmup, lostAfter, seed: 1000 + i } satisfies ClientCmd, 'result');
    client.off('message', onStart);
    const cpu1 = await serverCpuMs(server);
    const threads = [...threadCpuMs(server)].map(([k, v]) => [k, v - (threads0.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    const file = join(profileDir, `porsan-${rate}qps.cpuprofile`);
    if (profiling) await ask(server, { type: 'profile', file } satisfies ServerCmd, 'profiled');
    const c0 = cpu0 as number | null;
    const cpuMs = c0 === null ? NaN : cpu1 - c0;
    const answers = Math.max(1, result.answeredSinceStart);
    const threadShare = threads.map(([k, v]) => `${k} ${((100 * v) / Math.max(1, cpuMs)).toFixed(0)}%`).join(', ');
    runs.push({ ...result, threadShare, cpuPerQuestionMs: cpuMs / answers, cpuAboveIdleMs: (cpuMs - (idleCpuMsPerS * (performance.now() - w0)) / 1000) / answers });
    process.stderr.write(`  ${name} ${rate} q/s done\n`);
  }
  // (a saturated server answers only after its backlog: not waited for long)
  const after = await Promise.race([stats(server, true), sleep(15_000).then(() => null)]);
  await ask(client, { type: 'close' } satisfies ClientCmd, 'closed');
  client.kill();
  server.send({ type: 'stop' } satisfies ServerCmd);
  if (!(await Promise.race([exited(server).then(() => true), sleep(15_000).then(() => false)]))) server.kill('SIGKILL');
  return { name, ready, idle, connected, connectMs: conn.ms, failed: conn.failed, runs, after, idleCpuMsPerS };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * The server's CPU time so far, ms: from /proc (read from outside, so a saturated server's backlog
 * does not delay it), else asked over IPC.
 */
async function serverCpuMs(server: ChildProcess): Promise<number> {
  try {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime, stime (fields 14, 15)
  } catch {
    const s = await stats(server, false);
    return (s.cpu.user + s.cpu.system) / 1000;
  }
}

/** CPU ms so far per thread name of the server (main thread "node", the WAL checkpointer's worker, GC and compiler threads…). */
function threadCpuMs(server: ChildProcess): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const t of readdirSync(`/proc/${server.pid}/task`)) {
      const raw = readFileSync(`/proc/${server.pid}/task/${t}/stat`, 'utf8');
      const name = t === String(server.pid) ? 'main thread' : `${raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')')).replace(/\d+$/, '')} (other threads)`;
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      out.set(name, (out.get(name) ?? 0) + ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS);
    }
  } catch {
    // no /proc: no breakdown
  }
  return out;
}

const MB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(1) : x.toFixed(0)) : '-');

const t0 = performance.now();
const kb = buildLoadKb(Number(flags.entries));
console.log(`Load benchmark: ${visitorCount.toLocaleString('en')} websocket visitors, rates ${rates.join(', ')} q/s, ${seconds} s each after ${warmup} s of warm-up (not counted)`);
console.log(`KB: ${kb.evalEntries} eval entries + ${kb.syntheticEntries.toLocaleString('en')} synthetic; questions: the eval queries (answered, suggested, unanswered, human requests)`);
console.log(pinned ? 'server on core 0, client on core 1 (taskset)' : 'taskset not found (or one core): server and client are not pinned');
console.log(`limits lifted for one loopback address: ${Object.entries(LIFTED_LIMITS).map(([k, v]) => `${k}=${v}`).join(' ')}`);
if (rates.some((r) => r / visitorCount > 1.5)) console.log('warning: more than 1.5 questions/s per visitor meets the per-socket limit (2/s): use more visitors');
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other work on these cores shows up in the latencies)\n`);

try {
  const results: Measured[] = [];
  for (const name of ['porsan', 'bare'] as const) if (!flags.only || flags.only === name) results.push(await measure(name, kb.dir));
  const bare = results.find((r) => r.name === 'bare');
  console.log('load          server   p50 ms  p99 ms  max ms  stall ms  1st s p99/max ms  lost  refused  CPU ms/q (above idle)  p99 vs floor');
  for (const [i, rate] of rates.entries()) {
    for (const r of results) {
      const x = r.runs[i]!;
      const floor = bare?.runs[i];
      const ratio = floor && r !== bare ? `${(x.p99 / floor.p99).toFixed(1)}×` : '';
      console.log(
        `${`${rate} q/s`.padEnd(13)} ${r.name.padEnd(7)} ${ms(x.p50).padStart(7)} ${ms(x.p99).padStart(7)} ${ms(x.max).padStart(7)} ${ms(x.stall).padStart(9)} ${`${ms(x.firstSecondP99)}/${ms(x.firstSecondMax)}`.padStart(17)} ${String(x.lost).padStart(5)} ${String(x.refused).padStart(8)} ${`${x.cpuPerQuestionMs.toFixed(2)} (${x.cpuAboveIdleMs.toFixed(2)})`.padStart(21)}  ${ratio}`,
      );
    }
  }
  console.log('');
  for (const r of results) for (const x of r.runs) if (x.threadShare) console.log(`${r.name} ${x.rate} q/s: server CPU by thread: ${x.threadShare}`);
  console.log('');
  for (const r of results) {
    const perVisitor = (r.connected.heapUsed - r.idle.heapUsed) / Math.max(1, visitorCount - r.failed);
    console.log(
      `${r.name}: idle heap ${MB(r.idle.heapUsed)}, RSS ${MB(r.idle.rss)}; ${(visitorCount - r.failed).toLocaleString('en')} visitors connected in ${(r.connectMs / 1000).toFixed(1)} s${r.failed ? ` (${r.failed} failed)` : ''}: heap ${MB(r.connected.heapUsed)} (${(perVisitor / 1024).toFixed(1)} KB per visitor), RSS ${MB(r.connected.rss)}, idle CPU ${(r.idleCpuMsPerS / 10).toFixed(1)}% of a core; ${r.after ? `after the runs heap ${MB(r.after.heapUsed)}, RSS ${MB(r.after.rss)}` : 'after the runs: still busy'}`,
    );
    if (r.ready.kbHeapBytes !== undefined) console.log(`  knowledge index: ${r.ready.entries?.toLocaleString('en')} entries, ${MB(r.ready.kbHeapBytes)} heap, loaded in ${((r.ready.kbLoadMs ?? 0) / 1000).toFixed(1)} s`);
  }
  console.log(`\n(stall: the highest least-latency of any 100 ms window; 1st s: the first second of each run, inside the warm-up — for the first run, right after the server started; total ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  if (flags.profile) console.log(`CPU profile of the Porsan server in ${join(here, 'profiles')} (porsan-<rate>qps.cpuprofile, measured parts only: open in Chrome DevTools, or npx tsx bench/load/profile.ts <file>)`);
} finally {
  rmSync(kb.dir, { recursive: true, force: true });
}
process.exit(0);
