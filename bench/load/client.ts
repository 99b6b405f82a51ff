// The load client, a separate process (run.ts pins it to the other core): N real socket.io-client
// websocket visitors, each saying hello (opening its conversation), then questions sent open-loop
// at a fixed rate from a schedule. Latency runs from each question's scheduled time to the bot's
// message, so a slow server (or a slow client) cannot hide its queueing.
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { Locale } from '../../protocol/index.ts';
import { tell, type ClientCmd, type ClientMsg, type RunResult } from './ipc.ts';
import { loadQuestions } from './questions.ts';

const LOCALES: Locale[] = ['fa', 'ar', 'en'];
const questions = loadQuestions();

interface Visitor {
  socket: Socket;
  locale: Locale;
  /** Scheduled times of this visitor's questions still waiting for the bot, oldest first. */
  waiting: Array<{ at: number; measured: boolean; run: number }>;
}

let visitors: Visitor[] = [];
let onAnswer: (v: Visitor, at: number, measured: boolean, run: number, now: number) => void = () => {};
let onRefused: () => void = () => {};

function connectOne(url: string, locale: Locale): Promise<Visitor | null> {
  return new Promise((resolve) => {
    const socket = io(`${url}/visitor`, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000 });
    const v: Visitor = { socket, locale, waiting: [] };
    socket.on('message', (m: { author: string }) => {
      if (m.author === 'visitor') return; // its own question, echoed to its tabs
      const now = performance.now();
      const q = v.waiting.shift();
      if (q) onAnswer(v, q.at, q.measured, q.run, now);
    });
    socket.once('connect_error', () => resolve(null));
    socket.emit('hello', { locale, page: { url: 'https://shop.example/products/1', title: 'A product' } }, (r: { ok: boolean }) => resolve(r.ok ? v : null));
  });
}

async function connect(url: string, n: number): Promise<ClientMsg> {
  const t0 = performance.now();
  let failed = 0;
  const batch = 200;
  for (let i = 0; i < n; i += batch) {
    const got = await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, j) => connectOne(url, LOCALES[(i + j) % 3]!)));
    for (const v of got) v ? visitors.push(v) : failed++;
  }
  return { type: 'connected', visitors: visitors.length, failed, ms: performance.now() - t0 };
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
let runs = 0;

async function run(cmd: Extract<ClientCmd, { type: 'run' }>): Promise<RunResult> {
  const runId = ++runs;
  const rand = rng(cmd.seed);
  const total = Math.round(cmd.rate * (cmd.warmup + cmd.seconds));
  const warmCount = Math.round(cmd.rate * cmd.warmup);
  const interval = 1000 / cmd.rate;
  // Each question goes to the next visitor of a shuffled order, so a visitor asks again only after all others have.
  const order = visitors.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const latencies: number[] = [];
  const byWindow = new Map<number, number>(); // 100 ms window of scheduled time → least latency in it
  const firstSecond: number[] = [];
  let answered = 0;
  /** answers received since the measured part began (warm-up questions answered late included): the CPU's denominator */
  let answeredSinceStart = 0;
  let measuring = false;
  let refused = 0;
  let outstanding = 0;
  const start = performance.now() + 50;
  let done = () => {};
  const lastAnswer = new Promise<void>((r) => (done = r));
  onAnswer = (_v, at, measured, r, now) => {
    if (r !== runId) return;
    const ms = now - at;
    outstanding--;
    if (measuring) answeredSinceStart++;
    if (at - start < 1000) firstSecond.push(ms);
    if (measured) {
      answered++;
      latencies.push(ms);
      const w = Math.floor((at - start) / 100);
      byWindow.set(w, Math.min(byWindow.get(w) ?? Infinity, ms));
    }
    if (outstanding === 0 && sentAll) done();
  };
  onRefused = () => refused++;
  let sentAll = false;
  let sent = 0;
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && start + i * interval <= now) {
        const at = start + i * interval;
        const v = visitors[order[i % order.length]!]!;
        const measured = i >= warmCount;
        if (i === warmCount) {
          measuring = true;
          tell<ClientMsg>({ type: 'measure-start' });
        }
        const pool = questions[v.locale];
        const text = pool[Math.floor(rand() * pool.length)]!;
        v.waiting.push({ at, measured, run: runId });
        outstanding++;
        if (measured) sent++;
        v.socket.emit('send', { clientId: `q${runId}-${i}`, text }, (r: { ok: boolean }) => {
          if (!r.ok) {
            onRefused();
            v.waiting = v.waiting.filter((q) => q.at !== at);
            outstanding--;
            if (outstanding === 0 && sentAll) done();
          }
        });
        i++;
      }
      if (i >= total) return resolve();
      setTimeout(tick, Math.max(0, start + i * interval - performance.now()));
    };
    setTimeout(tick, 50);
  });
  sentAll = true;
  if (outstanding > 0) await Promise.race([lastAnswer, new Promise((r) => setTimeout(r, cmd.lostAfter * 1000))]);
  for (const v of visitors) v.waiting = v.waiting.filter((q) => q.run !== runId); // the lost ones
  latencies.sort((a, b) => a - b);
  firstSecond.sort((a, b) => a - b);
  return {
    label: cmd.label, rate: cmd.rate, seconds: cmd.seconds, sent, answered, answeredSinceStart, lost: sent - answered, refused,
    p50: pct(latencies, 50), p99: pct(latencies, 99), max: latencies.at(-1) ?? NaN,
    stall: Math.max(0, ...[...byWindow.values()]),
    firstSecondP99: pct(firstSecond, 99), firstSecondMax: firstSecond.at(-1) ?? NaN,
  };
}

process.on('message', (cmd: ClientCmd) => {
  void (async () => {
    if (cmd.type === 'connect') tell<ClientMsg>(await connect(cmd.url, cmd.visitors));
    if (cmd.type === 'run') tell<ClientMsg>({ type: 'result', result: await run(cmd) });
    if (cmd.type === 'close') {
      for (const v of visitors) v.socket.disconnect();
      visitors = [];
      tell<ClientMsg>({ type: 'closed' });
    }
  })();
});
process.on('disconnect', () => process.exit(0));
